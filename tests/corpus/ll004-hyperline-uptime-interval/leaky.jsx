import React from 'react';
import os from 'os';

function formatUptime(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `${hours}h ${minutes}m`;
}

export default class Uptime extends React.Component {
  constructor(props) {
    super(props);
    this.state = { uptime: formatUptime(os.uptime()) };
  }

  componentDidMount() {
    // expect: LL004
    setInterval(() => {
      this.setState({ uptime: formatUptime(os.uptime()) });
    }, 60 * 1000);
  }

  render() {
    return <div className="uptime">{this.state.uptime}</div>;
  }
}
