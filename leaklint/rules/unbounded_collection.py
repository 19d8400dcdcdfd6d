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
    removed by name (a made-up id in a public URL included). Nor does a
    lazy expiry (an expired entry deleted only when its own key is read
    again), a reset only tests call, or a disposer every caller drops.

    A variable replaced over and over by a value that keeps the old one
    grows a chain the same way (`chain = { prev: chain }` in a timer,
    `$set = $set.not(gone)` keeping each old jQuery set in `prevObject`).

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
    file (the entry's own lifecycle) is still reported, unless that removal
    takes the connection itself (`removeClient(id, ws)`). Silence it with
    `// leaklint-disable-next-line LL001 -- reason`.
"""

from __future__ import annotations

import re

import dataclasses

from leaklint.findings import FixAvailability, Severity
from leaklint.model.calls import HandlerKind
from leaklint import syntax
from leaklint.model.collections import Collection, entry_lookups, find_collections, owner_function
from leaklint.model.eviction_reach import (
    bounding_evictions, clear_all_only, command_only, empties_all, rarely_removes, resets_on_own_schedule,
    shutdown_only,
)
from leaklint.model.external import PER_CALL
from leaklint.model.frequency import Frequency
from leaklint.model.handed_out import PerCallClosure, per_call_closure
from leaklint.model.indexed_entries import indexed_collection_read
from leaklint.model.removals import NamedRemovalOnly, named_removal_only
from leaklint.model.retaining_chains import RetainingChain, retaining_chains
from leaklint.model.shape import bounded_key, entity_id_key, is_es5_constructor, per_instance, growth_key, helper_lookup, key_type_bounded, key_source, memoising_check, simple_name, stores_container
from leaklint.model.request_stores import CLOSING_EVENTS, LISTEN_METHODS
from leaklint.model.teardown import component_kind, teardown_of
from leaklint.model.uncalled_cleanups import uncalled_cleanup
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
        """Report each long-lived collection with repeated growth and no eviction, and each retaining chain."""
        for collection in find_collections(ctx.model):
            self._check(collection, ctx)
        for chain in ctx.model.fact("retaining-chains", retaining_chains):
            self._report_chain(chain, ctx)

    def _report_chain(self, chain: RetainingChain, ctx: RuleContext) -> None:
        model = ctx.model
        name = chain.binding.name
        fact = chain.frequency
        where = model.describe_function(model.function_at(chain.assignment))
        when = f" {fact.phrase}" if fact.phrase else ""
        message = (
            f"long-lived `{name}` is replaced in {where}{when} by a value that keeps the old one "
            f"({chain.keeps}): each replacement links one more old value, with everything it holds, and "
            "nothing cuts the chain"
        )
        related = [RelatedNode(chain.assignment, f"replaced here: {chain.keeps}")]
        if fact.node is not None:
            related.append(RelatedNode(fact.node, f"runs repeatedly: {fact.reason}"))
        ctx.report(chain.binding.node, message, related, confidence="high" if fact.repeats_for_sure else "medium")

    def _check(self, collection: Collection, ctx: RuleContext) -> None:
        reached = bounding_evictions(ctx.model, collection)
        self._rare_removals = _rare_removal_notes(ctx.model, collection, reached)
        if len(reached) != len(collection.evictions):
            # A removal nothing calls, one done only at start-up, or one only on a failure path
            # evicts nothing that grows later.
            collection = dataclasses.replace(collection, evictions=reached)
        if collection.evictions:
            named = named_removal_only(ctx.model, collection)
            if named is not None:
                self._report_named_removal(collection, named, ctx)
                return  # removed only when code names a key: the linked callers add keys of their own
        if collection.escapes:
            return  # exported or stored elsewhere: another file may evict it
        if collection.binding is not None and per_instance(ctx.model, collection.binding):
            return  # top level of a `<script setup>` / Svelte instance script: one per component instance
        if self._check_registry(collection, ctx):
            return
        if collection.evictions:
            clear_all = clear_all_only(ctx.model, collection)
            if clear_all is not None:
                self._check_nulled(collection, ctx, clear_all)
            return  # something removes entries or bounds the size
        if self._check_nulled(collection, ctx):
            return
        if collection.instance_lived:
            self._check_instance_field(collection, ctx)
            return
        model = ctx.model
        if collection.binding is not None and key_type_bounded(model, collection.binding.init):
            return  # `new Map<'a' | 'b', V>()`: the key type is a fixed set
        repeated = []
        for node in collection.growth:
            if _key_is_bounded(model, node):
                continue  # keyed by a literal, a constant, or a value from a fixed table
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
        if collection.kept_by:  # how long the keeping closure is kept is inferred, not shown
            related.append(RelatedNode(collection.declaration, f"inferred to outlive the call: {collection.label}"))
        rare = getattr(self, "_rare_removals", ())
        related.extend(rare)
        # A removal read as bounding nothing (lazy expiry, test-only, a dropped disposer) is inferred: medium.
        inferred_removal = any(
            note.message in _RARE_REMOVAL_NOTES.values() or "(uncalled clean-up)" in note.message for note in rare
        )
        ctx.report(
            collection.declaration, message, related, fix=_fix_for(model, collection),
            confidence="medium" if collection.kept_by or inferred_removal else "high",
        )

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
        # no fix: the removal API callers use must stay; within one file, who calls the export is unknown: medium
        ctx.report(collection.declaration, message, related, confidence="medium" if named.same_file else "high")

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
            # An array grows by position (`push`, `a[other.length] = v`): its index is no key from a set.
            key = growth_key(node) if collection.kind != "array" else None
            if stores_container(node) and entity_id_key(key) is None:
                continue  # `groups[k] = []`: get-or-create of a per-key group, a registry of widgets or types
            if key is not None and bounded_key(model, key, function) is not None:
                continue  # `clientType: 'service' | 'dm'`, a value of a fixed table: a bounded set of keys
            source = key_source(model, key, function) if key is not None else None
            lookup = memoising_check(model, collection.path, function, key) if source is not None else None
            if lookup is not None and _stores_parameter(model, node, function):
                lookup = None  # `store[key] = value` with both from the caller: a setter, not a cache
            if lookup is not None and indexed_collection_read(model, _growth_value(node), key, collection.path):
                continue  # `proxies.set(id, wrap(states.get(id)))`: a view of `states`, bounded by its keys
            # (A top-level IIFE's collection filled from a handler the file shows is not enough: on
            # node-red's editor every such case was a registry keyed by widgets, types or class names.)
            # a factory's local: the closure's callers decide how often it runs, so only a memo counts
            per_event = fact.repeats_per_event_by_shape and not collection.kept_by
            if lookup is None and not (per_event and (source is not None or collection.kind == "array")):
                handed = per_call_closure(model, function, _stored_value(node))
                if handed is not None:
                    self._report_per_call_closure(collection, node, handed, ctx)
                    return
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

    def _report_per_call_closure(self, collection: Collection, node, handed: PerCallClosure, ctx: RuleContext) -> None:
        """A handed-out function that stores a new closure over its arguments on every call, never removed."""
        model = ctx.model
        where = model.describe_function(handed.function)
        message = (
            f"{collection.label} grows in {where} each time it is called: every call stores a new closure that "
            f"keeps its `{handed.captured}`, and nothing in the file ever removes one, so every caller's "
            "closure stays reachable for the life of the process"
        )
        related = [
            RelatedNode(node, f"grows here, in {where}"),
            RelatedNode(handed.function.node, f"inferred from its shape: {handed.reason(model)}"),
        ]
        ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")

    def _check_instance_cache(self, collection: Collection, ctx: RuleContext) -> bool:
        """A method that memoizes by its parameter in a field: one entry per distinct argument, per instance."""
        model = ctx.model
        if not _declared_at_construction(model, collection):
            return False  # (re)created by a method such as `load()`: each run starts it afresh
        owner = collection.owner
        linked = model.external.class_instances(owner.name) if owner is not None else None
        if linked is not None and linked.state == PER_CALL:
            return False  # made anew by each call that uses it (the project link): the cache dies with the call
        if owner is not None and component_kind(owner) is not None:
            return False  # a UI component's fields go with its view: mounted and destroyed many times over
        lookups = entry_lookups(model, collection)
        for node in collection.growth:
            function = model.function_at(node)
            if function is None or model.frequency(function).frequency is Frequency.ONCE:
                continue
            if stores_container(node, model) or _child_of_this(model, node):
                continue  # get-or-create of a per-key group, or of a child object that points back at the owner
            stored = _growth_value(node)
            if stored is not None and stored.type in ("true", "false", "number", "string"):
                continue  # `seen[k] = true`: a log-once / dedupe flag, whose keys the file does not show to grow
            if collection.kind == "Set":
                continue  # `this.seen.add(ref)` after `has(ref)`: the same dedupe flag, with the key as the entry
            key = growth_key(node)
            if key is not None and bounded_key(model, key, function) is not None:
                continue
            source = key_source(model, key, function) if key is not None else None
            if source is None or "parameter" not in source:
                continue
            start, end = function.node.start_byte, function.node.end_byte
            lookup = next((n for n in lookups if start <= n.start_byte < end), None)
            if lookup is None and key is not None:
                lookup = helper_lookup(model, collection.path, function, key)  # `if (!this.lookup(k))`
            if lookup is None or _stores_parameter(model, node, function):
                continue
            key_text = model.node_text(key, 30)
            message = (
                f"{collection.label} is a cache filled in {model.describe_function(function)} by {source} and "
                "never evicted; every distinct key stays reachable for as long as the instance lives"
            )
            related = [
                RelatedNode(node, f"grows here, in {model.describe_function(function)}"),
                RelatedNode(
                    lookup,
                    f"inferred from its shape: {_signature(function)} memoizes by {source}: each distinct "
                    f"`{key_text}` adds an entry, and nothing removes one",
                ),
            ]
            related.extend(getattr(self, "_rare_removals", ()))  # removals that bound nothing (orphaned keys)
            ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")
            return True
        return False

    def _check_registry(self, collection: Collection, ctx: RuleContext) -> bool:
        """A registry of pending entries keyed by a fresh id: report unless every completion path removes them."""
        model = ctx.model
        for node in collection.growth:
            function = model.function_at(node)
            if function is None or model.frequency(function).frequency is Frequency.ONCE:
                continue
            key = growth_key(node)
            source = key_source(model, key, function) if key is not None else None
            if source is None or not _is_fresh_id(source):
                continue
            leak = _completion_without_removal(model, collection, node)
            if leak is None:
                return False
            reason, where, note = leak
            caller = owner_function(model, node, collection) or function  # the method, not its Promise executor
            message = (
                f"{collection.label} files an entry under {source} on every call of "
                f"{model.describe_function(caller)} and {reason}; every pending entry "
                f"{_kept_for(collection)}"
            )
            related = [
                RelatedNode(node, f"inferred from its shape: keyed by {source}, so no two calls share an entry"),
            ]
            if where is not None:
                related.append(RelatedNode(where, note))
            related.extend(getattr(self, "_rare_removals", ()))
            ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")
            return True
        return False

    def _check_nulled(self, collection: Collection, ctx: RuleContext, clear_all=None) -> bool:
        """Entries "removed" by setting them to null: the slot (and the key) stays, one per entry ever added."""
        model = ctx.model
        if not collection.nullings:
            return False
        for node in collection.growth:
            function = model.function_at(node)
            if function is None or model.frequency(function).frequency is Frequency.ONCE:
                continue
            if not (model.frequency(function).repeats_for_sure or model.frequency(function).repeats_per_event_by_shape):
                continue
            nulling = collection.nullings[0]
            message = (
                f"{collection.label} grows in {model.describe_function(function)} and its entries are only set to "
                f"`{model.node_text(_growth_value(nulling) or nulling, 20)}`, never removed; "
                "the collection keeps one slot per entry ever added"
            )
            related = [
                RelatedNode(node, "grows here"),
                RelatedNode(nulling, "inferred from its shape: this empties the slot but does not remove the entry"),
            ]
            if clear_all is not None:
                related.append(
                    RelatedNode(
                        clear_all,
                        f"the only removal empties it all, on demand, in {model.describe_function(model.function_at(clear_all))}",
                    )
                )
            ctx.report(collection.declaration, message, related, fix=_fix_for(model, collection), confidence="medium")
            return True
        return False

    def _check_instance_field(self, collection: Collection, ctx: RuleContext) -> None:
        """A field grown from a setInterval callback on `this`: the timer keeps the instance, and the field."""
        model = ctx.model
        if self._check_instance_cache(collection, ctx):
            return
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


def _stores_parameter(model, node, function) -> bool:
    """The value stored is one of the function's own parameters: the caller supplies it (a setter)."""
    value = _growth_value(node)
    if value is None or value.type != "identifier":
        return False
    binding = model.resolve(value)
    return binding is not None and binding.kind == "param" and any(p is binding for p in function.params)


def _child_of_this(model, node) -> bool:
    """`this.byName[k] = new Namespace(this, k)`: a child object of the instance, a registry rather than a cache.

    The value may be a local that holds it (`socket = new Socket(this, nsp); this.nsps[nsp] = socket`).
    """
    value = _growth_value(node)
    values = [value]
    if value is not None and value.type == "identifier":
        binding = model.resolve(value)
        if binding is not None and binding.kind in ("const", "let", "var"):
            values = [binding.init] + [
                syntax.unwrap(r.node.parent.child_by_field_name("right"))
                for r in binding.writes
                if r.node.parent is not None and r.node.parent.type == "assignment_expression"
            ]
    for candidate in values:
        candidate = syntax.unwrap(candidate)
        if candidate is None or candidate.type != "new_expression":
            continue
        arguments = candidate.child_by_field_name("arguments")
        if arguments is not None and any(syntax.unwrap(a).type == "this" for a in arguments.named_children):
            return True
    return False


def _declared_at_construction(model, collection: Collection) -> bool:
    """The field is created in the constructor or a field definition, not reset by a method that may run again."""
    function = model.function_at(collection.declaration)
    function = function.this_owner if function is not None else None
    if function is None:
        return True  # a class field definition
    context = function.context
    if context and context[0] == "method":
        return context[2] == "constructor"
    return is_es5_constructor(model, function)  # `function F() {…}` or `var F = function (…) {…}`


def _kept_for(collection: Collection) -> str:
    """How long a pending entry stays: as long as its holder (instance, keeping closure) or the process."""
    if collection.instance_lived:
        return "stays reachable as long as the instance"
    if collection.kept_by:
        return "stays reachable as long as the closure that keeps the collection"
    return "stays reachable for the life of the process"


def _is_fresh_id(source: str) -> bool:
    """A key source that gives every call a new key: a counter, the clock, a random id."""
    return "counter" in source or "a new value on every call" in source


def _stored_value(node):
    """What a growth site adds: `a.push(v)`, `s.add(v)` -> v (the first), otherwise as _growth_value."""
    if node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        if prop is not None and syntax.text(prop) in ("push", "unshift", "add"):
            arguments = node.child_by_field_name("arguments")
            named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
            return syntax.unwrap(named[0]) if named else None
    return _growth_value(node)


def _growth_value(node):
    """The value a growth site stores: `m.set(k, v)` -> v, `o[k] = v` -> v."""
    if node.type == "call_expression":
        arguments = node.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        return syntax.unwrap(named[1]) if len(named) > 1 else None
    return syntax.unwrap(node.child_by_field_name("right"))


def _completion_without_removal(model, collection: Collection, growth):
    """(why, the node to show, its note) when some completion path of a pending entry does not remove it, else None.

    The completion path is the stored callback itself, or the code that looks
    the entry up by its key (a response handler).  A removal there, or in a
    same-file function called from there, counts; a removal only on the
    timeout path beside the growth does not; a `clear()` or a reassignment of
    the whole collection bounds it when it runs on its own schedule (on close,
    in a timer or a listener: see ``resets_on_own_schedule``), not when it is
    a reset callers may or may not ask for.  A completion path that settles the
    entry and returns before the removal (an error reply) leaves it behind
    (``_exits_before_removal``); a removal arranged by the growth's own call for
    when its connection or stream ends bounds it (``_removed_when_owner_ends``),
    and so does a per-key removal in a periodic sweep (``_swept_on_a_timer``).
    """
    evictions = collection.evictions
    if not evictions:
        return "nothing in the file removes an entry while it grows", None, ""
    if any(_swept_on_a_timer(model, eviction) for eviction in evictions):
        return None
    growth_owner = owner_function(model, growth, collection)
    on_demand = None
    for eviction in evictions:
        if eviction.type == "binary_expression":
            return None  # a size bound
        if _empties_whole(eviction):
            if not empties_all(model, eviction, collection) or resets_on_own_schedule(model, eviction, collection):
                return None  # emptied on close, on a timer, or replaced by something else
            on_demand = on_demand or eviction
    value = _growth_value(growth)
    if value is not None and value.type in syntax.FUNCTION_KINDS and _evicts_within(model, value, evictions):
        return None  # the stored callback removes its own entry
    if _removed_when_owner_ends(model, growth, evictions):
        return None  # an entry of the connection or stream that made it, removed when that ends
    lookups = []
    for lookup in entry_lookups(model, collection):
        owner = owner_function(model, lookup, collection)
        if owner is None or growth_owner is not None and owner.node == growth_owner.node:
            continue
        if not _completes(model, lookup):
            continue  # an existence check or an introspection read, not the path that settles the entry
        lookups.append((lookup, owner))
    if not lookups:
        return None
    for lookup, owner in lookups:
        if not _evicts_within(model, owner.node, evictions, lookup) and not _every_caller_evicts(model, owner, evictions):
            reason = "the code that completes an entry does not remove it"
            if on_demand is not None:
                where = model.describe_function(model.function_at(on_demand))
                reason += f" (only {where} empties it, when a caller asks)"
            return reason, lookup, "the entry is looked up here, on completion, and not removed"
        settle = _exits_before_removal(model, lookup, owner, evictions)
        if settle is not None:
            text = model.node_text(settle, 40)
            reason = f"one completion path settles the entry (`{text}`) and returns before the removal"
            return reason, settle, "settled here, on a path that returns before the entry is removed"
    return None


def _removed_when_owner_ends(model, growth, evictions) -> bool:
    """The growth's own call arranges the removal of its key for when its owner ends: a removal under
    the same key in a closing listener the growing function registers (`ws.on('close', () =>
    m.delete(id))`), or in the teardown of the component or stream source it runs in (the `cancel()`
    of a `new ReadableStream({ start, cancel })`, see model/teardown.py).  Such an entry lives as long
    as its connection, not for ever; a removal registered elsewhere (the connection's listener, for
    entries added per message) does not count."""
    key = growth_key(growth)
    function = model.function_at(growth)
    if key is None or function is None:
        return False
    key_text = syntax.text(syntax.unwrap(key))
    same_key = [e for e in evictions if (k := _eviction_key(e)) is not None and syntax.text(syntax.unwrap(k)) == key_text]
    if not same_key:
        return False
    teardown = teardown_of(model, function)
    if teardown is not None and teardown.present and any(teardown.covers(e) for e in same_key):
        return True
    for site in model.method_calls(*LISTEN_METHODS):
        if syntax.string_value(site.argument(0)) not in CLOSING_EVENTS or not function.contains(site.node):
            continue
        if model.function_at(site.node) is not function:
            continue  # registered in a nested callback, which may run more or less often than the growth
        listener = site.argument(1)
        if listener is not None and listener.type in syntax.FUNCTION_KINDS and _evicts_within(model, listener, same_key):
            return True
    return False


def _eviction_key(eviction):
    """The key a removal names: `m.delete(k)`, `delete o[k]`."""
    if eviction.type == "call_expression":
        arguments = eviction.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        return named[0] if named else None
    target = syntax.unwrap(eviction.child_by_field_name("argument")) if eviction.type == "unary_expression" else None
    if target is not None and target.type == "subscript_expression":
        return target.child_by_field_name("index")
    return None


def _swept_on_a_timer(model, eviction) -> bool:
    """A per-key removal in a periodic sweep: a setInterval callback, or a method only such callbacks call.

    `setInterval(() => this.clean(), T)` with `clean()` deleting settled
    entries removes them on the owner's own timer, whether or not any caller
    asks.  (A removal in the entry's own closing listener is
    ``_removed_when_owner_ends``.)
    """
    if _empties_whole(eviction):
        return False  # a clear-all: decided by resets_on_own_schedule
    function = model.function_at(eviction)
    while function is not None:
        if _on_timer(model, function) or _only_called_on_timer(model, function):
            return True
        function = function.parent
    return False


def _on_timer(model, function) -> bool:
    fact = model.frequency(function)
    return fact.handler is HandlerKind.TIMER or fact.trigger is HandlerKind.TIMER


def _only_called_on_timer(model, function) -> bool:
    """A method every same-file call of which (`this.clean()`) is in a setInterval callback."""
    name = function.method_name
    if not name or function.class_info is None:
        return False
    calls = [
        site for site in model.method_calls(name)
        if site.receiver is not None and syntax.unwrap(site.receiver).type == "this"
    ]
    return bool(calls) and all(
        (caller := model.function_at(site.node)) is not None and _on_timer(model, caller) for site in calls
    )


def _empties_whole(eviction) -> bool:
    """`c.clear()`, or a write over the whole binding or field (`c = {}`, `this.c = new Map()`)."""
    if eviction.type == "call_expression":
        return _method_name(eviction) == "clear"
    return eviction.type in ("assignment_expression", "identifier")


def _completes(model, lookup) -> bool:
    """The entry looked up is run or settled: `m[k](…)`, `m[k].cb(…)`, or `const e = m.get(k); … e(…) / e.cb(…)`."""
    node, parent = lookup, lookup.parent
    hops = 0  # properties between the entry and the call: `m[k](…)`, `m[k].cb(…)`, not `m[k].layers.shift()`
    while parent is not None and parent.type in ("member_expression", "parenthesized_expression") and (
        parent.type == "parenthesized_expression" or parent.child_by_field_name("object") == node
    ):
        hops += parent.type == "member_expression"
        node, parent = parent, parent.parent
    if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
        return hops <= 1
    declarator = lookup.parent
    if declarator is None or declarator.type != "variable_declarator":
        return False
    name = declarator.child_by_field_name("name")
    binding = model.resolve(name) if name is not None and name.type == "identifier" else None
    if binding is None:
        return False
    for reference in binding.reads:
        node, parent = reference.node, reference.node.parent
        while parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            node, parent = parent, parent.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
            return True
        if parent is not None and parent.type == "arguments":
            return True  # handed to a function that settles it
    return False


def _method_name(call) -> str:
    callee = syntax.unwrap(call.child_by_field_name("function"))
    prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    return syntax.text(prop) if prop is not None else ""


def _evicts_within(model, node, evictions, lookup=None) -> bool:
    """An eviction inside ``node``, or a call from inside it to a same-file function that evicts.

    With ``lookup`` (the read that completes an entry), an eviction on the other
    arm of an `if` around it does not count: `if (miss) { e.cb([]) } else {
    e.cb(hits); delete q[id] }` removes the entry on the second path only.
    """
    start, end = node.start_byte, node.end_byte

    def reaches(site) -> bool:
        return start <= site.start_byte < end and (lookup is None or not _on_other_arm(lookup, site))

    if any(reaches(e) for e in evictions):
        return True
    names = _evicting_names(model, evictions)
    if not names:
        return False
    for site in model.method_calls(*names):
        if reaches(site.node):
            return True
    for site in model.function_calls(*names):
        if reaches(site.node):
            return True
    return False


def _evicting_names(model, evictions) -> set[str]:
    """The names of the same-file functions the evictions sit in (through enclosing arrows)."""
    names = set()
    for eviction in evictions:
        function = model.function_at(eviction)
        while function is not None:
            name = simple_name(function)
            if name:
                names.add(name)
            function = function.parent if function.node.type == "arrow_function" else None
    return names


def _exits_before_removal(model, lookup, owner, evictions):
    """A settle of the looked-up entry on a branch that exits before any removal: `const r = m.get(id);
    if (msg.error) { r.done(err); return; } … if (last) { m.delete(id); r.done(null, v) }`.

    The entry is settled (`r.done(…)`, `r(…)`) in a block that ends in `return` / `throw`, with no
    removal in that block nor before it in a block around it; a settle through a function that
    removes the entry itself (`r.done` where `done()` deletes) is a removal.  Returns the settle call.
    """
    declarator = lookup.parent
    name = declarator.child_by_field_name("name") if declarator is not None and declarator.type == "variable_declarator" else None
    binding = model.resolve(name) if name is not None and name.type == "identifier" else None
    if binding is None:
        return None
    owner = model.function_at(lookup) or owner  # the listener itself, not the function that registers it
    names = _evicting_names(model, evictions)
    removals = [*evictions, *(site.node for site in (*model.method_calls(*names), *model.function_calls(*names)))] if names else list(evictions)
    removals = [r for r in removals if owner.contains(r) and model.function_at(r) is owner]
    for reference in binding.reads:
        call, callee = _settle_call(reference.node)
        if call is None or model.function_at(call) is not owner or _method_name(call) in names:
            continue
        block = _exit_block(call, owner)
        if block is None:
            continue
        if any(block.start_byte <= r.start_byte < block.end_byte or _before_around(r, block) for r in removals):
            continue
        return call
    return None


def _settle_call(identifier):
    """`e(…)` or `e.m(…)` for a read of the entry ``e``, else (None, None)."""
    node, parent = identifier, identifier.parent
    if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        node, parent = parent, parent.parent
    if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
        return parent, node
    return None, None


def _exit_block(call, owner):
    """The innermost block around ``call`` (inside ``owner``) that ends in `return` or `throw`, or None."""
    node = call.parent
    while node is not None and node != owner.body and node != owner.node:
        if node.type in syntax.FUNCTION_KINDS:
            return None
        if node.type == "statement_block":
            statements = [c for c in node.named_children if c.type != "comment"]
            if statements and statements[-1].type in ("return_statement", "throw_statement"):
                return node
        node = node.parent
    return None


def _before_around(removal, block) -> bool:
    """``removal`` sits directly in a block (or `try`/`finally`) that encloses ``block``, or in a statement before it."""
    node = removal.parent
    while node is not None and node.type not in ("statement_block", "program") and node.type not in syntax.FUNCTION_KINDS:
        if node.type in ("if_statement", "for_statement", "for_in_statement", "while_statement", "switch_statement", "try_statement"):
            return False  # inside a branch or loop of its own: may not run on this path
        node = node.parent
    if node is None or node.type in syntax.FUNCTION_KINDS:
        return False
    return node.start_byte <= block.start_byte < node.end_byte and removal.start_byte < block.start_byte


def _every_caller_evicts(model, function, evictions) -> bool:
    """Every call of the completing function sits where its caller then removes an entry.

    `function handle(arg) { map[arg.id].resolve(arg.body) }` called only from
    `ipc.on('response', (e, arg) => { if (ok) handle(arg); else …; delete map[arg.id] })`:
    the caller removes the entry the callee settled.  A declared function of the
    file, called by its name and named nowhere else (not passed on, not exported
    under another name), whose every call has an eviction of the calling function's
    own (not one inside the function called) that is not on the other arm of an
    `if` around the call.
    """
    name = function.name
    context = function.context
    if not name or not context or context[0] != "declared":
        return False
    calls = model.function_calls(name)
    if not calls or any(c.function is function or model.resolve(c.callee) is not context[1] for c in calls):
        return False
    if len(re.findall(rb"(?<![\w$.])" + re.escape(name.encode()) + rb"(?![\w$])", model.source)) != len(calls) + 1:
        return False  # also named other than by those calls and its definition
    for call in calls:
        caller = call.function
        if caller is None or not any(
            caller.node.start_byte <= e.start_byte < caller.node.end_byte and not function.contains(e)
            and not _on_other_arm(call.node, e)
            for e in evictions
        ):
            return False  # the caller's own removal, not the one it reaches through the function itself
    return True


def _on_other_arm(a, b) -> bool:
    """``a`` and ``b`` sit on the two arms of one `if` (consequence and `else`): no run reaches both."""
    node = a.parent
    child = a
    while node is not None:
        if node.type == "if_statement":
            consequence = node.child_by_field_name("consequence")
            alternative = node.child_by_field_name("alternative")
            arms = [arm for arm in (consequence, alternative) if arm is not None]
            mine = next((arm for arm in arms if arm.start_byte <= child.start_byte < arm.end_byte), None)
            other = next((arm for arm in arms if arm is not mine), None) if mine is not None else None
            if other is not None and other.start_byte <= b.start_byte < other.end_byte:
                return True
        child, node = node, node.parent
    return False


def _key_is_bounded(model, node) -> bool:
    """The growth site's key comes from a fixed set (see ``bounded_key``): it adds a bounded number of entries."""
    key = growth_key(node)
    return key is not None and bounded_key(model, key, model.function_at(node)) is not None


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


# What each kind of removal that bounds nothing (``eviction_reach.rarely_removes``) says in a finding's notes.
_RARE_REMOVAL_NOTES = {
    "lazy expiry": "removes an expired entry only when its own key is read again (lazy expiry): a key nobody asks "
                   "for again stays, and nothing sweeps the others",
    "test-only": "removes entries only from test code (a function named for tests, or called only by one): it "
                 "never runs in production",
    "dropped disposer": "removes the entry in the disposer this function returns, and every call in the file drops "
                        "it: the disposer never runs",
    "uncalled clean-up": "removes entries only in `{name}()`, a clean-up no production code in the project ever "
                         "calls (uncalled clean-up): it never runs",
    "orphaned keys": "removes only keys still held in slots another method wipes without emptying this collection: "
                     "the keys it held then stay for good",
    "wrong key": "deletes under another property of the message than the one the entry was looked up by: the "
                 "entry it found stays",
}


def _rare_removal_notes(model, collection: Collection, reached: list) -> list[RelatedNode]:
    """Notes for the removals that do not count because they run only at shutdown or on a rare command."""
    notes = []
    for node in sorted(collection.evictions, key=lambda n: n.start_byte):
        if node in reached or any(note.node is node for note in notes):
            continue
        if shutdown_only(model, node) is not None:
            notes.append(RelatedNode(node, "removes entries only when the owner shuts down: it bounds nothing while "
                                           "the collection grows"))
        elif command_only(model, node, collection) is not None:
            notes.append(RelatedNode(node, "empties it only when a stop/reset command arrives: the messages that "
                                           "add entries never do"))
        else:
            why = rarely_removes(model, node, collection)
            if why == "uncalled clean-up":
                name = uncalled_cleanup(model, node)
                notes.append(RelatedNode(node, _RARE_REMOVAL_NOTES[why].format(name=name)))
            elif why is not None:
                notes.append(RelatedNode(node, _RARE_REMOVAL_NOTES[why]))
    unique = {note.message: note for note in reversed(notes)}  # one note of each kind, the first in the file
    return sorted(unique.values(), key=lambda note: note.node.start_byte)
