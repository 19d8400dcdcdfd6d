"""`leaklint --fix --unsafe-fixes` stops every sample's leak at runtime and keeps its behaviour.

A copy of samples/ is fixed by the real command line; each fixed leaky.js is
then measured by samples/drive.mjs exactly as tests/test_samples_runtime.py
measures the hand-written twins (that module shows the originals grow by
more than 20 MiB), and must stay under the fixed twins' 3 MiB bar.  Each fixed
copy must also give the same responses as the original for the same
requests.  Needs node, like the sample runtime tests.
"""

from __future__ import annotations

import concurrent.futures
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leaklint.findings import FixAvailability
from leaklint.rules import ALL_RULES
from tests.test_samples_runtime import (
    FIXED_MAX_GROWTH_BYTES,
    PARALLEL_RUNS,
    PATTERNS,
    ROOT,
    SAMPLES,
    _ci,
    _describe,
    _mib,
    _node_problem,
    drive_file,
)

# Samples of rules that declare fixes; the others must come out of --fix untouched.
_FIXING_RULES = {rule.code for rule in ALL_RULES if rule.fix is not FixAvailability.NONE}
FIXABLE = {folder: pattern for folder, pattern in PATTERNS.items() if pattern[0] in _FIXING_RULES}
RESPONSES = Path(__file__).resolve().parent / "sample_responses.mjs"
REQUESTS_COMPARED = 5


def _responses(sample: Path) -> list:
    proc = subprocess.run(
        [shutil.which("node") or "node", str(RESPONSES), str(sample), str(REQUESTS_COMPARED)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, f"{sample}: {proc.stderr}"
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def fixed_samples(tmp_path_factory):
    """samples/ copied and fixed by `leaklint --fix --unsafe-fixes`; (folder, the run's output)."""
    problem = _node_problem()
    if problem is not None:
        if _ci():
            pytest.fail(f"{problem}; CI must run the sample runtime tests", pytrace=False)
        pytest.skip(problem)
    copy = tmp_path_factory.mktemp("fixed-samples") / "samples"
    shutil.copytree(SAMPLES, copy)
    run = subprocess.run(
        [sys.executable, "-m", "leaklint", "--fix", "--unsafe-fixes", "--isolated", "--show-fixes", "."],
        cwd=copy, capture_output=True, text=True, timeout=300,
    )
    return copy, run


@pytest.fixture(scope="module")
def runs(fixed_samples):
    copy, _ = fixed_samples
    with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL_RUNS) as pool:
        futures = {
            folder: (
                pool.submit(drive_file, copy / folder / "leaky.js", f"fixed copy of {folder}/leaky.js"),
                pool.submit(_responses, SAMPLES / folder / "leaky.js"),
                pool.submit(_responses, copy / folder / "leaky.js"),
            )
            for folder in FIXABLE
        }
        yield futures


def test_fix_fixes_every_leaky_sample_and_nothing_else(fixed_samples):
    copy, run = fixed_samples
    assert run.returncode in (0, 1), run.stdout + run.stderr
    assert f"Fixed {len(FIXABLE)} findings in {len(FIXABLE)} files." in run.stdout
    left = {line.split("/", 1)[0] for line in run.stdout.splitlines() if "/leaky.js:" in line and ": LL" in line}
    assert not left & set(FIXABLE), run.stdout  # every fixable sample is fixed completely
    assert run.returncode == (1 if set(PATTERNS) - set(FIXABLE) else 0)
    for folder in PATTERNS:
        changed = (copy / folder / "leaky.js").read_bytes() != (SAMPLES / folder / "leaky.js").read_bytes()
        assert changed is (folder in FIXABLE), folder
        assert (copy / folder / "fixed.js").read_bytes() == (SAMPLES / folder / "fixed.js").read_bytes(), folder
    for name in ("support.js", "drive.mjs"):
        assert (copy / name).read_bytes() == (SAMPLES / name).read_bytes()


def test_diff_shows_a_fix_for_every_leaky_sample():
    run = subprocess.run(
        [sys.executable, "-m", "leaklint", "--diff", "--unsafe-fixes", "--isolated", "samples"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 1, run.stderr
    for folder in FIXABLE:
        assert f"+++ b/samples/{folder}/leaky.js\n" in run.stdout
    assert "fixed.js" not in run.stdout


@pytest.mark.parametrize("folder", FIXABLE)
def test_fixed_copy_stays_flat(runs, folder):
    rule, _ = PATTERNS[folder]
    result = runs[folder][0].result()
    for metric in ("heapUsedGrowth", "externalGrowth"):
        assert result[metric] < FIXED_MAX_GROWTH_BYTES, (
            f"{rule}: the --fix copy should grow by less than {_mib(FIXED_MAX_GROWTH_BYTES)} in {metric}; "
            f"measured {_describe(result)}"
        )


@pytest.mark.parametrize("folder", FIXABLE)
def test_fixed_copy_answers_like_the_original(runs, folder):
    original, fixed = runs[folder][1].result(), runs[folder][2].result()
    assert len(original) == REQUESTS_COMPARED
    assert fixed == original
