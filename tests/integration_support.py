"""Helpers for the integration tests: the fixture project, golden files, CLI runs.

Golden files live in tests/golden/.  To regenerate them after an intended
change, run the tests with LEAKLINT_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from click.testing import CliRunner, Result

from leaklint.cli import main

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURE = TESTS / "fixtures" / "integrations"
GOLDEN = TESTS / "golden"
# The rules the fixture exercises; other rules may come and go without touching the goldens.
FIXTURE_RULES = "LL001,LL002"


def in_ci() -> bool:
    """Whether we run under CI (the CI environment variable is set), where missing tools are failures."""
    return bool(os.environ.get("CI"))


def copy_fixture(destination: Path) -> Path:
    """A copy of the fixture project (no `.git` above it, so paths are relative to it)."""
    target = destination / "project"
    shutil.copytree(FIXTURE, target)
    return target


def run_cli(*args: str) -> Result:
    """`leaklint ARGS` in-process, in the current working directory."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME exactly (or rewrite it when LEAKLINT_UPDATE_GOLDEN is set)."""
    path = GOLDEN / name
    if os.environ.get("LEAKLINT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"missing golden file {path}; run with LEAKLINT_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (LEAKLINT_UPDATE_GOLDEN=1 rewrites it)"
