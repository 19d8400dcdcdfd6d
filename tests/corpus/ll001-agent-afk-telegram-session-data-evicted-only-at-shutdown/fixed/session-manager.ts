import { routeKey, type TelegramRoute } from './route.js';

export interface IAgentSession {
  sessionId?: string;
  close(): Promise<void>;
}

export interface SessionData {
  route: TelegramRoute;
  model: string;
  cwd: string;
  lastActivity: string;
}

export interface SessionManagerOptions {
  defaultModel: string;
  defaultCwd: string;
  createSession(config: { model: string; cwd: string }): Promise<IAgentSession>;
}

export class SessionManager {
  private sessions = new Map<string, IAgentSession>();
  private sessionData = new Map<string, SessionData>();
  private evictionTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: SessionManagerOptions) {
    this.evictionTimer = setInterval(() => this._evictStaleSessionData(), 60 * 60 * 1000);
    this.evictionTimer.unref();
  }

  async getSession(route: TelegramRoute): Promise<IAgentSession> {
    const key = routeKey(route);
    let data = this.sessionData.get(key);
    if (!data) {
      data = { route, model: this.options.defaultModel, cwd: this.options.defaultCwd, lastActivity: '' };
    }
    data.lastActivity = new Date().toISOString();

    const live = this.sessions.get(key);
    if (live) return live;

    const session = await this.options.createSession({ model: data.model, cwd: data.cwd });
    this.sessions.set(key, session);
    this.sessionData.set(key, data);
    return session;
  }

  async resetSession(route: TelegramRoute): Promise<void> {
    const key = routeKey(route);
    const oldSession = this.sessions.get(key);
    if (oldSession) {
      await oldSession.close();
      this.sessions.delete(key);
    }
    // keep the route's settings; a new session is made on the next message
    const data = this.sessionData.get(key);
    if (data) data.lastActivity = new Date().toISOString();
  }

  async switchModel(route: TelegramRoute, model: string): Promise<void> {
    await this.resetSession(route);
    const data = this.sessionData.get(routeKey(route));
    if (data) data.model = model;
  }

  private _evictStaleSessionData(maxAgeMs = 24 * 60 * 60 * 1000): void {
    const now = Date.now();
    for (const [key, data] of this.sessionData) {
      if (this.sessions.has(key)) continue;
      if (now - new Date(data.lastActivity).getTime() > maxAgeMs) this.sessionData.delete(key);
    }
  }

  async closeAll(): Promise<void> {
    if (this.evictionTimer) {
      clearInterval(this.evictionTimer);
      this.evictionTimer = null;
    }
    this._evictStaleSessionData();
    await Promise.all(Array.from(this.sessions.values()).map(s => s.close().catch(() => {})));
    this.sessions.clear();
  }

  getChatCount(): number {
    return this.sessionData.size;
  }
}
