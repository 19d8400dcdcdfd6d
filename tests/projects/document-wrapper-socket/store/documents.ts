import { loadDocument } from "./storage";

// Every document opened since start-up, under a prefixed key so that
// names like "constructor" cannot clash with the object's own members.
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
  return document;
}

// used when a document is deleted for good
export function closeDocument(documentId: string) {
  openDocuments.discard(documentId);
}
