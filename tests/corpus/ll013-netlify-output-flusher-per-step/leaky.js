const { Transform } = require('stream');
const { stdout, stderr } = require('process');

class FlushingTransform extends Transform {
  constructor(flusher) {
    super();
    this.flusher = flusher;
  }

  _transform(chunk, encoding, callback) {
    this.flusher.flush();
    this.push(chunk);
    callback();
  }
}

function standardStreamsFor(flusher) {
  if (!flusher) return { stdout, stderr };
  return {
    // expect: LL013
    stdout: new FlushingTransform(flusher).pipe(stdout),
    // expect: LL013
    stderr: new FlushingTransform(flusher).pipe(stderr),
  };
}

async function runPluginStep(plugin, flusher) {
  const streams = standardStreamsFor(flusher);
  plugin.child.stdout.pipe(streams.stdout);
  plugin.child.stderr.pipe(streams.stderr);
  await plugin.run();
  plugin.child.stdout.unpipe(streams.stdout);
  plugin.child.stderr.unpipe(streams.stderr);
}

async function runSteps(plugins, flusher) {
  for (const plugin of plugins) {
    await runPluginStep(plugin, flusher);
  }
}

module.exports = { runSteps };
