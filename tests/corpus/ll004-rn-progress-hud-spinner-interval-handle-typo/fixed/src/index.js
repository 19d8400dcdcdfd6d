'use strict';

var React = require('react-native');
var tweenState = require('react-tween-state');

var { Image, TouchableHighlight, View } = React;

var styles = require('./styles');

var SPIN_DURATION = 1000;

var ProgressHUD = React.createClass({
  mixins: [tweenState.Mixin],

  getInitialState() {
    return {
      rotate_deg: 0
    };
  },

  componentDidMount() {
    // Kick off rotation animation
    this._rotateSpinner();

    // Set rotation interval
    this.interval = setInterval(() => {
      this._rotateSpinner();
    }, SPIN_DURATION);
  },

  componentWillUnmount() {
    clearInterval(this.interval);
  },

  _rotateSpinner() {
    this.tweenState('rotate_deg', {
      easing: tweenState.easingTypes.linear,
      duration: SPIN_DURATION,
      endValue: this.state.rotate_deg === 0 ? 360 : this.state.rotate_deg + 360
    });
  },

  render() {
    if (!this.props.isVisible) {
      return <View />;
    }
    var deg = Math.floor(this.getTweeningValue('rotate_deg')).toString() + 'deg';
    return (
      <TouchableHighlight style={styles.overlay} activeOpacity={1}>
        <Image style={[styles.spinner, { transform: [{ rotate: deg }] }]} />
      </TouchableHighlight>
    );
  }
});

module.exports = ProgressHUD;
