"""Start-up imports only what every run needs: report formats, grammars and helpers come when used."""

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


def test_starting_the_command_imports_no_grammar_and_no_write_or_hint_helpers():
    code = (
        "import sys, leaklint.cli\n"
        "print(sorted(m for m in ('tree_sitter_javascript', 'tree_sitter_typescript', 'tempfile', 'difflib')"
        " if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_grammars_load_on_first_parse():
    from leaklint import syntax

    tree = syntax.parse(b"const x: number = 1;", syntax.Grammar.TYPESCRIPT)
    assert tree.root_node.type == "program" and not tree.root_node.has_error
    assert syntax.parse(b"<a/>;", syntax.Grammar.TSX).root_node.type == "program"
    assert "tree_sitter_javascript" in sys.modules and "tree_sitter_typescript" in sys.modules


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
