"""An overwrite in a method the file reads as run once, reached only on fresh instances (LL004).

zigbee2mqtt's `State.start()` stores an interval beside a `stop()` that clears it; the one
`State` is made in the `Controller` constructor and `index` makes one `Controller` and starts it
once.  The file already reads `start()` of that single instance as run once, and the link finds
every followed call on a new instance: the two agree, so the overwrite is no surer than the
calls on receivers the link cannot follow (medium), and silent without them.
"""

from __future__ import annotations

import pytest

from tests.test_round8_facts import run_json, write

STATE = """\
export class State {
  private timer: any;

  start(): void {
    this.timer = setInterval(() => this.save(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  save(): void {}
}
"""

CONTROLLER = """\
import { State } from "./state";

export class Controller {
  private state: State;

  constructor() {
    this.state = new State();
  }

  async start(): Promise<void> {
    this.state.start();
  }
}
"""

INDEX = """\
import { Controller } from "./lib/controller";

let controller: Controller | undefined;

async function start(): Promise<void> {
  controller = new Controller();
%s}

start();
"""

ONCE = "  await controller.start();\n"
TWICE = "  await controller.start();\n  await controller.start();\n"

# a repeating function that calls some `start()` on a receiver the link cannot follow
BRIDGE = """\
export function handleRestart(message: { extension: { start(): void } }): void {
  message.extension.start();
}
"""

CASES = [
    ("started once per fresh instance", ONCE, False, []),
    ("and start() called on unknown receivers", ONCE, True, [(5, "medium")]),
    # the same instance started twice: the overwrite leaks the first timer
    ("the same instance started twice", TWICE, False, [(5, "high")]),
]


@pytest.mark.parametrize("label, calls, bridge, expected", CASES, ids=[c[0] for c in CASES])
def test_overwrite_in_once_read_method_on_fresh_instances(tmp_path, label, calls, bridge, expected):
    files = {"lib/state.ts": STATE, "lib/controller.ts": CONTROLLER, "index.ts": INDEX % calls}
    if bridge:
        files["lib/bridge.ts"] = BRIDGE
    write(tmp_path, files)
    found = [(f["line"], f["confidence"]) for f in run_json(tmp_path, ".") if f["rule"] == "LL004"]
    assert found == expected
