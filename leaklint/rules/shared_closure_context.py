"""LL005 shared-closure-context.

What it does:
    Finds a closure B that escapes to a long-lived place while a sibling
    closure A, created in the same function call, references a variable X
    that B does not use. V8 gives all closures of one call a single context
    object, so B keeps X alive. Reported with high confidence when X holds the
    previous value of a long-lived binding L and B is stored into the new
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

from leaklint import syntax
from leaklint.findings import FixAvailability, Severity
from leaklint.model import AccessPath, Binding, FileModel, Function, LifetimeFact
from leaklint.model.contexts import ClosureContext, ContextVariable, allocation, closure_contexts
from leaklint.model.escapes import EscapeAnalysis, Use, UseKind, escape_analysis
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
            if len(context.closures) < 2:
                continue  # one closure cannot share its context with another
            if not model.frequency(context.function).runs_repeatedly:
                continue  # one call retains one value: bounded, not a leak (found on node-red's UI IIFE)
            for binding in context.candidates:
                self._check(context, binding, model, escapes, reported, ctx)

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
        if source is None and built is None:
            return
        variable = context.variable_of(binding)
        if variable is None:
            return  # no closure references it: V8 keeps it out of the context
        kept = {}
        for closure in context.sharers(variable):
            stores = [u for u in escapes.escapes(closure) if _keeps_closure(u)]
            if stores:
                kept[closure.node.start_byte] = (closure, stores)
        if not kept:
            return  # every sharer dies with the call (or is only a listener: LL002's subject)
        if not all(escapes.is_transient(f) for f in variable.path):
            return  # a closure that uses X itself outlives the call: X is kept on purpose
        if _is_cleared(binding, context.function, model):
            return  # `X = null` before returning drops it from the context
        if _kept_explicitly(variable, context.function, model, escapes):
            return  # X is stored or returned itself; the shared context adds nothing
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
                self._report_built(closure, variable, built, stores[0], context, model, ctx)

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
        ctx.report(closure.node, message, related, confidence="medium", fix=_fix_for(model, context, variable))


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
