'use strict';

const path = require('path');
const childProcess = require('child_process');
const logger = require('pelias-logger').get('wof-pip-service:master');
const async = require('async');
const _ = require('lodash');
const fs = require('fs');

let requestCount = 0;
// worker processes keyed on layer
const workers = {};

// expect: LL001
const responseQueue = {};
const wofData = {};

module.exports.create = function createPIPService(datapath, layers, localizedAdminNames, callback) {
  async.forEach(layers, (layer, done) => {
      startWorker(datapath, layer, localizedAdminNames, function (err, worker) {
        done();
      });
    },
    function end() {
      callback(null, {
        end: killAllWorkers,
        lookup: function (latitude, longitude, search_layers, responseCallback) {
          search_layers = search_layers === undefined ? layers : _.intersection(layers, search_layers);

          if (search_layers.length === 0) {
            return responseCallback(null, []);
          }

          const id = requestCount++;

          // bookkeeping object that tracks the progress of the request
          responseQueue[id] = {
            latLon: {latitude: latitude, longitude: longitude},
            search_layers: search_layers.slice(),
            responseCallback: responseCallback
          };

          // start the chain of worker calls
          searchWorker(id);
        }
      });
    }
  );
};

function killAllWorkers() {
  _.values(workers).forEach(worker => worker.kill());
}

function startWorker(datapath, layer, localizedAdminNames, callback) {
  const worker = childProcess.fork(path.join(__dirname, 'worker'), [layer, datapath, localizedAdminNames]);
  workers[layer] = worker;

  worker.on('message', msg => {
    if (msg.type === 'loaded') {
      fs.readFile(msg.file, (err, data) => {
        _.assign(wofData, JSON.parse(data));
        callback(null, worker);
      });
    } else if (msg.type === 'results') {
      handleResults(msg);
    }
  });

  worker.on('exit', (code, signal) => {
    if (!worker.killed) {
      logger.error(`${layer} worker exited unexpectedly with code ${code}, signal ${signal}`);
      killAllWorkers();
    }
  });
}

function searchWorker(id) {
  const worker = workers[responseQueue[id].search_layers.shift()];

  worker.send({
    type: 'search',
    id: id,
    coords: responseQueue[id].latLon
  });
}

function handleResults(msg) {
  if (!responseQueue.hasOwnProperty(msg.id)) {
    logger.error(`tried to handle results for missing id ${msg.id}`);
    return;
  }

  if (_.isEmpty(msg.results)) {
    if (!_.isEmpty(responseQueue[msg.id].search_layers)) {
      // a miss: try the next layer
      searchWorker(msg.id);
    } else {
      // no layers left to search, so return an empty array
      responseQueue[msg.id].responseCallback(null, []);
    }

  } else {
    // there was a hit, so find the hierachy and assemble all the pieces
    const results = _.compact(msg.results.Hierarchy[0].map(id => wofData[id]));

    responseQueue[msg.id].responseCallback(null, results);

    delete responseQueue[msg.id];
  }
}
