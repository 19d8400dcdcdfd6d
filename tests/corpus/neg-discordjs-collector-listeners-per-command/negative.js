const { Client, GatewayIntentBits, ActionRowBuilder, ButtonBuilder, ButtonStyle } = require('discord.js');

const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });

client.on('messageCreate', async (message) => {
  if (message.author.bot || message.content !== '!vote') return;

  const row = new ActionRowBuilder().addComponents(
    new ButtonBuilder().setCustomId('yes').setLabel('Yes').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId('no').setLabel('No').setStyle(ButtonStyle.Danger),
  );
  const prompt = await message.reply({ content: 'Vote!', components: [row] });

  // a collector per command; it stops after 15 s or 5 votes and then drops its listeners
  const collector = prompt.createMessageComponentCollector({ max: 5, time: 15000 });
  const votes = { yes: 0, no: 0 };

  collector.on('collect', (interaction) => {
    votes[interaction.customId] += 1;
    interaction.reply({ content: 'Counted.', ephemeral: true });
  });

  collector.on('end', () => {
    prompt.edit({ content: `Yes ${votes.yes}, no ${votes.no}`, components: [] });
  });
});

client.login(process.env.DISCORD_TOKEN);
