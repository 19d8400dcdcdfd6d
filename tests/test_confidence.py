"""Confidence: medium findings rest on shape inference; --min-confidence / min-confidence filter them."""

from __future__ import annotations

import json

INFERRED_JS = """\
const cache = new Map();
export async function getUser(id) {
  if (cache.has(id)) return cache.get(id);
  const user = await db.users.findById(id);
  cache.set(id, user);
  return user;
}
"""
KNOWN_JS = """\
const seen = new Set();
app.get('/x', (req, res) => { seen.add(req.url); res.end(); });
"""


def test_json_carries_confidence_and_min_confidence_filters(write, cli_json):
    write("inferred.js", INFERRED_JS)
    write("known.js", KNOWN_JS)
    code, report = cli_json("--isolated", ".")
    assert code == 1
    assert sorted((f["path"], f["confidence"]) for f in report["findings"]) == [
        ("inferred.js", "medium"),
        ("known.js", "high"),
    ]
    code, report = cli_json("--isolated", "--min-confidence", "high", ".")
    assert [(f["path"], f["confidence"]) for f in report["findings"]] == [("known.js", "high")]
    code, report = cli_json("--isolated", "--min-confidence", "high", "inferred.js")
    assert (code, report["findings"]) == (0, [])


def test_min_confidence_config_key_and_command_line_override(write, cli_json, cli):
    write("inferred.js", INFERRED_JS)
    write("leaklint.toml", 'min-confidence = "high"\n')
    assert cli_json("inferred.js") == (0, cli_json("inferred.js")[1])
    assert cli_json("inferred.js")[1]["findings"] == []
    assert [f["confidence"] for f in cli_json("--min-confidence", "medium", "inferred.js")[1]["findings"]] == ["medium"]
    write("leaklint.toml", 'min-confidence = "low"\n')
    result = cli("inferred.js")
    assert result.exit_code == 2
    assert "'min-confidence' must be one of high, medium, not 'low'" in result.stderr


def test_text_marks_inferred_findings(write, cli):
    write("inferred.js", INFERRED_JS)
    write("known.js", KNOWN_JS)
    output = cli("--isolated", ".").output
    lines = [line for line in output.splitlines() if ": LL001 " in line]
    assert len(lines) == 2
    assert [("(inferred)" in line) for line in sorted(lines)] == [True, False]


def test_sarif_properties_carry_confidence(write, cli):
    write("inferred.js", INFERRED_JS)
    result = cli("--isolated", "--format", "sarif", "inferred.js")
    [run] = json.loads(result.output)["runs"]
    assert [r["properties"]["confidence"] for r in run["results"]] == ["medium"]


def test_shape_vocabulary_config_keys(write, cli_json, cli):
    write(
        "app.js",
        """\
        import { EventEmitter } from 'events';
        const bus = new EventEmitter();
        export function dispatchOrder(order) { bus.on('paid', () => order.ship()); }
        export function handle(req) { bus.on('update', () => req.log()); }
        """,
    )
    assert [f["line"] for f in cli_json("app.js")[1]["findings"]] == [4]
    write("leaklint.toml", 'handler-prefixes = ["dispatch"]\nonce-names = ["handle"]\n')
    assert [f["line"] for f in cli_json("app.js")[1]["findings"]] == [3]
    write("leaklint.toml", 'request-parameters = ["order"]\n')
    assert [f["line"] for f in cli_json("app.js")[1]["findings"]] == [3, 4]
    write("leaklint.toml", 'once-names = ["a b"]\n')
    result = cli("app.js")
    assert result.exit_code == 2 and "'once-names' has 'a b', which is not a function name" in result.stderr


KNOWN_LEAK = "const seen = new Set();\napp.get('/x', (req, res) => { seen.add(req.url); res.end(); });\n"


def test_findings_in_test_paths_are_notes_that_do_not_fail(write, cli_json, cli):
    for name in ("src/app.js", "test/app.js", "src/__tests__/a.js", "src/a.test.js", "lib/b.spec.ts"):
        write(name, KNOWN_LEAK)
    code, report = cli_json("--isolated", ".")
    severities = {f["path"]: f["severity"] for f in report["findings"]}
    assert severities == {
        "src/app.js": "warning",
        "test/app.js": "note",
        "src/__tests__/a.js": "note",
        "src/a.test.js": "note",
        "lib/b.spec.ts": "note",
    }
    assert code == 1  # src/app.js still fails the run
    assert cli_json("--isolated", "test", "src/__tests__")[0] == 0  # notes alone do not
    assert cli_json("--isolated", "--fail-level", "note", "test")[0] == 1
    [run] = json.loads(cli("--isolated", "--format", "sarif", "test").output)["runs"]
    assert [r["level"] for r in run["results"]] == ["note"]
    assert "::notice " in cli("--isolated", "--format", "github", "test").output


def test_test_paths_config_key_replaces_the_defaults(write, cli_json):
    write("test/app.js", KNOWN_LEAK)
    write("qa/app.js", KNOWN_LEAK)
    write("leaklint.toml", 'test-paths = ["qa/"]\n')
    severities = {f["path"]: f["severity"] for f in cli_json(".")[1]["findings"]}
    assert severities == {"test/app.js": "warning", "qa/app.js": "note"}
