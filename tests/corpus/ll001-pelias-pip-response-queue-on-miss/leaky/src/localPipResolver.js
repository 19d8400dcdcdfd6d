'use strict';

const createPipService = require('./pip/index').create;
const _ = require('lodash');

function LocalPipService(datapath, layers) {
  const self = this;

  createPipService(datapath, _.defaultTo(layers, []), false, (err, service) => {
    if (err) {
      throw err;
    }
    self.pipService = service;
  });
}

LocalPipService.prototype.lookup = function lookup(centroid, search_layers, callback) {
  const self = this;

  // the service is not loaded yet: come back in 5 seconds
  if (!self.pipService) {
    setTimeout(() => {
      self.lookup(centroid, search_layers, callback);
    }, 1000 * 5);
    return;
  }

  self.pipService.lookup(centroid.lat, centroid.lon, search_layers, (err, results) => {
    const result = results.reduce((obj, elem) => {
      (obj[elem.Placetype] = obj[elem.Placetype] || []).push({ id: elem.Id, name: elem.Name });
      return obj;
    }, {});

    callback(err, result);
  });
};

module.exports = (datapath, layers) => {
  return new LocalPipService(datapath, layers);
};
