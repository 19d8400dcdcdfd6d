"""Which removals of a long-lived collection can run while it grows.

A removal counts as eviction only if something runs it after the growth
starts. Two kinds never do, whatever they remove:

- a removal in a function nothing calls: a function declared in the file (or
  `const f = () => …`), not exported, whose name is never read: no call, no
  callback, no property that hands it on;
- a removal at start-up: at module top level itself, or in a function the
  file calls only from its top level (`function init() { cache = new Map() }
  init()`): that is initialisation, done before any request or event adds
  the first entry.

A removal in a callback (a timer, a listener, a `.then`) belongs to that
callback, not to the function that registers it: `setInterval(() =>
cache.clear(), …)` inside `init()` is a sweep. A method of a class or an
object is never judged uncalled here: methods are called through instances
the file may not show.

A removal under a test that is never true (``dead_tests``: `if
(Object.keys(g).count === 0)`, a property arrays lack) never runs either.

A removal in a listener for an event its emitter never emits (a `'close'`
listener on a Socket.IO socket, ``socket_io.silent_listener``) never runs.

A removal only on a failure path (``failure_only``: a `catch` clause, a
`.catch()` callback, `.then(_, onError)`) leaves every entry whose work
succeeds: it bounds nothing either.

A removal by a value made on the spot (``removes_nothing``: `s.delete(
fn.bind(this))`, `m.delete({ id })`) matches no entry and removes nothing.

Separately, ``clear_all_only``: a collection whose per-entry "removals" only
null the slot (`m.set(k, undefined)`, `a[i] = null`) and whose only real
removals empty it all at once on demand (a `clear()` method callers may
use) keeps one key per entry ever added between two clears.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.frequency import Evidence, Frequency
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.collections import Collection
    from leaklint.model.scopes import Function

# Method names whose clear-all is the collection's own end of life (its owner is going away).
LIFECYCLE_END_NAMES = frozenset(
    {"close", "destroy", "dispose", "shutdown", "stop", "terminate", "teardown", "disconnect", "end", "unmount",
     "closeall", "disposeall", "destroyall", "shutdownall"}
)


def reached_evictions(model: FileModel, collection: Collection) -> list[Node]:
    """The collection's evictions that can run after it starts growing (see the module doc)."""
    return [node for node in collection.evictions if not unreached_reason(model, node)]


def bounding_evictions(model: FileModel, collection: Collection) -> list[Node]:
    """The reached evictions, less those that run only when the work fails (see ``failure_only``) or only
    when the owner shuts down (``shutdown_only``) or a rare command arrives (``command_only``)."""
    return [
        node
        for node in reached_evictions(model, collection)
        if not failure_only(model, node, collection.path) and not removes_nothing(node)
        and shutdown_only(model, node) is None and command_only(model, node, collection) is None
        and rarely_removes(model, node, collection) is None
    ]


# -- removals that run only when the same key is read again, or only from tests -----------------


def rarely_removes(model: FileModel, removal: Node, collection: Collection) -> str | None:
    """Why a reached removal still bounds nothing ("lazy expiry", "test-only", "dropped disposer"), else None.

    - ``lazy_expiry``: `if (Date.now() > e.expiresAt) m.delete(k)` in the
      function that has just read `m.get(k)`: the entry goes only when its own
      key is read again, and a key nobody asks for again stays.
    - ``test_only``: the removal is in a function named for tests
      (`clearCacheForTests()`, `__reset()`), or one whose every caller in the
      project is test code (the project link).
    - ``dropped_disposer``: `return () => m.delete(k)` from a function of the
      file whose every call in the file drops what it returns.
    - ``wrong_key``: `m.get(msg.callbackId)` … `m.delete(msg.msgId)`: the
      delete names another property of the same object than the lookup
      before it, so it removes an entry under a key that was never looked up.
    - ``uncalled_cleanup``: the removal is in a clean-up function (`remove(id)`)
      no production code of the fully linked project ever calls (``uncalled_cleanups``).
    """
    if lazy_expiry(model, removal, collection):
        return "lazy expiry"
    if test_only(model, removal):
        return "test-only"
    if dropped_disposer(model, removal):
        return "dropped disposer"
    from leaklint.model.uncalled_cleanups import uncalled_cleanup

    if uncalled_cleanup(model, removal) is not None:
        return "uncalled clean-up"
    if orphaning_reset(model, removal, collection) is not None:
        return "orphaned keys"
    if wrong_key(model, removal, collection) is not None:
        return "wrong key"
    return None


def wrong_key(model: FileModel, removal: Node, collection: Collection) -> Node | None:
    """The lookup whose key is another property of the object the removal's key is read from, else None.

    PlayNetwork's reply handler runs `const cb = this.callbacks.get(msg.callbackId)` and then
    `this.callbacks.delete(msg.msgId)`: the entry it found stays, and the delete removes a key that was
    never set.  Only member reads of one plain name (`msg.a` against `msg.b`, the same binding) in the
    same function, the lookup first, and no lookup there under the removed key itself: a removal under
    a local (`m.delete(id)`) or under the key just looked up says nothing about a mismatch.
    """
    key = _removed_key(removal)
    removed = _plain_member(key)
    function = model.function_at(removal)
    if removed is None or function is None:
        return None
    holder = model.resolve(removed[0])
    if holder is None:
        return None
    mismatched = None
    for lookup in _lookups_in(model, collection, function):
        looked = _plain_member(_lookup_key(lookup))
        if looked is None or model.resolve(looked[0]) is not holder:
            continue
        if looked[1] == removed[1]:
            return None  # the same key is also looked up here
        if lookup.start_byte < removal.start_byte and mismatched is None:
            mismatched = lookup
    return mismatched


def _plain_member(node: Node | None) -> tuple[Node, bytes] | None:
    """`msg.callbackId` -> (the `msg` identifier, b"callbackId"); else None."""
    node = syntax.unwrap(node)
    if node is None or node.type != "member_expression":
        return None
    obj = syntax.unwrap(node.child_by_field_name("object"))
    prop = node.child_by_field_name("property")
    if obj is None or obj.type != "identifier" or prop is None or prop.type != "property_identifier":
        return None
    return obj, prop.text


def _lookup_key(lookup: Node) -> Node | None:
    """The key node of `m.get(k)` / `m.has(k)` / `o[k]`."""
    if lookup.type == "subscript_expression":
        return lookup.child_by_field_name("index")
    arguments = lookup.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    return named[0] if named else None


_WIPING_METHODS = frozenset({b"fill", b"splice"})


def orphaning_reset(model: FileModel, removal: Node, collection: Collection) -> Node | None:
    """A method that wipes the slots a removal takes its keys from, and leaves the collection alone.

    A hand-written LRU keeps its keys twice: an index `keyMap` and a slot array
    `keys`, and evicts with `this.keyMap.delete(this.keys[head])`. A `clear()`
    that resets the slots (`this.keys.fill(undefined)`, `this.keys = []`) but
    not the index forgets every key it held: nothing can delete them from
    the index any more, and each clear leaves up to a full cache of them.
    Only class fields, a key read from a field's slot (directly or through a
    `const`), and a method of the same class other than the constructor that
    resets that field and removes nothing from the collection.
    """
    key = _removed_key(removal)
    if key is not None and key.type == "identifier":
        binding = model.resolve(key)
        key = syntax.unwrap(binding.init) if binding is not None and binding.kind == "const" else None
    if key is None or key.type != "subscript_expression":
        return None
    slots = syntax.unwrap(key.child_by_field_name("object"))
    if slots is None or slots.type != "member_expression":
        return None
    holder = syntax.unwrap(slots.child_by_field_name("object"))
    slots_path = model.access_path(slots)
    if holder is None or holder.type != "this" or slots_path is None or slots_path == collection.path:
        return None
    function = model.function_at(removal)
    function = function.this_owner if function is not None else None
    info = function.class_info if function is not None else None
    if info is None:
        return None
    for name, methods in info.methods.items():
        if name == "constructor":
            continue
        for method in methods:
            if method is function or method.body is None or any(method.contains(e) for e in collection.evictions):
                continue
            reset = _resets(model, method, slots_path)
            if reset is not None:
                return reset
    return None


def _resets(model: FileModel, method, path) -> Node | None:
    """`this.keys.fill(…)` / `.splice(0)` / `.length = 0` / `this.keys = …` in ``method``, else None."""
    for node in syntax.walk(method.body):
        if node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
            if prop is not None and prop.text in _WIPING_METHODS and model.access_path(callee.child_by_field_name("object")) == path:
                return node
        elif node.type == "assignment_expression":
            left = syntax.unwrap(node.child_by_field_name("left"))
            if left is None or left.type != "member_expression":
                continue
            prop = left.child_by_field_name("property")
            if model.access_path(left) == path:
                return node
            if prop is not None and prop.text == b"length" and model.access_path(left.child_by_field_name("object")) == path:
                return node
    return None


# Words of a test on an entry's age: `Date.now() > e.expiresAt`, `isExpired(e)`, `e.ttl`, `stale`.
_AGE_WORDS = re.compile(r"(?i)expir|stale|ttl|max_?age|fresh|valid_?until|deadline|timestamp|stored_?at|created_?at")
_CLOCK_TEXT = re.compile(r"\bDate\.now\s*\(|\bnew\s+Date\b|\bperformance\.now\s*\(|\bhrtime\b|\bDate\s*\(\s*\)")


def lazy_expiry(model: FileModel, removal: Node, collection: Collection) -> bool:
    """A removal of the key the function has just looked up, behind a test of that entry's age.

    `get(key) { const e = m.get(key); if (Date.now() > e.expiresAt) { m.delete(key); return null } … }`
    drops an expired entry only when someone asks for the same key again: the
    keys nobody asks for again (one per user, per URL) stay for good. A
    sweep over the collection (a loop over its entries, a timer) is another
    removal and still counts; so does a removal of a key taken from the
    entries themselves (`m.keys().next().value`, a loop variable).
    """
    key = _removed_key(removal)
    if key is None or key.type not in ("identifier", "member_expression"):
        return False
    function = model.function_at(removal)
    if function is None or _inside_loop_over(model, removal, collection.path):
        return False
    if any(function.contains(g) for g in collection.growth):
        return False  # trimmed where it grows: runs as often as the growth
    binding = model.resolve(key) if key.type == "identifier" else None
    if binding is not None and _declared_by_loop(binding):
        return False  # `for (const k of m.keys())`: a key of the collection itself, a sweep
    condition = _age_test_around(removal, function)
    if condition is None:
        return False
    key_text = syntax.text(key)
    for lookup in _lookups_in(model, collection, function):
        if lookup.start_byte < removal.start_byte and _lookup_key_text(lookup) == key_text:
            return True
    return False


def _removed_key(removal: Node) -> Node | None:
    """`m.delete(k)` -> k; `delete o[k]` -> k; else None."""
    if removal.type == "call_expression":
        callee = syntax.unwrap(removal.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        arguments = removal.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        if prop is not None and prop.text == b"delete" and len(named) == 1:
            return syntax.unwrap(named[0])
        return None
    if removal.type == "unary_expression":
        argument = syntax.unwrap(removal.child_by_field_name("argument"))
        if argument is not None and argument.type == "subscript_expression":
            return syntax.unwrap(argument.child_by_field_name("index"))
    return None


def _declared_by_loop(binding) -> bool:
    node = binding.node.parent
    for _ in range(3):
        if node is None:
            return False
        if node.type == "for_in_statement":
            return True
        node = node.parent
    return False


def _age_test_around(removal: Node, function: Function) -> Node | None:
    """The condition of an `if` (or `&&`, `?:`) around the removal, in its function, that tests an age."""
    stop = function.node
    child, parent = removal, removal.parent
    while parent is not None and parent != stop:
        condition = None
        if parent.type == "if_statement" and child != parent.child_by_field_name("condition"):
            condition = parent.child_by_field_name("condition")
        elif parent.type == "ternary_expression" and child != parent.child_by_field_name("condition"):
            condition = parent.child_by_field_name("condition")
        elif parent.type == "binary_expression" and parent.child_by_field_name("right") == child:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type == "&&":
                condition = parent.child_by_field_name("left")
        if condition is not None:
            text = syntax.text(condition)
            if _CLOCK_TEXT.search(text) or _AGE_WORDS.search(text):
                return condition
        child, parent = parent, parent.parent
    return None


def _lookups_in(model: FileModel, collection: Collection, function: Function) -> list[Node]:
    from leaklint.model.collections import entry_lookups

    return [node for node in entry_lookups(model, collection) if function.contains(node)]


def _lookup_key_text(lookup: Node) -> str | None:
    if lookup.type == "subscript_expression":
        index = lookup.child_by_field_name("index")
        return syntax.text(syntax.unwrap(index)) if index is not None else None
    arguments = lookup.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    return syntax.text(syntax.unwrap(named[0])) if named else None


# The last part of a name that marks a function for tests only: `clearCacheForTests`, `resetForTesting`,
# `_testOnlyReset`, `__reset` (a double underscore: not for the application to call).
TEST_ONLY_NAME = re.compile(
    r"(?i)(?:for|in|only)_?tests?$|for_?testing$|^_*test(?:ing)?_?only|test_?only$|^__(?:reset|clear)"
)


def test_only(model: FileModel, removal: Node) -> bool:
    """The removal runs only from tests: in a function named for them, or (the link) called only by test code.

    The function is the nearest declared function or method around the
    removal (arrow callbacks belong to it). For the link's fact, the file
    itself must not call it either: no `this.m` / `name` read of it here.
    """
    function = model.function_at(removal)
    while function is not None:
        name = (function.method_name or function.name or "").rsplit(".", 1)[-1]
        if name and TEST_ONLY_NAME.search(name):
            return True
        if function.node.type != "arrow_function" or not function.context or function.context[0] == "declared":
            break
        function = function.parent
    if function is None or not function.name:
        return False
    if not model.external.removal_test_only(function.name):
        return False
    return not _called_in_file(model, function)


def _called_in_file(model: FileModel, function: Function) -> bool:
    """Whether the file itself may call ``function``: `this.m` for a method, any read of a declared name."""
    name = function.method_name
    if name:
        return re.search(rb"\b(?:this|self|that)\s*\.\s*" + re.escape(name.encode()) + rb"\b", model.source) is not None
    binding = _declared_binding(function)
    if binding is None:
        return True
    return any(model.function_at(r.node) is not None or not _is_export_reference(r.node) for r in binding.reads)


def _is_export_reference(node: Node) -> bool:
    parent = node.parent
    return parent is not None and parent.type in ("export_specifier", "export_clause", "export_statement")


def dropped_disposer(model: FileModel, removal: Node) -> bool:
    """A removal in a disposer that a function of the file returns and every caller in the file drops.

    `function addHandler(k, h) { handlers[k] = h; return () => { delete handlers[k] } }` called
    only as `addHandler(k, h);` never runs its disposer. Only functions the
    file shows every call of count: a declared function that is not exported
    and whose every read is a call (nothing else can keep the disposer), or a
    method of a class the file does not export whose every mention (`.name`)
    is such a call.
    """
    function = model.function_at(removal)
    disposer = None
    while function is not None:
        if syntax.is_returned_function(function.node):
            disposer = function
            break
        if function.node.type != "arrow_function" or (function.context and function.context[0] != "argument"):
            return False
        function = function.parent
    maker = disposer.parent if disposer is not None else None
    if maker is None:
        return False
    if model.external.disposer_dropped(maker.name):  # the project link: every other file drops it
        return _dropped_in_file(model, maker)
    if maker.exported:
        return False
    calls = _calls_dropping_result(model, maker)
    return calls is not None and calls > 0


def _dropped_in_file(model: FileModel, function: Function) -> bool:
    """Every call of ``function`` in its own file drops the result too (there may be none)."""
    name = function.method_name
    if name:
        mentions = len(re.findall(rb"\.\s*" + re.escape(name.encode()) + rb"\b", model.source))
        sites = model.method_calls(name)
        return len(sites) == mentions and all(value_dropped(s.node) for s in sites)
    binding = _declared_binding(function)
    if binding is None:
        return False
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is not None and parent.type in ("export_specifier", "export_clause", "export_statement"):
            continue
        if parent is None or parent.type != "call_expression" or not value_dropped(parent):
            return False
    return True


def _calls_dropping_result(model: FileModel, function: Function) -> int | None:
    """How many calls of ``function`` the file makes, when every mention is a call whose value is dropped."""
    name = function.method_name
    if name:
        info = function.class_info
        if info is None or info.name is None or _class_exported(model, info):
            return None
        if name == "constructor":
            return None
        mentions = list(re.finditer(rb"\.\s*" + re.escape(name.encode()) + rb"\b", model.source))
        sites = [s for s in model.method_calls(name)]
        if not sites or len(sites) != len(mentions):
            return None
        return len(sites) if all(value_dropped(s.node) for s in sites) else None
    binding = _declared_binding(function)
    if binding is None or not binding.reads:
        return None
    if not binding.is_module_level and binding.scope.owner is None:
        return None
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is None or parent.type != "call_expression" or parent.child_by_field_name("function") != reference.node:
            return None
        if not value_dropped(parent):
            return None
    return len(binding.reads)


def value_dropped(call: Node) -> bool:
    """`f(…);` as a statement (also `await f(…);`, `void f(…)`): nothing keeps what it returns."""
    parent = call.parent
    while parent is not None and (
        parent.type in ("await_expression", "parenthesized_expression")
        or (parent.type == "unary_expression" and syntax.text(parent).startswith("void"))
    ):
        parent = parent.parent
    return parent is not None and parent.type == "expression_statement"


def _class_exported(model: FileModel, info) -> bool:
    binding = info.binding
    if binding is None:
        return True
    node = info.node
    parent = node.parent
    if parent is not None and parent.type == "export_statement":
        return True
    for reference in binding.reads:
        if model.function_at(reference.node) is None and reference.node.parent is not None and \
                reference.node.parent.type != "new_expression":
            return True  # `module.exports = C`, `export { C }`, handed on at top level
    return False


def removes_nothing(removal: Node) -> bool:
    """A removal that takes nothing out: a fresh value as the key, or `splice(i, 0)`.

    A value made at the removal (`s.delete(fn.bind(this))`, `m.delete({ id })`,
    `a.splice(a.indexOf(() => …), 1)`: a literal, a function, `new X()`, a
    `.bind()`) is identical to nothing already in the collection, so the
    entry it was meant to remove stays (the `splice` form, with index -1,
    takes the last entry instead, which bounds nothing either). A `splice`
    whose delete count is the literal `0` only inserts.
    """
    if removal.type != "call_expression":
        return False
    callee = syntax.unwrap(removal.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    arguments = removal.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if prop is None or not named:
        return False
    first = syntax.unwrap(named[0])
    if prop.text == b"delete":
        return _fresh_value(first)
    if prop.text == b"splice" and len(named) >= 2 and _is_literal_zero(syntax.unwrap(named[1])):
        return True
    if prop.text == b"splice" and first is not None and first.type == "call_expression":
        inner = syntax.unwrap(first.child_by_field_name("function"))
        method = inner.child_by_field_name("property") if inner is not None and inner.type == "member_expression" else None
        inner_args = first.child_by_field_name("arguments")
        looked_up = [a for a in inner_args.named_children if a.type != "comment"] if inner_args is not None else []
        return method is not None and method.text == b"indexOf" and bool(looked_up) and _fresh_value(syntax.unwrap(looked_up[0]))
    return False


def _is_literal_zero(node: Node | None) -> bool:
    return node is not None and node.type == "number" and node.text in (b"0", b"0x0", b"0.0")


def _fresh_value(node: Node | None) -> bool:
    """An object or array literal, a function expression, `new X()`, or `f.bind(…)`: a new identity."""
    if node is None:
        return False
    if node.type in ("object", "array", "new_expression") or node.type in syntax.FUNCTION_KINDS:
        return True
    if node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        return prop is not None and prop.text == b"bind"
    return False


def failure_only(model: FileModel, removal: Node, path=None) -> bool:
    """The removal runs only on a failure path: in a `catch` clause, a `.catch()` callback, `.then(_, onError)`.

    Every entry whose work succeeds stays: a memoised promise dropped only
    when it rejects is a cache of every success. Not so inside a loop over
    the collection's own entries (`for (const c of clients) try { c.send(m) }
    catch { clients.delete(c) }`): pruning the entries whose use fails is a
    sweep, and a dead entry fails.
    """
    if removal.type not in ("call_expression", "unary_expression"):
        return False  # a size test or a reset: not a per-entry removal on an error path
    if path is not None and _inside_loop_over(model, removal, path):
        return False
    node = removal.parent
    while node is not None and node.type not in syntax.FUNCTION_KINDS and node.type != "program":
        if node.type == "catch_clause":
            return True
        node = node.parent
    if node is None or node.type not in syntax.FUNCTION_KINDS:
        return False
    arguments = node.parent
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    callee = syntax.unwrap(call.child_by_field_name("function")) if call is not None else None
    if callee is None or callee.type != "member_expression":
        return False
    prop = callee.child_by_field_name("property")
    named = [a for a in arguments.named_children if a.type != "comment"]
    if prop is not None and prop.text == b"catch":
        return bool(named) and named[0] == node
    if prop is not None and prop.text == b"then":
        return len(named) > 1 and named[1] == node
    return False


def unreached_reason(model: FileModel, removal: Node) -> str | None:
    """Why ``removal`` never runs while the collection grows ("runs only at start-up", …), else None."""
    from leaklint.model.socket_io import silent_listener

    function = model.function_at(removal)
    current = function
    while current is not None:
        if _never_called(model, current):
            return f"is in {model.describe_function(current)}, which nothing in the file calls"
        silent = silent_listener(model, current)
        if silent is not None:
            return silent  # `socket.on('close', …)` on a Socket.IO socket
        current = current.parent
    from leaklint.model.dead_tests import never_true_guard

    guard = never_true_guard(removal)
    if guard is not None:
        return f"is under `{syntax.text(guard)}`, a test that is never true (arrays have no such property)"
    if _replaced_by_other_value(removal):
        return None  # `list = [...seeded]`, `x = loaded`: the binding now holds another value, not this one grown
    if function is None:
        return "runs only once, at module top level"
    if _start_up_only(model, function):
        return f"is in {model.describe_function(function)}, which runs only once, at start-up"
    return None


def _inside_loop_over(model: FileModel, removal: Node, path) -> bool:
    """`for (… of coll)` / `for (… in coll)` / `coll.forEach(…)` around the removal, in any enclosing function."""
    from leaklint.model.removals import iterates_collection as _iterates

    node = removal.parent
    while node is not None and node.type != "program":
        if node.type == "for_in_statement" and _iterates(model, node.child_by_field_name("right"), path):
            return True
        if node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
            if prop is not None and prop.text == b"forEach" and _iterates(model, callee.child_by_field_name("object"), path):
                return True
        node = node.parent
    return False


def _replaced_by_other_value(removal: Node) -> bool:
    """A write of the whole binding or field with anything but a fresh empty collection."""
    assignment = removal.parent if removal.type == "identifier" else removal
    if assignment is None or assignment.type != "assignment_expression":
        return False
    left = syntax.unwrap(assignment.child_by_field_name("left"))
    if removal.type != "identifier" and (left is None or left.type != "member_expression" or _is_length(left)):
        return False
    right = syntax.unwrap(assignment.child_by_field_name("right"))
    return not _empty_collection(right)


def _is_length(left: Node) -> bool:
    prop = left.child_by_field_name("property")
    return prop is not None and prop.text == b"length"


def _empty_collection(node: Node | None) -> bool:
    """`new Map()`, `new Set()`, `[]`, `{}`, `Object.create(null)`: an empty collection."""
    if node is None:
        return False
    if node.type in ("array", "object"):
        return not [c for c in node.named_children if c.type != "comment"]
    if node.type == "new_expression":
        arguments = node.child_by_field_name("arguments")
        return arguments is None or not [c for c in arguments.named_children if c.type != "comment"]
    return syntax.text(node).replace(" ", "") == "Object.create(null)"


def _declared_binding(function: Function):
    context = function.context
    if context and context[0] == "declared":
        return context[1]
    return None


def _never_called(model: FileModel, function: Function) -> bool:
    """A declared, unexported function whose name the file never reads."""
    if function.exported:
        return False
    binding = _declared_binding(function)
    if binding is None or binding.kind not in ("function", "const", "let", "var"):
        return False
    if not binding.is_module_level and binding.scope.owner is None:
        return False
    if binding.is_module_level and (not _is_module(model) or model.path.endswith(_COMPONENT_SUFFIXES)):
        return False  # a classic script's top-level function is a global; a component's, its template's
    return not binding.reads and not any(r.is_write and r.node != binding.node for r in binding.references)


def _start_up_only(model: FileModel, function: Function) -> bool:
    """A declared function whose every use is a direct call at module top level."""
    if function.exported:
        return False
    binding = _declared_binding(function)
    if binding is None or not binding.is_module_level or not binding.reads:
        return False
    fact = model.frequency(function)
    if fact.frequency is not Frequency.ONCE or fact.evidence is not Evidence.TOP_LEVEL:
        return False
    for reference in binding.reads:
        parent = reference.node.parent
        if parent is None or parent.type != "call_expression" or parent.child_by_field_name("function") != reference.node:
            return False  # handed on (a callback, an export object): whoever holds it may call it again
        if model.function_at(reference.node) is not None:
            return False
    return True


_COMPONENT_SUFFIXES = (".vue", ".svelte", ".astro")
_MODULE_MARKERS = (b"import ", b"import{", b"export ", b"require(", b"module.exports", b"exports.")


def _is_module(model: FileModel) -> bool:
    """An ES or CommonJS module, whose top-level names no other script sees (unless `eval` reads them)."""
    source = model.source
    return b"eval(" not in source and any(marker in source for marker in _MODULE_MARKERS)


def clear_all_only(model: FileModel, collection: Collection) -> Node | None:
    """The first clear-all when every eviction empties the whole collection on demand and slots are nulled.

    Returns None when there are no nullings, when some eviction removes one
    entry (`delete(k)`, `splice`), or when a clear-all runs on its own
    schedule: in the growing function, a timer, a listener, or a method that
    ends the owner's life (`close()`, `dispose()`).
    """
    if not collection.nullings:
        return None
    evictions = reached_evictions(model, collection)
    if not evictions:
        return None
    for eviction in evictions:
        if not empties_all(model, eviction, collection) or resets_on_own_schedule(model, eviction, collection):
            return None
    return min(evictions, key=lambda n: n.start_byte)


def resets_on_own_schedule(model: FileModel, eviction: Node, collection: Collection) -> bool:
    """A clear-all that runs without being asked: at top level, where the collection grows, in a
    timer or a listener, or in a method that ends the owner's life (`close()`, `dispose()`).

    Any other clear-all (a `reset()` or `clear()` callers may use) empties the
    collection on demand: what it bounds depends on callers that may never come.
    """
    function = model.function_at(eviction)
    if function is None:
        return True
    for node in collection.growth:
        grower = model.function_at(node)
        if grower is not None and (function is grower or grower.contains(eviction)):
            return True  # trimmed where it grows
    outer = function
    while outer is not None:
        fact = model.frequency(outer)
        if fact.evidence in (Evidence.HANDLER, Evidence.TIMER) or fact.handler is not None:
            return True
        name = (outer.method_name or outer.name or "").lower()
        if name in LIFECYCLE_END_NAMES:
            return True
        outer = outer.parent
    return False


def empties_all(model: FileModel, eviction: Node, collection: Collection) -> bool:
    """`c.clear()`, `c.length = 0`, or a write of a fresh collection over the whole binding or field."""
    if eviction.type == "call_expression":
        callee = syntax.unwrap(eviction.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        return prop is not None and prop.text == b"clear"
    if eviction.type == "assignment_expression":
        left = syntax.unwrap(eviction.child_by_field_name("left"))
        if left is not None and left.type == "member_expression":
            prop = left.child_by_field_name("property")
            if prop is not None and prop.text == b"length":
                right = syntax.unwrap(eviction.child_by_field_name("right"))
                return right is not None and right.text == b"0"
            return model.access_path(left) == collection.path and _fresh(eviction)
        return False
    if eviction.type == "identifier":  # a write of the binding itself
        parent = eviction.parent
        return parent is not None and parent.type == "assignment_expression" and _fresh(parent)
    return False


def _fresh(assignment: Node) -> bool:
    """`… = new Map()`, `… = []`, `… = {}`: the whole collection replaced by an empty one (not a `filter`)."""
    from leaklint.model.collections import collection_kind

    return collection_kind(assignment.child_by_field_name("right")) is not None


# -- removals that run only when the owner shuts down ------------------------------------------


def shutdown_only(model: FileModel, removal: Node) -> Node | None:
    """The shutdown path a removal is reached only from, or None when it can run while the owner serves.

    A removal of one entry that the file reaches only from a method that ends
    the owner's life (`shutdown()`, `close()`, `stop()`, `destroy()` … of the
    class whose field it removes from, or a function so named beside a
    module-level collection), or behind a test of a flag (`if (this.stopped)`)
    that only such a method sets to true, removes each entry once, when the
    process stops serving: every connection or request added before that stays.
    The function holding the removal must be a declared function or a method
    whose every mention in the file is a call (`this._destroy(s)`); one handed
    on (`.bind()`, passed as a callback) may be called from anywhere.  A class
    must be known to have a single, long-lived instance (a module-level
    `new X()`, a link fact): the `close()` of one of many instances is the end
    of that instance's life, and its collections go with it.  Except for a
    selective sweep (``_selective_sweep``: `for (const [k, v] of this.m) if
    (stale(v)) this.m.delete(k)`): pruning that keeps some entries is meant to
    run while the owner serves, and run only from its `closeAll()` it bounds
    nothing during that owner's life, however many owners there are.
    Returns the lifecycle method or the flag test, for the finding's notes.
    """
    function = model.function_at(removal)
    owner = _owner_class(function)
    if owner is not None and not model.instance_lifetime(owner).is_long_lived and not _selective_sweep(model, removal):
        return None  # instances the file does not count: each one's close() may be the end of a short life
    guard = _shutdown_guard(model, removal)
    if guard is not None:
        return guard
    return _only_from_shutdown(model, function, owner, removal, 0)


def _selective_sweep(model: FileModel, removal: Node) -> bool:
    """The removal is under an `if` inside a `for … of` / `for … in` over the same collection (pruning)."""
    from leaklint.model.removals import iterates_collection

    receiver = None
    if removal.type == "call_expression":
        callee = syntax.unwrap(removal.child_by_field_name("function"))
        receiver = callee.child_by_field_name("object") if callee is not None and callee.type == "member_expression" else None
    elif removal.type == "unary_expression":
        argument = syntax.unwrap(removal.child_by_field_name("argument"))
        receiver = argument.child_by_field_name("object") if argument is not None and argument.type == "subscript_expression" else None
    path = model.access_path(syntax.unwrap(receiver)) if receiver is not None else None
    if path is None:
        return False
    conditional = False
    node = removal.parent
    while node is not None and node.type not in syntax.FUNCTION_KINDS and node.type != "program":
        if node.type == "if_statement":
            conditional = True
        elif node.type == "for_in_statement":
            return conditional and iterates_collection(model, node.child_by_field_name("right"), path)
        node = node.parent
    return False


def _only_from_shutdown(model: FileModel, function, owner, removal: Node, depth: int) -> Node | None:
    if function is None or depth > 2:
        return None
    if _ends_owner_life(function, owner, removal):
        return function.node
    context = function.context
    if context and context[0] == "argument":
        from leaklint.model.loops import iteration_call

        if iteration_call(model, function) is not None:  # `this.sockets.forEach(s => this.sockets.delete(s))`
            return _only_from_shutdown(model, function.parent, owner, removal, depth)
        return None  # a listener or timer callback runs on its own schedule
    calls = _calls_of(model, function)
    if not calls:
        return None  # never called here (another fact's business), or handed on
    evidence = None
    for site in calls:
        found = _shutdown_guard(model, site.node)
        if found is None:
            caller = site.function
            if caller is function:
                return None
            found = _only_from_shutdown(model, caller, owner, removal, depth + 1)
        if found is None:
            return None
        evidence = evidence or found
    return evidence


def _owner_class(function):
    while function is not None and function.class_info is None and function.node.type == "arrow_function":
        function = function.parent
    return function.class_info if function is not None else None


def _ends_owner_life(function, owner, removal: Node) -> bool:
    """A method named for the end of its owner's life, of the class the removal removes a `this` field from."""
    name = (function.method_name or function.name or "").rsplit(".", 1)[-1].lower()
    if name not in LIFECYCLE_END_NAMES:
        return False
    if function.params and function.params[0].name.lower() not in _SHUTDOWN_PARAMETERS:
        return False  # `close(ws)`, `end(id)`: one entry's end, not the owner's
    if owner is not None:
        text = syntax.text(removal)
        text = text[len("delete"):].lstrip() if text.startswith("delete") else text
        return function.class_info is owner and text.startswith("this.")
    return function.class_info is None and function.parent is None  # a module-level `close()` / `shutdown()`


# What a method that ends its owner's life takes: a completion callback or options, never an entry.
_SHUTDOWN_PARAMETERS = frozenset({"callback", "cb", "done", "next", "fn", "options", "opts", "force", "timeout",
                                  "signal", "code", "reason", "graceful", "immediate"})


def _calls_of(model: FileModel, function) -> list | None:
    """Every call of a declared function or a method in the file, or None when it is also mentioned otherwise."""
    from leaklint.model.calls import direct_calls

    if function.class_info is not None:
        name = function.method_name
        if not name:
            return None
        sites = [
            site for site in model.method_calls(name)
            if site.receiver is not None and syntax.unwrap(site.receiver).type == "this"
            and _owner_class(site.function) is function.class_info
        ]
        mentions = len(re.findall(rb"\." + re.escape(name.encode()) + rb"\b", model.source))
        return sites if sites and mentions == len(sites) else None
    context = function.context
    if not context or context[0] != "declared" or function.exported:
        return None
    binding = context[1]
    sites = direct_calls(model, function)
    return sites if sites and len(sites) == len(binding.reads) else None


def _shutdown_guard(model: FileModel, node: Node) -> Node | None:
    """`if (this.stopped) …` around a node, where the flag is set to true only in a method that ends the owner."""
    child, parent = node, node.parent
    while parent is not None and parent.type not in syntax.FUNCTION_KINDS and parent.type != "program":
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
            condition = syntax.unwrap(parent.child_by_field_name("condition"))
            if condition is not None and condition.type in ("member_expression", "identifier"):
                if _set_only_at_shutdown(model, condition):
                    return parent
        child, parent = parent, parent.parent
    return None


_TRUE_LITERALS = frozenset({b"true", b"1"})


def _set_only_at_shutdown(model: FileModel, flag: Node) -> bool:
    path = model.access_path(flag)
    if path is None:
        return False
    raised = False
    for assignment in model.nodes("assign"):
        left = syntax.unwrap(assignment.child_by_field_name("left"))
        if left is None or left.type not in ("member_expression", "identifier") or model.access_path(left) != path:
            continue
        right = syntax.unwrap(assignment.child_by_field_name("right"))
        if right is None or right.text not in _TRUE_LITERALS:
            if right is not None and right.type in ("false", "null", "undefined", "number") or (
                right is not None and right.text in (b"false", b"0", b"null", b"undefined")
            ):
                continue  # reset (`this.stopped = false` in the constructor)
            return False  # set from a value: who knows when
        function = model.function_at(assignment)
        name = ((function.method_name or function.name or "") if function is not None else "").rsplit(".", 1)[-1]
        if name.lower() not in LIFECYCLE_END_NAMES:
            return False
        raised = True
    return raised


# -- clear-alls that run only on a rare command -------------------------------------------------

# Words of a command that empties everything on request (`stopMedia`, `type === 'reset'`).
COMMAND_WORDS = frozenset({"stop", "reset", "clear", "purge", "wipe", "cancel", "kill", "stopall", "clearall"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def command_only(model: FileModel, eviction: Node, collection: Collection) -> Node | None:
    """The command branch a clear-all runs on, when it is the only way the file reaches it, else None.

    A removal that empties the whole collection (`clear()`, `length = 0`, a
    fresh `= []`, or a `while (c.length > 0) c.splice(0, 1)` drain) reached
    only through an `if` that tests incoming data for a command (`if
    (event.stopMedia !== undefined) handleStopMedia(event)`, `if (msg.type
    === 'reset')`: a parameter, or a local made from one, and a word such as
    stop, reset, clear, purge, cancel in the test) runs when that command
    arrives, not as the collection grows: the path that adds an entry on
    every other message never empties it (round-6 fresh sample, PhantomBot's
    alerts overlay). Growth on the same branch (a batch flushed by its own
    message) and a test that reads the collection itself (a size cap) do not
    count.
    """
    loop = _drain_loop_of_test(eviction)
    if loop is not None:  # `c.length > 0` of the drain loop: it bounds only what the loop drains
        body = loop.child_by_field_name("body")
        drains = [node for node in collection.evictions
                  if body is not None and body.start_byte <= node.start_byte < body.end_byte
                  and _drains(model, node, collection)]
        return _command_path(model, drains[0], collection, 0) if drains else None
    if not (empties_all(model, eviction, collection) or _drains(model, eviction, collection)):
        return None
    return _command_path(model, eviction, collection, 0)


def _drain_loop_of_test(node: Node) -> Node | None:
    """The `while` whose condition a size test is."""
    if node.type != "binary_expression":
        return None
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "binary_expression"):
        node, parent = parent, parent.parent
    if parent is not None and parent.type == "while_statement" and parent.child_by_field_name("condition") == node:
        return parent
    return None


def _drains(model: FileModel, eviction: Node, collection: Collection) -> bool:
    """`while (c.length > 0) { … c.splice(0, 1) }` (also `shift()`/`pop()`): emptied one entry at a time."""
    if eviction.type != "call_expression":
        return False
    callee = syntax.unwrap(eviction.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    if prop is None or prop.text not in (b"splice", b"shift", b"pop"):
        return False
    node = eviction.parent
    while node is not None and node.type not in syntax.FUNCTION_KINDS and node.type != "program":
        if node.type == "while_statement":
            condition = syntax.unwrap(node.child_by_field_name("condition"))
            for child in syntax.walk(condition) if condition is not None else ():
                if child.type == "member_expression" and syntax.text(child.child_by_field_name("property")) == "length":
                    if model.access_path(child.child_by_field_name("object")) == collection.path:
                        return True
            return False
        node = node.parent
    return False


def _command_path(model: FileModel, node: Node, collection: Collection, depth: int) -> Node | None:
    from leaklint.model.calls import direct_calls

    function = model.function_at(node)
    branch = _command_branch(model, node, function, collection)
    if branch is not None:
        if any(branch.start_byte <= g.start_byte < branch.end_byte for g in collection.growth):
            return None  # the same message that adds also empties: a batch
        return branch
    if function is None or depth >= 2:
        return None
    context = function.context
    if not context or context[0] != "declared" or function.exported:
        return None
    calls = direct_calls(model, function)
    if not calls or len(calls) != len(context[1].reads):
        return None  # handed on: called from anywhere
    found = None
    for call in calls:
        branch = _command_path(model, call.node, collection, depth + 1)
        if branch is None:
            return None
        found = found or branch
    return found


def _command_branch(model: FileModel, node: Node, function, collection: Collection) -> Node | None:
    stop = function.node if function is not None else None
    child, parent = node, node.parent
    while parent is not None and parent != stop:
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
            condition = parent.child_by_field_name("condition")
            if condition is not None and _names_command(model, condition, collection):
                return condition
        child, parent = parent, parent.parent
    return None


def _names_command(model: FileModel, condition: Node, collection: Collection) -> bool:
    """A test of incoming data (a parameter, or a local made from one) that names a command word."""
    words: set[str] = set()
    reads_data = False
    for child in syntax.walk(condition):
        if child.type in ("identifier", "property_identifier", "string_fragment"):
            words.update(w.lower() for w in _WORD.findall(syntax.text(child)))
        if child.type == "member_expression" and model.access_path(child) == collection.path:
            return False
        if child.type != "identifier":
            continue
        binding = model.resolve(child)
        if binding is None:
            continue
        if binding is collection.binding:
            return False  # a size test on the collection itself
        if binding.kind == "param" or (
            binding.kind in ("const", "let", "var") and binding.init is not None
            and any(model.resolve(i) is not None and model.resolve(i).kind == "param"
                    for i in syntax.walk(binding.init) if i.type == "identifier")
        ):
            reads_data = True
    return reads_data and bool(words & COMMAND_WORDS)


def deleted_under_other_key(model: FileModel, removal: Node) -> Node | None:
    """The lookup `o[x.q]` that a `delete o[x.p]` in the same function does not match, else None.

    notification-socket.io's disconnect handler reads `var userId = socket.userId` and checks
    `connections[userId]`, then runs `delete connections[socket.connectionId]`: the key it
    deletes was never set, so the socket stays.  The same mismatch as ``wrong_key`` for a plain
    object and a `delete`: both keys are member reads of one plain name (directly or through a
    local set from one), the lookup is on the same object text in the same function, and no
    lookup there uses the deleted key itself.
    """
    argument = syntax.unwrap(removal.child_by_field_name("argument"))
    if argument is None or argument.type != "subscript_expression":
        return None
    removed = _member_key(model, argument.child_by_field_name("index"))
    target = syntax.text(syntax.unwrap(argument.child_by_field_name("object")))
    function = model.function_at(removal)
    if removed is None or function is None or function.body is None:
        return None
    mismatched = None
    for node in syntax.walk(function.body):
        if node.type != "subscript_expression" or node is argument or node.start_byte >= removal.start_byte:
            continue
        if syntax.text(syntax.unwrap(node.child_by_field_name("object"))) != target:
            continue
        looked = _member_key(model, node.child_by_field_name("index"))
        if looked is None or looked[0] is not removed[0]:
            continue
        if looked[1] == removed[1]:
            return None  # the deleted key is also looked up here
        mismatched = mismatched or node
    return mismatched


def _member_key(model: FileModel, key: Node | None):
    """(the binding of `x`, b"p") for a key `x.p`, or a local whose declaration sets it to `x.p`."""
    key = syntax.unwrap(key)
    if key is not None and key.type == "identifier":
        binding = model.resolve(key)
        key = syntax.unwrap(binding.init) if binding is not None and binding.init is not None else None
    member = _plain_member(key)
    if member is None:
        return None
    holder = model.resolve(member[0])
    return (holder, member[1]) if holder is not None else None
