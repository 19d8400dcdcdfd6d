import React, { Component } from 'react';
import { Text, View } from 'react-native';
import { formatTimeString } from './utils';

class Timer extends Component {
  constructor(props) {
    super(props);
    this.state = { remainingTime: props.totalDuration };
    this.start = this.start.bind(this);
    this.stop = this.stop.bind(this);
  }

  componentDidMount() {
    if (this.props.start) {
      this.start();
    }
  }

  componentWillUnmount() {
    this.stop();
  }

  start() {
    const handleFinish = this.props.handleFinish ? this.props.handleFinish : () => alert('Timer Finished');
    const endTime = new Date().getTime() + this.state.remainingTime;
    this.interval = setInterval(() => {
      const remaining = endTime - new Date();
      if (remaining <= 1000) {
        this.setState({ remainingTime: 0 });
        this.stop();
        handleFinish();
        return;
      }
      this.setState({ remainingTime: remaining });
    }, 1);
  }

  stop() {
    clearInterval(this.interval);
  }

  render() {
    return (
      <View>
        <Text>{formatTimeString(this.state.remainingTime, this.props.msecs)}</Text>
      </View>
    );
  }
}

export default Timer;
