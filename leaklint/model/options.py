"""User options that widen what the model recognises (from `[tool.leaklint]`).

Plain, hashable data so it can travel to worker processes inside
`AnalysisOptions.rule_options` as (name, value) pairs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelOptions:
    """Extra names the model treats as long-lived, as cleanup, as handler registration, as acquire/release."""

    long_lived_receivers: frozenset[str] = frozenset()  # `bus`, `app.locals`
    cleanup_methods: frozenset[str] = frozenset()  # `bus.dispose()`: releases everything on its receiver
    handler_registrations: frozenset[str] = frozenset()  # `route`, `router.command`, `registerHandler`
    acquire_release: tuple[tuple[str, str], ...] = ()  # (`subscribe`, `unsubscribe`)
    resources: tuple[tuple[str, tuple[str, ...]], ...] = ()  # LL007 table rows: (`db.acquire`, (`release`,))
    # Shape vocabulary (leaklint/model/shape.py), added to the built-in one:
    request_parameters: frozenset[str] = frozenset()  # parameter names that make a function per-request
    handler_prefixes: tuple[str, ...] = ()  # name prefixes that make a function a handler (`dispatch`)
    once_names: frozenset[str] = frozenset()  # function names that run once (`boot`)
    bounded_keys: frozenset[str] = frozenset()  # parameter names whose values come from a fixed set (`region`)

    @classmethod
    def from_pairs(cls, pairs: tuple[tuple[str, object], ...]) -> ModelOptions:
        """Build from `AnalysisOptions.rule_options`; unknown names are ignored (they belong to rules)."""
        values = dict(pairs)
        return cls(
            long_lived_receivers=frozenset(values.get("long_lived_receivers", ())),
            cleanup_methods=frozenset(values.get("cleanup_methods", ())),
            handler_registrations=frozenset(values.get("handler_registrations", ())),
            acquire_release=tuple(tuple(pair) for pair in values.get("acquire_release", ())),
            resources=tuple((acquire, tuple(release)) for acquire, release in values.get("resources", ())),
            request_parameters=frozenset(values.get("request_parameters", ())),
            handler_prefixes=tuple(values.get("handler_prefixes", ())),
            once_names=frozenset(values.get("once_names", ())),
            bounded_keys=frozenset(values.get("bounded_keys", ())),
        )

    @property
    def acquire_methods(self) -> frozenset[str]:
        """Configured registration methods (`subscribe`)."""
        return frozenset(acquire for acquire, _ in self.acquire_release)

    @property
    def release_methods(self) -> dict[str, str]:
        """Configured removal method -> the registration method it undoes."""
        return {release: acquire for acquire, release in self.acquire_release}


DEFAULT_OPTIONS = ModelOptions()
