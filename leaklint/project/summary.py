"""Phase 1 of the project model: what one file tells the rest of the project.

A ``FileSummary`` is computed in the worker from the file's model, right after
its rules ran. It is plain, frozen, versioned data (strings, ints, ``Span``),
with no tree-sitter node, so it crosses process boundaries and could be cached
by content hash. It records:

- imports: local name -> (module specifier, imported name);
- exports: exported name -> what it is (a function, a class, an instance of a
  class, another module's export, some other value);
- functions: each function's local frequency fact as the file's model computes
  it, under a file-local id (its start byte) and its qualified name;
- edges: which function of the file calls (or encloses) which, so the link can
  carry a frequency through a file;
- calls out: calls to imported bindings (`getUser(id)`, `ns.fn()`,
  `Cls.staticMethod()`, `new Imported()`), with the calling function (not
  those of `node:` and JSON modules, which the link never resolves);
- registrations: an imported function passed as a route handler, listener or
  timer callback;
- instantiations of classes (local or imported) and which names escape as
  values (so a class handed to a container is never called a singleton).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.findings import Span
from leaklint.model.calls import classify_registration
from leaklint.model.collections import wrapper_methods
from leaklint.model.frequency import Evidence, module_object_member
from leaklint.model.imports import dynamic_import_source, imported_name, is_require_call, require_source
from leaklint.model.lazy_singletons import getter_called, lazy_singleton_slot
from leaklint.model.lifetime import SINGLETON_DECORATORS, Lifetime, LifetimeFact
from leaklint.model.socket_io import is_socket_io_server
from leaklint.model.stream_writers import old_style_stream_classes
from leaklint.model.uncalled_cleanups import cleanup_names, mentioned_names
from leaklint.model.timers import CLEARING_FUNCTIONS, background_timer_classes
from leaklint.model.distinct_items import distinct_item_argument
from leaklint.model.loops import iteration_call, loop_index
from leaklint.pickling import compact_pickling
from leaklint.project.resolve import never_resolves
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.scopes import Binding, Function

# Specifiers of the project's own files, as the link reads them (link._PROJECT_PREFIXES); the rest name packages.
_PROJECT_SPECIFIER_PREFIXES = (".", "/", "~", "#", "@/", "$lib")
# 2: constructor parameters and class arguments; 3: calls on typed receivers; 4: DI singletons; 5: super calls;
# 6: `new F()` of a function of the file, typed destructured receivers; 7: calls on a fresh instance, `this.m()`
# edges, decorator calls, bootstrapped root components, functions kept on module-level objects; 8 (two branches):
# results of calls dropped or kept and functions that return a function / argument lifetimes of calls out and
# `new`, fresh values exported functions return, calls in loops; 9: both of those together; 10 (four branches):
# timer fields cleared on an instance of a known class / callbacks exported functions call once per item /
# SvelteKit's `handle` hook runs per request, `$lib` imports are the project's own / exported helpers that
# forward a registration to an argument; 11-13: merges of those; 14 (two branches): a stream source's
# `start()`/`construct()` runs once per stream (frequencies of what it calls) / listener stores of the project's
# own; 15: both; 16: merges; 17 (three branches): helpers that build their result from a parameter's fields /
# literal arguments, clean-up and mentioned names / `await import()` bindings in functions are imports, `super.m()`
# of a project base class is a call on the caller's own instance (`CallOut.on_this`); 19: all three; 20: and
# calls of a member of what an imported factory returns, and the members factories return; 21: exported ES5
# constructors (`function F() { this.x = … }` with `F.prototype.m`), whose `new` in another file makes an instance;
# 22: and fields a helper clears of its parameter, `unref()`'d constructor timers of classes, removals from imports;
# 23: exported functions that hand out what a module-level holder keeps (`pooled_returns`), calls of an inline
# `require('./x')`, the file's own old-style stream classes (`stream_classes`);
# 24: calls on a typed parameter (`CallOut.receiver_parameter`), `this.m(x)` once per element of a Set (`Edge.distinct_argument`).
SUMMARY_VERSION = 24
_SINK_METHODS = (
    "set", "add", "push", "unshift", "on", "addListener", "prependListener", "addEventListener", "once",
    "subscribe", "watch", "write", "pipe", "setInterval", "setTimeout",
)
_SINK_FUNCTIONS = ("setInterval", "setTimeout", "setImmediate")
TOP_LEVEL = -1  # the function id of the module top level
_NO_LIFETIME = LifetimeFact(Lifetime.UNKNOWN, "")


def _plain_receiver(value: Node) -> bool:
    """`x`, `this`, `this.x`, `X.y`, `new C()`, `getX()` / `X.getInstance()` without arguments: cheap to read."""
    kind = value.type
    if kind == "member_expression":
        obj = syntax.unwrap(value.child_by_field_name("object"))
        return obj is not None and obj.type in ("identifier", "this")
    if kind == "call_expression":
        arguments = value.child_by_field_name("arguments")
        return arguments is not None and not arguments.named_children
    return True


# Arguments that can be a receiver or a collection (no literal, no callback): the ones whose lifetime is recorded.
_RECEIVER_ARGUMENT_KINDS = frozenset({"identifier", "member_expression", "call_expression", "new_expression", "this"})
# Argument.kind of a string or number literal: `getClient('sandbox')`, `slot(3)`.
LITERAL_ARGUMENT = "literal"


def _is_literal_argument(value: Node) -> bool:
    """`'alpha'`, `3`, `` `beta` ``: a value written in the code, the same on every run of the call."""
    if value.type in ("string", "number"):
        return True
    return value.type == "template_string" and not any(c.type == "template_substitution" for c in value.named_children)


_VALUE_PARENTS = frozenset({"arguments", "pair", "array", "return_statement", "assignment_expression", "variable_declarator"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a name stands for in its module.

    kind: function (``ref`` is the function id) | class (``name``) |
    instance (``name`` is the class's local name) | import (``specifier``,
    ``name``: another module's export) | namespace (``specifier``: a whole
    module) | value (anything else; ``name`` describes it).
    """

    kind: str
    name: str = ""
    ref: int = TOP_LEVEL
    specifier: str = ""


@dataclass(frozen=True, slots=True)
class FunctionSummary:
    """A function of the file and how often the file alone says it runs."""

    id: int  # start byte: stable for the same content
    name: str | None  # qualified name as the model keys it ("getUser", "Cls.method", "exports.getPad")
    frequency: int  # model.frequency.Frequency value
    evidence: str  # model.frequency.Evidence value
    trigger: str | None  # HandlerKind value of the handler it is or runs under
    reason: str
    span: Span | None  # set for handlers and timers, where a chain starts
    class_name: str | None = None  # set for methods
    method: str | None = None
    holder: str | None = None  # `Cache` for `const Cache = { add() {…} }` or `Cache.add = fn`: the module object


@dataclass(frozen=True, slots=True)
class Edge:
    """Inside the file: ``caller`` (a function id, or TOP_LEVEL) calls or encloses ``callee``."""

    caller: int
    callee: int
    span: Span
    text: str
    on_this: bool = False  # `this.m()`: the callee runs on the caller's own instance
    in_loop: bool = False  # made in a loop over items not fixed in the code (CallOut.in_loop)
    # `for (const x of new Set(…)) this.m(x)`: the argument at this index is a different element of a Set
    # on every round (``model.distinct_items``), so one run of the loop passes each element once; else -1
    distinct_argument: int = -1


@dataclass(frozen=True, slots=True)
class Argument:
    """Argument ``index`` of a call: its lifetime ("long-lived" | "request-scoped" | "") and kind, as the file shows them.

    ``kind`` is "socket.io-server" for a Socket.IO server or namespace, "literal" for a string or
    number literal (the link then knows the parameter takes a value from the code's own fixed set), else "".
    ``text`` is the argument's source and ``reason`` why it has that lifetime.
    """

    index: int
    lifetime: str
    kind: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class CallOut:
    """A call of an imported binding: `name(…)`, `name.member(…)`, `new name(…)`.

    ``on_fresh_instance``: `const t = new T(); … t.m()` in one function, the
    one call of `m` on `t` and in no loop there, so each run of the caller
    calls `m` once on an instance of its own.
    """

    caller: int
    local: str
    member: str | None
    is_new: bool
    span: Span
    text: str
    on_fresh_instance: bool = False
    as_decorator: bool = False  # `@link(LICENSE)`: a decorator factory's call, once per decorated declaration
    arguments: tuple[Argument, ...] = ()  # what the call passes, where the file knows its lifetime or kind
    in_loop: bool = False  # made in a loop (or a forEach-like callback) over items not fixed in the code
    # `this.g.m()` where the class sets `this.g = new C()` once, in its constructor, and calls `this.g.m()`
    # once in the file: the callee runs on the instance the caller's own instance owns
    on_owned_field: bool = False
    # `super.m()` of an imported base class: the callee runs on the caller's own instance, as `this.m()` does
    on_this: bool = False
    # `e.m()` on the caller's parameter at this index, annotated with the imported class and never
    # reassigned (`startExtension(e: Extension) { e.start() }`): the callee runs on what the caller is
    # given, which may be an instance of a subclass (the link follows overrides); else -1
    receiver_parameter: int = -1


@dataclass(frozen=True, slots=True)
class ResultCall:
    """`x.method(…)` where `x` is a never-reassigned local holding what a call of an imported binding returned.

    `const enc = createEncoder(opts)` (or `await spawnEncoder(…)`, `ns.createEncoder(…)`,
    ``local`` and ``member`` naming the factory as in CallOut) and then `enc.writeFrame(f)`:
    the link resolves the factory and, through ``FileSummary.returned_members``, the
    member of the object it returns that `writeFrame` names. ``dropped``: the call is a
    statement, so nothing looks at what the member returns (`write()`'s boolean).
    """

    caller: int
    local: str
    member: str | None
    method: str
    span: Span
    text: str
    in_loop: bool = False  # as CallOut.in_loop
    dropped: bool = False


@dataclass(frozen=True, slots=True)
class HandlerUse:
    """An imported function registered as a handler or timer callback here."""

    local: str
    member: str | None
    frequency: int
    trigger: str
    description: str
    span: Span


@dataclass(frozen=True, slots=True)
class Instantiation:
    """`new C(…)` of a local class (``local_class``) or an imported binding (``local``)."""

    caller: int
    local_class: str | None
    local: str | None
    member: str | None
    span: Span
    arguments: tuple[Argument, ...] = ()  # what `new C(…)` passes to the constructor (as CallOut.arguments)


@dataclass(frozen=True, slots=True)
class ClassArgument:
    """A class (local, or an imported binding) passed as argument ``index`` of a call of a function.

    The callee is a function of this file (``callee``, its id) or an imported
    binding (``local``, ``member``). When the callee does `new param(…)` on that
    parameter, the call creates an instance of the class (`registerStore(UiStore)`).
    """

    caller: int
    class_local: str
    index: int
    callee: int
    local: str | None
    member: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class FileSummary:
    """Everything the link phase reads about one file (plain data, versioned)."""

    path: str
    version: int = SUMMARY_VERSION
    imports: tuple[tuple[str, str, str], ...] = ()  # (local, specifier, imported name or "*")
    exports: tuple[tuple[str, Target], ...] = ()  # "default" for the default export
    module_value: Target | None = None  # `module.exports = …`
    star_exports: tuple[str, ...] = ()  # `export * from 'm'`
    classes: tuple[tuple[str, str | None], ...] = ()  # (class name, superclass text)
    functions: tuple[FunctionSummary, ...] = ()
    edges: tuple[Edge, ...] = ()
    calls: tuple[CallOut, ...] = ()
    handlers: tuple[HandlerUse, ...] = ()
    instantiations: tuple[Instantiation, ...] = ()
    escaping: tuple[str, ...] = ()  # imported names and local classes used as plain values
    extended: tuple[str, ...] = ()  # local names used in `extends`
    member_calls: tuple[str, ...] = ()  # method names called as `x.m()` on something other than `this`
    # names called (`x.m(…)`, an imported `f(…)` by its exported name) as a statement, dropping the result,
    # and those called where the result is used: a disposer returned to the first kind never runs
    dropped_results: tuple[str, ...] = ()
    kept_results: tuple[str, ...] = ()
    disposer_makers: tuple[str, ...] = ()  # qualified names of functions that return a function
    sinks: tuple[int, ...] = ()  # functions that grow, register or start something: callers decide if it leaks
    memoized: tuple[int, ...] = ()  # functions that start with `if (x) return x;` and set x: the rest runs once
    constructor_params: tuple[tuple[int, int], ...] = ()  # (function id, parameter index) used as `new param(…)`
    class_arguments: tuple[ClassArgument, ...] = ()  # classes handed to a function (maybe one of the above)
    singletons: tuple[tuple[str, Span], ...] = ()  # classes with a DI singleton decorator (`@Injectable`, …)
    # root components: `bootstrapApplication(AppComponent)`, `@NgModule({ bootstrap: [AppComponent] })`
    bootstrapped: tuple[tuple[str, Span], ...] = ()
    # (exported function id, returned field or "" for the whole value, why it is new on every call)
    fresh_returns: tuple[tuple[int, str, str], ...] = ()
    # (exported function id, parameter index): every value it returns is built from that parameter's fields
    # (`routeKey(route)` -> `${route.chatId}:${route.threadId}`, ``field_keys``)
    field_returns: tuple[tuple[int, int], ...] = ()
    # (exported function id, holder): every value it returns is read from a module-level holder
    # (`return emitters[context][name]`, ``provenance.module_pooled_holder``): the same object for every caller
    pooled_returns: tuple[tuple[int, str], ...] = ()
    # (local class or constructor name, base): the file's own old-style streams (`util.inherits(X, Stream)`)
    stream_classes: tuple[tuple[str, str], ...] = ()
    # `clearInterval(this.cache._worker)` where `this.cache` only ever holds `new Utility.Cache(…)`:
    # (class: a local class or an imported binding, its member or None, the field cleared, the call)
    cleared_fields: tuple[tuple[str, str | None, str, Span], ...] = ()
    # (exported function id, parameter index, field path): `clearInterval(ctx.websocket.pingIntervalId)` on a
    # field path of that parameter (``timers.parameter_clears``): a caller passing a handle's holder clears it
    cleared_parameters: tuple[tuple[int, int, str], ...] = ()
    # classes whose constructor starts an `unref()`'d interval it never clears and that cannot stop
    # (``timers.background_timer_classes``): not reported unless the link finds them made per call
    background_timer_classes: tuple[str, ...] = ()
    # (exported function id, imported local): the function removes entries of that imported module-level
    # collection (``linked_removals.removed_imports``)
    removed_imports: tuple[tuple[int, str], ...] = ()
    # (exported function id, parameter index, destructured property or "", the per-item call): callbacks it
    # calls once per item of a loop (model/looped_callbacks.py)
    looped_callbacks: tuple[tuple[int, int, str, Span], ...] = ()
    # (exported function id, method, receiver parameter, argument parameters): `addEventListener(target, type, fn)`
    # whose body makes `target.addEventListener(type, fn)` (``listeners.exported_forwarders``), and the on/off
    # pair of a listener store (``exported_keyed_stores``): keyed by (obj, type), a forwarder on obj; keyed by
    # the event alone, a receiver parameter of -1 (the store itself stays the receiver)
    forwarders: tuple[tuple[int, str, int, tuple[int, ...]], ...] = ()
    # names of the file's functions that delete, splice or clear (``uncalled_cleanups.cleanup_names``), and every
    # name the file mentions: the link finds the clean-ups no production file ever calls
    cleanup_names: tuple[str, ...] = ()
    mentioned_names: tuple[str, ...] = ()
    # `enc.writeFrame(f)` on `const enc = createEncoder(…)` of an imported factory (ResultCall)
    result_calls: tuple[ResultCall, ...] = ()
    # (exported function id, member name, member function id): the functions of the object literal the
    # function returns (``factory_slots.returned_members``), for the ResultCalls of other files
    returned_members: tuple[tuple[int, str, int], ...] = ()
    # (constructor function id, class name, ((prototype method, its function id), …)): the exported ES5
    # constructors (``es5_classes``); `new` of one in another file is an instantiation of that class, and a
    # call on the instance (`pending.keepWorse(…)`) runs its `F.prototype.keepWorse`, as for an exported `class`
    es5_classes: tuple[tuple[int, str, tuple[tuple[str, int], ...]], ...] = ()


# Workers send every file's summary to the parent: a tuple state per record keeps that cheap.
compact_pickling(Target, FunctionSummary, Edge, Argument, CallOut, ResultCall, HandlerUse, Instantiation, ClassArgument, FileSummary)


def summarize(model: FileModel) -> FileSummary:
    """The summary of one analyzed file."""
    return _Summarizer(model).build()


class _Summarizer:
    def __init__(self, model: FileModel) -> None:
        self.model = model
        self.imports: dict[str, tuple[str, str]] = {}
        for binding in model.module_scope.bindings.values():
            imported = imported_name(binding)
            if imported is not None:
                if binding.kind == "import" and imported[1] == "*" and not _is_namespace_import(binding):
                    imported = (imported[0], "default")  # `import X from 'm'`
                self.imports[binding.name] = imported
        # bindings of `await import()` inside functions (`const { Controller } = await import('./x.js')`):
        # imports too, by the start byte of their name, when no other import of the file has that name
        self.local_imports: set[int] = set()
        if b"import(" in model.text.source:
            self._local_dynamic_imports()
        # Imported from a module no analyzed file can be (`node:fs`, `./data.json`): the link resolves none
        # of their calls, `new`s or handler uses, so those are not summarized; their callers still count
        # in `useful` (_calls), so the edges kept are the same.
        self.unlinkable = {local for local, (specifier, _) in self.imports.items() if never_resolves(specifier)}
        self.unlinked_callers: set[int] = set()  # callers of a call or `new` of an unlinkable import
        self.class_names = {info.name for info in model.classes if info.name}
        self._lazy_regions: list[tuple[int, int, int]] | None = None
        self._parents_of_references: dict[int, Node | None] = {}  # identifier start byte -> its parent
        self._heritage_children: set[int] | None = None  # ids of the children of class_heritage nodes
        # (start, end) of an identifier that is the object of a called member (`name.method(…)`) -> that member,
        # filled by _calls: the parent of such a reference without Node.parent
        self._member_of_receiver: dict[tuple[int, int], Node] = {}
        self._mentions_socket_io: bool | None = None
        self._dropped_calls: set[int] | None = None  # ids of the calls whose result is dropped (_is_dropped)
        # the method names (bytes) of `x.m()` calls that drop their result / that use it, filled by _calls
        self._method_results: tuple[set[bytes], set[bytes]] = (set(), set())
        self._loops = None  # model.loops.LoopIndex, asked once
        self._iterated: dict[int, bool] = {}  # function id -> a callback run once per item not fixed in the code

    def _local_dynamic_imports(self) -> None:
        found: dict[str, tuple[tuple[str, str], list[int]]] = {}
        clashing: set[str] = set()
        for binding in self.model.scopes.bindings:
            if binding.kind not in ("const", "let", "var") or binding.is_module_level:
                continue
            if dynamic_import_source(binding.init) is None and dynamic_import_source(binding.destructured_from) is None:
                continue
            imported = imported_name(binding)
            if imported is None:
                continue
            previous = found.get(binding.name)
            if binding.name in self.imports or (previous is not None and previous[0] != imported):
                clashing.add(binding.name)
                continue
            found.setdefault(binding.name, (imported, []))[1].append(binding.node.start_byte)
        for name, (imported, starts) in found.items():
            if name not in clashing:
                self.imports[name] = imported
                self.local_imports.update(starts)

    def _is_import(self, binding: Binding | None) -> bool:
        """A module-level import, or a function's `await import()` binding kept in ``imports``."""
        if binding is None or binding.name not in self.imports:
            return False
        return binding.is_module_level or binding.node.start_byte in self.local_imports

    def span(self, node: Node) -> Span:
        """The node's Span; a one-line ASCII node costs one bisection (summaries take many spans)."""
        text = self.model.text
        start, end = node.start_byte, node.end_byte
        starts = text.line_starts
        index = bisect.bisect_right(starts, start) - 1
        line_start = starts[index]
        next_start = starts[index + 1] if index + 1 < len(starts) else len(text.source) + 1
        if end < next_start and line_start > 0:
            prefix = text.source[line_start:end]
            if prefix.isascii():
                return Span(start, end, index + 1, start - line_start + 1, index + 1, end - line_start + 1)
        elif line_start > 0:  # over several lines (a call with a callback): one more bisection for the end
            end_index = bisect.bisect_right(starts, end, index) - 1
            end_line_start = starts[end_index]
            source = text.source
            if source[line_start:start].isascii() and source[end_line_start:end].isascii():
                return Span(start, end, index + 1, start - line_start + 1, end_index + 1, end - end_line_start + 1)
        return text.span(start, end)

    def build(self) -> FileSummary:
        model = self.model
        exports, module_value, stars = self._exports()
        self.sink_ids = self._sinks()
        instantiations = self._instantiations()
        self.instantiation_callers = {new.caller for new in instantiations}
        edges, calls, handlers = self._calls()
        exported = {target.ref for _, target in exports if target.kind == "function"}
        returned_members = self._returned_members(exported)
        es5_classes = self._es5_classes(
            exported | ({module_value.ref} if module_value is not None and module_value.kind == "function" else set())
        )
        wanted = (
            self.involved | exported | {member for _, _, member in returned_members}
            | {ref for _, _, methods in es5_classes for _, ref in methods}
        )
        functions = tuple(
            self._function(f) for f in model.functions if f.node.start_byte in wanted or f.method_name == "constructor"
        )
        self.constructor_calls_possible = bool(self.class_names or self.imports)
        escaping, extended = self._escaping()
        dropped, kept = self._result_uses()
        return FileSummary(
            path=model.path,
            imports=tuple((local, spec, name) for local, (spec, name) in self.imports.items()),
            exports=exports,
            module_value=module_value,
            star_exports=stars,
            classes=tuple((info.name, info.superclass) for info in model.classes if info.name),
            functions=functions,
            edges=edges,
            calls=calls,
            handlers=handlers,
            instantiations=instantiations,
            escaping=escaping,
            extended=extended,
            member_calls=self.member_call_names,
            dropped_results=dropped,
            kept_results=kept,
            disposer_makers=self._disposer_makers(),
            sinks=self.sink_ids,
            memoized=self._memoized(),
            constructor_params=self.constructor_params,
            class_arguments=self.class_arguments,
            singletons=tuple(
                (info.name, self.span(info.node)) for info in model.classes
                if info.name and any(d in SINGLETON_DECORATORS for d in info.decorators)
            ),
            bootstrapped=self._bootstrapped(),
            fresh_returns=self._fresh_returns(exported),
            field_returns=self._field_returns(exported),
            pooled_returns=self._pooled_returns(exported),
            stream_classes=tuple(sorted(model.fact("old-style-stream-classes", old_style_stream_classes).items())),
            cleared_fields=self._cleared_fields(),
            cleared_parameters=self._cleared_parameters(exported),
            background_timer_classes=background_timer_classes(model),
            removed_imports=self._removed_imports(exported),
            looped_callbacks=self._looped_callbacks(exported),
            forwarders=self._forwarders(exported),
            es5_classes=es5_classes,
            cleanup_names=cleanup_names(model),
            mentioned_names=mentioned_names(model),
            result_calls=self.result_calls,
            returned_members=returned_members,
        )

    def _es5_classes(self, exported: set[int]) -> tuple[tuple[int, str, tuple[tuple[str, int], ...]], ...]:
        """(constructor id, class name, its prototype methods) of each exported ES5 constructor.

        Another file's `new F()` makes an instance, and its `x.m()` runs `F.prototype.m`.
        """
        from leaklint.model.shape import es5_class_binding, es5_prototype_member, is_es5_constructor

        model = self.model
        classes = {}
        for function in model.functions:
            if function.node.start_byte in exported and is_es5_constructor(model, function):
                binding = es5_class_binding(model, function)
                if binding is not None:
                    classes[binding] = (function.node.start_byte, [])
        if not classes:
            return ()
        for function in model.functions:
            member = es5_prototype_member(model, function)
            if member is not None and member[0] in classes and member[1]:
                classes[member[0]][1].append((member[1], function.node.start_byte))
        return tuple((ref, binding.name, tuple(methods)) for binding, (ref, methods) in classes.items())

    def _returned_members(self, exported: set[int]) -> tuple[tuple[int, str, int], ...]:
        """The function members of the object literal each exported function returns (a factory's API)."""
        from leaklint.model.factory_slots import returned_members

        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            if function is None or function.body is None:
                continue
            found.extend((ref, name, member.node.start_byte) for name, member in returned_members(self.model, function))
        return tuple(found)

    def _factory_results(self) -> dict[int, tuple[str, str | None]]:
        """Never-reassigned `const x = f(…)` / `await f(…)` / `ns.f(…)` of an imported f: x's declaration -> (local, member)."""
        found: dict[int, tuple[str, str | None]] = {}
        if not self.imports:
            return found
        for binding in self.model.scopes.bindings:
            if binding.kind != "const" or binding.init is None:
                continue
            init = syntax.unwrap(binding.init)
            while init is not None and init.type == "await_expression" and init.named_children:
                init = syntax.unwrap(init.named_children[0])
            if init is None or init.type != "call_expression":
                continue
            callee = syntax.unwrap(init.child_by_field_name("function"))
            local, member = None, None
            if callee is not None and callee.type == "identifier":
                local = syntax.text(callee)
            elif callee is not None and callee.type == "member_expression":
                obj = syntax.unwrap(callee.child_by_field_name("object"))
                prop = callee.child_by_field_name("property")
                if obj is not None and obj.type == "identifier" and prop is not None:
                    local, member = syntax.text(obj), syntax.text(prop)
            if local is None or local not in self.imports or local in self.unlinkable:
                continue
            imported = self.model.resolve(callee if member is None else callee.child_by_field_name("object"))
            if imported is None or not imported.is_module_level:
                continue  # a local shadowing the import
            if binding.writes:  # (a list made on each ask: last)
                continue
            found[binding.node.start_byte] = (local, member)
        return found

    def _cleared_fields(self) -> tuple[tuple[str, str | None, str, Span], ...]:
        """`clearInterval(x.field)` / `clearTimeout(x.field)` where `x` is an instance of a class the code names.

        `x` is a binding `_instance_class` knows, or `this.g` of a class every
        assignment of which in the class stores `new C(…)` of one class (`C` local or
        imported, or `ns.C` of an imported namespace).  The link hands the field to
        that class's file: a timer handle it keeps there is cleared from here.
        """
        model = self.model
        if not self.imports and not self.class_names:
            return ()
        found = []
        for site in model.function_calls(*CLEARING_FUNCTIONS):
            argument = syntax.unwrap(site.arguments[0]) if site.arguments else None
            if argument is None or argument.type != "member_expression":
                continue
            prop = argument.child_by_field_name("property")
            holder = syntax.unwrap(argument.child_by_field_name("object"))
            if prop is None or holder is None:
                continue
            named = None
            if holder.type == "identifier":
                binding = model.resolve(holder)
                local = self._instance_class(binding) if binding is not None else None
                named = (local, None) if local is not None else None
            elif holder.type == "member_expression":
                named = self._field_class(holder)
            if named is not None:
                found.append((named[0], named[1], syntax.text(prop), self.span(site.node)))
        return tuple(found)

    def _field_class(self, holder: Node) -> tuple[str, str | None] | None:
        """The class of `this.g` when every `this.g = …` of its class is `new` of that one class.

        The assignments are the class's ``instance_fields`` that come from `this.g = v` (a field
        declaration's initialiser is not one of them); `this` is the instance's where the method,
        or an arrow in it, sees it.
        """
        obj = syntax.unwrap(holder.child_by_field_name("object"))
        prop = holder.child_by_field_name("property")
        if obj is None or obj.type != "this" or prop is None:
            return None
        function = self.model.function_at(holder)
        function = function.this_owner if function is not None else None
        info = function.class_info if function is not None else None
        if info is None:
            return None
        named: set[tuple[str, str | None]] = set()
        for right in info.instance_fields.get(syntax.text(prop), ()):
            if right is None or right.parent is None or right.parent.type != "assignment_expression":
                continue  # a field declaration, not an assignment
            value = syntax.unwrap(right)
            if value is None or value.type in ("null", "undefined") or syntax.text(value) == "undefined":
                continue  # emptied, not refilled
            made = self._constructed_class(value) if value.type == "new_expression" else None
            if made is None:
                return None  # something else is kept there too
            named.add(made)
        return next(iter(named)) if len(named) == 1 else None

    def _constructed_class(self, new: Node) -> tuple[str, str | None] | None:
        """`new C(…)` of a local class or imported binding, or `new ns.C(…)` of an imported namespace."""
        constructor, member = _constructor_and_member(new)
        if constructor is None or constructor.type != "identifier":
            return None
        binding = self.model.resolve(constructor)
        if binding is None:
            return None
        if member is None and (binding.kind == "class" or binding.is_module_level):
            return (binding.name, None)  # `const Foo = class {…}` too; the link resolves the name
        if self._is_import(binding):
            return (binding.name, member)
        return None

    def _is_dropped(self, call: Node) -> bool:
        """``eviction_reach.value_dropped(call)``: the call is a statement (`f();`, `await f();`, `void f();`).

        Found once per file, downwards from the query's expression statements through `await`,
        parentheses and `void`, instead of up from each call (``Node.parent`` walks from the root).
        """
        return call.id in self._dropped_call_ids()

    def _dropped_call_ids(self) -> set[int]:
        """The ids of the calls ``_is_dropped`` answers True for."""
        dropped = self._dropped_calls
        if dropped is None:
            dropped = self._dropped_calls = set()
            source = self.model.source
            pending = [child for statement in self.model.nodes("statement") for child in statement.named_children]
            while pending:
                node = pending.pop()
                kind = node.type
                if kind == "call_expression":
                    dropped.add(node.id)
                elif kind == "await_expression" or kind == "parenthesized_expression" or (
                    kind == "unary_expression" and source.startswith(b"void", node.start_byte, node.end_byte)
                ):
                    pending.extend(node.named_children)
        return dropped

    def _result_uses(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(names whose call drops the result, names whose result is used), over `x.m()` and imported `f()`.

        The `x.m()` calls (not on `this` or `super`) were sorted by _calls, which build() runs first, as
        it went through them (``_method_results``): here only the imported `f()` are looked at.
        """
        model = self.model
        dropped_bytes, kept_bytes = self._method_results
        dropped = {raw.decode("utf-8", "replace") for raw in dropped_bytes}
        kept = {raw.decode("utf-8", "replace") for raw in kept_bytes}
        dropped_ids = self._dropped_call_ids()
        name_call = model.name_call_of
        imported_names: dict[bytes, str | None] = {}  # a callee's text -> the name it imports, or None
        for callee in model.nodes("call_name"):
            raw = callee.text
            if raw in imported_names:
                name = imported_names[raw]
            else:
                entry = self.imports.get(raw.decode("utf-8", "replace"))
                if entry is None:
                    name = None
                else:
                    name = entry[1] if entry[1] not in ("*", "default") else raw.decode("utf-8", "replace")
                imported_names[raw] = name
            if name is None or (name in dropped and name in kept):
                continue
            (dropped if name_call[callee.start_byte].id in dropped_ids else kept).add(name)
        return tuple(sorted(dropped)), tuple(sorted(kept))

    def _disposer_makers(self) -> tuple[str, ...]:
        """Functions of the file that return a function (`add(h) { …; return () => … }`)."""
        found = set()
        for function in self.model.functions:
            context = function.context
            if context and context[0] == "returned" and context[1] is not None and context[1].name:
                found.add(context[1].name)
        return tuple(sorted(found))

    def _forwarders(self, exported: set[int]) -> tuple[tuple[int, str, int, tuple[int, ...]], ...]:
        """Exported helpers that register or remove on an argument (`dom.addEventListener(target, type, fn)`)."""
        from leaklint.model.listeners import exported_forwarders, exported_keyed_stores

        if not exported:
            return ()
        return tuple(
            (function.node.start_byte, method, receiver_at, tuple(argument_at))
            for function, method, receiver_at, argument_at in [*exported_forwarders(self.model), *exported_keyed_stores(self.model)]
            if function.node.start_byte in exported
        )

    def _fresh_returns(self, exported: set[int]) -> tuple[tuple[int, str, str], ...]:
        """What exported functions return that is new on every call (`{ dataChannel: `reply-${uniqueId()}` }`)."""
        from leaklint.model.fresh_names import FRESH_TOKENS, returned_fresh_fields

        source = self.model.source
        if not exported or not any(token in source for token in FRESH_TOKENS):
            return ()  # no clock, random id or counter anywhere in the file
        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            if function is None or function.body is None:
                continue
            found.extend((ref, field, reason) for field, reason in returned_fresh_fields(self.model, function))
        return tuple(found)

    def _removed_imports(self, exported: set[int]) -> tuple[tuple[int, str], ...]:
        """Exported functions that remove entries of a collection the file imports (a shared registry)."""
        from leaklint.model.linked_removals import removed_imports

        if not exported or not self.imports or not (
            self.model.method_calls("delete", "splice", "clear") or self.model.nodes("delete")
        ):
            return ()
        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            if function is not None and function.body is not None:
                found.extend((ref, local) for local in removed_imports(self.model, function))
        return tuple(found)

    def _cleared_parameters(self, exported: set[int]) -> tuple[tuple[int, int, str], ...]:
        """Exported functions that clear a timer handle kept in a field path of one of their parameters."""
        from leaklint.model.timers import parameter_clears

        if not exported or not self.model.function_calls("clearInterval", "clearTimeout"):
            return ()
        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            if function is not None and function.body is not None and function.params:
                found.extend((ref, index, fields) for index, fields in parameter_clears(self.model, function))
        return tuple(found)

    def _field_returns(self, exported: set[int]) -> tuple[tuple[int, int], ...]:
        """Exported functions that build what they return from the fields of one parameter (a key helper)."""
        from leaklint.model.field_keys import field_return_parameter

        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            index = field_return_parameter(self.model, function) if function is not None else None
            if index is not None:
                found.append((ref, index))
        return tuple(found)

    def _pooled_returns(self, exported: set[int]) -> tuple[tuple[int, str], ...]:
        """Exported functions that hand out what a module-level holder keeps (`getEmitter(name)`)."""
        from leaklint.model.provenance import module_pooled_holder

        if not exported or b"return" not in self.model.source:
            return ()
        found = []
        for ref in sorted(exported):
            holder = module_pooled_holder(self.model, self.model.scopes.functions.get(ref))
            if holder is not None:
                found.append((ref, holder))
        return tuple(found)

    def _looped_callbacks(self, exported: set[int]) -> tuple[tuple[int, int, str, Span], ...]:
        """The callback parameters exported functions call once per item (`onChunk(line)` in a read loop)."""
        from leaklint.model.looped_callbacks import looped_slots

        found = []
        for ref in sorted(exported):
            function = self.model.scopes.functions.get(ref)
            if function is None or function.body is None or not function.params:
                continue
            for (index, name), repeat in sorted(looped_slots(self.model, function).items()):
                found.append((ref, index, name, self.span(repeat)))
        return tuple(found)

    def _bootstrapped(self) -> tuple[tuple[str, Span], ...]:
        """Names of the classes Angular bootstraps as the root component: made once, for the life of the page."""
        found = []
        for callee in self.model.nodes("call_name"):
            name = callee.text
            if name not in (b"bootstrapApplication", b"NgModule"):
                continue
            call = callee.parent
            arguments = call.child_by_field_name("arguments")
            first = syntax.unwrap(arguments.named_children[0]) if arguments is not None and arguments.named_children else None
            if first is None:
                continue
            if name == b"bootstrapApplication" and first.type == "identifier":
                found.append((syntax.text(first), self.span(call)))
            elif name == b"NgModule" and first.type == "object" and call.parent is not None and call.parent.type == "decorator":
                for pair in first.named_children:
                    key = pair.child_by_field_name("key") if pair.type == "pair" else None
                    value = syntax.unwrap(pair.child_by_field_name("value")) if key is not None else None
                    if key is not None and syntax.text(key) == "bootstrap" and value is not None and value.type == "array":
                        found.extend((syntax.text(e), self.span(e)) for e in value.named_children if e.type == "identifier")
        return tuple(found)

    def _memoized(self) -> tuple[int, ...]:
        """`function get() { if (real) return real; …; real = x; }`: after the first call it returns early."""
        found = []
        for function in self.model.functions:
            body = function.body
            if body is None or body.type != "statement_block":
                continue
            first = _first_statement(body)
            if first is None or first.type != "if_statement" or first.child_by_field_name("alternative") is not None:
                continue
            target = self._outliving(_truthy_test(first.child_by_field_name("condition")))
            consequence = first.child_by_field_name("consequence")
            if target is None or consequence is None or not _returns(consequence):
                continue
            if _assigns(self.model, body, target, after=first.end_byte):
                found.append(function.node.start_byte)
        return tuple(found)

    def _outliving(self, node: Node | None) -> str | None:
        """The text of a tested name that outlives the call (module-level binding, `this.x`, `X.y`), else None."""
        if node is None:
            return None
        if node.type == "identifier":
            binding = self.model.resolve(node)
            if binding is None or not binding.is_module_level:
                return None
        return "".join(syntax.text(node).split())

    def _lazily(self, node: Node) -> bool:
        """Inside `if (!x) { x = … }` (or `x ??= …`): runs until x is set, i.e. once."""
        regions = self._lazy_regions
        if regions is None:
            regions = self._lazy_regions = self._find_lazy_regions()
        if not regions:
            return False
        start = node.start_byte
        function = None
        for region_start, region_end, region_function in regions:
            if region_start <= start < region_end:
                if function is None:
                    function = self._function_id(self.model.function_at(node))
                if function == region_function:
                    return True
        return False

    def _find_lazy_regions(self) -> list[tuple[int, int, int]]:
        """(start, end, function id) of every `if (!x) { … x = … }` consequence and `x ??= …` right side.

        Found once per file from the assignments (a lazy region always holds one), so that
        asking for each call costs a scan of a few regions instead of a walk up its ancestors.
        """
        regions: list[tuple[int, int, int]] = []
        for assign in self.model.nodes("assign"):
            if assign.type == "augmented_assignment_expression":
                operator = assign.child_by_field_name("operator")
                right = assign.child_by_field_name("right")
                if operator is not None and operator.type in ("??=", "||=") and right is not None:
                    function = self._function_id(self.model.function_at(assign))
                    regions.append((right.start_byte, right.end_byte, function))
                continue
            child, parent = assign, assign.parent
            while parent is not None and parent.type not in syntax.FUNCTION_KINDS and parent.type != "program":
                if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
                    target = self._outliving(_falsy_test(parent.child_by_field_name("condition")))
                    left = assign.child_by_field_name("left")
                    if target is not None and left is not None and "".join(syntax.text(left).split()) == target:
                        function = self._function_id(self.model.function_at(assign))
                        regions.append((child.start_byte, child.end_byte, function))
                child, parent = parent, parent.parent
        regions += self._regions_guarded_by_callee()
        return regions

    def _regions_guarded_by_callee(self) -> list[tuple[int, int, int]]:
        """`if (!isInit) { void init(); }` where the file's own `init()` sets `isInit = true`: the block runs once.

        Found from the assignments, like the regions above: each truthy
        assignment to an outliving name in a named function gives the calls of
        that function made in the consequence of an `if` testing the name.
        """
        model = self.model
        regions: list[tuple[int, int, int]] = []
        for assign in model.nodes("assign"):
            if assign.type != "assignment_expression":
                continue
            right = syntax.unwrap(assign.child_by_field_name("right"))
            left = assign.child_by_field_name("left")
            if right is None or left is None or syntax.text(right) in ("false", "null", "undefined", "0", "''", '""'):
                continue
            function = model.function_at(assign)
            context = function.context if function is not None else ()
            if len(context) < 2 or context[0] != "declared":
                continue
            target = "".join(syntax.text(left).split())
            for reference in context[1].references[:50]:
                call = reference.node.parent
                if reference.is_write or call is None or call.type != "call_expression" or call.child_by_field_name("function") != reference.node:
                    continue
                child, parent = call, call.parent
                while parent is not None and parent.type not in syntax.FUNCTION_KINDS and parent.type != "program":
                    if parent.type == "if_statement" and parent.child_by_field_name("consequence") == child:
                        if self._outliving(_falsy_test(parent.child_by_field_name("condition"))) == target:
                            regions.append((child.start_byte, child.end_byte, self._function_id(model.function_at(call))))
                    child, parent = parent, parent.parent
        return regions

    def _sinks(self) -> tuple[int, ...]:
        """Functions whose leak (if any) depends on how often they run: the only ones a raised frequency can change."""
        model = self.model
        nodes = [call.node for call in model.method_calls(*_SINK_METHODS)]
        nodes += [call.node for call in model.function_calls(*_SINK_FUNCTIONS)]
        if b"chema" in model.source:  # Mongoose's `schema.post('save', fn)`: a hook no one can remove (LL002)
            from leaklint.model.listeners import MONGOOSE_HOOK_METHODS, mongoose_hook

            nodes += [call.node for call in model.method_calls(*MONGOOSE_HOOK_METHODS) if mongoose_hook(model, call)]
        wrappers = [b for b in model.module_scope.bindings.values() if b.init is not None and b.init.type == "object"]
        growing = {name for b in wrappers for name in wrapper_methods(b.init)[0]}  # `pads.store(id, pad)`
        if growing:
            nodes += [call.node for call in model.method_calls(*sorted(growing))]
        for node in model.nodes("assign"):
            left = node.child_by_field_name("left")
            if left is not None and left.type in ("subscript_expression", "member_expression"):
                nodes.append(node)
        ids = {self._function_id(model.function_at(node)) for node in nodes}
        ids.discard(TOP_LEVEL)
        return tuple(sorted(ids))

    def _function(self, function: Function) -> FunctionSummary:
        fact = self.model.frequency(function)
        trigger = fact.handler or fact.trigger
        node = fact.node if fact.node is not None else function.node
        info = function.class_info
        holder, _ = module_object_member(self.model, function) if info is None else (None, None)
        return FunctionSummary(
            id=function.node.start_byte,
            name=function.name,
            frequency=int(fact.frequency),
            evidence=fact.evidence.value,
            trigger=trigger.value if trigger is not None else None,
            reason=fact.reason,
            # only entry points start a chain, so only they need a position (spans cost time)
            span=self.span(node) if fact.evidence in (Evidence.HANDLER, Evidence.TIMER) else None,
            class_name=info.name if info is not None else None,
            method=function.method_name,
            holder=holder.name if holder is not None else None,
        )

    def _function_id(self, function: Function | None) -> int:
        return function.node.start_byte if function is not None else TOP_LEVEL

    def _local_function(self, binding: Binding | None) -> Function | None:
        """The function a binding names (`function f`, `const f = () => …`)."""
        if binding is None:
            return None
        if binding.kind == "function":
            return self.model.scopes.functions.get(binding.declaration.start_byte)
        if binding.kind in ("const", "let", "var") and binding.init is not None:
            init = syntax.unwrap(binding.init)
            return self.model.scopes.functions.get(init.start_byte) if init is not None else None
        return None

    def _extends_package_class(self, function: Function | None) -> bool:
        """The function is in a class whose superclass is imported from a package (`extends Base` of 'discord.js')."""
        function = function.this_owner if function is not None else None
        info = function.class_info if function is not None else None
        heritage = re.match(r"\s*(?:extends\s+)?([\w$]+)", info.superclass or "") if info is not None else None
        if heritage is None:
            return False
        imported = self.imports.get(heritage.group(1))
        return imported is not None and not imported[0].startswith(_PROJECT_SPECIFIER_PREFIXES)

    def _superclass_name(self, function: Function | None) -> str | None:
        """The identifier a method's class extends (`extends Base`, `extends Base<T>`), or None."""
        function = function.this_owner if function is not None else None
        info = function.class_info if function is not None else None
        heritage = re.match(r"\s*(?:extends\s+)?([\w$]+)\s*(?:<.*)?$", info.superclass or "", re.S) if info is not None else None
        return heritage.group(1) if heritage is not None else None

    def _super_call(self, call: Node, method: str, by_name, edge, on_this: set[int], calls: list) -> bool:
        """`super.m()` in a class that extends a class of the file (an edge) or of another project file (a CallOut).

        Both run on the caller's own instance (``on_this``), so once-per-instance facts
        flow through them as through `this.m()`. False when the base is a package's class
        or something the link cannot name: the caller's own rule applies.
        """
        function = self.model.function_at(call)
        base = self._superclass_name(function)
        if base is None:
            return False
        if base in self.class_names:
            target = _unique(by_name.get(f"{base}.{method}"))
            if target is None:
                return False
            on_this.add(call.start_byte)
            edge(call, target, function)
            return True
        imported = self.imports.get(base)
        if imported is None or base in self.unlinkable:
            return False  # (a package's class outside the run: the link finds no method, as before)
        caller = TOP_LEVEL if self._lazily(call) else self._function_id(function)
        calls.append(
            CallOut(
                caller, base, method, False, self.span(call), self.short_text(call),
                arguments=self._arguments(call), in_loop=self._in_loop(call), on_this=True,
            )
        )
        return True

    # -- calls ---------------------------------------------------------------

    def _calls(self) -> tuple[tuple[Edge, ...], tuple[CallOut, ...], tuple[HandlerUse, ...]]:
        """Calls that matter to the link, found from the callee indexes (no call site for the rest)."""
        model = self.model
        by_name: dict[str, list[Function]] = {}
        for function in model.functions:
            if function.name:
                by_name.setdefault(function.name, []).append(function)
        edges: list[Edge] = []
        calls: list[CallOut] = []
        raw_edges: list[tuple[int, int, Node]] = []

        on_this: set[int] = set()  # start bytes of the `this.m()` calls among the edges

        def edge(node: Node, target: Function | None, function: Function | None) -> None:
            caller = TOP_LEVEL if target is not None and self._lazily(node) else self._function_id(function)
            if target is not None and target.node.start_byte != caller:
                raw_edges.append((caller, target.node.start_byte, node))

        # Receivers that can matter (imports, classes, `exports`) are resolved; `this.m()` only for class methods.
        receiver_names = {name.encode() for name in self.imports} | {b"exports"}
        receiver_names |= {info.name.encode() for info in model.classes if info.name}
        class_methods = {name.rsplit(".", 1)[1] for name in by_name if "." in name}
        unlinkable, unlinked_callers = self.unlinkable, self.unlinked_callers
        name_call = model.name_call_of
        reference_at, binding_at = model.scopes.reference_at, model.scopes.binding_at
        may_decorate = b"@" in model.source  # a decorator needs its `@`: without one, no Node.parent to ask
        for callee in model.nodes("call_name"):
            # model.resolve(callee), for the identifier the query captured
            start = callee.start_byte
            reference = reference_at.get(start)
            binding = reference.binding if reference is not None else binding_at.get(start)
            if binding is None:
                continue
            node = name_call[start]
            target = self._local_function(binding)
            if target is not None:
                edge(node, target, model.function_at(node))
            elif self._is_import(binding):
                caller = TOP_LEVEL if self._lazily(node) else self._function_id(model.function_at(node))
                if binding.name in unlinkable:
                    unlinked_callers.add(caller)
                    continue
                decorator = may_decorate and node.parent is not None and node.parent.type == "decorator"
                calls.append(
                    CallOut(
                        caller, binding.name, None, False, self.span(node), self.short_text(node), as_decorator=decorator,
                        arguments=self._arguments(node), in_loop=self._in_loop(node),
                    )
                )
        # `require('./routes/thing')(app)`, at the top level or where it is needed: a call of the function that
        # module exports.
        for site in model.function_calls("require") if b"require(" in model.source else ():
            call = site.node.parent
            specifier = require_source(site.node)
            if call is None or call.type != "call_expression" or call.child_by_field_name("function") != site.node:
                continue
            if specifier is None or never_resolves(specifier):
                continue
            local = f"require({specifier!r})"
            self.imports.setdefault(local, (specifier, "*"))
            caller = TOP_LEVEL if self._lazily(call) else self._function_id(model.function_at(call))
            calls.append(
                CallOut(
                    caller, local, None, False, self.span(call),
                    self.short_text(call), arguments=self._arguments(call), in_loop=self._in_loop(call),
                )
            )
        # `new F(…)` of a function of the file (an ES5 constructor) runs its body: a call of F.
        for node in model.nodes("new"):
            constructor = syntax.unwrap(node.child_by_field_name("constructor"))
            if constructor is None or constructor.type != "identifier":
                continue
            target = self._local_function(model.resolve(constructor))
            if target is not None:
                edge(node, target, model.function_at(node))
        # Most method calls are on receivers that matter to nothing here: they only add their
        # method name to `member_calls`, compared as bytes before anything is decoded or resolved.
        class_method_bytes = {name.encode() for name in class_methods}
        typed_names = self._typed_receiver_names()
        member_bytes: set[bytes] = set()
        method_call = model.method_call_of  # (member, call) of each property: no Node.parent
        member_of_receiver = self._member_of_receiver
        factory_results = self._factory_results()
        result_names = {model.scopes.binding_at[start].name.encode() for start in factory_results
                        if start in model.scopes.binding_at}
        result_calls: list[ResultCall] = []
        # _result_uses: which method names drop the result of a call on a receiver (not `this`/`super`)
        dropped_ids = self._dropped_call_ids()
        dropped_methods, kept_methods = self._method_results
        settled: set[bytes] = set()  # known both ways (`t.equal(…)` a hundred times): nothing more to learn
        for prop in model.nodes("call_method"):
            member, call = method_call[prop.start_byte]
            obj = member.child_by_field_name("object")
            receiver = syntax.unwrap(obj)
            if receiver is None:
                continue
            kind = receiver.type
            if kind == "identifier" and receiver is obj:
                member_of_receiver[(receiver.start_byte, receiver.end_byte)] = member
            method_bytes = prop.text
            if kind != "this" and kind != "super" and method_bytes not in settled:
                if call.id in dropped_ids:
                    dropped_methods.add(method_bytes)
                    if method_bytes in kept_methods:
                        settled.add(method_bytes)
                else:
                    kept_methods.add(method_bytes)
                    if method_bytes in dropped_methods:
                        settled.add(method_bytes)
            if kind == "this":
                if method_bytes not in class_method_bytes:
                    continue
                node = call
                function = model.function_at(node)
                outer = function
                while outer is not None and outer.node.type == "arrow_function":
                    outer = outer.parent
                info = outer.class_info if outer is not None else None
                if info is not None and info.name:
                    on_this.add(node.start_byte)
                    edge(node, _unique(by_name.get(f"{info.name}.{method_bytes.decode()}")), function)
                continue
            if kind == "super":
                # `super.login()` runs the superclass's `login`, never the class's own: a package's
                # class is no method of this project, so the name says nothing of the project's calls.
                if self._super_call(call, method_bytes.decode(), by_name, edge, on_this, calls):
                    continue
                if not self._extends_package_class(model.function_at(call)):
                    member_bytes.add(method_bytes)
                continue
            if kind == "member_expression":
                made = self._fresh_field_class(receiver, call, method_bytes)
                if made is not None:  # `this.streamer = new SSEStreamer(); this.streamer.startHeartbeat()`
                    node = call
                    calls.append(
                        CallOut(
                            self._function_id(model.function_at(node)), made, method_bytes.decode(), False,
                            self.span(node), self.short_text(node), True,
                            arguments=self._arguments(node), in_loop=self._in_loop(node),
                        )
                    )
                    continue
                typed_field = self._typed_field_call(receiver, call, method_bytes, by_name)
                if typed_field is not None:  # `this.publisher.init()`, `this.publisher` only ever `new Publisher()`
                    if isinstance(typed_field, CallOut):
                        calls.append(typed_field)
                    elif typed_field is not True:
                        edge(call, typed_field, model.function_at(call))
                    continue
            if kind == "new_expression":
                made = self._constructed_class(receiver)
                if made is not None and made[1] is None and made[0] in self.imports and made[0] not in unlinkable:
                    # `await new Cluster().init()`: once on an instance made for the call
                    node = call
                    calls.append(
                        CallOut(
                            self._function_id(model.function_at(node)), made[0], method_bytes.decode(), False,
                            self.span(node), self.short_text(node), True,
                            arguments=self._arguments(node), in_loop=self._in_loop(node),
                        )
                    )
                    continue
            if kind == "await_expression" or kind == "call_expression":
                specifier = dynamic_import_source(receiver) if kind == "await_expression" else require_source(receiver)
                if specifier is not None and not never_resolves(specifier):
                    # `(await import('./x.js')).fn()`, `require('./x').register(socket)` inside a handler: a call
                    # of that module's `fn`, under a local name no identifier can have
                    local = f"import({specifier!r})" if kind == "await_expression" else f"require({specifier!r})"
                    self.imports.setdefault(local, (specifier, "*"))
                    member_bytes.add(method_bytes)
                    node = call
                    calls.append(
                        CallOut(
                            self._function_id(model.function_at(node)), local, method_bytes.decode(), False,
                            self.span(node), self.short_text(node),
                            arguments=self._arguments(node), in_loop=self._in_loop(node),
                        )
                    )
                    continue
            if kind != "identifier":
                member_bytes.add(method_bytes)
                if kind == "member_expression" and receiver.end_byte - receiver.start_byte == 14 and (
                    receiver.text == b"module.exports"
                ):
                    target = _unique(by_name.get(f"module.exports.{method_bytes.decode()}"))
                    if target is not None:
                        node = call
                        edge(node, target, model.function_at(node))
                continue
            name_bytes = receiver.text
            if name_bytes in result_names:
                binding = model.resolve(receiver)
                factory = factory_results.get(binding.node.start_byte) if binding is not None else None
                if factory is not None:  # `enc.writeFrame(f)` on `const enc = createEncoder(…)`
                    member_bytes.add(method_bytes)
                    node = call
                    result_calls.append(ResultCall(
                        TOP_LEVEL if self._lazily(node) else self._function_id(model.function_at(node)),
                        factory[0], factory[1], method_bytes.decode(), self.span(node), self.short_text(node),
                        in_loop=self._in_loop(node), dropped=self._is_dropped(node),
                    ))
                    continue
            if name_bytes not in receiver_names:
                typed = self._instance_class(model.resolve(receiver)) if name_bytes in typed_names else None
                if typed is None:
                    remade = self._remade_instance_class(model.resolve(receiver), call, method_bytes) if name_bytes in typed_names else None
                    if remade is not None:  # `poller = new Poller(); poller.start()` on a module-level `let`
                        calls.append(
                            CallOut(
                                self._function_id(model.function_at(call)), remade, method_bytes.decode(), False,
                                self.span(call), self.short_text(call), True,
                                arguments=self._arguments(call), in_loop=self._in_loop(call),
                            )
                        )
                        continue
                    member_bytes.add(method_bytes)
                    continue
                node = call
                method = method_bytes.decode()
                if typed in self.imports:  # `pm.onExit()` on a `pm: ProcessManager` from another file
                    caller = TOP_LEVEL if self._lazily(node) else self._function_id(model.function_at(node))
                    if typed in unlinkable:
                        unlinked_callers.add(caller)
                        continue
                    fresh = caller != TOP_LEVEL and self._once_on_fresh_instance(model.resolve(receiver), node, method)
                    calls.append(
                        CallOut(
                            caller, typed, method, False, self.span(node), self.short_text(node), fresh,
                            arguments=self._arguments(node), in_loop=self._in_loop(node),
                            receiver_parameter=self._receiver_parameter(model.resolve(receiver), node),
                        )
                    )
                    continue
                target = _unique(by_name.get(f"{typed}.{method}"))
                if target is None:
                    member_bytes.add(method_bytes)
                else:
                    edge(node, target, model.function_at(node))
                continue
            member_bytes.add(method_bytes)
            node = call
            method = method_bytes.decode()
            binding = model.resolve(receiver)
            target = None
            if binding is not None and self._is_import(binding):
                caller = TOP_LEVEL if self._lazily(node) else self._function_id(model.function_at(node))
                if binding.name in unlinkable:
                    unlinked_callers.add(caller)
                    continue
                calls.append(
                    CallOut(
                        caller, binding.name, method, False, self.span(node), self.short_text(node),
                        arguments=self._arguments(node), in_loop=self._in_loop(node),
                    )
                )
                continue
            if binding is not None and binding.kind == "class":
                target = _unique(by_name.get(f"{binding.name}.{method}"))
            elif binding is None and name_bytes == b"exports":
                target = _unique(by_name.get(f"exports.{method}"))
            if target is not None:
                edge(node, target, model.function_at(node))
        self.result_calls = tuple(result_calls)
        member_calls = {name.decode("utf-8", "replace") for name in member_bytes}
        self.member_call_names = tuple(sorted(member_calls))
        handlers = self._handler_uses()
        # Only edges into functions that reach (through the file) a call out, a `new` or a sink can
        # carry anything the link needs; positions are computed for those alone.
        useful = {c.caller for c in calls} | {c.caller for c in result_calls} | unlinked_callers | self.instantiation_callers | set(self.sink_ids)
        callers_of: dict[int, list[int]] = {}
        for caller, callee, _ in raw_edges:
            callers_of.setdefault(callee, []).append(caller)
        pending = list(useful)
        while pending:
            for caller in callers_of.get(pending.pop(), ()):
                if caller not in useful:
                    useful.add(caller)
                    pending.append(caller)
        for caller, callee, node in raw_edges:
            if callee in useful:
                this_call = node.start_byte in on_this
                in_loop = this_call and self._in_loop(node)
                edges.append(Edge(
                    caller, callee, self.span(node), self.short_text(node), this_call, in_loop=in_loop,
                    distinct_argument=distinct_item_argument(model, node) if in_loop else -1,
                ))
        involved = set(useful)
        # A callback runs as often as the function that passes it, unless its call registers it.
        # Innermost first, so a callback that only encloses an involved one is involved too.
        callbacks = [f for f in model.functions if f.context and f.context[0] in ("argument", "option", "iife")]
        for function in sorted(callbacks, key=lambda f: -f.node.start_byte):
            own = function.node.start_byte
            if own not in involved:
                continue
            if model.frequency(function).evidence in (Evidence.HANDLER, Evidence.TIMER):
                continue
            parent = self._function_id(function.parent)
            edges.append(Edge(parent, own, self.span(function.node), "callback"))
            involved.add(parent)
        self.involved = involved
        return tuple(edges), tuple(calls), handlers

    def _typed_field_call(self, receiver: Node, call: Node, method: bytes, by_name):
        """`this.g.m()` where every `this.g = …` of the class is `new C(…)` of one class (``_field_class``).

        The receiver is an instance of C, so the call is one of `C.m` (a call out when C is
        imported, an edge when C is a class of the file), not one on a receiver the link cannot
        follow: that CallOut, the local method, True (a class of a module no file can be), else None.
        """
        obj = receiver.child_by_field_name("object")
        if obj is None or obj.type != "this":
            return None
        named = self._field_class(receiver)
        if named is None or named[1] is not None:
            return None
        local = named[0]
        model = self.model
        function = model.function_at(call)
        if local in self.imports:
            caller = TOP_LEVEL if self._lazily(call) else self._function_id(function)
            if local in self.unlinkable:
                self.unlinked_callers.add(caller)
                return True
            in_loop = self._in_loop(call)
            return CallOut(
                caller, local, method.decode(), False, self.span(call), self.short_text(call),
                arguments=self._arguments(call), in_loop=in_loop,
                on_owned_field=not in_loop and self._owned_field(receiver, call, method, function),
            )
        return _unique(by_name.get(f"{local}.{method.decode()}"))

    def _owned_field(self, receiver: Node, call: Node, method: bytes, function: Function | None) -> bool:
        """`this.g` is set once per instance (one assignment, in the constructor), and `this.g.m()` is the
        file's one such call, made by a method itself (not a callback nested in it)."""
        if function is None or function.class_info is None or function.method_name in (None, "constructor"):
            return False
        prop = receiver.child_by_field_name("property")
        if prop is None or self.model.source.count(receiver.text + b"." + method + b"(") != 1:
            return False
        assignments = [
            right for right in function.class_info.instance_fields.get(syntax.text(prop), ())
            if right is not None and right.parent is not None and right.parent.type == "assignment_expression"
        ]
        if len(assignments) != 1:
            return False
        owner = self.model.function_at(assignments[0])
        owner = owner.this_owner if owner is not None else None
        return owner is not None and owner.method_name == "constructor" and owner.class_info is function.class_info

    def _fresh_field_class(self, receiver: Node, call: Node, method: bytes) -> str | None:
        """The imported class of `this.f` in `this.f = new C(); … this.f.m()`, the file's one `this.f.m()` call.

        Like `const t = new T(); t.m()`: the field is set to a new instance in a
        statement of a block around the call, in the same function and in no
        loop, so each run of the caller calls `m` once, on an instance of its own.
        """
        obj = syntax.unwrap(receiver.child_by_field_name("object"))
        prop = receiver.child_by_field_name("property")
        if obj is None or obj.type != "this" or prop is None or prop.type != "property_identifier":
            return None
        model = self.model
        field = prop.text
        if model.source.count(b"this." + field + b"." + method + b"(") != 1:
            return None
        function = model.function_at(call)
        if function is None or function.body is None or model.fact("loops", loop_index).loop_around(call) is not None:
            return None
        target = f"this.{field.decode()}"
        block = call.parent
        while block is not None and block.start_byte >= function.node.start_byte:
            if block.type == "statement_block":
                for statement in reversed([c for c in block.named_children if c.end_byte <= call.start_byte]):
                    assign = syntax.unwrap(statement.named_children[0]) if (
                        statement.type == "expression_statement" and statement.named_children) else None
                    left = syntax.unwrap(assign.child_by_field_name("left")) if (
                        assign is not None and assign.type == "assignment_expression") else None
                    if left is None or "".join(syntax.text(left).split()) != target:
                        continue
                    right = syntax.unwrap(assign.child_by_field_name("right"))
                    if right is None or right.type != "new_expression":
                        return None
                    constructor = syntax.unwrap(right.child_by_field_name("constructor"))
                    name = syntax.text(constructor) if constructor is not None and constructor.type == "identifier" else None
                    return name if name in self.imports else None
            if block == function.body:
                break
            block = block.parent
        return None

    def _once_on_fresh_instance(self, binding: Binding | None, call: Node, method: str) -> bool:
        """`const t = new T(); t.m()`: the one `t.m()` of the function that made `t`, in no loop of it."""
        if binding is None or binding.kind == "param" or binding.init is None or binding.writes:
            return False
        init = syntax.unwrap(binding.init)
        if init is None or init.type != "new_expression":
            return False
        model = self.model
        function = model.function_at(call)
        if function is None or model.function_at(binding.node) is not function:
            return False  # made in an outer function: its callbacks may call it on the one instance again
        if model.fact("loops", loop_index).loop_around(call) is not None:
            return False
        calls_of_method = 0
        method_bytes = method.encode()
        for reference in binding.reads:
            member = self._reference_parent(reference.node)  # Node.parent, asked once per reference
            if member is None or member.type != "member_expression":
                continue
            prop = member.child_by_field_name("property")
            if prop is None or prop.text != method_bytes:
                continue
            outer = member.parent
            if outer is not None and outer.type == "call_expression":
                calls_of_method += 1
        return calls_of_method == 1

    def _remade_instance_class(self, binding: Binding | None, call: Node, method: bytes) -> str | None:
        """The imported class C of `x = new C(); … x.m()` on a module-level `let x = new C()` (or `let x;`) a function sets.

        The last write of x before the call, in the same function, is `x = new C(…)` as a
        statement of a block that holds the call, the call is in no loop and is the
        function's one `x.m()` after it: each run of the function calls `m` once on an
        instance of its own (`CallOut.on_fresh_instance`). A conditional reassignment
        (`if (!x) x = new C()`) or a write in between keeps the call unknown.
        """
        if binding is None or binding.kind not in ("let", "var") or not binding.is_module_level:
            return None
        init = syntax.unwrap(binding.init)
        if (init is not None and init.type != "new_expression") or not binding.writes:
            return None  # (`let controller;` too: undefined until the function makes one)
        model = self.model
        function = model.function_at(call)
        if function is None or model.fact("loops", loop_index).loop_around(call) is not None:
            return None
        before = [w for w in binding.writes if w.node.start_byte < call.start_byte and model.function_at(w.node) is function]
        if not before:
            return None
        last = max(before, key=lambda w: w.node.start_byte)
        assignment = last.node.parent
        if assignment is None or assignment.type != "assignment_expression" or assignment.child_by_field_name("left") != last.node:
            return None
        new = syntax.unwrap(assignment.child_by_field_name("right"))
        statement = assignment.parent
        block = statement.parent if statement is not None and statement.type == "expression_statement" else None
        if new is None or new.type != "new_expression" or block is None or not block.start_byte <= call.start_byte < block.end_byte:
            return None
        made = self._constructed_class(new)
        if made is None or made[1] is not None or made[0] not in self.imports or made[0] in self.unlinkable:
            return None
        later_calls = 0
        for reference in binding.reads:
            if reference.node.start_byte < last.node.start_byte or model.function_at(reference.node) is not function:
                continue
            member = self._reference_parent(reference.node)  # Node.parent, asked once per reference
            if member is not None and member.type == "member_expression":
                prop = member.child_by_field_name("property")
                if prop is None or prop.text != method:
                    continue
                outer = member.parent
                if outer is not None and outer.type == "call_expression":
                    later_calls += 1
        return made[0] if later_calls == 1 else None

    def _typed_receiver_names(self) -> set[bytes]:
        """Names that may be a receiver of a stated class (a superset: `_instance_class` decides)."""
        if not self.class_names and not self.imports:
            return set()
        typed_grammar = self.model.grammar is not syntax.Grammar.JAVASCRIPT
        names: set[bytes] = set()
        for binding in self.model.scopes.bindings:
            kind = binding.kind
            if kind == "param":
                if typed_grammar:  # only TypeScript states a parameter's class
                    names.add(binding.name.encode())
            elif kind in ("const", "let", "var") and binding.init is not None and binding.init.type == "new_expression":
                names.add(binding.name.encode())
            elif kind in ("let", "var") and binding.init is None and binding.is_module_level and binding.writes:
                names.add(binding.name.encode())  # `let controller;` set later (`_remade_instance_class`)
            elif typed_grammar and kind in ("const", "let", "var") and binding.destructured_from is not None:
                names.add(binding.name.encode())  # `const { cache } = deps` of a typed `deps`
        return names

    def _instance_class(self, binding: Binding | None) -> str | None:
        """The class (a local class or an imported binding) a receiver is known to be an instance of.

        Two shapes only, both stated in the code: a parameter annotated with the
        class (`function f(pm: ProcessManager)`), and a variable never reassigned
        whose initialiser is `new Class(…)`. Anything else (an inferred type, a
        field, a reassigned variable) stays unknown, and its method calls keep
        the method repeating.
        """
        if binding is None:
            return None
        name = None
        if binding.kind == "param":
            parameter = binding.node.parent
            if parameter is not None and parameter.type in ("required_parameter", "optional_parameter"):
                name = _annotated_type(parameter.child_by_field_name("type"))
            elif not binding.writes:  # `({ cache }: ProxyDeps) => …`: a field of the parameter's stated type
                name = self._destructured_field_type(binding, _enclosing_parameter(binding.node))
        elif binding.kind in ("const", "let", "var") and binding.destructured_from is not None and not binding.writes:
            # `const { cache } = deps` where `deps: ProxyDeps` is a parameter
            source = syntax.unwrap(binding.destructured_from)
            declared = self.model.resolve(source) if source is not None and source.type == "identifier" else None
            if declared is not None and declared.kind == "param" and declared.node.parent is not None:
                name = self._destructured_field_type(binding, declared.node.parent)
        elif binding.kind in ("const", "let", "var") and binding.init is not None and not binding.writes:
            init = syntax.unwrap(binding.init)
            made = self._constructed_class(init) if init is not None and init.type == "new_expression" else None
            if made is not None and made[1] is None:
                name = made[0]
        if name is None:
            return None
        if name in self.class_names or name in self.imports:
            return name
        return None

    def _destructured_field_type(self, binding: Binding, parameter: Node | None) -> str | None:
        """The stated type of the field a destructured name reads, from the parameter's interface or type alias."""
        if parameter is None or parameter.type not in ("required_parameter", "optional_parameter"):
            return None
        interface = _annotated_type(parameter.child_by_field_name("type"))
        field = _pattern_key(binding.node)
        if interface is None or field is None:
            return None
        return _annotated_type(self._type_fields().get(interface, {}).get(field))

    def _type_fields(self) -> dict[str, dict[str, Node]]:
        """Top-level `interface T { f: X }` and `type T = { f: X }` of the file: T -> field -> its type annotation."""
        found = getattr(self, "_fields_by_type", None)
        if found is not None:
            return found
        found = {}
        for statement in self.model.tree.root_node.named_children:
            declaration = statement.child_by_field_name("declaration") if statement.type == "export_statement" else statement
            if declaration is None or declaration.type not in ("interface_declaration", "type_alias_declaration"):
                continue
            name = declaration.child_by_field_name("name")
            body = declaration.child_by_field_name("body" if declaration.type == "interface_declaration" else "value")
            if name is None or body is None or body.type not in ("interface_body", "object_type"):
                continue
            fields = found.setdefault(syntax.text(name), {})
            for member in body.named_children:
                key = member.child_by_field_name("name") if member.type == "property_signature" else None
                if key is not None:
                    fields[syntax.text(key)] = member.child_by_field_name("type")
        self._fields_by_type = found
        return found

    def _reference_parent(self, identifier: Node) -> Node | None:
        """``identifier.parent``, asked once: _handler_uses and _escaping both read the parents of the
        references of every import, and Node.parent descends from the root each time."""
        parents = self._parents_of_references
        start = identifier.start_byte
        if start not in parents:
            parent = None
            if identifier.type == "identifier":
                # `name.method(…)`: the member expression _calls found the name to be the object of;
                # `name(…)`: the call the query captured with the name as its callee
                parent = self._member_of_receiver.get((start, identifier.end_byte))
                if parent is None:
                    parent = self.model.name_call_of.get(start)
            parents[start] = parent if parent is not None else identifier.parent
        return parents[start]

    def _is_callee(self, member: Node) -> bool:
        """The member expression is the callee of a call (`a.b(…)`): then its parent is that call.

        From the query's captures (``method_call_of``) instead of ``member.parent``.
        """
        prop = member.child_by_field_name("property")
        found = self.model.method_call_of.get(prop.start_byte) if prop is not None else None
        return found is not None and found[0] == member

    def _grandparent_is_heritage(self, parent: Node) -> bool:
        """``_is_heritage(parent.parent)``: the node is a child of a class's `extends`/`implements` clause.

        On a tree without errors class_heritage nodes are children of class
        nodes only, so their children are found from the "class" captures; a
        callee is never one (its parent is its call).  Otherwise (or on a tree
        with errors) ``Node.parent``, which descends from the root.
        """
        if parent.type == "member_expression" and self._is_callee(parent):
            return False
        heritage = self._heritage_children
        if heritage is None:
            if self.model.tree.root_node.has_error:
                return _is_heritage(parent.parent)
            heritage = self._heritage_children = {
                child.id
                for node in self.model.nodes("class")
                for clause in node.children if clause.type == "class_heritage"
                for child in clause.children
            }
        return parent.id in heritage

    def _handler_uses(self) -> tuple[HandlerUse, ...]:
        """Imported functions passed as route handlers, listeners or timer callbacks."""
        found: list[HandlerUse] = []
        for binding in self.model.module_scope.bindings.values():
            if binding.name not in self.imports or binding.name in self.unlinkable:
                continue
            for reference in binding.references:
                argument = reference.node
                parent = self._reference_parent(argument)
                if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == argument:
                    if self._is_callee(parent):
                        continue  # `fs.readFile(…)`: the member's parent is its call, not an argument list
                    argument, parent = parent, parent.parent
                if parent is None or parent.type != "arguments":
                    continue
                call = parent.parent
                if call is None or call.type not in ("call_expression", "new_expression"):
                    continue
                site = self.model.call_site(call)
                index = site.index_of(argument)
                if index >= 0:
                    found.extend(self._handler_use(site, index, argument))
        return tuple(found)

    def _receiver_parameter(self, binding: Binding | None, call: Node) -> int:
        """The position of the caller's own parameter ``binding`` (never reassigned), the receiver of ``call``; else -1."""
        if binding is None or binding.kind != "param" or binding.writes:
            return -1
        function = self.model.function_at(call)
        if function is None or function.params_node is None or binding not in function.params:
            return -1  # a parameter of an enclosing function: its calls are that function's to count
        for index, parameter in enumerate(function.params_node.named_children):
            if parameter.type in ("rest_pattern", "comment"):
                return -1
            if parameter.start_byte <= binding.node.start_byte < parameter.end_byte:
                return index
        return -1

    def _in_loop(self, call: Node) -> bool:
        """The call is made in a loop (or a `forEach`-like callback) whose rounds the code does not fix."""
        model = self.model
        loops = self._loops
        if loops is None:
            loops = self._loops = model.fact("loops", loop_index)
        if loops.loops:  # (most files have none: no loop to look for)
            loop = loops.loop_around(call)
            if loop is not None:
                iterable = syntax.unwrap(loop.iterable)
                return iterable is None or iterable.type != "array"
        function = model.function_at(call)
        if function is None:
            return False
        # Whether the function is a callback its caller runs once per item: asked of every call in it.
        start = function.node.start_byte
        iterated = self._iterated.get(start)
        if iterated is None:
            iteration = iteration_call(model, function)
            items = syntax.unwrap(iteration.receiver) if iteration is not None else None
            iterated = self._iterated[start] = iteration is not None and (items is None or items.type != "array")
        return iterated

    def _arguments(self, call: Node) -> tuple[Argument, ...]:
        """The arguments of a call or `new` whose lifetime or kind the file knows (up to the first spread)."""
        arguments = call.child_by_field_name("arguments")
        if arguments is None or arguments.type != "arguments":
            return ()
        model = self.model
        found = []
        index = 0
        mentions_socket_io = self._mentions_socket_io  # the kind is asked only where it can be
        if mentions_socket_io is None:
            mentions_socket_io = self._mentions_socket_io = b"socket.io" in model.source  # once per file, not per call
        for child in arguments.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                break
            value = syntax.unwrap(child)
            if value is not None and _is_literal_argument(value):
                found.append(Argument(index, "", LITERAL_ARGUMENT, self.short_text(value, 40), ""))
            elif value is not None and value.type in _RECEIVER_ARGUMENT_KINDS and _plain_receiver(value):
                kind = "socket.io-server" if mentions_socket_io and is_socket_io_server(model, value) else ""
                if value.type == "call_expression" and lazy_singleton_slot(model, getter_called(model, value)) is None:
                    fact = _NO_LIFETIME  # only a lazy singleton's getter: other calls cost more than they tell
                elif value.type == "identifier":
                    # the binding's own lifetime: a local kept by a closure (`kept_local_at`) is long-lived only for it
                    binding = model.resolve(value)
                    fact = model.binding_lifetime(binding) if binding is not None else _NO_LIFETIME
                else:
                    fact = model.lifetime(value)
                lifetime = ""
                if not fact.inferred and (
                    fact.lifetime is Lifetime.LONG_LIVED or fact.lifetime is Lifetime.REQUEST and value.type == "identifier"
                ):  # `req` itself, not `req.query.id`, a value taken out of it
                    lifetime = fact.lifetime.value
                if lifetime or kind:
                    found.append(Argument(index, lifetime, kind, self.short_text(value, 40), fact.reason if lifetime else ""))
            index += 1
        return tuple(found)

    def short_text(self, node: Node, limit: int = 60) -> str:
        """The start of a node's source on one line (without decoding a large callback body)."""
        raw = self.model.source[node.start_byte : min(node.end_byte, node.start_byte + limit * 2)]
        text = " ".join(raw.decode("utf-8", "replace").split())
        if len(text) <= limit and node.end_byte - node.start_byte <= limit * 2:
            return text
        return text[: limit - 3] + "..."

    def _handler_use(self, site, index: int, argument: Node) -> list[HandlerUse]:
        argument = syntax.unwrap(argument)
        local = member = None
        if argument is None:
            return []
        if argument.type == "identifier":
            local = syntax.text(argument)
        elif argument.type == "member_expression":
            obj = syntax.unwrap(argument.child_by_field_name("object"))
            prop = argument.child_by_field_name("property")
            if obj is None or obj.type != "identifier" or prop is None:
                return []
            local, member = syntax.text(obj), syntax.text(prop)
        else:
            return []
        binding = self.model.resolve(argument if member is None else argument.child_by_field_name("object"))
        if binding is None or not self._is_import(binding):
            return []
        registration = classify_registration(site, index, None, self.model.options.handler_registrations)
        if registration is None:
            return []
        frequency = 2 if registration.kind.value == "timer" else 3
        return [
            HandlerUse(local, member, frequency, registration.kind.value, registration.description, self.span(site.node))
        ]

    # -- instances -----------------------------------------------------------

    def _instantiations(self) -> tuple[Instantiation, ...]:
        model = self.model
        found = []
        constructor_params: set[tuple[int, int]] = set()
        self.constructor_params = ()
        for node in model.nodes("new"):
            constructor, member = _constructor_and_member(node)
            if constructor is None or constructor.type != "identifier":
                continue
            binding = model.resolve(constructor)
            if binding is None:
                continue
            if binding.kind == "param" and member is None:
                declaring = _declaring_function(model.function_at(node), binding)
                if declaring is not None:
                    constructor_params.add((declaring.node.start_byte, declaring.params.index(binding)))
                continue
            caller = TOP_LEVEL if self._lazily(node) else self._function_id(model.function_at(node))
            if binding.kind == "class" and member is None:
                found.append(Instantiation(caller, binding.name, None, None, self.span(node), self._arguments(node)))
            elif self._is_import(binding) and binding.name in self.unlinkable:
                self.unlinked_callers.add(caller)  # `new EventEmitter()` of 'node:events'
            elif self._is_import(binding):
                found.append(Instantiation(caller, None, binding.name, member, self.span(node), self._arguments(node)))
        self.constructor_params = tuple(sorted(constructor_params))
        return tuple(found)

    def _class_argument(self, binding: Binding, reference: Node, arguments: Node) -> ClassArgument | None:
        """`f(Cls)`, `this.register(Cls)`, `imported.register(Cls)`: a class handed to a function we can name."""
        call = arguments.parent
        if call is None or call.type != "call_expression":
            return None
        index = [c for c in arguments.named_children if c.type != "comment"].index(reference)
        callee = syntax.unwrap(call.child_by_field_name("function"))
        model = self.model
        function = model.function_at(call)
        caller = TOP_LEVEL if self._lazily(call) else self._function_id(function)
        target = local = member = None
        if callee is not None and callee.type == "identifier":
            named = model.resolve(callee)
            target = self._local_function(named)
            if target is None and named is not None and self._is_import(named):
                local = named.name
        elif callee is not None and callee.type == "member_expression":
            obj = syntax.unwrap(callee.child_by_field_name("object"))
            prop = callee.child_by_field_name("property")
            if obj is None or prop is None:
                return None
            if obj.type == "this":
                outer = function
                while outer is not None and outer.node.type == "arrow_function":
                    outer = outer.parent
                info = outer.class_info if outer is not None else None
                if info is not None and info.name:
                    target = _unique([f for f in model.functions if f.name == f"{info.name}.{syntax.text(prop)}"])
            elif obj.type == "identifier":
                named = model.resolve(obj)
                if named is not None and self._is_import(named):
                    local, member = named.name, syntax.text(prop)
        if target is None and local is None:
            return None
        callee_id = target.node.start_byte if target is not None else TOP_LEVEL
        return ClassArgument(caller, binding.name, index, callee_id, local, member, self.span(call))

    def _escaping(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Imported names and local classes used as plain values, and those used in `extends`."""
        escaping: set[str] = set()
        extended: set[str] = set()
        class_arguments: list[ClassArgument] = []
        for binding in self.model.module_scope.bindings.values():
            if binding.name not in self.imports and binding.kind != "class":
                continue
            for reference in binding.references:
                parent = self._reference_parent(reference.node)
                if parent is None:
                    continue
                if reference.node.type == "shorthand_property_identifier":
                    if not _is_export_object_member(reference.node):
                        escaping.add(binding.name)
                    continue
                if parent.type == "class_heritage" or self._grandparent_is_heritage(parent):
                    extended.add(binding.name)
                elif parent.type in _VALUE_PARENTS:
                    if parent.type == "variable_declarator" and parent.child_by_field_name("name") == reference.node:
                        continue
                    if parent.type == "assignment_expression" and (
                        parent.child_by_field_name("left") == reference.node or _is_export_assignment(parent)
                    ):
                        continue
                    if parent.type == "pair" and _is_export_object(parent):
                        continue
                    if parent.type == "arguments" and self.constructor_calls_possible:
                        handed = self._class_argument(binding, reference.node, parent)
                        if handed is not None:  # the link decides: an instantiation, or an escape
                            class_arguments.append(handed)
                            continue
                    escaping.add(binding.name)
        self.class_arguments = tuple(class_arguments)
        return tuple(sorted(escaping)), tuple(sorted(extended))

    # -- exports -------------------------------------------------------------

    def _exports(self) -> tuple[tuple[tuple[str, Target], ...], Target | None, tuple[str, ...]]:
        model = self.model
        exports: dict[str, Target] = {}
        module_value: Target | None = None
        stars: list[str] = []
        for statement in model.nodes("export"):
            self._esm_export(statement, exports, stars)
        # in document order, so that the last assignment of an export wins (`exports.x = void 0; … exports.x = x`)
        for node in sorted(model.nodes("assign"), key=lambda n: n.start_byte):
            if node.type != "assignment_expression" or model.function_at(node) is not None:
                continue
            left = syntax.unwrap(node.child_by_field_name("left"))
            right = syntax.unwrap(node.child_by_field_name("right"))
            if left is None or right is None or left.type != "member_expression":
                continue
            written = "".join(syntax.text(left).split())
            if written == "module.exports":
                module_value = self._value_target(right, "module.exports")
                if right.type == "object":
                    for key, value in _object_members(right):
                        exports[key] = self._value_target(value, f"module.exports.{key}")
            elif written.startswith("exports.") or written.startswith("module.exports."):
                name = written.rsplit(".", 1)[1]
                exports[name] = self._value_target(right, written)
        if module_value is not None and "default" not in exports:
            exports.setdefault("default", module_value)
        return tuple(exports.items()), module_value, tuple(stars)

    def _esm_export(self, statement: Node, exports: dict[str, Target], stars: list[str]) -> None:
        source = syntax.string_value(statement.child_by_field_name("source"))
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        is_default = any(child.type == "default" for child in statement.children)
        if declaration is not None:
            declaration = syntax.unwrap(declaration)
            if declaration.type in ("lexical_declaration", "variable_declaration"):
                for declarator in declaration.named_children:
                    name = declarator.child_by_field_name("name")
                    init = declarator.child_by_field_name("value")
                    if name is not None and name.type == "identifier":
                        exports[syntax.text(name)] = self._value_target(init, syntax.text(name))
            else:
                name_node = declaration.child_by_field_name("name")
                name = syntax.text(name_node) if name_node is not None else None
                target = self._value_target(declaration, name or "default")
                if name and not is_default:
                    exports[name] = target
                if is_default:
                    exports["default"] = target
            return
        if value is not None and is_default:
            value = syntax.unwrap(value)
            exports["default"] = self._value_target(value, "default")
            if value is not None and value.type == "object":  # `export default { addEventListener, … }`
                for key, member in _object_members(value):
                    exports[f"default.{key}"] = self._value_target(member, f"default.{key}")
            return
        clause = next((c for c in statement.named_children if c.type == "export_clause"), None)
        namespace = next((c for c in statement.named_children if c.type == "namespace_export"), None)
        if source is not None and clause is None:
            if namespace is not None:
                alias = namespace.named_children[-1] if namespace.named_children else None
                if alias is not None:
                    exports[syntax.string_value(alias) or syntax.text(alias)] = Target("namespace", specifier=source)
            else:
                stars.append(source)
            return
        if clause is None:
            return
        for specifier in clause.named_children:
            if specifier.type != "export_specifier":
                continue
            name_node = specifier.child_by_field_name("name")
            alias_node = specifier.child_by_field_name("alias") or name_node
            if name_node is None:
                continue
            name = syntax.string_value(name_node) or syntax.text(name_node)
            alias = syntax.string_value(alias_node) or syntax.text(alias_node)
            if source is not None:
                exports[alias] = Target("import", name=name, specifier=source)
            else:
                exports[alias] = self._value_target(name_node, name)

    def _value_target(self, node: Node | None, label: str) -> Target:
        """What an exported expression is."""
        model = self.model
        node = syntax.unwrap(node)
        if node is None:
            return Target("value", name=label)
        if node.start_byte in model.scopes.functions and node.type in syntax.FUNCTION_KINDS:
            return Target("function", ref=node.start_byte)
        if node.type in syntax.CLASS_KINDS:
            name_node = node.child_by_field_name("name")
            return Target("class", name=syntax.text(name_node) if name_node is not None else label)
        if node.type == "new_expression":
            constructor = syntax.unwrap(node.child_by_field_name("constructor"))
            if constructor is not None and constructor.type == "identifier":
                name = syntax.text(constructor)
                if name in self.class_names or name in self.imports:
                    return Target("instance", name=name)
            return Target("value", name=f"{label}, created at module level")
        if is_require_call(node):
            source = require_source(node)
            return Target("namespace", specifier=source) if source else Target("value", name=label)
        if node.type in ("identifier", "shorthand_property_identifier"):
            binding = model.resolve(node)
            if binding is None:
                return Target("value", name=label)
            function = self._local_function(binding)
            if function is not None:
                return Target("function", ref=function.node.start_byte)
            if binding.kind == "class":
                return Target("class", name=binding.name)
            if binding.name in self.imports:
                specifier, name = self.imports[binding.name]
                return Target("namespace", specifier=specifier) if name == "*" else Target("import", name=name, specifier=specifier)
            if binding.init is not None:
                return self._value_target(binding.init, binding.name)
            return Target("value", name=binding.name)
        if node.type == "member_expression":
            obj = syntax.unwrap(node.child_by_field_name("object"))
            prop = node.child_by_field_name("property")
            if obj is not None and prop is not None and syntax.text(obj) in ("exports", "module.exports"):
                return Target("import", name=syntax.text(prop), specifier="")  # an alias of another export here
        return Target("value", name=label)


def _constructor_and_member(new: Node) -> tuple[Node | None, str | None]:
    """(`C`, None) for `new C(…)`, (`ns`, "C") for `new ns.C(…)`."""
    constructor = syntax.unwrap(new.child_by_field_name("constructor"))
    if constructor is None or constructor.type != "member_expression":
        return constructor, None
    prop = constructor.child_by_field_name("property")
    return syntax.unwrap(constructor.child_by_field_name("object")), syntax.text(prop) if prop is not None else None


def _annotated_type(annotation: Node | None) -> str | None:
    """`: Cache` / `: Cache<T>`: the named type of a type annotation, or None (unions, objects, functions)."""
    named = annotation.named_children if annotation is not None else []
    if len(named) != 1:
        return None
    stated = named[0]
    if stated.type == "generic_type":
        stated = stated.child_by_field_name("name")
    return syntax.text(stated) if stated is not None and stated.type == "type_identifier" else None


def _enclosing_parameter(node: Node) -> Node | None:
    """The parameter a name of a one-level object pattern belongs to (`{ cache }: Deps`, `{ cache: c }: Deps`)."""
    parent = node.parent
    if parent is not None and parent.type == "pair_pattern":
        parent = parent.parent
    if parent is None or parent.type != "object_pattern":
        return None
    return parent.parent


def _pattern_key(node: Node) -> str | None:
    """The field a name of an object pattern reads: `cache` of `{ cache }` and of `{ cache: c }`."""
    if node.type == "shorthand_property_identifier_pattern":
        return syntax.text(node)
    parent = node.parent
    if parent is not None and parent.type == "pair_pattern" and parent.child_by_field_name("value") == node:
        key = parent.child_by_field_name("key")
        return syntax.text(key) if key is not None and key.type == "property_identifier" else None
    return None


def _condition(node: Node | None) -> Node | None:
    node = syntax.unwrap(node)
    while node is not None and node.type == "parenthesized_expression":
        node = syntax.unwrap(node)
    return node


def _truthy_test(condition: Node | None) -> Node | None:
    """`if (x)`, `if (this.x)`: the tested name."""
    node = _condition(condition)
    if node is not None and node.type in ("identifier", "member_expression"):
        return node
    return None


def _falsy_test(condition: Node | None) -> Node | None:
    """`if (!x)`, `if (x == null)`, `if (x === undefined)`: the tested name."""
    node = _condition(condition)
    if node is None:
        return None
    if node.type == "unary_expression" and node.child_by_field_name("operator").type == "!":
        return _truthy_test(node.child_by_field_name("argument"))
    if node.type == "binary_expression":
        operator = node.child_by_field_name("operator")
        right = syntax.unwrap(node.child_by_field_name("right"))
        if operator is not None and operator.type in ("==", "===") and right is not None and (
            right.type in ("null", "undefined") or right.text == b"undefined"
        ):
            return _truthy_test(node.child_by_field_name("left"))
    return None


def _returns(node: Node) -> bool:
    if node.type == "return_statement":
        return True
    return node.type == "statement_block" and any(c.type == "return_statement" for c in node.named_children)


def _assigns(model: FileModel, within: Node, target: str, after: int = 0) -> bool:
    """Whether `target = …` is written inside a node (after a byte offset)."""
    for assign in model.nodes("assign"):
        if not (within.start_byte <= assign.start_byte < within.end_byte) or assign.start_byte < after:
            continue
        left = assign.child_by_field_name("left")
        if left is not None and "".join(syntax.text(left).split()) == target:
            return True
    return False


def _is_namespace_import(binding: Binding) -> bool:
    parent = binding.node.parent
    return parent is not None and parent.type in ("namespace_import", "import_require_clause")


def _declaring_function(function: Function | None, binding: Binding) -> Function | None:
    """The function (enclosing the use) whose parameter the binding is."""
    while function is not None:
        if binding in function.params:
            return function
        function = function.parent
    return None


def _unique(functions: list[Function] | None) -> Function | None:
    return functions[0] if functions and len(functions) == 1 else None


def _object_members(node: Node) -> list[tuple[str, Node]]:
    members = []
    for child in node.named_children:
        if child.type == "shorthand_property_identifier":
            members.append((syntax.text(child), child))
        elif child.type == "pair":
            key = child.child_by_field_name("key")
            value = child.child_by_field_name("value")
            if key is not None and value is not None:
                members.append((syntax.string_value(key) or syntax.text(key), value))
        elif child.type == "method_definition":
            name = child.child_by_field_name("name")
            if name is not None:
                members.append((syntax.text(name), child))
    return members


def _is_export_assignment(assign: Node) -> bool:
    """`module.exports = X`, `exports.x = X`: exporting a name is not handing it to someone."""
    left = assign.child_by_field_name("left")
    written = "".join(syntax.text(left).split()) if left is not None else ""
    return written == "module.exports" or written.startswith(("exports.", "module.exports."))


def _is_heritage(node: Node | None) -> bool:
    return node is not None and node.type == "class_heritage"


def _first_statement(block: Node) -> Node | None:
    """The first named child that is not a comment, without making a node of every statement of the block."""
    for index in range(block.named_child_count):
        child = block.named_child(index)
        if child.type != "comment":
            return child
    return None


def _is_export_object_member(member: Node) -> bool:
    obj = member.parent
    assign = obj.parent if obj is not None else None
    if assign is None or assign.type != "assignment_expression":
        return False
    left = assign.child_by_field_name("left")
    return left is not None and "".join(syntax.text(left).split()) == "module.exports"


def _is_export_object(pair: Node) -> bool:
    """`module.exports = { a: b }`: listing a name for export is not handing it to someone."""
    obj = pair.parent
    assign = obj.parent if obj is not None else None
    if assign is None or assign.type != "assignment_expression":
        return False
    left = assign.child_by_field_name("left")
    return left is not None and "".join(syntax.text(left).split()) == "module.exports"
