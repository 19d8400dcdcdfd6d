'use strict';

module.exports = function toQuery(props) {
  return Object.keys(props)
    .map(function(key) { return '(' + key + ': ' + props[key] + ')'; })
    .join(' and ');
};
