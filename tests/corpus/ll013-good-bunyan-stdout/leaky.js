const { Transform } = require('stream');

class GoodBunyan extends Transform {
  constructor(logger) {
    super({ objectMode: true });
    this.logger = logger;
    // expect: LL013
    this.pipe(process.stdout);
  }

  _transform(event, encoding, callback) {
    this.logger.info(event);
    callback();
  }
}

module.exports = GoodBunyan;
