"""Where a function value goes once it is created: called, consumed, stored, registered, returned.

The value of a closure is followed from where it is created through the
places that only carry it (parentheses, object and array literals, local
aliases, local containers) to the place that uses it.  A use that keeps the
value beyond the current call (a push into a collection, an assignment to a
property or an outer binding, a listener registration) is an *escape*, with
the node that stores it, the target it is stored into and that target's
lifetime.  When the value is passed to a function defined in the same file,
the analysis looks one step inside that function for what it does with the
parameter (`schedule(id, cb)` that pushes `cb` into a module-level queue).

Shared through ``model.fact("escapes", escape_analysis)``.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import LISTENER_METHODS, ONCE_METHODS, CallSite
from leaklint.model.collections import collection_kind
from leaklint.model.eviction_reach import removes_nothing
from leaklint.model.exit_hooks import exit_hook_call
from leaklint.model.frequency import PROMISE_METHODS
from leaklint.model.imports import is_require_call
from leaklint.model.lifetime import Lifetime, LifetimeFact
from leaklint.model.scopes import FUNCTION_KINDS, Binding, Function, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


class UseKind(str, enum.Enum):
    """What happens to a value at one of its uses."""

    CALLED = "called"  # f(), f.call(...), f.apply(...)
    CONSUMED = "consumed"  # arr.map(f), p.then(f), new Promise(f), setTimeout(f): used up, then dropped
    ACCESSED = "accessed"  # f.name, typeof f, f === g, a bare expression statement
    STORED = "stored"  # pushed / added / set into a collection, assigned to a property or an outer binding
    REGISTERED = "registered"  # emitter.on(e, f), addEventListener, setInterval(f)
    PASSED = "passed"  # given to a function this file does not define
    RETURNED = "returned"  # returned, yielded or exported: the caller decides
    UNKNOWN = "unknown"  # anything the analysis does not follow


TRANSIENT_KINDS = frozenset({UseKind.CALLED, UseKind.CONSUMED, UseKind.ACCESSED})
COLLECTION_STORES = {"push": "pushed into", "unshift": "pushed into", "add": "added to", "set": "set in"}
ITERATION_METHODS = frozenset(
    {
        "map",
        "forEach",
        "filter",
        "reduce",
        "reduceRight",
        "some",
        "every",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flatMap",
        "sort",
        "toSorted",
        "replace",
        "replaceAll",
    }
)
CONSUMING_CALLS = frozenset({"setTimeout", "setImmediate", "queueMicrotask"})
REMOVAL_METHODS = ("delete", "splice", "filter", "clear", "remove")
_CARRIERS = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"}
)
_ACCESS_PARENTS = frozenset(
    {
        "binary_expression",
        "unary_expression",
        "expression_statement",
        "template_substitution",
        "subscript_expression",
        "await_expression",
        "if_statement",
        "while_statement",
        "for_in_statement",
        "spread_element",
    }
)
_MAX_DEPTH = 8
_PART_REASONS = ("a property of", "an entry of", "field ", "static field ")


@dataclass(frozen=True)
class Use:
    """One use of a value, the node that shows it, and for stores the target and its lifetime."""

    kind: UseKind
    node: Node  # the call, assignment or return that uses the value
    target: Node | None = None  # what it is stored into (receiver, assigned member or binding) / registered on
    lifetime: LifetimeFact | None = None  # of the target
    how: str = ""  # "pushed into", "assigned to", "registered on"
    target_label: str = ""  # "module-level array `queue`"
    via: CallSite | None = None  # the call of a same-file function that does the storing
    carriers: tuple[Node, ...] = ()  # object and array literals, local containers the value was put in
    grows: bool = False  # adds an entry each time (push, add, set/obj[key] with a computed key), not one slot
    weak: bool = False  # into a WeakMap / WeakSet: the entry dies with its key

    @property
    def is_escape(self) -> bool:
        """Keeps the value after the current call returns."""
        return self.kind in (UseKind.STORED, UseKind.REGISTERED)

    @property
    def is_long_lived(self) -> bool:
        """Stored into or registered on something that lives as long as the process."""
        return self.is_escape and self.lifetime is not None and self.lifetime.is_long_lived

    def describe(self) -> str:
        """`pushed into module-level array `queue``."""
        return f"{self.how} {self.target_label}".strip()


def escape_analysis(model: FileModel) -> EscapeAnalysis:
    """Build the per-file analysis (through ``model.fact("escapes", escape_analysis)``)."""
    return EscapeAnalysis(model)


class EscapeAnalysis:
    """Uses of function values in one file, computed on request and cached per function."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        self._uses: dict[int, tuple[Use, ...]] = {}

    # -- public questions -------------------------------------------------

    def uses(self, function: Function) -> tuple[Use, ...]:
        """Every use of the function value created by ``function``'s node."""
        key = function.node.start_byte
        cached = self._uses.get(key)
        if cached is None:
            cached = tuple(self._function_uses(function))
            self._uses[key] = cached
        return cached

    def escapes(self, function: Function) -> list[Use]:
        """The uses that keep the function after the call that created it returns."""
        return [u for u in self.uses(function) if u.is_escape]

    def is_transient(self, function: Function) -> bool:
        """Only called or consumed where it is made: it dies with the call that created it."""
        return all(u.kind in TRANSIENT_KINDS for u in self.uses(function))

    def removals_within(self, use: Use, function: Function) -> list[Node]:
        """Calls inside ``function`` that take entries out of the target ``use`` stored into.

        `subscribers.delete(fn)`, `list.splice(i, 1)`, `list = list.filter(...)`, `list.length = 0`,
        run from the same handler (often in its `'close'` listener): the entry lives as long as
        the call that made it.
        """
        if use.kind is not UseKind.STORED or use.target is None:
            return []
        target = use.target
        if target.type in ("member_expression", "subscript_expression") and use.how in ("stored in", "assigned to"):
            target = syntax.unwrap(target.child_by_field_name("object"))  # `cache[id] = f`: entries of `cache`
        path = self.model.access_path(target)
        if path is None:
            return []
        found = [
            site.node
            for site in self.model.method_calls(*REMOVAL_METHODS)
            if function.contains(site.node) and self.model.access_path(site.receiver) == path
            and not removes_nothing(site.node)
        ]
        for node in self.model.nodes("assign") + self.model.nodes("delete"):
            if not function.contains(node):
                continue
            left = syntax.unwrap(node.child_by_field_name("left") or node.child_by_field_name("argument"))
            if left is None or left.type not in ("member_expression", "subscript_expression"):
                continue
            obj = left.child_by_field_name("object")
            prop = left.child_by_field_name("property")
            is_length = prop is not None and prop.text == b"length"
            if (node.type == "unary_expression" or is_length) and self.model.access_path(obj) == path:
                found.append(node)
        return found

    def value_uses(self, node: Node) -> list[Use]:
        """The uses of the value of any expression (a read of a binding, a literal)."""
        return self._flow(node, (), 0, True, set())

    # -- where a function value starts ------------------------------------

    def _function_uses(self, function: Function) -> list[Use]:
        node = function.node
        if node.type in ("function_declaration", "generator_function_declaration"):
            context = function.context
            binding = context[1] if context and context[0] == "declared" else None
            if binding is None:
                return []
            return self._binding_flow(binding, (), 0, True, set())
        if node.type == "method_definition" and node.parent is not None and node.parent.type == "class_body":
            return [Use(UseKind.UNKNOWN, node)]  # a class method: lives with the class
        return self._flow(node, (), 0, True, set())

    # -- following a value ------------------------------------------------

    def _flow(self, value: Node, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set) -> list[Use]:
        """Uses of ``value`` (a node that evaluates to, or literally contains, the tracked function)."""
        if depth > _MAX_DEPTH:
            return [Use(UseKind.UNKNOWN, value)]
        node, parent = value, value.parent
        while parent is not None and (
            parent.type in _CARRIERS
            or (parent.type == "ternary_expression" and parent.child_by_field_name("condition") != node)
            or (_is_logical(parent) and parent.child_by_field_name("right") == node)
            or (parent.type == "sequence_expression" and parent.named_children[-1] == node)
        ):
            node, parent = parent, parent.parent
        if parent is None:
            return [Use(UseKind.UNKNOWN, node)]
        kind = parent.type
        if kind == "pair":
            if parent.child_by_field_name("value") != node or parent.parent is None:
                return [Use(UseKind.ACCESSED, node)]  # a computed key
            return self._flow(parent.parent, carriers + (parent.parent,), depth + 1, follow_calls, seen)
        if kind in ("object", "array"):
            return self._flow(parent, carriers + (parent,), depth + 1, follow_calls, seen)
        if kind == "arguments":
            call = parent.parent
            if call is None or call.type not in ("call_expression", "new_expression"):
                return [Use(UseKind.UNKNOWN, node)]
            site = self.model.call_site(call)
            index = site.index_of(node)
            return self._as_argument(site, index, carriers, depth, follow_calls, seen)
        if kind == "call_expression" and parent.child_by_field_name("function") == node:
            return [Use(UseKind.CALLED, parent, carriers=carriers)]
        if kind == "member_expression" and parent.child_by_field_name("object") == node:
            return self._as_member_object(parent, node, carriers, depth, follow_calls, seen)
        if kind in ("assignment_expression", "augmented_assignment_expression"):
            if parent.child_by_field_name("right") != node:
                return [Use(UseKind.ACCESSED, parent)]
            return self._assigned(parent, carriers, depth, follow_calls, seen)
        if kind == "variable_declarator":
            name = parent.child_by_field_name("name")
            binding = self.model.scopes.binding_at.get(name.start_byte) if name is not None else None
            if binding is None:
                return [Use(UseKind.UNKNOWN, parent)]  # destructured: the value is taken apart
            return self._into_binding(binding, parent, carriers, depth, follow_calls, seen)
        if kind in ("return_statement", "yield_expression"):
            return [Use(UseKind.RETURNED, parent, carriers=carriers)]
        if kind == "arrow_function" and parent.child_by_field_name("body") == node:
            return [Use(UseKind.RETURNED, parent, carriers=carriers)]
        if kind in ("export_statement", "export_specifier", "export_clause"):
            return [Use(UseKind.RETURNED, parent, carriers=carriers)]
        if kind in ("public_field_definition", "field_definition"):
            return [Use(UseKind.UNKNOWN, parent, carriers=carriers)]  # a class field: lives with its instance
        if kind in _ACCESS_PARENTS:
            return [Use(UseKind.ACCESSED, parent, carriers=carriers)]
        return [Use(UseKind.UNKNOWN, parent, carriers=carriers)]

    def _binding_flow(
        self, binding: Binding, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set
    ) -> list[Use]:
        """Uses of a local binding that holds the value: the uses of each of its reads."""
        if id(binding) in seen:
            return []
        seen.add(id(binding))
        uses: list[Use] = []
        for reference in binding.references:
            if reference.is_write:
                continue
            uses.extend(self._flow(reference.node, carriers, depth + 1, follow_calls, seen))
        return uses

    def _into_binding(
        self, binding: Binding, node: Node, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set
    ) -> list[Use]:
        """The value lands in a binding: a store if the binding outlives the call, else an alias to follow."""
        lifetime = self.model.binding_lifetime(binding)
        if binding.is_module_level or binding.scope.kind is ScopeKind.CLASS:
            return [
                Use(
                    UseKind.STORED,
                    node,
                    binding.node,
                    lifetime,
                    "assigned to",
                    self.target_label(binding.node, lifetime),
                    carriers=carriers,
                )
            ]
        return self._binding_flow(binding, carriers, depth, follow_calls, seen)

    def _assigned(
        self, assignment: Node, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set
    ) -> list[Use]:
        left = syntax.unwrap(assignment.child_by_field_name("left"))
        if left is None:
            return [Use(UseKind.UNKNOWN, assignment, carriers=carriers)]
        if left.type == "identifier":
            binding = self.model.resolve(left)
            if binding is None:
                lifetime = self.model.lifetime(left)
                label = f"global `{syntax.text(left)}`"
                return [Use(UseKind.STORED, assignment, left, lifetime, "assigned to", label, carriers=carriers)]
            if binding.is_module_level:
                lifetime = self.model.binding_lifetime(binding)
                label = self.target_label(left, lifetime)
                return [Use(UseKind.STORED, assignment, left, lifetime, "assigned to", label, carriers=carriers)]
            return self._binding_flow(binding, carriers, depth, follow_calls, seen)
        if left.type in ("member_expression", "subscript_expression"):
            if _is_exports(left):
                return [Use(UseKind.RETURNED, assignment, carriers=carriers)]
            target = syntax.unwrap(left.child_by_field_name("object"))
            grows = left.type == "subscript_expression" and not _is_literal(left.child_by_field_name("index"))
            how = "stored in" if grows and target is not None and target.type == "identifier" else "assigned to"
            return self._stored_into(target, assignment, how, carriers, depth, follow_calls, seen, left, grows)
        return [Use(UseKind.UNKNOWN, assignment, carriers=carriers)]

    def _as_member_object(
        self, member: Node, node: Node, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set
    ) -> list[Use]:
        """`f.bind(x)` carries the function on; `f.call()` calls it; anything else reads a property."""
        prop = member.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        call = member.parent
        is_called = (
            call is not None and call.type == "call_expression" and call.child_by_field_name("function") == member
        )
        if is_called and name == "bind" and not carriers:
            return self._flow(call, carriers, depth + 1, follow_calls, seen)
        if is_called and name in ("call", "apply") and not carriers:
            return [Use(UseKind.CALLED, call)]
        return [Use(UseKind.ACCESSED, member, carriers=carriers)]

    def _as_argument(
        self, site: CallSite, index: int, carriers: tuple[Node, ...], depth: int, follow_calls: bool, seen: set
    ) -> list[Use]:
        method, name = site.method, site.name
        if index < 0:
            return [Use(UseKind.UNKNOWN, site.node, carriers=carriers)]
        receiver = syntax.unwrap(site.receiver)
        if method in COLLECTION_STORES and receiver is not None and not site.is_new and not (
            receiver.type == "identifier" and self._object_literal_method(receiver, method) is not None
        ):  # `hub.add(ws)` on `const hub = { add(ws) {…} }` runs that method, followed below
            slot = {"set": 1, "add": 0}.get(method)
            if (slot is None or index == slot) and self._is_collection(receiver, method):
                grows = method != "set" or not _is_literal(site.argument(0))
                how = COLLECTION_STORES[method]
                return self._stored_into(receiver, site.node, how, carriers, depth, follow_calls, seen, None, grows)
        if method == "splice" and index >= 2 and receiver is not None and self._is_collection(receiver, method):
            how = "spliced into"
            return self._stored_into(receiver, site.node, how, carriers, depth, follow_calls, seen, None, True)
        if (method in LISTENER_METHODS or method in ONCE_METHODS or method == "addEventListener") and index >= 1:
            lifetime = self.model.lifetime(site.receiver)
            label = self.target_label(site.receiver, lifetime)
            return [
                Use(UseKind.REGISTERED, site.node, site.receiver, lifetime, "registered on", label, carriers=carriers)
            ]
        if index == 0 and (module := exit_hook_call(self.model, site)) is not None:
            # `onExit(fn)` with its remover dropped: one more entry in the process's exit hooks per call
            lifetime = LifetimeFact(Lifetime.LONG_LIVED, f"{module}'s process-wide exit hook list", site.callee)
            return [Use(UseKind.STORED, site.node, site.callee, lifetime, "registered with",
                        f"the process-wide exit hooks of `{module}`", carriers=carriers, grows=True)]
        if name == "setInterval" or method == "setInterval":
            return [Use(UseKind.REGISTERED, site.node, how="registered with", target_label="setInterval()")]
        if carriers == () and (
            (method in ITERATION_METHODS or method in PROMISE_METHODS)
            or name in CONSUMING_CALLS
            or method in CONSUMING_CALLS
            or method == "nextTick"
            or (site.is_new and name == "Promise")
        ):
            return [Use(UseKind.CONSUMED, site.node)]
        if follow_calls:
            callee = self._callee_function(site)
            if callee is not None:
                return self._through_callee(site, callee, index, carriers, depth, seen)
        return [Use(UseKind.PASSED, site.node, carriers=carriers)]

    def _through_callee(
        self, site: CallSite, callee: Function, index: int, carriers: tuple[Node, ...], depth: int, seen: set
    ) -> list[Use]:
        """One step inside a same-file function: what it does with the parameter at ``index``."""
        parameter = parameter_at(self.model, callee, index)
        if parameter is None:
            return [Use(UseKind.PASSED, site.node, carriers=carriers)]
        inner = self._binding_flow(parameter, (), depth, False, seen)
        uses = []
        for use in inner:
            if use.is_escape:
                uses.append(dataclasses.replace(use, via=site, carriers=carriers + use.carriers))
            elif use.kind in TRANSIENT_KINDS:
                uses.append(Use(UseKind.CONSUMED, site.node, carriers=carriers))
            else:
                uses.append(Use(use.kind, site.node, carriers=carriers, via=site))
        return uses or [Use(UseKind.CONSUMED, site.node, carriers=carriers)]

    def _stored_into(
        self,
        target: Node | None,
        node: Node,
        how: str,
        carriers: tuple[Node, ...],
        depth: int,
        follow_calls: bool,
        seen: set,
        member: Node | None = None,
        grows: bool = False,
    ) -> list[Use]:
        """The value is put into ``target`` (as its ``member``): a local container is followed, the rest is a store."""
        if target is None:
            return [Use(UseKind.UNKNOWN, node, carriers=carriers)]
        lifetime = self.container_lifetime(target)
        if lifetime.lifetime is Lifetime.LOCAL and target.type == "identifier":
            binding = self.model.resolve(target)
            if binding is not None and not binding.is_module_level:
                return self._binding_flow(binding, carriers + (node,), depth, follow_calls, seen)
        shown = member if member is not None and how == "assigned to" else target
        label = self.target_label(shown, lifetime)
        stored = member if member is not None else target
        weak = self._is_weak(target)
        return [Use(UseKind.STORED, node, stored, lifetime, how, label, carriers=carriers, grows=grows, weak=weak)]

    def _is_collection(self, receiver: Node, method: str) -> bool:
        """Whether `receiver.method(...)` is a collection method rather than some API of the same name.

        `.add()` / `.set()` need a receiver declared as a collection (`hooks.add(name, fn)` on
        a module is an API call); `.push()` / `.unshift()` / `.splice()` are array methods
        on anything but an imported module.
        """
        if receiver.type == "call_expression":
            return _is_get_call(receiver)  # `byKey.get(k).push(cb)`: an entry of a Map
        values = self._declared_values(receiver)
        if any(_collection_constructor(v) is not None for v in values):
            return True
        if method in ("add", "set"):
            return False
        if receiver.type == "identifier":
            binding = self.model.resolve(receiver)
            if binding is not None and (binding.kind == "import" or _is_require_call(binding.init)):
                return False
        return True

    def _is_weak(self, target: Node) -> bool:
        """`const refs = new WeakMap()` / a class field initialised with one."""
        return any(_collection_constructor(v) in ("WeakMap", "WeakSet") for v in self._declared_values(target))

    def _declared_values(self, target: Node) -> list[Node | None]:
        """The initialisers of a binding or of a `this.field` (empty when unknown)."""
        if target.type == "identifier":
            binding = self.model.resolve(target)
            return [binding.init] if binding is not None else []
        if target.type != "member_expression":
            return []
        obj = syntax.unwrap(target.child_by_field_name("object"))
        prop = target.child_by_field_name("property")
        owner = self.model.function_at(target)
        while owner is not None and owner.node.type == "arrow_function":
            owner = owner.parent
        info = owner.class_info if owner is not None else None
        if obj is None or obj.type != "this" or prop is None or info is None:
            return []
        name = syntax.text(prop)
        return [*info.instance_fields.get(name, ()), *info.static_fields.get(name, ())]

    # -- targets ----------------------------------------------------------

    def container_lifetime(self, target: Node) -> LifetimeFact:
        """The lifetime of a store target; `map.get(k)` is an entry of `map` and lives as long."""
        target = syntax.unwrap(target)
        if target is not None and target.type == "call_expression":
            callee = syntax.unwrap(target.child_by_field_name("function"))
            if callee is not None and callee.type == "member_expression":
                prop = callee.child_by_field_name("property")
                if prop is not None and prop.text == b"get":
                    owner = self.model.lifetime(callee.child_by_field_name("object"))
                    if owner.lifetime is not Lifetime.UNKNOWN:
                        return LifetimeFact(owner.lifetime, f"an entry of {owner.reason}", owner.node)
        return self.model.lifetime(target)

    def target_label(self, target: Node | None, lifetime: LifetimeFact | None) -> str:
        """"module-level array `queue`", "`this.jobs` (field `jobs` of the @Injectable singleton …)"."""
        target = syntax.unwrap(target)
        if target is None:
            return "an unknown target"
        if target.type == "identifier":
            binding = self.model.resolve(target)
            if binding is not None and binding.is_module_level:
                kind = collection_kind(binding.init) if binding.kind in ("const", "let", "var") else None
                what = {"Map": "Map", "Set": "Set", "array": "array", "object": "object"}.get(kind or "", "")
                return f"module-level {what + ' ' if what else ''}`{binding.name}`"
        text = self.model.node_text(target, 40)
        if lifetime is None or lifetime.lifetime is Lifetime.UNKNOWN:
            return f"`{text}`"
        reason = lifetime.reason
        if target.type in ("member_expression", "subscript_expression") and not reason.startswith(_PART_REASONS):
            reason = f"on {reason}" if reason.startswith("the ") else f"a property of {reason}"
        return f"`{text}` ({reason})"

    # -- same-file callees ------------------------------------------------

    def _callee_function(self, site: CallSite) -> Function | None:
        """The function a call runs when it is defined in this file (`helper(...)`, `this.method(...)`)."""
        callee = site.callee
        if callee is None or site.is_new:
            return None
        if site.name is not None:
            binding = self.model.resolve(callee)
            if binding is None:
                return None
            if binding.kind == "function":
                return self.model.function_of(binding.declaration)
            if binding.kind in ("const", "let", "var") and binding.init is not None and not binding.writes:
                init = syntax.unwrap(binding.init)
                if init is not None and init.type in FUNCTION_KINDS:
                    return self.model.function_of(init)
            return None
        receiver = syntax.unwrap(site.receiver)
        if site.method is not None and receiver is not None and receiver.type == "this":
            owner = site.function
            while owner is not None and owner.node.type == "arrow_function":
                owner = owner.parent
            info = owner.class_info if owner is not None else None
            methods = info.methods.get(site.method, []) if info is not None else []
            if len(methods) == 1:
                return methods[0]
        if site.method is not None and receiver is not None and receiver.type == "identifier":
            return self._object_literal_method(receiver, site.method)
        return None

    def _object_literal_method(self, receiver: Node, name: str) -> Function | None:
        """`registry.add(x)` where `const registry = { add(v) {…} }` or an IIFE returning such a literal."""
        binding = self.model.resolve(receiver)
        if binding is None or binding.kind not in ("const", "let", "var") or binding.writes:
            return None
        literal = syntax.unwrap(binding.init)
        if literal is not None and literal.type == "call_expression":  # `(function () { …; return {…}; }())`
            callee = syntax.unwrap(literal.child_by_field_name("function"))
            body = callee.child_by_field_name("body") if callee is not None and callee.type in FUNCTION_KINDS else None
            returns = [c for c in body.named_children if c.type == "return_statement"] if body is not None else []
            value = returns[-1].named_children[0] if returns and returns[-1].named_children else None
            literal = syntax.unwrap(value)
        if literal is None or literal.type != "object":
            return None
        for member in literal.named_children:
            if member.type == "pair":
                key = member.child_by_field_name("key")
                value = syntax.unwrap(member.child_by_field_name("value"))
                if key is not None and syntax.text(key) == name and value is not None and value.type in FUNCTION_KINDS:
                    return self.model.function_of(value)
            elif member.type == "method_definition":
                key = member.child_by_field_name("name")
                if key is not None and syntax.text(key) == name:
                    return self.model.function_of(member)
        return None


def is_awaited(call: Node) -> bool:
    """`await f(...)`, `f(...).then(...)`, `return f(...)`: the caller waits for what the call started."""
    node, parent = call, call.parent
    while parent is not None and parent.type in _CARRIERS:
        node, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type in ("await_expression", "return_statement"):
        return True
    if parent.type == "arrow_function" and parent.child_by_field_name("body") == node:
        return True
    if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
        prop = parent.child_by_field_name("property")
        return prop is not None and syntax.text(prop) in PROMISE_METHODS
    return False


def parameter_at(model: FileModel, function: Function, index: int) -> Binding | None:
    """The binding of the plain-identifier parameter at a position (None for patterns and rest)."""
    targets = function.argument_targets()
    target = targets[index] if 0 <= index < len(targets) else None
    if target is None or target.type != "identifier":
        return None
    return model.scopes.binding_at.get(target.start_byte)


def _collection_constructor(value: Node | None) -> str | None:
    """"Map", "Set", "WeakMap", "WeakSet", "array" or "object" for an initialiser that makes one."""
    value = syntax.unwrap(value)
    if value is not None and value.type == "new_expression":
        constructor = syntax.unwrap(value.child_by_field_name("constructor"))
        if constructor is not None and constructor.text in (b"WeakMap", b"WeakSet"):
            return syntax.text(constructor)
    return collection_kind(value)


def _is_get_call(node: Node) -> bool:
    callee = syntax.unwrap(node.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return False
    prop = callee.child_by_field_name("property")
    return prop is not None and prop.text == b"get"


def _is_require_call(node: Node | None) -> bool:
    node = syntax.unwrap(node)
    while node is not None and node.type == "member_expression":
        node = syntax.unwrap(node.child_by_field_name("object"))  # `require('x').queue`
    return is_require_call(node)


def _is_literal(node: Node | None) -> bool:
    """A string, number or substitution-free template: a fixed key."""
    node = syntax.unwrap(node)
    return node is not None and (node.type == "number" or syntax.string_value(node) is not None)


def _is_logical(node: Node) -> bool:
    if node.type != "binary_expression":
        return False
    operator = node.child_by_field_name("operator")
    return operator is not None and operator.type in ("||", "??", "&&")


def _is_exports(left: Node) -> bool:
    """`module.exports.x`, `exports.x`, `module.exports`."""
    node = left
    while node is not None and node.type in ("member_expression", "subscript_expression"):
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if obj is not None and obj.type == "identifier" and obj.text in (b"module", b"exports"):
            return True
        node = obj
    return False
