"""Request-scoped objects: the request, response, context or socket a handler is given, and aliases of them.

A handler's parameters all live for one request (or connection), but most of
them are small values (`next`, an id injected by a decorator). Retaining one of
the *objects* that stand for the request (`req`, `res`, `ctx`, `request`,
`reply`, `socket`, …) keeps the socket, the headers and the parsed body alive,
so this fact names those parameters, by name, by TypeScript type or by NestJS
decorator, and follows plain aliases of them (`const r = req`).

Shared through ``model.fact("requests", request_objects)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import HandlerKind
from leaklint.model.frequency import FrequencyFact
from leaklint.model.scopes import Binding, Function, Reference
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

REQUEST_OBJECT_NAMES = frozenset(
    {"req", "request", "res", "response", "reply", "ctx", "context", "socket", "ws", "conn", "connection"}
)
REQUEST_OBJECT_DECORATORS = frozenset({"Req", "Request", "Res", "Response", "Ctx", "Context", "ConnectedSocket"})
_REQUEST_TYPE = re.compile(
    r"^:\s*(\w+\.)?(Fastify|Express|Hono|Koa|Http|Raw)?"
    r"(Request|Response|Reply|Context|ParameterizedContext|Socket|WebSocket|IncomingMessage|ServerResponse)\b"
)
# Calls through which a closure answers the request itself (so the request is still open until it runs).
ANSWER_METHODS = frozenset(
    {
        "end",
        "send",
        "json",
        "jsonp",
        "write",
        "writeHead",
        "sendStatus",
        "sendFile",
        "redirect",
        "render",
        "download",
        "emit",
        "close",
        "destroy",
        "terminate",
        "pipe",
    }
)
ANSWER_FIELDS = frozenset({"body", "status", "statusCode", "statusMessage", "message", "type"})
_MAX_ALIAS_DEPTH = 8


@dataclass(frozen=True)
class RequestObject:
    """A binding that holds a request-scoped object, and the handler parameter it comes from."""

    binding: Binding  # what a closure may capture: the parameter itself or a local alias
    parameter: Binding  # the handler's parameter
    handler: Function
    frequency: FrequencyFact  # the handler's registration (why it runs per request / connection)
    wraps: bool = False  # the binding holds an object made from the parameter (`new Conn(socket)`), not an alias

    @property
    def unit(self) -> str:
        """"request" or "connection": what one handler call stands for."""
        return "connection" if self.frequency.handler is HandlerKind.CONNECTION else "request"

    @property
    def reason(self) -> str:
        """"parameter of the GET /x route handler", "an alias of `req`, parameter of …"."""
        reason = self.frequency.reason
        what = f"which {reason}" if reason.startswith("has ") else f"the {reason}"
        if self.handler.name:
            where = f"parameter of `{self.handler.name}()`, {what}"
        elif reason.startswith("has "):
            where = f"parameter of a function that {reason}"
        else:
            where = f"parameter of the {reason}"
        if self.binding is self.parameter:
            return where
        if self.wraps:
            return f"made from `{self.parameter.name}`, {where}"
        return f"an alias of `{self.parameter.name}`, {where}"


def request_objects(model: FileModel) -> RequestObjects:
    """Build the per-file fact (through ``model.fact("requests", request_objects)``)."""
    return RequestObjects(model)


class RequestObjects:
    """Which bindings hold a request-scoped object; cached per binding."""

    def __init__(self, model: FileModel) -> None:
        self.model = model
        self._cache: dict[int, RequestObject | None] = {}

    def of(self, binding: Binding, depth: int = 0) -> RequestObject | None:
        """The request object a binding holds, or None."""
        key = id(binding)
        if key in self._cache:
            return self._cache[key]
        self._cache[key] = None  # cycle guard
        result = self._compute(binding, depth)
        self._cache[key] = result
        return result

    def _compute(self, binding: Binding, depth: int) -> RequestObject | None:
        if binding.kind == "param":
            return self._parameter(binding)
        if binding.kind not in ("const", "let", "var") or binding.init is None or depth > _MAX_ALIAS_DEPTH:
            return None
        if any(r.is_write for r in binding.references):
            return None  # reassigned: not a plain alias
        init = syntax.unwrap(binding.init)
        if init is None or init.type != "identifier":
            return None  # `const id = req.params.id` extracts a value; only the object itself counts
        source = self.model.resolve(init)
        origin = self.of(source, depth + 1) if source is not None else None
        if origin is None:
            return None
        return RequestObject(binding, origin.parameter, origin.handler, origin.frequency)

    def _parameter(self, binding: Binding) -> RequestObject | None:
        function = binding.scope.function
        if function is None or binding not in function.params:
            return None
        named = self._names_request_object(binding)
        if not named and not self._passed_from_request(binding):
            return None  # the answer below whatever the function's frequency: most parameters need none
        frequency = self.model.frequency(function)
        if frequency.handler not in (HandlerKind.REQUEST, HandlerKind.CONNECTION):
            return self._passed_request(binding, function, frequency)
        if not named:
            return None
        return RequestObject(binding, binding, function, frequency)

    def _passed_request(self, binding: Binding, function: Function, frequency) -> RequestObject | None:
        """`addClient(res)` from a route in another file: every caller passes its request object (project link)."""
        if not self._passed_from_request(binding) or not frequency.runs_repeatedly:
            return None
        if frequency.trigger not in (HandlerKind.REQUEST, HandlerKind.CONNECTION):
            return None
        return RequestObject(binding, binding, function, frequency)

    def _passed_from_request(self, binding: Binding) -> bool:
        """The project link found every caller in other files passing a request-scoped value for this parameter."""
        from leaklint.model.passed_arguments import linked_parameter

        linked = linked_parameter(self.model, binding) if self.model.external.parameters else None
        return linked is not None and linked.lifetime == "request-scoped"

    def _names_request_object(self, binding: Binding) -> bool:
        """A plain parameter named, typed or decorated as the request, response, context or socket."""
        node = binding.node
        parent = node.parent
        declaration = None
        if parent is not None and parent.type in ("required_parameter", "optional_parameter"):
            declaration = parent
        elif parent is not None and parent.type == "assignment_pattern":
            if parent.parent is None or parent.parent.type != "formal_parameters":
                return False  # a default inside a destructuring pattern
        elif parent is None or parent.type not in ("formal_parameters", "arrow_function"):
            return False  # destructured: `({ body })` holds a value taken out of the request
        if declaration is not None:
            decorators = [syntax.decorator_name(c) for c in declaration.children if c.type == "decorator"]
            if decorators:
                return any(d in REQUEST_OBJECT_DECORATORS for d in decorators)
            annotation = next((c for c in declaration.children if c.type == "type_annotation"), None)
            if annotation is not None and _REQUEST_TYPE.search(syntax.text(annotation)):
                return True
        return binding.name in REQUEST_OBJECT_NAMES

    def answer(self, function: Function, objects: list[tuple[RequestObject, list[Reference]]]) -> Node | None:
        """Where a closure answers the request through a captured request object (`res.send()`, `ctx.body =`).

        A closure that replies is the rest of the request, not something that outlives it. So is one
        that settles a promise (`new Promise((resolve) => queue.push(() => resolve(req.body)))`): the
        handler is waiting for it.
        """
        for _origin, references in objects:
            for reference in references:
                found = _answers(reference.node)
                if found is not None:
                    return found
        for binding, references in self.model.captures_of(function).items():
            if binding.kind == "param" and _is_promise_executor(binding.scope.function):
                return references[0].node
        return None


def _answers(identifier: Node) -> Node | None:
    """`res.json(...)`, `reply.code(200).send(...)`, `ctx.body = …`, `stream.pipe(res)`."""
    node = identifier
    parent = node.parent
    if parent is not None and parent.type == "arguments":
        call = parent.parent
        callee = call.child_by_field_name("function") if call is not None else None
        is_method = callee is not None and callee.type == "member_expression"
        prop = callee.child_by_field_name("property") if is_method else None
        if prop is not None and prop.text == b"pipe":
            return call
        return None
    first = True
    while parent is not None:
        if parent.type == "member_expression" and parent.child_by_field_name("object") == node:
            prop = parent.child_by_field_name("property")
            name = syntax.text(prop) if prop is not None else ""
            grand = parent.parent
            called = grand is not None and grand.type == "call_expression"
            if called and grand.child_by_field_name("function") == parent:
                if name in ANSWER_METHODS:
                    return grand
                node, parent = grand, grand.parent
                first = False
                continue
            if (
                first
                and grand is not None
                and grand.type in ("assignment_expression", "augmented_assignment_expression")
                and grand.child_by_field_name("left") == parent
                and name in ANSWER_FIELDS
            ):
                return grand
            return None
        return None
    return None


def _is_promise_executor(function: Function | None) -> bool:
    """The function passed to `new Promise(...)`: its parameters are `resolve` and `reject`."""
    context = function.context if function is not None else ()
    if not context or context[0] != "argument" or context[2] != 0:
        return False
    call = context[1]
    if call.type != "new_expression":
        return False
    constructor = syntax.unwrap(call.child_by_field_name("constructor"))
    return constructor is not None and constructor.text == b"Promise"

