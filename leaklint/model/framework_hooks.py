"""Per-instance hooks of component and plugin frameworks, their teardowns, and what they are given.

Round 8 of the fresh samples (tests/corpus/README.md) missed listeners added in
set-up hooks that a framework calls once for every instance it makes, and
undone (or not) in the teardown hook it calls when the instance goes away:

- an A-Frame component, `AFRAME.registerComponent(name, { init, remove, … })`:
  `init()` runs once for every entity that gets the component, `remove()` when
  the component or its entity goes away (`tick()` runs every frame and
  `update()` on every data change, so neither is "once per instance");
- a ProseMirror plugin, `new Plugin({ view(editorView) { …; return { destroy } } })`:
  `view()` runs each time an editor makes the plugin's view (a new editor,
  and every `reconfigure` that brings a new plugin instance), and the
  `destroy()` of the object it returns is its teardown;
- a stream made from an underlying source, `new ReadableStream({ start(controller), pull, cancel })`
  (WHATWG streams: fetch bodies, and the server-sent-event responses of
  Next.js, SvelteKit, Remix and Hono routes) or Node's `new Readable({ construct,
  read, destroy })`: `start()` / `construct()` run once for every stream made
  (once per request when a route handler makes the stream), and `cancel()` /
  `destroy()` are its teardown, called when the consumer goes away (the client
  disconnects).  A listener the stream's code registers for 'abort' or 'close'
  (`request.signal.addEventListener('abort', …)`) ends it too.

- a Backbone view, `Backbone.View.extend({ initialize(options) {…}, … })` (and
  `Marionette.ItemView.extend`, a `BaseView.extend` of the app's own): Backbone
  calls `initialize()` once for every `new RoomView({ model })`, and
  `view.remove()` undoes only `listenTo()` subscriptions, never a
  `this.model.on(…)` (the "zombie view" of Backbone's documentation).

What such hooks are given, and what a framework injects, can outlive the
instance:

- the `model` and `collection` a Backbone view is given (`this.model`,
  `this.collection`): made and kept by the view's creator (a collection of
  rooms, messages), they usually outlive the view, and whatever the view added
  to them stays after `remove()`;

- the `EditorView` a ProseMirror plugin's `view()` receives (and its `dom`):
  the editor outlives each plugin view, since it can be reconfigured without
  being recreated;
- AngularJS's built-in page services `$document`, `$window`, `$rootElement`
  and `$rootScope`, injected into a factory, service, directive, controller or
  run block: jqLite wrappers of the page's document and window, the app's
  root element and root scope, one for the whole page.

Vue components made with `Vue.extend({ … })`, `Vue.component('x', { … })` or
`defineComponent({ … })` are read as components by teardown.py (their hooks'
context is an option of a call, not a property); `$`-members of such a
component that Vue does not make per instance are app-wide plugin members, in
lifetime.py.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.frequency import Evidence, Frequency, FrequencyFact, HandlerKind

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.lifetime import LifetimeFact
    from leaklint.model.scopes import Binding, Function
    from leaklint.syntax import Node

# `AFRAME.registerComponent(name, definition)`: members run once for each component instance.
AFRAME_ONCE_PER_INSTANCE = frozenset({"init"})
AFRAME_TEARDOWN = ("remove",)
_AFRAME_REGISTRATIONS = frozenset({"registerComponent"})
# `new Plugin(spec)` (prosemirror-state, and the editors built on it: Tiptap, Remirror).
_PROSEMIRROR_PLUGIN_CLASSES = frozenset({"Plugin"})
_PLUGIN_VIEW_KEY = "view"
_PLUGIN_VIEW_TEARDOWN = "destroy"
# `new ReadableStream(source)`, `new Readable(options)`: the members that start a stream's work, and its teardown.
_STREAM_SOURCES = {
    "ReadableStream": (frozenset({"start", "pull"}), "cancel", "`ReadableStream` underlying source", "cancelled"),
    "Readable": (frozenset({"construct", "read"}), "destroy", "Node `Readable` stream", "destroyed"),
    "Duplex": (frozenset({"construct", "read", "write"}), "destroy", "Node `Duplex` stream", "destroyed"),
}
# The members of those that run once for each stream made (`pull` and `read` run per chunk asked for).
STREAM_ONCE_PER_INSTANCE = frozenset({"start", "construct"})
# Listeners a stream's code registers that also end it (a request's `signal`, the socket underneath).
_STREAM_END_EVENTS = frozenset({"abort", "close"})
_LISTENER_METHODS = ("addEventListener", "on", "once", "addListener")
# AngularJS services that stand for the page itself; injected the same into every component.
ANGULARJS_PAGE_SERVICES = {
    "$document": "AngularJS's `$document`, a jqLite wrapper of the page's `document`",
    "$window": "AngularJS's `$window`, the page's `window`",
    "$rootElement": "AngularJS's `$rootElement`, the element the app is bootstrapped on",
    "$rootScope": "AngularJS's `$rootScope`, the root scope every scope of the app descends from",
}
_ANGULARJS_REGISTRATIONS = frozenset(
    {"factory", "service", "directive", "controller", "component", "run", "config", "provider", "filter", "decorator"}
)


def _definition_call(function: Function, index: int) -> Node | None:
    """The call whose argument ``index`` is the object literal ``function`` is a member of."""
    context = function.context
    if context and context[0] == "option" and context[2] == index:
        return context[1]
    return None


def _member_key(function: Function) -> str | None:
    context = function.context
    if not context:
        return None
    if context[0] == "option":
        return context[3]
    if context[0] == "property" and context[1] is not None:
        return syntax.string_value(context[1]) or syntax.text(context[1])
    return None


def aframe_component_call(model: FileModel, function: Function) -> Node | None:
    """The `AFRAME.registerComponent(name, {…})` call whose definition ``function`` is a member of."""
    call = _definition_call(function, 1)
    if call is None:
        return None
    site = model.call_site(call)
    if (site.method or site.name) not in _AFRAME_REGISTRATIONS or syntax.string_value(site.argument(0)) is None:
        return None
    return call


def prosemirror_plugin_view(model: FileModel, function: Function) -> Node | None:
    """The `new Plugin({ view(editorView) {…} })` expression whose `view` is ``function``."""
    if _member_key(function) != _PLUGIN_VIEW_KEY:
        return None
    call = _definition_call(function, 0)
    if call is None or call.type != "new_expression":
        return None
    constructor = call.child_by_field_name("constructor")
    name = syntax.text(constructor).rsplit(".", 1)[-1] if constructor is not None else ""
    return call if name in _PROSEMIRROR_PLUGIN_CLASSES else None


def stream_source_call(model: FileModel, function: Function) -> tuple[Node, str] | None:
    """The `new ReadableStream({ start(controller) {…} })` expression whose start-up member ``function`` is,
    and the class it makes; None for other functions (and for the teardown member itself)."""
    call = _definition_call(function, 0)
    if call is None or call.type != "new_expression":
        return None
    constructor = call.child_by_field_name("constructor")
    name = syntax.text(constructor).rsplit(".", 1)[-1] if constructor is not None else ""
    entry = _STREAM_SOURCES.get(name)
    return (call, name) if entry is not None and _member_key(function) in entry[0] else None


# `X.View.extend(spec)`, `Marionette.ItemView.extend(spec)`: a Backbone view class from its prototype spec.
_BACKBONE_VIEW_EXTEND = re.compile(r"(?:^|\.)(?:[A-Z][\w$]*)?View\.extend$")
BACKBONE_ONCE_PER_INSTANCE = "initialize"
# What a Backbone view is given by its creator (`new View({ model, collection })`), kept on the view as is.
BACKBONE_GIVEN_MEMBERS = frozenset({"model", "collection"})


def backbone_view_spec(model: FileModel, function: Function | None) -> Node | None:
    """The `Backbone.View.extend({…})` call whose spec ``function`` is a member of (through `this`), else None."""
    owner = function.this_owner if function is not None else None
    call = _definition_call(owner, 0) if owner is not None else None
    if call is None or call.type != "call_expression":
        return None
    callee = call.child_by_field_name("function")
    return call if callee is not None and _BACKBONE_VIEW_EXTEND.search(syntax.text(callee)) else None


def backbone_view_member(model: FileModel, member: Node) -> LifetimeFact | None:
    """`this.model` / `this.collection` in a Backbone view's spec: what the creator gave the view (inferred)."""
    from leaklint.model.lifetime import Lifetime, LifetimeFact

    prop = member.child_by_field_name("property")
    name = syntax.text(prop) if prop is not None else ""
    if name not in BACKBONE_GIVEN_MEMBERS:
        return None
    spec = backbone_view_spec(model, model.function_at(member))
    if spec is None or f"this.{name} =".encode() in model.source:
        return None  # the view sets it itself: no longer what its creator gave it
    return LifetimeFact(
        Lifetime.LONG_LIVED,
        f"the {name} a Backbone view is given by its creator, which outlives the view "
        "(`remove()` undoes only `listenTo()`)",
        spec, inferred=True,
    )


def hook_frequency(model: FileModel, function: Function) -> FrequencyFact | None:
    """How often a framework calls ``function`` when it is a per-instance set-up hook listed above."""
    key = _member_key(function)
    if key == BACKBONE_ONCE_PER_INSTANCE and function.this_owner is function and (
        (spec := backbone_view_spec(model, function)) is not None
    ):
        return FrequencyFact(
            Frequency.PER_EVENT, "`initialize()` of a Backbone view, run for every view made (`new View(…)`)",
            spec, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
        )
    if key in AFRAME_ONCE_PER_INSTANCE and (call := aframe_component_call(model, function)) is not None:
        return FrequencyFact(
            Frequency.PER_EVENT, f"A-Frame component `{key}()`, run for every entity that gets the component",
            call, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
        )
    if (plugin := prosemirror_plugin_view(model, function)) is not None:
        return FrequencyFact(
            Frequency.PER_EVENT, "`view()` of a ProseMirror plugin, run each time an editor makes the plugin's view",
            plugin, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
        )
    return None


def hook_teardown(model: FileModel, function: Function):
    """The Teardown (model/teardown.py) of the A-Frame component or plugin view ``function`` belongs to."""
    from leaklint.model.teardown import Teardown, follow_this_calls

    if (call := aframe_component_call(model, function)) is not None:
        definition = syntax.unwrap(model.call_site(call).argument(1))
        members: dict[str, list[Function]] = {}
        for candidate in model.functions:
            if aframe_component_call(model, candidate) == call and (key := _member_key(candidate)):
                members.setdefault(key, []).append(candidate)
        roots = [f for name in AFRAME_TEARDOWN for f in members.get(name, ())]
        reached = follow_this_calls(model, roots, members)
        return Teardown(
            "registered A-Frame component", definition, AFRAME_TEARDOWN, tuple(reached), _member_key(function), present=bool(roots),
            inferred=True,
        )
    if (plugin := prosemirror_plugin_view(model, function)) is not None:
        roots = _returned_destroy(model, function)
        return Teardown(
            "ProseMirror plugin view", plugin, (_PLUGIN_VIEW_TEARDOWN,), tuple(roots), _PLUGIN_VIEW_KEY,
            present=bool(roots), inferred=True,
        )
    if (stream := stream_source_call(model, function)) is not None:
        return _stream_teardown(model, function, *stream)
    return None


def _stream_teardown(model: FileModel, function: Function, call: Node, name: str):
    """The teardown of a stream's underlying source: its `cancel()` / `destroy()` member, what that calls,
    and the 'abort'/'close' listeners registered where the stream is made; None without a teardown member."""
    from leaklint.model.teardown import Teardown, follow_local_calls

    _, key, framework, ended = _STREAM_SOURCES[name]
    roots = [f for f in model.functions if _definition_call(f, 0) == call and _member_key(f) == key]
    if not roots:
        return None  # nothing is told the stream ended: the timer's own clears are all there is
    maker = model.function_at(call)
    for site in model.method_calls(*_LISTENER_METHODS):
        if syntax.string_value(site.argument(0)) not in _STREAM_END_EVENTS:
            continue
        if not (function.contains(site.node) or (maker is not None and maker.contains(site.node))):
            continue
        listener = site.argument(1)
        found = model.function_of(listener) if listener is not None and listener.type in syntax.FUNCTION_KINDS else None
        if found is not None:
            roots.append(found)
    definition = syntax.unwrap(model.call_site(call).argument(0))
    return Teardown(
        framework, definition if definition is not None else call, (key,), tuple(follow_local_calls(model, roots)),
        _member_key(function), ending=f"a stream {ended}", ends=f"when the stream is {ended}",
    )


def _returned_destroy(model: FileModel, view: Function) -> list[Function]:
    """The `destroy` members of the object literals ``view`` returns."""
    found: list[Function] = []
    for candidate in model.functions:
        if _member_key(candidate) != _PLUGIN_VIEW_TEARDOWN or candidate.parent is not view:
            continue
        holder = candidate.node.parent
        if holder is not None and holder.type == "pair":
            holder = holder.parent
        statement = holder.parent if holder is not None else None
        if statement is not None and statement.type == "parenthesized_expression":
            statement = statement.parent
        if statement is not None and (statement.type == "return_statement" or statement is view.node):
            found.append(candidate)
    return found


def parameter_lifetime(model: FileModel, binding: Binding) -> LifetimeFact | None:
    """A parameter a framework fills with something that outlives the function's instance, or None."""
    from leaklint.model.lifetime import Lifetime, LifetimeFact

    function = binding.scope.function
    if function is None or binding not in function.params:
        return None
    if function.params and function.params[0] is binding and prosemirror_plugin_view(model, function) is not None:
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"`{binding.name}`, the editor view a ProseMirror plugin's `view()` is given, which outlives each plugin view",
            binding.node, inferred=True,
        )
    injected = _angularjs_injected_name(model, function, binding)
    if injected in ANGULARJS_PAGE_SERVICES:
        return LifetimeFact(Lifetime.LONG_LIVED, ANGULARJS_PAGE_SERVICES[injected], binding.node)
    return None


def _angularjs_injected_name(model: FileModel, function: Function, binding: Binding) -> str | None:
    """The name AngularJS injects into ``binding`` when ``function`` is an injectable, else None.

    Injectable: the last element of an array annotation (`['$document', function ($d) {…}]`),
    a function given to a module registration (`.factory('x', function ($document) {…})`), or a
    named function with an `$inject` list.
    """
    index = next((i for i, p in enumerate(function.params) if p is binding), -1)
    if index < 0:
        return None
    node = function.node
    holder = node.parent
    if holder is not None and holder.type == "array" and holder.named_children and holder.named_children[-1] == node:
        names = [syntax.string_value(c) for c in holder.named_children[:-1]]
        return names[index] if index < len(names) else None
    if holder is not None and holder.type == "arguments" and holder.parent is not None:
        site = model.call_site(holder.parent)
        if site.method in _ANGULARJS_REGISTRATIONS and len(site.arguments) >= 2 and site.argument(1) == node:
            return binding.name
    if function.name and _has_inject_list(model, function.name):
        return binding.name  # `fn.$inject = ['$http', '$document']` names the parameters in order
    return None


def _has_inject_list(model: FileModel, name: str) -> bool:
    return f"{name}.$inject".encode() in model.source
