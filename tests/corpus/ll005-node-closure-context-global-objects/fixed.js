global.objects = [];

function test() {
  // does nothing, and is created once, outside any call of run()
}

function run(bigData) {
  const innerData = Buffer.alloc(100);

  void (function () {
    void bigData;
    void innerData;
  })();

  global.objects.push({ test });
}

for (let i = 0; i < 100; i++) {
  run(Buffer.alloc(1000));
}
