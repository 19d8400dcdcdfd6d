"""Electron's main-process `app`: events it emits once per run.

`app` (imported from 'electron', or `electron.app`) emits 'will-finish-launching'
and then 'ready' once, when the process has started: a listener for them runs
once, so what it registers or starts (windows, menus, `app.on('activate')`)
is set up once per run, like a page's 'DOMContentLoaded'. A listener added
after 'ready' has fired is kept but never called, so adding one per call
still accumulates; only a registration made while `app.isReady()` says the app
is not ready yet (`if (app.isReady()) run(); else app.on('ready', run)`) is
bounded by the one start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import listener_call_of
from leaklint.model.imports import WHOLE_MODULE, imported_name
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.calls import CallSite

ELECTRON_MODULES = frozenset({"electron", "electron/main"})
# Events Electron's `app` emits once per run, at start-up.
APP_START_EVENTS = frozenset({"ready", "will-finish-launching"})
_LISTENER_METHODS = frozenset({"on", "once", "addListener", "prependListener", "prependOnceListener"})
_FUNCTION_KINDS = frozenset({"function_declaration", "function_expression", "arrow_function", "method_definition",
                             "generator_function_declaration", "program"})


def is_electron_app(model: FileModel, node: Node | None) -> bool:
    """`app` imported from 'electron' (`import { app }`, `const { app } = require('electron')`), or `electron.app`."""
    node = syntax.unwrap(node)
    if node is None:
        return False
    if node.type == "identifier":
        imported = imported_name(model.resolve(node))
        return imported is not None and imported[0] in ELECTRON_MODULES and imported[1] == "app"
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if prop is None or syntax.text(prop) != "app" or obj is None or obj.type != "identifier":
            return False
        imported = imported_name(model.resolve(obj))
        return imported is not None and imported[0] in ELECTRON_MODULES and imported[1] in (WHOLE_MODULE, "default")
    return False


def is_app_start_listener(model: FileModel, site: CallSite) -> bool:
    """`app.on('ready', f)`, `app.once('will-finish-launching', f)` on Electron's `app`: f runs once per run."""
    if site.method not in _LISTENER_METHODS or syntax.string_value(site.argument(0)) not in APP_START_EVENTS:
        return False
    return is_electron_app(model, site.receiver)


def registered_only_before_app_ready(model: FileModel, site: CallSite) -> bool:
    """An `app.on('ready', f)` added only where a check of `app.isReady()` says the app has not started.

    `if (app.isReady()) show(); else app.on('ready', show)`, or after
    `if (app.isReady()) return show();`: once the app is ready the other
    branch runs, so however often the code runs, it adds listeners only
    during start-up, and 'ready' fires once.
    """
    if not is_app_start_listener(model, site):
        return False
    node = site.node
    while node is not None and node.type not in _FUNCTION_KINDS:
        parent = node.parent
        if parent is None:
            break
        if parent.type in ("if_statement", "ternary_expression") and node != parent.child_by_field_name("condition"):
            if _checks_ready(model, parent.child_by_field_name("condition")):
                return True
        if parent.type == "else_clause" and parent.parent is not None and parent.parent.type == "if_statement":
            if _checks_ready(model, parent.parent.child_by_field_name("condition")):
                return True
        if parent.type == "statement_block":
            for sibling in parent.named_children:
                if sibling.start_byte >= node.start_byte:
                    break
                if sibling.type == "if_statement" and _checks_ready(model, sibling.child_by_field_name("condition")) \
                        and _ends_in_exit(sibling.child_by_field_name("consequence")):
                    return True
        node = parent
    return False


def _checks_ready(model: FileModel, condition: Node | None) -> bool:
    """The condition calls `isReady()` on Electron's `app`."""
    if condition is None:
        return False
    stack = [condition]
    while stack:
        node = stack.pop()
        if node.type == "call_expression":
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if callee is not None and callee.type == "member_expression":
                prop = callee.child_by_field_name("property")
                if prop is not None and syntax.text(prop) == "isReady" and is_electron_app(model, callee.child_by_field_name("object")):
                    return True
        stack.extend(node.named_children)
    return False


def _ends_in_exit(statement: Node | None) -> bool:
    """`return …`, `throw …` or a block whose last statement is one."""
    while statement is not None and statement.type == "statement_block":
        children = [c for c in statement.named_children if c.type != "comment"]
        statement = children[-1] if children else None
    return statement is not None and statement.type in ("return_statement", "throw_statement")


def ipc_message_sender(model: FileModel, node: Node | None) -> Node | None:
    """The `event` parameter whose `.sender` ``node`` is, in a listener of Electron's `ipcMain`; else None.

    `ipcMain.on(channel, (event, …) => { event.sender.once('destroyed', …) })`:
    `event.sender` is the `webContents` of the window that sent the message,
    the same object for every message that window sends, and it lives as
    long as the window. Also `const { sender } = event` / `let sender =
    event.sender` in the listener. The receiver is `ipcMain` imported from
    'electron', or a parameter annotated `IpcMain` or defaulting to it.
    """
    node = syntax.unwrap(node)
    if node is None:
        return None
    if node.type == "identifier":
        binding = model.resolve(node)
        if binding is None or binding.kind not in ("const", "let", "var"):
            return None
        if binding.destructured_from is not None:
            source = syntax.unwrap(binding.destructured_from)
            if binding.name != "sender" or source is None or source.type != "identifier":
                return None
            return _listener_event_parameter(model, source)
        init = syntax.unwrap(binding.init)
        return ipc_message_sender(model, init) if init is not None and init.type == "member_expression" else None
    if node.type != "member_expression":
        return None
    prop = node.child_by_field_name("property")
    obj = syntax.unwrap(node.child_by_field_name("object"))
    if prop is None or prop.text != b"sender" or obj is None or obj.type != "identifier":
        return None
    return _listener_event_parameter(model, obj)


def _listener_event_parameter(model: FileModel, identifier: Node) -> Node | None:
    site = listener_call_of(model, identifier)
    if site is None or site.method not in _IPC_LISTEN_METHODS or not _is_ipc_main(model, site.receiver):
        return None
    return model.resolve(identifier).node


_IPC_LISTEN_METHODS = _LISTENER_METHODS | {"handle", "handleOnce"}


def _is_ipc_main(model: FileModel, node: Node | None) -> bool:
    node = syntax.unwrap(node)
    if node is not None and node.type == "member_expression":  # `electron.ipcMain`
        prop = node.child_by_field_name("property")
        obj = syntax.unwrap(node.child_by_field_name("object"))
        if prop is None or prop.text != b"ipcMain" or obj is None or obj.type != "identifier":
            return False
        imported = imported_name(model.resolve(obj))
        return imported is not None and imported[0] in ELECTRON_MODULES
    if node is None or node.type != "identifier":
        return False
    binding = model.resolve(node)
    imported = imported_name(binding)
    if imported is not None:
        return imported[0] in ELECTRON_MODULES and imported[1] == "ipcMain"
    if binding is None or binding.kind != "param":
        return False
    parameter = binding.node.parent
    if parameter is None:
        return False
    if parameter.type == "assignment_pattern":  # `function expose(target, transport = ipcMain)` in JavaScript
        default = syntax.unwrap(parameter.child_by_field_name("right"))
        return default is not None and default.type == "identifier" and _is_ipc_main(model, default)
    annotation = parameter.child_by_field_name("type")
    if annotation is not None and syntax.text(annotation).lstrip(": ").strip() == "IpcMain":
        return True
    default = syntax.unwrap(parameter.child_by_field_name("value"))
    return default is not None and default.type == "identifier" and _is_ipc_main(model, default)
