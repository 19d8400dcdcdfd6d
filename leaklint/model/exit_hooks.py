"""Process exit hooks: `onExit(fn)` of signal-exit and its kin keep `fn` for the life of the process.

signal-exit (`const onExit = require('signal-exit')`, v4's `import { onExit }`),
exit-hook (`exitHook(fn)`, `asyncExitHook(fn, …)`) and async-exit-hook push the
callback into one process-wide list and run it when the process exits.  Each
call returns a remover (`const remove = onExit(fn); … remove()`); a call whose
remover is dropped keeps the callback, and whatever it captures, until the
process exits.  Called once per request with a closure over the request, that
is one more retained request per request served (express-form-data's
`onExit(() => cleanSync(req.files))`).

``exit_hook_call`` answers for one call site; escapes (``escapes.py``) makes
such a call with a dropped remover a store into a long-lived list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.calls import CallSite
from leaklint.model.imports import bare_module, imported_name

if TYPE_CHECKING:
    from leaklint.model import FileModel

# module -> the exported names that register an exit hook ("*" and "default": the module's own function)
EXIT_HOOK_MODULES = {
    "signal-exit": frozenset({"*", "default", "onExit"}),
    "exit-hook": frozenset({"*", "default", "asyncExitHook"}),
    "async-exit-hook": frozenset({"*", "default"}),
}


def exit_hook_call(model: FileModel, site: CallSite) -> str | None:
    """The module whose process-wide exit hook list ``site`` adds its first argument to, or None.

    Only a direct call of the imported function (`onExit(fn)`, not `signalExit.onExit` of a
    namespace: that is the same list, and is matched too) whose result, the remover, is dropped: a
    remover kept in a binding or handed on may be called when the work ends.
    """
    if not model.fact("exit-hook-imports", _names_an_exit_hook_module):
        return None  # most files import none of them: skip the look-ups
    callee = syntax.unwrap(site.callee)
    if callee is None or site.is_new:
        return None
    if callee.type == "identifier":
        imported = imported_name(model.resolve(callee))
    elif callee.type == "member_expression" and site.method is not None:
        holder = syntax.unwrap(site.receiver)
        whole = imported_name(model.resolve(holder)) if holder is not None and holder.type == "identifier" else None
        imported = (whole[0], site.method) if whole is not None and whole[1] == "*" else None
    else:
        return None
    if imported is None:
        return None
    module = bare_module(imported[0])
    if imported[1] not in EXIT_HOOK_MODULES.get(module, ()):
        return None
    parent = site.node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "await_expression"):
        parent = parent.parent
    if parent is None or parent.type != "expression_statement":
        return None  # the remover is kept (or handed on): it may be called once the work is done
    return module


def _names_an_exit_hook_module(model: FileModel) -> bool:
    """The file's text names one of the exit hook modules (a cheap test before resolving callees)."""
    return b"exit-hook" in model.source or b"signal-exit" in model.source
