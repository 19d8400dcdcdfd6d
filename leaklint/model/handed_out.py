"""Functions handed to callers outside the file, and what every call of one leaves behind.

A library entry point (`export const dragmove = function (target, …) {…}`), a
subscription function a factory returns (`onUpdate(callback)` handed out by a
Proxy's `get` trap), `module.exports.watch = function (el) {…}`: nothing in
the file or the project calls them, so the file alone cannot say how often
they run (`Evidence.API`), and rules that need certainty stay silent.  Taking
every such function as repeating was measured to add about 38 findings on 12
libraries, 1 of them a leak; most exported functions are set-up called once.

What the finding is about is narrower: what *each call* does.  A call that
makes a new closure over its own arguments (the caller's element or callback)
and gives it to a long-lived receiver (a listener on `document`, on a
module-level emitter; a push onto a module-level array) with nothing in the
file that ever takes it back leaves one closure, and the caller's argument,
behind per call, however often the callers call.  That is positive evidence,
and ``per_call_closure`` says what it is:

- the function is handed out (``handed_out``): exported, returned to the
  caller of its enclosing function, a member of an object literal that is
  returned or exported, or assigned to `module.exports` / `exports`; the
  frequency analysis answers `Evidence.API` (or a shape guess that it
  repeats), so a function the file or the project link shows called once
  (module top level, a singleton's constructor), and one named like set-up
  (`init`, `setup*`, `register*`, `install*`, `create*App`, `on`,
  `subscribe`, … in shape.py's vocabulary), are not;
- it takes at least one parameter, and the closure it hands on is made in the
  call (inline, or a function or `const` declared in it) and reads one of its
  parameters (or a local made from one): each call's closure keeps that call's
  arguments.  A closure over the call's own state only (`let lastFocused` of a
  plugin installer), or one that only calls methods of the argument (a
  plugin's `handle.send(…)` to the host that loaded it), is not enough;
- it is no factory or installer (``_returns_a_product``): one that returns
  what it makes (a middleware, an object with methods, a local object) or
  puts methods on its argument is configured once per thing it makes.

Whether the receiver is long-lived and whether a removal matches are the
rule's usual checks (LL002), and the collection's missing eviction LL001's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.frequency import Evidence, Frequency, FrequencyFact
from leaklint.model.scopes import Function
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_EXPORT_TARGETS = ("module.exports", "exports")


@dataclass(frozen=True, repr=False)  # its Function fields reach the whole scope tree
class PerCallClosure:
    """A closure each call of a handed-out function makes and gives to something that keeps it."""

    function: Function  # the handed-out function
    how: str  # how it is handed out: "exported", "returned to callers", …
    closure: Function  # the closure made per call
    captured: str  # the parameter or local of the call the closure reads

    def fact(self, model: FileModel) -> FrequencyFact:
        """A frequency fact for rules' messages: once per call of the handed-out function (SHAPE evidence)."""
        return FrequencyFact(
            Frequency.REPEATED, self.reason(model), self.function.node, evidence=Evidence.SHAPE,
        )

    def reason(self, model: FileModel) -> str:
        """The inference, in words, for the finding's related note."""
        return (
            f"{model.describe_function(self.function)} is {self.how}, so its callers are outside this file, and "
            f"each call makes a new closure that keeps that call's `{self.captured}`"
        )


def handed_out(model: FileModel, function: Function | None) -> str | None:
    """How ``function`` is given to callers the file does not show ("exported", …), or None.

    None too when the file or the project link says how often it runs, or its
    name says it runs once (shape vocabulary): only `Evidence.API` answers (and
    shape guesses that it repeats per call) count.
    """
    if function is None or not function.params:
        return None
    fact = model.frequency(function)
    if fact.frequency is Frequency.ONCE or not fact.runs_repeatedly:
        return None
    if fact.evidence is not Evidence.API and not (fact.evidence is Evidence.SHAPE and fact.frequency is Frequency.REPEATED):
        return None
    from leaklint.model.shape import is_once_name, simple_name

    name = simple_name(function)
    if name and is_once_name(name, model.options.once_names):
        return None
    if _returns_a_product(model, function):
        return None  # a factory: what it registers is the set-up of what it makes (a middleware, a store)
    context = function.context
    kind = context[0] if context else None
    if kind != "property" and (function.exported or fact.reason == "exported"):
        return "exported"
    if kind == "declared" and fact.reason == "stored or exported for other callers":
        return _reference_handed_out(function.context[1])
    if kind == "returned":
        factory = model.frequency(function.parent) if function.parent is not None else None
        if factory is not None and factory.evidence in (Evidence.API, Evidence.SHAPE, Evidence.UNKNOWN):
            return "returned to callers"
        return None  # the file shows its factory's calls (`tests.map(run)`): it hands the closures on itself
    if kind == "property":
        obj = function.literal_object
        where = _handed_out_object(obj) if obj is not None else None
        return f"a method of an object literal {where}" if where else None
    if kind == "assigned":
        left = syntax.unwrap(context[1])
        if left is not None and (
            syntax.text(left) == "module.exports"
            or left.type == "member_expression" and syntax.text(left.child_by_field_name("object")) in _EXPORT_TARGETS
        ):
            return f"assigned to `{model.node_text(left, 40)}`"
    return None


# Names of what a subscription returns to undo itself: returning only these is no product.
_DISPOSER_NAMES = frozenset(
    {"remove", "unsubscribe", "off", "dispose", "destroy", "cancel", "stop", "detach", "unbind", "close", "teardown", "unlisten"}
)


def _installs_methods_on_a_parameter(model: FileModel, function: Function) -> bool:
    """`P.m = function …` (or `P.prototype.m = …`) on an own parameter `P`, directly in the function."""
    own = {id(p) for p in function.params}
    for assign in model.nodes("assign"):
        if not function.contains(assign) or model.function_at(assign) is not function:
            continue
        right = syntax.unwrap(assign.child_by_field_name("right"))
        left = syntax.unwrap(assign.child_by_field_name("left"))
        if right is None or right.type not in syntax.FUNCTION_KINDS or left is None or left.type != "member_expression":
            continue
        root = left
        while root is not None and root.type == "member_expression":
            root = syntax.unwrap(root.child_by_field_name("object"))
        binding = model.resolve(root) if root is not None and root.type == "identifier" else None
        if binding is not None and id(binding) in own:
            return True
    return False


def _returns_a_product(model: FileModel, function: Function) -> bool:
    """The function returns a function that takes arguments (a middleware, a handler), an object with
    methods other than a disposer's (`{ getState, subscribe }`) or a local object or instance it made
    (`const cache = {…}; return cache`), or it puts methods on its argument: it is a factory or an
    installer, configured once per thing it makes or equips.  `return () => off()` and
    `return { remove }` undo the call and are no product."""
    body = function.body
    if body is None:
        return False
    values = []
    if body.type != "statement_block":
        values.append(body)  # `(el) => ({ … })`
    stack = [body] if body.type == "statement_block" else []
    while stack:
        node = stack.pop()
        if node.type in syntax.FUNCTION_KINDS or node.type == "class_declaration":
            continue
        if node.type == "return_statement" and node.named_children:
            values.append(node.named_children[0])
            continue
        stack.extend(node.named_children)
    if _installs_methods_on_a_parameter(model, function):
        return True  # `module.exports = function (Posts) { Posts.edit = async function … }`: it equips its argument
    for value in values:
        value = syntax.unwrap(value)
        if value is None:
            continue
        if value.type == "identifier":
            binding = model.resolve(value)
            init = syntax.unwrap(binding.init) if binding is not None and binding.init is not None else None
            if binding is not None and binding.scope.owner is function and init is not None \
                    and init.type in ("object", "new_expression"):
                return True  # `const cache = { … }; …; return cache`: the object it made
            continue
        if value.type in syntax.FUNCTION_KINDS:
            product = model.function_of(value)
            if product is not None and product.params:
                return True
        elif value.type == "object":
            for member in value.named_children:
                if member.type == "shorthand_property_identifier" and syntax.text(member) not in _DISPOSER_NAMES:
                    binding = model.resolve(member)
                    init = syntax.unwrap(binding.init) if binding is not None and binding.init is not None else None
                    if binding is not None and (binding.kind == "function" or init is not None and init.type in syntax.FUNCTION_KINDS):
                        return True
                    continue
                key = member.child_by_field_name("name") if member.type == "method_definition" else \
                    member.child_by_field_name("key") if member.type == "pair" else None
                if key is None:
                    continue
                if member.type == "pair":
                    held = syntax.unwrap(member.child_by_field_name("value"))
                    if held is None or held.type not in syntax.FUNCTION_KINDS:
                        continue
                if syntax.text(key) not in _DISPOSER_NAMES:
                    return True
    return False


def _reference_handed_out(binding) -> str | None:
    """`return f`, `module.exports = { f }`, `return { start: f }`: a reference that hands the function out.

    Not `foo({ handler: f })` or `list.push(f)`: given to a callee the file names, whose calls decide.
    """
    for reference in binding.reads[:50]:
        node = reference.node
        parent = node.parent
        while parent is not None and parent.type in ("parenthesized_expression", "as_expression"):
            node, parent = parent, parent.parent
        if parent is None:
            continue
        if parent.type == "return_statement":
            return "returned to callers"
        obj = parent if node.type == "shorthand_property_identifier" and parent.type == "object" else None
        if parent.type == "pair" and parent.child_by_field_name("value") == node and parent.parent is not None:
            obj = parent.parent if parent.parent.type == "object" else None
        where = _handed_out_object(obj) if obj is not None else None
        if where is not None:
            return "exported" if where == "that is exported" else where
    return None


def _handed_out_object(obj: Node) -> str | None:
    """"returned to callers" / "that is exported" when the object literal itself leaves the file's hands."""
    parent = obj.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        parent = parent.parent
    if parent is None:
        return None
    if parent.type == "return_statement" or parent.type == "arrow_function" and parent.child_by_field_name("body") is not None \
            and parent.child_by_field_name("body").start_byte <= obj.start_byte:
        return "returned to callers"
    if parent.type == "export_statement":
        return "that is exported"
    if parent.type == "assignment_expression":
        left = syntax.unwrap(parent.child_by_field_name("left"))
        text = syntax.text(left) if left is not None else ""
        if text in _EXPORT_TARGETS or text.startswith("module.exports.") or text.startswith("exports."):
            return "that is exported"
    return None


def per_call_closure(model: FileModel, function: Function | None, value: Node | None) -> PerCallClosure | None:
    """The evidence that ``value``, given away in ``function``, is a closure each call of a handed-out function makes."""
    how = handed_out(model, function)
    if how is None:
        return None
    closure = _closure_made_in(model, function, value)
    if closure is None:
        return None
    captured = _captured_call_value(model, function, closure)
    if captured is None:
        return None
    return PerCallClosure(function, how, closure, captured)


def _closure_made_in(model: FileModel, function: Function, value: Node | None) -> Function | None:
    """The function ``value`` is when it is made inside ``function``: inline, or declared there."""
    value = syntax.unwrap(value)
    if value is None:
        return None
    if value.type in syntax.FUNCTION_KINDS:
        closure = model.function_of(value)
        return closure if closure is not None and closure.parent is function else None
    if value.type != "identifier":
        return None
    binding = model.resolve(value)
    if binding is None or binding.scope.owner is not function or binding.writes:
        return None
    declaration = binding.init if binding.kind in ("const", "let", "var") else binding.node.parent if binding.kind == "function" else None
    declaration = syntax.unwrap(declaration)
    if declaration is None or declaration.type not in syntax.FUNCTION_KINDS:
        return None
    closure = model.function_of(declaration)
    return closure if closure is not None and closure.parent is function else None


def _captured_call_value(model: FileModel, function: Function, closure: Function) -> str | None:
    """The name of a parameter of ``function`` (or of a local made from one) that ``closure`` reads."""
    captured = model.captures_of(closure)
    ids = {id(binding) for binding in captured}
    for param in function.params:
        if id(param) in ids and _kept_as_data(closure, captured[param]):
            return param.name
    for binding in captured:
        # a local made from an argument (`const el = target.el`); locals of the call alone are the
        # plugin's own state (`let lastFocused` of an installer), not the caller's values
        if binding.kind in ("const", "let", "var") and binding.scope.owner is function and binding.init is not None:
            init = binding.init
            if any(init.start_byte <= r.node.start_byte < init.end_byte for p in function.params for r in p.reads):
                return binding.name
    return None


def _kept_as_data(closure: Function, references) -> bool:
    """The closure uses the argument as the caller's value: calls it (a callback), passes it on, reads
    or writes its properties (`target.style.left = …`).  Only calling its methods (`handle.send(…)`,
    `handle.debug(…)`) is how a plugin talks to the host that called it: no evidence of a per-use value."""
    for reference in references:
        node = reference.node
        if not closure.contains(node):
            continue
        parent = node.parent
        if parent is not None and parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            call = parent.parent
            if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == parent:
                continue  # `handle.send(…)`: a method of the host's handle
        return True
    return False
