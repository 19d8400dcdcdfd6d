const http = require('http');
const chalk = require('chalk');

class ChatsMobile {
  constructor(options = {}) {
    this.options = options;
    this.port = options.port || 9876;
    this.httpServer = null;
  }

  async startServer() {
    this.httpServer = http.createServer((req, res) => {
      res.end('chats');
    });
    await new Promise((resolve) => this.httpServer.listen(this.port, resolve));
    this.localUrl = `http://localhost:${this.port}`;
  }

  async stop() {
    if (this.httpServer) {
      await new Promise((resolve) => {
        this.httpServer.close(resolve);
      });
    }
    console.log(chalk.gray('🛑 Chats Mobile server stopped'));
  }
}

async function startChatsMobile(options = {}) {
  console.log(chalk.blue('📱 Starting Claude Code Chats Mobile...'));

  const chatsMobile = new ChatsMobile(options);

  try {
    await chatsMobile.startServer();
    console.log(chalk.cyan(`📱 Local access: ${chatsMobile.localUrl}`));
    console.log(chalk.gray('Press Ctrl+C to stop'));

    // Handle graceful shutdown
    process.on('SIGINT', async () => {
      console.log(chalk.yellow('\n🛑 Shutting down...'));
      await chatsMobile.stop();
      process.exit(0);
    });
  } catch (error) {
    console.error(chalk.red('❌ Failed to start Chats Mobile:'), error);
    process.exit(1);
  }
}

module.exports = { ChatsMobile, startChatsMobile };
