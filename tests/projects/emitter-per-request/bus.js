import { EventEmitter } from "node:events";

export const orders = new EventEmitter();

export function onOrder(listener) {
    orders.on("order", listener);
}
