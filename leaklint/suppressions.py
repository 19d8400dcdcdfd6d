"""`leaklint-disable` directives in comments: finding them (in the worker) and their meta-rules.

Three forms, each with optional rule codes or names (none means every rule)
and an optional reason after ` -- `:

    // leaklint-disable-next-line LL002 -- the bus lives as long as the request
    foo.on('x', handler); // leaklint-disable-line unremoved-listener -- reviewed
    /* leaklint-disable LL001 */   (anywhere in the file: the whole file)

Extraction runs where the file is parsed: a byte search for the marker (most
files have none, so they cost one `find`), then tree-sitter decides whether
the match lies in a comment, so a string that mentions a directive is not one.
The result is plain data (`Directive`) that travels back in `FileResult`; the
filter stage (`leaklint.filtering`) applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from leaklint.findings import FixAvailability, Severity, SourceText, Span
from leaklint.rules.base import RuleMeta

MARKER = b"leaklint-disable"
_DIRECTIVE = re.compile(
    r"^(?://|/\*+)\s*leaklint-(?P<kind>disable-next-line|disable-line|disable)(?![\w-])(?P<rest>.*)$", re.DOTALL
)
_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")

# The meta-rules: problems with the directives themselves.  They are not in the
# rule registry (they inspect comments, not code) and are switched on by
# command-line options, except an unknown code, which is always reported.
UNUSED_SUPPRESSION = RuleMeta(
    code="LL900",
    name="unused-suppression",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    summary="A leaklint-disable directive silences no finding (reported with --report-unused-suppressions)",
    fix_title="Remove the directive, or the codes in it that no longer match anything",
    precision="very-high",
)
SUPPRESSION_WITHOUT_REASON = RuleMeta(
    code="LL901",
    name="suppression-without-reason",
    severity=Severity.WARNING,
    fix=FixAvailability.NONE,
    summary="A leaklint-disable directive gives no reason after ' -- ' (reported with --require-reason)",
    fix_title="Say why the finding is safe to ignore: `-- reason`",
    precision="very-high",
)
UNKNOWN_SUPPRESSION_CODE = RuleMeta(
    code="LL902",
    name="unknown-suppression-code",
    severity=Severity.ERROR,
    fix=FixAvailability.NONE,
    summary="A leaklint-disable directive names a rule code or name that does not exist",
    fix_title="Use a code or name that `leaklint rules` lists",
    precision="very-high",
)
META_RULES = (UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON, UNKNOWN_SUPPRESSION_CODE)
META_RULE_HELP = {
    "LL900": (
        "A `leaklint-disable-next-line`, `leaklint-disable-line` or file-level `leaklint-disable` "
        "directive did not silence any finding of the rules it names in this run. The code it "
        "once excused has changed or been fixed; remove the directive so it cannot hide a "
        "future leak. Only rules that ran on the file are considered."
    ),
    "LL901": (
        "A suppression should say why the finding is safe, after ` -- `, for example "
        "`// leaklint-disable-next-line LL002 -- the emitter is created per request`. "
        "With --require-reason, directives without one are reported."
    ),
    "LL902": (
        "A suppression names a rule that leaklint does not know, so it silences nothing. "
        "Use a code (`LL002`) or a name (`unremoved-listener`) from `leaklint rules`."
    ),
}


@dataclass(frozen=True)
class Directive:
    """One `leaklint-disable…` comment."""

    kind: str  # "next-line" | "line" | "file"
    target_line: int  # the line it silences; 0 for the whole file
    codes: tuple[str, ...]  # as written (codes or names); empty: every rule
    reason: str
    span: Span  # the comment
    line_text: str  # the comment's line, for code frames and fingerprints
    malformed: tuple[str, ...] = ()  # tokens that are not rule codes or names

    def covers_line(self, line: int) -> bool:
        """Whether the directive applies to findings starting on ``line``."""
        return self.kind == "file" or self.target_line == line


def parse_comment(comment: str) -> tuple[str, tuple[str, ...], str, tuple[str, ...]] | None:
    """(kind, codes, reason, malformed tokens) of a directive comment, or None for other comments."""
    match = _DIRECTIVE.match(comment.strip())
    if match is None:
        return None
    kind = {"disable-next-line": "next-line", "disable-line": "line", "disable": "file"}[match.group("kind")]
    rest = match.group("rest")
    if comment.strip().startswith("/*"):
        rest = re.sub(r"\*+/\s*$", "", rest)
    body, separator, reason = rest.partition("--")
    if not separator:
        reason = ""
    tokens = [t for t in re.split(r"[\s,]+", body.strip()) if t]
    codes = tuple(t for t in tokens if _TOKEN.match(t))
    malformed = tuple(t for t in tokens if not _TOKEN.match(t))
    return kind, codes, " ".join(reason.split()), malformed


def extract_directives(source: bytes, root, text: SourceText) -> tuple[Directive, ...]:
    """Every directive in a parsed file (``root`` is the tree's root node)."""
    if MARKER not in source:
        return ()
    directives = []
    seen: set[int] = set()
    position = source.find(MARKER)
    while position != -1:
        node = root.descendant_for_byte_range(position, position + len(MARKER))
        if node is not None and node.type == "comment" and node.start_byte not in seen:
            seen.add(node.start_byte)
            parsed = parse_comment(node.text.decode("utf-8", "replace"))
            if parsed is not None:
                kind, codes, reason, malformed = parsed
                span = text.span(node.start_byte, node.end_byte)
                target = {"next-line": span.end_line + 1, "line": span.line, "file": 0}[kind]
                directives.append(
                    Directive(kind, target, codes, reason, span, text.line_text(span.line), malformed)
                )
        position = source.find(MARKER, position + len(MARKER))
    return tuple(directives)
