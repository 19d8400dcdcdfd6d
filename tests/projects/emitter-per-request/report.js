import { orders } from "./bus.js";

export function watch(app) {
    app.get("/orders/stream", (req, res) => {
        orders.on("order", (order) => res.write(order.id));
    });
}
