"""The `leaklint` command: options, exit codes, and nothing about analysis itself.

Exit codes: 0 no findings (or none at or above --fail-level), 1 findings,
2 usage error, bad configuration or baseline, or an internal error (one line,
no traceback unless --debug).  Command-line options override the
configuration file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click

from leaklint import __version__
from leaklint import baseline as baseline_module
from leaklint.atomic import write_atomic
from leaklint.config import CONFIDENCE_LEVELS, DEFAULT_TEST_PATHS, FAIL_LEVELS, Config, ConfigError, ConfigResolver
from leaklint.discover import Discovery, IgnoreSpec, SourceFile, discover, display_path, force_excluded
from leaklint.engine import DEFAULT_FILE_TIMEOUT, AnalysisOptions, FileResult, analyze_text
from leaklint.filtering import FilterSettings, apply_filters, merge_outcomes
from leaklint.findings import FileError, Finding, Severity
from leaklint.rules import RULE_CODES, code_by_code_or_name
from leaklint.suppressions import META_RULES, SUPPRESSION_WITHOUT_REASON, UNKNOWN_SUPPRESSION_CODE, UNUSED_SUPPRESSION

if TYPE_CHECKING:  # --fix and --diff import it when they run (_apply_fixes, _finish_diff)
    from leaklint.fix import FileFix

# Format -> module of leaklint.report with its render(); imported when used (_renderer): a run writes
# one or two formats, and importing all of them (SARIF loads the rule specs, JUnit xml.etree) cost
# more than a warm run spends on reading its cache.
FORMATS = {
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "gitlab": "gitlab",
    "junit": "junit",
}
PARALLEL_THRESHOLD = 16  # below this many files a worker pool costs more than it saves
DEFAULT_MAX_FILE_SIZE = 5_000_000  # bytes; larger files found in folders are generated bundles


def _renderer(output_format: str):
    """The render function of a report format (a key of FORMATS), its module imported now."""
    import importlib

    return importlib.import_module(f"leaklint.report.{FORMATS[output_format]}").render


def _statistics(findings) -> str:
    from leaklint.report import statistics

    return statistics.render(findings)


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


# Subcommands imported only when used, so that `leaklint PATHS` does not pay for them: name -> module.
LAZY_COMMANDS = {"heap": "leaklint.heap.command"}


class _DefaultCommandGroup(click.Group):
    """`leaklint PATHS…` runs `check`; `leaklint rules` and `leaklint explain X` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in LAZY_COMMANDS and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name not in self.commands and cmd_name in LAZY_COMMANDS:
            import importlib

            self.add_command(getattr(importlib.import_module(LAZY_COMMANDS[cmd_name]), cmd_name))
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | set(LAZY_COMMANDS))


def _split_codes(values: tuple[str, ...]) -> list[str]:
    codes = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            code = code_by_code_or_name(part)
            if code is None:
                raise click.BadParameter(f"unknown rule '{part}' (see `leaklint rules`)")
            codes.append(code)
    return codes


META_CODES = frozenset(meta.code for meta in META_RULES)


def _selected_codes(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[str, ...]:
    """The code rules to run: those selected (all when --select names none), less the ignored ones."""
    chosen = [code for code in _split_codes(select) if code not in META_CODES] or list(RULE_CODES)
    ignored = set(_split_codes(ignore))
    return tuple(code for code in chosen if code not in ignored)


def _meta_rule_codes(
    select: tuple[str, ...], ignore: tuple[str, ...], require_reason: bool, report_unused: bool
) -> frozenset[str]:
    """The meta-rules to report: LL902 always, LL901/LL900 when switched on or selected, less the ignored ones."""
    codes = {UNKNOWN_SUPPRESSION_CODE.code}
    if require_reason:
        codes.add(SUPPRESSION_WITHOUT_REASON.code)
    if report_unused:
        codes.add(UNUSED_SUPPRESSION.code)
    codes |= set(_split_codes(select)) & META_CODES
    return frozenset(codes - set(_split_codes(ignore)))


def _run(files, options: AnalysisOptions, jobs: int, cache=None, context=()) -> list[FileResult]:
    # The files given are one project: per-file analysis and summaries, a link phase, then the
    # files whose cross-file facts changed are analyzed again (leaklint/project/run.py).
    from leaklint.project.run import analyze_project

    if jobs <= 1 or len(files) < PARALLEL_THRESHOLD:
        with _interruptible():
            return analyze_project(files, options, None, PARALLEL_THRESHOLD, cache, context)
    pool = _LazyPool(jobs - 1, _grammars_of(files))  # this process is the other one (run._map)
    try:
        with _interruptible():
            results = analyze_project(files, options, pool, PARALLEL_THRESHOLD, cache, context)
    except BaseException:
        pool.stop()
        raise
    pool.shutdown()
    return results


class _LazyPool:
    """A ProcessPoolExecutor made on the first submit: a run the cache answers needs none (nor its import).

    ``parent_works``: the process that submits analyzes the chunks no worker has started
    (``project.run._map``), so `--jobs N` forks N - 1 workers.
    """

    parent_works = True

    def __init__(self, workers: int, grammars: tuple[str, ...]) -> None:
        self._max_workers = workers
        self._grammars = grammars
        self._pool = None

    @property
    def _processes(self):
        return getattr(self._pool, "_processes", None)

    def submit(self, function, *args, **kwargs):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            from leaklint import syntax
            from leaklint.engine import _analysis_modules

            # Imported and built here, before the workers are forked, so that they share them
            # rather than each importing the model and compiling the queries again.
            _analysis_modules()
            for name in self._grammars:
                syntax.warm(syntax.Grammar(name))
            self._pool = ProcessPoolExecutor(
                max_workers=self._max_workers, initializer=_worker_init, initargs=(os.getpid(), self._grammars)
            )
            # The workers are forked by this first submit. Until _worker_init replaces them, a child
            # has the parent's handlers, which raise _Interrupted: a SIGTERM from _stop_pool then
            # prints a worker traceback. Forked with both signals blocked, a child sees them only
            # once its own handlers are in place; the parent gets any that arrived meanwhile here.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
            try:
                return self._pool.submit(function, *args, **kwargs)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return self._pool.submit(function, *args, **kwargs)

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()

    def stop(self) -> None:
        if self._pool is not None:
            _stop_pool(self._pool)


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


def _stop_pool(pool) -> None:
    """Cancel what is queued and end the workers now rather than after their current file."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(1)


def _exit_interrupted(signum: int) -> NoReturn:
    """Say the run was stopped and exit with 128 + the signal, skipping the interpreter's shutdown.

    concurrent.futures' exit hook writes to the pool's wakeup pipe while the
    pool's manager thread may be closing it (Python 3.11: a check-then-write
    race), which printed an "OSError: Bad file descriptor" traceback after the
    one line in about one stopped run in twenty on a loaded machine. Nothing is
    left to write (no report; cache entries are written atomically), so the
    process ends here.
    """
    click.echo(f"leaklint: interrupted by {signal.Signals(signum).name}; no report written", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(128 + signum)


def _grammars_of(files) -> tuple[str, ...]:
    """The grammars (by value) the files need: their extensions' and TSX, which `.js` files fall back to."""
    from leaklint import syntax

    needed = {syntax.EXTENSION_GRAMMARS.get(os.path.splitext(f.path)[1].lower(), syntax.Grammar.JAVASCRIPT) for f in files}
    if syntax.Grammar.JAVASCRIPT in needed:
        needed.add(syntax.Grammar.TSX)
    return tuple(sorted(g.value for g in needed))


def _usable_cores() -> int:
    """CPUs this process may run on (its affinity mask, e.g. under taskset or a container's cpuset)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


_STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def _worker_init(parent: int, grammars: tuple[str, ...] = ()) -> None:
    """Build the grammars' parsers and queries once per worker; leave Ctrl-C to the parent; exit when it is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # forked while the parent's handler was installed
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # blocked by the parent around the fork
    from leaklint import syntax

    for name in grammars:  # cached per process (lru_cache): the files then find them built
        syntax.warm(syntax.Grammar(name))

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
    "--format", "-f", "--output-format", "output_format", type=click.Choice(list(FORMATS), case_sensitive=False),
    default="text", show_default=True,
    help="Report format: text, json, sarif (code scanning), github (annotations), gitlab (Code Quality), junit.",
)
@click.option("--select", multiple=True, help="Only these rules (codes or names, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes or names, comma-separated).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (gitignore syntax); repeatable.")
@click.option(
    "--no-default-excludes", is_flag=True,
    help="Also scan node_modules, dist, build, coverage, *.min.js, vendored code (.yarn, vendor, third_party, "
    "*.bundle.js) and generated files.",
)
@click.option("--no-gitignore", is_flag=True, help="Do not honour .gitignore files.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option(
    "--fail-level", type=click.Choice(FAIL_LEVELS), default=None,
    help="Exit 1 only for findings at or above this severity (default: warning; findings in test paths are notes).",
)
@click.option(
    "--min-confidence", type=click.Choice(CONFIDENCE_LEVELS), default=None,
    help="Report only findings at or above this confidence; medium ones rest on shape inference (default: medium).",
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
@click.option("--fix", "fix_files", is_flag=True, help="Apply safe fixes in place, then report what is left.")
@click.option(
    "--unsafe-fixes/--no-unsafe-fixes", default=None,
    help="Also apply (with --fix / --diff) fixes that may change behaviour.",
)
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff of what --fix would change; write nothing.")
@click.option("--show-fixes", is_flag=True, help="Show each finding's edits; with --fix, list the fixes applied per file.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="With --fix: exit 1 when a file was fixed, even if nothing is left.")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None,
    help="Processes that analyze files, this one included (default: usable CPU cores).",
)
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
# -- the result cache (leaklint/cache.py) ----------------------------------------
@click.option(
    "--cache/--no-cache", "use_cache", default=None, envvar="LEAKLINT_CACHE",
    help="Reuse the results of unchanged files from earlier runs (default: on; env LEAKLINT_CACHE=0 turns it off).",
)
@click.option(
    "--cache-dir", type=click.Path(file_okay=False), default=None, envvar="LEAKLINT_CACHE_DIR",
    help="Keep the cache here (default: .leaklint_cache/ in the project root, the nearest folder with "
    "package.json or .git).",
)
@click.option("--show-files", is_flag=True, help="List each file on stderr with whether it was analyzed or came from the cache.")
# -- integrations: editors, pre-commit, several reports from one run --------------
@click.option(
    "--report", "extra_reports", multiple=True, metavar="FORMAT=PATH", callback=lambda _c, _p, v: _parse_reports(v),
    help="Also write a FORMAT report to PATH from the same run (e.g. sarif=leaklint.sarif); repeatable.",
)
@click.option(
    "--stdin-filename", metavar="PATH",
    help="Read the source from standard input (path `-` or none) and report it as PATH; config and excludes apply by PATH.",
)
@click.option(
    "--force-exclude", is_flag=True,
    help="Apply the excludes and .gitignore to files named on the command line too (for pre-commit).",
)
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
    min_confidence: str | None,
    statistics: bool,
    category: str | None,
    config_file: str | None,
    isolated: bool,
    require_reason: bool | None,
    report_unused_suppressions: bool | None,
    baseline_file: str | None,
    write_baseline: str | None,
    prune_baseline: bool,
    fix_files: bool,
    unsafe_fixes: bool | None,
    show_diff: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    jobs: int | None,
    color: str,
    debug: bool,
    extra_reports: tuple[tuple[str, str], ...],
    stdin_filename: str | None,
    force_exclude: bool,
    file_timeout: float | None = None,
    max_file_size: int | None = None,
    use_cache: bool | None = None,
    cache_dir: str | None = None,
    show_files: bool = False,
) -> None:
    """Check files and folders for leak patterns (the default command)."""
    if baseline_file and write_baseline:
        raise click.UsageError("use either --baseline or --write-baseline, not both")
    if prune_baseline and not baseline_file:
        raise click.UsageError("--prune-baseline needs --baseline FILE")
    reading_stdin = stdin_filename is not None or paths == ("-",)
    if reading_stdin:
        _check_stdin_arguments(paths, stdin_filename)
        if fix_files or show_diff:
            raise click.UsageError("--fix and --diff change files on disk; they cannot read standard input")
    resolver = ConfigResolver(config_file, isolated)
    try:
        config = resolver.for_file(stdin_filename) if stdin_filename else resolver.for_folder(os.getcwd())
    except ConfigError as error:
        _fail(str(error))
    patterns, defaults = _exclude_patterns(config, exclude, no_default_excludes)
    baseline = None
    if baseline_file:
        try:
            baseline = baseline_module.load(baseline_file)
        except baseline_module.BaselineError as error:
            _fail(str(error))
    if reading_stdin:
        name = stdin_filename or "-"
        found = Discovery(files=[SourceFile(name, display_path(name, os.getcwd()) if stdin_filename else name, True)])
        stdin_source = sys.stdin.buffer.read() if sys.stdin is not None else b""
    else:
        found = discover(
            list(paths) or ["."],
            exclude=patterns,
            use_default_excludes=defaults,
            respect_gitignore=not no_gitignore,
        )
    if found.missing:
        raise click.UsageError(f"no such file or directory: {', '.join(found.missing)}")
    for skipped in found.skipped:
        click.echo(f"leaklint: note: {skipped} is not a JavaScript or TypeScript file; skipped", err=True)
    if found.skipped_generated:
        count = found.skipped_generated
        click.echo(
            f"leaklint: skipped {count} generated or bundled {_plural(count, 'file')} "
            "(use --no-default-excludes to include them)",
            err=True,
        )
    try:
        groups = _config_groups(
            found.files, resolver, config, exclude, no_default_excludes, not no_gitignore,
            force=force_exclude or (reading_stdin and stdin_filename is not None),
        )
    except ConfigError as error:
        _fail(str(error))
    found.files = [f for _, files in groups for f in files]
    size_limit = _first(max_file_size, config.max_file_size, DEFAULT_MAX_FILE_SIZE)
    kept, oversized = _split_oversized(found.files, paths, size_limit)
    found.errors.extend(oversized)
    if oversized:
        kept_ids = {id(f) for f in kept}
        groups = [(group_config, [f for f in files if id(f) in kept_ids]) for group_config, files in groups]
        found.files = kept
    cache = None if reading_stdin else _open_cache(paths, use_cache, cache_dir, config)
    context = _partial_run_context(paths, found.files, patterns, defaults, not no_gitignore) if cache else []
    outcomes = []
    fail_levels: dict[str, str | None] = {}
    results: list[FileResult] = []
    fixing = _Fixing() if fix_files or show_diff else None
    hidden_fixes = 0  # unsafe fixes --diff leaves out, counted for its closing note
    for group_config, group_files in groups:
        group_select = select or group_config.select or ()
        group_ignore = ignore or group_config.ignore or ()
        codes = _selected_codes(group_select, group_ignore)
        options = AnalysisOptions(
            rule_codes=codes,
            rule_options=group_config.rule_options.as_pairs(),
            debug=debug,
            file_timeout=_first(file_timeout, group_config.file_timeout, DEFAULT_FILE_TIMEOUT),
        )
        try:
            if reading_stdin and group_files:
                group_results = [analyze_text(group_files[0].display_path, stdin_source, options, group_files[0].path)]
            else:
                group_results = _run(group_files, options, jobs or _usable_cores(), cache, context)
        except (_Interrupted, KeyboardInterrupt) as stop:
            _exit_interrupted(stop.signum if isinstance(stop, _Interrupted) else signal.SIGINT)
        except Exception as error:  # a worker died: report it in one line
            if debug:
                raise
            _fail(f"internal error: {type(error).__name__}: {error}")
        group_require_reason = _first(require_reason, group_config.require_reason, False)
        group_report_unused = _first(report_unused_suppressions, group_config.report_unused_suppressions, False)
        settings = FilterSettings(
            selected=codes,
            per_file_ignores=group_config.per_file_ignores,
            config_root=group_config.root,
            require_reason=group_require_reason,
            report_unused=group_report_unused,
            meta_rules=_meta_rule_codes(group_select, group_ignore, group_require_reason, group_report_unused),
        )
        if fixing is not None:
            unsafe = _first(unsafe_fixes, group_config.unsafe_fixes, False)
            _apply_fixes(group_files, group_results, options, settings, baseline, fixing, unsafe=unsafe, write=not show_diff)
            if show_diff and not unsafe:
                from leaklint.fix import is_allowed

                reported = apply_filters(group_results, settings, baseline).findings
                hidden_fixes += sum(1 for f in reported if is_allowed(f.fix, True) and not is_allowed(f.fix, False))
        results.extend(group_results)
        group_outcome = apply_filters(group_results, settings, baseline if len(groups) == 1 else None)
        if _first(min_confidence, group_config.min_confidence, "medium") == "high":
            group_outcome.findings = [f for f in group_outcome.findings if f.confidence == "high"]
        group_outcome.findings = _demote_test_findings(group_outcome.findings, group_config)
        outcomes.append(group_outcome)
        fail_levels.update((f.display_path, group_config.fail_level) for f in group_files)
    _finish_cache(cache, found.files, show_files, debug)
    outcome = outcomes[0] if len(outcomes) == 1 else merge_outcomes(outcomes, baseline)
    if show_diff:
        _finish_diff(fixing, hidden_fixes)
    findings: list[Finding] = outcome.findings
    errors: list[FileError] = list(found.errors) + [e for r in results for e in r.errors]
    if fixing is not None:
        errors.extend(fixing.errors)
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
    use_color = _use_color(color, output_file)
    report = _renderer(output_format)(
        findings,
        errors,
        files_scanned=len(found.files),
        color=use_color,
        category=category or "leaklint",
        suppressed=len(outcome.suppressed),
        baselined=len(outcome.baselined),
        show_fixes=show_fixes and fixing is None,
        unsafe_fixes=_first(unsafe_fixes, config.unsafe_fixes, False),
    )
    if fixing is not None and output_format == "text":
        report = fixing.summary(show_fixes) + report
    elif fixing is not None:
        click.echo(fixing.summary(show_fixes), err=True, nl=False)
    if statistics and output_format == "text":
        report = _statistics(findings)
    if output_file:
        _write_or_fail(lambda: _write_text(output_file, report))
    else:
        click.echo(report, nl=False, color=use_color)
    for report_format, report_path in extra_reports:
        extra = _renderer(report_format)(
            findings,
            errors,
            files_scanned=len(found.files),
            color=False,
            category=category or "leaklint",
            suppressed=len(outcome.suppressed),
            baselined=len(outcome.baselined),
        )
        _write_or_fail(lambda: _write_text(report_path, extra))
    if statistics and output_format != "text":
        click.echo(_statistics(findings), err=output_file is None, nl=False)
    if baseline is not None:
        _report_stale_baseline(baseline, outcome, prune_baseline)
    if internal or (fixing is not None and fixing.refused):
        sys.exit(2)
    if fixing is not None and fixing.fixed_count and exit_non_zero_on_fix:
        sys.exit(1)
    failing = any(
        f.severity.rank >= Severity(_first(fail_level, fail_levels.get(f.path), config.fail_level, "warning")).rank
        for f in findings
    )
    sys.exit(1 if failing and not exit_zero else 0)


@dataclass
class _Fixing:
    """What --fix / --diff did to the run's files."""

    fixed: list[FileFix] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    refused: bool = False

    @property
    def fixed_count(self) -> int:
        return sum(len(f.fixed.applied) for f in self.fixed)

    def summary(self, detailed: bool) -> str:
        count, files = self.fixed_count, len(self.fixed)
        if not count:
            return ""
        lines = [f"Fixed {count} {_plural(count, 'finding')} in {files} {_plural(files, 'file')}."]
        if detailed:
            for item in self.fixed:
                lines.append(f"  {item.path}:")
                for finding in item.fixed.applied:
                    lines.append(f"    {finding.line}:{finding.column} {finding.rule} {finding.fix.title}")
        return "\n".join(lines) + "\n"


def _apply_fixes(files, results, options, settings, baseline, fixing: _Fixing, *, unsafe: bool, write: bool) -> None:
    """Fix every file whose reported findings carry an allowed fix, recording it in `fixing`; replace its result with what is left."""
    from leaklint.fix import fix_path, is_allowed

    def keep(result: FileResult) -> list[Finding]:
        return apply_filters([result], settings, baseline).findings

    for number, (entry, result) in enumerate(zip(files, results)):
        if not any(is_allowed(f.fix, unsafe) for f in keep(result)):
            continue
        done = fix_path(entry.path, result.path, options, keep, unsafe=unsafe, write=write)
        fixing.errors.extend(done.errors)
        fixing.refused = fixing.refused or done.refused
        if done.refused or done.fixed is None or not done.fixed.changed:
            continue
        fixing.fixed.append(done)
        if write and done.fixed.result is not None:
            results[number] = done.fixed.result  # report what is left in the fixed text


def _finish_diff(fixing: _Fixing, hidden: int) -> NoReturn:
    """--diff: the diffs on stdout, a count on stderr; exit 1 when there is a diff."""
    from leaklint.fix import unified_diff
    for item in fixing.fixed:
        click.echo(unified_diff(item.path, item.original, item.fixed.source), nl=False)
    for error in fixing.errors:
        click.echo(f"{error.path}: error: {error.message}", err=True)
    count, files = fixing.fixed_count, len(fixing.fixed)
    if count:
        click.echo(f"leaklint: would fix {count} {_plural(count, 'finding')} in {files} {_plural(files, 'file')}", err=True)
    if hidden:
        click.echo(f"leaklint: {hidden} more {_plural(hidden, 'fix', 'fixes')} with --unsafe-fixes", err=True)
    if fixing.refused:
        sys.exit(2)
    sys.exit(1 if count else 0)


# -- the result cache (leaklint/cache.py) ----------------------------------------


def _open_cache(paths: tuple[str, ...], use_cache: bool | None, cache_dir: str | None, config: Config):
    """The run's ResultCache, or None when --no-cache / `cache = false` / LEAKLINT_CACHE=0."""
    from leaklint.cache import CACHE_DIR_NAME, ResultCache, project_root

    if not _first(use_cache, config.cache, True):
        return None
    directory = cache_dir or config.cache_dir or os.path.join(project_root(paths[0] if paths else None), CACHE_DIR_NAME)
    return ResultCache(os.path.abspath(directory))


def _partial_run_context(paths, files, patterns, defaults: bool, respect_gitignore: bool) -> list[SourceFile]:
    """A run on files only (pre-commit): the project's other source files, whose cached summaries join the link.

    The project is the folder project_root finds above the first file; its files are found with the
    same excludes and .gitignore rules as a folder given on the command line.
    """
    from leaklint.cache import project_root

    if not paths or not all(os.path.isfile(path) for path in paths):
        return []
    given = {os.path.realpath(f.path) for f in files}
    found = discover(
        [project_root(paths[0])], exclude=patterns, use_default_excludes=defaults, respect_gitignore=respect_gitignore
    )
    return [f for f in found.files if os.path.realpath(f.path) not in given]


def _finish_cache(cache, files, show_files: bool, debug: bool) -> None:
    """--show-files / --debug lines, the cache's notes, then the size bound."""
    if show_files:
        if cache is None:
            for source in files:
                click.echo(f"leaklint: {source.display_path}: analyzed (cache off)", err=True)
        else:
            for shown, what in cache.events:
                click.echo(f"leaklint: {shown}: {what}", err=True)
    if cache is None:
        return
    if debug or show_files:
        click.echo(f"leaklint: {cache.counts()}", err=True)
    for note in cache.notes():
        click.echo(f"leaklint: note: {note}", err=True)
    cache.prune()


# -- integrations: editors, pre-commit, several reports from one run --------------


def _parse_reports(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`--report FORMAT=PATH` values as (format, path) pairs; the format is case-insensitive."""
    reports = []
    for value in values:
        name, separator, path = value.partition("=")
        name = name.strip().lower()
        if not separator or name not in FORMATS or not path:
            raise click.BadParameter(
                f"expected FORMAT=PATH with FORMAT one of {', '.join(FORMATS)}, got {value!r}", param_hint="--report"
            )
        reports.append((name, path))
    return tuple(reports)


def _check_stdin_arguments(paths: tuple[str, ...], stdin_filename: str | None) -> None:
    """Standard input is one document: `-` or no path, and a usable --stdin-filename."""
    if any(path != "-" for path in paths) or len(paths) > 1:
        raise click.UsageError("--stdin-filename reads one document from standard input: give `-` or no paths")
    if stdin_filename is None:
        return
    if not stdin_filename.strip() or "\0" in stdin_filename:
        raise click.BadParameter("must be a file path such as src/app.ts", param_hint="--stdin-filename")
    if os.path.isdir(stdin_filename):
        raise click.BadParameter(f"{stdin_filename!r} is a directory, not a file path", param_hint="--stdin-filename")


def _exclude_patterns(config: Config, exclude: tuple[str, ...], no_default_excludes: bool) -> tuple[tuple[str, ...], bool]:
    """The exclude globs and whether the default excludes apply, for one configuration."""
    if config.exclude is not None:
        return config.exclude + config.extend_exclude + exclude, False
    return config.extend_exclude + exclude, not no_default_excludes


def _config_groups(
    files: list[SourceFile],
    resolver: ConfigResolver,
    run_config: Config,
    exclude: tuple[str, ...],
    no_default_excludes: bool,
    respect_gitignore: bool,
    force: bool,
) -> list[tuple[Config, list[SourceFile]]]:
    """The files grouped by the configuration that governs each, without the ones it excludes.

    A file found in a folder was already matched against the excludes of the
    configuration found from the working directory; one governed by another
    configuration is also matched against that one's.  A file named on the
    command line is matched only with --force-exclude (or --stdin-filename).
    """
    groups: dict[str | None, tuple[Config, list[SourceFile]]] = {}
    for source in files:
        config = resolver.for_file(source.path)
        if (source.explicit and force) or (not source.explicit and config is not run_config):
            patterns, defaults = _exclude_patterns(config, exclude, no_default_excludes)
            if force_excluded(source.path, config.root, patterns, defaults, respect_gitignore):
                continue
        groups.setdefault(config.path, (config, []))[1].append(source)
    return list(groups.values()) or [(run_config, [])]


def _use_color(choice: str, output_file: str | None) -> bool:
    """--color, then NO_COLOR (no-color.org), FORCE_COLOR, TERM=dumb, then whether stdout is a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return output_file is None and sys.stdout.isatty()


def _demote_test_findings(findings: list[Finding], config: Config) -> list[Finding]:
    """Findings in test code at severity "note": they do not fail the run unless --fail-level note."""
    patterns = config.test_paths if config.test_paths is not None else DEFAULT_TEST_PATHS
    if not patterns or not findings:
        return findings
    spec = IgnoreSpec(list(patterns))  # pathspec's answers, one regex search a path
    root = os.path.abspath(config.root)
    out = []
    for finding in findings:
        relative = os.path.relpath(os.path.abspath(finding.path), root).replace(os.sep, "/")
        if spec.match_file(relative) and finding.severity is not Severity.NOTE:
            finding = dataclasses.replace(finding, severity=Severity.NOTE)
        out.append(finding)
    return out


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
    """List the rules, then the meta-rules that report problems with suppression directives."""
    from leaklint.rules import ALL_RULES

    metas = [rule.meta() for rule in ALL_RULES] + list(META_RULES)
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
    width = max(24, *(len(m.name) for m in metas))
    for m in metas:
        click.echo(f"{m.code}  {m.name:<{width}} {m.severity.value:<8} {m.summary}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Show a rule's documentation, with its bad and good examples."""
    from leaklint.docs import load_specs

    code = code_by_code_or_name(rule)
    if code is None:
        raise click.UsageError(f"unknown rule '{rule}' (see `leaklint rules`)")
    spec = load_specs().get(code)
    if spec is None:
        click.echo(f"leaklint: no documentation found for {code}", err=True)
        sys.exit(2)
    click.echo(spec.text.rstrip() + "\n")


@main.command()
@click.option("--debug", is_flag=True, help="Log protocol traffic and tracebacks to stderr.")
def server(debug: bool) -> None:
    """Run the language server (LSP over stdin/stdout) for editors."""
    from leaklint.server import start

    start(debug=debug)

