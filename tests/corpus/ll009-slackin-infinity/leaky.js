import { EventEmitter } from 'events';

class SlackData extends EventEmitter {
  constructor(org) {
    super();
    this.org = org;
    this.users = {};
  }
}

export const slack = new SlackData(process.env.SLACK_ORG);
// expect: LL009
slack.setMaxListeners(Infinity);

export function badge(req, res) {
  // expect: LL002
  slack.on('change', () => res.write(JSON.stringify(slack.users)));
}
