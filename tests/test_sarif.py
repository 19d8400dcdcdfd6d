"""`--format sarif`: golden output, the retention chain, and validation the way GitHub reads it.

Every SARIF log this suite produces is built by the `sarif_logs` fixture below
and checked twice: against the OASIS SARIF 2.1.0 schema with `jsonschema`, and
against GitHub's ingestion rules with `sarif-multitool validate --rule-kind
"Gh;Sarif"` (npm package @microsoft/sarif-multitool, installed by .ci/run into
.ci/node).  The multitool exits 0 even when the log is bad, so the test reads
its report.  Without node or the multitool these tests skip locally and fail
under CI.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from leaklint.docs import load_specs
from leaklint.report.sarif import rule_descriptor
from leaklint.rules import ALL_RULES
from leaklint.suppressions import META_RULES
from tests.integration_support import FIXTURE_RULES, ROOT, TESTS, check_golden, copy_fixture, in_ci, run_cli

SCHEMA_PATH = TESTS / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
EXAMPLE_LOG = TESTS / "sarif" / "leaklint-example.sarif"
NODE_PREFIX = ROOT / ".ci" / "node"
MULTITOOL_VERSION = "5.7.0"


# -- producing the logs --------------------------------------------------------

SCENARIOS = {
    # name: (extra files to write, leaklint arguments)
    "fixture": ({}, ("--select", FIXTURE_RULES, "src")),
    "clean": ({}, ("src/clean.mjs",)),
    "category": ({}, ("--select", FIXTURE_RULES, "--category", "backend/api", "src/app.js")),
    "directives": (
        {
            "src/directives.js": (
                "const bus = require('./bus');\n"
                "app.get('/a', (req, res) => {\n"
                "  bus.on('x', () => res.end()); // leaklint-disable-line LL002\n"
                "  // leaklint-disable-next-line LL001, LL777 -- wrong rule\n"
                "  res.end();\n"
                "});\n"
            )
        },
        ("--require-reason", "--report-unused-suppressions", "src/directives.js"),
    ),
    "errors": (
        {"src/broken.js": "app.get('/a', (req, res) => {\n  bus.on('x', \n", "src/binary.js": b"\x00\x01\x02"},
        ("--select", FIXTURE_RULES, "src/broken.js", "src/binary.js", "src/app.js"),
    ),
    # Run from the leaklint checkout itself: URIs are relative to its git root.
    "samples": ({}, ("--select", FIXTURE_RULES, "samples")),
}
RUN_IN_CHECKOUT = {"samples"}


@pytest.fixture(scope="module")
def sarif_logs(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    """Run every scenario once; name -> (log file, parsed log)."""
    base = tmp_path_factory.mktemp("sarif")
    out = base / "logs"
    out.mkdir()
    logs = {}
    previous = os.getcwd()
    try:
        for name, (files, args) in SCENARIOS.items():
            project = copy_fixture(base / name)
            for relative, content in files.items():
                target = project / relative
                if isinstance(content, bytes):
                    target.write_bytes(content)
                else:
                    target.write_text(content, encoding="utf-8")
            os.chdir(ROOT if name in RUN_IN_CHECKOUT else project)
            log_path = out / f"{name}.sarif"
            result = run_cli("--format", "sarif", "--output-file", str(log_path), *args)
            assert result.exit_code in (0, 1), result.output
            logs[name] = (log_path, json.loads(log_path.read_text(encoding="utf-8")))
    finally:
        os.chdir(previous)
    return logs


# -- the schema ----------------------------------------------------------------


def _schema_validator() -> jsonschema.Draft4Validator:
    raw = SCHEMA_PATH.read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256, "tests/sarif/sarif-schema-2.1.0.json is not the OASIS file"
    return jsonschema.Draft4Validator(json.loads(raw))


def test_every_log_matches_the_sarif_schema(sarif_logs):
    validator = _schema_validator()
    for name, (_, log) in sarif_logs.items():
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == [], f"{name}: {errors[:5]}"


def test_the_schema_check_catches_errors():
    validator = _schema_validator()
    log = json.loads(EXAMPLE_LOG.read_text())
    assert list(validator.iter_errors(log)) == []
    log["runs"][0]["results"][0]["level"] = "fatal"
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert len(list(validator.iter_errors(log))) >= 2


# -- GitHub's ingestion rules (sarif-multitool) ---------------------------------


def _missing_tool(reason: str):
    if in_ci():
        pytest.fail(f"{reason} (CI must run the SARIF multitool checks; .ci/run installs it)")
    pytest.skip(reason)


def _multitool() -> str:
    """The multitool's native binary (its npm `bin` wrapper runs through a shell and splits "Gh;Sarif" at ';')."""
    override = os.environ.get("LEAKLINT_SARIF_MULTITOOL")
    if override:
        return override
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        _missing_tool("node and npm are needed for the SARIF multitool")
    if not (NODE_PREFIX / "node_modules" / "@microsoft" / "sarif-multitool").is_dir():
        _missing_tool(
            f"@microsoft/sarif-multitool is not installed; run: npm install --prefix .ci/node "
            f"@microsoft/sarif-multitool@{MULTITOOL_VERSION}"
        )
    found = subprocess.run(
        [node, "-p", "require('@microsoft/sarif-multitool')"],
        cwd=NODE_PREFIX,
        capture_output=True,
        text=True,
        check=False,
    )
    binary = found.stdout.strip()
    if found.returncode != 0 or not binary or not os.path.isfile(binary):
        _missing_tool(f"the multitool's binary for {sys.platform} is missing: {found.stderr.strip()[:200]}")
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)  # the package's postinstall does this; npm may skip install scripts
    return binary


def multitool_problems(paths: list[Path], work: Path) -> list[str]:
    """Errors and warnings `sarif-multitool validate --rule-kind "Gh;Sarif"` reports for the logs."""
    binary = _multitool()
    problems = []
    for path in paths:
        report = work / f"{path.stem}.validation.sarif"
        completed = subprocess.run(
            [
                binary,
                "validate",
                str(path),
                "--output",
                str(report),
                "--log",
                "ForceOverwrite",
                "--rule-kind",
                "Gh;Sarif",
                "--level",
                "Error;Warning",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
        )
        assert report.exists(), f"the multitool wrote no report for {path.name}: {completed.stdout[-500:]} {completed.stderr[-500:]}"
        results = json.loads(report.read_text(encoding="utf-8-sig"))["runs"][0].get("results", [])
        for result in results:
            problems.append(f"{path.name}: {result.get('ruleId')} {result.get('message')}")
        assert "Analysis completed successfully" in completed.stdout, completed.stdout[-500:]
    return problems


def test_github_ingestion_rules_accept_every_log(sarif_logs, tmp_path):
    problems = multitool_problems([path for path, _ in sarif_logs.values()], tmp_path)
    assert problems == []


def test_the_multitool_check_catches_what_github_rejects(tmp_path):
    good = tmp_path / "good.sarif"
    shutil.copy(EXAMPLE_LOG, good)
    log = json.loads(EXAMPLE_LOG.read_text())
    del log["runs"][0]["tool"]["driver"]["rules"]
    for result in log["runs"][0]["results"]:
        result.pop("ruleIndex", None)
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps(log))
    problems = multitool_problems([good, bad], tmp_path)
    assert problems and all(p.startswith("bad.sarif: GH1018") for p in problems), problems


# -- what the log says -----------------------------------------------------------


def _normalized(log: dict) -> str:
    """The log as text, without what changes whenever a rule is added or its spec edited.

    rules[] and ruleIndex are checked against the registry and the specs by
    test_run_shape and test_rules_come_from_metadata_and_specs instead.
    """
    copy = json.loads(json.dumps(log))
    run = copy["runs"][0]
    run["tool"]["driver"]["rules"] = "(every rule: see test_rules_come_from_metadata_and_specs)"
    for result in run["results"]:
        result["ruleIndex"] = "(index of ruleId in rules[])"
    for base in run.get("originalUriBaseIds", {}).values():
        base["uri"] = "(file URI of the temporary project: see test_original_uri_base_ids_declare_srcroot)"
    return json.dumps(copy, indent=2, ensure_ascii=False) + "\n"


def test_fixture_log_matches_golden(sarif_logs):
    check_golden("fixture.sarif", _normalized(sarif_logs["fixture"][1]))


def test_directives_log_matches_golden(sarif_logs):
    check_golden("directives.sarif", _normalized(sarif_logs["directives"][1]))


def test_run_shape(sarif_logs):
    log = sarif_logs["fixture"][1]
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "leaklint" and driver["version"] and driver["informationUri"].startswith("https://")
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["automationDetails"]["id"] == "leaklint/"
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.code for rule in ALL_RULES] + [meta.code for meta in META_RULES]
    for result in run["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        assert len(result["locations"]) == 1
        assert "security-severity" not in json.dumps(result)
    assert "security-severity" not in json.dumps(driver)


def test_rules_come_from_metadata_and_specs(sarif_logs):
    specs = load_specs()
    rules = {rule["id"]: rule for rule in sarif_logs["clean"][1]["runs"][0]["tool"]["driver"]["rules"]}
    for rule in ALL_RULES:
        meta, spec = rule.meta(), specs[rule.code]
        descriptor = rules[rule.code]
        assert descriptor == rule_descriptor(meta, spec)
        assert descriptor["name"] == meta.name
        assert descriptor["defaultConfiguration"]["level"] == meta.severity.value
        assert descriptor["properties"]["precision"] == meta.precision
        assert "memory-leak" in descriptor["properties"]["tags"]
        assert "security-severity" not in descriptor["properties"]
        assert descriptor["shortDescription"]["text"].startswith(meta.summary)
        assert 0 < len(descriptor["fullDescription"]["text"]) <= 1024
        assert spec.sections["Why is this a leak"] in descriptor["help"]["markdown"]
        assert descriptor["help"]["text"] and "```" not in descriptor["help"]["text"]
        assert "\n## " not in descriptor["help"]["text"] and "**" not in descriptor["help"]["text"]
        assert "Why is this a leak\n------------------" in descriptor["help"]["text"]
        assert "`" in descriptor["help"]["text"]  # inline code keeps its backticks
        assert descriptor["helpUri"].endswith(f"/blob/main/rules/{rule.code}-{rule.name}.md")
        assert (ROOT / "rules" / f"{rule.code}-{rule.name}.md").is_file()


def test_location_is_repo_relative_with_utf16_columns(sarif_logs):
    results = sarif_logs["fixture"][1]["runs"][0]["results"]
    emoji = next(r for r in results if "'emoji'" in r["message"]["text"])
    location = emoji["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/app.js", "uriBaseId": "%SRCROOT%"}
    # `  const tag = '😀'; ` is 20 UTF-16 code units (the emoji is a surrogate pair) but 22 bytes.
    assert location["region"] == {"startLine": 14, "startColumn": 21, "endLine": 14, "endColumn": 62}
    percent = next(r for r in results if "a,b:c%d" in r["message"]["text"])
    uri = percent["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "src/100%25%2Cdone.ts"


def test_code_flow_walks_the_retention_chain(sarif_logs):
    results = sarif_logs["fixture"][1]["runs"][0]["results"]
    listener = next(r for r in results if "'user-update'" in r["message"]["text"])
    steps = listener["codeFlows"][0]["threadFlows"][0]["locations"]
    texts = [step["location"]["message"]["text"] for step in steps]
    lines = [step["location"]["physicalLocation"]["region"]["startLine"] for step in steps]
    assert [step["executionOrder"] for step in steps] == list(range(1, len(steps) + 1))
    assert "GET /users/:id route handler" in texts[0]
    assert "module-level binding `tracker`" in texts[1]
    assert listener["message"]["text"].startswith(texts[2] + " See: [") and lines[2] == 7
    assert "captures `userId`" in texts[3] and lines[3] == 8
    related = listener["relatedLocations"]
    assert [r["id"] for r in related] == [1, 2, 3]
    assert [r["message"]["text"] for r in related] == [texts[0], texts[1], texts[3]]


def test_suppressed_findings_are_left_out(sarif_logs):
    messages = [r["message"]["text"] for r in sarif_logs["fixture"][1]["runs"][0]["results"]]
    assert not any("'reviewed'" in m for m in messages)
    assert len(messages) == 4


def test_category(sarif_logs):
    assert sarif_logs["category"][1]["runs"][0]["automationDetails"]["id"] == "backend/api/"


def test_clean_run_has_an_empty_results_array(sarif_logs):
    run = sarif_logs["clean"][1]["runs"][0]
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"]


def test_directive_problems_are_results_of_listed_rules(sarif_logs):
    run = sarif_logs["directives"][1]["runs"][0]
    ids = sorted(r["ruleId"] for r in run["results"])
    assert ids == ["LL900", "LL901", "LL902"], ids  # the LL002 finding itself is suppressed


def test_file_errors_are_tool_notifications(sarif_logs):
    run = sarif_logs["errors"][1]["runs"][0]
    notifications = run["invocations"][0]["toolExecutionNotifications"]
    uris = sorted(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notifications)
    assert uris == ["src/binary.js", "src/broken.js"]
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["results"]


def test_samples_log_has_results(sarif_logs):
    run = sarif_logs["samples"][1]["runs"][0]
    assert run["results"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%" and location["uri"].startswith("samples/"), location


# -- fingerprints, base URIs, message links, per-file repository roots ------------------


def test_primary_location_line_hash_is_upload_sarifs(sarif_logs):
    from leaklint.report.line_hash import line_hashes

    log = sarif_logs["fixture"][1]
    root = Path(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"].removeprefix("file://"))
    from urllib.parse import unquote

    for result in log["runs"][0]["results"]:
        location = result["locations"][0]["physicalLocation"]
        source = (root / unquote(location["artifactLocation"]["uri"])).read_text(encoding="utf-8")
        expected = line_hashes(source)[location["region"]["startLine"] - 1]
        assert result["partialFingerprints"] == {"primaryLocationLineHash": expected}


def test_original_uri_base_ids_declare_srcroot(sarif_logs):
    for name, (_, log) in sarif_logs.items():
        bases = log["runs"][0]["originalUriBaseIds"]
        assert bases["%SRCROOT%"]["uri"].startswith("file:///") and bases["%SRCROOT%"]["uri"].endswith("/"), name
    samples = sarif_logs["samples"][1]["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert samples == ROOT.resolve().as_uri() + "/"


def test_messages_link_their_related_locations(sarif_logs):
    import re

    for result in sarif_logs["fixture"][1]["runs"][0]["results"]:
        ids = [r["id"] for r in result.get("relatedLocations", [])]
        linked = [int(n) for n in re.findall(r"(?<!\\)\]\((\d+)\)", result["message"]["text"])]
        assert linked == ids, result["message"]["text"]


def test_uris_are_relative_to_each_files_repository(tmp_path, monkeypatch):
    from tests.conftest import LEAKY_JS

    for name in ("one", "two"):
        (tmp_path / name / ".git").mkdir(parents=True)
        (tmp_path / name / "src").mkdir()
        (tmp_path / name / "src" / "a.js").write_text(LEAKY_JS)
    monkeypatch.chdir(tmp_path / "one")
    out = tmp_path / "out.sarif"
    result = run_cli("--format", "sarif", "--output-file", str(out), "src", str(tmp_path / "two" / "src"))
    assert result.exit_code == 1, result.output
    run = json.loads(out.read_text())["runs"][0]
    locations = sorted(
        (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"])
        for r in run["results"]
    )
    assert locations == [("src/a.js", "%SRCROOT%"), ("src/a.js", "SRCROOT2")]
    assert run["originalUriBaseIds"] == {
        "%SRCROOT%": {"uri": (tmp_path / "one").resolve().as_uri() + "/"},
        "SRCROOT2": {"uri": (tmp_path / "two").resolve().as_uri() + "/"},
    }
    assert list(_schema_validator().iter_errors(json.loads(out.read_text()))) == []
