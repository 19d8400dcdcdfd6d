import express from 'express';

type PendingLink = { id: string; name: string; tokens: unknown };

export class AuthSite {
  private static instance: AuthSite;
  private app = express();
  // expect: LL001
  public TempStore: Map<string, PendingLink> = new Map();

  private constructor() {
    this.app.get('/discord-callback', this.discordCallback.bind(this));
    this.app.get('/nexus-callback', this.nexusCallback.bind(this));
    this.app.listen(3000);
  }

  static getInstance(): AuthSite {
    if (!AuthSite.instance) AuthSite.instance = new AuthSite();
    return AuthSite.instance;
  }

  async discordCallback(req: express.Request, res: express.Response) {
    const { clientState } = req.signedCookies;
    const tokens = await exchangeCode(req.query['code'] as string);
    const me = await fetchDiscordUser(tokens);
    this.TempStore.set(clientState, { id: me.id, name: me.username, tokens });
    res.redirect('/nexus-oauth?state=' + clientState);
  }

  async nexusCallback(req: express.Request, res: express.Response) {
    const { clientState } = req.signedCookies;
    const discordData = this.TempStore.get(clientState);
    if (!discordData) {
      res.sendStatus(403);
      return;
    }
    await linkAccounts(discordData, req.query['code'] as string);
    res.redirect('/success');
  }
}

declare function exchangeCode(code: string): Promise<unknown>;
declare function fetchDiscordUser(tokens: unknown): Promise<{ id: string; username: string }>;
declare function linkAccounts(data: PendingLink, code: string): Promise<void>;
