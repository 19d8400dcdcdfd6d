import { loadDocument } from "./storage";

const MAX_OPEN = 500;
const order: string[] = [];

// The documents opened most recently, at most MAX_OPEN of them.
const openDocuments: Record<string, any> = {
  lookup(documentId: string) {
    return this[`#${documentId}`];
  },
  store(documentId: string, document: unknown) {
    this[`#${documentId}`] = document;
  },
  discard(documentId: string) {
    delete this[`#${documentId}`];
  },
};

export async function openDocument(documentId: string) {
  let document = openDocuments.lookup(documentId);
  if (document) return document;
  document = await loadDocument(documentId);
  openDocuments.store(documentId, document);
  order.push(documentId);
  if (order.length > MAX_OPEN) openDocuments.discard(order.shift() as string);
  return document;
}
