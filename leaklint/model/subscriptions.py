"""Observable subscriptions and what Angular injects: the receivers a component subscribes to.

Three facts, for LL002 and the lifetime model:

- **Injected services outlive the component.** A class decorated
  `@Component` / `@Directive` gets its constructor parameter properties
  (`constructor(private data: DataService)`) and its `inject(T)` fields from
  an injector: the root injector or a module's, which live as long as the
  app. A subscription or listener the component adds there stays after the
  component is destroyed, with the component in its closure. Not so for a
  type the class lists in its own `providers` / `viewProviders` (made for
  this component), a parameter marked `@Self()` / `@Host()`, or a type
  Angular makes per component (`ElementRef`, `ChangeDetectorRef`,
  `Renderer2`, …) or per route activation (`ActivatedRoute`, whose
  observables the router completes when the component goes).
  The members of such a service (`this.data.items$`, `this.router.events`)
  live as long as it does: one level, not deeper.
- **`x.subscribe(fn)` is a registration** whose removal is the returned
  subscription (`.unsubscribe()`, or a function in Redux-style stores). The
  code that drops that return value can never remove it. It is one only when
  the argument is a callback or an observer object (`{ next }`); a
  `subscribe('channel')` of a pub/sub client is not. An RxJS `.pipe(…)`,
  `.asObservable()` or NgRx `store.select(selector)` between the receiver
  and `.subscribe()` subscribes to the receiver, unless one of the pipe's
  operators completes the stream (`take(1)`, `first()`,
  `takeUntil(this.destroy$)`, `takeUntilDestroyed()`, …).
- **RxJS sources that never complete and hold a global resource**:
  `interval(ms)`, `timer(delay, period)` (a timer) and `fromEvent(target, …)`
  on a long-lived target (a listener on it), imported from `rxjs`: until
  unsubscribed, the timer or the target keeps the subscriber.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.calls import CallSite
    from leaklint.model.scopes import ClassInfo

ANGULAR_VIEW_DECORATORS = frozenset({"Component", "Directive"})
# Injectables Angular makes for each component or view, or for each route activation.
PER_COMPONENT_TYPES = frozenset(
    {
        "ElementRef", "ChangeDetectorRef", "Renderer2", "ViewContainerRef", "TemplateRef", "DestroyRef",
        "Injector", "NgControl", "ControlContainer", "ActivatedRoute", "ActivatedRouteSnapshot",
        "FormGroupDirective", "NgForm", "EmbeddedViewRef", "ViewRef",
    }
)
# Parameter decorators that resolve from the component's own (or host's) injector.
LOCAL_INJECTION_DECORATORS = frozenset({"Self", "Host"})
PROVIDER_KEYS = frozenset({"providers", "viewProviders"})
# RxJS operators after which the subscription ends by itself.
COMPLETING_OPERATORS = frozenset(
    {
        "take", "first", "takeUntil", "takeWhile", "takeUntilDestroyed", "untilDestroyed", "takeLast",
        "single", "last", "find", "findIndex", "elementAt", "isEmpty", "every", "timeout", "toArray",
        "count", "reduce",
    }
)
SEE_THROUGH_METHODS = frozenset({"pipe", "asObservable", "select"})
# Methods whose arguments are not RxJS operators: NgRx's `store.select(selector)`.
_SELECTOR_METHODS = frozenset({"select"})


@dataclass(frozen=True)
class InjectedDependency:
    """A field of an Angular component that holds what the injector gave it."""

    field: str
    type_name: str
    node: Node  # the parameter or the field definition
    owner: str  # "Angular component `X`"


def injected_dependency(model: FileModel, info: ClassInfo, field: str) -> InjectedDependency | None:
    """The long-lived service ``this.<field>`` of an Angular component or directive holds, or None."""
    if not any(d in ANGULAR_VIEW_DECORATORS for d in info.decorators):
        return None
    table = model.fact("angular-injected", _all_injected)
    return table.get((info.node.start_byte, field))


def _all_injected(model: FileModel) -> dict[tuple[int, str], InjectedDependency]:
    found: dict[tuple[int, str], InjectedDependency] = {}
    for info in model.classes:
        decorator = next((d for d in info.decorators if d in ANGULAR_VIEW_DECORATORS), None)
        if decorator is None:
            continue
        local = _provided_here(info.node)
        owner = f"Angular {decorator.lower()} `{info.name}`" if info.name else f"an Angular {decorator.lower()}"
        for name, binding in info.parameter_properties.items():
            parameter = binding.node.parent
            while parameter is not None and parameter.type not in ("required_parameter", "optional_parameter"):
                parameter = parameter.parent
            if parameter is None:
                continue
            if any(
                c.type == "decorator" and syntax.decorator_name(c) in LOCAL_INJECTION_DECORATORS
                for c in parameter.children
            ):
                continue
            type_name = _type_name(parameter.child_by_field_name("type"))
            if type_name is not None and type_name not in PER_COMPONENT_TYPES and type_name not in local:
                found[(info.node.start_byte, name)] = InjectedDependency(name, type_name, parameter, owner)
        for name, values in info.instance_fields.items():
            for value in values:
                type_name = _inject_call_type(value)
                if type_name is not None and type_name not in PER_COMPONENT_TYPES and type_name not in local:
                    found[(info.node.start_byte, name)] = InjectedDependency(name, type_name, value, owner)
                    break
    return found


def _type_name(annotation: Node | None) -> str | None:
    """`: DataService` -> "DataService"; `: Store<State>` -> "Store"; primitives and unions -> None."""
    if annotation is None:
        return None
    node = next((c for c in annotation.named_children), None)
    if node is not None and node.type == "generic_type":
        node = node.child_by_field_name("name") or next(iter(node.named_children), None)
    if node is not None and node.type == "nested_type_identifier":
        node = node.named_children[-1] if node.named_children else None
    if node is None or node.type != "type_identifier":
        return None
    return syntax.text(node)


def _inject_call_type(value: Node | None) -> str | None:
    """`inject(Store)` -> "Store"."""
    value = syntax.unwrap(value)
    if value is None or value.type != "call_expression":
        return None
    callee = value.child_by_field_name("function")
    if callee is None or callee.type != "identifier" or callee.text != b"inject":
        return None
    arguments = value.child_by_field_name("arguments")
    first = next((a for a in arguments.named_children if a.type != "comment"), None) if arguments is not None else None
    return syntax.text(first) if first is not None and first.type == "identifier" else None


def _provided_here(class_node: Node) -> frozenset[str]:
    """Types in the decorator's own `providers` / `viewProviders`: one instance per component."""
    decorators = [c for c in class_node.children if c.type == "decorator"]
    parent = class_node.parent
    if parent is not None and parent.type == "export_statement":
        decorators.extend(c for c in parent.children if c.type == "decorator")
    names: set[str] = set()
    for decorator in decorators:
        call = next((c for c in decorator.named_children if c.type == "call_expression"), None)
        arguments = call.child_by_field_name("arguments") if call is not None else None
        options = next((a for a in arguments.named_children if a.type == "object"), None) if arguments is not None else None
        if options is None:
            continue
        for pair in options.named_children:
            key = pair.child_by_field_name("key") if pair.type == "pair" else None
            if key is None or syntax.text(key) not in PROVIDER_KEYS:
                continue
            value = syntax.unwrap(pair.child_by_field_name("value"))
            for entry in value.named_children if value is not None and value.type == "array" else ():
                if entry.type == "identifier":
                    names.add(syntax.text(entry))
                elif entry.type == "object":
                    for item in entry.named_children:
                        if item.type == "pair" and syntax.text(item.child_by_field_name("key")) == "provide":
                            provided = syntax.unwrap(item.child_by_field_name("value"))
                            if provided is not None and provided.type == "identifier":
                                names.add(syntax.text(provided))
    return frozenset(names)


def is_observable_subscription(site: CallSite) -> bool:
    """`x.subscribe(fn)`, `x.subscribe(next, error)`, `x.subscribe({ next })`: a callback handed to `subscribe`."""
    if site.method != "subscribe" or not site.arguments or site.receiver is None:
        return False
    first = syntax.unwrap(site.argument(0))
    if first is None:
        return False
    if first.type in syntax.FUNCTION_KINDS:
        return True
    if first.type == "object":
        return any(
            syntax.text(c.child_by_field_name("key") or c.child_by_field_name("name") or c) in ("next", "error", "complete")
            for c in first.named_children
            if c.type in ("pair", "method_definition", "shorthand_property_identifier")
        )
    if first.type == "member_expression" or first.type == "identifier":
        return True  # `this.onItems`, `render`: a function passed by name
    if first.type == "call_expression":  # `this.onItems.bind(this)`
        callee = syntax.unwrap(first.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        return prop is not None and prop.text == b"bind"
    return False


def subscribed_source(call: Node) -> Node | None:
    """For `src.pipe(map(f)).subscribe(…)`'s `src.pipe(map(f))`: `src`; None when an operator completes it.

    Only a `.pipe()` / `.asObservable()` / `.select()` call that is itself subscribed to
    (its parent is `.subscribe`), and whose operators are plain calls, is
    seen through: Node's `readable.pipe(dest)` returns its destination.
    """
    if _see_through_method(call) is None:
        return None  # the cheap test first: `Node.parent` walks down from the root
    parent = call.parent
    if parent is None or parent.type != "member_expression":
        return None
    prop = parent.child_by_field_name("property")
    if prop is None or prop.text != b"subscribe":
        return None
    node = call
    for _ in range(4):
        found = _see_through_method(node)
        if found is None:
            return None
        callee, method = found
        arguments = node.child_by_field_name("arguments")
        operators = arguments.named_children if arguments is not None and method not in _SELECTOR_METHODS else ()
        for operator in operators:
            if operator.type == "comment":
                continue
            if operator.type != "call_expression":
                return None  # `readable.pipe(socket)`: a stream, not an operator
            name = syntax.unwrap(operator.child_by_field_name("function"))
            if name is None or name.type != "identifier" or syntax.text(name) in COMPLETING_OPERATORS:
                return None
        source = syntax.unwrap(callee.child_by_field_name("object"))
        if source is None or _see_through_method(source) is None:
            return source  # `items$`, `this.data.items$`, `fromEvent(window, 'resize')`
        node = source  # `a.pipe(f).pipe(g)`: one more step
    return None


def _see_through_method(node: Node) -> tuple[Node, str] | None:
    """(callee, method) of `x.pipe(…)` / `x.asObservable()` / `x.select(…)`, else None."""
    if node.type != "call_expression":
        return None
    callee = syntax.unwrap(node.child_by_field_name("function"))
    method = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
    name = syntax.text(method) if method is not None else None
    return (callee, name) if name in SEE_THROUGH_METHODS else None


# RxJS creation functions whose observable never completes: (name, minimum arguments).
ENDLESS_SOURCES = {"interval": 0, "timer": 2, "fromEvent": 2, "animationFrames": 0}


def endless_source(model: FileModel, call: Node) -> tuple[str, Node | None] | None:
    """(name, the event target or None) for `interval(1000)`, `timer(0, 500)`, `fromEvent(window, 'resize')`
    imported from `rxjs`, when the call is subscribed to (directly or through `.pipe()`)."""
    from leaklint.model.imports import imported_name

    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return None
    imported = imported_name(model.resolve(callee))
    if imported is None or imported[0] != "rxjs" or imported[1] not in ENDLESS_SOURCES:
        return None
    arguments = call.child_by_field_name("arguments")
    named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
    if len(named) < ENDLESS_SOURCES[imported[1]]:
        return None  # `timer(500)` emits once and completes
    parent = call.parent
    prop = parent.child_by_field_name("property") if parent is not None and parent.type == "member_expression" else None
    if prop is None or syntax.text(prop) not in ("subscribe", *SEE_THROUGH_METHODS):
        return None
    return imported[1], (named[0] if imported[1] == "fromEvent" else None)
