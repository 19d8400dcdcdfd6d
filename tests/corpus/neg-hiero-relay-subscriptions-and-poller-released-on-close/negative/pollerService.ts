import { Eth, Relay } from '../../relay';

export interface Poll {
  tag: string;
  callback: (...args: unknown[]) => unknown;
  lastPolled?: string;
}

export class PollerService {
  private readonly eth: Eth;
  private polls: Poll[] = [];
  private interval?: NodeJS.Timeout;
  private latestBlock?: string;

  constructor(relay: Relay, private readonly pollingInterval: number) {
    this.eth = relay.eth();
  }

  private poll() {
    this.polls.forEach(async (poll) => {
      const { filters } = JSON.parse(poll.tag);
      const data = await this.eth.getLogs({ fromBlock: poll.lastPolled || this.latestBlock || 'latest', toBlock: 'latest', address: filters?.address || null });
      poll.lastPolled = this.latestBlock;
      data.forEach((d) => poll.callback(d));
    });
  }

  public start() {
    this.interval = setInterval(async () => {
      this.latestBlock = await this.eth.blockNumber();
      this.poll();
    }, this.pollingInterval);
  }

  public stop() {
    if (this.isPolling()) {
      clearInterval(this.interval);
      delete this.interval;
    }
  }

  public add(tag: string, callback: (...args: unknown[]) => unknown) {
    if (!this.hasPoll(tag)) {
      this.polls.push({ tag, callback });
    }
    if (!this.isPolling()) {
      this.start();
    }
  }

  public remove(tag: string) {
    this.polls = this.polls.filter((p) => p.tag !== tag);
    if (!this.polls.length) {
      this.stop();
    }
  }

  public hasPoll(tag: string): boolean {
    return this.polls.some((p) => p.tag === tag);
  }

  public isPolling() {
    return !!this.interval;
  }
}
