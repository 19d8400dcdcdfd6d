import * as readline from 'readline';
import * as inquirer from 'inquirer';
const MuteStream = require('mute-stream');

export class Prompter {
  private reader: readline.Interface | null = null;
  private muted: any = null;

  public async ask(questions: object[]): Promise<object> {
    try {
      this.muteStdout();
      return await inquirer.prompt(questions);
    } finally {
      this.unmuteStdout();
    }
  }

  private muteStdout(): void {
    process.stdin.setRawMode(true);
    this.muted = new MuteStream();
    this.muted.pipe(process.stdout);
    this.muted.mute();
    this.reader = readline.createInterface({ input: process.stdin, output: this.muted });
    this.reader.on('SIGINT', () => process.exit());
  }

  private unmuteStdout(): void {
    process.stdin.setRawMode(false);
    if (this.muted) {
      this.muted.unmute();
      this.muted.unpipe(process.stdout);
      this.muted = null;
      this.reader?.close();
    }
  }
}
