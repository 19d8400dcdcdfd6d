"""What a rule declares and what it is given: Rule, RuleMeta, RuleContext."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from leaklint.findings import Applicability, Edit, Finding, Fix, FixAvailability, Related, Severity, Span

if TYPE_CHECKING:  # annotations only: RuleMeta is read by runs that never build a model
    from leaklint.model import FileModel
    from leaklint.model.options import ModelOptions
    from leaklint.syntax import Node


@dataclass(frozen=True)
class RuleMeta:
    """The facts about a rule the engine and the reports read without running it."""

    code: str
    name: str
    severity: Severity
    fix: FixAvailability
    summary: str
    fix_title: str
    precision: str  # very-high | high | medium | low (SARIF properties.precision)


class Rule:
    """Base class: subclasses declare metadata as class attributes and define handlers.

    Handlers are ``on_<capture>(node, ctx)`` for the model's captures
    ("call", "new", "assign", "function", …) and ``on_file_end(ctx)``.
    One instance is made per file, so a rule may keep per-file state.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixAvailability] = FixAvailability.NONE
    summary: ClassVar[str]
    fix_title: ClassVar[str]
    precision: ClassVar[str] = "high"

    @classmethod
    def meta(cls) -> RuleMeta:
        """The rule's declared metadata."""
        return RuleMeta(cls.code, cls.name, cls.severity, cls.fix, cls.summary, cls.fix_title, cls.precision)

    def on_file_end(self, ctx: RuleContext) -> None:
        """Whole-file checks, after every node handler has run."""

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str] | None:
        """Identifiers a file must contain (one of them, as a whole word) for this rule to find anything.

        None (the default): no such list, the rule runs on every file.  The
        engine skips a rule on a file that contains none of the words, a
        byte search that is far cheaper than the model facts the rule would
        build.  Derive the words from the names the rule's facts match (the
        model's constants, ``options``), so that they follow those;
        tests/test_prefilter.py analyzes every test file with and without the
        prefilter and requires the same findings.
        """
        return None


def confidence(*inferred: bool) -> str:
    """"medium" when any half of the finding is inferred from the code's shape, else "high"."""
    return "medium" if any(inferred) else "high"


@dataclass(frozen=True)
class RelatedNode:
    """A related place as a rule gives it: a node and what it shows."""

    node: Node
    message: str
    role: str = "context"  # or "retained": what the finding keeps alive (see Related.role)


@dataclass
class RuleContext:
    """What a rule sees of the file: the model, its options, and ``report``."""

    model: FileModel
    rule: type[Rule]
    options: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def span(self, node: Node) -> Span:
        """The output span of a node."""
        return self.model.text.span(node.start_byte, node.end_byte)

    def _project_chain(self, node: Node, related) -> tuple[Related, ...]:
        """The cross-file steps (route in another file → call → …) that make the reported code repeat.

        Taken from the first place (the finding, then its related nodes) whose
        frequency rests on the project link phase (PROJECT evidence).
        """
        if not self.model.external:
            return ()
        for candidate in (node, *(item.node for item in related)):
            fact = self.model.frequency_at(candidate)
            if fact.chain:
                return fact.chain
        return ()

    def report(
        self,
        node: Node,
        message: str,
        related: list[RelatedNode] | tuple[RelatedNode, ...] = (),
        fix: Fix | None = None,
        confidence: str = "high",
    ) -> None:
        """Record a finding at ``node``; quiet inside syntax errors."""
        if self.model.in_error(node) or any(self.model.in_error(item.node) for item in related):
            return  # the evidence stands in code that does not parse
        if fix is not None and self.rule.fix is FixAvailability.NONE:
            raise RuntimeError(f"{self.rule.code} declared no fixes but returned one")
        if fix is not None:
            fix = self._with_spans(fix)
        span = self.span(node)
        first_line, frame = self.model.text.frame(span.line, before=1, after=min(span.end_line - span.line, 2))
        seen: set[tuple[int, str]] = set()
        related_out = list(self._project_chain(node, related))
        for item in related:
            key = (item.node.start_byte, item.message)
            if key in seen:
                continue
            seen.add(key)
            related_out.append(Related(self.model.path, self.span(item.node), item.message, item.role))
        self.findings.append(
            Finding(
                rule=self.rule.code,
                name=self.rule.name,
                severity=self.rule.severity,
                path=self.model.path,
                span=span,
                message=message,
                related=tuple(related_out),
                fix=fix,
                confidence=confidence,
                frame=frame,
                frame_first_line=first_line,
            )
        )

    def _with_spans(self, fix: Fix) -> Fix:
        """The fix with each edit's output coordinates, which only this file's text can give."""
        edits = tuple(
            Edit(e.start, e.end, e.text, self.model.text.span(e.start, e.end))
            for e in sorted(fix.edits, key=lambda e: (e.start, e.end))
        )
        return Fix(fix.title, edits, fix.applicability)


__all__ = [
    "Applicability",
    "Fix",
    "FixAvailability",
    "RelatedNode",
    "Rule",
    "RuleContext",
    "RuleMeta",
    "Severity",
    "confidence",
]
