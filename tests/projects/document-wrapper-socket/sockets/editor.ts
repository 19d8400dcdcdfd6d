import { openDocument } from "../store/documents";

export function attachEditor(io: any) {
  io.on("connection", (socket: any) => {
    socket.on("join", async (message: { documentId: string }) => {
      const document = await openDocument(message.documentId);
      socket.emit("contents", document.body);
    });
  });
}
