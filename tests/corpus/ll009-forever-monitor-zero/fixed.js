function startLogs(child) {
  child.stdout.pipe(process.stdout, { end: false });
  child.stderr.pipe(process.stderr, { end: false });
  child.once('exit', () => {
    child.stdout.unpipe(process.stdout);
    child.stderr.unpipe(process.stderr);
  });
}

module.exports = { startLogs };
