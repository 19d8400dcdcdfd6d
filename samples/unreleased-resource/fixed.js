'use strict';

// LL007 unreleased resource (fixed twin).
//
// Each preview request renders a template and watches the template file so it
// can log when the template changes while the preview is being built, and
// closes the watcher when the response is done, so the watcher, its listener
// and the preview it closes over are released with the request.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leaklint-ll007-'));
const templatePath = path.join(templateDir, 'invoice.tpl');
fs.writeFileSync(templatePath, 'Invoice {{id}}: {{lines}}\n');

function renderPreview(id) {
  const template = fs.readFileSync(templatePath, 'utf8');
  const lines = Array.from({ length: 400 }, (_, n) => `line ${n} of invoice ${id}`).join('\n');
  return template.replace('{{id}}', id).replace('{{lines}}', lines);
}

const server = http.createServer((req, res) => {
  const id = new URL(req.url, 'http://localhost').searchParams.get('id') ?? '0';
  const preview = renderPreview(id);
  const watcher = fs.watch(templatePath, () => {
    console.log(`template changed while preview ${id} (${preview.length} bytes) was open`);
  });
  res.on('close', () => watcher.close());
  res.setHeader('content-type', 'text/plain');
  res.end(preview.slice(0, 64));
});

// Sample contract (samples/README.md): every iteration renders one preview.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/preview?id=${i}`),
    onClose: async () => fs.rmSync(templateDir, { recursive: true, force: true }),
  });
}

module.exports = { start, defaultIterations: 3000 };

if (require.main === module) {
  runStandalone(module.exports);
}
