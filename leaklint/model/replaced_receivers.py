"""A listener added to a field the same function has just refilled: removals reach only the latest value.

react-responsive's MediaQuery runs `updateQuery()` on mount and on every new set
of props: `this._mql = matchMedia(query); this._mql.addListener(this.update)`.
The `removeListener` in `componentWillUnmount()` reads `this._mql`, so it
takes the listener off the last list only; every list an earlier call made,
still kept by the document while it has a listener, keeps its listener and the
component.  A matching removal elsewhere is no removal of those.

``replaced_before_add`` answers the assignment when

- the receiver is a field of `this` (`this._mql`), and the function that adds
  the listener assigns that field earlier in its own body;
- the function runs more than once per instance: it is not a once-per-instance
  hook (`componentDidMount`, a constructor) nor reached only from one
  (``hook_calls.once_per_instance_caller``);
- no removal of the same listener from that field runs in the function before
  the assignment (the fixed side's `if (this._mql) this._mql.removeListener(…)`),
  directly or in a method it calls first through `this`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from leaklint import syntax
from leaklint.model.hook_calls import once_per_instance_caller, once_per_instance_hook_name
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel


def replaced_before_add(model: FileModel, registration, removals: list) -> Node | None:
    """The assignment that refills the receiver field just before the listener is added, else None."""
    site = registration.site
    function = site.function
    receiver = syntax.unwrap(site.receiver)
    if function is None or function.body is None or receiver is None or receiver.type != "member_expression":
        return None
    obj = syntax.unwrap(receiver.child_by_field_name("object"))
    if obj is None or obj.type != "this":
        return None
    if once_per_instance_hook_name(model, function) is not None or once_per_instance_caller(model, function) is not None:
        return None  # a fresh instance each time: nothing earlier to leave behind
    name = _member_name(function)
    callers = [s.function for s in model.method_calls(name) if s.receiver is not None
               and syntax.unwrap(s.receiver).type == "this"] if name else []
    if callers and all(c is not None and once_per_instance_hook_name(model, c.this_owner) is not None for c in callers):
        return None  # `componentWillMount() { this.updateQuery() }` in a React spec: once per instance too
    path = model.access_path(receiver)
    if path is None:
        return None
    assignment = None
    for node in model.nodes("assign"):
        if node.type != "assignment_expression" or not function.contains(node) or node.start_byte >= site.node.start_byte:
            continue
        if model.function_at(node) is not function:
            continue
        if model.access_path(syntax.unwrap(node.child_by_field_name("left"))) == path:
            assignment = node
    if assignment is None:
        return None
    for removal in removals:
        node = removal.site.node
        if removal.site.function is function and node.start_byte < assignment.start_byte:
            return None  # the old value's listener is taken off first
    removing = {_member_name(r.site.function) for r in removals if r.site.function is not None}
    removing.discard(None)
    for site in model.method_calls(*removing):
        if site.function is function and site.node.start_byte < assignment.start_byte and site.receiver is not None \
                and syntax.unwrap(site.receiver).type == "this":
            return None  # `this.unsubscribe(); this._mql = …`: a method called first takes it off
    return assignment


def _member_name(function) -> str | None:
    """`unsubscribe` for a class method, a class-field arrow or an object-literal member of that name."""
    return function.method_name or ((function.name or "").rsplit(".", 1)[-1] or None)
