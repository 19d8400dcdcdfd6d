"""How long `leaklint server` takes to publish diagnostics for a 2,000-line file.

Usage: python bench/lsp_latency.py [--repeat N] [--lines N]

Spawns the server over stdio (the LSP client of the test suite), warms it up
with one small document, then opens a generated file of route handlers,
listeners, timers and caches (with findings) N times under new URIs and
sends N full-text changes, timing each from the moment the message is written
to the arrival of its publishDiagnostics.  A change includes the server's
pause after typing (leaklint.server.CHANGE_DELAY).  Prints the median and the
worst case of each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.lsp_client import LspClient  # noqa: E402

BLOCK = """\
const cache{n} = new Map();
app.get('/items/{n}/:id', async (req, res) => {{
  const item = await db.find(req.params.id);
  cache{n}.set(req.params.id, item);
  emitter.on('update', () => res.write(JSON.stringify(item)));
  res.end(JSON.stringify(item));
}});

class Worker{n} {{
  constructor(queue) {{
    this.queue = queue;
    this.timer = setInterval(() => this.poll(), 1000);
  }}
  poll() {{
    return this.queue.length ? this.queue.shift() : null;
  }}
  stop() {{
    clearInterval(this.timer);
  }}
}}
"""


def source_of(lines: int) -> str:
    header = "const emitter = require('./bus');\n"
    blocks = []
    n = 0
    while len((header + "".join(blocks)).splitlines()) + BLOCK.count("\n") <= lines:
        blocks.append(BLOCK.format(n=n))
        n += 1
    text = header + "".join(blocks)
    return text + "\n" * (lines - len(text.splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    text = source_of(args.lines)
    with tempfile.TemporaryDirectory() as folder:
        client = LspClient(folder)
        client.initialize(Path(folder).as_uri())
        warm = (Path(folder) / "warm.js").as_uri()
        client.open(warm, "const x = new Map();\n")
        client.diagnostics(warm)
        opens, changes = [], []
        findings = 0
        for number in range(args.repeat):
            uri = (Path(folder) / f"big{number}.js").as_uri()
            sent = time.perf_counter()
            client.open(uri, text)
            arrived, diagnostics = client.diagnostics(uri, version=1)
            opens.append(arrived - sent)
            findings = len(diagnostics)
        uri = (Path(folder) / "big0.js").as_uri()
        for version in range(2, args.repeat + 2):
            sent = time.perf_counter()
            client.change(uri, text.replace("cache0.set", f"cache0.set /* {version} */"), version)
            arrived, _ = client.diagnostics(uri, version=version)
            changes.append(arrived - sent)
        client.close()
    print(f"{len(text.splitlines())} lines, {len(text.encode()) / 1024:.0f} KiB, {findings} diagnostics")
    for name, times in (("didOpen", opens), ("didChange", changes)):
        print(f"{name:<10} median {1000 * statistics.median(times):.0f} ms, worst {1000 * max(times):.0f} ms")


if __name__ == "__main__":
    main()
