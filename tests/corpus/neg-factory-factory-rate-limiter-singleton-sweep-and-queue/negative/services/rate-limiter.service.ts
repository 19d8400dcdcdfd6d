interface QueuedRequest {
  id: string;
  priority: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

class RateLimiter {
  private requestTimestamps: number[] = [];
  private requestQueue: QueuedRequest[] = [];
  private pendingTimeouts: Map<string, NodeJS.Timeout> = new Map();
  private cleanupInterval: NodeJS.Timeout | null = null;
  private isProcessingQueue = false;

  constructor(private perMinute = 60, private queueTimeoutMs = 30_000) {
    this.start();
  }

  start(): void {
    if (this.cleanupInterval) return;
    this.cleanupInterval = setInterval(() => this.cleanupOldTimestamps(), 60_000);
  }

  private cleanupOldTimestamps(): void {
    const oneHourAgo = Date.now() - 3_600_000;
    this.requestTimestamps = this.requestTimestamps.filter((ts) => ts > oneHourAgo);
  }

  private isRateLimited(): boolean {
    const cutoff = Date.now() - 60_000;
    return this.requestTimestamps.filter((ts) => ts > cutoff).length >= this.perMinute;
  }

  acquireSlot(agentId: string, priority = 1): Promise<void> {
    if (!this.isRateLimited()) {
      this.requestTimestamps.push(Date.now());
      return Promise.resolve();
    }

    return new Promise<void>((resolve, reject) => {
      const requestId = `${agentId}-${Date.now()}`;
      const request: QueuedRequest = {
        id: requestId,
        priority,
        resolve: () => {
          const timeout = this.pendingTimeouts.get(requestId);
          if (timeout) {
            clearTimeout(timeout);
            this.pendingTimeouts.delete(requestId);
          }
          this.requestTimestamps.push(Date.now());
          resolve();
        },
        reject,
      };
      this.requestQueue.push(request);
      this.processQueue();

      const timeoutId = setTimeout(() => {
        this.pendingTimeouts.delete(requestId);
        const index = this.requestQueue.findIndex((r) => r.id === requestId);
        if (index !== -1) {
          this.requestQueue.splice(index, 1);
          reject(new Error('Rate limit queue timeout'));
        }
      }, this.queueTimeoutMs);
      this.pendingTimeouts.set(requestId, timeoutId);
    });
  }

  private async processQueue(): Promise<void> {
    if (this.isProcessingQueue) return;
    this.isProcessingQueue = true;
    while (this.requestQueue.length > 0) {
      if (this.isRateLimited()) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      this.requestQueue.shift()?.resolve();
    }
    this.isProcessingQueue = false;
  }

  stop(): void {
    if (this.cleanupInterval) {
      clearInterval(this.cleanupInterval);
      this.cleanupInterval = null;
    }
    for (const timeout of this.pendingTimeouts.values()) clearTimeout(timeout);
    this.pendingTimeouts.clear();
    while (this.requestQueue.length > 0) {
      this.requestQueue.shift()?.reject(new Error('Rate limiter shutting down'));
    }
  }
}

export const rateLimiter = new RateLimiter();
