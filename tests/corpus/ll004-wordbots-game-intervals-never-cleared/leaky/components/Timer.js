import React, { Component } from 'react';
import { string, bool, func } from 'prop-types';

import { DISABLE_TURN_TIMER } from '../constants';

export default class Timer extends Component {
  static propTypes = {
    player: string,
    currentTurn: string,
    gameOver: bool,
    isTutorial: bool,
    isMyTurn: bool,
    onPassTurn: func
  };

  constructor(props) {
    super(props);
    this.state = { timer: '1:30' };
  }

  componentDidMount() {
    this.resetTimer();
    // expect: LL004
    setInterval(() => {
      if (!this.props.gameOver && !this.props.isTutorial && !DISABLE_TURN_TIMER) {
        this.tickTimer();
      }
    }, 1000);
  }

  componentDidUpdate(prevProps) {
    if (prevProps.currentTurn !== this.props.currentTurn) {
      this.resetTimer();
    }
  }

  resetTimer() {
    this.setState({ timer: '1:30' });
  }

  tickTimer() {
    const [, minutes, seconds] = this.state.timer.match(/(.):(..)/).map(num => parseInt(num));
    if (minutes === 0 && seconds === 0) {
      if (this.props.isMyTurn) {
        this.props.onPassTurn(this.props.player);
      }
      return;
    }
    const left = minutes * 60 + seconds - 1;
    this.setState({ timer: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` });
  }

  render() {
    return this.props.isTutorial ? null : <div className="timer">{this.state.timer}</div>;
  }
}
