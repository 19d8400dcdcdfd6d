"""The plain data that flows out of analysis: findings, related places, fixes, errors.

Everything here is a frozen dataclass of strings and numbers, so a file's
results can cross a process boundary and every output format can consume the
same objects.
"""

from __future__ import annotations

import bisect
import operator
import re
import enum
from dataclasses import dataclass, field
from itertools import accumulate

from leaklint.pickling import compact_pickling


class Severity(str, enum.Enum):
    """How bad a finding is; orders as note < warning < error (note: findings in test code)."""

    WARNING = "warning"
    ERROR = "error"
    NOTE = "note"

    @property
    def rank(self) -> int:
        """Numeric order for --fail-level comparisons."""
        return {"note": 0, "warning": 1, "error": 2}[self.value]


class FixAvailability(str, enum.Enum):
    """What a rule declares about fixes (ruff's FIX_AVAILABILITY)."""

    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Applicability(str, enum.Enum):
    """How safe a fix is: SAFE is applied by --fix, UNSAFE needs --unsafe-fixes."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True)
class Edit:
    """Replace source bytes [start, end) with ``text`` ("" deletes).

    ``span`` is the same range in output coordinates (1-based lines, UTF-16
    columns), filled in when a rule reports the fix, for the output formats.
    """

    start: int
    end: int
    text: str
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Fix:
    """A set of non-overlapping edits and how safe they are."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability


@dataclass(frozen=True, slots=True)
class Span:
    """A source range: byte offsets plus 1-based line and UTF-16 column (end exclusive)."""

    start_byte: int
    end_byte: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a finding (growth site, registering handler, …).

    ``role`` places it in the retention chain that SARIF code flows walk:
    "context" places come before the finding (what makes it long-lived or
    repeated), "retained" ones after it (what it keeps alive).
    """

    path: str
    span: Span
    message: str
    role: str = "context"


compact_pickling(Span, Related)  # a summary holds thousands of spans, sent from the workers to the parent


@dataclass(frozen=True)
class Finding:
    """One reported leak pattern."""

    rule: str
    name: str
    severity: Severity
    path: str
    span: Span
    message: str
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    confidence: str = "high"
    # The source lines around the finding, for code frames and fingerprints.
    frame: tuple[str, ...] = field(default=(), compare=False)
    frame_first_line: int = field(default=0, compare=False)

    @property
    def line(self) -> int:
        """1-based start line."""
        return self.span.line

    @property
    def column(self) -> int:
        """1-based start column in UTF-16 code units."""
        return self.span.column

    def sort_key(self) -> tuple:
        """Order by path, position, rule."""
        return (self.path, self.span.line, self.span.column, self.rule)


@dataclass(frozen=True)
class FileError:
    """A file that could not be (fully) analyzed, with a one-line reason."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None


UTF8_BOM = b"\xef\xbb\xbf"
_LINE_BREAK = re.compile(rb"\r\n?|\n")


class SourceText:
    """Maps byte offsets of one file to 1-based lines and UTF-16 columns."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        """Byte offset of each line's start; computed on first use (only files with findings need it)."""
        if self._line_starts is None:
            if b"\r" in self.source:  # CRLF and lone CR end lines too, as in editors
                starts = [0] + [match.end() for match in _LINE_BREAK.finditer(self.source)]
            else:
                # Line i+1 starts after the first i lines and their i newlines; split, len and
                # accumulate run in C, where a find() per line was a Python loop over the file.
                lines = self.source.split(b"\n")
                starts = [0]
                starts += map(operator.add, accumulate(map(len, lines[:-1])), range(1, len(lines)))
            self._line_starts = starts
        return self._line_starts

    def line_col(self, byte: int) -> tuple[int, int]:
        """1-based line and 1-based UTF-16 column of a byte offset."""
        starts = self._line_starts if self._line_starts is not None else self.line_starts
        line_index = bisect.bisect_right(starts, byte) - 1
        start = starts[line_index]
        if start == 0 and self.source.startswith(UTF8_BOM):
            start = min(len(UTF8_BOM), byte)  # editors do not count the byte-order mark
        prefix = self.source[start:byte]
        if prefix.isascii():
            return line_index + 1, len(prefix) + 1
        decoded = prefix.decode("utf-8", "replace")
        return line_index + 1, len(decoded.encode("utf-16-le")) // 2 + 1

    def span(self, start_byte: int, end_byte: int) -> Span:
        """A Span for a byte range."""
        line, column = self.line_col(start_byte)
        end_line, end_column = self.line_col(end_byte)
        return Span(start_byte, end_byte, line, column, end_line, end_column)

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self.line_starts):
            return ""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.source)
        return self.source[start:end].decode("utf-8", "replace").rstrip("\r\n")

    def frame(self, line: int, before: int = 1, after: int = 1) -> tuple[int, tuple[str, ...]]:
        """The first line number and the text of the lines around ``line``."""
        first = max(1, line - before)
        last = min(len(self.line_starts), line + after)
        return first, tuple(self.line_text(n) for n in range(first, last + 1))
