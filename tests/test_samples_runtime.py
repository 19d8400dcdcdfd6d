"""Run the sample apps under samples/ and check that they leak (or don't) for real.

Every pattern folder holds a leaky.js that really retains memory while it runs
and a fixed.js that does the same work without retaining it. samples/drive.mjs
measures one twin and prints a line of JSON; these tests run it on all twelve
files (in parallel) and compare the growth against the thresholds below.

Needs `node` (18+) on PATH. Without it the runtime tests are skipped, except
under CI (the CI environment variable is set), where they fail instead.
"""

from __future__ import annotations

import concurrent.futures
import errno
import json
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DRIVER = SAMPLES / "drive.mjs"

MIB = 1024 * 1024

# A leaky twin must grow by more than this in its pattern's metric ...
LEAK_MIN_GROWTH_BYTES = 20 * MIB
# ... and a fixed twin by less than this, in heapUsed and in external alike.
FIXED_MAX_GROWTH_BYTES = 3 * MIB

# Hard limit for one driver run (the driver has its own, shorter, deadline).
DRIVER_TIMEOUT_SECONDS = 90
DRIVER_DEADLINE_SECONDS = 60
# Driver runs at once; each is mostly one busy Node thread.
PARALLEL_RUNS = max(2, min(4, os.cpu_count() or 2))

# folder -> (rule the leaky twin exhibits, metric that grows when it leaks).
# externalGrowth covers Buffer contents; heapUsedGrowth covers JS objects.
PATTERNS = {
    "unbounded-collection": ("LL001", "heapUsedGrowth"),
    "listener-on-singleton": ("LL002", "heapUsedGrowth"),
    "captured-request": ("LL003", "externalGrowth"),
    "uncleared-interval": ("LL004", "heapUsedGrowth"),
    "shared-closure-context": ("LL005", "heapUsedGrowth"),
    "ignored-backpressure": ("LL006", "externalGrowth"),
    "unreleased-resource": ("LL007", "heapUsedGrowth"),
    "unconsumed-stream": ("LL010", "externalGrowth"),
    "retained-large-capture": ("LL011", "heapUsedGrowth"),
    "pipe-per-message": ("LL013", "externalGrowth"),
}
TWINS = ("leaky", "fixed")

MARKER = re.compile(r"//\s*expect:\s*(\S+)")


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _node_problem() -> str | None:
    """Why node cannot run the samples, or None if it can."""
    node = shutil.which("node")
    if node is None:
        return "`node` is not on PATH"
    try:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"`node --version` failed: {exc}"
    match = re.match(r"v(\d+)\.", version)
    if match is None or int(match.group(1)) < 18:
        return f"the samples need Node 18 or newer, found {version!r}"
    return None


def _drive(folder: str, twin: str) -> dict:
    """Run the driver on one twin and return its parsed JSON result."""
    return drive_file(SAMPLES / folder / f"{twin}.js", f"{folder}/{twin}.js")


def drive_file(sample: Path, label: str) -> dict:
    """Run the driver on one sample file (``label`` names it in failures); its parsed JSON result."""
    cmd = [
        shutil.which("node") or "node",
        "--expose-gc",
        str(DRIVER),
        str(sample),
        "--timeout-seconds",
        str(DRIVER_DEADLINE_SECONDS),
    ]
    try:
        proc = run_node(cmd, timeout=DRIVER_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(
            f"{label}: driver still running after {DRIVER_TIMEOUT_SECONDS}s"
        ) from exc
    if proc.returncode != 0:
        raise AssertionError(
            f"{label}: driver exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if len(lines) != 1:
        raise AssertionError(f"{label}: expected one line of JSON, got:\n{proc.stdout}")
    return json.loads(lines[0])


# Several threads start drivers at once. On some sandboxed kernels a process
# start racing another one fails with EFAULT or EAGAIN before node runs at all
# (seen in CI: "[Errno 14] Bad address: '/usr/bin/node'"). Starts are taken one
# at a time, and a start that fails that way is tried again: nothing ran, so no
# measurement is repeated or hidden.
_SPAWN_LOCK = threading.Lock()
_TRANSIENT_SPAWN_ERRORS = {errno.EFAULT, errno.EAGAIN, errno.ENOMEM}
_SPAWN_ATTEMPTS = 4


def run_node(cmd: list[str], timeout: float) -> subprocess.CompletedProcess:
    """Run ``cmd`` from the project root, capturing text output, as ``subprocess.run`` would."""
    for attempt in range(_SPAWN_ATTEMPTS):
        try:
            with _SPAWN_LOCK:
                proc = subprocess.Popen(
                    cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            break
        except OSError as exc:
            if exc.errno not in _TRANSIENT_SPAWN_ERRORS or attempt == _SPAWN_ATTEMPTS - 1:
                raise
            time.sleep(0.5 * (attempt + 1))
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)


@pytest.fixture(scope="module")
def measurements():
    """Start every driver run at once; each test waits only for its own."""
    problem = _node_problem()
    if problem is not None:
        if _ci():
            pytest.fail(f"{problem}; CI must run the sample runtime tests", pytrace=False)
        pytest.skip(problem)
    with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
        futures = {
            (folder, twin): pool.submit(_drive, folder, twin)
            for folder in PATTERNS
            for twin in TWINS
        }
        yield futures
        for future in futures.values():
            future.cancel()


def _mib(nbytes: int) -> str:
    return f"{nbytes / MIB:.2f} MiB"


def _describe(result: dict) -> str:
    return (
        f"{result['sample']}: {result['iterations']} iterations in {result['seconds']}s, "
        f"heapUsed {_mib(result['heapUsedGrowth'])}, external {_mib(result['externalGrowth'])}, "
        f"arrayBuffers {_mib(result['arrayBuffersGrowth'])}"
    )


@pytest.mark.parametrize("folder", PATTERNS)
def test_leaky_twin_grows(measurements, folder):
    rule, metric = PATTERNS[folder]
    result = measurements[(folder, "leaky")].result()
    assert result[metric] > LEAK_MIN_GROWTH_BYTES, (
        f"{rule} leaky twin should grow by more than {_mib(LEAK_MIN_GROWTH_BYTES)} "
        f"in {metric}; measured {_describe(result)}"
    )


@pytest.mark.parametrize("folder", PATTERNS)
def test_fixed_twin_stays_flat(measurements, folder):
    rule, _ = PATTERNS[folder]
    result = measurements[(folder, "fixed")].result()
    for metric in ("heapUsedGrowth", "externalGrowth"):
        assert result[metric] < FIXED_MAX_GROWTH_BYTES, (
            f"{rule} fixed twin should grow by less than {_mib(FIXED_MAX_GROWTH_BYTES)} "
            f"in {metric}; measured {_describe(result)}"
        )


def test_pattern_folders_are_complete():
    folders = {path.name for path in SAMPLES.iterdir() if path.is_dir()}
    assert folders == set(PATTERNS), "samples/ folders do not match the pattern list"
    for folder in PATTERNS:
        for twin in TWINS:
            assert (SAMPLES / folder / f"{twin}.js").is_file(), f"missing {folder}/{twin}.js"


@pytest.mark.parametrize("folder", PATTERNS)
def test_expect_markers(folder):
    rule, _ = PATTERNS[folder]

    leaky = (SAMPLES / folder / "leaky.js").read_text(encoding="utf-8").splitlines()
    markers = [(number, match.group(1)) for number, line in enumerate(leaky, 1)
               if (match := MARKER.search(line))]
    assert markers, f"{folder}/leaky.js has no `// expect: {rule}` marker"
    for number, code in markers:
        assert code == rule, f"{folder}/leaky.js:{number}: marker {code}, folder's rule is {rule}"
        following = leaky[number] if number < len(leaky) else ""
        assert following.strip() and not following.strip().startswith("//"), (
            f"{folder}/leaky.js:{number}: the marker must sit directly above a line of code"
        )

    fixed = (SAMPLES / folder / "fixed.js").read_text(encoding="utf-8")
    assert MARKER.search(fixed) is None, f"{folder}/fixed.js must not contain `// expect:` markers"
