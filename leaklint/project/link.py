"""Phase 2 of the project model: link the summaries of every analyzed file.

Runs in the parent after the workers, on summaries only (no file is parsed
again here). Steps, each linear in the size of the summaries:

1. resolve every import to an analyzed file and an export (through re-exports,
   default exports, `module.exports = …`); unresolvable imports stay unknown;
2. build one call graph over all functions of all files (calls of imported
   bindings, `Class.staticMethod()`, `ns.fn()`, `instance.method()` of an
   exported instance, `new Imported()`, in-file calls and callbacks);
3. propagate frequency from entry points (route handlers, listeners, timers)
   along it, keeping the first chain of calls that reached each level
   (values only rise, three levels: linear, and cycles are safe);
4. count each class's instantiations across the project (one, made by code
   that runs once, and the class never handed around or extended: a
   singleton; one made by code that repeats: per call);
5. mark functions only ever called from code that runs once (module top
   level, constructors of singletons), which therefore run once.

The result is one ``ExternalFacts`` per file that something in another file
says something about.
"""

from __future__ import annotations

import os
import re
from collections import deque
from dataclasses import dataclass

from leaklint.findings import Related, Span
from leaklint.model.external import UNKNOWN as UNKNOWN_INSTANCES
from leaklint.model.external import ExternalFacts, LinkedFrequency, LinkedInstances, LinkedLifetime, LinkedParameter
from leaklint.project.resolve import Resolver
from leaklint.project.summary import LITERAL_ARGUMENT, SUMMARY_VERSION, TOP_LEVEL, Argument, FileSummary, Target

ONCE, UNKNOWN, REPEATED, PER_EVENT = 0, 1, 2, 3
_SURE_EVIDENCE = frozenset({"handler", "timer"})
_MAX_CHAIN = 8
_MAX_DEPTH = 16
_MAX_FIXED_INSTANCES = 8  # more module-level instances than this look generated or table-driven: left unknown
_PROJECT_PREFIXES = (".", "/", "~", "#", "@/", "$lib")  # specifiers that name the project's own files (`$lib`: SvelteKit)

Node = tuple[int, int]  # (file index, function id)
# Methods every function has: `Base.call(this, …)` in a subclass constructor runs `Base`, not `Base.prototype.call`.
_FUNCTION_METHODS = frozenset({"call", "apply", "bind", "toString"})


@dataclass(frozen=True)
class _Value:
    frequency: int
    trigger: str | None
    chain: tuple[Related, ...]
    crossed: bool  # the chain passes through another file
    # The chain's last call across files is on an instance its caller has just made (`new T().m()`),
    # and every step after it is a `this.m()`: the function repeats, but each time on another instance.
    fresh_instance: bool = False


class _Project:
    def __init__(self, entries: list[tuple[str, FileSummary]]) -> None:
        self.paths = [os.path.normpath(os.path.abspath(path)) for path, _ in entries]
        self.summaries = [summary for _, summary in entries]
        self.index = {path: i for i, path in enumerate(self.paths)}
        self.resolver = Resolver(self.paths)
        self.exports = [dict(s.exports) for s in self.summaries]
        self.imports = [{local: (spec, name) for local, spec, name in s.imports} for s in self.summaries]
        self.functions = [{f.id: f for f in s.functions} for s in self.summaries]
        self.names: list[dict[str, int]] = []
        for summary in self.summaries:
            counts: dict[str, list[int]] = {}
            for function in summary.functions:
                if function.name:
                    counts.setdefault(function.name, []).append(function.id)
            self.names.append({name: ids[0] for name, ids in counts.items() if len(ids) == 1})
        self.class_names = [{name for name, _ in s.classes} for s in self.summaries]
        # exported ES5 constructor id -> its class name: `new` of one in another file makes an instance of it;
        # (class name, prototype method) -> the method's id: what a call on such an instance runs
        self.es5_classes = [{ref: name for ref, name, _ in s.es5_classes} for s in self.summaries]
        self.es5_methods = [
            {(name, method): ref for _, name, methods in s.es5_classes for method, ref in methods} for s in self.summaries
        ]
        # `Cache.add` → id, for functions kept on a module-level object (`const Cache = { add() {…} }`)
        self.object_members = [
            {(f.holder, f.name.rsplit(".", 1)[-1]): f.id for f in s.functions if f.holder and f.name} for s in self.summaries
        ]
        # (file, factory id) -> member name -> member function id, for names one function answers
        self.returned_members: dict[Node, dict[str, int]] = {}
        for j, summary in enumerate(self.summaries):
            ambiguous: set[tuple[int, str]] = set()
            for ref, name, member in summary.returned_members:
                members = self.returned_members.setdefault((j, ref), {})
                if members.get(name, member) != member:
                    ambiguous.add((ref, name))
                members[name] = member
            for ref, name in ambiguous:  # two returns whose `name` members differ: which one runs is unknown
                del self.returned_members[(j, ref)][name]
        self._export_cache: dict[tuple[int, str], tuple[int, Target] | None] = {}
        self._module_cache: dict[tuple[int, str], int | None] = {}
        self._imported_cache: dict[tuple[int, str], tuple[int, Target] | None] = {}
        self._called: list[tuple[int, tuple[str, str], Node]] | None = None
        self._subclasses: dict[tuple[int, str], list[tuple[int, str]]] | None = None

    # -- resolution --------------------------------------------------------------

    def module(self, i: int, specifier: str) -> int | None:
        if specifier == "":
            return i
        key = (i, specifier)
        if key not in self._module_cache:
            found = self.resolver.resolve(self.paths[i], specifier)
            self._module_cache[key] = self.index.get(found) if found is not None else None
        return self._module_cache[key]

    def export(self, i: int, name: str, depth: int = 0) -> tuple[int, Target] | None:
        """What export ``name`` of file i finally is (following re-exports), or None."""
        key = (i, name)
        if key in self._export_cache:
            return self._export_cache[key]
        self._export_cache[key] = None  # cycle guard
        found = self._export(i, name, depth) if depth < _MAX_DEPTH else None
        self._export_cache[key] = found
        return found

    def _export(self, i: int, name: str, depth: int) -> tuple[int, Target] | None:
        if name == "*":
            return (i, Target("namespace"))
        target = self.exports[i].get(name)
        if target is not None:
            return self.follow(i, target, depth)
        if name != "default":
            for specifier in self.summaries[i].star_exports:
                j = self.module(i, specifier)
                if j is not None:
                    found = self.export(j, name, depth + 1)
                    if found is not None:
                        return found
        return None

    def follow(self, i: int, target: Target, depth: int = 0) -> tuple[int, Target] | None:
        """Resolve an import/namespace target to where it is defined."""
        if target.kind == "import":
            j = self.module(i, target.specifier)
            return self.export(j, target.name, depth + 1) if j is not None else None
        if target.kind == "namespace":
            j = self.module(i, target.specifier) if target.specifier else i
            if j is None:
                return None
            value = self.summaries[j].module_value if target.specifier else None
            if value is not None and value.kind in ("function", "class", "instance", "import") and depth < _MAX_DEPTH:
                # `module.exports = require('./node')` of a file whose `module.exports = ClusterNode`: that class
                return self.follow(j, value, depth + 1)
            return (j, Target("namespace"))
        return (i, target)

    def imported(self, i: int, local: str) -> tuple[int, Target] | None:
        """What an imported local name of file i is (each name is asked for by every call that uses it)."""
        key = (i, local)
        if key in self._imported_cache:
            return self._imported_cache[key]
        found = self._imported(i, local)
        self._imported_cache[key] = found
        return found

    def _imported(self, i: int, local: str) -> tuple[int, Target] | None:
        entry = self.imports[i].get(local)
        if entry is None:
            return None
        specifier, name = entry
        j = self.module(i, specifier)
        if j is None:
            return None
        if name == "*":
            value = self.summaries[j].module_value
            if value is not None and value.kind in ("function", "class", "instance", "import"):
                return self.follow(j, value)
            return (j, Target("namespace"))
        return self.export(j, name)

    def member(self, found: tuple[int, Target] | None, member: str | None) -> tuple[int, Target] | None:
        """`found.member`: an export of a namespace, a static method, a method of an exported instance."""
        if found is None or member is None:
            return found
        j, target = found
        if target.kind == "namespace":
            return self.export(j, member)
        if target.kind == "instance":
            owner = self.class_of(j, target.name)
            if owner is None:
                return None
            j, target = owner
        if target.kind == "class":
            return self._method(j, target.name, member)
        if target.kind == "value":  # `Cache.add()`: a function kept on an exported module-level object
            ref = self.object_members[j].get((target.name, member))
            if ref is None and target.name == "default":  # `dom.on()` of `export default { on, … }`
                return self.export(j, f"default.{member}")
            return (j, Target("function", ref=ref)) if ref is not None else None
        if target.kind == "function":  # `Sync.create()`: a function-valued property of an (ES5 constructor) function
            function = self.functions[j].get(target.ref)
            ref = self.names[j].get(f"{function.name}.{member}") if function is not None and function.name else None
            es5_class = self.es5_classes[j].get(target.ref) if ref is None and member not in _FUNCTION_METHODS else None
            if es5_class is not None:  # `pending.keepWorse()` on a `new F()` of an exported ES5 constructor
                ref = self.es5_methods[j].get((es5_class, member))
            return (j, Target("function", ref=ref)) if ref is not None else None
        return None

    def _method(self, j: int, name: str, member: str) -> tuple[int, Target] | None:
        """The method `member` of class `name` of file j, or the one it inherits from a project class."""
        for _ in range(_MAX_INHERITANCE):
            ref = self.names[j].get(f"{name}.{member}")
            if ref is not None:
                return (j, Target("function", ref=ref))
            superclass = dict(self.summaries[j].classes).get(name)
            match = _EXTENDS.match(superclass) if superclass else None
            found = self.class_of(j, match.group(1)) if match is not None else None
            if found is None:
                return None
            j, name = found[0], found[1].name
        return None

    def result_member(self, i: int, call) -> Node | None:
        """The function `x.method()` runs where `x` holds what an imported factory returned (a ResultCall)."""
        found = self.member(self.imported(i, call.local), call.member)
        if found is None or found[1].kind != "function":
            return None
        ref = self.returned_members.get((found[0], found[1].ref), {}).get(call.method)
        return (found[0], ref) if ref is not None else None

    def class_of(self, i: int, local: str) -> tuple[int, Target] | None:
        if local in self.class_names[i]:
            return (i, Target("class", name=local))
        found = self.imported(i, local)
        return found if found is not None and found[1].kind == "class" else None

    def _hand_class(self, i, handed, constructor_params, instantiations, escaping, class_escapes, in_test) -> None:
        """`registerStore(UiStore)` where `registerStore(C)` does `new C(…)`: an instantiation at the call.

        Any other hand-over is an escape, as before: whoever receives the class
        may instantiate it any number of times.
        """
        if handed.class_local in self.imports[i]:
            found = self.imported(i, handed.class_local)
        else:
            found = (i, Target("class", name=handed.class_local))
        if found is None:
            return
        if handed.callee != TOP_LEVEL:
            callee: tuple[int, Target] | None = (i, Target("function", ref=handed.callee))
        else:
            callee = self.member(self.imported(i, handed.local), handed.member)
        j, target = found
        if (
            target.kind == "class"
            and callee is not None
            and callee[1].kind == "function"
            and (callee[0], callee[1].ref, handed.index) in constructor_params
        ):
            if not in_test:
                step = Related(self.summaries[i].path, handed.span, f"creates a `{target.name}` through this call")
                instantiations.setdefault((j, target.name), []).append((i, handed.caller, step))
            return
        if target.kind == "function":
            escaping.add((j, target.ref))
        elif target.kind == "class":
            class_escapes.add((j, target.name))

    def _names_imported_from_unresolved_modules(self) -> set[str]:
        """Names imported from a project-looking module the resolver cannot find (`/models/x`, `@/x`).

        Such a file may import one of the project's classes under that name and
        instantiate it, so a class of that name is never called a singleton.
        Package imports (`pg`, `@scope/pkg`) are left out: they name other code.
        """
        names: set[str] = set()
        for i, summary in enumerate(self.summaries):
            for local, specifier, name in summary.imports:
                if specifier.startswith(_PROJECT_PREFIXES) and self.module(i, specifier) is None:
                    names.add(local if name in ("default", "*") else name)
        return names

    def _unknown_instances(self, tests, instantiations, class_escapes) -> list[tuple[int, str, str]]:
        """(file, class, reason) for each class whose instance count no file shows.

        A class of its own (no superclass, or a class of Node's own modules such as
        `events`' EventEmitter, which no framework instantiates) that no production
        file creates, in a file no production file imports, is made by code the link
        cannot follow (a loader importing files by computed name). A subclass of
        anything else (a React or Vue component, a custom element) is its
        framework's to make.
        """
        imported_files: set[int] = set()
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue
            specifiers = [specifier for _, specifier, _ in summary.imports] + list(summary.star_exports)
            specifiers += [target.specifier for _, target in summary.exports if target.kind in ("import", "namespace")]
            for specifier in specifiers:
                j = self.module(i, specifier)
                if j is not None and j != i:
                    imported_files.add(j)
        found = []
        for j, summary in enumerate(self.summaries):
            if tests[j] or j in imported_files:
                continue
            builtin_bases = {
                local for local, specifier, _ in summary.imports
                if specifier.removeprefix("node:") in _NODE_BASE_MODULES
            }
            for name, superclass in summary.classes:
                own = superclass is None or _base_name(superclass) in builtin_bases
                if own and (j, name) not in instantiations and (j, name) not in class_escapes:
                    found.append((j, name, f"no file of the project imports {summary.path} or creates a `{name}`"))
        return found

    def _singleton_bases(self, tests) -> dict[tuple[int, str], list[tuple[int, str, Related]]]:
        """Base classes every production subclass of which is a DI singleton (`@Injectable() class S extends B`).

        The framework makes one instance of each such subclass, so the base
        class's fields, seen in its own file, belong to those few singletons:
        long-lived.  A base class with any other production subclass is left out.
        """
        bases: dict[tuple[int, str], list[tuple[int, str, Related]]] = {}
        others: set[tuple[int, str]] = set()
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue
            singletons = dict(summary.singletons)
            for name, superclass in summary.classes:
                if not superclass:
                    continue
                match = _EXTENDS.match(superclass)
                found = self.class_of(i, match.group(1)) if match is not None else None
                if found is None:
                    continue
                key = (found[0], found[1].name)
                if name in singletons:
                    step = Related(summary.path, singletons[name], f"`{name}` is a DI singleton that extends `{key[1]}`")
                    bases.setdefault(key, []).append((i, name, step))
                else:
                    others.add(key)
        return {key: found for key, found in bases.items() if key not in others}

    def _once_subclassed_bases(self, tests, instantiations, once_classes) -> dict[tuple[int, str], tuple[str, Related]]:
        """Base classes no production code creates or hands around, every production subclass of which is made once.

        Their only instances are those of the subclasses, so a method they run through
        `super.m()` or inherit runs on those few instances: the base's instance count is
        `once` too. A base class with any subclass made more often (or not shown made) is left out.
        """
        subclasses: dict[tuple[int, str], list[tuple[int, str]]] = {}
        escaped: set[tuple[int, str]] = set()
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue
            for local in summary.escaping:
                found = self.class_of(i, local)
                if found is not None:
                    escaped.add((found[0], found[1].name))
            for name, superclass in summary.classes:
                match = _EXTENDS.match(superclass) if superclass else None
                found = self.class_of(i, match.group(1)) if match is not None else None
                if found is not None:
                    subclasses.setdefault((found[0], found[1].name), []).append((i, name))
        bases = {}
        for key, subs in subclasses.items():
            if key in instantiations or key in escaped or not all(sub in once_classes for sub in subs):
                continue
            k, subclass = subs[0]
            made = instantiations.get((k, subclass))
            if made:
                bases[key] = (subclass, made[0][2])
        return bases

    def _is_once_constructor(self, node: Node, once_classes: set[tuple[int, str]]) -> bool:
        function = self.functions[node[0]].get(node[1])
        return function is not None and function.method == "constructor" and (node[0], function.class_name) in once_classes

    def overrides(self, j: int, name: str, member: str) -> list[tuple[int, int, str]]:
        """(file, function id, subclass) of each override of `member` in the project's subclasses of class `name` of file j.

        A call of `member` on a receiver typed with the base class may run any of them: what
        it runs is decided by the instance it is given.
        """
        if self._subclasses is None:
            subclasses: dict[tuple[int, str], list[tuple[int, str]]] = {}
            for i, summary in enumerate(self.summaries):
                for sub, superclass in summary.classes:
                    match = _EXTENDS.match(superclass) if superclass else None
                    base = self.class_of(i, match.group(1)) if match is not None else None
                    if base is not None:
                        subclasses.setdefault((base[0], base[1].name), []).append((i, sub))
            self._subclasses = subclasses
        found = []
        seen = {(j, name)}
        pending = [(j, name)]
        while pending:
            for k, sub in self._subclasses.get(pending.pop(), ()):
                if (k, sub) in seen or len(seen) > 64:
                    continue
                seen.add((k, sub))
                pending.append((k, sub))
                ref = self.names[k].get(f"{sub}.{member}")
                if ref is not None:
                    found.append((k, ref, sub))
        return found

    # -- the graph -----------------------------------------------------------------

    def _called_functions(self) -> list[tuple[int, tuple[str, str], Node]]:
        """(file, (imported local, member or ""), (file, function id)): each imported function a file calls, once.

        Computed on first use and kept: four of the link's facts walk it.
        """
        if self._called is None:
            called = []
            for i, summary in enumerate(self.summaries):
                seen: set[tuple[str, str]] = set()
                for call in summary.calls:
                    key = (call.local, call.member or "")
                    if key in seen or call.is_new:
                        continue
                    seen.add(key)
                    found = self.member(self.imported(i, call.local), call.member)
                    if found is not None and found[1].kind == "function":
                        called.append((i, key, (found[0], found[1].ref)))
            self._called = called
        return self._called

    def _once_per_instance(self, incoming, edges, values, tests, single) -> tuple[dict[Node, Related], set[Node]]:
        """Methods that run at most once per instance of their class, with the fresh-instance call that starts it.

        A least fixed point (a cycle never qualifies): every production call of the method
        is on an instance its caller has just made (`new C().m()`, `const c = new C(); c.m()`),
        or is the one `this.m()` (in no loop) or the one `this.g.m()` on a field the class
        sets once in its constructor (``on_owned_field``) of a method that itself qualifies,
        or is the one `e.m()` on a parameter of a helper that is given each instance once
        (``_each_given_once``). A caller that repeats on one instance (a listener, a timer:
        the link's ``values``) or that no call reaches keeps the method out.

        Also returns the methods that qualify only because some caller of such a helper is a
        function nothing the link follows calls (the helper is handed out, or bound into a
        list): that caller may give it one instance twice, so the fact lowers, never drops.
        """
        found: dict[Node, Related] = {}
        unfollowed: set[Node] = set()
        changed = True
        rounds = 0
        while changed and rounds < _MAX_DEPTH:
            changed = False
            rounds += 1
            for dst, sources in incoming.items():
                if dst in found or dst in values or tests[dst[0]]:
                    continue
                start = None
                unknown = False
                ok = True
                for src in set(sources):
                    calls = [(kind, step) for d, step, _, kind in edges.get(src, ()) if d == dst]
                    if tests[src[0]]:
                        ok = False  # a test calls it as it pleases
                        break
                    for kind, step in calls:
                        given = None
                        if kind.startswith("param:") and len(calls) == 1 and src != dst:
                            given = self._each_given_once(src, kind[6:], incoming, edges, values, tests, found, unfollowed, single)
                        if kind == "fresh":
                            start = start or step
                        elif kind in ("this", "owned") and len(calls) == 1 and src in found and src != dst:
                            start = start or found[src]
                            unknown = unknown or src in unfollowed
                        elif given is not None:
                            start = start or given[0]
                            unknown = unknown or given[1]
                        else:
                            ok = False
                            break
                    if not ok:
                        break
                if ok and start is not None:
                    found[dst] = start
                    if unknown:
                        unfollowed.add(dst)
                    changed = True
        return found, unfollowed

    def _each_given_once(self, helper, index, incoming, edges, values, tests, found, unfollowed, single):
        """(the start, whether an unfollowed caller takes part) if every run of ``helper`` gets another instance.

        `startExtension(e) { e.start() }` is given each instance once when its callers are the
        one `for (const e of new Set(this.extensions)) this.startExtension(e)` of a method that
        runs at most once per instance of a class the project makes once (``single``): a Set
        holds each element once, and that loop runs once in the process. A caller nothing the
        link follows calls is accepted, marked; any other caller (a listener, a loop over an
        array, a second call) keeps the helper out.
        """
        callers = incoming.get(helper)
        if not callers or helper in values:
            return None
        start = None
        unknown = False
        for caller in set(callers):
            if tests[caller[0]]:
                return None
            calls = [kind for d, _, _, kind in edges.get(caller, ()) if d == helper]
            if len(calls) != 1:
                return None
            kind = calls[0]
            if kind == f"this-distinct:{index}" and caller in found and self._of_single_instance(caller, single):
                start = start or found[caller]
                unknown = unknown or caller in unfollowed
            elif caller[1] != TOP_LEVEL and caller not in incoming and caller not in values:
                unknown = True
            else:
                return None
        return (start, unknown) if start is not None else None

    def _of_single_instance(self, node: Node, single: set[tuple[int, str]]) -> bool:
        function = self.functions[node[0]].get(node[1])
        return function is not None and function.class_name is not None and (node[0], function.class_name) in single

    def _called_on_unknown_receivers(
        self, node: Node, callers_on_this: dict[Node, list[Node]], called_on_objects: set[str]
    ) -> bool:
        """The method, or one that reaches it through `this.m()` calls, is called somewhere on a receiver the link cannot follow."""
        seen = {node}
        pending = [node]
        while pending:
            current = pending.pop()
            function = self.functions[current[0]].get(current[1])
            if function is not None and function.method is not None and function.method in called_on_objects:
                return True
            for src in callers_on_this.get(current, ()):
                if src not in seen:
                    seen.add(src)
                    pending.append(src)
        return False

    def link(self, complete: bool = True) -> dict[str, ExternalFacts]:
        # (callee, step, crosses files, kind of call: "" | "this" (`this.m()`) | "fresh" (on a new instance))
        edges: dict[Node, list[tuple[Node, Related, bool, str]]] = {}
        incoming: dict[Node, list[Node]] = {}
        values: dict[Node, _Value] = {}
        queue: deque[Node] = deque()

        callers_on_this: dict[Node, list[Node]] = {}  # the `this.m()` edges, by callee
        looped_callees: set[Node] = set()  # functions some production call makes in a loop

        def add_edge(src: Node, dst: Node, step: Related, cross: bool, kind: str = "") -> None:
            edges.setdefault(src, []).append((dst, step, cross, kind))
            incoming.setdefault(dst, []).append(src)
            if kind in ("this", "this-loop", "owned") or kind.startswith("this-distinct:"):
                callers_on_this.setdefault(dst, []).append(src)

        def seed(node: Node, value: _Value) -> None:
            current = values.get(node)
            if current is None or value.frequency > current.frequency:
                values[node] = value
                queue.append(node)

        escaping: set[Node] = set()
        class_escapes: set[tuple[int, str]] = set()
        # what each call the link follows passes: callee -> [(arguments, step, from a test)]
        passed: dict[Node, list[tuple[tuple[Argument, ...], Related, bool]]] = {}
        framework_called: set[Node] = set()  # imported functions registered as handlers: a framework calls them
        # functions called as a decorator (`@link(LICENSE)`), and those called any other way, in production code
        decorated: set[Node] = set()
        called_plainly: set[Node] = set()
        factory_members: set[Node] = set()  # members of a factory's returned object that a ResultCall reaches
        tests = [_is_test_path(summary.path) for summary in self.summaries]
        examples = [_is_example_path(summary.path) for summary in self.summaries]
        for i, summary in enumerate(self.summaries):
            path = summary.path
            for function in summary.functions:
                if tests[i]:
                    break  # a test's listeners and timers run as the test decides, not as production does
                if function.evidence in _SURE_EVIDENCE and function.frequency >= REPEATED:
                    step = Related(path, function.span, function.reason)
                    seed((i, function.id), _Value(function.frequency, function.trigger, (step,), False))
            for edge in summary.edges:
                message = f"calls `{edge.text}`" if edge.text != "callback" else "passes this callback"
                kind = ("this-loop" if edge.in_loop else "this") if edge.on_this else ""
                if kind == "this-loop" and edge.distinct_argument >= 0:
                    kind = f"this-distinct:{edge.distinct_argument}"  # once per element of a Set
                add_edge((i, edge.caller), (i, edge.callee), Related(path, edge.span, message), False, kind)
                if edge.in_loop and not tests[i]:
                    looped_callees.add((i, edge.callee))
            for call in summary.calls:
                found = self.member(self.imported(i, call.local), call.member)
                if found is not None and found[1].kind == "function":
                    j, target = found
                    step = Related(path, call.span, f"calls `{call.text}`")
                    kind = "fresh" if call.on_fresh_instance else "owned" if call.on_owned_field else ""
                    if call.on_this:  # `super.m()`: the caller's own instance, as `this.m()`
                        kind = "this-loop" if call.in_loop else "this"
                    elif not kind and call.receiver_parameter >= 0 and not call.in_loop:
                        kind = f"param:{call.receiver_parameter}"  # once on whatever instance the caller is given
                    add_edge((i, call.caller), (j, target.ref), step, j != i, kind)
                    if call.in_loop and not tests[i]:
                        looped_callees.add((j, target.ref))
                    passed.setdefault((j, target.ref), []).append((call.arguments, step, tests[i]))
                    if not tests[i]:
                        (decorated if call.as_decorator else called_plainly).add((j, target.ref))
                if call.receiver_parameter >= 0 and call.member is not None:
                    # `e.start()` on `e: Extension`: the instance given may be a subclass's, whose override runs
                    # (the base's own method may be empty, and so not summarized)
                    owner = self.class_of(i, call.local)
                    kind = f"param:{call.receiver_parameter}" if not call.in_loop else ""
                    for k, ref, sub in self.overrides(owner[0], owner[1].name, call.member) if owner is not None else ():
                        dispatched = Related(path, call.span, f"calls `{call.text}`, which runs `{sub}.{call.member}()` on a `{sub}`")
                        add_edge((i, call.caller), (k, ref), dispatched, k != i, kind)
                        if call.in_loop and not tests[i]:
                            looped_callees.add((k, ref))
            for call in summary.result_calls:  # `enc.writeFrame(f)` on `const enc = createEncoder(…)`
                dst = self.result_member(i, call)
                if dst is not None:
                    add_edge((i, call.caller), dst, Related(path, call.span, f"calls `{call.text}`"), dst[0] != i)
                    factory_members.add(dst)
            for use in summary.handlers:
                found = self.member(self.imported(i, use.local), use.member) if not tests[i] else None
                if found is not None and found[1].kind == "function":
                    j, target = found
                    framework_called.add((j, target.ref))
                    step = Related(path, use.span, use.description)
                    seed((j, target.ref), _Value(use.frequency, use.trigger, (step,), j != i))
            for local in summary.escaping:
                found = self.imported(i, local) if local in self.imports[i] else (i, Target("class", name=local))
                if found is None:
                    continue
                if found[1].kind == "function":
                    escaping.add((found[0], found[1].ref))
                elif found[1].kind == "class":
                    class_escapes.add((found[0], found[1].name))
            for local in summary.extended:
                found = self.class_of(i, local)
                if found is not None:
                    class_escapes.add((found[0], found[1].name))
        constructor_params = {
            (i, ref, index) for i, summary in enumerate(self.summaries) for ref, index in summary.constructor_params
        }
        instantiations: dict[tuple[int, str], list[tuple[int, int, Related]]] = {}
        for i, summary in enumerate(self.summaries):
            for handed in summary.class_arguments:
                self._hand_class(i, handed, constructor_params, instantiations, escaping, class_escapes, tests[i])
            for new in summary.instantiations:
                if new.local_class is not None:
                    found = (i, Target("class", name=new.local_class))
                else:
                    found = self.member(self.imported(i, new.local), new.member)
                if found is not None and found[1].kind == "function" and not tests[i]:
                    # `new Imported(…)` of an ES5 constructor function runs its body, as a call does
                    j, target = found
                    step = Related(summary.path, new.span, "creates an instance with `new`")
                    add_edge((i, new.caller), (j, target.ref), step, j != i)
                    es5_class = self.es5_classes[j].get(target.ref)
                    if es5_class is not None and not examples[i]:
                        # and makes an instance of its class, counted as `new` of an exported `class` is
                        instantiations.setdefault((j, es5_class), []).append((i, new.caller, step))
                        if (j, target.ref) in escaping:
                            class_escapes.add((j, es5_class))  # handed on as a value: others may make more
                    continue
                if found is None or found[1].kind != "class":
                    continue
                j, target = found
                step = Related(summary.path, new.span, f"creates a `{target.name}`")
                if not tests[i] and not examples[i]:
                    # test and example code make instances as they please; neither decides production lifetimes
                    instantiations.setdefault((j, target.name), []).append((i, new.caller, step))
                constructor = self.names[j].get(f"{target.name}.constructor")
                if constructor is not None:
                    add_edge((i, new.caller), (j, constructor), step, j != i)
                    passed.setdefault((j, constructor), []).append((new.arguments, step, tests[i]))

        memoized = {(i, ref) for i, summary in enumerate(self.summaries) for ref in summary.memoized}
        # Propagate: values only rise in `_rank`, so each node is re-queued a bounded number of times.
        while queue:
            node = queue.popleft()
            value = values[node]
            for dst, step, cross, kind in edges.get(node, ()):
                if dst in memoized:
                    continue  # `if (x) return x;` first: however often it is called, the rest runs once
                fresh = kind == "fresh" or (kind in ("this", "owned") and value.fresh_instance)
                current = values.get(dst)
                if current is not None and _rank(current.frequency, current.fresh_instance) >= _rank(value.frequency, fresh):
                    continue
                chain = value.chain + (step,)
                if len(chain) > _MAX_CHAIN:
                    chain = chain[:1] + chain[-(_MAX_CHAIN - 1):]
                values[dst] = _Value(value.frequency, value.trigger, chain, value.crossed or cross, fresh)
                queue.append(dst)

        once_classes: set[tuple[int, str]] = set()
        runs_once: set[Node] = set()  # every function the link shows to run once
        once: set[Node] = set()  # those of them whose file cannot see it alone

        def frequency_of(node: Node) -> int:
            if node[1] == TOP_LEVEL or (node not in values and (node in runs_once or self._is_once_constructor(node, once_classes))):
                return ONCE
            value = values.get(node)
            if value is not None:
                return value.frequency
            function = self.functions[node[0]].get(node[1])
            return function.frequency if function is not None else UNKNOWN

        # Functions only called from code that runs once run once: mark forward from everything else.
        def runs_once_locally(node: Node) -> bool:
            if node[1] == TOP_LEVEL:
                return True
            function = self.functions[node[0]].get(node[1])
            if function is None:
                return False
            if self._is_once_constructor(node, once_classes):
                return True
            return function.frequency == ONCE and function.evidence == "top-level"

        called_on_objects = {name for summary in self.summaries for name in summary.member_calls}
        candidates: set[Node] = set()
        for node, sources in incoming.items():
            function = self.functions[node[0]].get(node[1])
            if function is None or node in values or node in escaping or function.evidence not in ("api", "unknown", "class"):
                continue
            if function.method not in (None, "constructor") and function.method in called_on_objects:
                continue  # `x.begin()` somewhere: an instance call the graph cannot follow
            if node in factory_members:
                continue  # the returned object may be handed on: its other holders' calls are not followed
            candidates.add(node)

        # Every caller that is not a candidate, once each (a caller appears once per edge in `incoming`);
        # the set of excluded candidates below does not depend on the order they are visited in.
        other_callers = {src for sources in incoming.values() for src in sources} - candidates

        def once_functions() -> tuple[set[Node], set[Node]]:
            """Candidates no caller that may repeat reaches (a greatest fixed point: cycles stay once)."""
            not_once: deque[Node] = deque(src for src in other_callers if not runs_once_locally(src))
            excluded: set[Node] = set()
            # A call made in a loop runs once per round, however rarely its caller runs.
            for dst in looped_callees:
                if dst in candidates and dst not in excluded:
                    excluded.add(dst)
                    not_once.append(dst)
            while not_once:
                node = not_once.popleft()
                for dst, _, _, _ in edges.get(node, ()):
                    if dst in candidates and dst not in excluded:
                        excluded.add(dst)
                        not_once.append(dst)
            found = candidates - excluded
            # Report only what the file cannot see itself: a caller in another file, or a
            # singleton's constructor (made elsewhere); the file's own model does the rest.
            # A caller the link itself shows to run once (`F.create()` called once from another
            # file, doing `new F()`) is as invisible to the file as a caller in another file.
            return found, {
                node for node in found
                if any(
                    src[0] != node[0] or self._is_once_constructor(src, once_classes) or src in found
                    for src in incoming[node]
                )
            }

        # A class made once by code that runs once is a singleton, and the methods only its
        # constructor or once-run code calls run once; each can make more of the other (`new Root()`
        # making its stores, `create()` run once making the one `ProcessManager`): decide both
        # until nothing changes, at most one round per level of nesting.
        unresolved_names = self._names_imported_from_unresolved_modules()
        for _ in range(_MAX_DEPTH):
            before = (len(once_classes), len(runs_once))
            for (j, name), made in instantiations.items():
                if (j, name) in once_classes or len(made) > _MAX_FIXED_INSTANCES or (j, name) in class_escapes:
                    continue
                if name in unresolved_names:
                    continue  # a file the link cannot resolve may import and instantiate it too
                # each instance made by code that runs once (`const a = new C(); const b = new C();`
                # at module level): a fixed set of instances, each living as long as the process
                if all(frequency_of((i, caller)) == ONCE for i, caller, _ in made):
                    once_classes.add((j, name))
            runs_once, once = once_functions()
            if (len(once_classes), len(runs_once)) == before:
                break

        classes: dict[int, list[tuple[str, LinkedInstances]]] = {}
        for (j, name), made in instantiations.items():
            if not any(i != j for i, _, _ in made):
                continue  # the file shows every instantiation itself
            repeating = [
                (i, caller, step) for i, caller, step in made
                if frequency_of((i, caller)) >= REPEATED and not self._constructor_of_unmade(i, caller, instantiations, class_escapes)
            ]
            if repeating:
                i, caller, step = repeating[0]
                where = f"{step.path}:{step.span.line}"
                classes.setdefault(j, []).append((name, LinkedInstances("per-call", f"created repeatedly at {where}", (step,))))
            elif (j, name) in once_classes:
                step = made[0][2]
                where = f"created once, at {step.path}:{step.span.line}"
                if len(made) > 1:
                    where = f"{len(made)} instances, each created once, the first at {step.path}:{step.span.line}"
                classes.setdefault(j, []).append((name, LinkedInstances("once", where, (step,))))

        for i, summary in enumerate(self.summaries):
            for local, span in summary.bootstrapped:
                found = self.class_of(i, local)  # a class of the file, or one it imports
                if found is None:
                    continue
                j, name = found[0], found[1].name
                if (j, name) in instantiations or any(entry[0] == name for entry in classes.get(j, ())):
                    continue  # also made with `new`: those instances decide
                step = Related(summary.path, span, f"bootstraps `{name}` as the root component")
                reason = f"the root component, bootstrapped once at {summary.path}:{span.line}"
                classes.setdefault(j, []).append((name, LinkedInstances("once", reason, (step,))))

        for (j, name), subclasses in self._singleton_bases(tests).items():
            if (j, name) in instantiations or any(entry[0] == name for entry in classes.get(j, ())):
                continue  # made directly too: its instances are not only the singletons
            k, subclass, step = subclasses[0]
            reason = f"its only instances are DI singletons: `{subclass}` extends it ({step.path}:{step.span.line})"
            classes.setdefault(j, []).append((name, LinkedInstances("once", reason, (step,))))

        for (j, name), (subclass, step) in self._once_subclassed_bases(tests, instantiations, once_classes).items():
            if any(entry[0] == name for entry in classes.get(j, ())):
                continue
            reason = f"its only instances are those of `{subclass}`, created once ({step.path}:{step.span.line})"
            classes.setdefault(j, []).append((name, LinkedInstances("once", reason, (step,))))

        if complete:  # what no file does is known only when the link sees every file
            for j, name, reason in self._unknown_instances(tests, instantiations, class_escapes):
                classes.setdefault(j, []).append((name, LinkedInstances(UNKNOWN_INSTANCES, reason)))

        sinks = [set(summary.sinks) for summary in self.summaries]
        functions: dict[int, list[tuple[str, LinkedFrequency]]] = {}
        for (j, ref), value in values.items():
            if not value.crossed or ref == TOP_LEVEL or ref not in sinks[j]:
                continue  # a raised frequency changes nothing in a function that grows or registers nothing
            function = self.functions[j].get(ref)
            if function is None or function.name is None or self.names[j].get(function.name) != ref:
                continue
            others = value.fresh_instance and self._called_on_unknown_receivers((j, ref), callers_on_this, called_on_objects)
            linked = LinkedFrequency(
                value.frequency, _reason(value.chain), value.trigger, value.chain,
                on_fresh_instances=value.fresh_instance, also_on_unknown_receivers=others,
            )
            functions.setdefault(j, []).append((function.name, linked))
        # A method every call of which is on an instance its caller has just made (`this.s = new S();
        # this.s.start()`), whatever the callers' frequency: each run of `start` has an instance of its own.
        # Classes the project makes exactly once, by code that runs once: a loop a method of theirs runs
        # once per instance runs once in the process.
        single = {key for key in once_classes if len(instantiations.get(key, ())) == 1}
        per_instance, unfollowed = self._once_per_instance(incoming, edges, values, tests, single)
        for dst, sources in incoming.items():
            j, ref = dst
            if dst in values or ref not in sinks[j] or tests[j] or dst in runs_once:
                continue  # (`once`: the link shows it runs once at all, which says more)
            kinds = [(src, kind, step) for src in set(sources) for d, step, _, kind in edges.get(src, ()) if d == dst]
            if not kinds or dst not in per_instance:
                continue
            function = self.functions[j].get(ref)
            if function is None or function.name is None or self.names[j].get(function.name) != ref:
                continue
            # Also called on a receiver the link cannot follow: that call may be a second one on some
            # instance, so the fact only lowers the finding's confidence (as for repeating callers above).
            others = dst in unfollowed or self._called_on_unknown_receivers(dst, callers_on_this, called_on_objects)
            step = kinds[0][2]
            reason = f"called only on an instance its caller has just made ({step.path}:{step.span.line})"
            if any(kind.startswith("param:") for _, kind, _ in kinds):
                start = per_instance[dst]
                reason = (
                    f"called at most once per instance: on the instance a helper is given, once for each element "
                    f"of a Set, by a method run once per instance of a class made once ({start.path}:{start.span.line})"
                )
            elif any(kind != "fresh" for _, kind, _ in kinds):
                start = per_instance[dst]
                reason = (
                    f"called at most once per instance: through calls on its own instance or on one its owner's "
                    f"constructor made, from a call on an instance just made ({start.path}:{start.span.line})"
                )
            functions.setdefault(j, []).append(
                (function.name, LinkedFrequency(
                    function.frequency, reason, None, (step,), on_fresh_instances=True, also_on_unknown_receivers=others,
                    per_instance_only=True,
                ))
            )
        factories = decorated - called_plainly  # every production call is a decorator's
        for j, ref in sorted(once):
            function = self.functions[j][ref]
            if function.name is None or self.names[j].get(function.name) != ref:
                continue
            callers = sorted({self.summaries[src[0]].path for src in incoming[(j, ref)]})
            reason = f"only called from code that runs once ({', '.join(callers[:3])})"
            if (j, ref) in factories:
                reason = f"only called as a decorator ({', '.join(callers[:3])}): once per decorated declaration"
            linked = LinkedFrequency(ONCE, reason, decorator_factory=(j, ref) in factories)
            functions.setdefault(j, []).append((function.name, linked))

        bindings: dict[int, list[tuple[str, LinkedLifetime]]] = {}
        for i, summary in enumerate(self.summaries):
            for local, _, _ in summary.imports:
                found = self.imported(i, local)
                if found is None:
                    continue
                j, target = found
                if target.kind == "instance" or (target.kind == "value" and "created at module level" in target.name):
                    what = f"an instance of `{target.name}`" if target.kind == "instance" else "an object"
                    reason = f"`{local}`, {what} created at module level in {self.summaries[j].path}"
                    bindings.setdefault(i, []).append((local, LinkedLifetime(True, reason)))

        fresh: dict[int, list[tuple[tuple[str, str, str], str]]] = {}
        fresh_by_function = {
            (j, ref): [(field, reason) for r, field, reason in summary.fresh_returns if r == ref]
            for j, summary in enumerate(self.summaries) for ref in {r for r, _, _ in summary.fresh_returns}
        }
        if fresh_by_function:
            for i, (local, member), callee in self._called_functions():
                for field, reason in fresh_by_function.get(callee, ()):
                    fresh.setdefault(i, []).append(((local, member, field), reason))

        field_returns: dict[int, list[tuple[tuple[str, str], int]]] = {}  # `routeKey(route)` of another file
        field_return_of = {(j, ref): index for j, summary in enumerate(self.summaries) for ref, index in summary.field_returns}
        if field_return_of:
            for i, key, callee in self._called_functions():
                if callee in field_return_of:
                    field_returns.setdefault(i, []).append((key, field_return_of[callee]))

        pooled: dict[int, list[tuple[tuple[str, str], str]]] = {}  # `getEmitter(name)` of a module that keeps them
        pooled_of = {
            (j, ref): f"`{holder}` in {summary.path}"
            for j, summary in enumerate(self.summaries) for ref, holder in summary.pooled_returns
        }
        if pooled_of:
            for i, key, callee in self._called_functions():
                if callee in pooled_of and callee[0] != i:
                    pooled.setdefault(i, []).append((key, pooled_of[callee]))

        streams: dict[int, list[tuple[str, str]]] = {}  # `new QueryStream()` of another file's `inherits(…, Stream)`
        if any(summary.stream_classes for summary in self.summaries):
            for i, summary in enumerate(self.summaries):
                for local, _, _ in summary.imports:
                    found = self.imported(i, local)
                    if found is None or found[0] == i or not self.summaries[found[0]].stream_classes:
                        continue
                    j, target = found
                    name = target.name if target.kind == "class" else None
                    if target.kind == "function":
                        function = self.functions[j].get(target.ref)
                        name = function.name if function is not None else None
                    base = dict(self.summaries[j].stream_classes).get(name or "")
                    if base is not None:
                        streams.setdefault(i, []).append((local, f"`{name}` of {self.summaries[j].path} inherits `{base}`"))

        cleared_arguments: dict[int, list] = {}  # `handleConnectionClose(ctx)` of a helper that clears a field of it
        cleared_of: dict[tuple[int, int], list[tuple[int, str]]] = {}
        for j, summary in enumerate(self.summaries):
            for ref, index, fields in summary.cleared_parameters:
                cleared_of.setdefault((j, ref), []).append((index, fields))
        if cleared_of:
            for i, key, callee in self._called_functions():
                if tests[callee[0]]:
                    continue  # a test helper's clean-up says nothing of what production code stops
                for entry in cleared_of.get(callee, ()):
                    cleared_arguments.setdefault(i, []).append((key, entry))

        removing_calls: dict[int, list] = {}  # `handleDisconnect(id)` of a helper that deletes from a shared import
        removes_of: dict[tuple[int, int], list[str]] = {}
        for j, summary in enumerate(self.summaries):
            for ref, local in summary.removed_imports:
                removes_of.setdefault((j, ref), []).append(local)
        if removes_of:
            for i, key, callee in self._called_functions():
                if tests[callee[0]] or callee not in removes_of:
                    continue
                wanted = {self.imported(callee[0], local) for local in removes_of[callee]} - {None}
                for own in self.imports[i]:
                    if self.imported(i, own) in wanted:
                        removing_calls.setdefault(i, []).append((key, own))

        forwarders: dict[int, list] = {}  # `dom.addEventListener(target, type, fn)` of another file's helper
        forwarder_of = {
            (j, ref): (method, receiver_at, argument_at)
            for j, summary in enumerate(self.summaries) for ref, method, receiver_at, argument_at in summary.forwarders
        }
        if forwarder_of:
            for i, key, callee in self._called_functions():
                if callee in forwarder_of:
                    forwarders.setdefault(i, []).append((key, forwarder_of[callee]))

        looped: dict[int, list[tuple[str, Related]]] = {}  # functions another file calls in a loop
        looped_dropped: dict[int, set[str]] = {}  # ... where such a call drops what the function returns
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue
            for call in summary.calls:
                if not call.in_loop:
                    continue
                found = self.member(self.imported(i, call.local), call.member)
                if found is None or found[1].kind != "function" or found[0] == i:
                    continue
                j, ref = found[0], found[1].ref
                function = self.functions[j].get(ref)
                if function is None or function.name is None or self.names[j].get(function.name) != ref:
                    continue
                if ref in sinks[j] and all(name != function.name for name, _ in looped.get(j, ())):
                    looped.setdefault(j, []).append((function.name, Related(summary.path, call.span, f"calls `{call.text}` in a loop")))
            for call in summary.result_calls:  # a member of what an imported factory returns, called per item
                dst = self.result_member(i, call) if call.in_loop else None
                if dst is None or dst[0] == i:
                    continue
                j, ref = dst
                function = self.functions[j].get(ref)
                if function is None or function.name is None or self.names[j].get(function.name) != ref or ref not in sinks[j]:
                    continue
                if call.dropped:
                    looped_dropped.setdefault(j, set()).add(function.name)
                if all(name != function.name for name, _ in looped.get(j, ())):
                    looped.setdefault(j, []).append((function.name, Related(summary.path, call.span, f"calls `{call.text}` in a loop")))

        looped_callbacks = self._looped_callbacks(tests)

        called_on_objects_or_escaping = (called_on_objects, escaping | framework_called, class_escapes)
        # only where a parameter can matter: a function that grows, registers or writes, or a constructor (fields)
        passed = {
            node: calls for node, calls in passed.items()
            if node[1] in sinks[node[0]] or self._method_of(node) == "constructor"
        }
        parameters = self._parameters(passed, incoming, called_on_objects_or_escaping, complete)

        test_only = self._called_only_by_test_helpers(tests, escaping)
        dropped = self._disposers_every_caller_drops(tests)
        cleared = self._fields_cleared_from_other_files(tests)

        uncalled = self._uncalled_cleanups(tests) if complete else {}

        result: dict[str, ExternalFacts] = {}
        for i in (set(functions) | set(classes) | set(bindings) | set(test_only) | set(dropped) | set(parameters)
                  | set(fresh) | set(looped) | set(cleared) | set(looped_callbacks) | set(forwarders)
                  | set(field_returns) | set(uncalled) | set(cleared_arguments) | set(removing_calls) | set(pooled)
                  | set(streams)):
            result[self.paths[i]] = ExternalFacts(
                tuple(functions.get(i, ())), tuple(bindings.get(i, ())), tuple(classes.get(i, ())),
                test_only=tuple(sorted(test_only.get(i, ()))), dropped_disposers=tuple(sorted(dropped.get(i, ()))),
                parameters=tuple(parameters.get(i, ())), fresh_returns=tuple(fresh.get(i, ())),
                looped_calls=tuple(looped.get(i, ())), cleared_fields=tuple(sorted(cleared.get(i, {}).items())),
                looped_callbacks=tuple(looped_callbacks.get(i, ())), forwarders=tuple(forwarders.get(i, ())),
                field_returns=tuple(field_returns.get(i, ())), cleared_arguments=tuple(cleared_arguments.get(i, ())),
                removing_calls=tuple(removing_calls.get(i, ())), pooled_returns=tuple(pooled.get(i, ())),
                stream_classes=tuple(streams.get(i, ())),
                background_classes_per_call=tuple(
                    name for name, made in classes.get(i, ())
                    if made.state == "per-call" and name in self.summaries[i].background_timer_classes
                ),
                uncalled_cleanups=tuple(sorted(uncalled.get(i, ()))),
                looped_results_dropped=tuple(sorted(looped_dropped.get(i, ()))),
            )
        return result

    def _uncalled_cleanups(self, tests: list[bool]) -> dict[int, set[str]]:
        """Clean-up function names of each file that no other production file mentions (``uncalled_cleanups``).

        Only for a production file some other production file imports (its
        users are in the project), not named `index` and not re-exported with
        `export *` by another file (a package's public entry: callers outside).
        Called only with a link that sees every file; none in a project with
        Vue/Svelte components or Angular `templateUrl`s, whose templates call
        names the summaries do not hold.
        """
        from leaklint.components import is_component

        if any(is_component(summary.path) or "templateUrl" in summary.mentioned_names for summary in self.summaries):
            return {}  # templates (`@click="remove(id)"`, Angular's .html) call names no summary records
        importers: dict[int, set[int]] = {}
        star_reexported: set[int] = set()
        for i, summary in enumerate(self.summaries):
            for _, specifier, _ in summary.imports:
                j = self.module(i, specifier)
                if j is not None and j != i and not tests[i]:
                    importers.setdefault(j, set()).add(i)
            for specifier in summary.star_exports:
                j = self.module(i, specifier)
                if j is not None:
                    star_reexported.add(j)
        asking = [
            j for j, summary in enumerate(self.summaries)
            if not tests[j] and summary.cleanup_names and j in importers and j not in star_reexported
            and os.path.basename(summary.path).split(".", 1)[0] != "index"
        ]
        # the production files mentioning each name asked about (every name of every file is far more)
        wanted = {name for j in asking for name in self.summaries[j].cleanup_names}
        mentioned: dict[str, set[int]] = {}
        if wanted:
            for k, summary in enumerate(self.summaries):
                if not tests[k]:
                    for name in wanted.intersection(summary.mentioned_names):
                        mentioned.setdefault(name, set()).add(k)
        found: dict[int, set[str]] = {}
        for j in asking:
            for name in self.summaries[j].cleanup_names:
                if not (mentioned.get(name, set()) - {j}):
                    found.setdefault(j, set()).add(name)
        return found

    def _fields_cleared_from_other_files(self, tests: list[bool]) -> dict[int, dict[tuple[str, str], Related]]:
        """(class, field) of each class file whose instances' field a production file clears with clearInterval()."""
        cleared: dict[int, dict[tuple[str, str], Related]] = {}
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue  # a test's clean-up says nothing of what production code stops
            for local, member, field, span in summary.cleared_fields:
                found = self.class_of(i, local) if member is None else self.member(self.imported(i, local), member)
                if found is None or found[1].kind != "class" or found[0] == i:
                    continue
                step = Related(summary.path, span, f"clears `{field}` of a `{found[1].name}`")
                cleared.setdefault(found[0], {}).setdefault((found[1].name, field), step)
        return cleared

    def _constructor_of_unmade(self, i: int, caller: int, instantiations, class_escapes) -> bool:
        """The creator is the constructor of a class the project neither instantiates nor hands out.

        `this.cache = new LruCache()` in the constructor of `ContextDeduplicator`, a
        class only the library's users make: each `LruCache` lives as long as its
        owner, and how many owners there are and how long they live no file shows.
        Such a creation does not make the class per-call (a cache that dies with
        the call); the file's own view of the class stands.
        """
        function = self.functions[i].get(caller)
        if function is None or function.method != "constructor" or not function.class_name:
            return False
        owner = (i, function.class_name)
        return owner not in instantiations and owner not in class_escapes

    def _looped_callbacks(self, tests: list[bool]) -> dict[int, list[tuple[tuple[str, str, int, str], Related]]]:
        """For each file, the callback slots of the imported functions it calls that call them once per item."""
        slots: dict[tuple[int, int], list[tuple[int, str, Span]]] = {}
        for j, summary in enumerate(self.summaries):
            for ref, index, name, span in summary.looped_callbacks:
                slots.setdefault((j, ref), []).append((index, name, span))
        found: dict[int, list[tuple[tuple[str, str, int, str], Related]]] = {}
        if not slots:
            return found
        for i, key, (j, ref) in self._called_functions():
            if tests[i] or j == i:
                continue
            for index, name, span in slots.get((j, ref), ()):
                step = Related(self.summaries[j].path, span, "calls the callback it is given once per item here")
                found.setdefault(i, []).append(((*key, index, name), step))
        return found

    def _disposers_every_caller_drops(self, tests: list[bool]) -> dict[int, set[str]]:
        """Functions that return a function, whose every call in the other files drops what they return.

        Matched by name (the method's name, or an imported function's exported
        name), over every file: one call anywhere that keeps the result, on
        whatever receiver, and the disposer may run. At least one production
        call in another file must drop it.
        """
        kept = set().union(*(summary.kept_results for summary in self.summaries))
        makers = [
            (j, maker, maker.rsplit(".", 1)[-1]) for j, summary in enumerate(self.summaries) for maker in summary.disposer_makers
        ]
        makers = [entry for entry in makers if entry[2] not in kept and entry[2] not in ("constructor", "then", "bind", "call", "apply")]
        # production files dropping each name a maker has (asking every file of every maker cost O(makers x files))
        wanted = {name for _, _, name in makers}
        dropped_by: dict[str, set[int]] = {}
        if wanted:
            for k, summary in enumerate(self.summaries):
                if not tests[k]:
                    for name in wanted.intersection(summary.dropped_results):
                        dropped_by.setdefault(name, set()).add(k)
        found: dict[int, set[str]] = {}
        for j, maker, name in makers:
            if any(k != j for k in dropped_by.get(name, ())):
                found.setdefault(j, set()).add(maker)
        return found

    def _called_only_by_test_helpers(self, tests: list[bool], escaping: set[Node]) -> dict[int, set[str]]:
        """Functions and methods (qualified names, by file) that other files call only from test helpers.

        A test helper is a function named for tests (`clearCacheForTests()`,
        `__reset()`: ``eviction_reach.TEST_ONLY_NAME``) in production code. A
        call from a test file does not count as one: a library's tests call its
        public API, which the library's users call too. A function handed on as
        a value, registered as a handler, or a method whose name some other
        production file calls on a receiver the link cannot follow, is not
        test-only.
        """
        from leaklint.model.eviction_reach import TEST_ONLY_NAME

        by_tests: dict[tuple[int, str], bool] = {}  # (file, qualified name) -> called only by test helpers so far
        for i, summary in enumerate(self.summaries):
            if tests[i]:
                continue
            for call in summary.calls:
                found = self.imported(i, call.local)
                if found is None:
                    continue
                j, target = found
                name = None
                if call.member is not None and target.kind in ("class", "instance"):
                    owner = self.class_of(j, target.name) if target.kind == "instance" else found
                    if owner is not None:
                        j, name = owner[0], f"{owner[1].name}.{call.member}"
                else:
                    resolved = self.member(found, call.member)
                    if resolved is not None and resolved[1].kind == "function":
                        j = resolved[0]
                        function = self.functions[j].get(resolved[1].ref)
                        name = function.name if function is not None else None
                if name is None or j == i:
                    continue
                caller = self.functions[i].get(call.caller)
                caller_name = (caller.name or "").rsplit(".", 1)[-1] if caller is not None else ""
                helper = bool(caller_name) and TEST_ONLY_NAME.search(caller_name) is not None
                by_tests[(j, name)] = by_tests.get((j, name), True) and helper
            for use in summary.handlers:
                resolved = self.member(self.imported(i, use.local), use.member)
                if resolved is not None and resolved[1].kind == "function":
                    function = self.functions[resolved[0]].get(resolved[1].ref)
                    if function is not None and function.name:
                        by_tests[(resolved[0], function.name)] = False
        for j, ref in escaping:
            function = self.functions[j].get(ref)
            if function is not None and function.name:
                by_tests[(j, function.name)] = False
        found: dict[int, set[str]] = {}
        for (j, name), only_helpers in by_tests.items():
            if not only_helpers:
                continue
            method = name.rsplit(".", 1)[-1] if "." in name else None
            if method is not None and any(
                method in summary.member_calls for k, summary in enumerate(self.summaries) if k != j and not tests[k]
            ):
                continue  # `x.clear()` somewhere else in production: maybe this method, on a receiver not followed
            found.setdefault(j, set()).add(name)
        return found

    def _method_of(self, node: Node) -> str | None:
        function = self.functions[node[0]].get(node[1])
        return function.method if function is not None else None

    def _parameters(
        self,
        passed: dict[Node, list[tuple[tuple[Argument, ...], Related, bool]]],
        incoming: dict[Node, list[Node]],
        unfollowed: tuple[set[str], set[Node], set[tuple[int, str]]],
        complete: bool = True,
    ) -> dict[int, list[tuple[tuple[str, int], LinkedParameter]]]:
        """What callers pass for each parameter of a function called from another file.

        A lifetime needs every call of the function to be one the link follows
        (no call in its own file, no call on a receiver the link cannot type, not
        handed around or registered as a handler) and every production call to
        pass a value of that lifetime; a kind (a Socket.IO server) needs one
        production call that passes it; "every call passes a literal" needs the
        lifetime's conditions and a link that sees every file. Calls from tests are ignored.
        """
        called_on_objects, escaping, class_escapes = unfollowed
        found: dict[int, list[tuple[tuple[str, int], LinkedParameter]]] = {}
        for node, calls in passed.items():
            j, ref = node
            function = self.functions[j].get(ref)
            if function is None or function.name is None or self.names[j].get(function.name) != ref:
                continue
            production = [(arguments, step) for arguments, step, in_test in calls if not in_test]
            if not production or not any(arguments for arguments, _ in production):
                continue
            if any(step.path == self.summaries[j].path for _, step in production):
                continue  # a call the file makes itself: the file's own model reads it
            followed = (
                len(incoming.get(node, ())) == len(calls)
                and node not in escaping
                and function.evidence not in _SURE_EVIDENCE
                and (function.method in (None, "constructor") or function.method not in called_on_objects)
                and (function.method != "constructor" or (j, function.class_name) not in class_escapes)
            )
            indexes = sorted({argument.index for arguments, _ in production for argument in arguments})
            for index in indexes:
                at = [(next((a for a in arguments if a.index == index), None), step) for arguments, step in production]
                kinds = sorted({a.kind for a, _ in at if a is not None and a.kind and a.kind != LITERAL_ARGUMENT})
                lifetimes = {a.lifetime if a is not None else "" for a, _ in at}
                lifetime = lifetimes.pop() if followed and len(lifetimes) == 1 else ""
                if complete and followed and all(a is not None and a.kind == LITERAL_ARGUMENT for a, _ in at):
                    # every call passes a value written in the code: a fixed set of keys, whatever the callers' rate
                    texts = sorted({a.text for a, _ in at})
                    shown = ", ".join(f"`{text}`" for text in texts[:3]) + (", …" if len(texts) > 3 else "")
                    every = "the one call" if len(at) == 1 else f"every one of the {len(at)} calls"
                    reason = f"{every} in the project passes a literal ({shown})"
                    linked = LinkedParameter(None, (), reason, tuple(step for _, step in at)[:_MAX_CHAIN], literal=True)
                    found.setdefault(j, []).append(((function.name, index), linked))
                    continue
                if not lifetime and not kinds:
                    continue
                chain = tuple(step for a, step in at if a is not None and (a.lifetime == lifetime and lifetime or a.kind in kinds))
                first, step = next((a, step) for a, step in at if a is not None and (lifetime and a.lifetime == lifetime or a.kind in kinds))
                where = f"{step.path}:{step.span.line}"
                if lifetime:
                    every = "the one call" if len(at) == 1 else f"every one of the {len(at)} calls"
                    reason = f"{every} passes a {lifetime} value ({where} passes `{first.text}`, {first.reason})"
                else:
                    reason = f"{where} passes `{first.text}`, a Socket.IO server"
                linked = LinkedParameter(lifetime or None, tuple(kinds), reason, chain[:_MAX_CHAIN])
                found.setdefault(j, []).append(((function.name, index), linked))
        return found


_TEST_SPEC = None
# The base class of a heritage clause: `extends Base`, `extends Base<T> implements I`, or the bare `Base`.
_MAX_INHERITANCE = 8  # superclasses followed for an inherited method (a cycle of bad code stops there)
_EXTENDS = re.compile(r"^\s*(?:extends\s+)?(?!extends\b|implements\b)([A-Za-z_$][\w$]*)\s*(?:<|\{|$|implements\b|\s)")


# Node's modules whose classes a program extends for itself (`class Aggregator extends EventEmitter`).
_NODE_BASE_MODULES = frozenset({"events", "stream", "net", "http", "https", "worker_threads"})


def _base_name(superclass: str) -> str:
    """`EventEmitter` of the superclass text `EventEmitter` or `extends EventEmitter`."""
    text = superclass.strip().removeprefix("extends").strip()
    return text.split("<", 1)[0].split("(", 1)[0].strip()


def _rank(frequency: int, fresh_instance: bool) -> tuple[bool, int, bool]:
    """Order of linked values: any repetition on one instance, then frequency, then one instance over fresh ones.

    A method that repeats on one instance can overwrite what its last run kept
    in `this`; one that repeats only across fresh instances cannot, however
    often: the first kind of chain must survive a more frequent one of the second.
    """
    return (frequency >= REPEATED and not fresh_instance, frequency, not fresh_instance)


_EXAMPLE_FOLDERS = frozenset({"example", "examples", "demo", "demos"})


def _is_example_path(path: str) -> bool:
    """Whether a summary's path is under an `examples/` (or `demo/`) folder.

    A library's examples make its classes the way a user might, once each: socket.io's
    `examples/cluster-engine-node-cluster/server.js` makes one `NodeClusterEngine`, which says
    nothing of how many the library's users make.
    """
    return any(part in _EXAMPLE_FOLDERS for part in path.replace(os.sep, "/").split("/")[:-1])


def _is_test_path(path: str) -> bool:
    """Whether a summary's path is test code (the default test paths; `test-paths` does not reach the link)."""
    global _TEST_SPEC
    if _TEST_SPEC is None:
        from leaklint.config import DEFAULT_TEST_PATHS
        from leaklint.discover import IgnoreSpec  # pathspec's answers, one regex search a path

        _TEST_SPEC = IgnoreSpec(list(DEFAULT_TEST_PATHS))
    return _TEST_SPEC.match_file(path.replace(os.sep, "/"))


def _reason(chain: tuple[Related, ...]) -> str:
    """"GET /x route handler (routes/a.js:3) → calls `getUser(id)` (routes/a.js:4)": first and last step."""
    steps = [chain[0]] if len(chain) == 1 else [chain[0], chain[-1]]
    return " → ".join(f"{step.message} ({step.path}:{step.span.line})" for step in steps)


def link(entries: list[tuple[str, FileSummary]], complete: bool = True) -> dict[str, ExternalFacts]:
    """ExternalFacts per analyzed file (keyed by normalised absolute path), from (path, summary) pairs.

    Summaries of another SUMMARY_VERSION are ignored (a stale cache must not mislead).
    ``complete`` is False for a partial run that lacks some project files' summaries: facts that
    rest on what no file does (a class nobody imports or creates) are then left out.
    """
    usable = [(path, summary) for path, summary in entries if summary.version == SUMMARY_VERSION]
    if len(usable) < 2:
        return {}
    return _Project(usable).link(complete)
