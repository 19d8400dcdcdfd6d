const BotClient = require('./client');

const client = new BotClient();
client.login(process.env.TOKEN).then(() => console.log('logged in'));
