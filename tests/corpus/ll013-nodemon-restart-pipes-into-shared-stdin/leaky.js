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
      // expect: LL013
      this.stdout.pipe(formatter.stdin);
      // expect: LL013
      this.stderr.pipe(formatter.stdin);
    });
});
