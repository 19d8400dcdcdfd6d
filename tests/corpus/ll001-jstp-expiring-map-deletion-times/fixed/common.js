'use strict';

// A Map that postpones deletions: delete() schedules the key for removal and
// a get() before the purge cancels it.
class ExpiringMap extends Map {
  constructor(interval, ...args) {
    super(...args);
    this._interval = interval;
    this._timer = setInterval(() => this._purge(), interval).unref();
    this._deletionTimes = new Map();
  }

  _purge() {
    const purgeTime = Date.now();
    this._deletionTimes.forEach((delTime, key) => {
      if (purgeTime - delTime > this._interval) {
        super.delete(key);
        this._deletionTimes.delete(key);
      }
    });
  }

  get(key) {
    this._deletionTimes.delete(key);
    return super.get(key);
  }

  delete(key) {
    this._deletionTimes.set(key, Date.now());
  }
}

module.exports = { ExpiringMap };
