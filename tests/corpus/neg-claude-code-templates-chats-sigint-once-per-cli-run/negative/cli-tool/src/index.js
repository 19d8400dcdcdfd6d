const chalk = require('chalk');
const { startChatsMobile } = require('./chats-mobile');
const { runAnalytics } = require('./analytics');

async function createClaudeConfig(options = {}) {
  if (options.analytics) {
    await runAnalytics(options);
    return;
  }

  // Handle chats dashboard (now points to mobile chats interface)
  if (options.chats) {
    await startChatsMobile(options);
    return;
  }

  // Handle mobile chats interface
  if (options.chatsMobile) {
    await startChatsMobile(options);
    return;
  }

  console.log(chalk.yellow('Nothing to do'));
}

module.exports = { createClaudeConfig };
