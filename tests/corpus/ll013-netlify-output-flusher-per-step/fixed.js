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

// The transforms of each child, so that stopping its output can unpipe them.
const flushersByChild = new WeakMap();

function startOutput(child, flusher) {
  if (!flusher) {
    child.stdout.pipe(stdout);
    child.stderr.pipe(stderr);
    return;
  }
  const transforms = { stdout: new FlushingTransform(flusher), stderr: new FlushingTransform(flusher) };
  flushersByChild.set(child, transforms);
  child.stdout.pipe(transforms.stdout).pipe(stdout);
  child.stderr.pipe(transforms.stderr).pipe(stderr);
}

function stopOutput(child) {
  const transforms = flushersByChild.get(child);
  if (!transforms) {
    child.stdout.unpipe(stdout);
    child.stderr.unpipe(stderr);
    return;
  }
  transforms.stdout.unpipe(stdout);
  transforms.stderr.unpipe(stderr);
  flushersByChild.delete(child);
}

async function runSteps(plugins, flusher) {
  for (const plugin of plugins) {
    startOutput(plugin.child, flusher);
    await plugin.run();
    stopOutput(plugin.child);
  }
}

module.exports = { runSteps };
