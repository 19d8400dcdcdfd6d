import { Agent } from "@posthog/agent";

interface ManagedSession {
  taskRunId: string;
  agent: Agent;
}

export class AgentService {
  private sessions = new Map<string, ManagedSession>();

  async startSession(params: { taskId: string; taskRunId: string; apiHost: string; projectId: number }) {
    const existing = this.sessions.get(params.taskRunId);
    if (existing) {
      return existing;
    }
    const agent = new Agent({ posthog: { apiUrl: params.apiHost, projectId: params.projectId } });
    await agent.run(params.taskId, params.taskRunId);
    const session = { taskRunId: params.taskRunId, agent };
    this.sessions.set(params.taskRunId, session);
    return session;
  }

  async cancelSession(taskRunId: string): Promise<boolean> {
    const session = this.sessions.get(taskRunId);
    if (!session) return false;
    await session.agent.cleanup();
    this.sessions.delete(taskRunId);
    return true;
  }

  async cleanupAll(): Promise<void> {
    for (const session of this.sessions.values()) {
      try {
        await session.agent.flushAllLogs();
      } catch {
        console.debug("Failed to flush session logs during shutdown");
      }
    }
    for (const taskRunId of [...this.sessions.keys()]) {
      await this.cancelSession(taskRunId);
    }
  }
}

export const agentService = new AgentService();
