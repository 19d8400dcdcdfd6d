const path = require('path');
const { spawn } = require('child_process');
const gulp = require('gulp');
const nodemon = require('nodemon');

gulp.task('serve', () => {
  const formatter = spawn('node', [path.join(__dirname, 'node_modules/bunyan/bin/bunyan')], {
    stdio: ['pipe', process.stdout, process.stderr],
  });
  nodemon({ script: 'server.js', stdout: false })
    .on('restart', () => console.log('restarted'))
    .on('readable', function () {
      const { stdout, stderr } = this;
      stdout.pipe(formatter.stdin, { end: false });
      stderr.pipe(formatter.stdin, { end: false });
      this.once('restart', () => {
        stdout.unpipe(formatter.stdin);
        stderr.unpipe(formatter.stdin);
      });
    });
});
