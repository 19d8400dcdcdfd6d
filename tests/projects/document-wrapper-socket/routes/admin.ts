import { closeDocument } from "../store/documents";

export function mountAdmin(app: any) {
  app.delete("/admin/documents/:documentId", (req: any, res: any) => {
    closeDocument(req.params.documentId);
    res.sendStatus(204);
  });
}
