"""Per-file analysis: read, parse, build the model, dispatch to rules, isolate errors.

A file is the unit of work: ``analyze_path`` takes a path and returns plain
data (findings and errors), so it can run in a worker process.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from leaklint import components, syntax
from leaklint.findings import FileError, Finding, SourceText
from leaklint.model import FileModel
from leaklint.model.external import NO_EXTERNAL_FACTS, ExternalFacts
from leaklint.model.options import ModelOptions
from leaklint.rules import ALL_RULES
from leaklint.rules.base import Rule, RuleContext
from leaklint.suppressions import Directive, extract_directives

BINARY_SNIFF_BYTES = 8192


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

    rule_codes: tuple[str, ...] = tuple(rule.code for rule in ALL_RULES)
    rule_options: tuple[tuple[str, object], ...] = ()
    debug: bool = False
    summarize: bool = False  # also compute the file's summary for the project link phase


@lru_cache(maxsize=None)
def _handler_names(rule_class: type[Rule]) -> tuple[tuple[str, str], ...]:
    """(capture, method name) for each `on_<capture>` node handler a rule class defines."""
    return tuple(
        (name[3:], name) for name in dir(rule_class) if name.startswith("on_") and name != "on_file_end"
    )


def handler_table(rule: Rule) -> dict[str, object]:
    """The rule's node handlers, keyed by capture name (`on_call` handles "call")."""
    return {capture: getattr(rule, name) for capture, name in _handler_names(type(rule))}


def analyze_source(
    display_path: str,
    source: bytes,
    grammar: syntax.Grammar,
    options: AnalysisOptions = AnalysisOptions(),
    external: ExternalFacts = NO_EXTERNAL_FACTS,
) -> FileResult:
    """Parse and analyze source bytes; never raises for bad input.

    ``external`` carries what the project link phase learned from other files
    (empty for a single-file analysis).
    """
    result = FileResult(display_path, size=len(source))
    if components.is_component(display_path):
        source, grammar = components.script_view(source)  # same offsets: findings point into the component
    tree, grammar = syntax.parse_best(source, grammar)
    model = FileModel(
        display_path, source, grammar, tree, options=ModelOptions.from_pairs(options.rule_options), external=external
    )
    result.analyzed = True
    result.directives = extract_directives(source, tree.root_node, model.text)
    if tree.root_node.has_error:
        result.errors.append(_syntax_error(display_path, model))
    rules = [rule() for rule in ALL_RULES if rule.code in options.rule_codes]
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
    external: ExternalFacts = NO_EXTERNAL_FACTS,
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
    problem = unreadable_reason(source)
    if problem is not None:
        message, line, column = problem
        return FileResult(display_path, errors=[FileError(display_path, message, line, column)], size=len(source))
    with _one_collection_per_file():
        try:
            return analyze_source(display_path, source, grammar, options, external)
        except RecursionError:
            return FileResult(display_path, errors=[FileError(display_path, "nesting too deep to analyze; skipped")])
        except Exception as error:
            return FileResult(display_path, errors=[_internal_error(display_path, None, error, options.debug)])


@contextmanager
def _one_collection_per_file():
    """Pause the cyclic GC while a file's model is built, then collect it once.

    The model is a graph of cycles (scopes, bindings, references) that stays
    alive until the file is done; the default GC would scan it again and again
    while it grows. One young-generation collection afterwards frees it.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)


def unreadable_reason(source: bytes) -> tuple[str, int | None, int | None] | None:
    """Why the bytes are not JavaScript text we can analyze (binary, not UTF-8), or None."""
    if b"\0" in source[:BINARY_SNIFF_BYTES]:
        return ("binary file (contains NUL bytes); skipped", None, None)
    try:
        source.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = SourceText(source).line_col(error.start)
        return (f"not valid UTF-8 (byte 0x{source[error.start]:02x} at line {line}, column {column}); skipped", line, column)
    return None


def _syntax_error(path: str, model: FileModel) -> FileError:
    ranges = model.error_ranges
    start = ranges[0][0] if ranges else 0
    line, column = model.text.line_col(start)
    count = len(ranges)
    more = f" and {count - 1} more" if count > 1 else ""
    return FileError(path, f"syntax error at line {line}, column {column}{more}; analyzed the parts that parse", line, column)


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
    display path), JavaScript when it has none of ours.  Bad input becomes a
    FileError exactly as in ``analyze_path``.
    """
    extension = os.path.splitext(grammar_path or display_path)[1].lower()
    grammar = syntax.EXTENSION_GRAMMARS.get(extension, syntax.Grammar.JAVASCRIPT)
    problem = unreadable_reason(source)
    if problem is not None:
        message, line, column = problem
        return FileResult(display_path, errors=[FileError(display_path, message, line, column)], size=len(source))
    with _one_collection_per_file():
        try:
            return analyze_source(display_path, source, grammar, options)
        except RecursionError:
            return FileResult(display_path, errors=[FileError(display_path, "nesting too deep to analyze; skipped")])
        except Exception as error:
            return FileResult(display_path, errors=[_internal_error(display_path, None, error, options.debug)])
