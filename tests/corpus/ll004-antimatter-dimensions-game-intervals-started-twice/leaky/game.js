"use strict";

function gameLoop(diff) {
  player.totalTimePlayed += diff || player.options.updateRate;
  GameUI.update();
}

function simulateTime(seconds) {
  const ticks = Math.floor(seconds * 1000 / 50);
  Async.run(() => gameLoop(50), ticks, {
    batchSize: 1,
    asyncEntry: () => {
      GameIntervals.stop();
      ui.modal.progressBar = { label: "Simulating offline time...", current: 0, max: ticks };
    },
    asyncProgress: doneSoFar => {
      ui.modal.progressBar.current = doneSoFar;
    },
    asyncExit: () => {
      ui.modal.progressBar = undefined;
      GameIntervals.start();
    }
  });
}

window.onload = function() {
  GameUI.initialized = true;
  GameIntervals.start();
  const offline = (Date.now() - player.lastUpdate) / 1000;
  if (offline > 60) simulateTime(offline);
};
