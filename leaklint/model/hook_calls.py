"""Code that runs as often as a lifecycle hook: the hook's same-file callees, and a constructor's closures.

Two facts about *who calls a function* that the call graph by name does not
see, because the calls go through `this`:

- **Once per instance, through hops.** A method that the file calls only as
  `this.name(…)` from a lifecycle hook that runs once per instance (a class
  `constructor`, React's `componentDidMount`, a Vue options component's
  `created`/`mounted`, an ES5 constructor), directly or through one more
  such method, runs as often as that hook: once for each instance.  A
  `this.timer = setInterval(…)` there fills a slot no earlier call of the
  same instance has filled, and an interval it starts lives as long as the
  instance unless the teardown clears it.  Any other mention of the name
  (`this.poll.bind(this)`, `other.poll()`, a string `'poll'` for a Vue
  `watch`, a comment) means callers this file cannot count, and the answer
  is None.  A `.vue` file's template is not part of the model: a method the
  template also calls (`@click="poll"`) is missed by this fact.
- **A constructor's closure.** An ES5 constructor (`function Player() { var
  _t; this.load = function () { … } }`) keeps its `var`s alive as long as the
  instance: they are the instance's private fields.  A function it puts on
  `this`, and a local function only such methods call, runs once per call on
  one instance, so a handle it stores into such a variable can overwrite the
  one the previous call stored, exactly like `this._t` in a class method.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import direct_calls
from leaklint.model.scopes import Binding, Function, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

# Class methods a framework calls exactly once for each instance (`connectedCallback` runs on every
# attach and `componentDidUpdate` on every update, so they are not here).
ONCE_PER_INSTANCE_CLASS_HOOKS = frozenset(
    {
        "constructor",
        "componentDidMount",
        "componentWillMount",
        "UNSAFE_componentWillMount",
        "ngOnInit",
        "onModuleInit",
        "onApplicationBootstrap",
        "firstUpdated",
    }
)
# How many `this.name()` hops a method may be from the hook.
MAX_HOPS = 2
_WORD = re.compile(rb"[A-Za-z_$][\w$]*")
_DOT_WORD = re.compile(rb"\.\s*([A-Za-z_$][\w$]*)")
_QUOTED_WORD = re.compile(rb"""['"`]([A-Za-z_$][\w$]*)['"`]""")


@dataclass(frozen=True)
class HookCaller:
    """The once-per-instance hook a function is reached from, and the calls on the way."""

    hook: Function
    name: str  # `constructor`, `created`, `componentDidMount`, or the ES5 constructor's name
    calls: tuple[Node, ...]  # the call in the hook first, the call of the function last


@dataclass(frozen=True)
class _Words:
    every: Counter
    after_dot: Counter
    quoted: frozenset


def _words(model: FileModel) -> _Words:
    source = model.source
    return _Words(
        Counter(_WORD.findall(source)),
        Counter(_DOT_WORD.findall(source)),
        frozenset(_QUOTED_WORD.findall(source)),
    )


def once_per_instance_hook_name(model: FileModel, function: Function | None) -> str | None:
    """The name of the lifecycle hook ``function`` is, when that hook runs once per instance, else None."""
    from leaklint.model.shape import es5_class_binding, once_per_instance_hook

    if function is None:
        return None
    context = function.context
    if context and context[0] == "method":
        return context[2] if context[2] in ONCE_PER_INSTANCE_CLASS_HOOKS and not context[3] else None
    hook = once_per_instance_hook(model, function)
    if hook is not None:
        return hook
    if function.node.type == "function_declaration" and context and context[0] == "declared":
        if es5_class_binding(model, function) is not None or is_shaped_constructor(model, function):
            return function.name
    return None


def once_per_instance_caller(model: FileModel, function: Function | None) -> HookCaller | None:
    """The hook ``function`` is reached from, when the file calls it only from once-per-instance code.

    ``function`` is a method (of a class, an object literal such as a Vue
    options object, an ES5 prototype, or a constructor's `this.m = function`)
    or a local function; it must not be a hook itself.  None when any caller
    is something else, or when the file mentions it where callers cannot be
    counted.
    """
    if function is None or once_per_instance_hook_name(model, function) is not None:
        return None
    memo = model.fact("hook-callers", lambda _: {})
    key = function.node.start_byte
    if key not in memo:
        memo[key] = None  # a cycle (`a` calls `b` calls `a`) is not a hook
        memo[key] = _caller(model, function, 0)
    return memo[key]


def _caller(model: FileModel, function: Function, hops: int) -> HookCaller | None:
    sites = _callers(model, function)
    if not sites:
        return None
    found: HookCaller | None = None
    for site in sites:
        caller = site.function
        if caller is None or caller is function:
            return None
        name = once_per_instance_hook_name(model, caller)
        if name is not None:
            step = HookCaller(caller, name, (site.node,))
        elif hops + 1 < MAX_HOPS:
            upper = _caller(model, caller, hops + 1)
            if upper is None:
                return None
            step = HookCaller(upper.hook, upper.name, upper.calls + (site.node,))
        else:
            return None
        if found is None:
            found = step
        elif found.hook is not step.hook:
            # Two hooks of the same instance (`created` and `mounted`) each run once: still once per hook,
            # but the slot a hook fills may be filled again by the other, so only one hook counts.
            return None
    return found


def _callers(model: FileModel, function: Function) -> list | None:
    """Every call of ``function`` in the file, when the file mentions it only in those calls (else None)."""
    calls = direct_calls(model, function)
    if calls:
        reads = function.context[1].reads
        return calls if len(calls) == len(reads) else None
    member = _member(model, function)
    if member is None:
        return None
    owner, name, dotted_definition = member
    words = model.fact("hook-call-words", _words)
    encoded = name.encode()
    if encoded in words.quoted:
        return None  # `watch: { x: 'poll' }`, `this[‘poll’]`: called by name where this file cannot count
    from leaklint.model.shape import is_this_or_alias

    sites = [s for s in model.method_calls(name) if is_this_or_alias(model, s.receiver)]
    if not sites or any(s.function is None or _owner(model, s.function) != owner for s in sites):
        return None
    dots = len(sites) + (1 if dotted_definition else 0)
    if words.after_dot[encoded] != dots or words.every[encoded] != dots + (0 if dotted_definition else 1):
        return None  # mentioned elsewhere: `this.poll.bind(this)`, `other.poll()`, a comment
    return sites


def _member(model: FileModel, function: Function) -> tuple[tuple, str, bool] | None:
    """(owner key, member name, whether the definition itself is written `x.name = …`) for a `this` member."""
    from leaklint.model.shape import _prototype_owner

    context = function.context
    if not context:
        return None
    kind = context[0]
    if kind == "method":
        if context[3]:
            return None  # static: `this` is the class, and callers use its name
        return ("class", context[1].node.start_byte), context[2], False
    if kind == "property" and context[1] is not None:
        obj = _object_owner(model, function)
        key = syntax.string_value(context[1]) or syntax.text(context[1])
        return (("object", obj.start_byte), key, False) if obj is not None and key else None
    if kind == "assigned" and context[1] is not None:
        left = syntax.unwrap(context[1])
        if left is None or left.type != "member_expression":
            return None
        prop = left.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        owner = _prototype_owner(model, left)
        if owner is not None:
            binding = model.resolve(owner)
            return (("es5", binding.node.start_byte), name, True) if binding is not None and name else None
        constructor = _closure_owner(model, function)
        if constructor is not None and name:
            return ("closure", constructor.node.start_byte), name, True
    return None


def _owner(model: FileModel, caller: Function) -> tuple | None:
    """The owner key of the code a `this.name()` call sits in (the hook or method it is directly in)."""
    member = _member(model, caller)
    if member is not None:
        return member[0]
    if once_per_instance_hook_name(model, caller) is not None and caller.context and caller.context[0] == "declared":
        binding = caller.context[1]
        return ("es5", binding.node.start_byte) if isinstance(binding, Binding) else None
    return None


def _object_owner(model: FileModel, function: Function) -> Node | None:
    """The object whose members share `this` with ``function``: a Vue options object for its `methods:` too."""
    from leaklint.model.teardown import vue_options_of

    found = vue_options_of(model, function)
    if found is not None:
        return found[0]
    parent = function.node.parent
    if parent is not None and parent.type == "pair":
        parent = parent.parent
    return parent if parent is not None and parent.type == "object" else None


def callers_are_all_in_file(model: FileModel, function: Function) -> bool:
    """Whether code in other files is unlikely to call ``function`` directly.

    True for a member of an object literal (a Vue options object, a React
    spec: the framework calls the hooks and the members call each other), a
    method of a UI component class (React, Angular, custom element), a
    private method (`#poll`, TypeScript `private`) and a local function that
    is not exported.  A public method of any other class, an ES5 prototype
    method and a `this.m = function …` of a constructor are API: other files
    may call them on the instances they get.
    """
    from leaklint.model.teardown import component_kind

    context = function.context
    if not context:
        return False
    if context[0] == "property":
        return True
    if context[0] == "declared":
        return not function.exported
    if context[0] != "method":
        return False
    if model.external.unknown_instances(context[1].name) is not None:
        return False  # instances made by code the project link cannot follow
    if component_kind(context[1]) is not None:
        return True
    name_node = function.node.child_by_field_name("name")
    if name_node is not None and name_node.type == "private_property_identifier":
        return True
    return any(c.type == "accessibility_modifier" and c.text == b"private" for c in function.node.children)


# -- ES5 constructors and their closures ----------------------------------------------


def is_shaped_constructor(model: FileModel, function: Function) -> bool:
    """A capitalised `function F(…) {…}` that puts functions on `this` (`this.load = function …`): a constructor."""
    if function.node.type not in ("function_declaration", "function_expression", "function"):
        return False
    name = (function.name or "").rsplit(".", 1)[-1]
    if not name or not name[0].isupper():
        return False
    memo = model.fact("shaped-constructors", _shaped_constructors)
    return function.node.start_byte in memo


def _shaped_constructors(model: FileModel) -> frozenset[int]:
    found = set()
    for node in model.nodes("assign"):
        if node.type != "assignment_expression":
            continue
        value = syntax.unwrap(node.child_by_field_name("right"))
        if value is None or value.type not in syntax.FUNCTION_KINDS or not _on_this(model, node.child_by_field_name("left")):
            continue
        owner = model.function_at(node)
        if owner is not None:
            found.add(owner.node.start_byte)
    return frozenset(found)


def _on_this(model: FileModel, left: Node | None) -> bool:
    """`this.x` or `self.x` with `var self = this` (an assignment target)."""
    from leaklint.model.shape import is_this_or_alias

    left = syntax.unwrap(left)
    return left is not None and left.type == "member_expression" and is_this_or_alias(
        model, left.child_by_field_name("object")
    )


def _closure_owner(model: FileModel, function: Function) -> Function | None:
    """The constructor that puts ``function`` on `this` (`this.load = function …` directly in its body)."""
    context = function.context
    if not context or context[0] != "assigned" or not _on_this(model, context[1]):
        return None
    owner = function.parent
    if owner is None or owner.node.type == "arrow_function":
        return None
    if once_per_instance_hook_name(model, owner) is not None or is_shaped_constructor(model, owner):
        return owner
    return None


def instance_closure_owner(model: FileModel, function: Function | None, hops: int = 0) -> Function | None:
    """The constructor whose per-instance methods run ``function``, when they are what runs it, else None.

    ``function`` is a method the constructor puts on `this`, or a local
    function of the constructor that only such methods (and the constructor
    itself) call, directly or through one more such local function.  Called
    only from the constructor, it runs once per instance and the answer is None.
    """
    if function is None or hops > MAX_HOPS:
        return None
    owner = _closure_owner(model, function)
    if owner is not None:
        return owner
    calls = direct_calls(model, function)
    if not calls or len(calls) != len(function.context[1].reads):
        return None
    constructor = function.parent
    if constructor is None:
        return None
    through_method = False
    for site in calls:
        caller = site.function
        if caller is constructor:
            continue
        if caller is None or caller is function or instance_closure_owner(model, caller, hops + 1) is not constructor:
            return None
        through_method = True
    return constructor if through_method else None


def closure_slot_of_instance(model: FileModel, binding: Binding | None, function: Function) -> bool:
    """``binding`` is a local of the constructor whose per-instance methods run ``function``: it lives as
    long as the instance, so each call of ``function`` on that instance sees what the last one stored."""
    if binding is None or binding.kind not in ("var", "let", "const") or binding.scope.kind is ScopeKind.MODULE:
        return False
    owner = instance_closure_owner(model, function)
    return owner is not None and (binding.scope.function or binding.scope.owner) is owner
