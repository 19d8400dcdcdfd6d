"""The GitHub Action (`action.yml`): read as GitHub reads it, and its shell steps run locally.

The metadata is parsed with PyYAML and validated against the GitHub Action
schema that `check-jsonschema` vendors (`--builtin-schema vendor.github-actions`,
from SchemaStore).  Then a small runner below plays the part of GitHub's: it
evaluates the `${{ }}` expressions and `if:` conditions the action uses, runs
each `shell: bash` step as GitHub does (`bash --noprofile --norc -eo pipefail`,
a fresh `$GITHUB_OUTPUT` file per step, `working-directory` under the
workspace) against a scratch git repository with a fake `GITHUB_*`
environment, and records the `uses:` steps (actions/cache, upload-sarif) with
the inputs they would get instead of running them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import LEAKY_JS
from tests.integration_support import ROOT
from tests.test_sarif import _schema_validator

ACTION = ROOT / "action.yml"
INSTALLABLE = ("pyproject.toml", "README.md", "action.yml", "leaklint", "rules")
LISTENER_JS = """\
const bus = require('./bus');
app.get('/a', (req, res) => {
  bus.on('x', () => res.end());
});
"""


def _action() -> dict:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


# -- the metadata -------------------------------------------------------------------


def _github_action_schema() -> dict:
    vendor = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "github-actions.json"
    return json.loads(vendor.read_text(encoding="utf-8"))


def test_action_yml_is_valid_against_the_github_action_schema():
    schema = _github_action_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator_class(schema).iter_errors(_action())]
    assert errors == []


def test_the_schema_check_catches_a_broken_action():
    schema = _github_action_schema()
    broken = _action()
    broken["runs"]["steps"][0].pop("shell")  # a composite `run` step must name its shell
    broken["inputs"]["paths"]["default"] = ["."]  # inputs are strings
    assert len(list(jsonschema.validators.validator_for(schema)(schema).iter_errors(broken))) >= 1
    with pytest.raises(yaml.YAMLError):  # the old description line: an unquoted ': ' in a plain scalar
        yaml.safe_load("inputs:\n  upload:\n    description: Upload (needs `permissions: security-events: write`).\n")


def test_check_jsonschema_accepts_the_action(tmp_path):
    executable = shutil.which("check-jsonschema") or str(Path(os.sys.executable).parent / "check-jsonschema")
    completed = subprocess.run(
        [executable, "--builtin-schema", "vendor.github-actions", str(ACTION)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_action_uses_upload_sarif_v4_and_never_changes_path():
    steps = _action()["runs"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    assert "github/codeql-action/upload-sarif@v4" in uses
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "GITHUB_PATH" not in scripts and "GITHUB_ENV" not in scripts
    assert scripts.count('"$LEAKLINT" ') == 1  # one analysis: annotations and SARIF from the same run


# -- a local runner for the action's steps ------------------------------------------------


_TOKEN = re.compile(r"\s*(?:(?P<op>&&|\|\||==|!=|!)|'(?P<string>(?:[^']|'')*)'|(?P<name>[A-Za-z_][\w.\-]*(?:\(\))?))")


def evaluate(expression: str, context: dict) -> object:
    """The subset of GitHub's expression language action.yml uses: names, 'strings', ==, !=, !, &&, ||."""
    tokens = []
    position = 0
    expression = expression.strip()
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        assert match and match.end() > position, f"cannot evaluate {expression!r} at {position}"
        tokens.append(match)
        position = match.end()
        while position < len(expression) and expression[position].isspace():
            position += 1

    def value(token) -> object:
        if token.group("string") is not None:
            return token.group("string").replace("''", "'")
        name = token.group("name")
        if name in ("true", "false"):
            return name == "true"
        if name in ("success()", "always()"):
            return True
        current: object = context
        for part in name.split("."):
            current = current.get(part, "") if isinstance(current, dict) else ""
        return current

    def comparable(item: object) -> object:
        return item.lower() if isinstance(item, str) else item  # GitHub compares strings case-insensitively

    def unary(index: int) -> tuple[object, int]:
        if tokens[index].group("op") == "!":
            item, index = unary(index + 1)
            return not item, index
        return value(tokens[index]), index + 1

    def comparison(index: int) -> tuple[object, int]:
        left, index = unary(index)
        if index < len(tokens) and tokens[index].group("op") in ("==", "!="):
            op = tokens[index].group("op")
            right, index = unary(index + 1)
            equal = comparable(left) == comparable(right)
            return (equal if op == "==" else not equal), index
        return left, index

    def conjunction(index: int) -> tuple[object, int]:
        left, index = comparison(index)
        while index < len(tokens) and tokens[index].group("op") == "&&":
            right, index = comparison(index + 1)
            left = left and right
        return left, index

    def disjunction(index: int) -> tuple[object, int]:
        left, index = conjunction(index)
        while index < len(tokens) and tokens[index].group("op") == "||":
            right, index = conjunction(index + 1)
            left = left or right
        return left, index

    result, end = disjunction(0)
    assert end == len(tokens), f"unparsed tokens in {expression!r}"
    return result


def substitute(text: str, context: dict) -> str:
    """Replace every `${{ expression }}` in a string, as the runner does before a step starts."""

    def replace(match: re.Match) -> str:
        result = evaluate(match.group(1), context)
        return "true" if result is True else "false" if result is False else str(result)

    return re.sub(r"\$\{\{(.*?)\}\}", replace, text)


@dataclass
class StepRecord:
    id: str
    name: str
    ran: bool
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    uses: str | None = None
    inputs: dict = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: list[StepRecord]
    outputs: dict[str, dict[str, str]]

    def step(self, step_id: str) -> StepRecord:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def log(self) -> str:
        return "".join(s.stdout + s.stderr for s in self.steps)


def _read_outputs(path: Path) -> dict[str, str]:
    outputs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, separator, value = line.partition("=")
        assert separator, f"unexpected GITHUB_OUTPUT line {line!r}"
        outputs[name] = value
    return outputs


def run_action(
    workspace: Path,
    runner_temp: Path,
    inputs: dict[str, str],
    github: dict[str, str],
    action_path: Path,
    skip: dict[str, dict[str, str]] | None = None,
) -> ActionRun:
    """Run action.yml's steps in order; steps named in ``skip`` are not run but have the given outputs."""
    action = _action()
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs: dict[str, dict[str, str]] = dict(skip or {})
    context = {
        "inputs": values,
        "github": {"action_path": str(action_path), "workspace": str(workspace)},
        "runner": {"temp": str(runner_temp), "os": "Linux"},
        "steps": {},
    }
    commands = runner_temp / "commands"
    commands.mkdir(exist_ok=True)
    base_env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))}
    base_env.pop("VIRTUAL_ENV", None)
    base_env.update(
        {
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_ACTION_PATH": str(action_path),
            "GITHUB_PATH": str(commands / "path"),
            "GITHUB_ENV": str(commands / "env"),
            "RUNNER_TEMP": str(runner_temp),
            "RUNNER_OS": "Linux",
            **github,
        }
    )
    for name in ("path", "env"):
        (commands / name).write_text("")
    records = []
    failed = False
    for number, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        context["steps"] = {key: {"outputs": value} for key, value in outputs.items()}
        if step_id in (skip or {}):
            continue
        condition = step.get("if", "success()")
        condition = condition.strip()
        if condition.startswith("${{"):
            condition = condition[3:].rstrip()[:-2]
        if failed or not evaluate(condition, context):
            records.append(StepRecord(step_id, step["name"], ran=False, uses=step.get("uses")))
            continue
        if "uses" in step:
            resolved = {key: substitute(str(value), context) for key, value in step.get("with", {}).items()}
            records.append(StepRecord(step_id, step["name"], ran=True, uses=step["uses"], inputs=resolved))
            continue
        assert step["shell"] == "bash"
        script = runner_temp / f"{step_id}.sh"
        script.write_text(substitute(step["run"], context), encoding="utf-8")
        output_file = commands / f"output-{step_id}"
        output_file.write_text("")
        env = {**base_env, "GITHUB_OUTPUT": str(output_file)}
        env.update({key: substitute(str(value), context) for key, value in step.get("env", {}).items()})
        cwd = workspace / substitute(step.get("working-directory", "."), context)
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        outputs[step_id] = _read_outputs(output_file)
        records.append(
            StepRecord(step_id, step["name"], True, completed.returncode, completed.stdout, completed.stderr)
        )
        failed = completed.returncode != 0
    assert (commands / "path").read_text() == "", "the action must not add to PATH"
    assert (commands / "env").read_text() == "", "the action must not set job-wide environment variables"
    return ActionRun(records, outputs)


def test_the_expression_subset_behaves_like_githubs():
    context = {"inputs": {"upload": "true", "empty": ""}, "steps": {"run": {"outputs": {"exit-code": "1"}}}}
    assert evaluate("inputs.upload == 'TRUE'", context) is True
    assert evaluate("inputs.upload == 'true' && steps.run.outputs.exit-code != '2'", context) is True
    assert evaluate("inputs.empty || steps.run.outputs.exit-code == '0'", context) is False
    assert evaluate("!inputs.empty", context) is True
    assert substitute("a ${{ steps.run.outputs.exit-code }} b ${{ inputs.missing }}c", context) == "a 1 b c"


# -- running it ---------------------------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@leaklint.invalid", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@dataclass
class Scratch:
    workspace: Path
    runner_temp: Path
    action_path: Path
    event_path: Path
    first: ActionRun


INPUTS = {
    "working-directory": "app",
    # A folder, and a file whose name has a space and glob brackets: one argument each.
    "paths": "src\n  weird [dir]/a b.js  \n",
    "args": "--select\nLL001,LL002\n",
    "sarif-file": "reports/leaklint.sarif",
}
PUSH = {
    "GITHUB_EVENT_NAME": "push",
    "GITHUB_REPOSITORY": "acme/shop",
    "GITHUB_ACTOR": "octocat",
    "GITHUB_SHA": "0" * 40,
    "GITHUB_REF": "refs/heads/main",
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Scratch:
    """A scratch repository and one full run of the action on a push (installing leaklint once)."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to make the scratch repository")
    base = tmp_path_factory.mktemp("action")
    action_path = base / "action"
    action_path.mkdir()
    for name in INSTALLABLE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, action_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, action_path / name)
    workspace = base / "workspace"
    (workspace / "app" / "src").mkdir(parents=True)
    (workspace / "app" / "src" / "leaky.js").write_text(LEAKY_JS)
    (workspace / "app" / "weird [dir]").mkdir()
    (workspace / "app" / "weird [dir]" / "a b.js").write_text(LISTENER_JS)
    (workspace / "app" / "weird [dir]" / "other.js").write_text(LEAKY_JS)  # not named: not checked
    (workspace / "app" / "src" / "generated").mkdir()
    (workspace / "app" / "src" / "generated" / "g.js").write_text(LEAKY_JS)
    (workspace / "app" / "leaklint.toml").write_text('extend-exclude = ["generated"]\n')
    _git(workspace, "init", "-q")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "scratch")
    runner_temp = base / "runner-temp"
    runner_temp.mkdir()
    event_path = base / "event.json"
    event_path.write_text(json.dumps({"ref": "refs/heads/main"}))
    first = run_action(workspace, runner_temp, INPUTS, {**PUSH, "GITHUB_EVENT_PATH": str(event_path)}, action_path)
    return Scratch(workspace, runner_temp, action_path, event_path, first)


def _rerun(scratch: Scratch, inputs: dict[str, str], github: dict[str, str], event: dict | None = None) -> ActionRun:
    """Run the action again without reinstalling leaklint (the first run's install outputs stand)."""
    event_path = scratch.event_path
    if event is not None:
        event_path = scratch.runner_temp / f"event-{len(list(scratch.runner_temp.glob('event-*')))}.json"
        event_path.write_text(json.dumps(event))
    skip = {name: scratch.first.outputs[name] for name in ("prepare", "install")}
    return run_action(
        scratch.workspace,
        scratch.runner_temp,
        {**INPUTS, **inputs},
        {**PUSH, "GITHUB_EVENT_PATH": str(event_path), **github},
        scratch.action_path,
        skip=skip,
    )


def _annotations(log: str) -> set[tuple[str, int, str]]:
    found = set()
    for line in log.splitlines():
        match = re.match(r"::(warning|error) file=([^,]+),line=(\d+),.*title=(LL\d+)", line)
        if match:
            found.add((match.group(2).replace("%2C", ",").replace("%3A", ":"), int(match.group(3)), match.group(4)))
    return found


def test_install_uses_its_own_venv_and_a_cached_pip(scratch):
    run = scratch.first
    install = run.step("install")
    assert install.exit_code == 0, install.stdout + install.stderr
    leaklint = Path(run.outputs["install"]["leaklint"])
    assert leaklint.is_file() and leaklint.parent.parent == scratch.runner_temp / "leaklint-venv"
    cache = run.step(next(s.id for s in run.steps if s.uses and s.uses.startswith("actions/cache@")))
    assert cache.ran and cache.inputs["path"] == str(scratch.runner_temp / "leaklint-pip-cache")
    assert re.fullmatch(r"leaklint-pip-Linux-py3\.\d+-[0-9a-f]{16}", cache.inputs["key"])
    install_env = next(s for s in _action()["runs"]["steps"] if s.get("id") == "install")["env"]
    assert install_env["PIP_CACHE_DIR"] == "${{ steps.prepare.outputs.pip-cache }}"


def test_one_run_prints_annotations_and_writes_the_sarif_it_uploads(scratch):
    run = scratch.first
    step = run.step("run")
    assert step.exit_code == 0, step.stdout + step.stderr
    assert run.outputs["run"]["exit-code"] == "1"
    sarif_path = Path(run.outputs["run"]["sarif-file"])
    assert sarif_path == scratch.workspace / "app" / "reports" / "leaklint.sarif"
    log = json.loads(sarif_path.read_text())
    assert list(_schema_validator().iter_errors(log)) == []
    results = {
        (
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
            r["ruleId"],
        )
        for r in log["runs"][0]["results"]
    }
    # Paths are relative to the repository root, not to working-directory; the file with a space and
    # brackets was one argument; `generated` is excluded by app/leaklint.toml; other.js was not named.
    assert results == {("app/src/leaky.js", 1, "LL001"), ("app/weird%20%5Bdir%5D/a%20b.js", 3, "LL002")}
    annotations = _annotations(step.stdout)
    assert annotations == {("app/src/leaky.js", 1, "LL001"), ("app/weird [dir]/a b.js", 3, "LL002")}
    upload = run.step(next(s.id for s in run.steps if s.uses and "upload-sarif" in s.uses))
    assert upload.ran and upload.uses == "github/codeql-action/upload-sarif@v4"
    assert upload.inputs == {"sarif_file": str(sarif_path), "category": "leaklint"}
    assert not run.step(run.steps[-1].id).ran  # fail-on-findings is off by default


def test_a_users_format_option_does_not_break_the_sarif(scratch):
    run = _rerun(scratch, {"args": "--format\njson", "sarif-file": "user-format.sarif"}, {})
    assert run.outputs["run"]["exit-code"] == "1"
    log = json.loads((scratch.workspace / "app" / "user-format.sarif").read_text())
    assert log["runs"][0]["results"]
    assert json.loads(run.step("run").stdout)["findings"]  # the log shows the user's format


@pytest.mark.parametrize(
    "github,event,reason",
    [
        (
            {"GITHUB_EVENT_NAME": "pull_request"},
            {"pull_request": {"head": {"repo": {"full_name": "mallory/shop"}}}},
            "pull requests from forks (mallory/shop)",
        ),
        ({"GITHUB_EVENT_NAME": "pull_request", "GITHUB_ACTOR": "dependabot[bot]"}, None, "Dependabot"),
        ({"GITHUB_EVENT_NAME": "push", "GITHUB_ACTOR": "dependabot[bot]"}, None, "Dependabot"),
    ],
)
def test_upload_is_skipped_with_a_notice_when_the_token_is_read_only(scratch, github, event, reason):
    if event is None:
        event = {"pull_request": {"head": {"repo": {"full_name": "acme/shop"}}}}
    run = _rerun(scratch, {}, github, event)
    permission = run.step("permission")
    assert permission.exit_code == 0, permission.stderr
    assert "::notice title=leaklint::SARIF upload skipped" in permission.stdout and reason in permission.stdout
    upload = next(s for s in run.steps if s.uses and "upload-sarif" in s.uses)
    assert not upload.ran


def test_pull_request_from_the_same_repository_uploads(scratch):
    event = {"pull_request": {"head": {"repo": {"full_name": "acme/shop"}}}}
    run = _rerun(scratch, {}, {"GITHUB_EVENT_NAME": "pull_request"}, event)
    assert "::notice" not in run.step("permission").stdout
    assert next(s for s in run.steps if s.uses and "upload-sarif" in s.uses).ran


def test_fail_on_findings_fails_the_job(scratch):
    run = _rerun(scratch, {"fail-on-findings": "true"}, {})
    last = run.steps[-1]
    assert last.ran and last.exit_code == 1 and "leaklint reported findings" in last.stdout


def test_a_leaklint_error_fails_the_step_and_skips_the_upload(scratch):
    run = _rerun(scratch, {"args": "--select\nLL999"}, {})
    step = run.step("run")
    assert step.exit_code == 2
    assert "::error title=leaklint::leaklint failed with exit code 2" in step.stdout
    assert "unknown rule 'LL999'" in step.stderr
    assert not any(s.ran for s in run.steps[run.steps.index(step) + 1 :])
