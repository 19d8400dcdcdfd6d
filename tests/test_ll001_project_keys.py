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


# -- 2. a for-of loop variable has the provenance of what the loop iterates ---------------------------

LOOP = """\
const express = require('express');
const app = express();
const seen = new Map();
{before}
function record(items) {{
  for (const item of {iterable}) seen.set({key}, Date.now());
}}
app.post('/x', (req, res) => {{ record(req.body.items); res.end(); }});
"""


@pytest.mark.parametrize(
    ("before", "iterable", "key", "reported"),
    [
        ("", "items", "item.id", True),  # the parameter's items: request data
        ("", "items", "item", True),
        ("", "Object.values(items)", "item.id", True),
        ("", "['a', 'b']", "item", False),  # a literal list
        ("", "[{ id: 'a' }, { id: 'b' }]", "item.id", False),  # object literals of literal values
        ("", "[{ id: 'a' }, { id: items.length }]", "item.id", True),  # one item built from data: not a fixed list
        ("const KINDS = [{ id: 'a' }, { id: 'b' }];", "KINDS", "item.id", False),  # a module-level constant list
        ("const KINDS = [{ id: 'a' }, { id: 'b' }];", "KINDS", "item['id']", False),
        ("let kinds = [{ id: 'a' }];", "kinds", "item.id", True),  # a `let` list: may be replaced by anything
    ],
)
def test_a_loop_variable_key_takes_the_provenance_of_the_iterated_list(before, iterable, key, reported):
    from tests.ruletest import run

    found = run(LOOP.format(before=before, iterable=iterable, key=key), "LL001")
    assert [f.line for f in found] == ([3] if reported else [])


def model_of(source: str):
    from leaklint import syntax
    from leaklint.model import FileModel
    from leaklint.model.options import ModelOptions

    data = source.encode()
    tree, grammar = syntax.parse_best(data, syntax.Grammar.JAVASCRIPT)
    return FileModel("case.js", data, grammar, tree, options=ModelOptions.from_pairs(()))


def test_the_loop_fact_is_said_in_the_bounded_reason():
    from leaklint.model.shape import bounded_key, growth_key

    reasons = {}
    for iterable in ("KINDS", "[{ id: 'a' }]", "items"):
        model = model_of(LOOP.format(before="const KINDS = [{ id: 'a' }];", iterable=iterable, key="item.id"))
        [site] = model.method_calls("set")
        reasons[iterable] = bounded_key(model, growth_key(site.node), model.function_at(site.node))
    assert reasons == {
        "KINDS": "a field of an entry of the fixed table `KINDS`",
        "[{ id: 'a' }]": "a field of an entry of a literal list",
        "items": None,
    }


# -- 3. the memoizing lookup made by a same-file helper ----------------------------------------------


@pytest.mark.parametrize(
    ("helper", "call", "reported"),
    [
        ("function lookup(key) { return cache.get(key); }", "!lookup(url)", True),
        ("function known(key) { return cache.has(key); }", "!known(url)", True),
        ("const lookup = (key) => key in cache_obj;", "!lookup(url)", True),
        ("function lookup(key) { return other.get(key); }", "!lookup(url)", False),  # another collection
        ("function lookup(key) { return cache.get(key); }", "!lookup(url + '?')", False),  # not the growth key
        ("function lookup(key) { return cache.get('default'); }", "!lookup(url)", False),  # not by its parameter
        ("function lookup() { return cache.size > 10; }", "!lookup(url)", False),  # no lookup of an entry
    ],
)
def test_a_lookup_made_by_a_same_file_helper_is_the_memoizing_shape(helper, call, reported):
    from tests.ruletest import run

    uses_object = "cache_obj" in helper
    growth = "cache_obj[url] = { url };" if uses_object else "cache.set(url, { url });"
    code = (
        ("const cache_obj = {};\n" if uses_object else "const cache = new Map();\n")
        + "const other = new Map();\n"
        + helper + "\n"
        + f"export function resolve(url) {{\n  if ({call}) {growth}\n  return 1;\n}}\n"
    )
    found = run(code, "LL001")
    assert [f.line for f in found] == ([1] if reported else [])
    if reported:
        assert "is a cache filled in `resolve()` by its parameter `url`" in found[0].message


@pytest.mark.parametrize(("lookup", "reported"), [("this.cache.get(key)", True), ("this.other.get(key)", False)])
def test_a_method_helper_through_this(lookup, reported):
    from tests.ruletest import run

    code = f"""
    export class Resolver {{
      constructor() {{ this.cache = new Map(); this.other = new Map(); }}
      lookup(key) {{ return {lookup}; }}
      resolve(url) {{
        if (!this.lookup(url)) this.cache.set(url, {{ url }});
        return 1;
      }}
    }}
    """
    found = run(code, "LL001")
    assert [f.line for f in found] == ([2] if reported else [])
    if reported:
        assert "Map field `cache`" in found[0].message


# -- 4. a clean-up API no production code calls bounds nothing ("uncalled clean-up") ----------------

REGISTRY = """\
class Registry {
  constructor() { this.items = new Map(); }
  add(id, value) { this.items.set(id, value); }
  unregister(id) { this.items.delete(id); }
}
module.exports = new Registry();
"""

SERVER = """\
const registry = require('./registry');
const express = require('express');
const app = express();
app.post('/x', (req, res) => { registry.add(req.body.id, req.body); res.end(); });
"""


@pytest.mark.parametrize(
    ("files", "reported"),
    [
        ({}, True),  # nothing calls unregister()
        ({"test/registry.test.js": "const r = require('../registry');\nr.unregister('a');\n"}, True),  # a test only
        ({"worker.js": "const r = require('./registry');\nfunction done(id) { r.unregister(id); }\nmodule.exports = { done };\n"},
         False),  # production code calls it
        ({"hooks.js": "const r = require('./registry');\nmodule.exports = { hook: r.unregister };\n"}, False),  # handed on
        ({"registry.js": REGISTRY.replace("add(id, value) {", "add(id, value) { this.unregister(id);")}, False),  # own file
        ({"registry.js": REGISTRY.replace("module.exports", "Registry.prototype.run = function (m, id) { this[m](id); };\nmodule.exports")},
         False),  # a computed call: any member may be the one
        ({"registry.js": REGISTRY.replace("unregister(id)", "dispose(id)")}, False),  # a name frameworks call
        # a sweep (a loop over the entries) is an eviction policy: who starts it is not this fact's question
        ({"registry.js": REGISTRY.replace("unregister(id) { this.items.delete(id); }",
                                          "prune() { for (const [k, v] of this.items) if (v.old) this.items.delete(k); }")},
         False),
    ],
)
def test_a_removal_only_in_an_uncalled_clean_up_does_not_bound(tmp_path, files, reported):
    found = findings(tmp_path, {"registry.js": REGISTRY, "server.js": SERVER, **files})
    assert [(f["path"], f["line"]) for f in found] == ([("registry.js", 2)] if reported else [])
    if reported:
        assert found[0]["confidence"] == "medium"
        notes = [r["message"] for r in found[0]["related"]]
        assert any("`unregister()`" in n and "(uncalled clean-up)" in n for n in notes), notes


# The file's own timer grows it, so no other linked fact sends it to the second pass: the uncalled
# clean-up alone must (ExternalFacts.adds_findings).
SAMPLES = """\
const samples = new Map();
setInterval(() => { samples.set(Date.now(), process.memoryUsage()); }, 1000);
function forget(at) { samples.delete(at); }
function latest() { return samples.size; }
module.exports = { forget, latest };
"""


@pytest.mark.parametrize(
    ("server", "reported"),
    [
        ("const { latest } = require('./samples');\nrequire('express')().get('/n', (req, res) => res.json(latest()));\n",
         True),  # nothing calls forget()
        ("const s = require('./samples');\nrequire('express')().delete('/n/:at', (req, res) => { s.forget(+req.params.at); res.end(); });\n",
         False),  # a route calls it
    ],
)
def test_an_uncalled_clean_up_alone_sends_the_file_to_the_second_pass(tmp_path, server, reported):
    found = findings(tmp_path, {"samples.js": SAMPLES, "server.js": server})
    assert [(f["path"], f["line"]) for f in found] == ([("samples.js", 1)] if reported else [])
    if reported:
        assert any("`forget()`" in r["message"] and "(uncalled clean-up)" in r["message"] for r in found[0]["related"])


@pytest.mark.parametrize(
    ("layout", "reported"),
    [
        ({"registry.js": REGISTRY, "server.js": SERVER}, True),
        # the module is the folder's index: a package entry, callers may be outside the project
        ({"registry/index.js": REGISTRY, "server.js": SERVER.replace("'./registry'", "'./registry/index'")}, False),
        # re-exported whole by another module: its names may be used through that one
        ({"registry.js": REGISTRY, "server.js": SERVER, "api.js": "export * from './registry';\n"}, False),
        # a component's template may call it (`@click="registry.unregister(id)"`): templates are not summarized
        ({"registry.js": REGISTRY, "server.js": SERVER, "Panel.vue": "<template><b/></template>\n<script>\nexport default {};\n</script>\n"},
         False),
        # nobody imports it: its users are outside the project
        ({"registry.js": REGISTRY.replace("module.exports = new Registry();", "module.exports = new Registry();\n"
                                          "require('express')().post('/x', (req) => module.exports.add(req.body.id, 1));")},
         False),
    ],
)
def test_only_a_module_whose_users_the_project_shows(tmp_path, layout, reported):
    found = findings(tmp_path, layout)
    uncalled = [f for f in found if any("(uncalled clean-up)" in r["message"] for r in f["related"])]
    assert bool(uncalled) == reported


def test_a_partial_link_does_not_say_uncalled(tmp_path):
    from leaklint.engine import AnalysisOptions, analyze_path
    from leaklint.project.link import link

    entries = []
    for name, text in {"registry.js": REGISTRY, "server.js": SERVER}.items():
        (tmp_path / name).write_text(text)
        entries.append((str(tmp_path / name), analyze_path(str(tmp_path / name), name, AnalysisOptions(summarize=True)).summary))
    complete = {Path(p).name: f.uncalled_cleanups for p, f in link(entries).items()}
    partial = {Path(p).name: f.uncalled_cleanups for p, f in link(entries, complete=False).items()}
    assert complete.get("registry.js") == ("unregister",)
    assert not partial.get("registry.js")


# -- 5. a removal in the callback a resource registers for its own end is its entry's lifecycle ---------

TERMINALS = """\
import * as pty from 'node-pty';
class TerminalService {
  private listeners = new Map<string, Set<(s: string) => void>>();
  create(id: string): void {
    const term = pty.spawn('bash', [], {});
    term.REGISTER(() => { this.listeners.delete(id); });
  }
  onOutput(id: string, fn: (s: string) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) { set = new Set(); this.listeners.set(id, set); }
    set.add(fn);
    return () => set?.delete(fn);
  }
}
export const terminals = new TerminalService();
"""

TERMINAL_ROUTES = """\
import { WebSocketServer } from 'ws';
import { terminals } from './terminals';
new WebSocketServer({ port: 1 }).on('connection', (ws) => {
  ws.on('message', (raw: string) => {
    const msg = JSON.parse(raw);
    if (msg.type === 'create') terminals.create(msg.id);
    terminals.onOutput(msg.id, (s) => ws.send(s));
  });
});
"""


@pytest.mark.parametrize(
    ("register", "reported"),
    [
        ("onExit", False),  # node-pty's exit event: the entry goes with its terminal
        ("onDidClose", False),  # VS Code-style end event
        ("onData", True),  # output, not the end: the removal is then on no schedule the file shows
        ("onExitCode", True),  # not the end event itself
    ],
)
def test_a_removal_in_the_resources_own_end_callback_bounds_it(tmp_path, register, reported):
    found = findings(tmp_path, {"terminals.ts": TERMINALS.replace("REGISTER", register), "routes.ts": TERMINAL_ROUTES})
    assert [(f["path"], f["line"]) for f in found] == ([("terminals.ts", 3)] if reported else [])
