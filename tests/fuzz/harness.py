"""What one fuzz input is made of, and what must hold for every input.

The mutators take a `random.Random` so that the same code serves Hypothesis
(which hands out a Random it controls and can shrink) and the long run
(a seeded Random, far cheaper per input).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leaklint import syntax
from leaklint.engine import AnalysisOptions, FileResult, analyze_source, unreadable_reason
from leaklint.filtering import FilterSettings, apply_filters
from leaklint.report import github, gitlab, json_format, junit, sarif, text
from leaklint.rules import ALL_RULES

ROOT = Path(__file__).resolve().parents[2]
FORMATS = (text.render, json_format.render, sarif.render, github.render, gitlab.render, junit.render)
SLOW_SECONDS = 2.0  # CPU seconds above which an input is recorded as slow
EXTENSIONS = (".js", ".ts", ".tsx", ".mjs")

NESTINGS = (
    ("(() => {", "x();", "})()"),
    ("function f() {", "x();", "}"),
    ("f(", "x", ")"),
    ("a ? ", "b", " : c"),
    ("1+", "1", ""),
    ("[", "", "]"),
    ("{a:", "1", "}"),
    ("{let a;", "", "}"),
    ("class { m() { return ", "1", "} }"),
    ("`${", "1", "}`"),
)

# Fragments that are often leaks or half-leaks, to splice in.
FRAGMENTS = (
    b"const cache = new Map();\n",
    b"app.get('/x', (req, res) => { cache.set(req.url, req); res.end(); });\n",
    b"setInterval(() => {}, 10);\n",
    b"emitter.on('data', (chunk) => stream.write(chunk));\n",
    b"// leaklint-disable-next-line LL001 -- fuzz\n",
    b"/* leaklint-disable */",
    b"\r", b"\r\n", b"\t", b"\xef\xbb\xbf", b"\xf0\x9f\x98\x80", b"\xff", b"\0", b"\\", b"`", b"${", b"}", b"(", b"/*",
)


@lru_cache(maxsize=None)
def seeds() -> tuple[bytes, ...]:
    """The test inputs and samples the mutations start from."""
    paths = sorted(
        p
        for folder in ("samples", "tests", "rules")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in EXTENSIONS + (".mts", ".cts", ".jsx") and "fuzz" not in p.parts
    )
    found = [p.read_bytes() for p in paths if p.stat().st_size < 200_000]
    for spec in sorted((ROOT / "rules").glob("*.md")):  # the specs' bad and good examples
        parts = spec.read_text(encoding="utf-8").split("```")
        found += [block.split("\n", 1)[1].encode() for block in parts[1::2] if "\n" in block]
    return tuple(found) or (b"const a = 1;\n",)


@lru_cache(maxsize=None)
def _subtrees(seed: bytes) -> tuple[tuple[int, int], ...]:
    tree = syntax.parse(seed, syntax.Grammar.TSX)
    ranges = []
    for node in syntax.walk(tree.root_node):
        if node.is_named and 0 < node.end_byte - node.start_byte < 4000:
            ranges.append((node.start_byte, node.end_byte))
    return tuple(ranges) or ((0, len(seed)),)


def mutate(rng: random.Random, source: bytes) -> bytes:
    """One byte-level change: delete, duplicate, insert a fragment, flip, truncate."""
    if not source:
        return rng.choice(FRAGMENTS)
    choice = rng.randrange(6)
    at = rng.randrange(len(source) + 1)
    if choice == 0:
        return source[:at] + source[at + rng.randrange(1, 64) :]
    if choice == 1:
        end = min(len(source), at + rng.randrange(1, 200))
        return source[:end] + source[at:end] + source[end:]
    if choice == 2:
        return source[:at] + rng.choice(FRAGMENTS) + source[at:]
    if choice == 3:
        return source[:at] + bytes([rng.randrange(256)]) + source[at + 1 :]
    if choice == 4:
        return source[:at]
    return source.replace(b"\n", rng.choice((b"\r", b"\r\n", b"\n\n", b"")), rng.randrange(1, 20))


def recombine(rng: random.Random, first: bytes, second: bytes) -> bytes:
    """Replace a random subtree of one file with a random subtree of another."""
    start, end = rng.choice(_subtrees(first))
    other_start, other_end = rng.choice(_subtrees(second))
    return first[:start] + second[other_start:other_end] + first[end:]


def nested(rng: random.Random, max_depth: int) -> bytes:
    """One construct nested up to ``max_depth`` deep, beside a leak."""
    opening, middle, closing = rng.choice(NESTINGS)
    depth = rng.choice((1, 10, 100, 1000, rng.randrange(1, max_depth + 1), max_depth))
    return FRAGMENTS[0] + ("x = " + opening * depth + middle + closing * depth + ";\n").encode() + FRAGMENTS[1]


def generate(rng: random.Random, max_depth: int = 100_000) -> tuple[bytes, str]:
    """One fuzz input and the file extension it is analyzed under."""
    corpus = seeds()
    kind = rng.randrange(20)
    if kind == 0:
        source = nested(rng, max_depth)
    elif kind < 8:
        source = recombine(rng, rng.choice(corpus), rng.choice(corpus))
    else:
        source = rng.choice(corpus)
    for _ in range(rng.randrange(0 if kind < 8 else 1, 4)):
        source = mutate(rng, source)
    return source, rng.choice(EXTENSIONS)


@dataclass
class Outcome:
    """What checking one input showed."""

    seconds: float
    findings: int
    errors: int


class FuzzFailure(AssertionError):
    """An input broke an invariant; the message says which."""


def check(source: bytes, extension: str) -> Outcome:
    """Run an input through analysis, the filters and every format; raise FuzzFailure on a broken invariant."""
    path = f"fuzz{extension}"
    grammar = syntax.EXTENSION_GRAMMARS[extension]
    start = time.process_time()
    if unreadable_reason(source) is not None:
        result = FileResult(path)
    else:
        result = analyze_source(path, source, grammar, AnalysisOptions())
    internal = [e.message for e in result.errors if e.message.startswith("internal error")]
    if internal:
        raise FuzzFailure(internal[0])
    for finding in result.findings:
        spans = [finding.span] + [r.span for r in finding.related]
        for span in spans:
            if not (0 <= span.start_byte <= span.end_byte <= len(source)) or span.line < 1 or span.column < 1:
                raise FuzzFailure(f"bad span {span} for {finding.rule}")
            if (span.end_line, span.end_column) < (span.line, span.column):
                raise FuzzFailure(f"span ends before it starts: {span}")
    settings = FilterSettings(selected=tuple(rule.code for rule in ALL_RULES), report_unused=True, require_reason=True)
    outcome = apply_filters([result], settings)
    for render in FORMATS:
        output = render(outcome.findings, result.errors, files_scanned=1, color=False, category="fuzz", suppressed=0, baselined=0)
        if not isinstance(output, str):
            raise FuzzFailure(f"{render.__module__} returned {type(output).__name__}")
    return Outcome(time.process_time() - start, len(outcome.findings), len(result.errors))
