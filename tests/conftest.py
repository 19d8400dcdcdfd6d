"""Shared fixtures: run the CLI in-process on files written to a temporary folder."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main

# The suite must not leave result caches in the repository or depend on one: every CLI run in
# it (in-process or a subprocess, which inherits this) has the cache off unless a test turns it
# on (tests/test_cache.py passes --cache and a temporary --cache-dir).
os.environ["LEAKLINT_CACHE"] = "0"

LEAKY_JS = """\
const cache = new Map();
app.get('/users/:id', (req, res) => {
  cache.set(req.params.id, Date.now());
  res.end();
});
"""

CLEAN_JS = """\
const cache = new WeakMap();
app.get('/users/:id', (req, res) => {
  cache.set(req, Date.now());
  res.end();
});
"""


@pytest.fixture
def write(tmp_path: Path):
    """Write dedented text (or bytes) to a file under tmp_path; returns the path."""

    def _write(relative: str, content: str | bytes) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content))
        return path

    return _write


@pytest.fixture
def cli(tmp_path: Path, monkeypatch):
    """Invoke `leaklint ARGS` with tmp_path as the working directory."""
    monkeypatch.chdir(tmp_path)

    def _cli(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return _cli


@pytest.fixture
def cli_json(cli):
    """Invoke `leaklint --format json ARGS` and parse the report."""

    def _cli_json(*args: str) -> tuple[int, dict]:
        result = cli("--format", "json", *args)
        return result.exit_code, json.loads(result.output)

    return _cli_json
