"""Per-file analysis: read, parse, build the model, dispatch to rules, isolate errors.

A file is the unit of work: ``analyze_path`` takes a path and returns plain
data (findings and errors), so it can run in a worker process.
"""

from __future__ import annotations

import _signal
import gc
import os
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from typing import TYPE_CHECKING

from leaklint import components, syntax
from leaklint.findings import FileError, Finding, SourceText
from leaklint.rules import RULE_CODES
from leaklint.rules.base import Rule, RuleContext
from leaklint.suppressions import Directive, extract_directives

if TYPE_CHECKING:
    from leaklint.model import FileModel
    from leaklint.model.external import ExternalFacts
    from leaklint.model.options import ModelOptions
# The model and the rules are imported by the first analysis (``_analysis_modules``), not here:
# a run answered from the cache needs only the dataclasses below.

BINARY_SNIFF_BYTES = 8192
DEFAULT_FILE_TIMEOUT = 10.0
TOO_DEEP = f"nesting deeper than {syntax.MAX_QUERY_DEPTH:,} syntax levels; skipped"


@dataclass
class FileResult:
    """What analyzing one file produced."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    analyzed: bool = False
    size: int = 0
    directives: tuple[Directive, ...] = ()  # leaklint-disable comments, applied by the filter stage
    summary: object | None = None  # project.summary.FileSummary when AnalysisOptions.summarize


@dataclass(frozen=True)
class AnalysisOptions:
    """What the engine needs to know besides the file: which rules, their options."""

    rule_codes: tuple[str, ...] = RULE_CODES
    rule_options: tuple[tuple[str, object], ...] = ()
    debug: bool = False
    summarize: bool = False  # also compute the file's summary for the project link phase
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT  # seconds; None: no limit


@lru_cache(maxsize=None)
def _handler_names(rule_class: type[Rule]) -> tuple[tuple[str, str], ...]:
    """(capture, method name) for each `on_<capture>` node handler a rule class defines."""
    return tuple(
        (name[3:], name) for name in dir(rule_class) if name.startswith("on_") and name != "on_file_end"
    )


def handler_table(rule: Rule) -> dict[str, object]:
    """The rule's node handlers, keyed by capture name (`on_call` handles "call")."""
    return {capture: getattr(rule, name) for capture, name in _handler_names(type(rule))}


@lru_cache(maxsize=None)
def _analysis_modules():
    """(FileModel, ModelOptions, ALL_RULES, NO_EXTERNAL_FACTS), imported once, on first use."""
    from leaklint.model import FileModel
    from leaklint.model.external import NO_EXTERNAL_FACTS
    from leaklint.model.options import ModelOptions
    from leaklint.rules import ALL_RULES

    return FileModel, ModelOptions, ALL_RULES, NO_EXTERNAL_FACTS


PREFILTER = True  # tests/test_prefilter.py turns it off to show that it never hides a finding


def may_apply(rule: type[Rule], source: bytes, model_options: ModelOptions, identifiers: frozenset[bytes] | None = None) -> bool:
    """Whether the source contains one of the words the rule needs (``Rule.required_words``); True without a list.

    ``identifiers`` is ``identifier_words(source)``, when the caller asks about several rules.
    """
    if not PREFILTER:
        return True
    words = _required_words(rule, model_options)
    if words is None:
        return True
    if identifiers is None:
        identifiers = identifier_words(source)
    return any(word in identifiers for word in words)


@lru_cache(maxsize=256)
def _required_words(rule: type[Rule], model_options: ModelOptions) -> tuple[bytes, ...] | None:
    words = rule.required_words(model_options)
    if words is None:
        return None
    return tuple(sorted(word.encode("utf-8") for word in words))


def _rule_plan(rule_codes: tuple[str, ...], rule_options: tuple[tuple[str, object], ...]):
    """(ModelOptions, ((rule class, its required words or None), …) of the enabled rules), once per run's options.

    Every file of a run has the same options: building the ModelOptions and
    asking each rule for its words (``may_apply``'s work but the word test)
    is done once instead of once per file and rule.
    """
    try:
        return _cached_rule_plan(rule_codes, rule_options)
    except TypeError:  # an unhashable option value: no cache, the same answer
        return _cached_rule_plan.__wrapped__(rule_codes, rule_options)


@lru_cache(maxsize=16)
def _cached_rule_plan(rule_codes: tuple[str, ...], rule_options: tuple[tuple[str, object], ...]):
    _, ModelOptions, ALL_RULES, _ = _analysis_modules()
    model_options = ModelOptions.from_pairs(rule_options)
    enabled = tuple(
        (rule, _required_words(rule, model_options)) for rule in ALL_RULES if rule.code in rule_codes
    )
    return model_options, enabled


_IDENTIFIER_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_NOT_IDENTIFIER_TO_SPACE = bytes(b if b in _IDENTIFIER_BYTES else 0x20 for b in range(256))


def identifier_words(source: bytes) -> frozenset[bytes]:
    """The whole words of the source: maximal runs of ASCII identifier bytes (`$on` and `on_x` are not `on`).

    Every other byte separates words, so a non-ASCII neighbour counts as a
    boundary, which can only let more files through.  One pass in C
    (``translate``, ``split``) answers every rule's words at once.
    """
    return frozenset(source.translate(_NOT_IDENTIFIER_TO_SPACE).split())


def analyze_source(
    display_path: str,
    source: bytes,
    grammar: syntax.Grammar,
    options: AnalysisOptions = AnalysisOptions(),
    external: ExternalFacts | None = None,
) -> FileResult:
    """Parse and analyze source bytes; never raises for bad input.

    ``external`` carries what the project link phase learned from other files
    (None or empty for a single-file analysis).
    """
    FileModel, _, _, NO_EXTERNAL_FACTS = _analysis_modules()
    if external is None:
        external = NO_EXTERNAL_FACTS
    result = FileResult(display_path, size=len(source))
    template_handlers: frozenset[str] = frozenset()
    if components.is_component(display_path):
        template_handlers = components.template_event_handlers(source)
        source, grammar = components.script_view(source)  # same offsets: findings point into the component
    tree, grammar = syntax.parse_best(source, grammar)
    if syntax.deeper_than(tree):
        result.errors.append(FileError(display_path, TOO_DEEP))
        return result
    cut = _huge_error_start(tree)
    if cut is not None:  # the query is quadratic in an ERROR node's stray tokens: analyze the prefix before them
        line, column = SourceText(source).line_col(cut)
        tree, grammar = syntax.parse_best(source[:cut], grammar)
        source = source[:cut]
        result.errors.append(
            FileError(
                display_path,
                f"syntax error at line {line}, column {column}: over {HUGE_ERROR_TOKENS:,} unparsed tokens; "
                "analyzed the code before it and skipped the rest",
                line,
                column,
            )
        )
    model_options, enabled = _rule_plan(options.rule_codes, options.rule_options)
    model = FileModel(display_path, source, grammar, tree, options=model_options, external=external)
    model.template_handlers = template_handlers
    result.analyzed = True
    result.directives = extract_directives(source, tree.root_node, model.text)
    if tree.root_node.has_error:
        result.errors.append(_syntax_error(display_path, model))
    if PREFILTER:
        identifiers = identifier_words(source)
        rules = [rule() for rule, words in enabled if words is None or any(word in identifiers for word in words)]
    else:
        rules = [rule() for rule, _ in enabled]
    rule_options = dict(options.rule_options)
    contexts = [RuleContext(model, type(rule), rule_options) for rule in rules]
    dispatch: dict[str, list[tuple[object, RuleContext]]] = {}
    for rule, ctx in zip(rules, contexts):
        for capture, handler in handler_table(rule).items():
            dispatch.setdefault(capture, []).append((handler, ctx))
    failed: set[str] = set()
    for capture, handlers in dispatch.items():
        for node in model.nodes(capture):
            for handler, ctx in handlers:
                if ctx.rule.code in failed:
                    continue
                try:
                    handler(node, ctx)
                except Exception as error:  # one rule's bug must not lose the file
                    failed.add(ctx.rule.code)
                    result.errors.append(_internal_error(display_path, ctx.rule.code, error, options.debug))
    for rule, ctx in zip(rules, contexts):
        if ctx.rule.code in failed:
            continue
        try:
            rule.on_file_end(ctx)
        except Exception as error:
            failed.add(ctx.rule.code)
            result.errors.append(_internal_error(display_path, ctx.rule.code, error, options.debug))
    for ctx in contexts:
        if ctx.rule.code not in failed:
            result.findings.extend(ctx.findings)
    result.findings.sort(key=Finding.sort_key)
    if options.summarize:
        from leaklint.project.summary import summarize  # the project layer sits above the engine

        try:
            result.summary = summarize(model)
        except Exception as error:  # a summary bug costs the cross-file facts, not the file
            result.errors.append(_internal_error(display_path, "project summary", error, options.debug))
    return result


def analyze_path(
    path: str,
    display_path: str,
    options: AnalysisOptions = AnalysisOptions(),
    external: ExternalFacts | None = None,
) -> FileResult:
    """Read a file and analyze it, turning every kind of bad input into a FileError."""
    grammar = syntax.EXTENSION_GRAMMARS.get(os.path.splitext(path)[1].lower(), syntax.Grammar.JAVASCRIPT)
    try:
        with open(path, "rb") as handle:
            source = handle.read()
    except IsADirectoryError:
        return FileResult(display_path, errors=[FileError(display_path, "is a directory, not a file")])
    except OSError as error:
        reason = error.strerror or str(error)
        return FileResult(display_path, errors=[FileError(display_path, f"cannot read file: {reason}")])
    return _analyze_bytes(display_path, source, grammar, options, external)


def _analyze_bytes(
    display_path: str, source: bytes, grammar: syntax.Grammar, options: AnalysisOptions, external: ExternalFacts | None
) -> FileResult:
    """analyze_source inside the file's time budget, with every kind of bad input as a FileError."""
    problem = unreadable_reason(source)
    if problem is not None:
        message, line, column = problem
        return FileResult(display_path, errors=[FileError(display_path, message, line, column)], size=len(source))
    with collector_paused(collect_after=True):
        try:
            with _time_budget(options.file_timeout):
                return analyze_source(display_path, source, grammar, options, external)
        except FileTimeout:
            return FileResult(display_path, errors=[FileError(display_path, timeout_message(options.file_timeout))], size=len(source))
        except RecursionError:
            return FileResult(display_path, errors=[FileError(display_path, TOO_DEEP)])
        except Exception as error:
            return FileResult(display_path, errors=[_internal_error(display_path, None, error, options.debug)])


class FileTimeout(BaseException):
    """Raised inside the analysis of a file that has used up its time budget.

    A BaseException, so that the per-rule `except Exception` isolation does
    not swallow it and carry on with the next rule.
    """


def timeout_message(seconds: float | None) -> str:
    """The error a file over its budget gets."""
    return f"analysis stopped after {seconds:g} s of CPU time; skipped (raise --file-timeout to analyze it)"


@contextmanager
def _time_budget(seconds: float | None):
    """Stop the analysis of one file after ``seconds`` of CPU time (ITIMER_PROF / SIGPROF).

    CPU time rather than wall time, so that a busy machine (a CI runner
    shared with other jobs) does not turn a normal file into a timed-out
    one and results stay the same from run to run.  The signal interrupts
    Python code between bytecodes, also in a worker process (each runs files
    on its main thread); long C calls (parsing, the query) finish first.
    Where there is no setitimer (Windows) or not on the main thread (an
    embedding application), files run unbounded.
    """
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    # _signal.signal: signal.signal's wrapper turns both handlers into enums on every call (once per file)
    previous = _signal.signal(signal.SIGPROF, _expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        _signal.signal(signal.SIGPROF, previous)


def _expire(signum, frame):
    raise FileTimeout()


@contextmanager
def collector_paused(collect_after: bool = False):
    """No cyclic GC inside the block; with ``collect_after``, one young-generation collection after it.

    Left on, the collector scans a heap that only grows inside such blocks
    again and again. A file's model is a graph of cycles (scopes, bindings,
    references) that stays alive until the file is done, so one collection
    afterwards frees it (``collect_after``). Nothing happens when the
    collector is already off, so the blocks nest.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if collect_after:
            gc.collect(0)


def unreadable_reason(source: bytes) -> tuple[str, int | None, int | None] | None:
    """Why the bytes are not JavaScript text we can analyze (binary, not UTF-8), or None."""
    if source.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("UTF-16 text is not supported; convert to UTF-8", None, None)
    if b"\0" in source[:BINARY_SNIFF_BYTES]:
        return ("binary file (contains NUL bytes); skipped", None, None)
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = SourceText(source).line_col(error.start)
        return (f"not valid UTF-8 (byte 0x{source[error.start]:02x} at line {line}, column {column}); skipped", line, column)
    return None


HUGE_ERROR_TOKENS = 5_000


def _huge_error_start(tree) -> int | None:
    """Where the stray tokens of an ERROR node with more than HUGE_ERROR_TOKENS children begin, if there is one.

    Only the root and top-level statements are looked at: that is where a
    truncated or garbage tail (40 KB of `[`) collects its tokens.
    """
    root = tree.root_node
    if not root.has_error:
        return None
    candidates = [root] if root.type == "ERROR" else [c for c in root.children if c.type == "ERROR"]
    for node in candidates:
        if node.child_count > HUGE_ERROR_TOKENS:
            for child in node.children:
                kind = child.type
                if not ((kind.endswith("_statement") or kind.endswith("_declaration")) and not child.has_error):
                    return child.start_byte
            return node.start_byte
    return None


def _syntax_error(path: str, model: FileModel) -> FileError:
    ranges = model.error_ranges
    start = ranges[0][0] if ranges else 0
    line, column = model.text.line_col(start)
    count = len(ranges)
    more = f" and {count - 1} more" if count > 1 else ""
    skipped = ""
    if model.statements_in_errors:  # say what the partial tree left out
        lines = sorted({(model.text.line_col(s)[0], model.text.line_col(max(s, e - 1))[0]) for s, e in ranges})
        shown = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in lines[:3]) + (", …" if len(lines) > 3 else "")
        skipped = f" (skipped the unparsed code on line{'s' if len(lines) > 1 or lines[0][0] != lines[0][1] else ''} {shown})"
    return FileError(
        path, f"syntax error at line {line}, column {column}{more}; analyzed the parts that parse{skipped}", line, column
    )


def _internal_error(path: str, code: str | None, error: Exception, debug: bool) -> FileError:
    where = f" in {code}" if code else ""
    message = f"internal error{where}: {type(error).__name__}: {error}"
    if debug:
        import traceback

        message += "\n" + "".join(traceback.format_exception(error))
    return FileError(path, message)


def analyze_text(
    display_path: str, source: bytes, options: AnalysisOptions = AnalysisOptions(), grammar_path: str | None = None
) -> FileResult:
    """Analyze source that did not come from a file of its own (standard input, an editor's buffer).

    The grammar follows the extension of ``grammar_path`` (default: the
    display path), JavaScript when it has none of ours.  Bad input and the
    time budget are handled exactly as in ``analyze_path``.
    """
    extension = os.path.splitext(grammar_path or display_path)[1].lower()
    grammar = syntax.EXTENSION_GRAMMARS.get(extension, syntax.Grammar.JAVASCRIPT)
    return _analyze_bytes(display_path, source, grammar, options, None)
