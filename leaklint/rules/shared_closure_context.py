"""LL005 shared-closure-context.

What it does:
    Finds a closure B that escapes to a long-lived place while a sibling
    closure A, created in the same function call, references a variable X
    that B does not use. V8 gives all closures of one call a single context
    object, so B keeps X alive. Reported with high confidence when X holds the
    previous value of a long-lived binding L (read into a local, or passed in
    as a parameter by a caller that assigns the result back to L:
    `program = createProgram(names, program)`) and B is stored into the new
    value of L (each call then links to the one before: the "replaceThing"
    leak), and with medium confidence when X holds something the function
    built (an array, a Buffer, an object).

Why is this a leak:
    X is only needed by A, which is used and dropped during the call, but X
    sits in the context that B points to. In the chain case every new value
    of L reaches the previous one through B's context, so no value L ever
    held can be collected.

Example:
    let current = null;
    function reload() {
      const previous = current;
      const changed = (item) => previous !== null && !previous.items.includes(item);
      const items = load().filter(changed);
      current = { items, find(id) { return items.find((i) => i.id === id); } };
    }

Use instead:
    function changedSince(previous, items) {
      return items.filter((item) => previous === null || !previous.items.includes(item));
    }
    function reload() {
      const items = changedSince(current, load());
      current = { items, find(id) { return items.find((i) => i.id === id); } };
    }

Known false positives:
    V8 may optimise a context away when it can prove no closure survives the
    call; leaklint assumes the context exists. The medium-confidence case does
    not know how large X is, and a function that, in practice, runs once keeps
    only one X alive.
"""

from __future__ import annotations

import bisect
import re

from leaklint import syntax
from leaklint.findings import FixAvailability, Severity
from leaklint.model import AccessPath, Binding, FileModel, Function, LifetimeFact
from leaklint.model.contexts import ClosureContext, ContextVariable, allocation, closure_contexts
from leaklint.model.kept_call_arguments import kept_call_arguments
from leaklint.model.escapes import EscapeAnalysis, Use, UseKind, escape_analysis
from leaklint.model.calls import direct_calls
from leaklint.model.loops import loop_index
from leaklint.rules.base import RelatedNode, Rule, RuleContext


class SharedClosureContext(Rule):
    """Escaping closure keeps a sibling closure's variable alive through V8's shared context."""

    code = "LL005"
    name = "shared-closure-context"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A stored closure keeps alive a variable that only a sibling closure uses (one V8 context per call)"
    fix_title = "Move the closure that uses the variable into its own function, or set the variable to null"
    precision = "medium"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check each function that creates at least two closures."""
        model = ctx.model
        escapes: EscapeAnalysis = model.fact("escapes", escape_analysis)
        reported: set[int] = set()
        for context in model.fact("closure_contexts", closure_contexts).all():
            if len(context.closures) < 2 and not _has_nested_closures(context, model):
                continue  # one closure cannot share its context with another
            repeats = _runs_repeatedly(context.function, model)
            for binding in context.candidates:
                if not repeats and _large_allocation(syntax.unwrap(binding.init)) is None:
                    continue  # one call retains one value: bounded, not a leak (found on node-red's UI IIFE)
                self._check(context, binding, model, escapes, reported, ctx)
            self._check_weak_refs(context, model, escapes, reported, ctx)
        self._check_kept_call_arguments(model, reported, ctx)

    def _check(
        self,
        context: ClosureContext,
        binding: Binding,
        model: FileModel,
        escapes: EscapeAnalysis,
        reported: set[int],
        ctx: RuleContext,
    ) -> None:
        # Cheapest questions first: most variables hold nothing worth keeping.
        init = syntax.unwrap(binding.init)
        built = allocation(init)
        source = _long_lived_source(init, model)
        if source is None and binding.kind == "param":
            source = _previous_value_passed_in(binding, context.function, model, escapes)
        if source is None and built is None:
            return
        variable = context.variable_of(binding)
        if variable is None:
            return  # no closure references it: V8 keeps it out of the context
        kept = {}
        for closure in _sharers(context, variable, model):
            stores = _kept_stores(closure, model, escapes)
            if stores:
                kept[closure.node.start_byte] = (closure, stores)
        if not kept:
            return  # every sharer dies with the call (or is only a listener: LL002's subject)
        if not all(_dies_with_call(f, kept, escapes) for f in variable.path):
            return  # a closure that uses X itself outlives the call: X is kept on purpose
        if _is_cleared(binding, context.function, model):
            return  # `X = null` before returning drops it from the context
        if _kept_explicitly(variable, context.function, model, escapes):
            return  # X is stored or returned itself; the shared context adds nothing
        # Every closure one call makes shares that call's one context, so X is kept once however
        # many of them are kept (`client.a = …; client.b = …`, or the methods of one object kept by
        # `spectrums.push(picker)`): one finding for X, at the first, naming the others.
        built_by_store: dict[int, list[tuple[Function, Use]]] = {}
        for closure, stores in kept.values():
            if closure.node.start_byte in reported:
                continue
            if source is not None:
                link = next((u for u in stores if _stores_into_new_value(u, source[0], context.function, model)), None)
                if link is not None:
                    reported.add(closure.node.start_byte)
                    self._report_chain(closure, variable, source, link, context, model, ctx)
                    continue
            if built is not None:
                reported.add(closure.node.start_byte)
                store = stores[0]
                built_by_store.setdefault(0, []).append((closure, store))
        for group in built_by_store.values():
            group.sort(key=lambda item: item[0].node.start_byte)
            closure, store = group[0]
            self._report_built(closure, variable, built, store, context, model, ctx, [c for c, _ in group[1:]])

    def _report_chain(
        self,
        closure: Function,
        variable: ContextVariable,
        source: tuple[AccessPath, LifetimeFact, str],
        link: Use,
        context: ClosureContext,
        model: FileModel,
        ctx: RuleContext,
    ) -> None:
        _path, lifetime, source_text = source
        name = variable.binding.name
        holder = variable.holders[0]
        b_name = _closure_name(closure, model)
        frequency = model.frequency(context.function)
        message = (
            f"{b_name} shares its closure context with {_closure_name(holder, model)}, which uses `{name}`; "
            f"{b_name} is {link.describe()}, so each call of {model.describe_function(context.function)} keeps "
            f"the previous value of `{source_text}` reachable through `{name}`: a chain of every value it ever held"
        )
        related = _common_related(closure, variable, link, model)
        related.append(RelatedNode(variable.binding.node, f"`{name}` holds the previous value of `{source_text}`"))
        if lifetime.node is not None:
            related.append(RelatedNode(lifetime.node, f"`{source_text}` is long-lived: {lifetime.reason}"))
        if frequency.node is not None:
            related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
        ctx.report(closure.node, message, related, fix=_fix_for(model, context, variable))

    def _report_built(
        self,
        closure: Function,
        variable: ContextVariable,
        built: str,
        store: Use,
        context: ClosureContext,
        model: FileModel,
        ctx: RuleContext,
        others: list[Function] = (),
    ) -> None:
        name = variable.binding.name
        holder = variable.holders[0]
        b_name = _closure_name(closure, model)
        message = (
            f"{b_name} is {store.describe()} and shares its closure context with {_closure_name(holder, model)}, "
            f"which uses `{name}` ({built} made in {model.describe_function(context.function)}); "
            f"V8 keeps `{name}` alive for as long as this closure is reachable, although it never uses `{name}`"
        )
        related = _common_related(closure, variable, store, model)
        related.append(RelatedNode(variable.binding.node, f"`{name}` holds {built}"))
        related.extend(RelatedNode(other.node, f"{_closure_name(other, model)} is kept the same way") for other in others[:5])
        ctx.report(closure.node, message, related, confidence="medium", fix=_fix_for(model, context, variable))


    def _check_kept_call_arguments(self, model: FileModel, reported: set[int], ctx: RuleContext) -> None:
        """A returned wrapper stores its call's arguments in the enclosing call's context and never drops them."""
        for kept in model.fact("kept_call_arguments", kept_call_arguments):
            wrapper = kept.wrapper
            if wrapper.node.start_byte in reported:
                continue
            reported.add(wrapper.node.start_byte)
            name = kept.variable.name
            enclosing = model.describe_function(wrapper.parent)
            message = (
                f"{_closure_name(wrapper, model)} is returned by {enclosing} and stores {kept.what} in `{name}`, "
                f"a variable of {enclosing}'s closure context that is never set back to null: the last call's "
                f"arguments (an event and the DOM tree it points to) stay reachable for as long as the returned "
                f"function is"
            )
            related = [
                RelatedNode(kept.store, f"{kept.what} stored in `{name}`"),
                RelatedNode(kept.variable.node, f"`{name}` lives in the context of {enclosing}"),
            ]
            ctx.report(wrapper.node, message, related, confidence="medium")

    def _check_weak_refs(
        self, context: ClosureContext, model: FileModel, escapes: EscapeAnalysis, reported: set[int], ctx: RuleContext
    ) -> None:
        """`const w = new WeakRef(x)` read by a closure while a sibling captures `x`: the WeakRef holds nothing weakly."""
        for binding in context.candidates:
            target = _weak_ref_target(binding, model)
            if target is None:
                continue
            variable = context.variable_of(target)
            weak = context.variable_of(binding)
            if variable is None or weak is None:
                continue
            for closure in _sharers(context, variable, model):
                if closure.node.start_byte in reported or all(closure is not f for f in weak.path):
                    continue  # only the closure that derefs the WeakRef is meant to hold `x` weakly
                if escapes.is_transient(closure):
                    continue
                reported.add(closure.node.start_byte)
                name = target.name
                holder = variable.holders[0]
                message = (
                    f"{_closure_name(closure, model)} reads `{binding.name}`, a WeakRef to `{name}`, but shares its "
                    f"closure context with {_closure_name(holder, model)}, which uses `{name}`: V8 keeps `{name}` "
                    f"strongly in that context, so the WeakRef never lets it go while this closure is reachable"
                )
                related = [
                    RelatedNode(binding.node, f"`{binding.name}` is meant to hold `{name}` weakly"),
                    RelatedNode(holder.node, f"{_closure_name(holder, model)} uses `{name}` directly"),
                    RelatedNode(variable.references[0].node, f"`{name}` is used here, so it is in the shared context"),
                ]
                ctx.report(closure.node, message, related, confidence="medium")


def _has_nested_closures(context: ClosureContext, model: FileModel) -> bool:
    """A closure of the function creates closures of its own: they share the function's context too."""
    return any(_nested(model).inside(closure) for closure in context.closures)


class _Nesting:
    """Functions sorted by start, to list those inside a function by bisection."""

    def __init__(self, model: FileModel) -> None:
        self.functions = sorted(model.functions, key=lambda f: f.node.start_byte)
        self.starts = [f.node.start_byte for f in self.functions]

    def inside(self, function: Function) -> list[Function]:
        """The functions nested (at any depth) in ``function``."""
        low = bisect.bisect_right(self.starts, function.node.start_byte)
        high = bisect.bisect_left(self.starts, function.node.end_byte)
        return self.functions[low:high]


def _nested(model: FileModel) -> _Nesting:
    return model.fact("ll005_nesting", _Nesting)


def _sharers(context: ClosureContext, variable: ContextVariable, model: FileModel) -> list[Function]:
    """Closures created during the call, at any depth, that keep ``variable``'s context without using it.

    A closure made inside a sibling closure points to that sibling's context, whose parent is the
    function's context, so it keeps the variable alive as well.
    """
    on_path = {id(f) for f in variable.path}
    scope = variable.binding.scope
    function = context.function
    return [
        candidate
        for candidate in _nested(model).inside(function)
        if id(candidate) not in on_path
        and scope.contains(candidate.node.start_byte)
        and _created_by_call(candidate, function)
    ]


def _created_by_call(candidate: Function, function: Function) -> bool:
    """Whether every function between ``candidate`` and ``function`` is a closure (not a class body)."""
    current = candidate.parent
    while current is not None and current is not function:
        if current.node.type == "method_definition" and current.class_info is not None:
            return False  # a class defined inside: its methods live with its instances, not this call
        current = current.parent
    return current is function


def _kept_stores(closure: Function, model: FileModel, escapes: EscapeAnalysis, depth: int = 0) -> list[Use]:
    """Where a closure is kept past the call: stored, or returned to a caller that stores it."""
    stores = []
    for use in escapes.escapes(closure) if depth == 0 else ():
        if _keeps_closure(use):
            stores.append(use)
    for use in escapes.uses(closure):
        if use.kind is UseKind.RETURNED and use.node.type in ("return_statement", "arrow_function"):
            stores.extend(_stored_by_callers(model.function_at(use.node) if use.node.type == "return_statement"
                                             else model.function_of(use.node), model, escapes, depth))
    return stores


def _stored_by_callers(function: Function | None, model: FileModel, escapes: EscapeAnalysis, depth: int) -> list[Use]:
    """The stores made of ``function``'s result by its same-file callers (`cache.set(k, make(k))`)."""
    if function is None or depth > 3:
        return []
    found = []
    for call in _direct_calls(function, model):
        for use in escapes.value_uses(call):
            if _keeps_closure(use):
                found.append(use)
            elif use.kind is UseKind.RETURNED and use.node.type == "return_statement":
                found.extend(_stored_by_callers(model.function_at(use.node), model, escapes, depth + 1))
    return found


def _direct_calls(function: Function, model: FileModel) -> list:
    """The `f(…)` call expressions of a function declared under a name in this file."""
    return [site.node for site in direct_calls(model, function)]


def _dies_with_call(function: Function, kept: dict, escapes: EscapeAnalysis) -> bool:
    """A closure on the variable's path that does not outlive the call in which the kept closures are made.

    Transient (called, consumed), or only returned by a `return` that comes before every kept closure
    is created (`if (!WeakRef) return () => x;`): a call that returns it never creates the others.
    """
    if escapes.is_transient(function):
        return True
    uses = escapes.uses(function)
    if not uses or any(u.kind is not UseKind.RETURNED or u.node.type != "return_statement" for u in uses):
        return False
    return all(u.node.end_byte <= closure.node.start_byte for u in uses for closure, _ in kept.values())


def _runs_repeatedly(function: Function, model: FileModel) -> bool:
    """Runs more than once by the file's evidence, or is called inside a loop."""
    if model.frequency(function).runs_repeatedly:
        return True
    loops = model.fact("loops", loop_index)
    return any(loops.loop_around(call) is not None for call in _direct_calls(function, model))


_SIZE = re.compile(r"^[\d_]+(?:\.\d+)?(?:e\d+)?$", re.IGNORECASE)
_SIZED_CONSTRUCTORS = frozenset({"Array", "ArrayBuffer", "SharedArrayBuffer", "Uint8Array", "Int8Array", "Uint16Array",
                                 "Int16Array", "Uint32Array", "Int32Array", "Float32Array", "Float64Array"})
LARGE_ELEMENTS = 1_000_000


def _large_allocation(node) -> str | None:
    """`new ArrayBuffer(100_000_000)`, `Buffer.alloc(1e7)`, `new Array(1e6).fill(0)`: a literal size of a million or more."""
    while node is not None and node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        if callee is None or callee.type != "member_expression":
            return None
        obj = syntax.unwrap(callee.child_by_field_name("object"))
        method = syntax.text(callee.child_by_field_name("property"))
        if obj is not None and syntax.text(obj) == "Buffer" and method in ("alloc", "allocUnsafe"):
            return _sized("Buffer", node)
        node = obj  # `new Array(n).fill(x)`
    if node is None or node.type != "new_expression":
        return None
    constructor = syntax.unwrap(node.child_by_field_name("constructor"))
    name = syntax.text(constructor) if constructor is not None else ""
    return _sized(name, node) if name in _SIZED_CONSTRUCTORS else None


def _sized(name: str, call) -> str | None:
    arguments = call.child_by_field_name("arguments")
    first = arguments.named_children[0] if arguments is not None and arguments.named_children else None
    text = syntax.text(first) if first is not None and first.type == "number" else ""
    if not _SIZE.match(text):
        return None
    try:
        size = float(text.replace("_", ""))
    except ValueError:
        return None
    return f"a `{name}` of {int(size):,} elements" if size >= LARGE_ELEMENTS else None


def _weak_ref_target(binding: Binding, model: FileModel) -> Binding | None:
    """`const w = x ? new WeakRef(x) : null` → the binding of `x`."""
    init = syntax.unwrap(binding.init)
    if init is None:
        return None
    for node in syntax.walk(init):
        if node.type == "new_expression":
            constructor = syntax.unwrap(node.child_by_field_name("constructor"))
            arguments = node.child_by_field_name("arguments")
            first = syntax.unwrap(arguments.named_children[0]) if arguments is not None and arguments.named_children else None
            if constructor is not None and syntax.text(constructor) == "WeakRef" and first is not None and first.type == "identifier":
                return model.resolve(first)
    return None


def _keeps_closure(use: Use) -> bool:
    """A plain store into something long-lived that does not let go when a key dies."""
    return use.kind is UseKind.STORED and use.is_long_lived and not use.weak


def _closure_name(function: Function, model: FileModel) -> str:
    """`find()` or "the arrow function at line 12"."""
    name = function.name
    if name is None and function.node.type == "method_definition":
        key = function.node.child_by_field_name("name")
        name = syntax.text(key) if key is not None else None
    if name:
        return f"`{name.rsplit('.', 1)[-1]}()`"
    line, _ = model.text.line_col(function.node.start_byte)
    kind = "arrow function" if function.node.type == "arrow_function" else "function"
    return f"the {kind} at line {line}"


def _common_related(closure: Function, variable: ContextVariable, store: Use, model: FileModel) -> list[RelatedNode]:
    holder_reference = variable.references[0]
    holder = variable.holders[0]
    return [
        RelatedNode(
            holder.node,
            f"{_closure_name(holder, model)} uses `{variable.binding.name}`, so V8 keeps "
            f"`{variable.binding.name}` in the context that every closure made by the same call shares",
        ),
        RelatedNode(holder_reference.node, f"`{variable.binding.name}` is used here"),
        RelatedNode(store.node, f"{_closure_name(closure, model)} escapes here: {store.describe()}"),
    ]


def _is_cleared(binding, function: Function, model: FileModel) -> bool:
    """Reassigned in the function's own body (`previous = null`), so the context lets go of it."""
    return any(r.is_write and model.function_at(r.node) is function for r in binding.references)


def _kept_explicitly(variable: ContextVariable, function: Function, model: FileModel, escapes: EscapeAnalysis) -> bool:
    """The variable's value is itself stored, registered or returned by the function."""
    for reference in variable.binding.references:
        if reference.is_write:
            continue
        direct = model.function_at(reference.node) is function
        for use in escapes.value_uses(reference.node):
            if use.is_escape or (direct and use.kind is UseKind.RETURNED):
                return True
    return False


def _long_lived_source(init, model: FileModel) -> tuple[AccessPath, LifetimeFact, str] | None:
    """`const previous = current` / `this.state`: the access path of the long-lived value read."""
    if init is None or init.type not in ("identifier", "member_expression"):
        return None
    path = model.access_path(init)
    if path is None:
        return None
    lifetime = model.lifetime(init)
    if not lifetime.is_long_lived:
        return None
    return path, lifetime, model.node_text(init, 40)


def _previous_value_passed_in(
    binding: Binding, function: Function, model: FileModel, escapes: EscapeAnalysis
) -> tuple[AccessPath, LifetimeFact, str] | None:
    """`current = make(names, current)`: a same-file caller passes a long-lived value as this parameter and
    assigns the call's result back to it, so the parameter holds the previous value of that binding."""
    index = _parameter_index(binding, function)
    if index is None:
        return None
    for call in _direct_calls(function, model):
        arguments = call.child_by_field_name("arguments")
        if arguments is None:
            continue
        values = [a for a in arguments.named_children if a.type != "comment"]
        if any(a.type == "spread_element" for a in values[: index + 1]) or index >= len(values):
            continue
        source = _long_lived_source(syntax.unwrap(values[index]), model)
        if source is None:
            continue
        for use in escapes.value_uses(call):
            stored_back = use.kind is UseKind.STORED and use.how == "assigned to" and use.target is not None
            if stored_back and model.access_path(use.target) == source[0]:
                return source
    return None


def _parameter_index(binding: Binding, function: Function) -> int | None:
    """The position of a plain (not destructured, not rest) parameter in the function's parameter list."""
    parameters = function.node.child_by_field_name("parameters")
    if parameters is None:
        return None
    for index, parameter in enumerate(p for p in parameters.named_children if p.type != "comment"):
        name = parameter.child_by_field_name("pattern") if parameter.type.endswith("_parameter") else parameter
        if name is not None and name.type == "assignment_pattern":
            name = name.child_by_field_name("left")
        if name is not None and name.type == "identifier" and name.start_byte == binding.node.start_byte:
            return index
    return None


def _stores_into_new_value(use: Use, source: AccessPath, function: Function, model: FileModel) -> bool:
    """The closure is assigned to the source path itself, or put into what the function just assigned to it."""
    if use.kind is not UseKind.STORED or use.target is None:
        return False
    target = model.access_path(use.target)
    if target is None or target[: len(source)] != source:
        return False
    if use.how == "assigned to" and target == source:
        return True
    return any(
        model.access_path(syntax.unwrap(node.child_by_field_name("left"))) == source
        and node.start_byte < use.node.start_byte
        for node in model.nodes("assign")
        if function.contains(node)
    )


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model: FileModel, context: ClosureContext, variable: ContextVariable):
    """The edits that drop the shared variable at the end of the call, when leaklint can fix this shape."""
    from leaklint.rules.fixes.contexts import null_out_at_end

    return null_out_at_end(model, context.function, variable.binding)
