import type { PostHogAPIClient } from "./posthog-api.js";

export interface SessionLogConfig {
  taskId: string;
  runId: string;
}

export class SessionLogWriter {
  private posthogAPI?: PostHogAPIClient;
  private pendingEntries: Map<string, object[]> = new Map();
  private configs: Map<string, SessionLogConfig> = new Map();

  constructor(posthogAPI?: PostHogAPIClient) {
    this.posthogAPI = posthogAPI;
  }

  async flushAll(): Promise<void> {
    const flushPromises: Promise<void>[] = [];
    for (const sessionId of this.configs.keys()) {
      flushPromises.push(this.flush(sessionId));
    }
    await Promise.all(flushPromises);
  }

  register(sessionId: string, config: SessionLogConfig): void {
    this.configs.set(sessionId, config);
  }

  appendRawLine(sessionId: string, line: string): void {
    if (!this.configs.has(sessionId)) return;
    const pending = this.pendingEntries.get(sessionId) ?? [];
    pending.push({ type: "notification", notification: JSON.parse(line) });
    this.pendingEntries.set(sessionId, pending);
  }

  async flush(sessionId: string): Promise<void> {
    const config = this.configs.get(sessionId);
    const pending = this.pendingEntries.get(sessionId);
    if (!config || !pending?.length) return;
    this.pendingEntries.delete(sessionId);
    await this.posthogAPI?.appendTaskRunLog(config.taskId, config.runId, pending);
  }
}
