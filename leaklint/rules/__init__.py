"""The rule registry: an explicit, ordered list (no discovery at import time)."""

from __future__ import annotations

from leaklint.rules.base import Rule, RuleMeta
from leaklint.rules.captured_request import CapturedRequest
from leaklint.rules.implicit_global import ImplicitGlobal
from leaklint.rules.ignored_backpressure import IgnoredBackpressure
from leaklint.rules.pipe_per_message import PipePerMessage
from leaklint.rules.retained_large_capture import RetainedLargeCapture
from leaklint.rules.shared_closure_context import SharedClosureContext
from leaklint.rules.unbounded_listeners_masked import UnboundedListenersMasked
from leaklint.rules.unconsumed_body import UnconsumedBody
from leaklint.rules.unconsumed_stream import UnconsumedStream
from leaklint.rules.unbounded_collection import UnboundedCollection
from leaklint.rules.uncleared_interval import UnclearedInterval
from leaklint.rules.unreleased_resource import UnreleasedResource
from leaklint.rules.unremoved_listener import UnremovedListener

ALL_RULES: tuple[type[Rule], ...] = (
    UnboundedCollection,
    UnremovedListener,
    CapturedRequest,
    UnclearedInterval,
    SharedClosureContext,
    IgnoredBackpressure,
    UnreleasedResource,
    UnconsumedBody,
    UnboundedListenersMasked,
    UnconsumedStream,
    RetainedLargeCapture,
    ImplicitGlobal,
    PipePerMessage,
)


def rule_by_code_or_name(key: str) -> type[Rule] | None:
    """Look a rule up by code (`LL002`, any case) or name (`unremoved-listener`)."""
    wanted = key.strip()
    for rule in ALL_RULES:
        if rule.code.lower() == wanted.lower() or rule.name == wanted.lower():
            return rule
    return None


def all_meta() -> list[RuleMeta]:
    """Metadata of every rule, in registry order."""
    return [rule.meta() for rule in ALL_RULES]


def code_by_code_or_name(key: str) -> str | None:
    """The code of a rule or of a suppression meta-rule (LL900-LL902), named by code or name."""
    rule = rule_by_code_or_name(key)
    if rule is not None:
        return rule.code
    from leaklint.suppressions import META_RULES  # imported here: suppressions imports rules.base

    wanted = key.strip().lower()
    for meta in META_RULES:
        if meta.code.lower() == wanted or meta.name == wanted:
            return meta.code
    return None
