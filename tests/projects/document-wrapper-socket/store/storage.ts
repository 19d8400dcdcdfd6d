export async function loadDocument(name: string) {
  return { name, body: "" };
}
