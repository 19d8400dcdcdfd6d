"""Node's `cluster` module: what a worker's `process.on('message')` listener receives.

A primary that forks workers and hands each one its configuration with a
single `cluster.fork().send(config)` sends every worker exactly one IPC
message, so the worker's `'message'` listener runs once in that process
(medusa's `start --cluster`, many job runners). The fact holds only when the
file shows every message: each `.send(…)` in it is chained directly on a
`cluster.fork()` call. Any other `send` (`worker.send(…)` in an `'online'`
handler, `cluster.workers[id].send(…)`, a `child.send(…)`) may send more, and
the listener then runs once per message, as any listener.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.imports import imported_name
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.calls import CallSite

CLUSTER_MODULES = frozenset({"cluster", "node:cluster"})


def single_message_per_worker(model: FileModel) -> Node | None:
    """The first `cluster.fork().send(…)` when it is the only way this file sends a message, else None."""
    sends = model.method_calls("send")
    first = None
    for site in sends:
        receiver = syntax.unwrap(site.receiver)
        if receiver is not None and receiver.type == "identifier" and syntax.text(receiver) == "process":
            continue  # a worker answering its primary: not a message to a worker
        if not _is_cluster_fork(model, receiver):
            return None
        first = first or site.node
    return first


def is_worker_message_listener(site: CallSite) -> bool:
    """`process.on('message', …)` (or `addListener`/`prependListener`)."""
    receiver = syntax.unwrap(site.receiver)
    return (
        site.method in ("on", "addListener", "prependListener")
        and receiver is not None
        and receiver.type == "identifier"
        and syntax.text(receiver) == "process"
        and syntax.string_value(site.argument(0)) == "message"
    )


def _is_cluster_fork(model: FileModel, node: Node | None) -> bool:
    """`cluster.fork(…)` where `cluster` is Node's module (imported or required)."""
    if node is None or node.type != "call_expression":
        return False
    callee = syntax.unwrap(node.child_by_field_name("function"))
    if callee is None or callee.type != "member_expression":
        return False
    prop = callee.child_by_field_name("property")
    obj = syntax.unwrap(callee.child_by_field_name("object"))
    if prop is None or syntax.text(prop) != "fork" or obj is None or obj.type != "identifier":
        return False
    imported = imported_name(model.resolve(obj))
    return imported is not None and imported[0] in CLUSTER_MODULES and imported[1] in ("*", "default")
