"""Model facts for the round-5 miss causes (tests/corpus/README.md, "Round 5", causes 1 and 2).

- project link: `new F(…)` of an ES5 constructor function (imported, or of
  the same file) runs F's body, as a call does, so F runs as often as the
  code that makes the instances; `F.create()` on an imported function is
  its function-valued property; a constructor made only by code the link
  shows to run once runs once;
- removals: a removal in a function its enclosing function returns (a
  disposer, `return () => m.delete(k)`) runs when the entry ends, so it
  bounds a cache filled from other files like a close listener does.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main

PROJECTS = Path(__file__).parent / "projects"


def run_json(*args: str, cwd: Path) -> list[dict]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def located(findings: list[dict], rule: str = "LL001") -> set[tuple[str, int]]:
    return {(f["path"], f["line"]) for f in findings if f["rule"] == rule}


# -- (1) constructor frequency across files --------------------------------------------------

# (project, file, line, reported with the whole project, reported with the file alone)
CONSTRUCTOR_CASES = [
    # `Session.open()` per connection does `new Session()`, whose body calls `stores.storeFor()`
    ("es5-constructor-per-connection", "lib/stores.js", 1, True, False),
    # `new Upload()` per connection, imported: the constructor's growth is per connection
    ("es5-constructor-per-connection", "lib/upload.js", 1, True, True),
    # the same files, every instance made once at module level: nothing repeats
    ("es5-constructor-once", "lib/stores.js", 1, False, False),
    ("es5-constructor-once", "lib/upload.js", 1, False, True),
    # `new Session()` only from `Session.open()`, called once from another file: the constructor runs once
    ("es5-constructor-once", "lib/session.js", 3, False, True),
]


@pytest.mark.parametrize(("project", "path", "line", "reported", "alone"), CONSTRUCTOR_CASES)
def test_a_constructor_run_with_new_from_another_file_runs_as_often_as_its_caller(project, path, line, reported, alone):
    root = PROJECTS / project
    assert ((path, line) in located(run_json(".", cwd=root))) is reported
    assert ((path, line) in located(run_json(path, cwd=root))) is alone


def test_the_chain_walks_through_the_constructor():
    findings = run_json(".", cwd=PROJECTS / "es5-constructor-per-connection")
    finding = next(f for f in findings if f["path"] == "lib/stores.js")
    messages = [r["message"] for r in finding["related"]]
    assert any("Session.open" in m for m in messages)
    assert any("new Session(user, id)" in m for m in messages)
    assert "on every connection" in finding["message"]


def test_a_constructor_made_per_connection_and_once_elsewhere_keeps_repeating(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "es5-constructor-per-connection", root)
    (root / "lib" / "boot.js").write_text("var Session = require('./session');\nmodule.exports = Session.open('a', 'b');\n")
    assert ("lib/stores.js", 1) in located(run_json(".", cwd=root))


# -- (1b) a returned disposer is the entry's lifecycle -------------------------------------

_RELEASE = """Session.prototype.release = function () {
  var user = this.user;
  var id = this.id;
  return function () {
    delete sessionsByUser[user][id];"""

# `release()` of lib/session.js as each case writes it
DISPOSERS = [
    # a returned closure, run by the caller when the session ends (socket 'close'): bounded
    (_RELEASE, False),
    # the same removal kept as a method of the instance, for callers to name: only when asked
    (
        """Session.prototype.release = function () {
  var user = this.user;
  var id = this.id;
  this.drop = function () {
    delete sessionsByUser[user][id];""",
        True,
    ),
]


@pytest.mark.parametrize(("release", "reported"), DISPOSERS)
def test_a_removal_in_a_returned_disposer_bounds_the_cache(tmp_path, release, reported):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "es5-constructor-per-connection", root)
    session = root / "lib" / "session.js"
    text = session.read_text()
    assert _RELEASE in text
    session.write_text(text.replace(_RELEASE, release))
    assert (("lib/session.js", 3) in located(run_json(".", cwd=root))) is reported
