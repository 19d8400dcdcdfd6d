"""Components that end: the teardown a UI framework runs when a component goes away.

A component mounts and unmounts many times over the life of a page or app.
Whatever it starts (an interval, a subscription) has to be stopped on the way
out, by the hook the framework calls then, or it outlives the component:

- a React class component (`extends Component` / `PureComponent`):
  `componentWillUnmount()`;
- a Vue options-API component: `beforeUnmount`, `unmounted`, `beforeDestroy`,
  `destroyed`, or a `this.$once('hook:beforeDestroy', …)` listener;
- an Angular `@Component` / `@Directive`: `ngOnDestroy()`;
- a custom element (`extends HTMLElement`, `LitElement`):
  `disconnectedCallback()`;
- a React function component or custom hook: the cleanup functions its
  `useEffect` / `useLayoutEffect` callbacks return.

The teardown reaches what it calls on `this` (`componentWillUnmount() {
this.stop(); }`) and, for effect cleanups, the local functions it calls or
returns.  A clear made only from the timer's own callback, a `stop()` no
teardown calls, or a click handler does not run when the component unmounts
while the timer is running.

React also constructs class components it never mounts (server rendering, a
render it throws away, StrictMode's second construction); for those
`componentWillUnmount()` never runs, so the React docs ask constructors,
`render()` and `componentWillMount()` to have no side effects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import EFFECT_HOOKS
from leaklint.model.framework_hooks import hook_teardown
from leaklint.model.scopes import ClassInfo, Function
from leaklint.model.shape import is_this_or_alias
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

_REACT_SUPERCLASS = re.compile(r"^extends\s+(?:\w+\.)?(?:Pure)?Component\b")
_ELEMENT_SUPERCLASS = re.compile(r"^extends\s+(?:\w+\.)?(?:HTMLElement|LitElement|FASTElement)\b")
REACT_TEARDOWN = ("componentWillUnmount",)
# Hooks React may run for an instance it never mounts, and so never unmounts.
REACT_UNMOUNTED_HOOKS = frozenset({"constructor", "render", "componentWillMount", "UNSAFE_componentWillMount"})
VUE_TEARDOWN = ("beforeUnmount", "unmounted", "beforeDestroy", "destroyed")
_VUE_HOOK_EVENT = re.compile(r"^hook:(?:beforeDestroy|destroyed|beforeUnmount|unmounted)$")
ANGULAR_DECORATORS = frozenset({"Component", "Directive"})
ANGULAR_TEARDOWN = ("ngOnDestroy",)
ELEMENT_TEARDOWN = ("disconnectedCallback",)
# Options that mark an object literal as a Vue options-API component.
VUE_OPTION_KEYS = frozenset({"data", "methods", "computed", "watch", "props", "template", "components", "emits"})
VUE_HOOKS = frozenset({"beforeCreate", "created", "beforeMount", "mounted", "activated", *VUE_TEARDOWN})
_MAX_STEPS = 64


@dataclass(frozen=True)
class Teardown:
    """A component, the hooks it stops its work in, and what those hooks reach."""

    framework: str  # "React class component", "Vue component", "React effect", …
    node: Node  # the class, options object or component function
    hook_names: tuple[str, ...]  # the hooks the framework calls on the way out, for messages
    reached: tuple[Function, ...]  # teardown functions and the members they call
    member: str | None = None  # the member the code in question sits in (`constructor`, `mounted`)
    unmounted_start: bool = False  # that member may run for an instance that never mounts (React)
    present: bool = True  # the component has a teardown hook (or an effect cleanup) at all
    inferred: bool = False  # recognised by shape only (a Vue options object's keys), not declared
    ending: str = "unmounting the component"  # what runs the teardown, for messages
    ends: str = "when the component unmounts"

    def covers(self, node: Node) -> bool:
        """The node runs when the component goes away."""
        return any(function.contains(node) for function in self.reached)

    @property
    def label(self) -> str:
        """"`componentWillUnmount()`", "an effect cleanup", for messages."""
        if not self.hook_names:
            return "an effect cleanup"
        return " / ".join(f"`{name}()`" for name in self.hook_names)


def teardown_of(model: FileModel, function: Function | None) -> Teardown | None:
    """The teardown of the component whose code ``function`` is, or None outside components."""
    current = function
    steps = 0
    while current is not None and steps < _MAX_STEPS:
        steps += 1
        info = current.class_info
        if info is not None:
            found = _class_teardown(model, info, current.method_name)
            if found is not None:
                return found
        if (effect := _effect_call(model, current)) is not None:
            owner = current.parent
            return _effect_teardown(model, owner if owner is not None else current, effect)
        if _is_function_component(model, current):
            return _effect_teardown(model, current, None)
        options = _vue_options(model, current)
        if options is not None:
            return _vue_teardown(model, options, current)
        hooked = hook_teardown(model, current)  # A-Frame components, ProseMirror plugin views
        if hooked is not None:
            return hooked
        current = current.parent
    return None


# -- classes ---------------------------------------------------------------------


def component_kind(info: ClassInfo) -> tuple[str, tuple[str, ...]] | None:
    """The framework a class is a component of, and its teardown hooks, or None."""
    superclass = info.superclass or ""
    if _REACT_SUPERCLASS.match(superclass):
        return "React class component", REACT_TEARDOWN
    if any(d in ANGULAR_DECORATORS for d in info.decorators):
        return "Angular component", ANGULAR_TEARDOWN
    if _ELEMENT_SUPERCLASS.match(superclass):
        return "custom element", ELEMENT_TEARDOWN
    return None


def _class_teardown(model: FileModel, info: ClassInfo, member: str | None) -> Teardown | None:
    kind = component_kind(info)
    if kind is None:
        return None
    framework, hooks = kind
    members: dict[str, list[Function]] = {}
    for function in model.functions:
        if function.class_info is info and function.method_name:
            members.setdefault(function.method_name, []).append(function)
    roots = [f for name in hooks for f in members.get(name, ())]
    reached = _follow_this_calls(model, roots, members)
    unmounted = framework == "React class component" and member in REACT_UNMOUNTED_HOOKS
    return Teardown(framework, info.node, hooks, tuple(reached), member, unmounted, bool(roots))


def _follow_this_calls(model: FileModel, roots: list[Function], members: dict[str, list[Function]]) -> list[Function]:
    """The roots and every member they reach through `this.name(…)` calls.

    Also through an alias of `this` (`const self = this; self.stop()`) and a
    method destructured from it (`const { stop } = this; stop()`).
    """
    reached: list[Function] = []
    pending = list(roots)
    sites = model.method_calls(*members) + model.function_calls(*members)
    while pending and len(reached) < _MAX_STEPS:
        function = pending.pop()
        if function in reached:
            continue
        reached.append(function)
        for site in sites:
            if not function.contains(site.node):
                continue
            name = site.method if site.method is not None and is_this_or_alias(model, site.receiver) else _from_this(model, site)
            pending.extend(f for f in members.get(name or "", ()) if f not in reached)
    return reached


follow_this_calls = _follow_this_calls


def _from_this(model: FileModel, site) -> str | None:
    """`stop` for `stop()` where `const { stop } = this`."""
    if site.name is None or site.callee is None:
        return None
    binding = model.resolve(site.callee)
    if binding is None or binding.destructured_from is None:
        return None
    if syntax.unwrap(binding.destructured_from).type != "this":
        return None
    from leaklint.model.imports import destructured_key

    return destructured_key(binding.node) or binding.name


# -- Vue options objects -----------------------------------------------------------


def _member_key(function: Function) -> str | None:
    context = function.context
    if context and context[0] == "property" and context[1] is not None:
        return syntax.string_value(context[1]) or syntax.text(context[1])
    if context and context[0] == "option":  # `Vue.extend({ created() {…} })`: an option of a call
        return context[3]
    return None


def _keys(obj: Node) -> dict[str, Node]:
    found = {}
    for child in obj.named_children:
        key = child.child_by_field_name("key") if child.type == "pair" else child.child_by_field_name("name")
        if child.type == "shorthand_property_identifier":
            key = child
        if key is not None:
            found[syntax.string_value(key) or syntax.text(key)] = child
    return found


def _key_text(pair: Node) -> str | None:
    key = pair.child_by_field_name("key")
    return syntax.text(key) if key is not None else None


_VUE_SETUP_HOOKS = frozenset({"beforeCreate", "created", "beforeMount", "mounted"})


def is_vue_options_object(obj: Node) -> bool:
    """An object literal with a Vue lifecycle hook and another Vue component option (`data`, `methods`, …).

    A set-up hook paired with a teardown hook (`{ beforeCreate() {…}, destroyed() {…} }`, a mixin
    a plugin's `register()` returns for `Vue.mixin()`) says the same without another option.
    """
    keys = _keys(obj)
    if not any(k in VUE_HOOKS for k in keys):
        return False
    if any(k in VUE_OPTION_KEYS for k in keys):
        return True
    return any(k in _VUE_SETUP_HOOKS for k in keys) and any(k in VUE_TEARDOWN for k in keys)


def _vue_options(model: FileModel, function: Function) -> tuple[Node, str] | None:
    """The Vue options object a member (hook, or a function under `methods:`) belongs to, and its key."""
    obj = function.literal_object
    key = _member_key(function)
    if obj is None or key is None:
        return None
    if is_vue_options_object(obj):
        return obj, key
    pair = obj.parent
    if pair is not None and pair.type == "pair" and _key_text(pair) == "methods":
        outer = pair.parent
        if outer is not None and outer.type == "object" and is_vue_options_object(outer):
            return outer, key
    return None


def vue_options_of(model: FileModel, function: Function) -> tuple[Node, str] | None:
    """The Vue options object ``function`` is a hook or a `methods:` member of, with its key, or None."""
    return _vue_options(model, function)


def _vue_teardown(model: FileModel, found: tuple[Node, str], function: Function) -> Teardown:
    obj, member = found
    members: dict[str, list[Function]] = {}
    methods_obj = None
    for child in obj.named_children:
        if child.type == "pair" and _key_text(child) == "methods":
            value = child.child_by_field_name("value")
            methods_obj = value if value is not None and value.type == "object" else None
    for candidate in model.functions:
        holder = candidate.literal_object
        if holder is not None and (holder == obj or holder == methods_obj):
            key = _member_key(candidate)
            if key:
                members.setdefault(key, []).append(candidate)
    roots = [f for name in VUE_TEARDOWN for f in members.get(name, ())]
    for site in model.method_calls("$once", "$on"):
        event = syntax.string_value(site.argument(0)) if site.arguments else None
        if event and _VUE_HOOK_EVENT.match(event) and obj.start_byte <= site.node.start_byte < obj.end_byte:
            handler = site.argument(1)
            handler_function = model.function_of(handler) if handler is not None else None
            if handler_function is not None:
                roots.append(handler_function)
    reached = _follow_this_calls(model, roots, members)
    return Teardown("Vue component", obj, ("beforeUnmount", "beforeDestroy"), tuple(reached), member, present=bool(roots), inferred=True)


# -- React function components and effects ----------------------------------------


def _effect_call(model: FileModel, function: Function) -> Node | None:
    context = function.context
    if not context or context[0] != "argument" or context[2] != 0:
        return None
    site = model.call_site(context[1])
    return site.node if (site.method or site.name) in EFFECT_HOOKS else None


def _is_function_component(model: FileModel, function: Function) -> bool:
    """A React function component or a custom hook (`useX`, unless the file is a Vue/Svelte/Solid composable)."""
    from leaklint.model.shape import is_react_component, simple_name

    name = simple_name(function) or ""
    if len(name) > 3 and name.startswith("use") and name[3].isupper():
        return not model.fact("imports_other_ui_framework", _imports_other_ui_framework)
    return is_react_component(function)


# `useX()` is also the naming convention of Vue, Svelte and Solid composables, whose
# teardown is `onBeforeUnmount`/`onScopeDispose`/`onCleanup`, not a returned effect cleanup.
_OTHER_UI_FRAMEWORKS = ("vue", "@vue/", "svelte", "solid-js", "@vueuse/")


def _imports_other_ui_framework(model: FileModel) -> bool:
    for statement in model.captures.get("import", ()):
        module = syntax.string_value(statement.child_by_field_name("source"))
        if module is not None and (module in _OTHER_UI_FRAMEWORKS or module.startswith(_OTHER_UI_FRAMEWORKS)):
            return True
    return False


def _effect_teardown(model: FileModel, owner: Function, effect: Node | None) -> Teardown:
    """The cleanups of every effect in ``owner`` (a component, a hook), and the local functions they call."""
    roots: list[Function] = []
    for site in model.function_calls(*EFFECT_HOOKS) + model.method_calls(*EFFECT_HOOKS):
        if not owner.contains(site.node) and site.node != effect:
            continue
        callback = model.function_of(site.argument(0)) if site.arguments else None
        if callback is not None:
            roots.extend(_returned_functions(model, callback))
    return Teardown("React component", owner.node, (), tuple(follow_local_calls(model, roots)), present=bool(roots))


def follow_local_calls(model: FileModel, roots: list[Function]) -> list[Function]:
    """The roots and the local functions they call by name (`cleanup()`, a `const stop = () => …`), transitively."""
    reached: list[Function] = []
    pending = list(roots)
    while pending and len(reached) < _MAX_STEPS:
        function = pending.pop()
        if function in reached:
            continue
        reached.append(function)
        for site in model.nodes("call"):
            if not function.contains(site):
                continue
            callee = syntax.unwrap(site.child_by_field_name("function"))
            if callee is not None and callee.type == "identifier":
                targets = [_local_function(model, callee)]
                binding = model.resolve(callee)
                if binding is not None and binding.kind in ("let", "var"):
                    # `let cleanup = noop; … cleanup = () => clearInterval(t)`: every function assigned to it
                    targets += [model.function_of(v) for v in binding.assigned_values() if v.type in syntax.FUNCTION_KINDS]
                pending.extend(t for t in targets if t is not None and t not in reached)
    return reached


def _returned_functions(model: FileModel, callback: Function) -> list[Function]:
    """What an effect callback returns: `return () => …`, `return stop`, or an arrow's expression body."""
    body = callback.body
    if body is None:
        return []
    if body.type != "statement_block":
        found = model.function_of(body) if body.type in syntax.FUNCTION_KINDS else None
        return [found] if found is not None else []
    found: list[Function] = []
    for node in _returns(body):
        value = syntax.unwrap(node.named_children[0]) if node.named_children else None
        if value is None:
            continue
        if value.type in syntax.FUNCTION_KINDS:
            function = model.function_of(value)
        elif value.type == "identifier":
            function = _local_function(model, value)
        else:
            function = None
        if function is not None:
            found.append(function)
    return found


def _returns(body: Node) -> list[Node]:
    found = []
    stack = [body]
    while stack:
        node = stack.pop()
        if node.type == "return_statement":
            found.append(node)
        if node.type in syntax.FUNCTION_KINDS and node is not body:
            continue
        stack.extend(node.named_children)
    return found


def _local_function(model: FileModel, identifier: Node) -> Function | None:
    binding = model.resolve(identifier)
    if binding is None:
        return None
    if binding.kind == "function":
        return model.function_of(binding.declaration)
    init = syntax.unwrap(binding.init)
    if init is not None and init.type in syntax.FUNCTION_KINDS:
        return model.function_of(init)
    if init is not None and init.type == "call_expression":
        site = model.call_site(init)
        if (site.method or site.name) in ("useCallback", "useMemo", "useEvent", "useEffectEvent") and site.arguments:
            inner = site.argument(0)
            return model.function_of(inner) if inner is not None and inner.type in syntax.FUNCTION_KINDS else None
    return None


# -- page listeners a React class component removes only outside its teardown ---------------------

# Receivers that outlive every component: the page's window and document (also `global.window`).
_PAGE_RECEIVERS = frozenset({"window", "document", "globalThis"})


@dataclass(frozen=True, repr=False)  # its Teardown reaches Function objects
class OutsideTeardown:
    """A page listener of a component whose every matching removal runs outside the teardown."""

    teardown: Teardown
    removals: tuple  # the listener index's Removal records that match, none reached from the teardown


def removed_only_outside_teardown(model: FileModel, registration, removals: list) -> OutsideTeardown | None:
    """The component's teardown when a window/document listener it adds is removed only elsewhere.

    Aurora's SearchInput adds `window.addEventListener('click', this.windowClick)` on a click and
    removes it in `blurInput()`; with no `componentWillUnmount()` removing it, a search box unmounted
    while focused leaves the listener, and the component it holds, on the window.  A removal in
    another method runs only when that method does, not when the component goes away.  Only React
    class components (whose teardown is `componentWillUnmount()`), only receivers that are the page
    itself (`window`, `document`, `global.window`), and only when the file has at least one matching
    removal (with none, the ordinary finding says so) and none of them runs from the teardown.
    """
    site = registration.site
    teardown = teardown_of(model, site.function)
    if teardown is None or teardown.framework != "React class component" or teardown.covers(site.node):
        return None
    receiver = syntax.unwrap(site.receiver)
    text = syntax.text(receiver) if receiver is not None else ""
    if text.split(".")[-1] not in _PAGE_RECEIVERS or text.split(".")[0] not in {*_PAGE_RECEIVERS, "global"}:
        return None
    if not removals or any(teardown.covers(removal.site.node) for removal in removals):
        return None
    if any(_ends_its_own_interaction(model, site.function, removal.site.node) for removal in removals):
        return None
    return OutsideTeardown(teardown, tuple(removals))


def _ends_its_own_interaction(model: FileModel, adder, removal: Node) -> bool:
    """The removal is in a function the adding function itself defines.

    excalidraw's drag handlers add `pointermove`/`pointerup` listeners to `window` on a pointer-down
    and remove them in the `pointerup` (or `blur`) listener they define beside them: each drag ends
    its own listeners, and only an unmount in the middle of one leaves them.  A removal in another
    method (Aurora's `blurInput()`) or before the add in the same body ends nothing of its own.
    """
    if adder is None:
        return False
    remover = model.function_at(removal)
    return remover is not None and remover is not adder and adder.contains(remover.node)
