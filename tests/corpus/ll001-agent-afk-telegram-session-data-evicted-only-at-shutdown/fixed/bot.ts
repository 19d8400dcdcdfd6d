import { Bot } from 'grammy';
import { SessionManager, type SessionManagerOptions } from './session-manager.js';
import type { TelegramRoute } from './route.js';

export class TelegramBot {
  private bot: Bot;
  private sessionManager: SessionManager;

  constructor(token: string, options: SessionManagerOptions) {
    this.bot = new Bot(token);
    this.sessionManager = new SessionManager(options);

    this.bot.on('message:text', async (ctx) => {
      const route: TelegramRoute = { chatId: ctx.chat.id, threadId: ctx.message.message_thread_id };
      const session = await this.sessionManager.getSession(route);
      await ctx.reply(`session ${session.sessionId ?? 'new'}`);
    });

    this.bot.command('clear', async (ctx) => {
      await this.sessionManager.resetSession({ chatId: ctx.chat.id, threadId: ctx.message?.message_thread_id });
      await ctx.reply('Cleared.');
    });
  }

  async start(): Promise<void> {
    await this.bot.start();
  }

  async stop(): Promise<void> {
    await this.bot.stop();
    await this.sessionManager.closeAll();
  }
}
