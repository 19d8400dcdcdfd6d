import { PostHogAPIClient } from "./posthog-api.js";
import { SessionLogWriter } from "./session-log-writer.js";

export interface AgentConfig {
  posthog?: { apiUrl: string; projectId: number };
  debug?: boolean;
}

export class Agent {
  private posthogAPI?: PostHogAPIClient;
  private taskRunId?: string;
  private sessionLogWriter?: SessionLogWriter;

  constructor(config: AgentConfig) {
    if (config.posthog) {
      this.posthogAPI = new PostHogAPIClient(config.posthog);
      this.sessionLogWriter = new SessionLogWriter(this.posthogAPI);
    }
  }

  async run(taskId: string, taskRunId: string): Promise<void> {
    this.taskRunId = taskRunId;
    this.sessionLogWriter?.register(taskRunId, { taskId, runId: taskRunId });
  }

  async cleanup(): Promise<void> {
    this.taskRunId = undefined;
  }
}
