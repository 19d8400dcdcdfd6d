"""The rule registry: an explicit, ordered list (no discovery at import time).

The rule classes, and with them the file model they use, are imported the
first time ``ALL_RULES`` (or a rule class) is asked for, so that a run whose
results all come from the cache does not pay for them. ``RULE_NAMES`` holds
each rule's code and name, in registry order, for what needs no more than
that (choosing rules, reading the configuration); tests/test_rule_registry.py
checks it against the classes.
"""

from __future__ import annotations

import importlib

from leaklint.rules.base import Rule, RuleMeta

# (code, name, class, module) in registry order: a new rule is one line here.
_REGISTRY = (
    ("LL001", "unbounded-collection", "UnboundedCollection", "unbounded_collection"),
    ("LL002", "unremoved-listener", "UnremovedListener", "unremoved_listener"),
    ("LL003", "captured-request", "CapturedRequest", "captured_request"),
    ("LL004", "uncleared-interval", "UnclearedInterval", "uncleared_interval"),
    ("LL005", "shared-closure-context", "SharedClosureContext", "shared_closure_context"),
    ("LL006", "ignored-backpressure", "IgnoredBackpressure", "ignored_backpressure"),
    ("LL007", "unreleased-resource", "UnreleasedResource", "unreleased_resource"),
    ("LL008", "unconsumed-body", "UnconsumedBody", "unconsumed_body"),
    ("LL009", "unbounded-listeners-masked", "UnboundedListenersMasked", "unbounded_listeners_masked"),
    ("LL010", "unconsumed-stream", "UnconsumedStream", "unconsumed_stream"),
    ("LL011", "retained-large-capture", "RetainedLargeCapture", "retained_large_capture"),
    ("LL012", "implicit-global", "ImplicitGlobal", "implicit_global"),
    ("LL013", "pipe-per-message", "PipePerMessage", "pipe_per_message"),
)
RULE_NAMES: tuple[tuple[str, str], ...] = tuple((code, name) for code, name, _, _ in _REGISTRY)
RULE_CODES: tuple[str, ...] = tuple(code for code, _ in RULE_NAMES)
_MODULES = {class_name: f"leaklint.rules.{module}" for _, _, class_name, module in _REGISTRY}


def _all_rules() -> tuple[type[Rule], ...]:
    return __getattr__("ALL_RULES") if "ALL_RULES" not in globals() else globals()["ALL_RULES"]


def __getattr__(name: str):
    """``ALL_RULES`` and the rule classes, imported on first use."""
    if name == "ALL_RULES":
        rules = tuple(getattr(importlib.import_module(_MODULES[c]), c) for _, _, c, _ in _REGISTRY)
        globals()["ALL_RULES"] = rules
        return rules
    if name in _MODULES:
        value = getattr(importlib.import_module(_MODULES[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def rule_by_code_or_name(key: str) -> type[Rule] | None:
    """Look a rule up by code (`LL002`, any case) or name (`unremoved-listener`)."""
    wanted = key.strip()
    for rule in _all_rules():
        if rule.code.lower() == wanted.lower() or rule.name == wanted.lower():
            return rule
    return None


def all_meta() -> list[RuleMeta]:
    """Metadata of every rule, in registry order."""
    return [rule.meta() for rule in _all_rules()]


def code_by_code_or_name(key: str) -> str | None:
    """The code of a rule or of a suppression meta-rule (LL900-LL902), named by code or name."""
    wanted = key.strip().lower()
    for code, name in RULE_NAMES:  # what rule_by_code_or_name matches, without importing the rules
        if code.lower() == wanted or name == wanted:
            return code
    from leaklint.suppressions import META_RULES  # imported here: suppressions imports rules.base

    for meta in META_RULES:
        if meta.code.lower() == wanted or meta.name == wanted:
            return meta.code
    return None
