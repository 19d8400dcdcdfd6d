"""The pre-commit hook, run by the real `pre-commit try-repo` on a temporary git repository.

The hook repository is a fresh git repository holding a copy of this working
tree's installable files (so uncommitted and untracked changes are tested
too); pre-commit pip-installs it into its own environment, as it does for
users.  Under CI a missing pre-commit or git is a failure, locally a skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

try:
    import yaml  # comes with pre-commit
except ImportError:  # pragma: no cover - only without the [test] extra
    yaml = None

from tests.integration_support import ROOT, in_ci

HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "leaklint", "rules")
LEAKY = """\
const cache = new Map();
app.get('/users/:id', (req, res) => {
  cache.set(req.params.id, Date.now());
  res.end();
});
"""
CLEAN = """\
const cache = new WeakMap();
app.get('/users/:id', (req, res) => {
  cache.set(req, Date.now());
  res.end();
});
"""
GIT_IDENTITY = ("-c", "user.name=leaklint tests", "-c", "user.email=tests@leaklint.invalid", "-c", "commit.gpgsign=false")


def _require(tool: str, available: bool) -> None:
    if available:
        return
    if in_ci():
        pytest.fail(f"{tool} is needed for the pre-commit test (the [test] extra installs pre-commit)")
    pytest.skip(f"{tool} is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *GIT_IDENTITY, *args], cwd=cwd, check=True, capture_output=True)


def test_manifest_selects_every_extension_by_regex():
    import re

    _require("PyYAML", yaml is not None)
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    hook = hooks["leaklint"]
    assert hook["entry"] == "leaklint" and hook["language"] == "python"
    fixer = hooks["leaklint-fix"]
    assert fixer["entry"] == "leaklint --fix"
    assert {k: v for k, v in fixer.items() if k not in ("id", "name", "description", "entry")} == {
        k: v for k, v in hook.items() if k not in ("id", "name", "description", "entry")
    }
    assert hook["require_serial"] is True
    assert hook["args"] == ["--force-exclude"]  # pre-commit names files; excludes must still apply
    assert "types_or" not in hook  # identify gives .mts/.cts no tags
    pattern = re.compile(hook["files"])
    for name in ("a.js", "a.mjs", "a.cjs", "a.jsx", "a.ts", "a.mts", "a.cts", "a.tsx"):
        assert pattern.search(name), name
    for name in ("a.json", "a.d", "a.tsx.map", "a.py"):
        assert not pattern.search(name), name


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory) -> Path:
    """This working tree's installable files, committed in a new git repository."""
    _require("git", shutil.which("git") is not None)
    repository = tmp_path_factory.mktemp("hook") / "leaklint"
    repository.mkdir()
    for name in HOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repository / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, repository / name)
    _git(repository, "init", "-q")
    _git(repository, "add", ".")
    _git(repository, "commit", "-q", "-m", "leaklint under test")
    return repository


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """One pre-commit cache for the module, so the hook environment is installed once."""
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        _require("pre-commit", False)
    return tmp_path_factory.mktemp("pre-commit-home")


def _try_repo(hook_repository: Path, home: Path, target: Path, hook: str = "leaklint"):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "CI": os.environ.get("CI", "true")}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repository), hook, "--verbose", *args],
            cwd=target,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    return try_repo


def test_try_repo_fails_on_the_leaky_file_and_passes_on_the_clean_one(hook_repository, pre_commit_home, tmp_path):
    target = tmp_path / "project"
    target.mkdir()
    (target / "leaky.mts").write_text(LEAKY)  # .mts: identify gives it no tags; the regex must pick it
    (target / "clean.js").write_text(CLEAN)
    (target / "notes.txt").write_text("not JavaScript\n")
    _git(target, "init", "-q")
    _git(target, "add", ".")
    try_repo = _try_repo(hook_repository, pre_commit_home, target)

    leaky = try_repo("--files", "leaky.mts")
    assert leaky.returncode == 1, leaky.stdout + leaky.stderr
    assert "leaklint" in leaky.stdout and "Failed" in leaky.stdout
    assert "leaky.mts:1:7: LL001 [unbounded-collection]" in leaky.stdout

    clean = try_repo("--files", "clean.js")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout

    everything = try_repo("--all-files")
    assert everything.returncode == 1
    assert "1 finding in 1 file (2 files scanned)" in everything.stdout  # notes.txt is not passed


def test_try_repo_honours_excludes_and_each_packages_configuration(hook_repository, pre_commit_home, tmp_path):
    target = tmp_path / "monorepo"
    files = {
        "pyproject.toml": '[tool.leaklint]\nextend-exclude = ["vendor"]\n',
        "src/leaky.js": LEAKY,
        "vendor/v.js": LEAKY,  # configured exclude
        "dist/d.js": LEAKY,  # default exclude
        "lib/x.min.js": LEAKY,  # default exclude
        # A package with its own configuration, found from the file, not from where pre-commit runs.
        "packages/api/leaklint.toml": 'ignore = ["LL001"]\nextend-exclude = ["fixtures"]\n',
        "packages/api/src/a.js": LEAKY,
        "packages/api/fixtures/f.js": LEAKY,
        "packages/web/b.ts": LEAKY,
    }
    for relative, content in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    _git(target, "init", "-q")
    _git(target, "add", ".")
    result = _try_repo(hook_repository, pre_commit_home, target)("--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    reported = sorted({line.split(":")[0] for line in result.stdout.splitlines() if ": LL001 [" in line})
    assert reported == ["packages/web/b.ts", "src/leaky.js"], result.stdout
    assert "2 findings in 2 files (3 files scanned)" in result.stdout


LISTENER = """\
const { EventEmitter } = require('events');
const bus = new EventEmitter();
app.get('/x', (req, res) => {
  const onTick = (data) => res.write(data);
  bus.on('tick', onTick);
});
"""


def test_try_repo_fix_hook_fixes_the_file_then_passes(hook_repository, pre_commit_home, tmp_path):
    target = tmp_path / "project"
    target.mkdir()
    (target / "leaklint.toml").write_text("unsafe-fixes = true\n")  # the listener fix is unsafe
    (target / "app.js").write_text(LISTENER)
    (target / "clean.js").write_text(CLEAN)
    _git(target, "init", "-q")
    _git(target, "add", ".")
    fix_hook = _try_repo(hook_repository, pre_commit_home, target, "leaklint-fix")

    first = fix_hook("--all-files")
    assert first.returncode == 1, first.stdout + first.stderr  # files were modified by this hook
    assert "Failed" in first.stdout and "files were modified by this hook" in first.stdout
    assert "Fixed 1 finding in 1 file." in first.stdout
    assert "  res.on('close', () => bus.off('tick', onTick));\n" in (target / "app.js").read_text()
    assert (target / "clean.js").read_text() == CLEAN

    _git(target, "add", ".")
    second = fix_hook("--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
