"""Instances made in a library's examples do not make its classes singletons (project link).

socket.io's cluster engine is made once in `examples/…/server.js`; the library's users make
it as often as they like, so its constructor's `process.on('message')` is as repeated as it
was before the link resolved the example's import.  The same `new` in production code makes
the class a singleton, and the listener one per process.
"""

from __future__ import annotations

import pytest

from tests.test_round8_facts import lines_of, run_json, write

ENGINE = """\
class Engine {
  constructor() {
    process.on("message", (message) => this.onMessage(message));
  }

  onMessage(message) {
    this.last = message;
  }
}

module.exports = { Engine };
"""

MAKER = """\
const { Engine } = require("%s");

const engine = new Engine();
module.exports = { engine };
"""

CASES = [
    ("made once in an example", "examples/server.js", "../lib/engine", {3}),
    ("made once in a demo", "demo/app/server.js", "../../lib/engine", {3}),
    # production code makes the one instance: one listener per process
    ("made once in production code", "src/server.js", "../lib/engine", set()),
]


@pytest.mark.parametrize("label, maker, specifier, lines", CASES, ids=[c[0] for c in CASES])
def test_example_instances_do_not_decide_instance_counts(tmp_path, label, maker, specifier, lines):
    write(tmp_path, {"lib/engine.js": ENGINE, maker: MAKER % specifier})
    assert lines_of(run_json(tmp_path, "."), "LL002", "lib/engine.js") == lines
