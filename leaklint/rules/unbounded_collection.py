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
    types) but which is filled from a request or event handler. Silence it with
    `// leaklint-disable-next-line LL001 -- reason`.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.collections import Collection, find_collections
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
            return  # something removes entries or bounds the size
        if collection.escapes:
            return  # exported or stored elsewhere: another file may evict it
        model = ctx.model
        repeated = []
        for node in collection.growth:
            fact = model.frequency_at(node)
            if fact.repeats_for_sure:
                repeated.append((node, fact))
        if not repeated:
            # Filled once (a lookup table built at start-up), or from a function
            # whose callers are all in other files: registries of names filled at
            # start-up look exactly like caches there, so stay quiet.
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


# -- fixes (built in leaklint.rules.fixes; detection above does not depend on them) ------------


def _fix_for(model, collection: Collection):
    """The edits that bound the collection, when leaklint can fix this shape."""
    from leaklint.rules.fixes.collections import bound_collection

    return bound_collection(model, collection)
