'use strict';

function streamLocation(readable, response, done) {
  readable.on('data', (chunk) => {
    if (!response.write(chunk)) {
      readable.pause();
      response.once('drain', () => readable.resume());
    }
  });
  readable.once('end', () => done());
  readable.once('error', done);
}

module.exports = function retrieveData(locations, fetchLocation, response) {
  let index = 0;
  const next = (err) => {
    if (err || index === locations.length) {
      response.end();
      return;
    }
    streamLocation(fetchLocation(locations[index++]), response, next);
  };
  next();
};
