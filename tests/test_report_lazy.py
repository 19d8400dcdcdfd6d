"""Report formats are imported when a run writes them, not when the command starts."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest

from leaklint import cli


def test_starting_the_command_imports_no_report_format():
    code = "import sys, leaklint.cli\nprint(sorted(m for m in sys.modules if m.startswith('leaklint.report')))\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(cli.FORMATS))
def test_each_format_renders_through_its_own_module(name):
    module = importlib.import_module(f"leaklint.report.{cli.FORMATS[name]}")
    assert cli._renderer(name) is module.render


def test_a_json_run_loads_json_and_not_the_other_formats(tmp_path):
    (tmp_path / "a.js").write_text("const seen = new Map();\nexport function f(k, v) { seen.set(k, v); }\n")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from leaklint.cli import main\n"
        f"result = CliRunner().invoke(main, ['--format', 'json', '--isolated', '--no-cache', {str(tmp_path)!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('leaklint.report')))\n"
        "print(result.output, end='')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, report = out.stdout.split("\n", 1)
    assert "leaklint.report.json_format" in loaded
    for other in ("sarif", "junit", "github", "gitlab", "statistics"):
        assert f"leaklint.report.{other}'" not in loaded
    assert json.loads(report)["version"]


def test_statistics_render_in_text_and_beside_json(tmp_path):
    from click.testing import CliRunner
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "samples" / "captured-request" / "leaky.js"
    for extra in ([], ["--format", "json"]):
        result = CliRunner().invoke(cli.main, ["--statistics", "--isolated", "--no-cache", *extra, str(sample)])
        assert result.exit_code == 1, result.output
        assert "LL003  captured-request" in result.output
        assert "in total" in result.output
