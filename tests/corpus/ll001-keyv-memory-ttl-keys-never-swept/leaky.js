const Keyv = require('keyv');

// No store given: keyv keeps entries in an in-memory Map. A TTL is checked only when the key is
// read again, so an expired entry whose key is never read again stays for the life of the bot.
// expect: LL001
const keyv = new Keyv();

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
