'use strict';

var React = require('react');
var matchMedia = require('matchmedia');
var toQuery = require('./toQuery');

var mq = React.createClass({
  displayName: 'MediaQuery',

  getInitialState: function() {
    return { matches: false };
  },

  componentWillMount: function() {
    this.updateQuery(this.props);
  },

  componentWillReceiveProps: function(props) {
    this.updateQuery(props);
  },

  updateQuery: function(props) {
    this.query = props.query || toQuery(props);
    if (!this.query) {
      throw new Error('Invalid or missing MediaQuery!');
    }

    if (this._mql) {
      this._mql.removeListener(this.updateMatches);
    }

    this._mql = matchMedia(this.query, props.values);
    this._mql.addListener(this.updateMatches);
    this.updateMatches();
  },

  componentWillUnmount: function() {
    this._mql.removeListener(this.updateMatches);
  },

  updateMatches: function() {
    if (this._mql.matches === this.state.matches) {
      return;
    }
    this.setState({ matches: this._mql.matches });
  },

  render: function() {
    if (this.state.matches === false) {
      return null;
    }
    return React.createElement(this.props.component || 'div', null, this.props.children);
  }
});

module.exports = mq;
