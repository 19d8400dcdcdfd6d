"""`leaklint heap BEFORE AFTER [--source ROOT]`: the click command and the progress bar."""

from __future__ import annotations

import os
import sys
import time
from typing import NoReturn

import click

from leaklint.heap.crossref import cross_reference, static_findings
from leaklint.heap.diff import diff_snapshots
from leaklint.heap.graph import HeapGraph
from leaklint.heap.reader import SnapshotError, read_snapshot
from leaklint.heap.report import render_json, render_sarif, render_text
from leaklint.heap.sources import SourceMap

DEFAULT_MIN_GROWTH = 256 * 1024
PROGRESS_INTERVAL_SECONDS = 0.2
PROGRESS_MIN_BYTES = 8 * 1024 * 1024  # smaller files read too fast for a bar to help


class ProgressBar:
    """A one-line progress bar on stderr for reading one file."""

    WIDTH = 30

    def __init__(self, label: str, stream=None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if total < PROGRESS_MIN_BYTES or (now - self.last < PROGRESS_INTERVAL_SECONDS and done < total):
            return
        self.last = now
        fraction = min(1.0, done / total) if total else 1.0
        filled = int(fraction * self.WIDTH)
        self.stream.write(
            f"\rreading {self.label} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{fraction * 100:3.0f}% of {total / 1048576:.0f} MiB"
        )
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def _fail(message: str) -> NoReturn:
    click.echo(f"leaklint heap: {message}", err=True)
    sys.exit(2)


def _load(path: str, show_progress: bool) -> HeapGraph:
    bar = ProgressBar(os.path.basename(path)) if show_progress else None
    try:
        return HeapGraph(read_snapshot(path, bar))
    finally:
        if bar is not None:
            bar.finish()


@click.command("heap")
@click.argument("before", type=click.Path(dir_okay=False))
@click.argument("after", type=click.Path(dir_okay=False))
@click.option("--source", "source_root", type=click.Path(file_okay=False),
              help="App root: map closures to its files and check them against leaklint's static findings.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "sarif"], case_sensitive=False),
              default="text", show_default=True,
              help="sarif: the static findings under --source, each with properties.runtime.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many groups to report.")
@click.option("--min-growth", type=click.IntRange(min=0), default=DEFAULT_MIN_GROWTH, show_default=True,
              help="Bytes a group must retain to count as growing.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
def heap(before, after, source_root, output_format, top, min_growth, progress, output_file, debug) -> None:
    """Diff two heap snapshots of one process: what grew, who holds it, which finding predicted it.

    Take BEFORE at a quiet baseline and AFTER under (or after) load, from the
    same process (v8.writeHeapSnapshot(), e.g. on SIGUSR2; see docs/heap.md).
    """
    output_format = output_format.lower()
    if output_format == "sarif" and source_root is None:
        raise click.UsageError("--format sarif reports the static findings: it needs --source")
    if source_root is not None and not os.path.isdir(source_root):
        raise click.UsageError(f"--source: no such directory: {source_root}")
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        old = _load(before, show)
        new = _load(after, show)
        sources = SourceMap(source_root)
        result = diff_snapshots(old, new, sources, top=top)
        findings = []
        if source_root is not None:
            findings, errors = static_findings(source_root)
            for message in errors:
                click.echo(f"leaklint heap: static analysis: {message}", err=True)
            cross_reference(result, new, sources, findings)
    except SnapshotError as error:
        _fail(str(error))
    except Exception as error:  # one line, like the check command
        if debug:
            raise
        _fail(f"internal error: {type(error).__name__}: {error}")
    if output_format == "sarif":
        report = render_sarif(result, findings, min_growth)
    elif output_format == "json":
        report = render_json(result, min_growth)
    else:
        report = render_text(result, min_growth)
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8") as handle:
                handle.write(report)
        except OSError as error:
            _fail(f"cannot write {output_file}: {error.strerror}")
    else:
        click.echo(report, nl=False)
