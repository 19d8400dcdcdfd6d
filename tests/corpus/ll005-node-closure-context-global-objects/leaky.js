global.objects = [];

function run(bigData) {
  const innerData = Buffer.alloc(100);

  void (function () {
    void bigData;
    void innerData;

    const object = {};
    // expect: LL005
    object.test = function () {
      // does nothing, yet its context holds bigData and innerData
    };

    global.objects.push(object);
  })();
}

for (let i = 0; i < 100; i++) {
  run(Buffer.alloc(1000));
}
