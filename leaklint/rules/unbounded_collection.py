"""LL001 unbounded-collection.

What it does:
    Finds a Map, Set, array or dictionary object that lives as long as the
    process (module level, a static field, or a field of a singleton) and is
    grown from code that runs more than once, with nothing that ever removes
    entries or bounds its size.

Why is this a leak:
    Every entry stays reachable from a GC root (the module scope, the class
    constructor, the singleton), so V8 can never collect it. A cache keyed by
    user id holds every user ever requested; an `events.push()` with no
    consumer holds every event.

    A removal that runs only on demand does not bound a cache: a get-or-create
    lookup filled from other files on every request or message, whose only
    removals are a `remove(id)` called when the entity is deleted or a
    `removeAll()` from an admin action, keeps every key looked up and never
    removed by name (a made-up id in a public URL included).

Example:
    const cache = new Map();
    export async function getUser(id) {
      if (!cache.has(id)) cache.set(id, await db.find(id));
      return cache.get(id);
    }

Use instead:
    import { LRUCache } from 'lru-cache';
    const cache = new LRUCache({ max: 5000, ttl: 300_000 });

Known false positives:
    A collection whose keys come from a small fixed set (event names, plugin
    types) but which is filled from a request or event handler. A cache whose
    on-demand removal is called from a disconnect or close listener in another
    file (the entry's own lifecycle) is still reported. Silence it with
    `// leaklint-disable-next-line LL001 -- reason`.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.calls import HandlerKind
from leaklint.model.collections import Collection, find_collections
from leaklint.model.frequency import Frequency
from leaklint.model.removals import NamedRemovalOnly, named_removal_only
from leaklint.model.shape import growth_key, key_source, memoising_check, simple_name, stores_container
from leaklint.rules.base import RelatedNode, Rule, RuleContext


class UnboundedCollection(Rule):
    """Long-lived collection grown repeatedly and never evicted."""

    code = "LL001"
    name = "unbounded-collection"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A long-lived Map, Set, array or object grows on every call and is never evicted"
    fix_title = "Bound the collection (LRU/TTL cache, delete entries, or cap its size)"
    precision = "high"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Report each long-lived collection with repeated growth and no eviction."""
        for collection in find_collections(ctx.model):
            self._check(collection, ctx)

    def _check(self, collection: Collection, ctx: RuleContext) -> None:
        if collection.evictions:
            named = named_removal_only(ctx.model, collection)
            if named is not None:
                self._report_named_removal(collection, named, ctx)
            return  # something removes entries or bounds the size
        if collection.escapes:
            return  # exported or stored elsewhere: another file may evict it
        if collection.instance_lived:
            self._check_instance_field(collection, ctx)
            return
        model = ctx.model
        repeated = []
        for node in collection.growth:
            fact = model.frequency_at(node)
            if fact.repeats_for_sure and not collection.in_iife:
                repeated.append((node, fact))
        if not repeated:
            # Filled once (a lookup table built at start-up), or from a function
            # whose callers are all in other files: registries of names filled at
            # start-up look exactly like caches there, so report only on positive
            # evidence from the code's shape (a memoising lookup, a request-like function).
            self._check_inferred(collection, ctx)
            return
        first_node, first_fact = repeated[0]
        function = model.function_at(first_node)
        where = model.describe_function(function)
        message = (
            f"{collection.label} grows in {where} {first_fact.phrase} and is never evicted; "
            "every entry stays reachable for the life of the process"
        )
        related = [
            RelatedNode(node, f"grows here, in {model.describe_function(model.function_at(node))} ({fact.phrase})")
            for node, fact in repeated[:5]
        ]
        caller_node = first_fact.node
        if caller_node is not None and (function is None or not function.contains(caller_node)):
            related.append(RelatedNode(caller_node, f"runs repeatedly: {first_fact.reason}"))
        ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection))

    def _report_named_removal(self, collection: Collection, named: NamedRemovalOnly, ctx: RuleContext) -> None:
        """A cache filled on lookup from other files, whose removals run only when some code names a key."""
        model = ctx.model
        where = model.describe_function(model.function_at(named.growth))
        remover = model.describe_function(model.function_at(named.removal))
        message = (
            f"{collection.label} is a cache filled in {where} {named.fact.phrase}, keyed by {named.key}; "
            f"entries are removed only when code asks for a key ({remover}), so every key looked up and never "
            "removed by name stays reachable for the life of the process"
        )
        related = [
            RelatedNode(named.growth, f"grows here, in {where} ({named.fact.phrase})"),
            RelatedNode(named.lookup, "looked up first: one entry per distinct key"),
            RelatedNode(named.removal, f"the only kind of removal: on demand, in {remover}"),
        ]
        ctx.report(collection.declaration, message, related)  # no fix: the removal API callers use must stay

    def _check_inferred(self, collection: Collection, ctx: RuleContext) -> None:
        """Growth by an unbounded key in a memoising function, or in a function shaped like a handler."""
        model = ctx.model
        for node in collection.growth:
            function = model.function_at(node)
            if function is None:
                continue
            fact = model.frequency(function)
            if fact.frequency is Frequency.ONCE:
                continue  # start-up code, or named like it (`init`, `register*`)
            if stores_container(node):
                continue  # `groups[k] = []`: get-or-create of a per-key group, a registry of widgets or types
            key = growth_key(node)
            source = key_source(model, key, function) if key is not None else None
            lookup = memoising_check(model, collection.path, function) if source is not None else None
            # (A top-level IIFE's collection filled from a handler the file shows is not enough: on
            # node-red's editor every such case was a registry keyed by widgets, types or class names.)
            per_event = fact.repeats_per_event_by_shape
            if lookup is None and not (per_event and (source is not None or collection.kind == "array")):
                continue
            where = model.describe_function(function)
            signature = _signature(function)
            related = [RelatedNode(node, f"grows here, in {where}")]
            if lookup is not None:
                key_text = model.node_text(key, 30)
                note = (
                    f"{signature} memoizes by {source}: each distinct `{key_text}` adds an entry, "
                    "however many callers in other files pass"
                )
                related.append(RelatedNode(lookup, f"inferred from its shape: {note}"))
                message = (
                    f"{collection.label} is a cache filled in {where} by {source} and never evicted; "
                    "every distinct key stays reachable for the life of the process"
                )
            else:
                if fact.is_inferred:
                    related.append(RelatedNode(fact.node or function.node, f"inferred from its shape: {fact.reason}"))
                else:
                    related.append(RelatedNode(fact.node or function.node, f"runs repeatedly: {fact.reason}"))
                    keyed = f"by {source}" if source is not None else "on every call"
                    related.append(
                        RelatedNode(node, f"inferred from its shape: keyed {keyed}, so the keys are not a fixed set")
                    )
                what = f"by {source}" if source is not None else fact.phrase
                message = (
                    f"{collection.label} grows in {where} {what} and is never evicted; "
                    "every entry stays reachable for the life of the process"
                )
            ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")
            return

    def _check_instance_field(self, collection: Collection, ctx: RuleContext) -> None:
        """A field grown from a setInterval callback on `this`: the timer keeps the instance, and the field."""
        model = ctx.model
        for node in collection.growth:
            timer = _timer_on_this(model, node, collection.owner)
            if timer is None:
                continue
            method = model.describe_function(timer[1])
            message = (
                f"{collection.label} grows on every timer tick of the setInterval started in {method} and is "
                "never evicted; the running timer keeps the instance, and every entry, reachable"
            )
            related = [
                RelatedNode(node, "grows here, in the setInterval callback"),
                RelatedNode(
                    timer[0],
                    "inferred from its shape: the callback uses `this`, so the timer keeps the instance alive for "
                    "as long as it runs, and the field grows on every tick",
                ),
            ]
            ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")
            return


def _signature(function) -> str:
    params = ", ".join(p.name for p in function.params[:3])
    name = simple_name(function) or "the function"
    return f"`{name}({params})`"


def _timer_on_this(model, node, owner):
    """(the setInterval call, the method) when ``node`` runs in an arrow callback of setInterval in a method of ``owner``."""
    function = model.function_at(node)
    timer = None
    while function is not None and function.node.type == "arrow_function":
        fact = model.frequency(function)
        if fact.handler is HandlerKind.TIMER and fact.node is not None:
            timer = fact.node
        function = function.parent
    if timer is None or function is None or function.class_info is not owner:
        return None
    return timer, function


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model, collection: Collection):
    """The edits that bound the collection, when leaklint can fix this shape."""
    from leaklint.rules.fixes.collections import bound_collection

    return bound_collection(model, collection)
