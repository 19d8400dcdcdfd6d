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
