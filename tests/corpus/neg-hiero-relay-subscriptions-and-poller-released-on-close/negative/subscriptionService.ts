import crypto from 'crypto';
import { Relay } from '../../relay';
import { PollerService } from './pollerService';

interface Subscriber {
  subscriptionId: string;
  connection: any;
}

export class SubscriptionService {
  private readonly pollerService: PollerService;
  private subscriptions: { [key: string]: Subscriber[] } = {};

  constructor(relay: Relay) {
    this.pollerService = new PollerService(relay, 500);
  }

  public generateId() {
    return '0x' + crypto.randomBytes(16).toString('hex');
  }

  public subscribe(connection, event: string, filters?: object) {
    const tag = JSON.stringify(filters ? { event, filters } : { event });
    if (!this.subscriptions[tag]) {
      this.subscriptions[tag] = [];
    }
    const subId = this.generateId();
    this.subscriptions[tag].push({ subscriptionId: subId, connection });
    this.pollerService.add(tag, this.notifySubscribers.bind(this, tag));
    return subId;
  }

  public unsubscribe(connection, subId?: string) {
    let subCount = 0;
    for (const [tag, subs] of Object.entries(this.subscriptions)) {
      this.subscriptions[tag] = subs.filter((sub) => {
        const match = sub.connection.id === connection.id && (!subId || subId === sub.subscriptionId);
        if (match) subCount++;
        return !match;
      });
      if (!this.subscriptions[tag].length) {
        delete this.subscriptions[tag];
        this.pollerService.remove(tag);
      }
    }
    return subCount;
  }

  public notifySubscribers(tag, data) {
    (this.subscriptions[tag] || []).forEach((sub) => {
      sub.connection.send(JSON.stringify({ jsonrpc: '2.0', method: 'eth_subscription', params: { result: data, subscription: sub.subscriptionId } }));
    });
  }
}
