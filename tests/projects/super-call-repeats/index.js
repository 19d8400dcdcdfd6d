const express = require('express');
const BotClient = require('./client');

const client = new BotClient();
const app = express();

// Every request logs the one client in again: each login starts one more interval.
app.post('/relogin', async (req, res) => {
	await client.login(req.body.token);
	res.sendStatus(204);
});
app.listen(3000);
