const { Client: BaseClient } = require('chat-sdk');

// The bot's one client: its `login()` also runs the SDK's own `login()` through `super`.
module.exports = class BotClient extends BaseClient {
	async login(token) {
		setInterval(() => this.compactDatabase(), 6 * 60 * 60 * 1000);
		return super.login(token);
	}

	compactDatabase() {
		return this.db.run('VACUUM');
	}
};
