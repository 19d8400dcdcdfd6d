#!/usr/bin/env node
const { program } = require('commander');
const { createClaudeConfig } = require('../src/index');

program
  .option('--analytics', 'launch the analytics dashboard')
  .option('--chats', 'launch the mobile chats interface')
  .option('--chats-mobile', 'launch the mobile chats interface')
  .action(async (options) => {
    await createClaudeConfig(options);
  });

program.parse(process.argv);
