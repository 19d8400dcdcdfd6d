"""Long-lived collections and what is done to them: growth, eviction, bounds, escape.

A fact shared by rules that care whether a module-level (or static, or
singleton-field) Map, Set, array or dictionary object keeps growing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import AccessPath
from leaklint.model.scopes import Binding, ClassInfo
from leaklint.model.shape import module_like_scopes, page_ready_callback
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

GROWTH_METHODS = {"Map": ("set",), "Set": ("add",), "array": ("push", "unshift"), "object": ()}
EVICTION_METHODS = frozenset({"delete", "clear", "shift", "pop", "splice", "length"})
COLLECTION_CONSTRUCTORS = {"Map": "Map", "Set": "Set", "Array": "array"}


@dataclass(eq=False)
class Collection:
    """A collection that lives as long as the process."""

    kind: str  # Map | Set | array | object
    label: str  # "module-level Map `cache`"
    declaration: Node  # where to report
    path: AccessPath
    binding: Binding | None = None
    growth: list[Node] = field(default_factory=list)  # call / assignment nodes
    evictions: list[Node] = field(default_factory=list)
    escapes: list[Node] = field(default_factory=list)
    # A field of each instance of a class not known to be a singleton: it lives as long as
    # its instance, which something else (a running timer on `this`) must keep alive.
    instance_lived: bool = False
    owner: ClassInfo | None = None
    # Declared in a top-level IIFE: module scope, but (in UI bundles above all) filled by handlers
    # with keys from a fixed set of widgets and types, so it is reported only on shape evidence.
    in_iife: bool = False
    # `c[k] = null`, `m.set(k, undefined)`: the slot is emptied, the entry (and its key) stays.
    nullings: list[Node] = field(default_factory=list)
    # A local of a factory kept by closures that outlive its call (provenance.py): only growth
    # inside those closures repeats on the same collection.
    kept_by: tuple = ()


def collection_kind(init: Node | None) -> str | None:
    """Map | Set | array | object for an initialiser that creates an empty-or-seeded collection."""
    init = syntax.unwrap(init)
    if init is None:
        return None
    if init.type == "new_expression":
        constructor = syntax.unwrap(init.child_by_field_name("constructor"))
        if constructor is not None and constructor.type == "identifier":
            return COLLECTION_CONSTRUCTORS.get(syntax.text(constructor))
        return None
    if init.type == "array":
        return "array"
    if init.type == "object":
        return "object"
    if init.type == "call_expression":
        callee = syntax.unwrap(init.child_by_field_name("function"))
        if callee is not None and syntax.text(callee) == "Object.create":
            return "object"
    return None


def memory_keyv(model: FileModel, init: Node | None) -> bool:
    """`new Keyv()` / `new Keyv({ ttl })` of the `keyv` package with no store: entries live in a plain Map.

    Keyv checks an entry's TTL only when that key is read again, so with no
    store (a Redis URI, `store: new QuickLRU(…)`) nothing ever removes the
    keys nobody reads again: it grows like any Map (`set`), shrinks by
    `delete`/`clear`.
    """
    from leaklint.model.imports import imported_name

    init = syntax.unwrap(init)
    if init is None or init.type != "new_expression":
        return False
    constructor = syntax.unwrap(init.child_by_field_name("constructor"))
    if constructor is None or constructor.type != "identifier":
        return False
    imported = imported_name(model.resolve(constructor))
    if imported is None or imported[0] != "keyv" or imported[1] not in ("*", "default", "Keyv"):
        return False
    arguments = init.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if not named:
        return True
    options = syntax.unwrap(named[-1])
    if len(named) > 1 or options is None or options.type != "object":
        return False  # a connection URI, or options the file does not show
    for pair in options.named_children:
        key = pair.child_by_field_name("key") if pair.type == "pair" else pair
        if key is None or pair.type not in ("pair", "shorthand_property_identifier"):
            return False  # `...spread`: a store may be in there
        if syntax.text(key).strip("'\"") in ("store", "uri", "adapter"):
            return False
    return True


def find_collections(model: FileModel) -> list[Collection]:
    """Every long-lived collection declared in the file, with growth and eviction sites filled in."""
    collections: list[Collection] = []
    scopes = [(model.module_scope, "module-level {kind} `{name}`", False)]
    for s in module_like_scopes(model):
        ready = page_ready_callback(model, s.function) if s.function is not None else None
        if ready is not None:
            # Run once per page and kept by the handlers it leaves: a module binding, filled by what the file shows.
            scopes.append((s, "{kind} `{name}` of " + ready.replace("{", "{{").replace("}", "}}") + " (page scope)", False))
            continue
        scopes.append(
            (s, "{kind} `{name}` of a top-level " + ("IIFE" if s.function is not None else "namespace") + " (module scope)", True)
        )
    for scope, template, in_iife in scopes:
        for binding in scope.bindings.values():
            if binding.kind not in ("const", "let", "var"):
                continue
            kind = collection_kind(binding.init)
            label = None
            if kind is None and memory_keyv(model, binding.init):
                kind = "Map"
                label = template.format(kind="Keyv", name=binding.name) + " (no store given: an in-memory Map)"
            if kind is None:
                continue
            label = label or template.format(kind=_kind_label(kind), name=binding.name)
            collections.append(Collection(kind, label, binding.node, (binding,), binding, in_iife=in_iife))
    for info in model.classes:
        collections.extend(_class_collections(model, info))
    collections.extend(_assigned_statics(model))
    collections.extend(_es5_collections(model))
    collections.extend(_object_member_collections(model))
    collections.extend(_kept_collections(model))
    if not collections:
        return collections
    by_path = {c.path: c for c in collections}
    _collect_method_uses(model, by_path)
    _collect_wrapper_uses(model, collections)
    _collect_assignments(model, by_path)
    _collect_comparisons(model, by_path)
    for collection in collections:
        if collection.binding is not None:
            _collect_binding_escapes(model, collection)
        if collection.kept_by:
            _keep_closure_growth(model, collection)
    return collections


def _kept_collections(model: FileModel) -> list[Collection]:
    """`const pending = new Map()` in a factory whose returned or registered closures fill it."""
    from leaklint.model.provenance import kept_collection_bindings

    found = []
    for binding, kept in kept_collection_bindings(model):
        kind = collection_kind(binding.init)
        closure, why = kept[0]
        owner = model.describe_function(binding.scope.owner)
        label = f"{_kind_label(kind)} `{binding.name}` of {owner}, kept by {why}"
        found.append(Collection(kind, label, binding.node, (binding,), binding, kept_by=tuple(c for c, _ in kept)))
    return found


def _keep_closure_growth(model: FileModel, collection: Collection) -> None:
    """Growth in the factory itself fills a new collection per call: only the keeping closures' growth repeats."""
    from leaklint.model.provenance import hands_off

    collection.growth = [g for g in collection.growth if any(c.contains(g) for c in collection.kept_by)]
    # `export function createRPC() {…}` exports the factory, not its local
    collection.escapes = [e for e in collection.escapes if e.type != "export_statement"]
    collection.escapes.extend(hands_off(model, collection.binding))


def _assigned_statics(model: FileModel) -> list[Collection]:
    """`Cls.registry = []` / `F.instances = []` at module level: a static collection of a class or function."""
    found = []
    for node in model.nodes("assign"):
        if node.type != "assignment_expression" or model.function_at(node) is not None:
            continue
        left = syntax.unwrap(node.child_by_field_name("left"))
        right = syntax.unwrap(node.child_by_field_name("right"))
        if left is None or left.type != "member_expression":
            continue
        owner = syntax.unwrap(left.child_by_field_name("object"))
        binding = model.resolve(owner) if owner is not None and owner.type == "identifier" else None
        if binding is None or binding.kind not in ("function", "class") or not binding.is_module_level:
            continue
        kind = collection_kind(right)
        prop = left.child_by_field_name("property")
        if kind is None or prop is None:
            continue
        name = syntax.text(prop)
        label = f"static {_kind_label(kind)} `{binding.name}.{name}`"
        found.append(Collection(kind, label, right, (binding, name)))
    return found


def _module_objects(model: FileModel) -> list[tuple[object, str, Node]]:
    """Module-level object literals that hold state: `const registry = { … }` and `module.exports = { … }`.

    Each comes with the root its members are named by (the binding, or a
    marker for the exported object) and the name used in labels.
    """
    found: list[tuple[object, str, Node]] = []
    for binding in model.module_scope.bindings.values():
        init = syntax.unwrap(binding.init)
        if binding.kind == "const" and init is not None and init.type == "object":
            found.append((binding, binding.name, init))
    for node in model.nodes("assign"):
        if node.type != "assignment_expression" or model.function_at(node) is not None:
            continue
        right = syntax.unwrap(node.child_by_field_name("right"))
        if right is not None and right.type == "object" and syntax.text(node.child_by_field_name("left")) == "module.exports":
            found.append((("module.exports", right.start_byte), "module.exports", right))
    return found


def _object_member_collections(model: FileModel) -> list[Collection]:
    """`const registry = { items: [], byId: new Map() }`: collections kept as members of a module-level object.

    The object lives as long as the module, and so do its members; they are
    named `registry.items` outside it and `this.items` in the object's own
    methods (see ``_path``).
    """
    found = []
    for root, name, obj in model.fact("module-objects", _module_objects):
        for pair in obj.named_children:
            if pair.type != "pair":
                continue
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            kind = collection_kind(value)
            if key is None or kind is None or key.type not in ("property_identifier", "string"):
                continue
            member = syntax.string_value(key) if key.type == "string" else syntax.text(key)
            label = f"{_kind_label(kind)} `{name}.{member}` of a module-level object"
            found.append(Collection(kind, label, value, (root, member)))
    return found


def _object_of_method(model: FileModel, node: Node) -> Node | None:
    """The object literal whose method's `this` ``node`` sees (arrow functions see through), or None."""
    function = model.function_at(node)
    function = function.this_owner if function is not None else None
    if function is None:
        return None
    holder = function.node.parent
    if function.node.type == "method_definition":
        return holder if holder is not None and holder.type == "object" else None
    if holder is not None and holder.type == "pair" and holder.parent is not None and holder.parent.type == "object":
        return holder.parent
    return None


def _kind_label(kind: str) -> str:
    return {"array": "array", "object": "object"}.get(kind, kind)


def _class_collections(model: FileModel, info: ClassInfo) -> list[Collection]:
    found: list[Collection] = []
    owner = ("this", info.node.start_byte)
    class_name = info.name or "class"
    for name, values in info.static_fields.items():
        for value in values:
            kind = collection_kind(value)
            if kind is not None:
                path = (owner, name)
                found.append(Collection(kind, f"static {_kind_label(kind)} `{class_name}.{name}`", value, path))
                if info.binding is not None:
                    alias = (info.binding, name)
                    found.append(Collection(kind, f"static {_kind_label(kind)} `{class_name}.{name}`", value, alias))
                break
    instance = model.instance_lifetime(info)
    for name, values in info.instance_fields.items():
        if len(values) > 1:  # a reset in a method only the constructor calls is initialisation
            kept = [v for v in values if not _in_init_only_method(model, v)]
            values = kept or sorted(values, key=lambda v: v.start_byte)[:1]
        kinds = {collection_kind(v) or ("Keyv" if memory_keyv(model, v) else None) for v in values}
        if len(values) > 1 or None in kinds:
            continue  # reassigned somewhere: the field is replaced, not grown forever
        kind = kinds.pop()
        shown = "Keyv (no store given: an in-memory Map)" if kind == "Keyv" else _kind_label(kind)
        kind = "Map" if kind == "Keyv" else kind
        if instance.is_long_lived:
            label = f"{shown} field `{name}` of {instance.reason}"
            found.append(Collection(kind, label, values[0], (owner, name)))
        else:
            label = f"{shown} field `{name}` of each `{class_name}` instance"
            found.append(Collection(kind, label, values[0], (owner, name), instance_lived=True, owner=info))
    return found


def _collect_method_uses(model: FileModel, by_path: dict[AccessPath, Collection]) -> None:
    growth_methods = ("set", "add", "push", "unshift")
    for site in model.method_calls(*growth_methods, *EVICTION_METHODS, "filter", "slice"):
        path = _path(model, site.receiver)
        collection = by_path.get(path) if path is not None else None
        if collection is None:
            continue
        if site.method in GROWTH_METHODS[collection.kind]:
            if collection.kind in ("Map", "Set") and syntax.string_value(site.argument(0)) is not None:
                continue  # a literal key: bounded by the program text
            if collection.kind == "Map" and _replaces_existing_key(model, site, path):
                continue  # `if (m.has(k)) m.set(k, …)`: replaces an entry, never adds one
            if collection.kind == "Map" and len(site.arguments) > 1 and _is_nothing(site.argument(1)):
                collection.nullings.append(site.node)
                continue
            collection.growth.append(site.node)
        elif site.method in EVICTION_METHODS:
            collection.evictions.append(site.node)


def wrapper_methods(init: Node | None) -> tuple[frozenset[str], frozenset[str]]:
    """(growing, evicting) method names of an object literal that is its own collection.

    `{ get(k) { return this[`:${k}`]; }, set(k, v) { this[`:${k}`] = v; }, remove(k) { delete this[`:${k}`]; } }`
    keeps its entries as its own properties, behind methods: a call of a method that
    writes `this[key]` (key not a literal) grows it, one that deletes `this[…]` evicts.
    """
    init = syntax.unwrap(init)
    growing: set[str] = set()
    evicting: set[str] = set()
    if init is None or init.type != "object":
        return frozenset(), frozenset()
    for member in init.named_children:
        if member.type == "method_definition":
            name_node, body = member.child_by_field_name("name"), member.child_by_field_name("body")
        elif member.type == "pair":
            value = syntax.unwrap(member.child_by_field_name("value"))
            if value is None or value.type != "function_expression":  # arrows have no own `this`
                continue
            name_node, body = member.child_by_field_name("key"), value.child_by_field_name("body")
        else:
            continue
        if name_node is None or body is None:
            continue
        for node in syntax.walk(body):
            if node.type == "assignment_expression":
                left = syntax.unwrap(node.child_by_field_name("left"))
                if _this_subscript(left, literal_ok=False):
                    growing.add(syntax.text(name_node))
            elif node.type == "unary_expression" and node.children and node.children[0].type == "delete":
                if _this_subscript(syntax.unwrap(node.child_by_field_name("argument")), literal_ok=True):
                    evicting.add(syntax.text(name_node))
    return frozenset(growing), frozenset(evicting - growing)


def _this_subscript(node: Node | None, literal_ok: bool) -> bool:
    if node is None or node.type != "subscript_expression":
        return False
    obj = syntax.unwrap(node.child_by_field_name("object"))
    index = syntax.unwrap(node.child_by_field_name("index"))
    if obj is None or obj.type != "this" or index is None:
        return False
    return literal_ok or index.type not in ("string", "number")


def _collect_wrapper_uses(model: FileModel, collections: list[Collection]) -> None:
    """`pads.set(id, pad)` on an object literal whose own `set` method writes `this[key]`: growth."""
    for collection in collections:
        binding = collection.binding
        if collection.kind != "object" or binding is None:
            continue
        growing, evicting = wrapper_methods(binding.init)
        if not growing:
            continue
        for site in model.method_calls(*growing, *evicting):
            if model.access_path(site.receiver) != collection.path:
                continue
            (collection.growth if site.method in growing else collection.evictions).append(site.node)


def _replaces_existing_key(model: FileModel, site, path: AccessPath) -> bool:
    """`m.set(k, v)` in the consequence of `if (m.has(k))` (the same map, the same key text)."""
    key = site.argument(0)
    if key is None:
        return False
    key_text = syntax.text(key)
    limit = site.function.node.start_byte if site.function is not None else -1
    current = site.node
    while current.parent is not None and current.parent.start_byte > limit:
        parent = current.parent
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == current:
            condition = syntax.unwrap(parent.child_by_field_name("condition"))
            if condition is not None and condition.type == "call_expression":
                check = model.call_site(condition)
                if (
                    check.method == "has"
                    and model.access_path(check.receiver) == path
                    and check.argument(0) is not None
                    and syntax.text(check.argument(0)) == key_text
                ):
                    return True
        current = parent
    return False


def _collect_assignments(model: FileModel, by_path: dict[AccessPath, Collection]) -> None:
    for node in model.nodes("assign"):
        left = syntax.unwrap(node.child_by_field_name("left"))
        if left is None:
            continue
        if left.type == "subscript_expression":
            collection = by_path.get(_path(model, left.child_by_field_name("object")) or ())
            if collection is None:
                continue
            index = syntax.unwrap(left.child_by_field_name("index"))
            literal = index is not None and index.type in ("string", "number", "template_string")
            if node.type == "assignment_expression" and _is_nothing(node.child_by_field_name("right")):
                collection.nullings.append(node)
            elif collection.kind == "object" and not literal and (
                node.type == "assignment_expression" or _is_logical_assignment(node)
            ):
                collection.growth.append(node)  # `c[k] = v`, `c[k] ??= v`, `c[k] ||= v`
            elif collection.kind == "array" and node.type == "assignment_expression" and (
                _is_append_index(model, index) or _is_counter_index(model, index, node)
            ):
                collection.growth.append(node)  # `a[a.length] = v`, `const pos = other.length; a[pos] = v`, `a[++n] = v`
        elif left.type == "member_expression":
            path = _path(model, left)
            if path in by_path:
                collection = by_path[path]
                if node.child_by_field_name("right") != collection.declaration and not _initialises(
                    model, node, collection
                ):
                    collection.evictions.append(node)  # the field is replaced
                continue
            prop = left.child_by_field_name("property")
            if prop is not None and prop.text == b"length":
                collection = by_path.get(_path(model, left.child_by_field_name("object")) or ())
                if collection is not None:
                    collection.evictions.append(node)
    for node in model.nodes("delete"):
        argument = syntax.unwrap(node.child_by_field_name("argument"))
        if argument is not None and argument.type in ("subscript_expression", "member_expression"):
            collection = by_path.get(_path(model, argument.child_by_field_name("object")) or ())
            if collection is not None:
                collection.evictions.append(node)


def _collect_comparisons(model: FileModel, by_path: dict[AccessPath, Collection]) -> None:
    """`cache.size > MAX`, `MAX <= list.length`: a bound the code enforces somewhere."""
    for node in model.nodes("compare"):
        holder = node.parent
        if holder is not None and holder.type == "expression_statement":
            holder = holder.parent
        if holder is not None and holder.type == "for_statement":
            continue  # `for (let i = 0; i < list.length; i++)`: walks the collection, bounds nothing
        left = syntax.unwrap(node.child_by_field_name("left"))
        right = syntax.unwrap(node.child_by_field_name("right"))
        operator = node.child_by_field_name("operator")
        op = operator.type if operator is not None else ""
        for side, greater in ((left, op in (">", ">=", "==", "===")), (right, op in ("<", "<=", "==", "==="))):
            if not greater or side is None or side.type != "member_expression":
                continue
            prop = side.child_by_field_name("property")
            if prop is None or prop.text not in (b"size", b"length"):
                continue
            collection = by_path.get(_path(model, side.child_by_field_name("object")) or ())
            if collection is not None:
                collection.evictions.append(node)


def _collect_binding_escapes(model: FileModel, collection: Collection) -> None:
    """Writes replace the collection; exports let other files evict it."""
    binding = collection.binding
    parents = syntax.ancestors(model.tree.root_node, [r.node for r in binding.references if not r.is_write], 1)
    for reference in binding.references:
        if reference.is_write:
            collection.evictions.append(reference.node)
            continue
        parent = (parents.get(reference.node.id) or (None,))[0]
        if parent is None:
            continue
        if parent.type in ("export_specifier", "export_clause", "export_statement"):  # `export default c`
            collection.escapes.append(reference.node)
        elif parent.type in ("pair", "shorthand_property_identifier") or reference.node.type == "shorthand_property_identifier":
            collection.escapes.append(reference.node)
        elif parent.type == "assignment_expression" and parent.child_by_field_name("right") == reference.node:
            collection.escapes.append(reference.node)
    for export in model.nodes("export"):
        declaration = export.child_by_field_name("declaration")
        if declaration is not None and declaration.start_byte <= binding.node.start_byte < declaration.end_byte:
            collection.escapes.append(export)


# -- ES5 classes: `function F() { this.items = []; }` with `F.prototype.m = function …` -----------


def _es5_class_of(model: FileModel, function) -> Binding | None:
    """The ES5 class whose `this` ``function`` sees: its constructor or one of its prototype methods."""
    from leaklint.model.shape import es5_class_binding

    function = function.this_owner if function is not None else None
    return es5_class_binding(model, function) if function is not None else None


def _path(model: FileModel, node: Node | None) -> AccessPath | None:
    """``model.access_path``, with `this.x` / `self.x` (`var self = this`) of an ES5 class named by the class."""
    path = model.access_path(node)
    if path is not None and path[0] == ("this", None) and len(path) > 1:
        obj = _object_of_method(model, node)
        for root, _name, candidate in model.fact("module-objects", _module_objects) if obj is not None else ():
            if candidate == obj:
                return (root, *path[1:])
    if path is None or not model.fact("es5-collection-fields", _es5_fields):
        return path
    return es5_instance_path(model, node, path)


def es5_instance_path(model: FileModel, node: Node | None, path: AccessPath | None = None) -> AccessPath | None:
    """``model.access_path`` with the root `this` / `self` (`var self = this`) of an ES5 class named by the class.

    A constructor's `self.emit(…)` and a prototype method's `this.once(…)` then share one path.
    """
    path = path if path is not None else model.access_path(node)
    if path is None:
        return None
    root = path[0]
    if isinstance(root, tuple) and root[0] == "this" and root[1] is None:
        owner = _es5_class_of(model, model.function_at(node))
        return (("es5", owner), *path[1:]) if owner is not None else path
    if isinstance(root, Binding) and root.kind in ("var", "const", "let") and not root.writes:
        init = syntax.unwrap(root.init)
        if init is not None and init.type == "this":
            owner = _es5_class_of(model, model.function_at(root.node))
            return (("es5", owner), *path[1:]) if owner is not None else path
    return path


def reads_collection(model: FileModel, node: Node | None, path: AccessPath) -> bool:
    """``node`` is the collection at ``path``: the same access path, or, for a field of an ES5 class,
    `this.x` / `self.x` in one of the class's functions (``es5_instance_path``).

    A lookup in a prototype method (`this._requests.get(id)` in `F.prototype.keepWorse`)
    then reads the collection its constructor made (`this._requests = new Map()`), as a
    lookup in a method of a `class` reads the class's field.
    """
    found = model.access_path(node)
    if found == path:
        return True
    root = path[0] if path else None
    return found is not None and isinstance(root, tuple) and root[0] == "es5" and es5_instance_path(model, node, found) == path


def _es5_fields(model: FileModel) -> list[tuple[Binding, str, Node, str]]:
    """(class, field, value, kind) for `this.x = <empty collection>` in an ES5 constructor (a per-file fact)."""
    from leaklint.model.shape import es5_class_binding, is_es5_constructor

    fields: dict[tuple, list[Node]] = {}
    owners: dict[tuple, Binding] = {}
    for node in model.nodes("assign"):
        if node.type != "assignment_expression":
            continue
        left = syntax.unwrap(node.child_by_field_name("left"))
        if left is None or left.type != "member_expression":
            continue
        obj = syntax.unwrap(left.child_by_field_name("object"))
        prop = left.child_by_field_name("property")
        if obj is None or obj.type != "this" or prop is None:
            continue
        function = model.function_at(node)
        if not is_es5_constructor(model, function):
            continue
        owner = es5_class_binding(model, function)
        if owner is None:
            continue
        key = (owner.node.start_byte, syntax.text(prop))
        fields.setdefault(key, []).append(node)
        owners[key] = owner
    found = []
    for key, assignments in fields.items():
        value = syntax.unwrap(assignments[0].child_by_field_name("right"))
        kind = collection_kind(value)
        if kind is not None:
            found.append((owners[key], key[1], value, kind))
    return found


def _es5_collections(model: FileModel) -> list[Collection]:
    """A field of each instance of an ES5 class: it lives as long as its instance (the process, for a singleton).

    The singleton is the one `new F()` the file makes at module level, or, for
    an exported constructor, the instances the project link counts as made
    once (`const pending = new RateLimitedRequestMap()` at the top of the file
    that imports it), as for an exported `class`.
    """
    found = []
    for owner, name, value, kind in model.fact("es5-collection-fields", _es5_fields):
        single = _es5_single_instance(model, owner)
        if single is not None:
            label = f"{_kind_label(kind)} field `{name}` of the single instance of `{owner.name}` created at module level"
            found.append(Collection(kind, label, value, (("es5", owner), name)))
            continue
        linked = model.external.class_instances(owner.name)
        if linked is not None and linked.state == "once":
            what = "each instance" if "instances, each created once" in linked.reason else "the single instance"
            label = f"{_kind_label(kind)} field `{name}` of {what} of `{owner.name}` ({linked.reason})"
            found.append(Collection(kind, label, value, (("es5", owner), name)))
            continue
        label = f"{_kind_label(kind)} field `{name}` of each `{owner.name}` instance"
        found.append(Collection(kind, label, value, (("es5", owner), name), instance_lived=True))
    return found


def _es5_single_instance(model: FileModel, owner: Binding) -> Node | None:
    """The one `new F()` of an ES5 class, made at module level, when the file uses `F` for nothing else.

    `F.prototype.m = …`, a mixin given `F.prototype` and `inherits(F, Base)`
    are the class's own uses. Anything else may make more objects with its
    fields: an export or a hand-off (other code's `new F()`), a subclass
    (`F.call(this)`, `Object.create(F.prototype)`, `inherits(Child, F)`).
    """
    instances = []
    for reference in owner.references:
        parent = reference.node.parent
        if parent is None:
            return None
        if parent.type == "new_expression":
            instances.append(parent)
        elif parent.type == "member_expression" and parent.child_by_field_name("object") == reference.node:
            prop = parent.child_by_field_name("property")
            if prop is None or syntax.text(prop) != "prototype" or _passed_to(parent, "create"):
                return None
        elif not _passed_to(reference.node, "inherits", first=True):
            return None
    if len(instances) != 1 or model.function_at(instances[0]) is not None:
        return None
    return instances[0]


def _passed_to(node: Node, name: str, first: bool = False) -> bool:
    """``node`` is an argument (the first, with ``first``) of a call to `name(…)` or `x.name(…)`."""
    arguments = node.parent
    if arguments is None or arguments.type != "arguments" or arguments.parent is None:
        return False
    if first and (not arguments.named_children or arguments.named_children[0] != node):
        return False
    callee = syntax.unwrap(arguments.parent.child_by_field_name("function"))
    return callee is not None and syntax.text(callee).rsplit(".", 1)[-1] == name


def _in_init_only_method(model: FileModel, value: Node | None) -> bool:
    from leaklint.model.shape import init_only_method

    if value is None:
        return False
    function = model.function_at(value)
    function = function.this_owner if function is not None else None
    return function is not None and init_only_method(model, function)


def _initialises(model: FileModel, assignment: Node, collection: Collection) -> bool:
    """`this.cache = {}` in a method called only from the constructor: initialisation, not eviction."""
    from leaklint.model.shape import init_only_method

    function = model.function_at(assignment)
    function = function.this_owner if function is not None else None
    if function is None:
        return False
    value = syntax.unwrap(assignment.child_by_field_name("right"))
    if collection_kind(value) != collection.kind:
        return False
    return init_only_method(model, function)


def _is_nothing(node: Node | None) -> bool:
    """`null`, `undefined`, `void 0`."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    return node.type in ("null", "undefined") or (node.type == "identifier" and node.text == b"undefined") or (
        node.type == "unary_expression" and syntax.text(node).replace(" ", "") == "void0"
    )


# -- pending registries: entries keyed by a fresh id, removed on completion ---------------------


def collection_path(model: FileModel, node: Node | None) -> AccessPath | None:
    """The access path under which ``find_collections`` files a collection expression (ES5 `self.x` too)."""
    return _path(model, node)


def owner_function(model: FileModel, node: Node, collection: Collection | None = None):
    """The outermost function around ``node`` below module scope (a top-level IIFE counts as module scope).

    For a factory's local kept by its closures, below the factory: the
    closure (a returned `request()`, a registered handler) that the code runs in.
    """
    from leaklint.model.shape import is_top_level_iife

    within = collection.binding.scope.owner if collection is not None and collection.kept_by else None
    function = model.function_at(node)
    while function is not None and function.parent is not None and not is_top_level_iife(model, function.parent):
        if within is not None and function.parent is within:
            return function
        function = function.parent
    if function is not None and is_top_level_iife(model, function):
        return None
    return function


def entry_lookups(model: FileModel, collection: Collection) -> list[Node]:
    """Reads of one entry by a computed key: `m.get(k)`, `m.has(k)`, `o[k]` (not as a target, not `delete`)."""
    found = []
    for site in model.method_calls("get", "has", "hasOwnProperty"):
        if site.arguments and syntax.string_value(site.argument(0)) is None:
            if _path(model, site.receiver) == collection.path:
                found.append(site.node)
    if collection.kind in ("object", "array"):
        for subscript in _subscripts_of(model, collection):
            parent = subscript.parent
            if parent is not None and parent.type in ("assignment_expression", "augmented_assignment_expression") \
                    and parent.child_by_field_name("left") == subscript:
                continue
            if parent is not None and parent.type == "unary_expression" and syntax.text(parent).startswith("delete"):
                continue
            index = syntax.unwrap(subscript.child_by_field_name("index"))
            if index is None or syntax.string_value(index) is not None or index.type == "number":
                continue
            if _path(model, subscript.child_by_field_name("object")) == collection.path:
                found.append(subscript)
    return found


def _is_counter_index(model: FileModel, index: Node | None, node: Node) -> bool:
    """An index a counter that outlives the call gives: each write lands past the last, call after call.

    `a[++this.seq] = v`, `id = ++this.seq; a[id] = v`, or a module-level
    `seq++`. A local counter (`let i = a.length; … a[i] = v; i++`) starts
    again on every call, and is not taken: how far it runs is up to the loop.
    """
    from leaklint.model.shape import reaching_assignment

    for _ in range(3):
        if index is None:
            return False
        if index.type == "update_expression":
            argument = syntax.unwrap(index.child_by_field_name("argument"))
            if argument is None:
                return False
            if argument.type == "member_expression":
                return True
            binding = model.resolve(argument) if argument.type == "identifier" else None
            return binding is not None and binding.is_module_level
        if index.type != "identifier":
            return False
        binding = model.resolve(index)
        if binding is None or binding.is_module_level:
            return False
        index = syntax.unwrap(reaching_assignment(binding, index) or binding.init)
    return False


def _is_append_index(model: FileModel, index: Node | None) -> bool:
    """An index that is some array's `length` (directly or through a const): writing there appends."""
    if index is not None and index.type == "identifier":
        binding = model.resolve(index)
        if binding is None or binding.kind != "const" and binding.writes:
            return False
        index = syntax.unwrap(binding.init) if binding is not None else None
    if index is None or index.type != "member_expression":
        return False
    prop = index.child_by_field_name("property")
    return prop is not None and prop.text == b"length"


def _subscripts_of(model: FileModel, collection: Collection) -> list[Node]:
    """`name[…]` where ``name`` is the collection's last path segment: found in the text, then in the tree."""
    import re

    name = collection.path[-1] if isinstance(collection.path[-1], str) else getattr(collection.path[-1], "name", None)
    if not name:
        return []
    found = []
    for match in re.finditer(rb"(?<![\w$])" + re.escape(name.encode()) + rb"\s*\[", model.source):
        node = model.tree.root_node.descendant_for_byte_range(match.start(), match.start() + len(name))
        while node is not None and node.type in ("identifier", "property_identifier", "member_expression") \
                and node.parent is not None and node.parent.type in ("member_expression", "subscript_expression") \
                and node.parent.child_by_field_name("object") != node:
            node = node.parent
        parent = node.parent if node is not None else None
        if parent is not None and parent.type == "subscript_expression" and parent.child_by_field_name("object") == node:
            found.append(parent)
    return found


def _is_logical_assignment(node: Node) -> bool:
    """`a ??= b`, `a ||= b`, `a &&= b`: an assignment when the slot is empty."""
    if node.type != "augmented_assignment_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type in ("??=", "||=")
