import http from "node:http";
import { onOrder } from "./bus.js";

http.createServer((req, res) => {
    onOrder((order) => res.write(JSON.stringify(order)));
}).listen(8080);
