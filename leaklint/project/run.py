"""Analyze a set of files as one project: per-file work in workers, the link in the parent.

Phase 1 analyzes every file as before and also returns its summary; the link
phase turns the summaries into ``ExternalFacts``; phase 2 re-analyzes only
the files those facts can change, and their results replace the phase-1
ones. The pool (or the single process with ``jobs == 1``) is the same for
both phases, so output does not depend on ``--jobs``.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from leaklint.engine import AnalysisOptions, FileResult, analyze_path, collector_paused
from leaklint.findings import FileError

if TYPE_CHECKING:  # a run without a pool (--jobs 1, a warm run) does not import concurrent.futures
    from concurrent.futures import Executor

# The link (and the model it imports) is imported by _phases: a warm run answered by the
# project entry never needs it.


def analyze_project(
    files, options: AnalysisOptions, pool: Executor | None, parallel_threshold: int, cache=None, context=()
) -> list[FileResult]:
    """FileResults in the order of ``files`` (objects with ``path`` and ``display_path``).

    ``pool`` runs the per-file work of both phases (None: this process); the
    caller owns it, so that an interrupt can stop its workers.  ``cache`` (a
    ``leaklint.cache.ResultCache`` or None) answers the calls it has results
    for; ``context`` are other files of the project whose cached summaries
    join the link (a partial run), without being analyzed or reported.
    """
    first_options = replace(options, summarize=True)
    return _two_phases(files, options, first_options, pool, parallel_threshold, cache, context)


def _map(pool, calls: list[tuple], threshold: int) -> list[FileResult]:
    """``analyze_path(*call)`` for each call, in order; in the pool's workers, a chunk of files at a time.

    One ``submit`` per file pickles the options and wakes a worker per file;
    chunks of several files cost one round trip each.  Chunks are balanced by
    size (see ``balanced_chunks``) and submitted largest first, so the last
    chunks to finish are small ones and no worker idles while another works
    through a big file.
    """
    if pool is None or len(calls) < threshold:
        return [analyze_path(*call) for call in calls]
    workers = getattr(pool, "_max_workers", None) or os.cpu_count() or 1
    helping = bool(getattr(pool, "parent_works", False))  # this process takes chunks too (cli._LazyPool)
    chunks = balanced_chunks([_size_of(call[0]) for call in calls], workers + helping)
    futures = [(chunk, pool.submit(analyze_chunk, [calls[i] for i in chunk])) for chunk in chunks]
    results: list[FileResult | None] = [None] * len(calls)
    if helping:
        # The next chunk no worker has started is analyzed here (a cancelled future is never sent):
        # its results need no pickling, and no third process competes with the workers for the cores.
        # Outside the pause below, so that each file's collection after it still frees its model.
        for chunk, future in futures:
            if future.cancel():
                for index, result in zip(chunk, analyze_chunk([calls[i] for i in chunk])):
                    results[index] = result
    with collector_paused():  # after the submits: workers forked with the collector off would never collect
        for chunk, future in futures:
            if future.cancelled():
                continue
            for index, result in zip(chunk, future.result()):
                results[index] = result
    return results  # type: ignore[return-value]


def analyze_chunk(calls: list[tuple]) -> list[FileResult]:
    """What a worker runs: ``analyze_path`` for each call of one chunk."""
    return [analyze_path(*call) for call in calls]


CHUNKS_PER_WORKER = 8  # enough for the last chunks to be small; few enough that round trips stay cheap
# The small files come last, 16 to a chunk: a worker holds its running chunk and one queued one that
# the parent cannot take, so the last chunks decide how long the parent waits at the end (with 64
# small files to a chunk that was 0.3 s of a 2 s phase 1; with 16, about 0.03 s).
MAX_CHUNK_FILES = 16


def balanced_chunks(sizes: list[int], workers: int) -> list[list[int]]:
    """Indices of ``sizes`` grouped into chunks of about equal total size, largest files first.

    Files are taken in descending size and a chunk is closed once it holds
    1/(workers * CHUNKS_PER_WORKER) of the bytes (or MAX_CHUNK_FILES files),
    so a big file is a chunk of its own and small files travel together.
    Every index appears exactly once.
    """
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    target = max(1, sum(sizes) // max(1, workers * CHUNKS_PER_WORKER))
    chunks: list[list[int]] = []
    current: list[int] = []
    held = 0
    for index in order:
        current.append(index)
        held += sizes[index]
        if held >= target or len(current) >= MAX_CHUNK_FILES:
            chunks.append(current)
            current, held = [], 0
    if current:
        chunks.append(current)
    return chunks


def _size_of(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # analyze_path reports why it cannot be read


def _cached_map(pool, calls: list[tuple], threshold: int, cache) -> list[FileResult]:
    """_map for the calls the cache cannot answer; their results are stored for the next run."""
    if cache is None:
        return _map(pool, calls, threshold)
    results, missing = cache.lookup(calls)
    fresh = _map(pool, [calls[i] for i in missing], threshold)
    cache.store([calls[i] for i in missing], fresh)
    for index, result in zip(missing, fresh):
        results[index] = result
    return results


def _two_phases(files, options, first_options, pool, threshold: int, cache=None, context=()) -> list[FileResult]:
    calls = [(f.path, f.display_path, first_options) for f in files]
    # An unchanged project (same files, contents, options and code) is answered by one cache entry:
    # no per-file entries decoded, no link. A partial run's result also depends on which of the
    # other files' summaries are cached, so it always goes the long way.
    project_key = cache.project_key(calls) if cache is not None and not context else None
    if project_key is not None:
        stored = cache.project_results(project_key, calls)
        if stored is not None:
            return stored
    results = _phases(files, calls, options, first_options, pool, threshold, cache, context)
    final, linked = results
    if project_key is not None and linked is not None:
        cache.store_project(project_key, final, linked)
    return final


def _phases(files, calls, options, first_options, pool, threshold: int, cache, context) -> tuple[list[FileResult], list[str] | None]:
    """(results, display paths analyzed again in phase 2); None for the paths when the link failed."""
    from leaklint.model.external import NO_EXTERNAL_FACTS
    from leaklint.project.link import link

    results = _cached_map(pool, calls, threshold if pool else 1, cache)
    entries = [(f.path, r.summary) for f, r in zip(files, results) if r.summary is not None]
    complete = True  # the link sees every file of the project (what no file does is then known)
    if cache is not None and context:
        cached = cache.summaries(context, first_options)
        complete = len(cached) == len(context)
        entries.extend(cached)
    for result in results:
        result.summary = None  # summaries are the link's input only; do not keep them around
    try:
        with collector_paused():  # it builds graphs of every summary; a full collection there found nothing, for 0.15 s
            facts = link(entries, complete=complete)
    except Exception as error:  # a link bug costs the cross-file facts, never the per-file findings
        if options.debug:
            raise
        message = f"internal error in the project link phase: {type(error).__name__}: {error}"
        results.append(FileResult(".", errors=[FileError(".", message)]))
        return results, None
    redo = []
    for index, f in enumerate(files):
        external = facts.get(os.path.normpath(os.path.abspath(f.path)), NO_EXTERNAL_FACTS)
        if external.adds_findings or (external and results[index].findings):
            redo.append((index, (f.path, f.display_path, options, external)))
    given = {f.display_path for f in files}
    redo.extend((None, call) for call in _context_calls(context, facts, given, options))
    # Once phase 1 has started the workers, a few phase-2 files are worth sending to them too:
    # the threshold is what starting a pool costs, and that is paid.
    started = bool(getattr(pool, "_processes", None))  # ProcessPoolExecutor starts its workers on first submit
    second = _cached_map(pool, [call for _, call in redo], (2 if started else threshold) if pool else 1, cache)
    for (index, _), again in zip(redo, second):
        if index is None:  # another file of the project: only the findings the given files cause
            again.findings = [f for f in again.findings if any(r.path in given for r in f.related)]
            again.errors = []
            # Its directives still silence those findings; the others are not this run's to report on.
            again.directives = tuple(d for d in again.directives if any(d.covers_line(f.line) for f in again.findings))
            results.append(again)
            continue
        before = results[index]
        new_errors = [e for e in again.errors if e.message.startswith("internal error") and e not in before.errors]
        if new_errors:  # keep the phase-1 findings rather than lose the file
            before.errors.extend(new_errors)
            continue
        results[index] = again
    return results, [call[1] for _, call in redo]


def _context_calls(context, facts, given: set[str], options) -> list[tuple]:
    """Phase-2 calls for files outside the run whose linked frequency comes through a file given.

    A partial run (pre-commit passes the changed route file) still reports the
    leak it causes in an unchanged service file; the caller keeps only the
    findings whose chain walks through a given file.
    """
    from leaklint.model.external import NO_EXTERNAL_FACTS

    calls = []
    for source in context:
        external = facts.get(os.path.normpath(os.path.abspath(source.path)), NO_EXTERNAL_FACTS)
        if external.adds_findings and any(
            step.path in given for _, linked in external.functions if linked.frequency > 0 for step in linked.chain
        ):
            calls.append((source.path, source.display_path, options, external))
    return calls
