const { spawn } = require('child_process');

function createEncoder(outputPath) {
  const child = spawn('ffmpeg', ['-f', 'image2pipe', '-i', '-', '-y', outputPath], { stdio: ['pipe', 'inherit', 'inherit'] });
  return {
    writeFrame(frame) {
      child.stdin.write(frame);
    },
    close() {
      child.stdin.end();
    },
  };
}

module.exports = { createEncoder };
