function demo() {
  const byteLength = new ArrayBuffer(100_000_000).byteLength;
  const id = setTimeout(() => {
    console.log(byteLength);
  }, 1000);

  return () => clearTimeout(id);
}

globalThis.cancelDemo = demo();
