"""LL001 fixes: bound the collection (an LRU cache, or a size cap that drops the oldest entry)."""

from __future__ import annotations

import json
import os
import re

from leaklint import syntax
from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import FileModel
from leaklint.model.collections import Collection
from leaklint.model.requests import request_objects
from leaklint.rules.fixes import fresh_name, insert_after, insert_before, is_expression_statement_of, module_import, statement_of

DEFAULT_CAP = 100  # small on purpose: the fix is unsafe and meant to be tuned
LRU_MAX = 1000
GROWTH_METHODS = {"Map": "set", "Set": "add"}


def bound_collection(model: FileModel, collection: Collection) -> Fix | None:
    """An LRUCache when the project depends on lru-cache; else a size cap for Map/Set; else a suggestion."""
    init = _empty_constructor(collection)
    if init is None:
        return None
    weak = _weak_map(model, collection, init)
    if weak is not None:
        return weak
    if collection.kind == "Map" and _depends_on_lru_cache(model.path):
        lru = _lru_cache(model, init, Applicability.UNSAFE)
        if lru is not None:
            return lru
    return _size_cap(model, collection) or _lru_cache(model, init, Applicability.DISPLAY_ONLY)


def _empty_constructor(collection: Collection):
    """`new Map()` / `new Set()` of a `const`/`let` declaration, or None."""
    declarator = collection.declaration
    while declarator is not None and declarator.type != "variable_declarator":
        declarator = declarator.parent
    if declarator is None:
        return None
    init = syntax.unwrap(declarator.child_by_field_name("value"))
    if init is None or init.type != "new_expression" or collection.kind not in GROWTH_METHODS:
        return None
    arguments = init.child_by_field_name("arguments")
    if arguments is not None and arguments.named_child_count:
        return None  # seeded: the seed would have to move into the cache
    return init


WEAK_MAP_METHODS = frozenset({"get", "set", "has", "delete"})


def _weak_map(model: FileModel, collection: Collection, init) -> Fix | None:
    """A Map keyed only by objects (the request, `this`, a new object) and never iterated: a WeakMap.

    An entry of a WeakMap lives only as long as its key, so a cache keyed by
    the request frees itself when the request is collected.  Unsafe: a
    WeakMap has no size, iteration or clear() (the rule checks none is used
    in this file), and set() throws for a key that is not an object.
    """
    if collection.kind != "Map" or collection.binding is None:
        return None
    constructor = init.child_by_field_name("constructor")
    if constructor is None or syntax.text(constructor) != "Map":
        return None
    requests = model.fact("requests", request_objects)
    for reference in collection.binding.references:
        member = reference.node.parent
        if member is None or member.type != "member_expression" or member.child_by_field_name("object") != reference.node:
            return None  # passed around or iterated: it must stay a Map
        prop = member.child_by_field_name("property")
        call = member.parent
        if prop is None or syntax.text(prop) not in WEAK_MAP_METHODS or call is None or call.type != "call_expression":
            return None
        if syntax.text(prop) == "set" and not _is_object(model, requests, model.call_site(call).argument(0)):
            return None
    return Fix("Use a WeakMap: its entries go when their keys (objects) are collected", (Edit(constructor.start_byte, constructor.end_byte, "WeakMap"),), Applicability.UNSAFE)


def _is_object(model: FileModel, requests, key) -> bool:
    """Whether the key is certainly an object: `this`, a new object, or a request-scoped object."""
    key = syntax.unwrap(key)
    if key is None:
        return False
    if key.type in ("this", "object", "array", "new_expression", "arrow_function", "function_expression", "class"):
        return True
    if key.type != "identifier":
        return False
    binding = model.resolve(key)
    return binding is not None and requests.of(binding) is not None


def _size_cap(model: FileModel, collection: Collection) -> Fix | None:
    """After every `.set()`/`.add()`, delete the oldest entry once there are more than a cap.

    Maps and Sets iterate in insertion order, so `keys().next().value` is the
    oldest key.  Unsafe: entries are dropped, so a cache miss recomputes and a
    Set forgets members; the cap is a named constant to tune.
    """
    method = GROWTH_METHODS[collection.kind]
    source = model.source
    statements = []
    for node in collection.growth:
        call = node if node.type == "call_expression" else None
        site = model.call_site(call) if call is not None else None
        if site is None or site.method != method or site.receiver is None:
            return None  # grown some other way (an alias, a spread): the cap would miss it
        statement = statement_of(call)
        if not is_expression_statement_of(statement, call):
            return None
        statements.append((statement, syntax.text(site.receiver)))
    declaration = statement_of(collection.declaration)
    if not statements or declaration is None or declaration.type not in ("lexical_declaration", "variable_declaration"):
        return None
    label = statements[0][1].rsplit(".", 1)[-1]
    constant = fresh_name(model, _upper_snake(label) + "_MAX_SIZE")
    edits = [insert_before(source, declaration, f"const {constant} = {DEFAULT_CAP};")]
    for statement, receiver in statements:
        if "(" in receiver:
            return None
        edits.append(insert_after(source, statement, f"if ({receiver}.size > {constant}) {receiver}.delete({receiver}.keys().next().value);"))
    return Fix(f"Cap the {collection.kind} at {constant} entries, dropping the oldest", tuple(edits), Applicability.UNSAFE)


def _lru_cache(model: FileModel, init, applicability: Applicability) -> Fix | None:
    """`new Map()` becomes `new LRUCache({ max: 1000 })`, with the import (lru-cache 10 or newer)."""
    edits = [Edit(init.start_byte, init.end_byte, f"new LRUCache({{ max: {LRU_MAX} }})")]
    imported = module_import(model, ("LRUCache",), "lru-cache")
    if imported is None:
        return None
    if imported[0] is not None:
        edits.append(imported[0])
    title = "Use an LRUCache from lru-cache (bounded, evicts the least recently used)"
    if applicability is Applicability.DISPLAY_ONLY:
        title += "; add lru-cache to the project first"
    return Fix(title, tuple(edits), applicability)


def _upper_snake(name: str) -> str:
    """reportCache -> REPORT_CACHE."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return re.sub(r"[^A-Za-z0-9]+", "_", spaced).strip("_").upper() or "COLLECTION"


def _depends_on_lru_cache(path: str) -> bool:
    """Whether the nearest package.json above ``path`` depends on lru-cache 10 or newer (which exports LRUCache)."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        manifest = os.path.join(folder, "package.json")
        if os.path.isfile(manifest):
            try:
                with open(manifest, encoding="utf-8") as handle:
                    data = json.load(handle)
            except (OSError, ValueError):
                return False
            for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
                version = (data.get(key) or {}).get("lru-cache") if isinstance(data.get(key), dict) else None
                if isinstance(version, str):
                    major = re.search(r"\d+", version)
                    return major is not None and int(major.group()) >= 10
            return False
        parent = os.path.dirname(folder)
        if parent == folder:
            return False
        folder = parent
