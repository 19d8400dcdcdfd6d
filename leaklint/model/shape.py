"""Evidence from the code's shape, for when one half of a leak is not in the file.

When nothing in the file calls a function (its callers are in other files) or
a receiver is not declared here (a global, an implicit import), the file alone
cannot say how often the code runs or how long the object lives.  The
functions here look for *positive* evidence in the code's shape instead:

- a function whose parameters are request-like (`req`, `socket`, `msg`, …) or
  whose name says it handles work (`handle*`, `on*`, `process*`) runs once per
  request, connection or event; one named like an accessor (`get*`, `fetch*`,
  `load*`) with a parameter runs once per call; one named like set-up
  (`init`, `setup`, `start`, `register*`, `create*App`, …) runs once, unless
  the name ends in what it starts, one unit of work it takes a description of
  (`startTask(type, data)`, `initUpload(file)`) or a connection it is given
  (`setupWSConnection(conn, req)`);
- an identifier that the file never declares and that is not conventionally a
  per-call value is a global or an implicit import: it lives as long as the
  process, like `process`.

Every answer carries ``Evidence.SHAPE`` (frequency) or ``inferred=True``
(lifetime) and a reason that names the inference, so rules can report it with
confidence "medium" and say what they assumed.  The vocabulary is documented
in docs/architecture.md and widened by the `request-parameters`,
`handler-prefixes` and `once-names` configuration keys.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import EFFECT_HOOKS, HandlerKind
from leaklint.model.frequency import Evidence, Frequency, FrequencyFact
from leaklint.model.fresh_names import destructured_field, helper_fresh_return
from leaklint.model.lifetime import Lifetime, LifetimeFact
from leaklint.model.scopes import Function, ScopeKind
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

# Parameter name -> the kind of work a function that takes it handles.
REQUEST_PARAMETERS: dict[str, HandlerKind] = {
    "req": HandlerKind.REQUEST,
    "res": HandlerKind.REQUEST,
    "request": HandlerKind.REQUEST,
    "reply": HandlerKind.REQUEST,
    "ctx": HandlerKind.REQUEST,
    "socket": HandlerKind.CONNECTION,
    "ws": HandlerKind.CONNECTION,
    "conn": HandlerKind.CONNECTION,
    "message": HandlerKind.EVENT,
    "msg": HandlerKind.EVENT,
    "event": HandlerKind.EVENT,
    "job": HandlerKind.EVENT,
}
# Name prefixes (followed by an upper-case letter, or the whole name) of functions that handle work.
HANDLER_PREFIXES = ("handle", "on", "process")
# Name prefixes of per-call accessors; they count only when the function takes a parameter.
ACCESSOR_PREFIXES = ("get", "fetch", "load")
# Names (or prefixes, as above) of functions that run once: start-up and registration.
ONCE_NAMES = ("init", "initialize", "setup", "start", "configure", "register", "install", "bootstrap", "main")
_CREATE_APP = re.compile(r"^create[A-Z$_]?\w*App$")
# Exact names of registration entry points: an emitter's own `on(type, handler)` is called
# once per subscription, and what it stores is keyed by event names.
REGISTRATION_NAMES = frozenset({"on", "once", "addListener", "addEventListener", "subscribe", "use", "define"})
# Parameter names of keys drawn from a fixed set (event types, template or plugin names, paths on disk):
# a cache keyed by them is bounded by the program, not by the traffic.
BOUNDED_KEY_NAMES = frozenset(
    {
        "type", "kind", "event", "eventName", "eventType", "name", "topic", "channel", "namespace", "plugin",
        "module", "moduleName", "file", "filename", "fileName", "path", "filePath", "filepath", "template",
        "locale", "lang", "language", "method", "format", "level", "mode", "ext", "extension", "dir", "hook",
        "command", "cmd", "tag", "tagName", "selector", "font", "color", "icon", "component", "category",
        "className", "theme", "action", "route", "field", "property", "prop", "attribute", "op",
        # names of schema objects: bounded by the schema, not by the traffic
        "tableName", "tablePath", "columnName", "schemaName", "modelName", "entityName", "fieldName",
        "propertyName", "typeName", "attributeName", "collectionName", "relationName", "indexName",
        "serviceName",
        # kinds of record a schema or protocol defines: FHIR resource types, MIME types, message types
        "resourceType", "recordType", "entityType", "objectType", "contentType", "mimeType", "mediaType",
        "messageType",
        # DOM element names and IANA zone names: fixed vocabularies
        "nodeName", "localName", "timeZone", "timezone", "timeZoneName",
    }
)
def is_bounded_key_name(model: FileModel, name: str) -> bool:
    """A key named for a fixed set: one of ``BOUNDED_KEY_NAMES`` or of the configured ``bounded_keys``."""
    return name in BOUNDED_KEY_NAMES or name in model.options.bounded_keys


# Route-handler exports of file-based routers (Next.js, SvelteKit, Remix, Astro).
ROUTE_EXPORTS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ALL"})

# Undeclared names that are conventionally per-call values (sloppy code, browser
# `event`), values with no identity to retain, or test-runner globals whose
# objects are rebuilt for every test.
PER_CALL_GLOBALS = frozenset(
    {
        "arguments",
        "undefined",
        "NaN",
        "Infinity",
        "event",
        "e",
        "err",
        "error",
        "el",
        "element",
        "item",
        "data",
        "args",
        "options",
        "opts",
        "result",
        "response",
        "client",
        "connection",
        "value",
        "it",
        "describe",
        "test",
        "expect",
        "jest",
        "vi",
        "cy",
        "sinon",
        "beforeEach",
        "afterEach",
    }
) | frozenset(REQUEST_PARAMETERS)


# Files whose method-named exports the framework calls per request: Next.js App Router route handlers
# (`app/**/route.ts`, also under `src/`) and SvelteKit endpoints (`src/routes/**/+server.ts`).
_ROUTE_MODULE = re.compile(r"(?:^|/)app/(?:[^/]+/)*route\.(?:js|jsx|ts|tsx|mjs)$|(?:^|/)routes/(?:[^/]+/)*\+server\.(?:js|ts)$")


def is_route_module(path: str) -> bool:
    """Whether a file is a file-based route module (see _ROUTE_MODULE), by its path."""
    return _ROUTE_MODULE.search(path.replace("\\", "/")) is not None


# SvelteKit's server hooks file (`src/hooks.server.ts`; `src/hooks.ts` before 1.0): its `handle` runs for
# every request the server answers and `handleFetch` for every `fetch` a load function makes.
_SVELTEKIT_HOOKS = re.compile(r"(?:^|/)hooks\.server\.(?:js|ts)$|(?:^|/)src/hooks\.(?:js|ts)$")
SVELTEKIT_REQUEST_HOOKS = frozenset({"handle", "handleFetch"})


def is_sveltekit_hooks(path: str) -> bool:
    """Whether a file is SvelteKit's server hooks file (see _SVELTEKIT_HOOKS), by its path."""
    return _SVELTEKIT_HOOKS.search(path.replace("\\", "/")) is not None


def simple_name(function: Function) -> str | None:
    """The function's own name without its owner: `getUser`, `handle` of `module.exports.handle`."""
    if function.context and function.context[0] == "method":
        return function.context[2]
    name = function.name
    if not name:
        return None
    return name.rsplit(".", 1)[-1]


def _has_prefix(name: str, prefix: str) -> bool:
    """`handleX`, `handle`, `on_x`; not `once`, `processed`, `onion` (nor `on` itself: see REGISTRATION_NAMES)."""
    if name == prefix:
        return prefix != "on"
    if not name.startswith(prefix) or len(name) == len(prefix):
        return False
    following = name[len(prefix)]
    return following.isupper() or following in "_$"


def is_once_name(name: str, extra: frozenset[str] = frozenset()) -> bool:
    """A name that says the function runs once: `init`, `setupRoutes`, `registerPlugin`, `createApp`."""
    if name in extra or name in REGISTRATION_NAMES or _CREATE_APP.match(name):
        return True
    return any(_has_prefix(name, word) for word in ONCE_NAMES)


_CONNECTION_NOUN = re.compile(r"(?:Conn(?:ection)?|Socket|Client|Request|Session)(?:[A-Z_$]|s?$)")


def _sets_up_a_connection(function: Function, name: str) -> bool:
    """`setupWSConnection(conn, req)`, `initSocket(socket)`: set-up of one connection or request (its
    name says what it sets up, and it takes one), which runs once per connection, not once per process.
    A bare `setup(req)` stays set-up; `ctx` may be a plugin's context."""
    if not _CONNECTION_NOUN.search(name[1:]):
        return False
    return any(
        REQUEST_PARAMETERS.get(p.name) in (HandlerKind.REQUEST, HandlerKind.CONNECTION) and p.name != "ctx"
        and p.node is not None and function.declares_parameter(p.node)
        for p in function.params
    )


# Nouns for one unit of work a caller asks for: `startTask(type, data)` starts one task, not the program.
_WORK_NOUN = re.compile(r"(?:Task|Job|Run|Execution|Upload|Download|Transfer|Transaction|Operation|Query)s?$")


def _starts_one_unit_of_work(function: Function, name: str) -> bool:
    """`startTask(taskType, data)`, `initUpload(file)`: the once-word names the start of one task, job or
    transfer the caller describes (the name ends in such a noun, and the function takes what describes it),
    which runs once per unit of work, not once per process.  A bare `startJobs()` stays set-up."""
    if not _WORK_NOUN.search(name[1:]):
        return False
    return any(p.node is not None and function.declares_parameter(p.node) for p in function.params)


def client_operation(model: FileModel, function: Function, name: str | None) -> FrequencyFact | None:
    """`subscribe(name, socketWrapper)`: a registration entry point that acts for a client, given with what it names.

    `subscribe`, `on`, `use` are set-up when they take a callback; taking a
    client connection (a parameter named `socket`/`ws`/`conn`/`client`, or one
    whose `.socket`/`.conn`/`.connection` the function reads) after another
    argument, it is the server's side of a client's request: it runs once per
    message, many times for each client.
    """
    if name not in REGISTRATION_NAMES or len(function.params) < 2:
        return None
    for param in function.params[1:]:
        if param.node is None or not function.declares_parameter(param.node):
            continue
        if REQUEST_PARAMETERS.get(param.name) is HandlerKind.CONNECTION or param.name == "client" or _reads_connection_of(param):
            return FrequencyFact(
                Frequency.PER_EVENT,
                f"`{name}({', '.join(p.name for p in function.params[:3])})` acts for the client `{param.name}`: "
                "it runs once per message, many times for each client",
                function.node, HandlerKind.EVENT, evidence=Evidence.SHAPE,
            )
    return None


def _reads_connection_of(param) -> bool:
    """The function reads `param.socket`, `param.conn` or `param.connection`."""
    for reference in param.reads:
        member = reference.node.parent
        if member is None or member.type != "member_expression" or member.child_by_field_name("object") != reference.node:
            continue
        prop = member.child_by_field_name("property")
        if prop is not None and syntax.text(prop) in ("socket", "conn", "connection"):
            return True
    return False


def infer_frequency(model: FileModel, function: Function, fact: FrequencyFact) -> FrequencyFact | None:
    """A SHAPE fact for a function whose callers the file does not show, or None.

    ``fact`` is what the file alone says (Evidence.API or UNKNOWN); the answer
    replaces it, and its reason names the inference for the finding's notes.
    """
    es5 = es5_class_frequency(model, function)
    if es5 is None:
        return _infer_from_name_and_parameters(model, function)
    if es5.frequency is Frequency.REPEATED and es5.evidence is Evidence.CLASS:
        # a prototype method that acts for a client it is given runs once per message of that client
        client = client_operation(model, function, simple_name(function))
        if client is not None:
            return client
    return es5


def _infer_from_name_and_parameters(model: FileModel, function: Function) -> FrequencyFact | None:
    name = simple_name(function)
    options = model.options
    label = f"`{name}()`" if name else "this function"
    client = client_operation(model, function, name)
    if client is not None:
        return client
    if name and is_once_name(name, options.once_names) and not _sets_up_a_connection(function, name) \
            and not _starts_one_unit_of_work(function, name):
        return FrequencyFact(
            Frequency.ONCE, f"{label} is named like one-time set-up, so it is assumed to run once",
            function.node, evidence=Evidence.SHAPE,
        )
    if is_react_component(function):
        return FrequencyFact(
            Frequency.PER_EVENT, f"{label} is a React function component, rendered again on every update",
            function.node, HandlerKind.RENDER, evidence=Evidence.SHAPE,
        )
    if name in ROUTE_EXPORTS and function.exported:
        return FrequencyFact(
            Frequency.PER_EVENT, f"the exported `{name}` is a file-based route handler (Next.js, SvelteKit, Remix)",
            function.node, HandlerKind.REQUEST, evidence=Evidence.SHAPE,
        )
    vocabulary = dict(REQUEST_PARAMETERS)
    for extra in options.request_parameters:
        vocabulary.setdefault(extra, HandlerKind.REQUEST)
    for param in function.params:
        kind = vocabulary.get(param.name)
        if kind is not None and param.node is not None and function.declares_parameter(param.node):
            signature = f"`{name}({param.name})`" if name else f"a function of `{param.name}`"
            return FrequencyFact(
                Frequency.PER_EVENT,
                f"{signature} takes a request-like parameter `{param.name}`, so it is assumed to run once per "
                f"{_KIND_NOUN[kind]}",
                function.node, kind, evidence=Evidence.SHAPE,
            )
    if not name or not function.params:
        return None
    prefixes = HANDLER_PREFIXES + tuple(options.handler_prefixes)
    if any(_has_prefix(name, prefix) for prefix in prefixes) and not _subscribes_its_callback(model, function, name):
        return FrequencyFact(
            Frequency.PER_EVENT, f"{label} is named like a handler, so it is assumed to run once per event",
            function.node, HandlerKind.EVENT, evidence=Evidence.SHAPE,
        )
    if any(_has_prefix(name, prefix) for prefix in ACCESSOR_PREFIXES):
        return FrequencyFact(
            Frequency.REPEATED, f"{label} is named like an accessor that takes a parameter, so it is assumed to "
            "run once per call", function.node, evidence=Evidence.SHAPE,
        )
    return None


def event_option_frequency(model: FileModel, function: Function, site, key: str) -> FrequencyFact | None:
    """An `on<Event>` callback option that takes a parameter runs once per event, not where it is passed.

    `io.listen(server, { onClientConnect(client) {…} })`, `upload(file, {
    onProgress(e) {…} })`: the callee keeps the options object and calls
    the function back each time the event comes.  Names whose event is
    set-up (`onInit`, `onReady`, `onStart`) are not counted.  Inferred, so
    findings built on it are medium.
    """
    if not function.params or not _has_prefix(key, "on") or key == "on":
        return None
    event = key[2:].lstrip("_$")
    if not event or is_once_name(event[0].lower() + event[1:], model.options.once_names) or event in _ONCE_EVENTS:
        return None
    connection = _CONNECT_EVENT.search(event) is not None
    return FrequencyFact(
        Frequency.PER_EVENT,
        f"`{key}` callback option of {model.node_text(site.callee, 30) if site.callee is not None else 'a call'}(), "
        f"assumed to run once per {'connection' if connection else 'event'}",
        function.node, HandlerKind.CONNECTION if connection else HandlerKind.EVENT, evidence=Evidence.SHAPE,
    )


# `onConnect`, `onClientConnect`, `onConnection`: a peer arrives (not `onDisconnect`, `onReconnect`).
_CONNECT_EVENT = re.compile(r"(?<![Dd]is)(?<![Rr]e)(?:^c|C)onnect(?:ion)?$")


# `on<Event>` option names whose event comes once per object.
_ONCE_EVENTS = frozenset(
    {
        "Ready", "Load", "Loaded", "Mount", "Mounted", "Create", "Created", "Open", "Done", "Complete", "End",
        "Finish", "Close", "Destroy", "Unmount",
    }
)


_KIND_NOUN = {
    HandlerKind.REQUEST: "request",
    HandlerKind.CONNECTION: "connection",
    HandlerKind.EVENT: "event",
    HandlerKind.TIMER: "timer tick",
    HandlerKind.MOUNT: "mount",
    HandlerKind.RENDER: "render",
}
# Composition-API mount hooks (Vue `onMounted`, Svelte `onMount`): their callback runs on every mount.
MOUNT_HOOKS = frozenset({"onMounted", "onBeforeMount", "onActivated", "onMount"})
# Vue options-API lifecycle hooks: each runs once per component instance, and components mount repeatedly.
VUE_HOOKS = frozenset(
    {
        "beforeCreate", "created", "beforeMount", "mounted", "beforeUpdate", "updated", "activated",
        "deactivated", "beforeUnmount", "unmounted", "beforeDestroy", "destroyed",
    }
)
_VUE_COMPONENT_CALLS = frozenset({"defineComponent", "component", "extend", "mixin", "Vue"})
_JSX_EVENT_PROP = re.compile(r"^on[A-Z]")
_JSX_KINDS = ("jsx_element", "jsx_self_closing_element", "jsx_fragment")


def framework_frequency(model: FileModel, function: Function) -> FrequencyFact | None:
    """A framework entry point the file shows: a JSX event prop, an effect hook's setup, a Vue hook."""
    node = function.node
    if function.exported and function.name in ROUTE_EXPORTS and is_route_module(model.path):
        return FrequencyFact(
            Frequency.PER_EVENT, f"the `{function.name}` export of a file-based route module, run on every request",
            node, HandlerKind.REQUEST, evidence=Evidence.HANDLER,
        )
    if function.exported and function.name in SVELTEKIT_REQUEST_HOOKS and is_sveltekit_hooks(model.path):
        return FrequencyFact(
            Frequency.PER_EVENT, f"the `{function.name}` hook of SvelteKit's server hooks file, run on every request",
            node, HandlerKind.REQUEST, evidence=Evidence.HANDLER,
        )
    if model.template_handlers and function.parent is None and simple_name(function) in model.template_handlers:
        return FrequencyFact(
            Frequency.PER_EVENT, f"`{simple_name(function)}()` is bound to an event in the component's template",
            node, HandlerKind.EVENT, evidence=Evidence.SHAPE,
        )
    # Node.parent costs as much as the node is deep, so only files that can hold JSX pay for it.
    parent = node.parent if model.fact("may-hold-jsx", may_hold_jsx) else None
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is not None and parent.type == "jsx_expression" and parent.parent is not None:
        attribute = parent.parent
        if attribute.type == "jsx_attribute" and attribute.named_children:
            prop = syntax.text(attribute.named_children[0])
            if _JSX_EVENT_PROP.match(prop):
                return FrequencyFact(
                    Frequency.PER_EVENT, f"JSX `{prop}` handler", attribute,
                    HandlerKind.EVENT, evidence=Evidence.SHAPE,
                )
            lifecycle = jsx_lifecycle_prop(attribute)
            if lifecycle is not None:
                return lifecycle
    hook = angular_init_hook(model, function)
    if hook is not None:
        return hook
    angular = angular_controller_call(model, function)
    if angular is not None:
        return FrequencyFact(
            Frequency.PER_EVENT, "AngularJS controller, instantiated for every view that uses it",
            angular, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
        )
    from leaklint.model.framework_hooks import hook_frequency

    hooked = hook_frequency(model, function)  # A-Frame component `init()`, ProseMirror plugin `view()`
    if hooked is not None:
        return hooked
    context = function.context
    if context and context[0] == "argument" and context[2] == 0:
        site = model.call_site(context[1])
        hook = site.method or site.name
        if hook in EFFECT_HOOKS:
            return FrequencyFact(
                Frequency.PER_EVENT, f"`{hook}()` setup function",
                site.node, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
            )
        if hook in MOUNT_HOOKS and site.receiver is None:
            return FrequencyFact(
                Frequency.PER_EVENT, f"`{hook}()` hook",
                site.node, HandlerKind.MOUNT, evidence=Evidence.SHAPE,
            )
    if context and context[0] in ("property", "option"):
        key = context[3] if context[0] == "option" else syntax.text(context[1]) if context[1] is not None else ""
        if key in VUE_HOOKS and _is_vue_options(model, node):
            return FrequencyFact(
                Frequency.PER_EVENT, f"Vue `{key}` hook", node,
                HandlerKind.MOUNT, evidence=Evidence.SHAPE,
            )
        if key in REACT_SPEC_MOUNT_HOOKS and _is_react_spec(model, node):
            return FrequencyFact(
                Frequency.PER_EVENT, f"React `{key}` of a component spec or mixin, run on every mount", node,
                HandlerKind.MOUNT, evidence=Evidence.SHAPE,
            )
        if key in REACT_SPEC_UPDATE_HOOKS and _is_react_spec(model, node):
            return FrequencyFact(
                Frequency.PER_EVENT, f"React `{key}` of a component spec or mixin, run on every update", node,
                HandlerKind.EVENT, evidence=Evidence.SHAPE,
            )
        helper = _react_spec_helper(model, function, key)
        if helper is not None:
            return helper
        bridge = _exposed_to_renderer(model, node)
        if bridge is not None:
            return FrequencyFact(
                Frequency.PER_EVENT,
                f"`{key}` is exposed to the renderer by {bridge}, so it is assumed to run on every call from "
                "renderer code (an effect calls it on every mount)",
                node, HandlerKind.EVENT, evidence=Evidence.SHAPE,
            )
    return None


# Lifecycle callbacks handed to a component as props (`<Component didMount={fn} …>` of
# @reach/component-component, react-lifecycle-component): the component calls them on every
# mount (or update) of its own, as React calls the class methods of the same name.
JSX_LIFECYCLE_PROPS = frozenset({"didMount", "didUpdate", "componentDidMount", "componentDidUpdate"})


def jsx_lifecycle_prop(attribute: Node) -> FrequencyFact | None:
    """The fact for a function given as a JSX lifecycle prop (see JSX_LIFECYCLE_PROPS), else None."""
    if attribute.type != "jsx_attribute" or not attribute.named_children:
        return None
    prop = syntax.text(attribute.named_children[0])
    if prop not in JSX_LIFECYCLE_PROPS:
        return None
    return FrequencyFact(
        Frequency.PER_EVENT, f"JSX `{prop}` lifecycle prop", attribute,
        HandlerKind.MOUNT, evidence=Evidence.SHAPE,
    )


_BRIDGE_METHODS = {"exposeInMainWorld": 1, "exposeInIsolatedWorld": 2}  # the index of the API object argument


def _exposed_to_renderer(model: FileModel, node: Node) -> str | None:
    """`contextBridge.exposeInMainWorld('api', { on(cb) {…} })` (or via a `const`): the call's text, else None."""
    current = node.parent if node.type != "method_definition" else node
    top = None
    while current is not None and current.type in ("pair", "method_definition"):
        top = current.parent
        if top is None or top.type != "object":
            return None
        current = top.parent
    if top is None or current is None:
        return None
    if current.type == "variable_declarator" and current.child_by_field_name("value") == top:
        name = current.child_by_field_name("name")
        binding = model.resolve(name) if name is not None and name.type == "identifier" else None
        uses = [r.node for r in binding.reads] if binding is not None and not binding.writes else []
        return next((found for found in (_bridge_call(use) for use in uses) if found is not None), None)
    return _bridge_call(top)


def _bridge_call(value: Node) -> str | None:
    arguments = value.parent
    call = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    callee = syntax.unwrap(call.child_by_field_name("function")) if call is not None else None
    if callee is None or callee.type != "member_expression":
        return None
    prop = callee.child_by_field_name("property")
    receiver = syntax.unwrap(callee.child_by_field_name("object"))
    index = _BRIDGE_METHODS.get(syntax.text(prop)) if prop is not None else None
    if index is None or receiver is None or syntax.text(receiver) != "contextBridge":
        return None
    named = [a for a in arguments.named_children if a.type != "comment"]
    if index >= len(named) or named[index] != value:
        return None
    return f"`contextBridge.{syntax.text(prop)}()`"


# Angular lifecycle hooks that run once for each component or directive instance.
ANGULAR_INIT_HOOKS = frozenset({"ngOnInit", "ngAfterViewInit", "ngAfterContentInit"})
_ANGULAR_COMPONENT_DECORATORS = frozenset({"Component", "Directive"})


def angular_init_hook(model: FileModel, function: Function) -> FrequencyFact | None:
    """`ngOnInit()` of an `@Component`/`@Directive` class: once per instance, and Angular makes one per mount.

    A route-scoped component is created again on every navigation to it, so
    what its `ngOnInit` adds to something that outlives it (a root-provided
    service) is added once per mount.  The evidence is the class's own
    decorator (a class with many instances), as for its other methods.
    """
    context = function.context
    if not context or context[0] != "method" or context[3] or context[2] not in ANGULAR_INIT_HOOKS:
        return None
    info = context[1]
    if not any(decorator in _ANGULAR_COMPONENT_DECORATORS for decorator in info.decorators):
        return None
    linked = model.external.class_instances(info.name)
    if linked is not None and linked.state == "once":  # the root component: Angular makes it once
        return FrequencyFact(
            Frequency.ONCE, f"Angular `{context[2]}` of `{info.name}`, {linked.reason}", function.node,
            evidence=Evidence.PROJECT, chain=linked.chain,
        )
    return FrequencyFact(
        Frequency.PER_EVENT,
        f"Angular `{context[2]}` of the component `{info.name or 'class'}`, run once for every instance "
        "Angular creates (on every mount)",
        function.node, HandlerKind.MOUNT, evidence=Evidence.CLASS,
    )


# Options-API and spec hooks that run exactly once for each component instance (`activated`,
# `beforeUpdate` and `updated` may run many times for one instance).
_ONCE_PER_INSTANCE_VUE_HOOKS = frozenset({"beforeCreate", "created", "beforeMount", "mounted"})


def once_per_instance_hook(model: FileModel, function: Function | None) -> str | None:
    """The hook's name when ``function`` is a Vue options hook or a React spec mount hook that runs once per instance.

    `this` in such a hook is the instance it runs for, so `this.timer = setInterval(…)`
    there fills a slot that no earlier call of the same hook has filled.
    """
    context = function.context if function is not None else ()
    if not context or context[0] not in ("property", "option"):
        return None
    key = context[3] if context[0] == "option" else syntax.text(context[1]) if context[1] is not None else ""
    if key in _ONCE_PER_INSTANCE_VUE_HOOKS and _is_vue_options(model, function.node):
        return key
    if key in REACT_SPEC_MOUNT_HOOKS and _is_react_spec(model, function.node):
        return key
    from leaklint.model.framework_hooks import AFRAME_ONCE_PER_INSTANCE, aframe_component_call

    if key in AFRAME_ONCE_PER_INSTANCE and aframe_component_call(model, function) is not None:
        return key
    from leaklint.model.framework_hooks import STREAM_ONCE_PER_INSTANCE, stream_source_call

    if key in STREAM_ONCE_PER_INSTANCE and stream_source_call(model, function) is not None:
        return key  # `new Readable({ construct() { this.timer = … } })`: `this` is the new stream
    return None


# `createReactClass({…})` specs and the mixins they list: plain objects whose hooks React calls per mount.
REACT_SPEC_MOUNT_HOOKS = frozenset({"componentDidMount", "componentWillMount", "UNSAFE_componentWillMount"})
_REACT_SPEC_KEYS = frozenset({"componentWillUnmount", "render", "getInitialState", "getDefaultProps", "mixins"})
# Spec hooks React runs again on the same instance: for every new set of props, every re-render.
REACT_SPEC_UPDATE_HOOKS = frozenset({"componentWillReceiveProps", "UNSAFE_componentWillReceiveProps",
                                     "componentWillUpdate", "UNSAFE_componentWillUpdate", "componentDidUpdate"})


def _react_spec_helper(model: FileModel, function: Function, key: str) -> FrequencyFact | None:
    """A member of a React spec the other members call as `this.key(…)`: it runs as often as its most
    frequent caller among them (`componentWillReceiveProps() { this.updateQuery(props) }`).

    React binds every spec method to the instance, so `this.key()` in a sibling member calls it; a spec
    hook's own frequency is the shape's (mount, update).  Only when every mention of `.key` in the file
    is such a call from a member of the same spec (not a hook itself) is the helper followed.
    """
    if not key or key in REACT_SPEC_MOUNT_HOOKS or key in REACT_SPEC_UPDATE_HOOKS or key in _REACT_SPEC_KEYS:
        return None
    if not _is_react_spec(model, function.node):
        return None
    obj = _member_of_object(function.node)
    sites = [s for s in model.method_calls(key) if s.receiver is not None and syntax.unwrap(s.receiver).type == "this"]
    mentions = len(re.findall(rb"\." + re.escape(key.encode()) + rb"\b", model.source))
    if not sites or mentions != len(sites):
        return None
    best = None
    for site in sites:
        caller = site.function.this_owner if site.function is not None else None
        if caller is None or caller is function or _member_of_object(caller.node) != obj:
            return None
        fact = model.frequency(caller)
        again = once_per_instance_hook(model, caller) is None  # an update hook runs again on one instance
        if best is None or (fact.frequency, again) > (best[0].frequency, best[2]):
            best = (fact, site, again)
    fact, site, _ = best
    if fact.frequency < Frequency.PER_EVENT:
        return None
    return FrequencyFact(
        fact.frequency, f"called as `this.{key}()` from {model.describe_function(site.function)} ({fact.reason})",
        site.node, fact.handler, fact.trigger, evidence=Evidence.SHAPE,
    )
_REACT_SPEC_CALLS = frozenset({"createClass", "createReactClass"})


def _member_of_object(function_node: Node) -> Node | None:
    """The object literal a function is a member of (`{ m() {…} }`, `{ m: function () {…} }`), or None."""
    obj = function_node.parent
    if obj is not None and obj.type == "pair":
        obj = obj.parent
    return obj if obj is not None and obj.type == "object" else None


def _is_react_spec(model: FileModel, function_node: Node) -> bool:
    """The function is a member of an object literal that is a React class spec or mixin: it also
    has another lifecycle member (`componentWillUnmount`, `render`, …) or is passed to `createClass`."""
    obj = _member_of_object(function_node)
    if obj is None:
        return False
    holder = obj.parent
    if holder is not None and holder.type == "arguments" and holder.parent is not None and holder.parent.type == "call_expression":
        site = model.call_site(holder.parent)
        if (site.method or site.name) in _REACT_SPEC_CALLS:
            return True
    for member in obj.named_children:
        key = member.child_by_field_name("name") if member.type == "method_definition" else member.child_by_field_name("key")
        if key is not None and syntax.text(key) in _REACT_SPEC_KEYS:
            return True
    return False


def may_hold_jsx(model: FileModel) -> bool:
    """Whether the source could contain a JSX element: every one closes with `/>` or `</`."""
    return b"/>" in model.source or b"</" in model.source


def _is_vue_options(model: FileModel, function_node: Node) -> bool:
    """The function is a member of `export default {…}`, `defineComponent({…})`, `Vue.component('x', {…})`."""
    obj = _member_of_object(function_node)
    if obj is None:
        return False
    holder = obj.parent
    if holder is None:
        return False
    from leaklint.model.teardown import is_vue_options_object

    if is_vue_options_object(obj):
        return True  # `const Screen = { data() {…}, mounted() {…} }`: the options say what it is
    if holder.type == "export_statement":
        return True
    if holder.type == "arguments" and holder.parent is not None and holder.parent.type in ("call_expression", "new_expression"):
        site = model.call_site(holder.parent)
        return (site.method or site.name) in _VUE_COMPONENT_CALLS
    return False


def is_react_component(function: Function) -> bool:
    """A capitalised function that returns JSX: React renders it again on every state or prop change."""
    name = simple_name(function)
    if not name or not name[0].isupper() or function.body is None:
        return False
    stack = [function.body]
    while stack:
        node = stack.pop()
        if node.type in _JSX_KINDS:
            return True
        if node.type in syntax.FUNCTION_KINDS and node is not function.body:
            continue
        stack.extend(node.named_children)
    return False


def _subscribes_its_callback(model: FileModel, function: Function, name: str) -> bool:
    """`onChange(listener) { bus.on('change', listener) }`: an `on*` helper that subscribes its caller's callback.

    Such a function is an event API, like `emitter.on` itself, not a
    handler: it runs when its callers subscribe, so its name says nothing
    about how often.  Recognised when a parameter of its own is the listener
    of a registration (`.on`, `.addEventListener`, `.subscribe`, …) made
    directly in it, or is called by that listener
    (`onReconnect(fn) { events$.subscribe((e) => { if (e.login) fn() }) }`).
    """
    if not _has_prefix(name, "on"):
        return False
    from leaklint.model.calls import LISTENER_METHODS, ONCE_METHODS

    own = {p.node.start_byte: p for p in function.params if p.node is not None and function.declares_parameter(p.node)}
    if not own:
        return False

    def is_own(identifier: Node | None) -> bool:
        if identifier is None or identifier.type != "identifier":
            return False
        binding = model.resolve(identifier)
        return binding is not None and binding.kind == "param" and binding.node.start_byte in own

    for site in model.method_calls(*LISTENER_METHODS, *ONCE_METHODS, "addEventListener", "$on", "subscribe"):
        if site.function is not function:
            continue
        index = 0 if site.method == "subscribe" else 1
        if len(site.arguments) <= index:
            continue
        listener = syntax.unwrap(site.argument(index))
        if is_own(listener):
            return True
        if listener is not None and listener.type == "identifier":
            # `const handler = () => callback(); process.on('exit', handler)`: a local wrapper of the callback
            local = model.resolve(listener)
            if local is not None and local.kind == "const" and syntax.unwrap(local.init) is not None:
                listener = syntax.unwrap(local.init)
        if listener is not None and listener.type in syntax.FUNCTION_KINDS:
            for call in model.nodes("call"):
                if listener.start_byte <= call.start_byte < listener.end_byte and is_own(
                    syntax.unwrap(call.child_by_field_name("function"))
                ):
                    return True
    return False


def undeclared_lifetime(model: FileModel, identifier: Node, name: str) -> LifetimeFact | None:
    """An identifier the file never declares: a global or an implicit import, long-lived (inferred)."""
    if name in PER_CALL_GLOBALS or name in model.options.request_parameters:
        return None
    if not name or not (name[0].isalpha() or name[0] in "_$"):
        return None
    if any(reference.is_write for reference in model.scopes.globals.get(name, ())):
        return None  # assigned in this file (an implicit global): it holds whatever was put there last
    return LifetimeFact(
        Lifetime.LONG_LIVED,
        f"`{name}` is not declared in this file (taken to be a global or an implicit import)",
        identifier,
        inferred=True,
    )


def is_request_like(name: str, model: FileModel) -> bool:
    """A parameter name the vocabulary treats as per-request data."""
    return name in REQUEST_PARAMETERS or name in model.options.request_parameters


def reaching_assignment(binding, use: Node) -> Node | None:
    """The value of the last `x = value` before ``use`` in a block around it: what `x` holds there.

    Only a plain assignment whose statement sits in a block that also holds
    ``use`` counts (it runs on every path to the use); a write in a branch
    beside the use, or after it, does not.
    """
    best = None
    for reference in binding.references:
        if not reference.is_write:
            continue
        assignment = reference.node.parent
        if assignment is None or assignment.type != "assignment_expression" or assignment.end_byte > use.start_byte:
            continue
        if syntax.unwrap(assignment.child_by_field_name("left")) != reference.node:
            continue
        statement = assignment.parent
        if statement is None or statement.type != "expression_statement" or statement.parent is None:
            continue
        block = statement.parent
        if not (block.start_byte <= use.start_byte < block.end_byte):
            continue
        if best is None or assignment.start_byte > best.start_byte:
            best = assignment
    return best.child_by_field_name("right") if best is not None else None


def key_source(
    model: FileModel, key: Node | None, function: Function | None, depth: int = 0, member: bool = False
) -> str | None:
    """Where an unbounded key comes from, for messages, or None when it may be bounded.

    Unbounded: a parameter of the growing function (or data derived from
    one), or a counter / clock / random id.  Literals, module constants and
    anything else answer None.
    """
    key = syntax.unwrap(key)
    if key is None or depth > 6:  # `m[1]` of `line.match(…)` of a line of `content.split(…)`: six steps
        return None
    kind = key.type
    if kind == "identifier":
        binding = model.resolve(key)
        if binding is None:
            return None
        if function is not None and binding.kind == "param" and function.declares_parameter(binding.node):
            if not member and is_bounded_key_name(model, binding.name):
                return None  # `type`, `name`, `path` themselves: drawn from a fixed set (`event.target.id` is not)
            return f"its parameter `{binding.name}`"
        if binding.kind in ("const", "let", "var") and not binding.is_module_level:
            source = binding.init if binding.init is not None else binding.destructured_from
            if _incremented_in(model, key, function):
                return "a counter"
            reaching = reaching_assignment(binding, key)
            if reaching is not None:  # `var id = null; if (cb) { id = ++this.seq; this.cbs[id] = cb }`
                return key_source(model, reaching, function, depth + 1, member)
            if binding.init is None and is_bounded_key_name(model, binding.name):
                return None  # `const { serviceName } = params`: the field `params.serviceName`, drawn from a fixed set
            made = syntax.unwrap(source)
            if binding.init is None and made is not None and made.type == "call_expression":
                # `const { dataChannel } = util.replyChannels(…)`: a field a helper builds from a clock or counter
                field = destructured_field(binding)
                fresh = helper_fresh_return(model, made, field) if field is not None else None
                if fresh is not None:
                    return fresh
            return key_source(model, source, function, depth + 1, member or binding.init is None)
        if _incremented_in(model, key, function):
            return "a counter"  # `lastId++; map[lastId] = …`
        return None
    if kind in ("member_expression", "subscript_expression"):
        prop = key.child_by_field_name("property")
        if _incremented_in(model, key, function):
            return "a counter"  # `this._count++; … this._count`
        literal_member = _object_literal_member(model, key) or _assigned_member(model, key, function)
        if literal_member is not None:
            return key_source(model, literal_member, function, depth + 1, member)
        if prop is not None and is_bounded_key_name(model, syntax.text(prop)):
            return None  # `node.type`, `def.name`: drawn from a fixed set
        return key_source(model, key.child_by_field_name("object"), function, depth + 1, True)
    if kind == "update_expression":
        return "a counter"
    if kind == "call_expression":
        callee = syntax.text(key.child_by_field_name("function"))
        if callee.rsplit(".", 1)[-1] in ("now", "randomUUID", "uuid", "v4", "nanoid", "random"):
            return f"`{callee}()`, a new value on every call"
        if _returns_counter(model, key):
            return f"`{callee}()`, a counter"
        fresh = helper_fresh_return(model, key, None)  # `makeChannel()` whose every return is built from a clock
        if fresh is not None:
            return fresh
        arguments = key.child_by_field_name("arguments")
        receiver = key.child_by_field_name("function")
        candidates = list(arguments.named_children) if arguments is not None else []
        from leaklint.model.field_keys import helper_field_parameter

        built_from = helper_field_parameter(model, key)  # `routeKey(route)` returning `${route.chatId}:…`
        if built_from is not None and built_from < len(candidates):
            return key_source(model, candidates[built_from], function, depth + 1, True)
        if receiver is not None and receiver.type == "member_expression":
            candidates.append(receiver.child_by_field_name("object"))
        for candidate in candidates:
            found = key_source(model, candidate, function, depth + 1)
            if found is not None:
                return found
        return None
    if kind in ("template_string", "binary_expression"):
        for child in key.named_children:
            inner = child.named_children[0] if child.type == "template_substitution" and child.named_children else child
            found = key_source(model, inner, function, depth + 1)
            if found is not None:
                return found
        return None
    if kind == "ternary_expression":  # `custom ? custom(req) : req.originalUrl`: either branch may be the key
        condition = syntax.text(key.child_by_field_name("condition"))
        for branch in (key.child_by_field_name("consequence"), key.child_by_field_name("alternative")):
            inner = syntax.unwrap(branch)
            if inner is not None and syntax.text(inner) in condition:
                continue  # `VALID.includes(p) ? p : DEFAULT`: the branch is checked against a fixed set first
            found = key_source(model, branch, function, depth + 1, member)
            if found is not None:
                return found
        return None
    return None


def growth_key(node: Node) -> Node | None:
    """The key a growth site adds: `m.set(k, v)`, `s.add(k)`, `o[k] = v` (None for `push`)."""
    if node.type == "call_expression":
        callee = syntax.unwrap(node.child_by_field_name("function"))
        prop = callee.child_by_field_name("property") if callee is not None and callee.type == "member_expression" else None
        if prop is None or prop.text not in (b"set", b"add"):
            return None
        arguments = node.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        return named[0] if named else None
    left = syntax.unwrap(node.child_by_field_name("left"))
    if left is not None and left.type == "subscript_expression":
        return left.child_by_field_name("index")
    return None


def stores_container(node: Node, model: FileModel | None = None) -> bool:
    """`m.set(k, [])`, `o[k] = {}`, `m.set(k, new Map())`: get-or-create of a per-key group (a registry).

    With ``model``, a local that holds one counts too
    (`const group = m.get(k) ?? new Map(); …; m.set(k, group)`).
    """
    if node.type == "call_expression":
        arguments = node.child_by_field_name("arguments")
        named = [a for a in arguments.named_children if a.type != "comment"] if arguments is not None else []
        value = syntax.unwrap(named[1]) if len(named) > 1 else None
    else:
        value = syntax.unwrap(node.child_by_field_name("right"))
    if model is not None and value is not None and value.type == "identifier":
        binding = model.resolve(value)
        if binding is not None and binding.kind in ("const", "let", "var") and not binding.is_module_level:
            value = syntax.unwrap(binding.init)
    if value is not None and value.type == "binary_expression":  # `o[k] = o[k] || {}`
        value = syntax.unwrap(value.child_by_field_name("right"))
    return value is not None and (_empty_literal(value) or _empty_collection(value))


def _empty_literal(node: Node) -> bool:
    """`{}`, `[]`, `{ clients: new Map(), events: {} }`: a group filled afterwards.

    A literal that holds data (`{ data, expiresAt }`) is the entry itself.
    """
    if node.type not in ("object", "array"):
        return False
    for child in node.named_children:
        if child.type == "comment":
            continue
        value = syntax.unwrap(child.child_by_field_name("value")) if child.type == "pair" else None
        if value is None or not (_empty_literal(value) or _empty_collection(value)):
            return False
    return True


def entity_id_key(key: Node | None) -> str | None:
    """The id a key reads off an object when it does: `user.id`, `msg.author.id`, `` `${s.sessionId}` ``; else None.

    A per-key group keyed by a type, a name or a widget is a registry of a
    fixed set; keyed by the id of the user, session or message that arrived
    it grows with the traffic, like any other entry keyed that way. A bare
    `sourceId` parameter is left out: on node-red's editor such groups were
    keyed by the ids of the flow's own nodes.
    """
    key = syntax.unwrap(key)
    if key is None:
        return None
    if key.type in ("template_string", "binary_expression"):
        for child in key.named_children:
            inner = child.named_children[0] if child.type == "template_substitution" and child.named_children else child
            found = entity_id_key(inner)
            if found is not None:
                return found
        return None
    if key.type != "member_expression":
        return None
    name_node = key.child_by_field_name("property")
    name = syntax.text(name_node) if name_node is not None else ""
    if name in ("id", "ID", "_id", "uid", "uuid") or (len(name) > 2 and (name.endswith(("Id", "ID", "_id")))):
        return syntax.text(key)
    return None


def _empty_collection(node: Node) -> bool:
    """`new Map()`, `new Set()`, `new Array()` with no arguments."""
    if node.type != "new_expression":
        return False
    constructor = node.child_by_field_name("constructor")
    arguments = node.child_by_field_name("arguments")
    empty = arguments is None or not [a for a in arguments.named_children if a.type != "comment"]
    return empty and constructor is not None and syntax.text(constructor) in ("Map", "Set", "Array", "WeakMap", "WeakSet")


def memoising_check(model: FileModel, path: tuple, function: Function, key: Node | None = None) -> Node | None:
    """A lookup of the same collection in the growing function: `m.has(k)`, `m.get(k)`, `c[k] ||`, `k in c`.

    Together with growth by a parameter key it is the shape of a memoising
    cache: one entry per distinct argument, kept for the life of the process.
    With the growth's ``key``, a lookup a same-file helper makes for it counts
    too (``helper_lookup``: `if (!lookup(k)) m.set(k, …)`).
    """
    found = _own_lookup(model, path, function)
    if found is None and key is not None:
        found = helper_lookup(model, path, function, key)
    return found


def helper_lookup(model: FileModel, path: tuple, function: Function, key: Node) -> Node | None:
    """`if (!lookup(k)) m.set(k, …)` where `lookup(key)` is a function of this file that reads `m` by its parameter.

    Still the memoizing shape: the growing function asks for the entry of
    ``key`` first, only through a helper.  The helper must be the one the
    call runs (a declared function, a method of the class through `this`, a
    method of a module object), take the growth key as an argument, and look
    the same collection up (`m.get(p)`, `m.has(p)`, `p in m`, `m[p]`); a
    helper that reads another collection, or a call that passes something
    else, is no lookup of this entry.  The call is returned.
    """
    from leaklint.model.provenance import _getter_function

    key_text = syntax.text(syntax.unwrap(key))
    start, end = function.node.start_byte, function.node.end_byte
    for call in model.nodes("call"):
        if not start <= call.start_byte < end or call.type != "call_expression":
            continue
        site = model.call_site(call)
        position = next((i for i, a in enumerate(site.arguments) if syntax.text(syntax.unwrap(a)) == key_text), None)
        if position is None:
            continue
        helper = _getter_function(model, call)
        if helper is None or helper is function or function.contains(helper.node):
            continue
        if position >= len(helper.params):
            continue
        lookup = _own_lookup(model, path, helper)
        if lookup is not None and _keyed_by_parameter(model, lookup, helper):
            return call
    return None


def _keyed_by_parameter(model: FileModel, lookup: Node, helper: Function) -> bool:
    """The helper's lookup asks for the entry of one of its parameters (`m.get(key)`, `key in m`, `m[key]`)."""
    if lookup.type == "call_expression":
        site = model.call_site(lookup)
        argument = syntax.unwrap(site.argument(0))
    elif lookup.type == "binary_expression":
        argument = syntax.unwrap(lookup.child_by_field_name("left"))  # `key in m`; `m[key] || …` below
        if syntax.operator_of(lookup) != "in":
            left = argument
            argument = syntax.unwrap(left.child_by_field_name("index")) if left is not None and left.type == "subscript_expression" else None
    elif lookup.type == "subscript_expression":
        argument = syntax.unwrap(lookup.child_by_field_name("index"))
    else:
        argument = None
    if argument is None or argument.type != "identifier":
        return False
    binding = model.resolve(argument)
    return binding is not None and binding.kind == "param" and helper.declares_parameter(binding.node)


def _own_lookup(model: FileModel, path: tuple, function: Function) -> Node | None:
    """The lookup of ``path`` the function itself makes (see ``memoising_check``)."""
    from leaklint.model.collections import reads_collection

    start, end = function.node.start_byte, function.node.end_byte
    for site in model.method_calls("has", "get", "hasOwnProperty"):
        if start <= site.node.start_byte < end and reads_collection(model, site.receiver, path):
            return site.node
    for node in model.nodes("assign"):
        left = syntax.unwrap(node.child_by_field_name("left"))
        if left is None or left.type != "subscript_expression" or not start <= node.start_byte < end:
            continue
        parent = node.parent
        while parent is not None and parent.type == "parenthesized_expression":
            parent = parent.parent
        if parent is not None and parent.type == "binary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type in ("||", "??"):
                if reads_collection(model, left.child_by_field_name("object"), path):
                    return parent  # `return c[k] || (c[k] = make(k))`
    return _keyed_read(model, path, function)


def _keyed_read(model: FileModel, path: tuple, function: Function) -> Node | None:
    """`k in c`, `c[k] === undefined`, `c[k] ??= make(k)`: a read of one entry by a computed key in ``function``."""
    import re

    from leaklint.model.collections import reads_collection

    last = path[-1] if isinstance(path[-1], str) else getattr(path[-1], "name", None)
    if not last:
        return None
    start, end = function.node.start_byte, function.node.end_byte
    name = re.escape(last.encode())
    for match in re.finditer(rb"(?<![\w$])" + name + rb"(?![\w$])", model.source[start:end]):
        node = model.tree.root_node.descendant_for_byte_range(start + match.start(), start + match.end())
        while node is not None and node.parent is not None and node.parent.type == "member_expression" \
                and node.parent.child_by_field_name("property") == node:
            node = node.parent
        parent = node.parent if node is not None else None
        if parent is None or not reads_collection(model, node, path):
            continue
        if parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type == "in":
                return parent  # `if (!(k in c))`
        if parent.type == "subscript_expression" and parent.child_by_field_name("object") == node:
            index = syntax.unwrap(parent.child_by_field_name("index"))
            if index is None or syntax.string_value(index) is not None or index.type == "number":
                continue
            holder = parent.parent
            if holder is not None and holder.type == "assignment_expression" and holder.child_by_field_name("left") == parent:
                continue  # the growth itself
            return parent  # `c[k] === undefined`, `c[k] ??= …`, `const hit = c[k]`
    return None


def is_top_level_iife(model: FileModel, function: Function | None) -> bool:
    """`(function () { … })()` run at module level: its scope lives as long as the module's.

    A UMD factory counts too: `(function (root, factory) { module.exports = factory() }(this, function () { … }))`
    passes the module's body to a top-level IIFE, which calls it once.  So does a page-ready
    callback given at module level (see page_ready_callback): it runs once per page, and the
    closures it leaves behind (socket handlers, page intervals) keep its locals for the page's life.
    """
    if function is None or not function.context or function.parent is not None:
        return False
    if function.context[0] == "argument":
        return _is_umd_factory(model, function) or page_ready_callback(model, function) is not None
    if function.context[0] != "iife":
        return False
    # `(function () { … }())` starts its call at the function itself, so the function "contains" it.
    outer = model.function_at(function.context[1])
    return outer is None or outer is function


_JQUERY_NAMES = frozenset({"$", "jQuery"})


def page_ready_callback(model: FileModel, function: Function) -> str | None:
    """How a module-level function is handed to the page as its once-per-load start, or None.

    `$(function () {…})`, `jQuery(fn)`, `$(document).ready(fn)` (any jQuery
    wrapper's `.ready`), `document.addEventListener('DOMContentLoaded', fn)`
    and `window.addEventListener('load', fn)`: each calls the function once,
    when the page has loaded.  Only for functions outside any other function.
    """
    if function.parent is not None or not function.context or function.context[0] != "argument":
        return None
    call, index = function.context[1], function.context[2]
    if call.type != "call_expression":
        return None
    site = model.call_site(call)
    if site.receiver is None and site.name in _JQUERY_NAMES and index == 0 and len(site.arguments) == 1:
        return f"the jQuery ready callback `{site.name}(function …)`"
    if site.method == "ready" and index == 0 and site.receiver is not None:
        wrapper = syntax.unwrap(site.receiver)
        callee = syntax.unwrap(wrapper.child_by_field_name("function")) if wrapper.type == "call_expression" else wrapper
        if callee is not None and syntax.text(callee) in _JQUERY_NAMES:
            return f"the jQuery ready callback `{model.node_text(site.receiver, 20)}.ready(…)`"
    if index == 1 and site.method == "addEventListener" and site.receiver is not None:
        receiver = syntax.text(syntax.unwrap(site.receiver))
        event = syntax.string_value(site.argument(0))
        if (receiver, event) in (("document", "DOMContentLoaded"), ("window", "DOMContentLoaded"), ("window", "load")):
            return f"the page's '{event}' listener"
    return None


def _is_umd_factory(model: FileModel, function: Function) -> bool:
    """A function passed to a top-level IIFE that calls the matching parameter (`factory()`)."""
    call, index = function.context[1], function.context[2]
    if call.type != "call_expression":
        return False
    callee = syntax.unwrap(call.child_by_field_name("function"))
    wrapper = model.function_of(callee) if callee is not None and callee.type in syntax.FUNCTION_KINDS else None
    if wrapper is None or not is_top_level_iife(model, wrapper) or index >= len(wrapper.params):
        return False
    param = wrapper.params[index]
    for reference in param.reads:
        parent = reference.node.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == reference.node:
            return True
    return False


def module_like_scopes(model: FileModel) -> list:
    """The scopes of top-level IIFEs (and UMD factories) and of top-level TypeScript namespaces,
    whose bindings are module bindings in all but name: the body runs once, when the module loads."""
    scopes = [f.scope for f in model.functions if is_top_level_iife(model, f)]
    bodies = _namespace_bodies(model)
    if bodies:
        for scope in model.scopes.scopes:
            if scope.kind is ScopeKind.BLOCK and scope.owner is None and scope.node.start_byte in bodies:
                scopes.append(scope)
    return scopes


_NAMESPACE_KEYWORD = re.compile(rb"\b(?:namespace|module)\s+[A-Za-z_$][\w$.]*\s*\{")
# The same without the leading `\b`, one pattern per keyword: a pattern led by a literal is searched
# for that literal first (fast, in C), where the alternation behind `\b` is tried at every byte.
# Every match of _NAMESPACE_KEYWORD is a match of one of these, so no match here means none there.
_NAMESPACE_LITERALS = (re.compile(rb"namespace\s+[A-Za-z_$][\w$.]*\s*\{"), re.compile(rb"module\s+[A-Za-z_$][\w$.]*\s*\{"))


def _namespace_bodies(model: FileModel) -> set[int]:
    """Start bytes of the `{ … }` of top-level `namespace N { … }` / `module N { … }` (and namespaces
    nested in those), found from the top of the tree down (Node.parent costs as much as a node is deep)."""
    source = model.source
    if not any(pattern.search(source) for pattern in _NAMESPACE_LITERALS) or not _NAMESPACE_KEYWORD.search(source):
        return set()
    bodies: set[int] = set()
    pending = list(model.tree.root_node.named_children)
    while pending:
        node = pending.pop()
        if node.type in ("expression_statement", "export_statement", "ambient_declaration"):
            pending.extend(node.named_children)
        elif node.type in ("internal_module", "module"):
            body = node.child_by_field_name("body")
            if body is not None and body.type == "statement_block":
                bodies.add(body.start_byte)
                pending.extend(body.named_children)
    return bodies


def _prototype_owner(model: FileModel, left: Node | None) -> Node | None:
    """`F` in `F.prototype.m` (an assignment target), or None."""
    left = syntax.unwrap(left)
    if left is None or left.type != "member_expression":
        return None
    return _prototype_object(left.child_by_field_name("object"))


def es5_instances(model: FileModel, binding) -> list[Node]:
    """The `new F(…)` expressions of an ES5 class binding `F`."""
    return [r.node.parent for r in binding.references if r.node.parent is not None and r.node.parent.type == "new_expression"]


def _is_es5_class(model: FileModel, binding) -> bool:
    """A function whose prototype the file extends (`F.prototype.m = …`) or that the file calls with `new`."""
    for reference in binding.references:
        parent = reference.node.parent
        if parent is None:
            continue
        if parent.type == "new_expression":
            return True
        if parent.type == "member_expression" and parent.parent is not None and parent.parent.type == "member_expression":
            prop = parent.child_by_field_name("property")
            if prop is not None and prop.text == b"prototype":
                return True
        assignment = parent.parent
        if parent.type == "member_expression" and assignment is not None and assignment.type == "assignment_expression":
            right = syntax.unwrap(assignment.child_by_field_name("right"))
            if (
                right is not None and right.type == "object" and assignment.child_by_field_name("left") == parent
                and _prototype_object(parent) is not None
            ):
                return True  # `F.prototype = { m: function … }`
    return False


def es5_class_frequency(model: FileModel, function: Function) -> FrequencyFact | None:
    """ES5 classes: `function F() {…}` with `F.prototype.m = function …` or `new F()`.

    A prototype method runs per call on each of many instances, the
    constructor once per instance; both once when the only instance is made at
    module level.  The file shows the class, so the evidence is CLASS.
    """
    context = function.context
    binding = None
    method = None
    member = _prototype_member(model, function)
    if member is not None:
        binding, method = member
    elif context and context[0] == "declared" and function.node.type == "function_declaration":
        binding = context[1]
    elif context and context[0] == "declared" and is_function_binding(context[1]) and syntax.unwrap(context[1].init) == function.node:
        binding = context[1]  # `var F = function (…) {…}` whose prototype the file extends
    if binding is None or not is_function_binding(binding) or not _is_es5_class(model, binding):
        return None
    instances = es5_instances(model, binding)
    single = len(instances) == 1 and model.function_at(instances[0]) is None
    if method is None:
        if single:
            return FrequencyFact(
                Frequency.ONCE, f"constructor of the single `{binding.name}` created at module level", instances[0],
                evidence=Evidence.TOP_LEVEL,
            )
        return FrequencyFact(
            Frequency.REPEATED, f"constructor of the ES5 class `{binding.name}`, run for every instance",
            function.node, evidence=Evidence.CLASS,
        )
    if single:
        return None  # a singleton's method runs as often as callers elsewhere decide
    return FrequencyFact(
        Frequency.REPEATED, f"a method of the ES5 class `{binding.name}` (`{binding.name}.prototype.{method}`)",
        function.node, evidence=Evidence.CLASS,
    )


def _guard_flags(condition: Node | None, negated: bool) -> list[Node]:
    """The flags a guard tests, also as one conjunct of `&&` (negated) or one disjunct of `||` (early return).

    `if (!received && msg.type === 'VARS') { received = true; … }` runs its
    block at most once, whatever the other conjunct says; so does the code
    after `if (started || disabled) return; started = true;`.
    """
    condition = syntax.unwrap(condition)
    if condition is not None and condition.type == "binary_expression":
        operator = condition.child_by_field_name("operator")
        if operator is not None and operator.type == ("&&" if negated else "||"):
            return _guard_flags(condition.child_by_field_name("left"), negated) + _guard_flags(
                condition.child_by_field_name("right"), negated
            )
        if operator is not None and operator.type == ("||" if negated else "&&"):
            # `x === null || x === undefined` (unset), `x !== null && x !== undefined` (set): one flag, twice
            left = _guard_flag(condition.child_by_field_name("left"), negated)
            right = _guard_flag(condition.child_by_field_name("right"), negated)
            if left is not None and right is not None and syntax.text(left) == syntax.text(right):
                return [left]
    flag = _guard_flag(condition, negated)
    return [flag] if flag is not None else []


_UNSET_VALUES = frozenset({"null", "undefined"})


def _unset_test(condition: Node, negated: bool) -> Node | None:
    """The operand of a test that says "not set yet" (``negated``) or "already set".

    Unset: `x == null`, `x === null`, `x === undefined`, `null == x`,
    `typeof x === 'undefined'`; set: the same with `!=` / `!==`.
    """
    operator = condition.child_by_field_name("operator")
    if operator is None or operator.type not in (("==", "===") if negated else ("!=", "!==")):
        return None
    left = syntax.unwrap(condition.child_by_field_name("left"))
    right = syntax.unwrap(condition.child_by_field_name("right"))
    if left is None or right is None:
        return None
    for operand, other in ((left, right), (right, left)):
        if syntax.text(other) in _UNSET_VALUES and operand.type in ("identifier", "member_expression"):
            return operand
        if syntax.string_value(other) == "undefined" and operand.type == "unary_expression" and syntax.text(
            operand
        ).startswith("typeof"):
            target = syntax.unwrap(operand.child_by_field_name("argument"))
            if target is not None and target.type in ("identifier", "member_expression"):
                return target
    return None


def _boolean_test(condition: Node, negated: bool) -> Node | None:
    """The flag of `flag === true` / `flag !== false` (already set) or `flag === false` / `flag !== true` (unset)."""
    operator = condition.child_by_field_name("operator")
    left = syntax.unwrap(condition.child_by_field_name("left"))
    right = syntax.unwrap(condition.child_by_field_name("right"))
    if operator is None or left is None or right is None or operator.type not in ("==", "===", "!=", "!=="):
        return None
    flag, literal = (left, right) if right.type in ("true", "false") else (right, left)
    if literal.type not in ("true", "false") or flag.type not in ("identifier", "member_expression"):
        return None
    says_set = (literal.type == "true") == (operator.type in ("==", "==="))
    return flag if says_set != negated else None


def _guard_flag(condition: Node | None, negated: bool) -> Node | None:
    """The flag a guard tests: `!flag`/`!this.started` (negated) or `flag`/`this.started` (an early return).

    Also a test against null or undefined: `x == null`, `x === undefined`,
    `typeof x === 'undefined'` (negated) or `x != null` (an early return).
    """
    condition = syntax.unwrap(condition)
    if condition is None:
        return None
    if condition.type == "binary_expression":
        return _unset_test(condition, negated) or _boolean_test(condition, negated)
    if negated:
        if condition.type == "unary_expression" and syntax.text(condition).startswith("!"):
            operand = syntax.unwrap(condition.child_by_field_name("argument"))
            return operand if operand is not None and operand.type in ("identifier", "member_expression") else None
        return None
    return condition if condition.type in ("identifier", "member_expression") else None


def _assignment_starts(model: FileModel) -> list[int]:
    return [node.start_byte for node in model.nodes("assign")]


def _assigns(model: FileModel, block: Node, path: tuple, falsy: bool = False) -> bool:
    """``block`` assigns the flag at ``path`` (with ``falsy``: a falsy literal)."""
    start, end = block.start_byte, block.end_byte
    nodes = model.nodes("assign")  # sorted by start offset (model_captures)
    starts = model.fact("assignment-starts", _assignment_starts)
    for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
        node = nodes[index]
        if node.type == "assignment_expression":
            left = node.child_by_field_name("left")
            if model.access_path(left) == path:
                if not falsy:
                    return True
                right = syntax.unwrap(node.child_by_field_name("right"))
                if right is not None and syntax.text(right) in _FALSY_LITERALS:
                    return True
    return False


_FALSY_LITERALS = frozenset({"false", "null", "undefined", "0", "''", '""'})


def _set_outside_init(model: FileModel, path: tuple, falsy: bool) -> bool:
    """The flag is given a falsy (with ``falsy=False``: any other) literal value outside a constructor.

    The declaration's own initial value is no assignment and does not count.
    """
    for node in model.nodes("assign"):
        if node.type != "assignment_expression" or model.access_path(node.child_by_field_name("left")) != path:
            continue
        right = syntax.unwrap(node.child_by_field_name("right"))
        if right is None or (syntax.text(right) in _FALSY_LITERALS) != falsy:
            continue
        function = model.function_at(node)
        context = function.context if function is not None else ()
        if not (len(context) > 2 and context[0] == "method" and context[2] == "constructor"):
            return True
    return False


def _callee_sets(model: FileModel, block: Node, path: tuple) -> bool:
    """The block calls a function of this file that sets the flag to a truthy value.

    `if (!isInit) { void init(); }` with `async function init() { …;
    isInit = true; }`: the guarded call sets the flag itself, so the block
    runs once, as when the block sets it.  Only functions named by a
    binding of this file count (`init()`, not `this.init()` or an import).
    """
    start, end = block.start_byte, block.end_byte
    for callee in model.nodes("call_name"):
        if not start <= callee.start_byte < end:
            continue
        binding = model.resolve(callee)
        if binding is None:
            continue
        declaration = binding.declaration if binding.kind == "function" else syntax.unwrap(binding.init)
        function = model.scopes.functions.get(declaration.start_byte) if declaration is not None else None
        if function is None or function.node.start_byte <= block.start_byte < function.node.end_byte:
            continue  # not a function, or the one the guard is in (a recursive call)
        for node in model.nodes("assign"):
            if not function.node.start_byte <= node.start_byte < function.node.end_byte:
                continue
            if node.type != "assignment_expression" or model.access_path(node.child_by_field_name("left")) != path:
                continue
            right = syntax.unwrap(node.child_by_field_name("right"))
            if right is not None and syntax.text(right) not in _FALSY_LITERALS:
                return True
    return False


def _reset_outside_init(model: FileModel, path: tuple) -> bool:
    """The flag is set back to a falsy literal somewhere other than a constructor: a lock, not a one-shot guard.

    `if (!connecting) { connecting = true; connect(); }` with
    `socket.on('close', () => { connecting = false; })` runs again after each
    reset; a constructor's `this.started = false` only initialises the flag.
    """
    return _set_outside_init(model, path, falsy=True)


def one_shot_guard(model: FileModel, node: Node) -> Node | None:
    """The `if` that lets ``node`` run once per holder of a flag it sets, or None.

    `if (!this.started) { this.started = true; setInterval(…) }` and
    `if (received) return; received = true; bus.on(…)`: the flag is set in
    the guarded block (before or after the registration), so the code runs
    once per module or instance, however often the function is called.
    """
    function = model.function_at(node)
    limit = function.node.start_byte if function is not None else -1
    current = node
    crossed = 0
    while True:
        if current.parent is None or current.parent.start_byte <= limit:
            # A callback that runs where it is passed (`list.forEach(s => …)`, `.then(…)`) runs as often
            # as the code around the call: a guard around that call covers it too.
            call = _inline_callback_call(model, function) if crossed < _MAX_CALLBACKS_CROSSED else None
            if call is None:
                return None
            crossed += 1
            function = model.function_at(call)
            limit = function.node.start_byte if function is not None else -1
            current = call
            continue
        parent = current.parent
        if parent.type == "if_statement" and parent.child_by_field_name("consequence") == current:
            for flag in _guard_flags(parent.child_by_field_name("condition"), negated=True):
                path = model.access_path(flag)
                if path is not None and (_assigns(model, current, path) or _callee_sets(model, current, path)) \
                        and not _reset_outside_init(model, path) and not _per_call_holder(model, flag):
                    return parent
            # `var firstTime = true; … if (firstTime) { firstTime = false; … }`: the same guard, the other way up
            for flag in _guard_flags(parent.child_by_field_name("condition"), negated=False):
                path = model.access_path(flag)
                if path is not None and _assigns(model, current, path, falsy=True) and not _set_outside_init(
                    model, path, falsy=False
                ) and not _per_call_holder(model, flag):
                    return parent
        if parent.type == "statement_block":
            for sibling in parent.named_children:
                if sibling.start_byte >= current.start_byte:
                    break
                if sibling.type != "if_statement":
                    continue
                consequence = sibling.child_by_field_name("consequence")
                # `if (done) return;` or a block that ends in a return: `if (one) { cached = one; return cached; }`
                statements = [c for c in consequence.named_children if c.type != "comment"] if consequence is not None and consequence.type == "statement_block" else []
                body = statements[-1] if statements else consequence
                if body is None or body.type != "return_statement":
                    continue
                for flag in _guard_flags(sibling.child_by_field_name("condition"), negated=False):
                    path = model.access_path(flag)
                    if path is not None and _assigns(model, parent, path) and not _reset_outside_init(model, path) \
                            and not _per_call_holder(model, flag):
                        return sibling
        current = parent


def _per_call_holder(model: FileModel, flag: Node) -> bool:
    """The flag is a property of a parameter (`req._bodyRead`, `el.bound`): a new holder comes with each call.

    `if (req._bodyRead) return next(); req._bodyRead = true; req.socket.once('close', next)` runs
    once per request, not once: the guard only stops a second pass over the same request.  A flag on
    `this`, on a module-level binding, on a deeper path (`req.app.ready`) or on a parameter the model
    knows to be long-lived (a pooled keep-alive socket given to each request) keeps its holder.
    """
    flag = syntax.unwrap(flag)
    if flag is None or flag.type != "member_expression":
        return False
    holder = syntax.unwrap(flag.child_by_field_name("object"))
    if holder is None or holder.type != "identifier":
        return False
    binding = model.resolve(holder)
    if binding is None or binding.kind != "param":
        return False
    # a parameter that brings back the same long-lived object (an agent's pooled socket) keeps its flag
    from leaklint.model.lifetime import keep_alive_connection

    return not model.lifetime(holder).is_long_lived and keep_alive_connection(model, holder) is None


_MAX_CALLBACKS_CROSSED = 3


def _inline_callback_call(model: FileModel, function: Function | None) -> Node | None:
    """The call that runs ``function`` where it stands: a callback argument that is not registered as a
    handler or timer (array methods, promise callbacks, `setTimeout`).  Else None."""
    from leaklint.model.calls import classify_registration

    context = function.context if function is not None else ()
    if not context or context[0] != "argument":
        return None
    site = model.call_site(context[1])
    if classify_registration(site, context[2], function, model.options.handler_registrations) is not None:
        return None  # a listener or timer callback runs per event, not where it is passed
    return context[1]


# -- key provenance: keys drawn from a fixed set ------------------------------------------------


def _loop_over_fixed_list(model: FileModel, root: Node | None, function: Function | None, depth: int) -> str | None:
    """`for (const kind of KINDS) m.set(kind.id, …)`: a field of the loop variable over a list the code spells out.

    The loop variable takes the provenance of what the loop iterates: a
    module-level constant table, or an array literal whose items are
    literals or object literals of literal values, gives a fixed set of
    items and so of their fields.  A parameter or request data
    (`for (const item of items)`) answers None here; ``key_source`` then
    reads the loop variable as the parameter's data.
    """
    root = syntax.unwrap(root)
    if root is None or root.type != "identifier":
        return None
    binding = model.resolve(root)
    declaration = binding.declaration if binding is not None else None
    if declaration is None or declaration.type != "for_in_statement" or binding.kind not in ("const", "let", "var"):
        return None
    if binding.writes and binding.kind != "const":
        return None
    iterable = syntax.unwrap(binding.destructured_from)
    operator = next((c for c in declaration.children if c.type in ("of", "in")), None)
    if iterable is None or operator is None or operator.type != "of":
        return None
    table = _fixed_table(model, iterable)
    if table is not None:
        return f"a field of an entry of the fixed table `{table}`"
    if iterable.type == "array" and iterable.named_children and all(
        _literal_item(model, item, function, depth) for item in iterable.named_children if item.type != "comment"
    ):
        return "a field of an entry of a literal list"
    return None


def _literal_item(model: FileModel, item: Node, function: Function | None, depth: int) -> bool:
    """An item of a literal list: a fixed value, or `{ id: 'a', … }` whose every value is one."""
    item = syntax.unwrap(item)
    if item is None:
        return False
    if item.type == "object":
        pairs = [c for c in item.named_children if c.type != "comment"]
        return all(
            p.type == "pair" and bounded_key(model, p.child_by_field_name("value"), function, depth + 1) is not None
            for p in pairs
        )
    return bounded_key(model, item, function, depth + 1) is not None


def _fixed_table(model: FileModel, node: Node | None) -> str | None:
    """The name of a module-level constant object or array literal ``node`` names, or None."""
    node = syntax.unwrap(node)
    if node is None or node.type != "identifier":
        return None
    binding = model.resolve(node)
    if binding is None or binding.kind != "const" or not binding.is_module_level:
        return None
    init = syntax.unwrap(binding.init)
    if init is not None and init.type in ("object", "array"):
        return binding.name
    return None


def _literal_union(model: FileModel, type_node: Node | None, depth: int = 0) -> bool:
    """A TypeScript type whose values are a fixed set: `'a' | 'b'`, a literal, an enum, an alias of one."""
    type_node = syntax.unwrap(type_node)
    if type_node is None or depth > 3:
        return False
    kind = type_node.type
    if kind == "type_annotation":
        inner = [c for c in type_node.named_children if c.type != "comment"]
        return bool(inner) and _literal_union(model, inner[0], depth)
    if kind == "literal_type":
        return True
    if kind == "union_type":
        members = [c for c in type_node.named_children if c.type != "comment"]
        return bool(members) and all(_literal_union(model, m, depth) for m in members)
    if kind == "parenthesized_type":
        return any(_literal_union(model, c, depth) for c in type_node.named_children)
    if kind == "type_identifier":
        name = syntax.text(type_node)
        for declaration in model.tree.root_node.named_children:
            target = declaration.child_by_field_name("declaration") if declaration.type == "export_statement" else declaration
            if target is None:
                continue
            target_name = target.child_by_field_name("name")
            if target_name is None or syntax.text(target_name) != name:
                continue
            if target.type == "enum_declaration":
                return True
            if target.type == "type_alias_declaration":
                return _literal_union(model, target.child_by_field_name("value"), depth + 1)
        return False
    return False


def bounded_key(model: FileModel, key: Node | None, function: Function | None, depth: int = 0) -> str | None:
    """Why a key is drawn from a fixed set, for reasons, or None when it may not be.

    Bounded: a literal; a module-level constant holding a literal; a value
    read out of a module-level constant table (`TABLE[name].len`); a
    `for … of` over such a table or a literal array; a parameter typed as a
    literal union or an enum (`kind: 'a' | 'b'`); a template, `+` or `?:`
    made only of bounded parts; a comparison (true or false); a property of
    a platform vocabulary (`url.protocol`, `req.method`).  Everything else
    answers None (which does not mean unbounded: see ``key_source``).
    """
    key = syntax.unwrap(key)
    if key is None or depth > 6:  # `m[1]` of `line.match(…)` of a line of `content.split(…)`: six steps
        return None
    kind = key.type
    if kind in ("string", "number", "true", "false") or (
        kind == "template_string" and not any(c.type == "template_substitution" for c in key.named_children)
    ):
        return "a literal"
    if kind == "identifier":
        binding = model.resolve(key)
        if binding is None:
            return None
        if binding.kind == "param":
            parameter = binding.node.parent
            while parameter is not None and parameter.type in ("assignment_pattern", "rest_pattern"):
                parameter = parameter.parent
            annotation = None
            if parameter is not None and parameter.type in ("required_parameter", "optional_parameter"):
                annotation = parameter.child_by_field_name("type")
            if annotation is not None and _literal_union(model, annotation):
                return f"its parameter `{binding.name}`, typed as a fixed set of values"
            if annotation is not None and _constructor_type(annotation):
                return f"its parameter `{binding.name}`, typed as a class: one of the classes the code defines"
            linked = _literal_at_every_linked_call(model, binding)
            if linked is not None:
                return linked
            return _bounded_at_every_call(model, binding, depth)
        if binding.kind in ("const", "let", "var"):
            if binding.writes and binding.kind != "const":
                return None
            init = syntax.unwrap(binding.init)
            if binding.is_module_level:
                if init is not None and init.type in ("string", "number"):
                    return f"the constant `{binding.name}`"
                return None
            if init is not None:
                return bounded_key(model, init, function, depth + 1)
            source = syntax.unwrap(binding.destructured_from)
            if binding.declaration is not None and binding.declaration.type == "for_in_statement" and source is not None:
                table = _fixed_table(model, source)
                if table is not None:
                    return f"an entry of the fixed table `{table}`"
                if source.type == "array" and all(
                    bounded_key(model, c, function, depth + 1) for c in source.named_children
                ):
                    return "an entry of a literal list"
                return None
            if source is not None:
                return bounded_key(model, source, function, depth + 1)
        return None
    if kind == "template_string":  # `${protocol}:${ipv6 ? 'v6' : 'v4'}`: fixed when every part is
        parts = [syntax.unwrap(c.named_children[0]) if c.named_children else None
                 for c in key.named_children if c.type == "template_substitution"]
        if all(bounded_key(model, part, function, depth + 1) for part in parts):
            return "a string built only from fixed values"
        return None
    if kind == "ternary_expression":
        branches = (key.child_by_field_name("consequence"), key.child_by_field_name("alternative"))
        if all(bounded_key(model, branch, function, depth + 1) for branch in branches):
            return "a choice between fixed values"
        return None
    if kind == "binary_expression" and syntax.operator_of(key) in _COMPARISONS or kind == "unary_expression" and (
        syntax.operator_of(key) == "!"
    ):
        return "a true/false test"
    if kind == "binary_expression" and syntax.operator_of(key) == "+":  # `scheme + ':' + mode`
        sides = (key.child_by_field_name("left"), key.child_by_field_name("right"))
        if all(bounded_key(model, side, function, depth + 1) for side in sides):
            return "a string built only from fixed values"
        return None
    if kind == "member_expression" and syntax.text(key.child_by_field_name("property") or key) == "constructor":
        return "the class of a value (`.constructor`): one of the classes the code defines"
    if kind == "member_expression" and syntax.text(key.child_by_field_name("property") or key) in BOUNDED_PROPERTIES:
        name = syntax.text(key.child_by_field_name("property"))
        return f"`.{name}`, {BOUNDED_PROPERTIES[name]}"
    if kind in ("member_expression", "subscript_expression"):
        root = key
        while root is not None and root.type in ("member_expression", "subscript_expression"):
            root = syntax.unwrap(root.child_by_field_name("object"))
        table = _fixed_table(model, root)
        if table is not None:
            return f"a value of the fixed table `{table}`"
        looped = _loop_over_fixed_list(model, root, function, depth)
        if looped is not None:
            return looped
        if root is not None and root.type == "identifier":
            binding = model.resolve(root)
            if binding is not None and binding.kind in ("const", "let", "var") and not binding.is_module_level:
                init = syntax.unwrap(binding.init)
                if init is not None and init.type in ("member_expression", "subscript_expression"):
                    inner = init
                    while inner is not None and inner.type in ("member_expression", "subscript_expression"):
                        inner = syntax.unwrap(inner.child_by_field_name("object"))
                    table = _fixed_table(model, inner)
                    if table is not None:
                        return f"a value of the fixed table `{table}`"
        return None
    return None



_COMPARISONS = frozenset({"===", "!==", "==", "!=", "<", ">", "<=", ">=", "instanceof", "in"})
# Properties whose values come from a small vocabulary of the platform, whatever the traffic.
BOUNDED_PROPERTIES = {
    "protocol": "a URL scheme (`http:`, `https:`, …)",
    "method": "an HTTP method",
    "platform": "an operating-system name",
}


# Type names of a class itself (not of its instances): Angular's `Type<T>`, the common `GenericConstructor<T>`.
_CONSTRUCTOR_TYPE_NAMES = frozenset({"Type", "GenericConstructor", "Constructor", "Class", "AbstractType", "Function"})


def _constructor_type(annotation: Node) -> bool:
    """`: new (...args) => T`, `: Type<T>`, `: GenericConstructor<T>`, `: Function`: the value is a class."""
    node = next(iter(annotation.named_children), None)
    if node is None:
        return False
    if node.type == "constructor_type":
        return True
    if node.type == "generic_type":
        node = node.child_by_field_name("name") or next(iter(node.named_children), None)
    return node is not None and node.type == "type_identifier" and syntax.text(node) in _CONSTRUCTOR_TYPE_NAMES


def _named_constant(node: Node | None) -> bool:
    """`Environment.PRODUCTION`, `Kind.MAX_SIZE`: a SCREAMING_CASE property read off a name, an enum member or constant."""
    node = syntax.unwrap(node)
    if node is None or node.type != "member_expression":
        return False
    root = syntax.unwrap(node.child_by_field_name("object"))
    prop = node.child_by_field_name("property")
    if root is None or root.type != "identifier" or prop is None:
        return False
    name = syntax.text(prop)
    return len(name) > 1 and name.upper() == name and any(c.isalpha() for c in name)


def _private_function_binding(model: FileModel, parameter):
    """The binding of the module-private function that declares ``parameter``, with the function, or (None, None).

    Private: the name is never exported, and every reference to it is the
    callee of a call, so no other file or callback can call it with
    something else.
    """
    function = next((f for f in model.functions if f.scope is parameter.scope), None)
    if function is None or not function.context or function.context[0] != "declared":
        return None, None
    owner = function.context[1]
    if owner is None or not owner.references:
        return None, None
    declaration = owner.declaration
    while declaration is not None and declaration.type not in ("program", "statement_block"):
        if declaration.type == "export_statement":
            return None, None
        declaration = declaration.parent
    for reference in owner.references:
        parent = reference.node.parent
        if reference.is_write or parent is None or parent.type != "call_expression":
            return None, None
        if parent.child_by_field_name("function") != reference.node:
            return None, None
    return owner, function


def _bounded_at_every_call(model: FileModel, parameter, depth: int) -> str | None:
    """A parameter of a module-private function that every call fills from a fixed set of values.

    `getClient(Environment.PRODUCTION)` and `getClient('sandbox')` are the
    only calls of a function nobody else can reach: its key parameter takes
    those values only.  One call with anything else (another parameter,
    request data, a spread) answers None.
    """
    owner, function = _private_function_binding(model, parameter)
    if owner is None:
        return None
    index = function.parameter_position(parameter.node)
    if index is None:
        return None  # destructured from an argument (`({ token }) => …`), or a rest element
    for reference in owner.references:
        site = model.call_site(reference.node.parent)
        if any(a.type == "spread_element" for a in site.arguments[: index + 1]):
            return None
        argument = site.argument(index)
        if argument is None:  # left out: undefined, or the parameter's default
            holder = parameter.node.parent
            default = None
            if holder is not None and holder.type == "assignment_pattern":
                default = holder.child_by_field_name("right")
            elif holder is not None and holder.type in ("required_parameter", "optional_parameter"):
                default = holder.child_by_field_name("value")
            if default is not None and bounded_key(model, default, function, depth + 1) is None:
                return None
            continue
        if _named_constant(argument):
            continue
        if bounded_key(model, argument, model.function_at(argument), depth + 1) is None:
            return None
    return f"its parameter `{parameter.name}`: every call of `{owner.name}()` passes a fixed value"


def _literal_at_every_linked_call(model: FileModel, parameter) -> str | None:
    """A parameter of an exported helper (`getX(key)`) that every call in the project fills with a literal.

    The project link decides it (``LinkedParameter.literal``): every call it
    follows, in every file, passes a string or number literal there, and no
    call is one it cannot follow.  One caller passing a parameter or request
    data leaves the fact out, and the key stays as unbounded as its callers.
    """
    if not model.external.parameters:
        return None
    from leaklint.model.passed_arguments import linked_parameter

    linked = linked_parameter(model, parameter)
    if linked is None or not linked.literal or _handed_out_in_file(model, parameter):
        return None
    return f"its parameter `{parameter.name}`: {linked.reason}"


def _handed_out_in_file(model: FileModel, parameter) -> bool:
    """The function is used here other than by calling or exporting it (`handlers = [getX]`, `on('x', getX)`).

    Whoever receives it calls it with values the link never sees.
    """
    function = next((f for f in model.functions if f.scope is parameter.scope), None)
    from leaklint.model.scopes import Binding

    context = function.context if function is not None else None
    if not context:
        return True
    if context[0] in ("method", "property"):
        return False  # `Cache.getX()`, `store.getX()`: called through its holder, which the link follows
    if context[0] == "assigned":
        left = syntax.text(context[1])
        return not (left.startswith(("module.exports.", "exports.")) and left.count(".") <= 2)
    if context[0] != "declared" or not isinstance(context[1], Binding):
        return True
    for reference in context[1].reads:
        node = reference.node
        parent = node.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == node:
            continue
        if not exported_here(node):
            return True
    return False


def exported_here(node: Node) -> bool:
    """`module.exports = { getX }`, `exports.getX = getX`, `export { getX }`: the name handed to importers only."""
    current = node
    while current.parent is not None and current.parent.type in ("shorthand_property_identifier", "pair", "object",
                                                                 "export_specifier", "export_clause"):
        current = current.parent
    parent = current.parent
    if parent is None:
        return False
    if parent.type == "export_statement":
        return True
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == current:
        left = syntax.text(parent.child_by_field_name("left"))
        return left == "module.exports" or left.startswith(("module.exports.", "exports."))
    return False


def key_type_bounded(model: FileModel, init: Node | None) -> bool:
    """`new Map<'a' | 'b', V>()`, `new Set<Kind>()` with an enum or literal-union key type."""
    init = syntax.unwrap(init)
    if init is None or init.type != "new_expression":
        return False
    arguments = init.child_by_field_name("type_arguments")
    if arguments is None:
        arguments = next((c for c in init.named_children if c.type == "type_arguments"), None)
    if arguments is None:
        return False
    types = [c for c in arguments.named_children if c.type != "comment"]
    return bool(types) and _literal_union(model, types[0])


def es5_class_binding(model: FileModel, function: Function | None):
    """The ES5 class binding ``function`` belongs to (its constructor or an `F.prototype.m`), or None."""
    if function is None:
        return None
    context = function.context
    binding = None
    member = _prototype_member(model, function)
    if member is not None:
        binding = member[0]
    elif context and context[0] == "declared" and function.node.type == "function_declaration":
        binding = context[1]
    else:
        binding = _var_bound(function)  # `var F = function F(…) {…}`
    if binding is None or not is_function_binding(binding) or not _is_es5_class(model, binding):
        return None
    return binding


def es5_prototype_member(model: FileModel, function: Function):
    """(binding of `F`, method name) when ``function`` is `F.prototype.m` of an ES5 class of the file, else None."""
    member = _prototype_member(model, function)
    if member is None or not is_function_binding(member[0]) or not _is_es5_class(model, member[0]):
        return None
    return member


def _var_bound(function: Function):
    """The `var`/`let`/`const` binding whose initializer is ``function`` (`var F = function (…) {…}`), or None."""
    context = function.context
    if context and context[0] == "declared" and function.node.type != "function_declaration":
        binding = context[1]
        if is_function_binding(binding) and syntax.unwrap(binding.init) == function.node:
            return binding
    return None


def is_es5_constructor(model: FileModel, function: Function | None) -> bool:
    """``function`` is the constructor of an ES5 class: `function F() {…}` or `var F = function (…) {…}`."""
    if function is None:
        return False
    if function.node.type != "function_declaration" and _var_bound(function) is None:
        return False
    return _prototype_member(model, function) is None and es5_class_binding(model, function) is not None


def es5_constructor_of(model: FileModel, binding) -> Function | None:
    """The constructor Function of an ES5 class binding `F` (its declaration, or the function `F` is bound to)."""
    init = syntax.unwrap(binding.init) if binding.kind in ("var", "let", "const") else None
    for f in model.functions:
        if f.node.type == "function_declaration" and f.name == binding.name or init is not None and f.node == init:
            return f
    return None


def _prototype_member(model: FileModel, function: Function):
    """(binding of `F`, method name) for `F.prototype.m = function …` and `F.prototype = { m: function … }`."""
    context = function.context
    if not context:
        return None
    if context[0] == "assigned":
        owner = _prototype_owner(model, context[1])
        if owner is None:
            return None
        binding = model.resolve(owner)
        return (binding, syntax.text(syntax.unwrap(context[1]).child_by_field_name("property"))) if binding else None
    if context[0] != "property" or context[1] is None:
        return None
    key = context[1]
    holder = key.parent  # a pair (`m: function …`) or the method definition (`m() {…}`)
    literal = holder.parent if holder is not None else None
    assignment = literal.parent if literal is not None and literal.type == "object" else None
    if assignment is None or assignment.type != "assignment_expression" or assignment.child_by_field_name("right") != literal:
        return None
    owner = _prototype_object(assignment.child_by_field_name("left"))
    binding = model.resolve(owner) if owner is not None else None
    return (binding, syntax.string_value(key) or syntax.text(key)) if binding is not None else None


def _prototype_object(left: Node | None) -> Node | None:
    """`F` in `F.prototype` (an assignment target), or None."""
    left = syntax.unwrap(left)
    if left is None or left.type != "member_expression":
        return None
    prop = left.child_by_field_name("property")
    owner = syntax.unwrap(left.child_by_field_name("object"))
    if prop is None or prop.text != b"prototype" or owner is None or owner.type != "identifier":
        return None
    return owner


def is_function_binding(binding) -> bool:
    """`function F() {…}`, or `var F = function (…) {…}` (an ES5 constructor written as an expression)."""
    if binding.kind == "function":
        return True
    init = syntax.unwrap(binding.init) if binding.kind in ("var", "let", "const") else None
    return init is not None and init.type in ("function_expression", "function")


def init_only_method(model: FileModel, function: Function) -> bool:
    """A method the file calls only from its class's constructor (`this.reset()` in `constructor`).

    What it does to the instance's fields is initialisation: a reset there
    does not evict anything the instance later accumulates.
    """
    context = function.context
    if context and context[0] == "method":
        name, info = context[2], context[1]
        constructors = info.methods.get("constructor", [])
        constructor = constructors[0] if constructors else None
    else:
        owner = es5_class_binding(model, function)
        if owner is None:
            return False
        if is_es5_constructor(model, function):
            return False  # the constructor itself
        member = _prototype_member(model, function)  # `F.prototype.m = …` or `F.prototype = { m: … }`
        name = member[1] if member is not None else ""
        constructor = es5_constructor_of(model, owner)
    if not name or name == "constructor" or constructor is None:
        return False
    calls = [s for s in model.method_calls(name) if s.receiver is not None]
    if not calls:
        return False
    start, end = constructor.node.start_byte, constructor.node.end_byte
    if not all(start <= s.node.start_byte < end for s in calls):
        return False
    mentions = model.source.count(b"." + name.encode())
    definitions = 0 if context and context[0] == "method" else 1
    return mentions == len(calls) + definitions


def _incremented_in(model: FileModel, node: Node, function: Function | None) -> bool:
    """`x` / `this.n` is stepped (`x++`, `++this.n`, `x += 1`) in ``function``: it names a counter."""
    if function is None:
        return False
    path = model.access_path(node)
    if path is None:
        return False
    while function.parent is not None and not is_top_level_iife(model, function.parent):
        function = function.parent  # `client._count++` in the method, the key read in its Promise executor
    start, end = function.node.start_byte, function.node.end_byte
    for update in model.nodes("update"):
        if start <= update.start_byte < end:
            if update.parent is not None and update.parent.type == "for_statement":
                continue  # `for (…; i < n; i++)`: a loop index, bounded by the loop
            target = update.child_by_field_name("argument")
            if target is not None and model.access_path(target) == path:
                return True
    for assign in model.nodes("assign"):
        if assign.type == "augmented_assignment_expression" and start <= assign.start_byte < end:
            operator = assign.child_by_field_name("operator")
            right = syntax.unwrap(assign.child_by_field_name("right"))
            if operator is not None and operator.type == "+=" and right is not None and right.type == "number":
                if model.access_path(assign.child_by_field_name("left")) == path:
                    return True
    return False


def _object_literal_member(model: FileModel, node: Node) -> Node | None:
    """`o.id` where `o` is a local initialised with `{ id: value, … }`: that value."""
    if node.type != "member_expression":
        return None
    obj = syntax.unwrap(node.child_by_field_name("object"))
    prop = node.child_by_field_name("property")
    if obj is None or obj.type != "identifier" or prop is None:
        return None
    binding = model.resolve(obj)
    init = syntax.unwrap(binding.init) if binding is not None and binding.kind in ("const", "let", "var") else None
    if init is None or init.type != "object":
        return None
    name = syntax.text(prop)
    for member in init.named_children:
        if member.type == "pair":
            pair_key = member.child_by_field_name("key")
            if pair_key is not None and syntax.text(pair_key).strip("'\"") == name:
                return member.child_by_field_name("value")
    return None


def _assigned_member(model: FileModel, node: Node, function: Function | None) -> Node | None:
    """`o.id` where the function set `o.id = value` on a local object before this read: that value.

    (`const packet = { type }; packet.id = ++this.seq; this.acks[packet.id] = fn`: the key is the counter.)
    """
    if function is None or node.type != "member_expression":
        return None
    obj = syntax.unwrap(node.child_by_field_name("object"))
    if obj is None or obj.type != "identifier":
        return None
    binding = model.resolve(obj)
    if binding is None or binding.kind not in ("const", "let", "var") or binding.is_module_level:
        return None
    path = model.access_path(node)
    if path is None:
        return None
    start, end = function.node.start_byte, function.node.end_byte
    value = None
    for assign in model.nodes("assign"):
        if assign.type != "assignment_expression" or not start <= assign.start_byte < node.start_byte < end:
            continue
        if model.access_path(assign.child_by_field_name("left")) == path:
            value = assign.child_by_field_name("right")  # the last one before the read
    return value


def _returns_counter(model: FileModel, call: Node) -> bool:
    """`nextId()` of a same-file function that steps a counter and returns it (`return ++n`, `n++; return n`)."""
    callee = syntax.unwrap(call.child_by_field_name("function"))
    if callee is None or callee.type != "identifier":
        return False
    binding = model.resolve(callee)
    if binding is None or binding.kind != "function":
        return False
    target = next((f for f in model.functions if f.node.start_byte <= binding.node.start_byte < f.node.end_byte
                   and f.name == binding.name), None)
    if target is None:
        return False
    start, end = target.node.start_byte, target.node.end_byte
    for node in model.nodes("return"):
        if start <= node.start_byte < end and model.function_at(node) is target:
            value = syntax.unwrap(node.named_children[0]) if node.named_children else None
            if value is None:
                continue
            if value.type == "update_expression" or _incremented_in(model, value, target):
                return True
            # `const request = { id: n++, … }; …; return request.id`: the id it hands out is the counter.
            member = _object_literal_member(model, value)
            if member is not None and syntax.unwrap(member).type == "update_expression":
                return True
    return False


def _method_owner(model: FileModel, function: Function):
    """(method name, constructor Function, class key) for a class or ES5 prototype method, else None."""
    context = function.context
    if context and context[0] == "method":
        constructors = context[1].methods.get("constructor", [])
        if not constructors or context[2] == "constructor":
            return None
        return context[2], constructors[0], context[1].node.start_byte
    owner = es5_class_binding(model, function)
    if owner is None or is_es5_constructor(model, function) or not context:
        return None
    prop = syntax.unwrap(context[1]).child_by_field_name("property")
    constructor = es5_constructor_of(model, owner)
    if prop is None or constructor is None:
        return None
    return syntax.text(prop), constructor, owner.node.start_byte


def _class_key(model: FileModel, function: Function | None):
    function = function.this_owner if function is not None else None
    if function is None:
        return None
    context = function.context
    if context and context[0] == "method":
        return context[1].node.start_byte
    owner = es5_class_binding(model, function)
    return owner.node.start_byte if owner is not None else None


def is_this_or_alias(model: FileModel, node: Node | None) -> bool:
    """`this`, or a never-reassigned local bound to it (`var self = this`)."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "this":
        return True
    if node.type != "identifier":
        return False
    binding = model.resolve(node)
    init = syntax.unwrap(binding.init) if binding is not None and binding.kind in ("var", "let", "const") else None
    return init is not None and init.type == "this" and not binding.writes


def reinit_call(model: FileModel, function: Function | None) -> tuple[Node, Node] | None:
    """(the constructor's call, another method's call) when a method re-runs on the same instance.

    `function Request(o) { this.init(o) }` and `Request.prototype.onRedirect =
    function () { this.init(…) }`: `init` runs once from the constructor and
    again from another method, on the same `this`; what it adds to the
    instance each time accumulates.
    """
    function = function.this_owner if function is not None else None
    if function is None:
        return None
    owner = _method_owner(model, function)
    if owner is None:
        return None
    name, constructor, key = owner
    from_constructor = other = None
    start, end = constructor.node.start_byte, constructor.node.end_byte
    for site in model.method_calls(name):
        if not is_this_or_alias(model, site.receiver):
            continue
        if start <= site.node.start_byte < end:
            from_constructor = from_constructor or site.node
        elif site.function is not None and _class_key(model, site.function) == key:
            caller = site.function
            while caller is not None and caller.node.type == "arrow_function":
                caller = caller.parent
            if caller is not None and caller.node != function.node:
                other = other or site.node
    if from_constructor is None or other is None:
        return None
    return from_constructor, other


# AngularJS registrations whose function is instantiated per view (a controller), not once (a service).
ANGULAR_PER_VIEW = frozenset({"controller"})
# Injected names that are per-controller locals, not application-wide singletons.
ANGULAR_LOCALS = frozenset({"$scope", "$element", "$attrs", "$transclude", "$event"})


def angular_controller_call(model: FileModel, function: Function) -> Node | None:
    """The `.controller('Name', fn)` / `.controller('Name', ['dep', fn])` call that registers ``function``."""
    # Node.parent costs as much as the node is deep: only files that register a controller pay for it.
    if not model.fact("may-hold-angular-controller", lambda m: b".controller(" in m.source):
        return None
    node = function.node
    holder = node.parent
    if holder is not None and holder.type == "array":
        if holder.named_children and holder.named_children[-1] != node:
            return None
        holder = holder.parent
    if holder is None or holder.type != "arguments" or holder.parent is None:
        return None
    call = holder.parent
    if call.type != "call_expression":
        return None
    site = model.call_site(call)
    if site.method not in ANGULAR_PER_VIEW or len(site.arguments) < 2 or syntax.string_value(site.argument(0)) is None:
        return None
    second = site.argument(1)
    if second is None or (second != node and second != node.parent):
        return None
    return call


def injected_service_lifetime(model: FileModel, identifier: Node | None) -> LifetimeFact | None:
    """A parameter of an AngularJS controller other than its locals (`$scope`): an injected singleton service."""
    identifier = syntax.unwrap(identifier)
    if identifier is None or identifier.type != "identifier":
        return None
    binding = model.resolve(identifier)
    if binding is None or binding.kind != "param":
        return None
    function = next((f for f in model.functions if f.scope is binding.scope), None)
    if function is None or angular_controller_call(model, function) is None:
        return None
    injected = binding.name
    annotation = function.node.parent
    if annotation is not None and annotation.type == "array":  # `['$scope', 'Socket', function (a, b) {…}]`
        names = [syntax.string_value(c) for c in annotation.named_children[:-1]]
        index = next((i for i, p in enumerate(function.params) if p is binding), -1)
        if not 0 <= index < len(names) or names[index] is None:
            return None
        injected = names[index]
    if injected in ANGULAR_LOCALS:
        return None
    return LifetimeFact(
        Lifetime.LONG_LIVED,
        f"`{injected}` is injected into an AngularJS controller: a service, one for the whole app",
        binding.node,
        inferred=True,
    )


# Composition-API calls that only make sense in code run once per component instance.
_INSTANCE_SETUP_CALLS = frozenset(
    {
        "onMounted", "onBeforeMount", "onUnmounted", "onBeforeUnmount", "onActivated", "onDeactivated",
        "ref", "reactive", "computed", "watch", "watchEffect", "defineProps", "defineEmits", "defineExpose",
        "useRoute", "useRouter", "onMount", "onDestroy", "beforeUpdate", "afterUpdate",
    }
)


def component_instance_scope(model: FileModel) -> bool:
    """A Vue `<script setup>` or Svelte instance script: its top level runs once per component instance.

    Recognised by top-level calls of the composition API (`onMounted()`,
    `ref()`, `defineProps()`, Svelte's `onMount()`), which only work there;
    its top-level bindings are then per instance, not per process.
    """

    def compute(model: FileModel) -> bool:
        from leaklint import components

        if not components.is_component(model.path):
            return False
        for site in model.function_calls(*_INSTANCE_SETUP_CALLS):
            if site.function is None and site.receiver is None:
                return True
        return False

    return bool(model.fact("component-instance-scope", compute))


def per_instance_binding(model: FileModel, node: Node | None) -> bool:
    """The root of ``node`` is a top-level binding of a component instance script (not an import)."""
    node = syntax.unwrap(node)
    while node is not None and node.type in ("member_expression", "subscript_expression"):
        node = syntax.unwrap(node.child_by_field_name("object"))
    if node is None or node.type != "identifier" or not component_instance_scope(model):
        return False
    return per_instance(model, model.resolve(node))


def per_instance(model: FileModel, binding) -> bool:
    """A top-level `let`/`const`/`var` of a component instance script (not a `require()`)."""
    if binding is None or not binding.is_module_level or binding.kind not in ("let", "const", "var"):
        return False
    if not component_instance_scope(model):
        return False
    init = syntax.unwrap(binding.init)
    if init is not None and init.type == "call_expression" and syntax.text(init.child_by_field_name("function")) == "require":
        return False
    return True
