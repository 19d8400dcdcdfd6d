"""SIGINT and SIGTERM during a real `--jobs 3` run (two workers and the parent).

Exit 130/143 within a second, one line, no process left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")

SLOW = "(() => {" * 8000 + "x();" + "})()" * 8000 + ";\n"  # about a second of analysis each
# One line over 1,000 characters reads as generated: the runs below analyze such files anyway.
ANALYZE_ALL = "--no-default-excludes"


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_the_run_and_its_workers(tmp_path, signum, code):
    for n in range(40):
        (tmp_path / f"slow{n}.js").write_text(SLOW)
    report = tmp_path / "report.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "leaklint", ANALYZE_ALL, "--jobs", "3", "--format", "json", "-o", str(report), str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert len(workers) >= 2, "the worker pool did not start"
    time.sleep(0.5)  # let the workers get into their first files
    sent = time.monotonic()
    process.send_signal(signum)
    out, err = process.communicate(timeout=10)
    elapsed = time.monotonic() - sent
    assert process.returncode == code
    assert elapsed < 1.5  # 1 s target, with slack for a loaded machine
    assert err.strip().splitlines() == [f"leaklint: interrupted by {signal.Signals(signum).name}; no report written"]
    assert not report.exists()
    time.sleep(0.3)
    assert [pid for pid in workers if _alive(pid)] == []


def test_workers_exit_when_the_parent_is_killed(tmp_path):
    for n in range(40):
        (tmp_path / f"slow{n}.js").write_text(SLOW)
    process = subprocess.Popen(
        [sys.executable, "-m", "leaklint", ANALYZE_ALL, "--jobs", "3", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert len(workers) >= 2
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert [pid for pid in workers if _alive(pid)] == []


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().split(") ")[-1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_sigint_in_the_one_process_path(tmp_path):
    for n in range(40):
        (tmp_path / f"slow{n}.js").write_text(SLOW)
    process = subprocess.Popen(
        [sys.executable, "-m", "leaklint", ANALYZE_ALL, "--jobs", "1", "--no-cache", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Interrupt after a second and a half of CPU: past start-up (under half a second), with most of the
    # files (a quarter of a second each) left. A fixed sleep raced the end of the run on a fast machine
    # and start-up on a loaded one.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and _cpu_seconds(process.pid) < 1.5:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 130
    assert err.strip().splitlines() == ["leaklint: interrupted by SIGINT; no report written"]
    assert out == ""


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.35])
def test_a_signal_while_the_workers_start_is_one_line(tmp_path, delay):
    """Early in a run the workers are still being forked and set up; the stop must be as clean there.

    A worker forked with the parent's handlers (which raise) used to print
    "Process ForkProcess-2:" when the parent terminated it, and now and then
    the run hung after the interrupt.
    """
    for n in range(40):
        (tmp_path / f"slow{n}.js").write_text(SLOW)
    process = subprocess.Popen(
        [sys.executable, "-m", "leaklint", ANALYZE_ALL, "--jobs", "3", "--no-cache", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _children(process.pid):
        time.sleep(0.005)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=15)
    assert process.returncode == 130
    assert err.strip().splitlines() == ["leaklint: interrupted by SIGINT; no report written"]


def test_the_parent_signal_mask_is_restored_after_the_workers_are_forked():
    from leaklint.cli import _LazyPool

    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    pool = _LazyPool(1, ())
    try:
        worker_mask = pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, []).result(timeout=30)
    finally:
        pool.shutdown()
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before
    assert not {signal.SIGINT, signal.SIGTERM} & set(worker_mask)  # the worker unblocked them in its initializer
