const Keyv = require('keyv');

const QuickLRU = require('quick-lru');

// A bounded store: the least recently used entries are dropped past maxSize, expired or not.
const keyv = new Keyv({ store: new QuickLRU({ maxSize: 10000 }) });

module.exports.createTicket = async function createTicket(interaction) {
  const rateLimitKey = `ratelimits/guild-user:${interaction.guildId}-${interaction.user.id}`;
  if (await keyv.get(rateLimitKey)) {
    return interaction.reply({ content: 'Please wait a few seconds.', ephemeral: true });
  }
  await keyv.set(rateLimitKey, true, 5000);
  const channel = await interaction.guild.channels.create({ name: `ticket-${interaction.user.username}` });
  await keyv.set(`offline/${channel.id}`, Date.now(), 60 * 60 * 1000);
  return channel;
};
