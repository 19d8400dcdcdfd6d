const React = require('react');

const KdockPanel = React.createClass({
  getInitialState() {
    return { docks: [], now: Date.now() };
  },
  handleResponse(e) {
    this.setState({ docks: e.detail.body.api_kdock || this.state.docks });
  },
  handleVisibleResponse(e) {
    this.setState({ visible: e.detail.visible });
  },
  updateCountdown() {
    this.setState({ now: Date.now() });
  },
  componentDidMount() {
    window.addEventListener('game.response', this.handleResponse);
    window.addEventListener('view.main.visible', this.handleVisibleResponse);
    this.intervalId = setInterval(this.updateCountdown, 1000);
  },
  componentWillUnmount() {
    window.removeEventListener('game.response', this.handleResponse);
    window.removeEventListener('view.main.visible', this.handleVisibleResponse);
    clearInterval(this.intervalId);
  },
  render() {
    return <div>{this.state.docks.map((d) => <span key={d.api_id}>{d.api_complete_time - this.state.now}</span>)}</div>;
  },
});

module.exports = KdockPanel;
