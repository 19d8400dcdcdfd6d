"""The `leaklint` command: options, exit codes, and nothing about analysis itself.

Exit codes: 0 no findings (or none at or above --fail-level), 1 findings,
2 usage error, bad configuration or baseline, or an internal error (one line,
no traceback unless --debug).  Command-line options override the
configuration file.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import NoReturn

import click

from leaklint import __version__
from leaklint import baseline as baseline_module
from leaklint.atomic import write_atomic
from leaklint.config import FAIL_LEVELS, Config, ConfigError, load_config
from leaklint.discover import discover
from leaklint.engine import DEFAULT_FILE_TIMEOUT, AnalysisOptions, FileResult, analyze_path
from leaklint.filtering import FilterSettings, apply_filters
from leaklint.findings import FileError, Finding, Severity
from leaklint.report import github, gitlab, json_format, junit, sarif, text
from leaklint.report import statistics as statistics_report
from leaklint.rules import ALL_RULES, rule_by_code_or_name

FORMATS = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "gitlab": gitlab.render,
    "junit": junit.render,
}
PARALLEL_THRESHOLD = 16  # below this many files a worker pool costs more than it saves
DEFAULT_MAX_FILE_SIZE = 5_000_000  # bytes; larger files found in folders are generated bundles


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count:,} bytes"


def _split_oversized(files, named: tuple[str, ...], limit: int) -> tuple[list, list[FileError]]:
    """Files found by walking folders that exceed the size limit become errors; files named explicitly are kept."""
    explicit = {os.path.realpath(path) for path in named if os.path.isfile(path)}
    kept, skipped = [], []
    for source in files:
        try:
            size = os.stat(source.path).st_size
        except OSError:
            size = 0  # reading reports the problem
        if size > limit and os.path.realpath(source.path) not in explicit:
            skipped.append(
                FileError(
                    source.display_path,
                    f"file is {_size(size)}, over the {_size(limit)} limit; skipped "
                    "(name it explicitly or raise --max-file-size)",
                )
            )
        else:
            kept.append(source)
    return kept, skipped


class _DefaultCommandGroup(click.Group):
    """`leaklint PATHS…` runs `check`; `leaklint rules` and `leaklint explain X` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split_codes(values: tuple[str, ...]) -> list[str]:
    codes = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            rule = rule_by_code_or_name(part)
            if rule is None:
                raise click.BadParameter(f"unknown rule '{part}' (see `leaklint rules`)")
            codes.append(rule.code)
    return codes


def _selected_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[str, ...]:
    chosen = _split_codes(select) or [rule.code for rule in ALL_RULES]
    ignored = set(_split_codes(ignore))
    return tuple(code for code in chosen if code not in ignored)


def _run(files, options: AnalysisOptions, jobs: int) -> list[FileResult]:
    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        with _interruptible():
            return [analyze_path(f.path, f.display_path, options) for f in files]
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        with _interruptible():
            futures = [pool.submit(analyze_path, f.path, f.display_path, options) for f in files]
            results = [future.result() for future in futures]
    except BaseException:
        _stop_pool(pool)
        raise
    pool.shutdown()
    return results


class _Interrupted(BaseException):
    """SIGINT or SIGTERM arrived: stop, write nothing, exit 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _interruptible():
    """Turn SIGINT and SIGTERM into _Interrupted while files are analyzed (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise _Interrupted(signum)

    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Cancel what is queued and end the workers now rather than after their current file."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(1)


def _worker_init(parent: int) -> None:
    """Workers leave Ctrl-C to the parent (which stops them) and exit when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # forked while the parent's handler was installed

    def watch() -> None:
        while True:
            time.sleep(0.2)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, daemon=True, name="leaklint-parent-watch").start()


@click.group(cls=_DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="leaklint")
def main() -> None:
    """Find memory-leak patterns in JavaScript and TypeScript.

    `leaklint [OPTIONS] [PATHS]...` checks files and folders (the `check`
    command); `leaklint rules` lists the rules; `leaklint explain LL002`
    documents one.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True,
    help="Report format: text, json, sarif (code scanning), github (annotations), gitlab (Code Quality), junit.",
)
@click.option("--select", multiple=True, help="Only these rules (codes or names, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes or names, comma-separated).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (gitignore syntax); repeatable.")
@click.option("--no-default-excludes", is_flag=True, help="Also scan node_modules, dist, build, coverage, *.min.js.")
@click.option("--no-gitignore", is_flag=True, help="Do not honour .gitignore files.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--fail-level", type=click.Choice(FAIL_LEVELS), default=None,
    help="Exit 1 only for findings at or above this severity (default: warning).",
)
@click.option("--statistics", is_flag=True, help="Show how many findings each rule reported.")
@click.option("--category", default=None, help="SARIF automationDetails.id category (default: leaklint).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--require-reason/--no-require-reason", default=None,
    help="Report suppression directives that give no ' -- reason'.",
)
@click.option(
    "--report-unused-suppressions/--no-report-unused-suppressions", default=None,
    help="Report suppression directives that silence nothing.",
)
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), help="Report only findings not in this baseline.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), help="Record the current findings in this baseline file.")
@click.option("--prune-baseline", is_flag=True, help="With --baseline: drop entries that no longer occur.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: CPU count).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option(
    "--file-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
    help="Stop analyzing a file after this many seconds of CPU time and report it (default: 10).",
)
@click.option(
    "--max-file-size", type=click.IntRange(min=1), default=None,
    help="Skip files found in folders that are larger than this many bytes (default: 5000000).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def check(
    paths: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    no_gitignore: bool,
    output_file: str | None,
    exit_zero: bool,
    fail_level: str | None,
    statistics: bool,
    category: str | None,
    config_file: str | None,
    isolated: bool,
    require_reason: bool | None,
    report_unused_suppressions: bool | None,
    baseline_file: str | None,
    write_baseline: str | None,
    prune_baseline: bool,
    jobs: int | None,
    color: str,
    debug: bool,
    file_timeout: float | None = None,
    max_file_size: int | None = None,
) -> None:
    """Check files and folders for leak patterns (the default command)."""
    if baseline_file and write_baseline:
        raise click.UsageError("use either --baseline or --write-baseline, not both")
    if prune_baseline and not baseline_file:
        raise click.UsageError("--prune-baseline needs --baseline FILE")
    try:
        config = Config() if isolated else load_config(config_file)
    except ConfigError as error:
        _fail(str(error))
    codes = _selected_codes(select or config.select or (), ignore or config.ignore or ())
    if config.exclude is not None:
        patterns, defaults = config.exclude + config.extend_exclude + exclude, False
    else:
        patterns, defaults = config.extend_exclude + exclude, not no_default_excludes
    baseline = None
    if baseline_file:
        try:
            baseline = baseline_module.load(baseline_file)
        except baseline_module.BaselineError as error:
            _fail(str(error))
    found = discover(
        list(paths) or ["."],
        exclude=patterns,
        use_default_excludes=defaults,
        respect_gitignore=not no_gitignore,
    )
    if found.missing:
        raise click.UsageError(f"no such file or directory: {', '.join(found.missing)}")
    options = AnalysisOptions(
        rule_codes=codes,
        rule_options=config.rule_options.as_pairs(),
        debug=debug,
        file_timeout=_first(file_timeout, config.file_timeout, DEFAULT_FILE_TIMEOUT),
    )
    size_limit = _first(max_file_size, config.max_file_size, DEFAULT_MAX_FILE_SIZE)
    found.files, oversized = _split_oversized(found.files, paths, size_limit)
    found.errors.extend(oversized)
    try:
        results = _run(found.files, options, jobs or os.cpu_count() or 1)
    except (_Interrupted, KeyboardInterrupt) as stop:
        signum = stop.signum if isinstance(stop, _Interrupted) else signal.SIGINT
        click.echo(f"leaklint: interrupted by {signal.Signals(signum).name}; no report written", err=True)
        sys.exit(128 + signum)
    except Exception as error:  # a worker died: report it in one line
        if debug:
            raise
        _fail(f"internal error: {type(error).__name__}: {error}")
    settings = FilterSettings(
        selected=codes,
        per_file_ignores=config.per_file_ignores,
        config_root=config.root,
        require_reason=_first(require_reason, config.require_reason, False),
        report_unused=_first(report_unused_suppressions, config.report_unused_suppressions, False),
    )
    outcome = apply_filters(results, settings, baseline)
    findings: list[Finding] = outcome.findings
    errors: list[FileError] = list(found.errors) + [e for r in results for e in r.errors]
    internal = any(e.message.startswith("internal error") for e in errors)
    if write_baseline:
        written = baseline_module.from_findings(write_baseline, findings)
        _write_or_fail(written.write)
        files = len(written.entries)
        click.echo(
            f"leaklint: wrote {len(findings)} {_plural(len(findings), 'finding')} in {files} "
            f"{_plural(files, 'file')} to {write_baseline}",
            err=True,
        )
        sys.exit(2 if internal else 0)
    use_color = color == "always" or (color == "auto" and output_file is None and sys.stdout.isatty())
    report = FORMATS[output_format](
        findings,
        errors,
        files_scanned=len(found.files),
        color=use_color,
        category=category or "leaklint",
        suppressed=len(outcome.suppressed),
        baselined=len(outcome.baselined),
    )
    if statistics and output_format == "text":
        report = statistics_report.render(findings)
    if output_file:
        _write_or_fail(lambda: _write_text(output_file, report))
    else:
        click.echo(report, nl=False, color=use_color)
    if statistics and output_format != "text":
        click.echo(statistics_report.render(findings), err=output_file is None, nl=False)
    if baseline is not None:
        _report_stale_baseline(baseline, outcome, prune_baseline)
    if internal:
        sys.exit(2)
    threshold = Severity(_first(fail_level, config.fail_level, "warning")).rank
    failing = any(f.severity.rank >= threshold for f in findings)
    sys.exit(1 if failing and not exit_zero else 0)


def _report_stale_baseline(baseline, outcome, prune: bool) -> None:
    stale = outcome.stale_count
    if prune:
        if stale:
            _write_or_fail(baseline_module.pruned(baseline, outcome.stale_baseline).write)
        click.echo(
            f"leaklint: removed {stale} stale {_plural(stale, 'entry', 'entries')} from {baseline.path}", err=True
        )
    elif stale:
        click.echo(
            f"leaklint: {stale} {_plural(stale, 'entry', 'entries')} in {baseline.path} no longer "
            f"{'occurs' if stale == 1 else 'occur'}; run with --prune-baseline to remove "
            f"{'it' if stale == 1 else 'them'}",
            err=True,
        )


def _first(*values):
    return next(v for v in values if v is not None)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return word if count == 1 else (plural or word + "s")


def _fail(message: str) -> NoReturn:
    click.echo(f"leaklint: {message}", err=True)
    sys.exit(2)


def _write_text(path: str, text: str) -> None:
    write_atomic(path, text)  # a report cut short never replaces the previous one


def _write_or_fail(write) -> None:
    try:
        write()
    except OSError as error:
        _fail(f"cannot write {error.filename or 'file'}: {error.strerror}")


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format: str) -> None:
    """List the rules."""
    metas = [rule.meta() for rule in ALL_RULES]
    if output_format == "json":
        rows = [
            {
                "code": m.code,
                "name": m.name,
                "severity": m.severity.value,
                "fix": m.fix.value,
                "summary": m.summary,
                "precision": m.precision,
            }
            for m in metas
        ]
        click.echo(json.dumps(rows, indent=2))
        return
    for m in metas:
        click.echo(f"{m.code}  {m.name:<24} {m.severity.value:<8} {m.summary}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show a rule's documentation, with its bad and good examples."""
    from leaklint.docs import load_specs

    found = rule_by_code_or_name(rule)
    if found is None:
        raise click.UsageError(f"unknown rule '{rule}' (see `leaklint rules`)")
    spec = load_specs().get(found.code)
    if spec is None:
        click.echo(f"leaklint: no documentation found for {found.code}", err=True)
        sys.exit(2)
    click.echo(spec.text.rstrip() + "\n")
