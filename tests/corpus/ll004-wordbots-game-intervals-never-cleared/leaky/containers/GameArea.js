import React, { Component } from 'react';
import { bool, func, string } from 'prop-types';
import { connect } from 'react-redux';
import { withRouter } from 'react-router';

import { AI_RESPONSE_TIME_MS, ANIMATION_TIME_MS } from '../constants';
import Board from '../components/Board';
import Timer from '../components/Timer';
import * as gameActions from '../actions/game';

function animate(fns) {
  if (fns.length > 0) {
    const [first, ...rest] = fns;
    first();
    setTimeout(() => animate(rest), ANIMATION_TIME_MS);
  }
}

export class GameArea extends Component {
  static propTypes = {
    started: bool,
    isPractice: bool,
    winner: string,
    currentTurn: string,
    sidebarOpen: bool,
    onAIResponse: func,
    onAttackRetract: func,
    onAttackComplete: func
  };

  constructor(props) {
    super(props);

    this.state = {
      areaHeight: 1250,
      boardSize: 1000
    };

    if (!props.started) {
      this.props.history.push('/play');
    }

    // expect: LL004
    setInterval(() => {
      if (this.props.isPractice && !this.props.winner && this.props.currentTurn === 'blue') {
        animate([
          props.onAIResponse,
          props.onAttackRetract,
          props.onAttackComplete
        ]);
      }
    }, AI_RESPONSE_TIME_MS);
  }

  componentDidMount() {
    this.updateDimensions();
    window.onresize = () => { this.updateDimensions(); };
  }

  componentWillReceiveProps(nextProps) {
    if (nextProps.sidebarOpen !== this.props.sidebarOpen) {
      this.updateDimensions(nextProps);
    }
  }

  updateDimensions(props = this.props) {
    const maxBoardHeight = window.innerHeight - 64 - 150;
    const maxBoardWidth = window.innerWidth - (props.sidebarOpen ? 512 : 256);
    this.setState({
      areaHeight: window.innerHeight - 64,
      boardSize: Math.min(maxBoardWidth, maxBoardHeight)
    });
  }

  render() {
    return (
      <div style={{ height: this.state.areaHeight }}>
        <Timer {...this.props} />
        <Board size={this.state.boardSize} {...this.props} />
      </div>
    );
  }
}

function mapStateToProps(state) {
  return {
    started: state.game.started,
    isPractice: state.game.practice,
    winner: state.game.winner,
    currentTurn: state.game.currentTurn,
    sidebarOpen: state.global.sidebarOpen
  };
}

function mapDispatchToProps(dispatch) {
  return {
    onAIResponse: () => dispatch(gameActions.aiResponse()),
    onAttackRetract: () => dispatch(gameActions.attackRetract()),
    onAttackComplete: () => dispatch(gameActions.attackComplete())
  };
}

export default withRouter(connect(mapStateToProps, mapDispatchToProps)(GameArea));
