const { createEncoder } = require('../services/encoder');

async function renderAll(frames, outputPath) {
  const encoder = createEncoder(outputPath);
  for (const frame of frames) {
    encoder.writeFrame(frame);
  }
  encoder.close();
}

module.exports = { renderAll };
