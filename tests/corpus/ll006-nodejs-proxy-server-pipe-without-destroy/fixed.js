const net = require("net");
const { pipeline } = require("stream");
const server = net.createServer();

server.on("connection", (clientToProxySocket) => {
    console.log("Client connected to proxy");
    clientToProxySocket.once("data", (data) => {
        let isTLSConnection = data.toString().indexOf("CONNECT") !== -1;

        let serverPort = 80;
        let serverAddress;
        if (isTLSConnection) {
            serverPort = 443;
            serverAddress = data.toString().split("CONNECT")[1].split(" ")[1].split(":")[0];
        } else {
            serverAddress = data.toString().split("Host: ")[1].split("\r\n")[0];
        }

        let proxyToServerSocket = net.createConnection(
            { host: serverAddress, port: serverPort },
            () => console.log("Proxy to server set up")
        );

        if (isTLSConnection) {
            clientToProxySocket.write("HTTP/1.1 200 OK\r\n\r\n");
        } else {
            proxyToServerSocket.write(data);
        }

        pipeline(clientToProxySocket, proxyToServerSocket, (err) => {
            if (err) console.log("Client to proxy error", err);
        });
        pipeline(proxyToServerSocket, clientToProxySocket, (err) => {
            if (err) console.log("Proxy to server error", err);
        });
    });
});

server.on("error", (err) => {
    console.log("Some internal server error occurred");
    console.log(err);
});

server.listen({ host: "0.0.0.0", port: 8080 }, () => {
    console.log("Server listening on 0.0.0.0:8080");
});
