(function (workerScript) {
  var worker,
    // expect: LL001
    fakeIdToCallback = {},
    lastFakeId = 0;

  function getFakeId() {
    lastFakeId++;
    return lastFakeId;
  }

  worker = new Worker(workerScript);

  window.setTimeout = function (callback, time) {
    var fakeId = getFakeId();
    fakeIdToCallback[fakeId] = {
      callback: callback,
      parameters: Array.prototype.slice.call(arguments, 2),
    };
    worker.postMessage({ name: 'setTimeout', fakeId: fakeId, time: time });
    return fakeId;
  };

  window.clearTimeout = function (fakeId) {
    if (fakeIdToCallback.hasOwnProperty(fakeId)) {
      delete fakeIdToCallback[fakeId];
      worker.postMessage({ name: 'clearTimeout', fakeId: fakeId });
    }
  };

  worker.onmessage = function (event) {
    var request = fakeIdToCallback[event.data.fakeId];
    if (!request) return;
    request.callback.apply(window, request.parameters);
  };
})('HackTimerWorker.js');
