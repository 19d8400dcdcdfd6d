"use strict";

const GameIntervals = (function() {
  const interval = (handler, timeout) => {
    let id = -1;
    return {
      start() {
        // starts the interval if it is not running, and does nothing if it is
        if (!this.isStarted) {
          id = setInterval(handler, typeof timeout === "function" ? timeout() : timeout);
        }
      },
      get isStarted() {
        return id !== -1;
      },
      stop() {
        clearInterval(id);
        id = -1;
      },
      restart() {
        this.stop();
        this.start();
      }
    };
  };
  return {
    all() {
      return Object.values(GameIntervals)
        .filter(i => i.hasOwnProperty("start") && i.hasOwnProperty("stop"));
    },
    start() {
      for (const each of this.all()) {
        each.start();
      }
    },
    stop() {
      for (const each of this.all()) {
        each.stop();
      }
    },
    gameLoop: interval(() => gameLoop(), () => player.options.updateRate),
    save: interval(() => GameStorage.save(), 30000),
    checkForUpdates: interval(() => {
      fetch("version.txt")
        .then(response => response.json())
        .then(json => {
          if (json.version > player.version) Modal.message.show(json.message);
        });
    }, 60000)
  };
}());
