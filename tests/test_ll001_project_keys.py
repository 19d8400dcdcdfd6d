"""LL001 facts the project link decides: what every caller in the project passes, and who calls a clean-up.

Each case is a small project written to a temporary folder and analyzed as
one run through the CLI (``test_project_link.run_json``); each fact has rows
of both signs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_project_link import run_json


def ll001_lines(tmp_path: Path, files: dict[str, str], only: str | None = None) -> list[tuple[str, int]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    found = run_json(*([only] if only else ["."]), cwd=tmp_path)["findings"]
    return sorted((f["path"], f["line"]) for f in found if f["rule"] == "LL001")


def findings(tmp_path: Path, files: dict[str, str]) -> list[dict]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [f for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL001"]


# -- 1. a helper whose every call in the project passes a literal has a fixed key set ---------------

MEMO_HELPER = """\
const cache = new Map();
function getX(key) {
  if (!cache.has(key)) cache.set(key, compute(key));
  return cache.get(key);
}
function compute(k) { return { k }; }
module.exports = { getX };
"""

ROUTES = """\
const { getX } = require('./cache');
const express = require('express');
const app = express();
app.get('/a', (req, res) => { res.send(getX('alpha')); });
app.get('/b', (req, res) => { res.send(getX(%s)); });
"""


@pytest.mark.parametrize(
    ("argument", "reported"),
    [
        ("'beta'", False),  # two string literals: two keys at most
        ("3", False),  # a number literal
        ("`gamma`", False),  # a template without substitutions
        ("req.query.name", True),  # request data: one entry per distinct name
        ("`${req.params.id}`", True),  # a template built from request data
        ("name", True),  # a variable of the route (below): the link cannot say it is fixed
    ],
)
def test_a_helper_called_only_with_literals_has_a_bounded_key(tmp_path, argument, reported):
    routes = ROUTES % argument
    if argument == "name":
        routes = routes.replace("(req, res) => { res.send(getX(name)", "(req, res) => { const name = req.body.n; res.send(getX(name)")
    lines = ll001_lines(tmp_path, {"cache.js": MEMO_HELPER, "route.js": routes})
    assert lines == ([("cache.js", 1)] if reported else [])


@pytest.mark.parametrize(
    ("extra", "reported"),
    [
        ("", False),
        # the file itself calls it with a parameter of another exported function: not every call is a literal
        ("function getFor(user) { return getX(user.name); }\nmodule.exports.getFor = getFor;\n", True),
        # handed out as a value: callers the link cannot follow
        ("module.exports.handlers = [getX];\n", True),
    ],
)
def test_a_call_the_link_cannot_read_keeps_the_key_unbounded(tmp_path, extra, reported):
    lines = ll001_lines(tmp_path, {"cache.js": MEMO_HELPER + extra, "route.js": ROUTES % "'beta'"})
    assert lines == ([("cache.js", 1)] if reported else [])


def linked_facts(tmp_path: Path, files: dict[str, str]) -> dict:
    from leaklint.engine import AnalysisOptions, analyze_path
    from leaklint.project.link import link

    entries = []
    for name, text in files.items():
        (tmp_path / name).write_text(text)
        summary = analyze_path(str(tmp_path / name), name, AnalysisOptions(summarize=True)).summary
        entries.append((str(tmp_path / name), summary))
    return {Path(path).name: fact for path, fact in link(entries).items()}


@pytest.mark.parametrize(
    ("second", "literal"),
    [("'beta'", True), ("req.query.name", False)],
)
def test_the_literal_fact_names_what_the_callers_pass(tmp_path, second, literal):
    facts = linked_facts(tmp_path, {"cache.js": MEMO_HELPER, "route.js": ROUTES % second})
    linked = facts["cache.js"].parameter("getX", 0) if "cache.js" in facts else None
    assert bool(linked is not None and linked.literal) == literal
    if literal:
        assert "`'alpha'`" in linked.reason and "`'beta'`" in linked.reason


def test_a_partial_link_does_not_decide_every_call(tmp_path):
    from leaklint.engine import AnalysisOptions, analyze_path
    from leaklint.project.link import link

    entries = []
    for name, text in {"cache.js": MEMO_HELPER, "route.js": ROUTES % "'beta'"}.items():
        (tmp_path / name).write_text(text)
        summary = analyze_path(str(tmp_path / name), name, AnalysisOptions(summarize=True)).summary
        entries.append((str(tmp_path / name), summary))
    facts = {Path(path).name: fact for path, fact in link(entries, complete=False).items()}
    linked = facts["cache.js"].parameter("getX", 0) if "cache.js" in facts else None
    assert linked is None or not linked.literal
    assert ll001_lines(tmp_path, {}) == []  # the complete run of the same project decides it
