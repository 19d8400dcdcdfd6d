import React from 'react';

function Timer () {
  let intervalId;
  let running = false;
  let paused = false;
  let ticks = 0;
  const listeners = [];

  function stopTimer () {
    clearInterval(intervalId);
    intervalId = undefined;
    running = false;
    paused = false;
  }

  function startTimer () {
    intervalId = setInterval(updateTimerAndDispatchEvents, 1000);
    running = true;
    paused = false;
  }

  function updateTimerAndDispatchEvents () {
    ticks += 1;
    listeners.forEach((listener) => listener(ticks));
  }

  function start () {
    // a second start() while running does not make a second interval
    if (running) {
      return;
    }
    startTimer();
  }

  function stop () {
    stopTimer();
    ticks = 0;
  }

  function reset () {
    stopTimer();
    ticks = 0;
    startTimer();
  }

  function pause () {
    stopTimer();
    paused = true;
  }

  function onSecondsUpdated (listener) {
    listeners.push(listener);
  }

  this.start = start;
  this.stop = stop;
  this.reset = reset;
  this.pause = pause;
  this.onSecondsUpdated = onSecondsUpdated;
  this.isRunning = () => running;
  this.isPaused = () => paused;
}

export class Clock extends React.Component {
  constructor (props) {
    super(props);
    this.state = { seconds: 0 };
    this.timer = new Timer();
    this.timer.onSecondsUpdated((seconds) => this.setState({ seconds }));
  }

  componentDidMount () {
    this.timer.start();
  }

  componentWillUnmount () {
    this.timer.stop();
  }

  render () {
    return <span>{this.state.seconds}</span>;
  }
}
