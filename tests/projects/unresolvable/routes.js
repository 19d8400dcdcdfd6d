import { remember } from "./missing-cache.js";
import { store } from "some-package";
import config from "./config.json";

export function mount(app) {
    app.post("/login", (req, res) => {
        remember(req.body.id, req.body);
        store(req.body.id, config);
        res.end();
    });
}
