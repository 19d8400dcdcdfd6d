"""Reports and baselines are written temp + fsync + rename: an interrupted write keeps the old file."""

from __future__ import annotations

import json
import os

import pytest

from leaklint import atomic
from leaklint.atomic import write_atomic
from tests.conftest import LEAKY_JS


def test_write_replaces_the_content_and_keeps_the_mode(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["report.txt"]


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("previous report")

    def broken_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(target, "x" * 100_000)
    assert target.read_text() == "previous report"
    assert os.listdir(tmp_path) == ["report.json"]


def test_output_file_is_written_atomically(write, cli, tmp_path, monkeypatch):
    write("leaky.js", LEAKY_JS)
    write("report.json", "previous report")
    replaced = []
    real_replace = os.replace

    def watching_replace(source, destination):
        assert open(source).read().startswith("{")  # the whole report is on disk before the rename
        replaced.append(os.path.basename(destination))
        real_replace(source, destination)

    monkeypatch.setattr(atomic.os, "replace", watching_replace)
    result = cli("--format", "json", "-o", "report.json", "leaky.js")
    assert result.exit_code == 1
    assert replaced == ["report.json"]
    assert json.loads((tmp_path / "report.json").read_text())["findings"][0]["rule"] == "LL001"


def test_baseline_writer_uses_the_same_helper(write, cli, tmp_path, monkeypatch):
    write("leaky.js", LEAKY_JS)
    calls = []
    real = atomic.write_atomic
    monkeypatch.setattr("leaklint.baseline.write_atomic", lambda path, data: (calls.append(path), real(path, data)))
    result = cli("--write-baseline", "base.json", "leaky.js")
    assert result.exit_code == 0
    assert calls == ["base.json"]
    assert json.loads((tmp_path / "base.json").read_text())["tool"] == "leaklint"


def test_unwritable_output_file_is_one_line(write, cli, tmp_path):
    write("leaky.js", LEAKY_JS)
    result = cli("-o", str(tmp_path / "missing-dir" / "r.txt"), "leaky.js")
    assert result.exit_code == 2
    assert result.output.startswith("leaklint: cannot write") and "Traceback" not in result.output
