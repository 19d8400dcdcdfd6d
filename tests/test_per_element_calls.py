"""Calls once per element of a Set, and methods started through a base-typed parameter (issue 7, s17-high).

zigbee2mqtt's `Health.start()` stores an interval and its `stop()` clears it; the
controller starts each extension once, through `startExtension(e: Extension) { e.start() }`
called for each element of `new Set(this.extensions)`. Two facts make that visible:
``model.distinct_items`` (a for-of over a Set passes each element once) and the link's
dispatch of a call on a parameter typed with a project base class to the subclasses'
overrides, followed by its once-per-instance fact.
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.distinct_items import distinct_item_argument


def _model(code: str) -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS[".ts"]
    return FileModel("case.ts", source, grammar, syntax.parse(source, grammar))


_CLASS = """
class Owner {
  items: Set<Item>;
  list: Item[] = [];
  constructor() { this.items = new Set(); }
  run(given: Item[]) {
    {loop}
  }
  one(x: Item, y?: Item) {}
}
"""

# (the loop, the argument index of `this.one(…)` the fact gives: -1 = not once per element)
DISTINCT = [
    ("for (const x of new Set(this.items)) this.one(x);", 0),
    ("for (const x of [...new Set(given)]) this.one(x);", 0),
    ("for (const x of this.items) this.one(x);", 0),  # a field only ever set to a new Set
    ("for (const x of new Set(given)) this.one(null, x);", 1),
    ("for (const x of this.list) this.one(x);", -1),  # an array may hold one item twice
    ("for (const x of given) this.one(x);", -1),
    ("for (const x of new Set(given).values()) this.one(x);", -1),  # not the Set itself: left out
    ("for (const k in this.items) this.one(k);", -1),  # for-in: keys
    ("for (let x of new Set(given)) { x = other; this.one(x); }", -1),  # reassigned in the body
    ("for (const x of new Set(given)) this.one(x.child);", -1),  # a property of the element: may repeat
    ("for (const y of given) for (const x of new Set(given)) this.one(x);", -1),  # once per outer round
    ("for (const x of new Set(given)) this.one(...args, x);", -1),  # after a spread: position unknown
    ("new Set(given).forEach((x) => this.one(x));", -1),  # a callback, not a for-of (not followed)
]


@pytest.mark.parametrize(("loop", "expected"), DISTINCT, ids=[c[0] for c in DISTINCT])
def test_a_for_of_over_a_set_passes_each_element_once(loop, expected):
    model = _model(_CLASS.replace("{loop}", loop))
    [call] = [n for n in model.nodes("call_method") if n.text == b"one"]
    assert distinct_item_argument(model, model.method_call_of[call.start_byte][1]) == expected


def test_a_field_also_set_to_an_array_is_no_set():
    code = _CLASS.replace("{loop}", "for (const x of this.items) this.one(x);").replace(
        "run(given", "reset() { this.items = [] as any; }\n  run(given"
    )
    model = _model(code)
    [call] = [n for n in model.nodes("call_method") if n.text == b"one"]
    assert distinct_item_argument(model, model.method_call_of[call.start_byte][1]) == -1


# -- the link: an override started through a base-typed parameter, once per element ---------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

from tests.test_project_link import run_json  # noqa: E402

PROJECT = Path(__file__).parent / "projects" / "extension-set-start"
_LOOP = """    for (const extension of new Set(this.extensions)) {
      await this.startExtension(extension);
    }"""
_HELPER = """  private async startExtension(extension: Extension): Promise<void> {
    await extension.start();
  }"""
_MAIN = """  const controller = new Controller();
  await controller.start();"""

# (what replaces the loop, the helper, main's body; LL004 confidences at lib/health.ts)
STARTS = [
    ((_LOOP, _HELPER, _MAIN), []),  # each extension once, by the one controller's one start()
    # the field itself, only ever set to a new Set
    ((_LOOP.replace("new Set(this.extensions)", "this.extensions"), _HELPER, _MAIN), []),
    # also started by a method nothing the link follows calls: it may be given one extension twice
    ((_LOOP, _HELPER + """
  async addExtension(extension: Extension): Promise<void> {
    this.extensions.add(extension);
    await this.startExtension(extension);
  }""", _MAIN), ["medium"]),
    # an array may hold one extension twice
    ((_LOOP.replace("new Set(this.extensions)", "Array.from(this.extensions).concat(Array.from(this.extensions))"), _HELPER,
      _MAIN), ["high"]),
    # a Set's values() is not read as the Set itself: left as a loop that may repeat
    ((_LOOP.replace("new Set(this.extensions)", "this.extensions.values()"), _HELPER, _MAIN), ["high"]),
    # started twice in one round
    ((_LOOP.replace("await this.startExtension(extension);",
                    "await this.startExtension(extension);\n      await this.startExtension(extension);"), _HELPER, _MAIN), ["high"]),
    # the helper starts what it is given once per retry
    ((_LOOP, _HELPER.replace("await extension.start();", "for (const n of retries) await extension.start();"), _MAIN),
     ["high"]),
    # the one controller started again on every SIGHUP: the same extensions started again
    ((_LOOP, _HELPER, _MAIN + '\n  process.on("SIGHUP", () => controller.start());'), ["high"]),
    # two controllers: no class made once, so the loop's runs are not counted
    ((_LOOP, _HELPER, _MAIN + "\n  const second = new Controller();\n  await second.start();"), ["high"]),
]


@pytest.mark.parametrize(("parts", "expected"), STARTS, ids=[str(i) for i in range(len(STARTS))])
def test_an_override_started_once_per_element_of_a_set(tmp_path, parts, expected):
    loop, helper, main = parts
    shutil.copytree(PROJECT, tmp_path / "p")
    controller = tmp_path / "p" / "lib" / "controller.ts"
    controller.write_text(controller.read_text().replace(_LOOP, loop).replace(_HELPER, helper))
    index = tmp_path / "p" / "index.ts"
    index.write_text(index.read_text().replace(_MAIN, main))
    found = [f for f in run_json(".", cwd=tmp_path / "p")["findings"] if f["rule"] == "LL004"]
    assert [(f["path"], f["confidence"]) for f in found] == [("lib/health.ts", c) for c in expected]


def test_the_file_alone_reports_the_restart():
    found = run_json("lib/health.ts", cwd=PROJECT)["findings"]
    assert [(f["rule"], f["confidence"]) for f in found] == [("LL004", "high")]
