"""The `leaklint` command: options, exit codes, and nothing about analysis itself.

Exit codes: 0 no findings, 1 findings, 2 usage error, bad configuration or an
internal error (one line, no traceback unless --debug).
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import click

from leaklint import __version__
from leaklint.discover import discover
from leaklint.engine import AnalysisOptions, FileResult, analyze_path
from leaklint.findings import FileError, Finding
from leaklint.report import json_format, text
from leaklint.rules import ALL_RULES, rule_by_code_or_name

FORMATS = {"text": text.render, "json": json_format.render}
PARALLEL_THRESHOLD = 16  # below this many files a worker pool costs more than it saves


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
        return [analyze_path(f.path, f.display_path, options) for f in files]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(analyze_path, f.path, f.display_path, options) for f in files]
        return [future.result() for future in futures]


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
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules (codes or names, comma-separated).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes or names, comma-separated).")
@click.option("--exclude", multiple=True, help="Glob of paths to skip (gitignore syntax); repeatable.")
@click.option("--no-default-excludes", is_flag=True, help="Also scan node_modules, dist, build, coverage, *.min.js.")
@click.option("--no-gitignore", is_flag=True, help="Do not honour .gitignore files.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: CPU count).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
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
    jobs: int | None,
    color: str,
    debug: bool,
) -> None:
    """Check files and folders for leak patterns (the default command)."""
    codes = _selected_codes(select, ignore)
    found = discover(
        list(paths) or ["."],
        exclude=exclude,
        use_default_excludes=not no_default_excludes,
        respect_gitignore=not no_gitignore,
    )
    if found.missing:
        raise click.UsageError(f"no such file or directory: {', '.join(found.missing)}")
    options = AnalysisOptions(rule_codes=codes, debug=debug)
    try:
        results = _run(found.files, options, jobs or os.cpu_count() or 1)
    except Exception as error:  # a worker died: report it in one line
        if debug:
            raise
        click.echo(f"leaklint: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
    findings: list[Finding] = sorted((f for r in results for f in r.findings), key=Finding.sort_key)
    errors: list[FileError] = list(found.errors) + [e for r in results for e in r.errors]
    use_color = color == "always" or (color == "auto" and output_file is None and sys.stdout.isatty())
    report = FORMATS[output_format](findings, errors, files_scanned=len(found.files), color=use_color)
    if output_file:
        with open(output_file, "w", encoding="utf-8") as handle:
            handle.write(report)
    else:
        click.echo(report, nl=False)
    if any(e.message.startswith("internal error") for e in errors):
        sys.exit(2)
    sys.exit(1 if findings and not exit_zero else 0)


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
