"""How long the object an expression evaluates to lives."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import HandlerKind, listener_call_of
from leaklint.model.electron import ipc_message_sender
from leaklint.model.frequency import Frequency
from leaklint.model.imports import bare_module, imported_name, is_require_call
from leaklint.model.jquery import page_element_set, wrapped_page_object
from leaklint.model.scopes import Binding, ClassInfo, Function, ScopeKind
from leaklint.model.subscriptions import ANGULAR_VIEW_DECORATORS, endless_source, injected_dependency, subscribed_source
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def is_top_level_iife(model, function):
    """See shape.is_top_level_iife (imported late)."""
    from leaklint.model.shape import is_top_level_iife as check

    return check(model, function)


def kept_local_at(model, use):
    """See provenance.kept_local_at (imported late: provenance.py asks this module for receivers' lifetimes)."""
    from leaklint.model.provenance import kept_local_at as kept

    return kept(model, use)


def pooled_value(model, node):
    """See provenance.pooled_value (imported late, as above)."""
    from leaklint.model.provenance import pooled_value as pooled

    return pooled(model, node)


def undeclared_lifetime(model, identifier, name):
    """Shape inference for an undeclared identifier (imported late: shape.py builds on this module)."""
    from leaklint.model.shape import undeclared_lifetime as infer

    return infer(model, identifier, name)


class Lifetime(str, enum.Enum):
    """The lifetime classes rules care about."""

    LONG_LIVED = "long-lived"  # lives as long as the process
    REQUEST = "request-scoped"  # lives as long as one request / connection
    LOCAL = "local"  # created by the current call
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class LifetimeFact:
    """A lifetime, the reason, and the node that justifies it (usually a declaration)."""

    lifetime: Lifetime
    reason: str
    node: Node | None = None
    inferred: bool = False  # from the code's shape (an undeclared global), not from a declaration

    @property
    def is_long_lived(self) -> bool:
        """Lives as long as the process."""
        return self.lifetime is Lifetime.LONG_LIVED

    @property
    def is_request_scoped(self) -> bool:
        """Lives as long as one request or connection."""
        return self.lifetime is Lifetime.REQUEST


# `document` lookups that return one element (not a live list) for a selector.
_PAGE_LOOKUPS = frozenset({"getElementById", "querySelector"})
LONG_LIVED_GLOBALS = frozenset({"process", "global", "globalThis", "window", "document", "self", "navigator", "console"})
# Members every Vue component instance shares: the root instance, the Vuex store, and the
# event bus a plugin installs on the prototype (`Vue.prototype.$bus = new Vue()`, by convention).
VUE_APP_WIDE_MEMBERS = {
    "$root": "`this.$root`, the Vue app's root instance",
    "$store": "`this.$store`, the app's Vuex store, shared by every component",
    "$bus": "`this.$bus`, by convention an app-wide event bus on Vue's prototype",
    "$eventBus": "`this.$eventBus`, by convention an app-wide event bus on Vue's prototype",
    "$eventHub": "`this.$eventHub`, by convention an app-wide event bus on Vue's prototype",
}
# `$` members Vue (and common per-component plugins) give each component instance; any other
# `this.$name` is, by Vue's convention, a property a plugin put on the prototype: one for the app
# (`Vue.prototype.$snotify = new SnotifyService()`, `app.config.globalProperties.$socket = socket`).
VUE_PER_INSTANCE_MEMBERS = frozenset(
    {
        "$data", "$props", "$el", "$options", "$parent", "$children", "$slots", "$scopedSlots", "$refs", "$attrs",
        "$listeners", "$vnode", "$route", "$isServer", "$ssrContext", "$createElement", "$apollo", "$v",
        "$validator", "$fetchState",
    }
)
# Base classes of a dependency-injection container that makes one instance of each subclass.
SINGLETON_BASE_CLASSES = frozenset({("dioc", "Service")})
_BASE_CLASS_NAME = re.compile(r"\s*extends\s+([A-Za-z_$][\w$]*)\s*(?:<|\(|$|\s)")
SINGLETON_DECORATORS = frozenset(
    {"Injectable", "Controller", "Module", "Resolver", "WebSocketGateway", "Service", "Singleton", "Global"}
)
_UNKNOWN = LifetimeFact(Lifetime.UNKNOWN, "unknown")
_CREATING_KINDS = frozenset(
    {"new_expression", "object", "array", "arrow_function", "function_expression", "function", "class", "template_string"}
)
_MAX_DEPTH = 16


class LifetimeAnalysis:
    """Computes lifetimes of expressions, bindings and class instances for one file."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        self._bindings: dict[int, LifetimeFact] = {}
        self._instances: dict[int, LifetimeFact] = {}

    def of(self, node: Node | None, depth: int = 0, infer: bool = False) -> LifetimeFact:
        """The lifetime of the value of an expression.

        With ``infer``, an identifier the file never declares is taken to be a
        long-lived global or implicit import (an ``inferred`` fact, see shape.py).
        """
        node = syntax.unwrap(node)
        if node is None or depth > _MAX_DEPTH:
            return _UNKNOWN
        kind = node.type
        configured = self.model.options.long_lived_receivers
        if configured and kind in ("identifier", "member_expression") and _dotted(node) in configured:
            return LifetimeFact(Lifetime.LONG_LIVED, f"configured long-lived receiver `{_dotted(node)}`", node)
        if kind == "identifier":
            reference = self.model.scopes.reference_at.get(node.start_byte)
            if reference is None:
                binding = self.model.scopes.binding_at.get(node.start_byte)
                return self.of_binding(binding, depth + 1) if binding is not None else _UNKNOWN
            if reference.binding is None:
                name = reference.name
                if name in LONG_LIVED_GLOBALS:
                    return LifetimeFact(Lifetime.LONG_LIVED, f"the global `{name}`", node)
                if infer:
                    return undeclared_lifetime(self.model, node, name) or _UNKNOWN
                return _UNKNOWN
            fact = self.of_binding(reference.binding, depth + 1)
            if fact.lifetime in (Lifetime.LOCAL, Lifetime.UNKNOWN):
                return kept_local_at(self.model, node) or fact  # a factory's local, kept by a closure that outlives it
            if fact.lifetime is Lifetime.LONG_LIVED and reference.binding.is_module_level and reference.binding.writes:
                fresh = self._fresh_value_before(node, reference.binding, depth)
                if fresh is not None:
                    return fresh
            return fact
        if kind == "member_expression" or kind == "subscript_expression":
            return self._of_member(node, depth, infer)
        if kind == "this":
            return self._of_this(node)
        if kind == "call_expression":
            if is_require_call(node):
                return LifetimeFact(Lifetime.LONG_LIVED, "a required module", node)
            source = subscribed_source(node)  # `src.pipe(map(f)).subscribe(…)` subscribes to `src`
            if source is not None:
                return self.of(source, depth + 1, infer)
            endless = endless_source(self.model, node)
            if endless is not None:
                name, target = endless
                if target is None:
                    return LifetimeFact(Lifetime.LONG_LIVED, f"rxjs `{name}()` never completes: its timer keeps every subscriber", node)
                held = self.of(target, depth + 1, infer)
                if held.is_long_lived:
                    return LifetimeFact(
                        Lifetime.LONG_LIVED, f"rxjs `fromEvent()` never completes: {held.reason} keeps its listener", node, held.inferred
                    )
                return _UNKNOWN
            return (
                self._of_page_element(node) or self._of_media_query_list(node) or self._of_jquery_wrapper(node)
                or self._of_jquery_set(node)
                or self._of_element_helper(node, depth)
                or pooled_value(self.model, node) or self._of_lazy_singleton(node) or self._of_shared_getter(node, depth)
            )
        if kind == "await_expression":
            return pooled_value(self.model, node) or _UNKNOWN
        if kind in _CREATING_KINDS:
            function = self.model.function_at(node)
            if function is None:
                return LifetimeFact(Lifetime.LONG_LIVED, "created at module level", node)
            return LifetimeFact(Lifetime.LOCAL, f"created in {self.model.describe_function(function)}", node)
        return _UNKNOWN

    def _of_page_element(self, call: Node) -> LifetimeFact | None:
        """`document.getElementById('close')`, `document.querySelector('#menu')`: a fixed element of the page.

        Looked up by a literal, it is the same element on every call, and it
        stays in the page as long as the page does: what is added to it
        accumulates like on a module-level `const button = …` holding it.
        Inferred (the page could replace the element), and not in a file
        that renders markup (JSX, a `.vue`/`.svelte` component, an Angular
        `@Component` with its template): there the element is likely the
        component's own, made anew for every mount.
        """
        callee = syntax.unwrap(call.child_by_field_name("function"))
        if callee is None or callee.type != "member_expression":
            return None
        prop = callee.child_by_field_name("property")
        if prop is None or syntax.text(prop) not in _PAGE_LOOKUPS:
            return None
        document = syntax.unwrap(callee.child_by_field_name("object"))
        if document is None or document.type != "identifier" or syntax.text(document) != "document":
            return None
        reference = self.model.scopes.reference_at.get(document.start_byte)
        if reference is None or reference.binding is not None:
            return None  # a local or parameter named `document`
        arguments = call.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        selector = syntax.string_value(named[0]) if len(named) == 1 else None
        if not selector:
            return None
        if self._renders_markup():
            return None
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            "a fixed element of the page, looked up by a literal: the same element on every call",
            call,
            inferred=True,
        )

    def _of_media_query_list(self, call: Node) -> LifetimeFact | None:
        """`window.matchMedia(q)` (or the global / `matchmedia` package's `matchMedia(q)`): a MediaQueryList.

        The document keeps a list that has listeners, to tell it when the query's result changes, so a
        listener added to it stays, with the component it closes over, until it is removed: the list is
        as long-lived as the page for whatever listens on it, though nothing in the file keeps it.
        """
        callee = syntax.unwrap(call.child_by_field_name("function"))
        if callee is None:
            return None
        if callee.type == "member_expression":
            prop = callee.child_by_field_name("property")
            holder = syntax.text(syntax.unwrap(callee.child_by_field_name("object")))
            if prop is None or syntax.text(prop) != "matchMedia" or holder not in ("window", "global.window", "globalThis"):
                return None
        elif callee.type == "identifier" and syntax.text(callee) == "matchMedia":
            binding = self.model.resolve(callee)
            imported = imported_name(binding) if binding is not None else None
            if binding is not None and (imported is None or bare_module(imported[0]) != "matchmedia"):
                return None  # a local function that happens to share the name
        else:
            return None
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            "a MediaQueryList from matchMedia(), which the document keeps while it has listeners",
            call,
        )

    def _of_media_field(self, member: Node) -> LifetimeFact | None:
        """`this._mql` outside a class (a `React.createClass` spec's methods), when every assignment in the file
        to that name is a `matchMedia()` call: the field only ever holds a MediaQueryList."""
        path = self.model.access_path(member)
        if path is None:
            return None
        facts = []
        for node in self.model.nodes("assign"):
            if node.type != "assignment_expression":
                continue
            if self.model.access_path(syntax.unwrap(node.child_by_field_name("left"))) != path:
                continue
            value = syntax.unwrap(node.child_by_field_name("right"))
            fact = self._of_media_query_list(value) if value is not None and value.type == "call_expression" else None
            if fact is None:
                return None
            facts.append(fact)
        if not facts:
            return None
        name = syntax.text(member.child_by_field_name("property"))
        return LifetimeFact(Lifetime.LONG_LIVED, f"field `{name}`, always {facts[0].reason}", facts[0].node)

    def _of_element_helper(self, call: Node, depth: int) -> LifetimeFact | None:
        """`this.getElementByIdOrFail('microphone')`: a same-file helper that returns the page element its argument names.

        Every `return` of the helper hands back `document.getElementById(p)` /
        `querySelector(p)` of one of its own parameters (directly, or through a
        local it checks first, `elem as T`), and the call passes a literal
        there: the call is that fixed element, like the lookup written out.
        """
        from leaklint.model.provenance import _getter_function, _returned_values

        if depth > _MAX_DEPTH // 2:
            return None
        arguments = call.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        if not any(syntax.string_value(a) for a in named):
            return None
        helper = _getter_function(self.model, call)
        if helper is None:
            return None
        returns = _returned_values(self.model, helper)
        if not returns:
            return None
        index = None
        for value in returns:
            position = _element_lookup_parameter(self.model, value, helper)
            if position is None or index is not None and position != index:
                return None
            index = position
        if index is None or index >= len(named) or not syntax.string_value(named[index]):
            return None
        if self._page_element_allowed() is None:
            return None
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"the fixed element `{syntax.string_value(named[index])}` of the page, looked up by "
            f"`{self.model.node_text(call, 40)}`: the same element on every call",
            call,
            inferred=True,
        )

    def _page_element_allowed(self) -> bool | None:
        """True outside files that render markup (there an element is likely the component's own, made per mount)."""
        from leaklint import components
        from leaklint.model.shape import may_hold_jsx

        if components.is_component(self.model.path) or self.model.fact("may-hold-jsx", may_hold_jsx):
            return None
        return True

    def _renders_markup(self) -> bool:
        """A file whose own markup may hold the element: JSX, a `.vue`/`.svelte` component, an Angular component."""
        from leaklint import components
        from leaklint.model.shape import may_hold_jsx

        if components.is_component(self.model.path) or self.model.fact("may-hold-jsx", may_hold_jsx):
            return True
        # an Angular component's template (its own markup) holds the element
        return any(any(d in ANGULAR_VIEW_DECORATORS for d in info.decorators) for info in self.model.classes)

    def _of_jquery_wrapper(self, call: Node) -> LifetimeFact | None:
        """`$(window)`, `$(document)`, `$('body')`, `$('#menu')`: a new wrapper of a long-lived page object."""
        wrapped = wrapped_page_object(self.model, call)
        if wrapped is None:
            return None
        reason, inferred = wrapped
        if inferred and self._renders_markup():
            return None
        return LifetimeFact(Lifetime.LONG_LIVED, f"a jQuery wrapper of {reason}", call, inferred=inferred)

    def _of_jquery_set(self, call: Node) -> LifetimeFact | None:
        """`$('.propertyInput')` bound again from a timer: the same page elements on every tick.

        Only where the file never re-renders markup (``jquery.page_element_set``)
        and the code runs from a timer, here or in another file: a timer's
        ticks come whether or not the page changed, while an event (a click,
        a page load) often comes with new markup. Inferred.
        """
        selector = page_element_set(self.model, call)
        if selector is None or self._renders_markup():
            return None
        function = self.model.function_at(call)
        if function is None:
            return None
        frequency = self.model.frequency(function)
        if not frequency.runs_repeatedly or HandlerKind.TIMER not in (frequency.handler, frequency.trigger):
            return None
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"the page's `{selector}` elements, selected again on every tick: jQuery's `.on()` does not de-duplicate",
            call,
            inferred=True,
        )

    def _of_lazy_singleton(self, call: Node) -> LifetimeFact | None:
        """`getDb()`, `Db.getInstance()`: a getter that creates one instance lazily hands out that one instance."""
        from leaklint.model.lazy_singletons import getter_called, lazy_singleton_slot

        getter = getter_called(self.model, call)
        slot = lazy_singleton_slot(self.model, getter)
        if slot is None:
            return None
        where = "static field" if "." in slot else "module-level"
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"the one instance `{_dotted(call.child_by_field_name('function'))}()` creates lazily and keeps in {where} `{slot}`",
            call,
        )

    def _of_shared_getter(self, call: Node, depth: int) -> LifetimeFact:
        """`serviceLocator.getEventManager()`: an argument-less getter of a module-level object hands out what it holds.

        Inferred from the name (`get` + a capitalised noun, no arguments) on an
        imported or module-level receiver: such accessors return the one
        object the receiver keeps (an event manager, a bus, a registry), not
        a new one per call.  Getters named for per-call objects (a connection,
        a client, a stream, a copy) are not taken to be shared.
        """
        callee = syntax.unwrap(call.child_by_field_name("function"))
        arguments = call.child_by_field_name("arguments")
        if callee is None or callee.type != "member_expression" or arguments is None:
            return _UNKNOWN
        if [a for a in arguments.named_children if a.type != "comment"]:
            return _UNKNOWN
        prop = callee.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        if not _SHARED_GETTER.match(name) or _PER_CALL_GETTER.search(name):
            return _UNKNOWN
        receiver = syntax.unwrap(callee.child_by_field_name("object"))
        if receiver is None or receiver.type != "identifier":
            return _UNKNOWN
        base = self.of(receiver, depth + 1)
        if not base.is_long_lived or base.inferred:
            return _UNKNOWN
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"the object `{_dotted(callee)}()` hands out ({base.reason}): an argument-less getter returns what it holds",
            call,
            inferred=True,
        )

    def _fresh_value_before(self, node: Node, binding: Binding, depth: int) -> LifetimeFact | None:
        """What a module-level `let` holds at ``node`` when the same function has just stored a per-call value.

        `wss.on('connection', (ws) => { current = ws; current.on('message', …) })`: the
        binding outlives the call, but at the registration it holds this
        connection's socket, so the listener goes with that socket.  Only a
        write in a statement that runs before ``node`` on every path (an
        earlier statement of a block around it) counts, and only when the
        value written is request-scoped (the connection, the request): a value
        the call makes is then held by the binding until the next call.
        """
        function = self.model.function_at(node)
        if function is None:
            return None
        latest = None
        for write in binding.writes:
            assign = write.node.parent
            if assign is None or assign.type != "assignment_expression" or assign.child_by_field_name("left") != write.node:
                continue
            if self.model.function_at(assign) is not function or assign.end_byte > node.start_byte:
                continue
            statement = assign.parent
            if statement is None or statement.type != "expression_statement" or statement.parent is None:
                continue
            block = statement.parent
            if not (block.start_byte <= node.start_byte < block.end_byte) or block.type not in ("statement_block", "program"):
                continue
            if latest is None or assign.start_byte > latest.start_byte:
                latest = assign
        if latest is None:
            return None
        value = self.of(latest.child_by_field_name("right"), depth + 1)
        if value.lifetime is not Lifetime.REQUEST:
            return None  # a value the call makes stays reachable from the binding: `current = new Thing()`
        return LifetimeFact(
            value.lifetime, f"`{binding.name}`, just set to {value.reason}", latest, inferred=value.inferred
        )

    def of_binding(self, binding: Binding | None, depth: int = 0) -> LifetimeFact:
        """The lifetime of whatever a binding holds."""
        if binding is None:
            return _UNKNOWN
        key = id(binding)
        cached = self._bindings.get(key)
        if cached is not None:
            return cached
        self._bindings[key] = _UNKNOWN  # cycle guard
        fact = self._compute_binding(binding, depth)
        self._bindings[key] = fact
        return fact

    def _compute_binding(self, binding: Binding, depth: int) -> LifetimeFact:
        if binding.kind == "import":
            linked = self.model.external.binding_lifetime(binding.name)
            if linked is not None and linked.long_lived:
                return LifetimeFact(Lifetime.LONG_LIVED, linked.reason, binding.node)
            return LifetimeFact(Lifetime.LONG_LIVED, f"imported binding `{binding.name}`", binding.node)
        if binding.is_module_level:
            return LifetimeFact(Lifetime.LONG_LIVED, f"module-level binding `{binding.name}`", binding.node)
        if binding.scope.kind is ScopeKind.CLASS:
            return LifetimeFact(Lifetime.LONG_LIVED, f"class binding `{binding.name}`", binding.node)
        if binding.kind != "param" and is_top_level_iife(self.model, binding.scope.function):
            from leaklint.model.shape import page_ready_callback

            ready = page_ready_callback(self.model, binding.scope.function)
            where = f"{ready} (page scope)" if ready else "a top-level IIFE (module scope)"
            return LifetimeFact(Lifetime.LONG_LIVED, f"binding `{binding.name}` of {where}", binding.node)
        if binding.kind == "param":
            return self._of_parameter(binding, depth)
        if binding.kind in ("function", "class"):
            return LifetimeFact(Lifetime.LOCAL, "declared inside a function", binding.node)
        if binding.init is not None:
            init = syntax.unwrap(binding.init)
            if init is not None and init.type == "await_expression":
                return pooled_value(self.model, init) or _UNKNOWN
            fact = self.of(init, depth + 1)
            if fact.lifetime is Lifetime.UNKNOWN:
                return fact
            return LifetimeFact(fact.lifetime, fact.reason, fact.node or binding.node)
        if binding.destructured_from is not None:
            source = self.of(binding.destructured_from, depth + 1)
            if source.lifetime in (Lifetime.LONG_LIVED, Lifetime.REQUEST):
                return LifetimeFact(source.lifetime, f"a property of {source.reason}", binding.node)
        return _UNKNOWN

    def _of_parameter(self, binding: Binding, depth: int) -> LifetimeFact:
        function = binding.scope.function
        if function is None:
            return _UNKNOWN
        from leaklint.model.framework_hooks import parameter_lifetime

        given = parameter_lifetime(self.model, binding)  # AngularJS `$document`, a plugin view's editor
        if given is not None:
            return given
        frequency = self.model.frequency(function)
        if frequency.is_request_handler and binding in function.params:
            return LifetimeFact(
                Lifetime.REQUEST,
                f"parameter `{binding.name}` of the {frequency.reason}",
                binding.node,
                inferred=frequency.is_inferred,
            )
        from leaklint.model.passed_arguments import linked_parameter

        linked = linked_parameter(self.model, binding)
        if linked is not None and linked.lifetime in (Lifetime.LONG_LIVED.value, Lifetime.REQUEST.value):
            return LifetimeFact(Lifetime(linked.lifetime), f"parameter `{binding.name}`: {linked.reason}", binding.node)
        return self._of_parameter_in_file(binding, function, depth) or _UNKNOWN

    def _of_parameter_in_file(self, binding: Binding, function: Function, depth: int) -> LifetimeFact | None:
        """`watch(bus, id)` from every caller in the file, of a function no other file calls: long-lived `emitter`."""
        from leaklint.model.hook_calls import callers_are_all_in_file
        from leaklint.model.passed_arguments import calls_in_file

        if depth > _MAX_DEPTH // 2 or function.context and function.context[0] != "declared":
            return None  # only a declared function: its calls in the file are all of them
        if self._renders_markup():
            return None  # a component's `<script setup>` top level runs per mount: its "module" bindings are not
        position = function.parameter_position(binding.node)
        if position is None or not callers_are_all_in_file(self.model, function):
            return None
        calls = calls_in_file(self.model, function)
        if not calls or len(calls) != len(function.context[1].reads):
            return None  # also handed around as a value: callers the file cannot see
        first = None
        for call in calls:
            argument = call.argument(position)
            if argument is None or argument.type != "identifier":
                return None  # `editor.value`: a property may be swapped between calls, only a binding is the object
            fact = self.of(argument, depth + 2)
            if not fact.is_long_lived or fact.inferred:
                return None
            first = first or (argument, fact)
        argument, fact = first
        return LifetimeFact(
            Lifetime.LONG_LIVED,
            f"parameter `{binding.name}`: every call in the file passes a long-lived value "
            f"(`{self.model.node_text(argument, 30)}`, {fact.reason})",
            binding.node,
        )

    def _of_member(self, node: Node, depth: int, infer: bool = False) -> LifetimeFact:
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if obj is None:
            return _UNKNOWN
        if obj.type == "this":
            root = self._vue_root(node, obj)
            return root if root is not None else self._of_this_field(node, obj)
        if obj.type == "identifier":
            reference = self.model.scopes.reference_at.get(obj.start_byte)
            if reference is not None and reference.binding is not None and reference.binding.kind == "class":
                return LifetimeFact(Lifetime.LONG_LIVED, f"static field of class `{reference.binding.name}`", node)
        base = self.of(obj, depth + 1, infer)
        if base.lifetime is Lifetime.LONG_LIVED and obj.type in ("member_expression", "subscript_expression"):
            if self._injected(obj) is not None:  # `this.router.events`: a member of an injected service
                return LifetimeFact(Lifetime.LONG_LIVED, f"a member of {base.reason}", base.node, base.inferred)
            if _is_vue_app_member(obj) and self._vue_root(obj, obj.child_by_field_name("object")) is not None:
                # `this.$snotify.emitter`: a member of the app's one plugin service
                return LifetimeFact(Lifetime.LONG_LIVED, f"a member of {base.reason}", base.node, True)
            return _UNKNOWN  # `a.b.c`: deeper properties are often replaced (a reconnect's new engine)
        if base.lifetime in (Lifetime.LONG_LIVED, Lifetime.REQUEST, Lifetime.LOCAL):
            return LifetimeFact(base.lifetime, f"a property of {base.reason}", base.node, base.inferred)
        return _UNKNOWN

    def _vue_root(self, member: Node, this_node: Node) -> LifetimeFact | None:
        """`this.$root` (and the app-wide `$store`, `$bus`, …) in a Vue options-API component: they outlive every component.

        Only in a hook or a `methods:` member of a component options object
        (arrow functions inside them see the same `this`); elsewhere `$root`
        is just a field.
        """
        prop = member.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else ""
        reason = VUE_APP_WIDE_MEMBERS.get(name)
        if reason is None and _is_plugin_member_name(name) and not _assigns_own_member(self.model, name):
            reason = f"`this.{name}`, by Vue's convention a plugin's property on the prototype, one for the app"
        if reason is None:
            return None
        function: Function | None = self.model.function_at(this_node)
        function = function.this_owner if function is not None else None
        if function is None:
            return None
        from leaklint.model.teardown import vue_options_of

        if vue_options_of(self.model, function) is None:
            return None
        return LifetimeFact(Lifetime.LONG_LIVED, reason, member, inferred=syntax.text(prop) != "$root")

    def _owner_class(self, node: Node) -> tuple[ClassInfo | None, bool]:
        """The class whose `this` a node sees, and whether that is a static context."""
        function: Function | None = self.model.function_at(node)
        owner = function.this_owner if function is not None else None
        if owner is None:
            return _field_initialiser_class(function)  # `onClick = () => { this.x … }`: the instance
        context = owner.context
        if context and context[0] == "method":
            return context[1], bool(context[3])
        return None, False

    def _of_this(self, node: Node) -> LifetimeFact:
        info, is_static = self._owner_class(node)
        if info is None:
            return _UNKNOWN
        if is_static:
            return LifetimeFact(Lifetime.LONG_LIVED, f"the class `{info.name}`", info.node)
        return self.instance_lifetime(info)

    def _of_this_field(self, member: Node, this_node: Node) -> LifetimeFact:
        info, is_static = self._owner_class(this_node)
        if info is None:
            from leaklint.model.framework_hooks import backbone_view_member

            return self._of_media_field(member) or backbone_view_member(self.model, member) or _UNKNOWN
        prop = member.child_by_field_name("property")
        name = syntax.text(prop) if prop is not None else "?"
        if is_static or name in info.static_fields:
            return LifetimeFact(Lifetime.LONG_LIVED, f"static field `{info.name}.{name}`", member)
        instance = self.instance_lifetime(info)
        if instance.is_long_lived:
            return LifetimeFact(Lifetime.LONG_LIVED, f"field `{name}` of {instance.reason}", instance.node)
        injected = injected_dependency(self.model, info, name)
        if injected is not None:
            return LifetimeFact(
                Lifetime.LONG_LIVED,
                f"the `{injected.type_name}` injected into {injected.owner}, from an injector that outlives it",
                injected.node,
                inferred=True,
            )
        return self._of_field_values(info, name, depth=0) or _UNKNOWN

    def _of_field_values(self, info: ClassInfo, name: str, depth: int) -> LifetimeFact | None:
        """`this.microphone = this.getElementByIdOrFail('microphone')`: a field only ever given a fixed page element.

        Whatever instance holds it, the field refers to the same element of the
        page, which outlives the instance: listeners each instance adds to it
        accumulate there.  Every value assigned to the field must be such an
        element (an inferred fact); other values leave the field unknown.
        """
        # a declaration without a value (`el: HTMLElement;`) gives the field nothing
        values = [v for v in info.instance_fields.get(name, []) if v.type not in _FIELD_DECLARATIONS or v.child_by_field_name("value")]
        values = [v.child_by_field_name("value") if v.type in _FIELD_DECLARATIONS else v for v in values]
        if not values or len(values) > 4:
            return None
        facts = []
        stated: set[int] = set()  # facts the code states (a lazy singleton, a parameter every caller fills)
        for value in values:
            value = syntax.unwrap(value)
            if value is not None and value.type == "identifier":
                # `this.db = db` of a constructor parameter every caller in other files fills with a long-lived value
                binding = self.model.resolve(value)
                if binding is not None and binding.kind == "param":
                    fact = self._of_parameter(binding, depth + 1)
                else:  # `this.emitter = shared`: the module's one emitter, whichever instance holds it
                    fact = _shared_module_value(self, value, binding, depth)
                if fact is None or not fact.is_long_lived:
                    return None
                facts.append(fact)
                stated.add(id(fact))
                continue
            if value is None or value.type not in ("call_expression", "as_expression", "non_null_expression"):
                return None
            while value is not None and value.type in ("as_expression", "non_null_expression") and value.named_children:
                value = syntax.unwrap(value.named_children[0])
            if value is None or value.type != "call_expression":
                return None
            fact = self._of_page_element(value) or self._of_element_helper(value, depth + 1)
            if fact is None:
                fact = self._of_lazy_singleton(value) or self._of_media_query_list(value)
                if fact is not None:
                    stated.add(id(fact))
            if fact is None:
                # `this.emitter = MyEventEmitter.getEmitter('inboundRequest')`: an entry a module keeps (inferred)
                fact = pooled_value(self.model, value)
            if fact is None:
                return None
            facts.append(fact)
        first = facts[0]
        inferred = not all(id(fact) in stated for fact in facts)  # page elements are inferred from the lookup
        return LifetimeFact(Lifetime.LONG_LIVED, f"field `{name}`, always {first.reason}", first.node, inferred=inferred)

    def _injected(self, member: Node):
        """The injected dependency `this.<field>` holds in an Angular component, or None."""
        obj = syntax.unwrap(member.child_by_field_name("object"))
        prop = member.child_by_field_name("property")
        if obj is None or obj.type != "this" or prop is None:
            return None
        info, is_static = self._owner_class(obj)
        return injected_dependency(self.model, info, syntax.text(prop)) if info is not None and not is_static else None

    def instance_lifetime(self, info: ClassInfo) -> LifetimeFact:
        """Whether instances of a class live as long as the process (singletons)."""
        key = info.node.start_byte
        cached = self._instances.get(key)
        if cached is not None:
            return cached
        self._instances[key] = _UNKNOWN
        fact = self._compute_instance(info)
        self._instances[key] = fact
        return fact

    def _constructed_in_place(self) -> dict[int, Node]:
        """Class expressions that a `new` constructs where they stand (`new class { … }()`), by start.

        From the `new` nodes the query captured, never through `Node.parent`, which costs the
        tree's depth per call (ten thousand nested classes made it quadratic).
        """
        table = getattr(self, "_in_place", None)
        if table is None:
            table = {}
            for new in self.model.nodes("new"):
                constructor = syntax.unwrap(new.child_by_field_name("constructor"))
                if constructor is not None and constructor.type == "class":
                    table[constructor.start_byte] = new
            self._in_place = table
        return table

    def _compute_instance(self, info: ClassInfo) -> LifetimeFact:
        label = f"`{info.name}`" if info.name else "the class"
        for decorator in info.decorators:
            if decorator in SINGLETON_DECORATORS:
                return LifetimeFact(Lifetime.LONG_LIVED, f"the @{decorator} singleton {label}", info.node)
        heritage = _BASE_CLASS_NAME.match(info.superclass or "")
        base = self.model.module_scope.bindings.get(heritage.group(1)) if heritage else None
        imported = imported_name(base) if base is not None else None
        if imported is not None and imported in SINGLETON_BASE_CLASSES:
            return LifetimeFact(
                Lifetime.LONG_LIVED, f"{label}, a `{imported[1]}` of `{imported[0]}`: one instance per container", info.node
            )
        made_here = self._constructed_in_place().get(info.node.start_byte) if info.node.type == "class" else None
        if made_here is not None and self.model.function_at(made_here) is None:
            # `exports.toolbar = new class { init() {…} }`: a class made once, where it is defined
            return LifetimeFact(Lifetime.LONG_LIVED, f"the one instance of {label}, made where it is defined", made_here)
        linked = self.model.external.class_instances(info.name)
        if linked is not None:  # instantiations in other files, counted by the project link phase
            if linked.state == "once":
                what = "each instance" if "instances, each created once" in linked.reason else "the single instance"
                return LifetimeFact(Lifetime.LONG_LIVED, f"{what} of {label} ({linked.reason})", info.node)
            return _UNKNOWN
        if info.binding is None:
            return _UNKNOWN
        instantiations = []
        for reference in info.binding.references:
            parent = reference.node.parent
            if parent is not None and parent.type == "new_expression":
                instantiations.append(parent)
        if not instantiations:
            return _UNKNOWN
        held = [new for new in instantiations if _stored_in_static_field(new, info)]
        for new in instantiations:
            if self.model.function_at(new) is not None and new not in held:
                return _UNKNOWN  # created per call somewhere
        if held:
            return LifetimeFact(
                Lifetime.LONG_LIVED, f"the instance of {label} kept in its static field `{_static_target(held[0])}`", held[0]
            )
        if len(instantiations) > 1:
            return LifetimeFact(
                Lifetime.LONG_LIVED, f"each of the {len(instantiations)} instances of {label} created at module level",
                instantiations[0],
            )
        return LifetimeFact(Lifetime.LONG_LIVED, f"the single instance of {label} created at module level", instantiations[0])


_FIELD_DECLARATIONS = frozenset({"public_field_definition", "field_definition"})


def _shared_module_value(analysis: LifetimeAnalysis, value: Node, binding: Binding | None, depth: int) -> LifetimeFact | None:
    """What a field gets from `this.f = name`, when ``name`` is one object for the whole module.

    An import, or a module-level `const` (a `let`/`var` only when nothing
    assigns it again), holding something long-lived: a field set from it
    refers to that one object, whichever instance holds the field, so a
    listener an instance adds through the field stays on the module's object
    after the instance is gone.  A binding the file reassigns may hold a new
    object by then, and stays out.
    """
    if binding is None or not (binding.kind == "import" or binding.is_module_level):
        return None
    if binding.kind in ("let", "var") and binding.writes:
        return None
    if binding.kind in ("function", "class"):
        return None  # the constructor or function itself, not an emitter
    fact = analysis.of(value, depth + 1)
    if not fact.is_long_lived:
        return None
    return LifetimeFact(Lifetime.LONG_LIVED, f"`{binding.name}`, {fact.reason}", fact.node, inferred=fact.inferred)


def media_query_list(model: FileModel, node: Node | None) -> bool:
    """The value of ``node`` is a MediaQueryList `matchMedia()` returned (directly, or kept in a name or field
    only ever given one): its one-argument `addListener(fn)` / `removeListener(fn)` are 'change' listeners."""
    fact = model.lifetime(node)
    made = syntax.unwrap(fact.node) if fact.is_long_lived else None
    return made is not None and made.type == "call_expression" and model._lifetime._of_media_query_list(made) is not None


def _field_initialiser_class(function: Function | None) -> tuple[ClassInfo | None, bool]:
    """The class of an arrow that is (or is nested only in arrows inside) a class field's initialiser.

    An arrow has no `this` of its own; in `handleClick = () => { this.x }` the field initialiser runs
    with `this` bound to the new instance (to the class for a `static` field), like a method's.
    """
    outer = function
    while outer is not None and outer.node.type == "arrow_function" and outer.parent is not None:
        outer = outer.parent
    if outer is None or outer.node.type != "arrow_function":
        return None, False
    field = outer.node.parent
    while field is not None and field.type in ("parenthesized_expression", "as_expression"):
        field = field.parent
    if field is None or field.type not in _FIELD_DECLARATIONS:
        return None, False
    scope = outer.scope.parent
    while scope is not None and scope.class_info is None and scope.kind is not ScopeKind.FUNCTION:
        scope = scope.parent
    info = scope.class_info if scope is not None else None
    if info is None or info.node.start_byte > field.start_byte or field.end_byte > info.node.end_byte:
        return None, False
    is_static = any(child.type == "static" or child.text == b"static" for child in field.children)
    return info, is_static
# `getEventManager`, `getBus`, `getDefaultRegistry`: an accessor of something the receiver keeps.
_SHARED_GETTER = re.compile(r"^get[A-Z]\w*$")
# ... except accessors named for objects made per call.
_PER_CALL_GETTER = re.compile(r"Connection|Client|Session|Socket|Stream|Request|Response|Reader|Writer|Iterator|Copy|Clone|New|Fresh|Child|Instance[sS]")


# Names of an HTTP request object: its `.socket` / `.connection` is the TCP connection it arrived on.
_HTTP_REQUEST_NAMES = frozenset({"req", "request", "incomingMessage"})


def keep_alive_connection(model: FileModel, node: Node | None) -> LifetimeFact | None:
    """`req.socket` / `req.connection` of a request-scoped HTTP request: the connection outlives the request.

    The value itself is request-scoped (it dies with the connection), but on a
    keep-alive connection Node hands the same socket to every request that
    arrives on it, so something added to it per request (a listener) stays
    until the client disconnects: `MaxListenersExceededWarning` on busy
    keep-alive clients.  A socket.io / ws connection handler's own `socket`
    is not this: there the connection is the scope of the handler.
    """
    member = syntax.unwrap(node)
    event = ipc_message_sender(model, member) if member is not None else None
    if event is not None:
        return LifetimeFact(
            Lifetime.REQUEST,
            f"the sender of an `ipcMain` message (`{syntax.text(member)}`): the sending window's webContents, "
            "the same object for every message that window sends",
            member,
        )
    if member is not None and member.type == "identifier":
        return pooled_request_socket(model, member)
    if member is None or member.type != "member_expression":
        return None
    prop = member.child_by_field_name("property")
    obj = syntax.unwrap(member.child_by_field_name("object"))
    if prop is None or syntax.text(prop) not in ("socket", "connection") or obj is None:
        return message_connection(model, member)
    if obj.type != "identifier" or syntax.text(obj) not in _HTTP_REQUEST_NAMES:
        return message_connection(model, member)
    request = model.lifetime(obj)
    if not request.is_request_scoped:
        return None
    return LifetimeFact(
        Lifetime.REQUEST,
        f"the connection `{_dotted(member)}`, which a keep-alive client reuses for request after request",
        member,
        request.inferred,
    )


# A client wrapper's own connection: `socketWrapper.socket`, `client.conn`, `peer.connection`.
_CONNECTION_PROPERTIES = frozenset({"socket", "conn", "connection"})


def message_connection(model: FileModel, member: Node) -> LifetimeFact | None:
    """`socketWrapper.socket` in a per-message function given the client with the message: its connection.

    `subscribe(name, socketWrapper)`, `onMessage(msg, client)`: the client's
    connection is the same on every message it sends, so what each message
    adds to it (a 'close' listener per subscription) stays until the client
    disconnects.  The function must run once per event (not once per
    connection: there the connection is the handler's own scope) and take
    something besides the client (the message, or what it names), and the
    client must be its own parameter.
    """
    prop = member.child_by_field_name("property")
    obj = syntax.unwrap(member.child_by_field_name("object"))
    if prop is None or syntax.text(prop) not in _CONNECTION_PROPERTIES or obj is None or obj.type != "identifier":
        return None
    binding = model.resolve(obj)
    if binding is None or binding.kind != "param":
        return None
    function = binding.scope.owner
    if function is None or binding not in function.params or len(function.params) < 2:
        return None
    frequency = model.frequency(function)
    if frequency.frequency is not Frequency.PER_EVENT or (frequency.handler or frequency.trigger) is not HandlerKind.EVENT:
        return None
    return LifetimeFact(
        Lifetime.REQUEST,
        f"the connection `{_dotted(member)}` of the client `{binding.name}`, the same one for every message it sends",
        member,
        True,
    )


_CLIENT_REQUEST_CALLS = frozenset({"request", "get"})  # http.request(), https.get(), protocol.request()


def pooled_request_socket(model: FileModel, identifier: Node) -> LifetimeFact | None:
    """The `socket` parameter of an outgoing request's `'socket'` listener: the agent's pooled connection.

    `const req = http.request(opts, cb); req.once('socket', (socket) => { socket.on('end', f) })`:
    with a keep-alive agent (the default in Node 19+, and `forever`/`keepAlive`
    options of client libraries) the same socket carries request after request,
    so whatever each request adds to it stays until the connection ends.  The
    request must be a local filled from an `X.request(…)` / `X.get(…)` call
    (or `new ClientRequest(…)`) in the same function.
    """
    site = listener_call_of(model, identifier)
    if site is None or site.method not in ("on", "once", "addListener", "prependListener", "prependOnceListener"):
        return None
    if syntax.string_value(site.argument(0)) != "socket":
        return None
    request = syntax.unwrap(site.receiver)
    if request is None or request.type != "identifier":
        return None
    holder = model.resolve(request)
    init = syntax.unwrap(holder.init) if holder is not None else None
    if init is None:
        return None
    if init.type == "new_expression":
        constructor = init.child_by_field_name("constructor")
        if constructor is None or syntax.text(constructor).split(".")[-1] != "ClientRequest":
            return None
    elif init.type == "call_expression":
        made = model.call_site(init)
        if made.method not in _CLIENT_REQUEST_CALLS or made.receiver is None:
            return None
    else:
        return None
    return LifetimeFact(
        Lifetime.REQUEST,
        f"the socket `{syntax.text(request)}` is given by its agent, which reuses one keep-alive connection "
        "for request after request",
        site.node,
        True,
    )


def _element_lookup_parameter(model: FileModel, value: Node | None, helper: Function) -> int | None:
    """The index of ``helper``'s parameter that ``value`` looks up with `document.getElementById(p)`, or None."""
    value = syntax.unwrap(value)
    if value is not None and value.type == "identifier":
        value = model.local_value(value)
    if value is None or value.type != "call_expression":
        return None
    callee = syntax.unwrap(value.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return None
    prop = callee.child_by_field_name("property")
    document = syntax.unwrap(callee.child_by_field_name("object"))
    if prop is None or syntax.text(prop) not in _PAGE_LOOKUPS or document is None or not model.is_global(document, "document"):
        return None
    arguments = value.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if len(named) != 1 or named[0].type != "identifier":
        return None
    parameter = model.resolve(named[0])
    if parameter is None or parameter.kind != "param" or parameter not in helper.params:
        return None
    return helper.params.index(parameter)


def _static_target(new: Node) -> str:
    """`AuthSite.instance` of `AuthSite.instance = new AuthSite()`."""
    assign = new.parent
    while assign is not None and assign.type == "parenthesized_expression":
        assign = assign.parent
    left = assign.child_by_field_name("left") if assign is not None else None
    return syntax.text(left) if left is not None else "?"


def _stored_in_static_field(new: Node, info) -> bool:
    """`Cls.instance = new Cls()` (or `this.instance = …` in a static method, `??=`, `||=`): a singleton accessor.

    A static field holds the instance for the life of the process, so the
    instance (and every field it grows) is long-lived, however many times the
    accessor runs: each run either keeps the held instance or replaces it.
    """
    assign = new.parent
    while assign is not None and assign.type == "parenthesized_expression":
        assign = assign.parent
    if assign is None or assign.type not in ("assignment_expression", "augmented_assignment_expression"):
        return False
    if syntax.unwrap(assign.child_by_field_name("right")) != new:
        return False
    left = syntax.unwrap(assign.child_by_field_name("left"))
    if left is None or left.type != "member_expression":
        return False
    target = syntax.unwrap(left.child_by_field_name("object"))
    if target is None:
        return False
    if target.type == "identifier":
        if info.name is None or syntax.text(target) != info.name:
            return False
    elif target.type == "this":
        method = new.parent
        while method is not None and method.type != "method_definition":
            if method.type in ("function_declaration", "function_expression", "class_declaration", "class"):
                return False  # `this` of an inner function or another class
            method = method.parent
        if method is None or not any(child.type == "static" for child in method.children):
            return False
    else:
        return False
    if assign.type == "augmented_assignment_expression":
        return True  # `X.instance ??= new X()`: made once, then kept
    return _guarded_by(assign, syntax.text(left))


def _guarded_by(assign: Node, target: str) -> bool:
    """`if (!X.instance) X.instance = new X()`: the assignment runs only while the field is empty.

    Without such a guard a static method that stores a new instance on every
    call replaces the held one each time, and no instance lives long.
    """
    compact = "".join(target.split())
    node = assign.parent
    while node is not None and node.type not in ("method_definition", "function_declaration", "function_expression"):
        if node.type in ("if_statement", "ternary_expression"):
            condition = node.child_by_field_name("condition")
            if condition is not None and compact in "".join(syntax.text(condition).split()):
                return True
        node = node.parent
    return False



def fresh_value_at(model: FileModel, use: Node | None) -> LifetimeFact | None:
    """A module `let`/`var` (or a field of `this`) that this function has just set to a new object, before this use.

    The binding outlives the call, but the object it holds at the use does
    not repeat across calls: each call stores a new one.  Rules about
    accumulation on one object (listeners added per call) ask this; the
    binding itself stays long-lived for rules about what it retains.

    `connection = mysql.createConnection(…); connection.on('connect', …)`:
    at the use the binding holds the object this call created, not one
    long-lived object; the assignment must run on the way to the use (an
    earlier statement of a block that contains it), in the same function.
    """
    use = syntax.unwrap(use)
    if use is not None and use.type == "member_expression":
        found = _fresh_field_at(model, use)
        if found is None:
            found = _member_of_fresh_value(model, use)
        return found
    if use is None or use.type != "identifier":
        return None
    binding = model.resolve(use)
    if binding is None or not binding.is_module_level or binding.kind not in ("let", "var"):
        return None
    function = model.function_at(use)
    if function is None:
        return None
    latest = None
    for reference in binding.writes:
        assign = reference.node.parent
        if assign is None or assign.type != "assignment_expression" or assign.end_byte > use.start_byte:
            continue
        if assign.child_by_field_name("left") != reference.node or model.function_at(assign) is not function:
            continue
        statement = assign.parent
        block = statement.parent if statement is not None and statement.type == "expression_statement" else None
        if block is None or not block.start_byte <= use.start_byte < block.end_byte:
            continue
        if latest is None or assign.start_byte > latest.start_byte:
            latest = assign
    return _fresh_assignment(model, latest, f"`{binding.name}`", function)


def _member_of_fresh_value(model: FileModel, use: Node) -> LifetimeFact | None:
    """`win = new BrowserWindow(o); win.webContents.on(…)`: a property of an object just made is its own.

    One named property of a module `let` (or a field of `this`) that the
    function has just set to a new object: the property was made with that
    object, so a listener on it goes with it.
    """
    obj = syntax.unwrap(use.child_by_field_name("object"))
    prop = use.child_by_field_name("property")
    if obj is None or prop is None or prop.type != "property_identifier" or obj.type == "this":
        return None
    if obj.type == "member_expression" and syntax.unwrap(obj.child_by_field_name("object")).type != "this":
        return None  # `a.b.c`: only one property below the fresh value
    found = fresh_value_at(model, obj)
    if found is None:
        return None
    return LifetimeFact(found.lifetime, f"a property of {found.reason}", found.node, found.inferred)


def _fresh_field_at(model: FileModel, use: Node) -> LifetimeFact | None:
    """`this.channel = await conn.createChannel(); this.channel.on(…)`: a field set to a new object just before.

    The same test as for a module `let`, on a field of `this` (an instance or,
    in a static method, the class): the last plain assignment to the same
    access path in the same function, in a statement of a block that contains
    the use, with a creating call (or a literal) on its right.
    """
    path = model.access_path(use)
    function = model.function_at(use)
    if path is None or function is None or syntax.unwrap(use.child_by_field_name("object")).type != "this":
        return None
    current = use
    while current.parent is not None and current.parent.start_byte > function.node.start_byte:
        block, current = current.parent, current.parent
        if block.type != "statement_block":
            continue
        for statement in reversed([s for s in block.named_children if s.end_byte <= use.start_byte]):
            # `try { this.socket = new WebSocket(u); } catch (e) { …; return; }`: past the try, the assignment ran
            candidates = _completed_try_statements(statement) if statement.type == "try_statement" else [statement]
            for candidate in candidates:
                assign = syntax.unwrap(candidate.named_children[0]) if candidate.type == "expression_statement" else None
                if assign is None or assign.type != "assignment_expression":
                    continue
                left = syntax.unwrap(assign.child_by_field_name("left"))
                if left is not None and left.type == "member_expression" and model.access_path(left) == path:
                    return _fresh_assignment(model, assign, f"`{syntax.text(use)}`", function)
    return None


def _completed_try_statements(statement: Node) -> list[Node]:
    """The try block's statements, last first, when every catch path leaves the function (else none)."""
    body = statement.child_by_field_name("body")
    handler = statement.child_by_field_name("handler")
    handler_body = handler.child_by_field_name("body") if handler is not None else None
    if body is None or handler_body is None or statement.child_by_field_name("finalizer") is not None:
        return []
    last = [s for s in handler_body.named_children if s.type != "comment"]
    if not last or last[-1].type not in ("return_statement", "throw_statement"):
        return []
    return list(reversed(body.named_children))


def _fresh_assignment(model: FileModel, latest: Node | None, label: str, function) -> LifetimeFact | None:
    """The fact for the last assignment before a use, when its value is a new object."""
    if latest is None:
        return None
    value = syntax.unwrap(latest.child_by_field_name("right"))
    if value is not None and value.type == "await_expression" and value.named_children:
        value = syntax.unwrap(value.named_children[0])
    if value is None or value.type not in ("call_expression", "new_expression", "object", "array"):
        return None
    if value.type == "call_expression":
        callee = syntax.text(syntax.unwrap(value.child_by_field_name("function"))).rsplit(".", 1)[-1]
        if not _CREATING_CALL.match(callee) and not _found_in_new_element(model, value, function):
            return None  # `conn = getConnection()` may hand out a shared object
    return LifetimeFact(
        Lifetime.LOCAL, f"{label} is set to a new value in {model.describe_function(function)} just before", latest
    )


_QUERY_METHODS = frozenset({"querySelector", "getElementsByClassName", "getElementsByTagName"})


def _found_in_new_element(model: FileModel, call: Node, function) -> bool:
    """`parent.querySelector('.f')` where `const parent = document.createElement('div')` in the same function.

    An element found under one the function has just made (and filled through
    `innerHTML`) is part of that new tree: it is made on this call too.
    """
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return False
    prop = callee.child_by_field_name("property")
    holder = syntax.unwrap(callee.child_by_field_name("object"))
    if prop is None or syntax.text(prop) not in _QUERY_METHODS or holder is None or holder.type != "identifier":
        return False
    if _inner_html_replaced_before(model, holder, call, function):
        return True  # `container.innerHTML = html; tabs = container.querySelector('.tabs')`
    binding = model.resolve(holder)
    if binding is None or binding.kind not in ("const", "let", "var") or binding.writes or binding.is_module_level:
        return False
    init = syntax.unwrap(binding.init)
    if init is None or init.type != "call_expression" or model.function_at(binding.node) is not function:
        return False
    made = syntax.unwrap(init.child_by_field_name("function"))
    return made is not None and syntax.text(made).rsplit(".", 1)[-1] == "createElement"


def _inner_html_replaced_before(model: FileModel, holder: Node, call: Node, function) -> bool:
    """`holder.innerHTML = …` in a statement of a block around ``call``, before it: the subtree is new."""
    binding = model.resolve(holder)
    if binding is None:
        return False
    for reference in binding.reads:
        member = reference.node.parent
        if member is None or member.type != "member_expression" or member.start_byte >= call.start_byte:
            continue
        prop = member.child_by_field_name("property")
        assign = member.parent
        if prop is None or syntax.text(prop) != "innerHTML" or assign is None:
            continue
        if assign.type != "assignment_expression" or assign.child_by_field_name("left") != member:
            continue
        statement = assign.parent
        block = statement.parent if statement is not None and statement.type == "expression_statement" else None
        if block is None or block.type not in ("statement_block", "program") or model.function_at(assign) is not function:
            continue
        if block.start_byte <= call.start_byte < block.end_byte:
            return True
    return False


# Calls named like factories: each returns a new object (`createConnection`, `connect`, `spawn`).
_CREATING_CALL = re.compile(r"^(?:create|make|build|new|open|connect|spawn|fork)(?:[A-Z_$]\w*)?$")


def _is_plugin_member_name(name: str) -> bool:
    return len(name) > 1 and name.startswith("$") and name not in VUE_PER_INSTANCE_MEMBERS


def _assigns_own_member(model: FileModel, name: str) -> bool:
    """`this.$chart = echarts.init(…)`: the file gives its instances a `$` member of their own."""
    return re.search(rb"this\." + re.escape(name.encode()) + rb"\s*=(?!=)", model.source) is not None


def _is_vue_app_member(node: Node) -> bool:
    """`this.$name` exactly (not deeper)."""
    if node.type != "member_expression":
        return False
    obj = syntax.unwrap(node.child_by_field_name("object"))
    prop = node.child_by_field_name("property")
    return obj is not None and obj.type == "this" and prop is not None and syntax.text(prop).startswith("$")


def _dotted(node: Node) -> str:
    """`a.b.c` of an identifier or member chain, whitespace removed."""
    return "".join(syntax.text(node).split())
