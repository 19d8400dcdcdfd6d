import * as services from "../services";
import { track, audit } from "../services/index.js";

export default function register(app) {
    app.get("/profile/:id", (req, res) => {
        track(req.path);
        audit("profile viewed");
        res.json(services.loadProfile(req.params.id));
    });
}
