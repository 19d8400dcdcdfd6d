class RequestManager {
  constructor(timeoutMs = 30000) {
    this.timeoutMs = timeoutMs;
    this.pendingRequests = new Map();
    this.nextId = 0;
  }

  withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('Request timed out')), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  request(url, options) {
    const id = this.nextId++;
    const pending = this.withTimeout(fetch(url, options), this.timeoutMs)
      .then((response) => response.json())
      .finally(() => {
        this.pendingRequests.delete(id);
      });
    this.pendingRequests.set(id, pending);
    return pending;
  }
}

export default new RequestManager();
