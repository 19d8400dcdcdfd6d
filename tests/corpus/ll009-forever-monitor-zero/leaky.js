// expect: LL009
process.stdout.setMaxListeners(0);

function startLogs(child) {
  child.stdout.pipe(process.stdout, { end: false });
  child.stderr.pipe(process.stderr, { end: false });
}

module.exports = { startLogs };
