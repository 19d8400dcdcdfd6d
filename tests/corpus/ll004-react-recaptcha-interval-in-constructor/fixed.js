import React, { Component } from 'react';

const isReady = () => typeof window !== 'undefined' && typeof window.grecaptcha !== 'undefined';

let readyCheck;

export default class Recaptcha extends Component {
  constructor(props) {
    super(props);
    this._renderGrecaptcha = this._renderGrecaptcha.bind(this);
    this._updateReadyState = this._updateReadyState.bind(this);
    this.state = { ready: isReady(), widget: null };
  }

  componentDidMount() {
    // Only in the browser: the server never mounts, so it never starts the timer.
    if (this.state.ready) {
      this._renderGrecaptcha();
    } else {
      readyCheck = setInterval(this._updateReadyState, 1000);
    }
  }

  componentWillUnmount() {
    clearInterval(readyCheck);
  }

  _updateReadyState() {
    if (isReady()) {
      this.setState({ ready: true });
      clearInterval(readyCheck);
    }
  }

  _renderGrecaptcha() {
    this.setState({ widget: window.grecaptcha.render(this.props.elementID, { sitekey: this.props.sitekey }) });
  }

  render() {
    return <div id={this.props.elementID} className="g-recaptcha" />;
  }
}
