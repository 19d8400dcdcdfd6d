import { EventEmitter } from 'events';

class SlackData extends EventEmitter {
  constructor(org) {
    super();
    this.org = org;
    this.users = {};
  }
}

export const slack = new SlackData(process.env.SLACK_ORG);

export function badge(req, res) {
  const onChange = () => res.write(JSON.stringify(slack.users));
  slack.on('change', onChange);
  req.on('close', () => slack.off('change', onChange));
}
