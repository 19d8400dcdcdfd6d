function demo() {
  const bigArrayBuffer = new ArrayBuffer(100_000_000);
  const id = setTimeout(() => {
    console.log(bigArrayBuffer.byteLength);
  }, 1000);

  // expect: LL005
  return () => clearTimeout(id);
}

globalThis.cancelDemo = demo();
