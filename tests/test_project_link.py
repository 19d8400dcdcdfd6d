"""The project model: findings whose chain crosses files, and cross-file facts that remove false positives.

Each case is a tree under tests/projects/<name>/, analyzed as one project
through the CLI (the way users and the corpus scorer run it). For every
leak the table also checks that the file alone cannot see it, so a pass
proves the link phase did the work.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from leaklint.engine import AnalysisOptions, analyze_path
from leaklint.project.link import link
from leaklint.project.summary import SUMMARY_VERSION, FileSummary

PROJECTS = Path(__file__).parent / "projects"


def run_json(*args: str, cwd: Path) -> dict:
    import os

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", *args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)


def findings_of(project: str, *paths: str) -> list[dict]:
    root = PROJECTS / project
    return run_json(*(paths or ["."]), cwd=root)["findings"]


# (project, rule, file of the finding, line, [files the related chain must walk through, in order])
LEAKS = [
    ("static-cache-route", "LL001", "services/score-board.js", 2, ["routes/scores.js", "services/score-board.js"]),
    ("pad-cache-socket", "LL001", "db/documents.js", 4, ["handlers/editor-socket.js", "db/documents.js"]),
    ("rate-limiter-paths", "LL001", "server/utils/Limiters.ts", 4, ["server/middlewares/rateLimit.ts", "server/utils/Limiters.ts"]),
    ("emitter-per-request", "LL002", "bus.js", 6, ["server.js", "bus.js"]),
    ("reexports", "LL001", "services/users.js", 1, ["routes/profile.js", "services/users.js"]),
    ("reexports", "LL001", "services/visits.js", 1, ["routes/profile.js", "services/visits.js"]),
    ("reexports", "LL001", "services/audit.js", 1, ["routes/profile.js", "services/audit.js"]),
    ("workspace", "LL001", "packages/cache/src/index.ts", 1, ["apps/api/server.ts", "packages/cache/src/index.ts"]),
    ("instance-export", "LL001", "registry.js", 3, ["gateway.js", "registry.js"]),
    # a get-or-create cache whose only removals run when code names a key (monitor deleted)
    ("gauge-cache-route", "LL001", "metrics/gauges.js", 3, ["routes/badges.js", "metrics/gauges.js"]),
    # the same through an object literal that keeps its entries behind its own lookup/store methods
    ("document-wrapper-socket", "LL001", "store/documents.ts", 5, ["sockets/editor.ts", "store/documents.ts"]),
    # a Meteor method (an RPC any client calls) reaching a cache through a root import (`/imports/…`)
    ("meteor-methods", "LL001", "imports/api/previews.js", 2, ["server/methods.js", "imports/api/previews.js"]),
    # `require('./dist/…')` and a workspace package whose `main` is `dist/index.js`: tsconfig outDir -> rootDir
    ("built-output", "LL001", "src/services/score-board.ts", 1, ["server.js", "src/services/score-board.ts"]),
    ("built-output", "LL001", "packages/cache/src/index.ts", 1, ["server.js", "packages/cache/src/index.ts"]),
    # `const { getUser } = await import('./users.js')` and `(await import('./visits.js')).countVisit()` in a route
    ("dynamic-import", "LL001", "services/users.js", 1, ["server.js", "services/users.js"]),
    ("dynamic-import", "LL001", "services/visits.js", 1, ["server.js", "services/visits.js"]),
]


@pytest.mark.parametrize(("project", "rule", "path", "line", "chain"), LEAKS, ids=[f"{c[0]}:{c[2]}" for c in LEAKS])
def test_cross_file_leak_is_reported_with_its_chain(project, rule, path, line, chain):
    found = [f for f in findings_of(project) if f["path"] == path and f["rule"] == rule]
    assert [f["line"] for f in found] == [line]
    walked = [r["path"] for r in found[0]["related"]]
    positions = [walked.index(step) for step in chain]  # each file appears, in chain order
    assert positions == sorted(positions)
    assert found[0]["confidence"] == "high"


@pytest.mark.parametrize(("project", "rule", "path", "line", "chain"), LEAKS, ids=[f"{c[0]}:{c[2]}" for c in LEAKS])
def test_the_file_alone_cannot_see_it(project, rule, path, line, chain):
    # Alone, the file shows at most a shape inference (confidence medium, no cross-file chain);
    # only the link makes the finding certain.
    alone = [f for f in findings_of(project, path) if f["rule"] == rule]
    assert [f for f in alone if f["confidence"] == "high"] == []
    assert all(r["path"] == path for f in alone for r in f["related"])


# (project, file, line, files the chain walks): the base class's method is reached from the route through
# the subclass. The file alone reports it too (a method of a class); the link must keep it, with the route.
SUPERCLASS_CHAINS = [
    # a route restarts a subclass whose `start()` runs the imported base's through `super.start()`
    ("super-base-repeats", "lib/poller.ts", 5, ["lib/index.ts", "lib/feed.ts", "lib/poller.ts"]),
    # the same with `start()` inherited, not overridden: `poller.start()` is the base class's method
    ("super-base-inherited", "lib/poller.ts", 5, ["lib/index.ts", "lib/poller.ts"]),
]


@pytest.mark.parametrize(("project", "path", "line", "chain"), SUPERCLASS_CHAINS, ids=[c[0] for c in SUPERCLASS_CHAINS])
def test_a_base_class_method_reached_through_its_subclass_keeps_the_route(project, path, line, chain):
    found = [f for f in findings_of(project) if f["rule"] == "LL004"]
    assert [(f["path"], f["line"], f["confidence"]) for f in found] == [(path, line, "high")]
    walked = [r["path"] for r in found[0]["related"]]
    positions = [walked.index(step) for step in chain]
    assert positions == sorted(positions)


def test_listener_in_the_importing_file_still_reported_with_the_exporters_reason():
    found = [f for f in findings_of("emitter-per-request") if f["path"] == "report.js"]
    assert [(f["rule"], f["line"]) for f in found] == [("LL002", 5)]
    assert "created at module level in bus.js" in found[0]["message"]


# (project, file, rules the file alone reports): the project run reports none of them.
FALSE_POSITIVES_REMOVED = [
    ("singleton-store", "stores/UiStore.ts", ["LL002", "LL004"]),  # created once, in the root store's constructor
    ("constructor-only", "poller.js", ["LL002", "LL004"]),  # begin() only runs from a singleton's constructor
    # made once each through `add(StoreClass) { new StoreClass(this) }` in a singleton's constructor
    # (the test file's `new RootStore()` calls do not count)
    ("store-registry", "stores/PrefsStore.ts", ["LL002"]),
    ("store-registry", "stores/SessionStore.ts", ["LL002"]),
    # onExit() is called from the constructor, through a parameter typed with the class, and on a
    # local made by `new`, all in code that runs once (the CLI's one command)
    ("cli-shutdown-hook", "src/utils/exit-hooks.ts", ["LL002"]),
    # the base's start() runs only through `super.start()` of a subclass made once and started once
    ("super-base-once", "lib/poller.ts", ["LL004"]),
    # `saver = new Saver(); saver.start()` on a module-level `let`: each start() is on a saver of its own
    ("remade-instance-fresh", "lib/saver.ts", ["LL004"]),
]


@pytest.mark.parametrize(("project", "path", "alone"), FALSE_POSITIVES_REMOVED)
def test_singletons_across_files_do_not_repeat(project, path, alone):
    assert sorted({f["rule"] for f in findings_of(project, path)}) == alone
    assert findings_of(project) == []


# The negative twins of the on-demand-removal caches: a timer sweeps it; the lookup caps it.
BOUNDED_TWINS = ["gauge-cache-swept", "document-wrapper-capped"]


@pytest.mark.parametrize("project", BOUNDED_TWINS)
def test_caches_bounded_by_a_sweep_or_a_cap_stay_silent(project):
    assert findings_of(project) == []


def test_on_demand_removal_names_the_remover_and_the_lookup():
    [found] = findings_of("gauge-cache-route")
    assert "removed only when code asks for a key (`LatencyGauge.forget()`)" in found["message"]
    messages = [r["message"] for r in found["related"]]
    assert any(m.startswith("looked up first") for m in messages)
    assert "fix" not in found  # the removal API callers use must stay


WRAPPERS = [
    # (object literal, growing methods, evicting methods)
    ("{ get(k) { return this[`:${k}`]; }, set(k, v) { this[`:${k}`] = v; }, remove(k) { delete this[`:${k}`]; } }",
     {"set"}, {"remove"}),
    ("{ put: function (k, v) { this[k] = v; } }", {"put"}, set()),
    ("{ reset() { this['count'] = 0; } }", set(), set()),  # a literal key: a field, not an entry
    ("{ put: (k, v) => { this[k] = v; } }", set(), set()),  # an arrow's `this` is not the object
    ("{ a: 1, b: [] }", set(), set()),
]


@pytest.mark.parametrize(("literal", "growing", "evicting"), WRAPPERS)
def test_an_object_literal_that_is_its_own_collection(literal, growing, evicting):
    from leaklint import syntax
    from leaklint.model.collections import wrapper_methods

    tree = syntax.parse(f"const o = {literal};".encode(), syntax.Grammar.JAVASCRIPT)
    declarator = tree.root_node.named_children[0].named_children[0]
    found = wrapper_methods(declarator.child_by_field_name("value"))
    assert (set(found[0]), set(found[1])) == (growing, evicting)


def test_a_method_called_through_a_typed_parameter_carries_the_callers_frequency(tmp_path):
    shutil.copytree(PROJECTS / "cli-shutdown-hook", tmp_path / "p")
    (tmp_path / "p" / "src" / "serve.ts").write_text(
        'import http from "node:http"\n'
        'import ExitHooks from "./utils/exit-hooks.js"\n'
        "export function serve(hooks: ExitHooks) {\n"
        '  http.createServer((req, res) => { hooks.onExit(() => res.end()); res.end("ok") }).listen(8080)\n'
        "}\n"
    )
    found = [f for f in run_json(".", cwd=tmp_path / "p")["findings"] if f["path"] == "src/utils/exit-hooks.ts"]
    assert [(f["rule"], f["line"]) for f in found] == [("LL002", 12), ("LL002", 13)]
    assert any(r["path"] == "src/serve.ts" for r in found[0]["related"])


@pytest.mark.parametrize(
    ("path", "before", "after"),
    [
        # an untyped parameter: the receiver could be anything, so `onExit` may be called on other objects too
        ("src/utils/abort-on-exit.ts", "(hooks: ExitHooks)", "(hooks: any)"),
        # a variable that is reassigned may hold another instance than the one `new` made
        ("src/commands/scaffold.ts", "const hooks = new ExitHooks()", "let hooks = new ExitHooks(); hooks = makeHooks()"),
    ],
)
def test_a_receiver_of_unknown_class_keeps_the_method_repeating(tmp_path, path, before, after):
    shutil.copytree(PROJECTS / "cli-shutdown-hook", tmp_path / "p")
    changed = tmp_path / "p" / path
    assert before in changed.read_text()
    changed.write_text(changed.read_text().replace(before, after))
    # `onExit(callback)`, whose listeners call `callback`, is an event API: its name says nothing about
    # how often it runs. Named as a handler, the shape says "per event" unless the link proves "once".
    for source in (tmp_path / "p").rglob("*.ts"):
        source.write_text(source.read_text().replace("onExit", "handleExit"))
    found = [f["rule"] for f in run_json(".", cwd=tmp_path / "p")["findings"] if f["path"] == "src/utils/exit-hooks.ts"]
    assert found == ["LL002", "LL002"]


def test_a_cluster_worker_told_its_settings_once_runs_its_start_once(tmp_path):
    assert findings_of("cluster-worker") == []
    shutil.copytree(PROJECTS / "cluster-worker", tmp_path / "p")
    start = tmp_path / "p" / "start.js"
    # a message on every `online` event: the worker's 'message' listener runs per message again
    start.write_text(
        start.read_text().replace(
            '    cluster.on("exit", () => cluster.fork())\n',
            '    cluster.on("exit", () => cluster.fork())\n    cluster.on("online", (worker) => worker.send({ reload: true }))\n',
        )
    )
    found = sorted((f["path"], f["rule"], f["line"]) for f in run_json(".", cwd=tmp_path / "p")["findings"])
    assert found == [("server.js", "LL002", 7), ("server.js", "LL002", 8)]


def test_a_class_imported_through_an_unresolvable_project_path_is_not_a_singleton(tmp_path):
    shutil.copytree(PROJECTS / "singleton-store", tmp_path / "p")
    # `/stores/UiStore` names a project file the resolver cannot find (no Meteor root here): that
    # file may make more UiStores, so the one `new UiStore()` the link sees proves nothing
    (tmp_path / "p" / "preview.ts").write_text(
        'import UiStore from "/stores/UiStore";\nexport const preview = () => new UiStore(null);\n'
    )
    found = sorted({f["rule"] for f in run_json(".", cwd=tmp_path / "p")["findings"] if f["path"] == "stores/UiStore.ts"})
    assert found == ["LL002", "LL004"]


@pytest.mark.parametrize(
    ("loop", "reported"),
    [
        # a test on each entry picks what goes: an eviction policy, whoever calls it
        ("for (const id of Object.keys(LatencyGauge.byMonitor)) {\n"
         "            if (LatencyGauge.byMonitor[id].idleSince < now - 60000) delete LatencyGauge.byMonitor[id];\n"
         "        }", False),
        ("Object.keys(LatencyGauge.byMonitor).forEach((id) => {\n"
         "            if (LatencyGauge.byMonitor[id].idleSince < now - 60000) delete LatencyGauge.byMonitor[id];\n"
         "        });", False),
        # every entry deleted: a clear-all on demand, like `forgetAll()`
        ("for (const id of Object.keys(LatencyGauge.byMonitor)) delete LatencyGauge.byMonitor[id];", True),
    ],
)
def test_a_sweep_over_the_cache_bounds_it_whoever_calls_it(tmp_path, loop, reported):
    shutil.copytree(PROJECTS / "gauge-cache-route", tmp_path / "p")
    gauges = tmp_path / "p" / "metrics" / "gauges.js"
    gauges.write_text(
        gauges.read_text().replace(
            "    static async forgetAll() {",
            f"    static prune(now) {{\n        {loop}\n    }}\n\n    static async forgetAll() {{",
        )
    )
    found = [f["path"] for f in run_json(".", cwd=tmp_path / "p")["findings"]]
    assert found == (["metrics/gauges.js"] if reported else [])


def test_a_per_instance_cache_of_a_class_made_per_call_elsewhere_dies_with_the_call(tmp_path):
    (tmp_path / "importer.js").write_text(
        "class BoardImporter {\n"
        "  constructor() { this.colors = {}; }\n"
        "  colorFor(label) {\n"
        "    if (!this.colors[label]) this.colors[label] = pickColor(label);\n"
        "    return this.colors[label];\n"
        "  }\n"
        "}\n"
        "module.exports = { BoardImporter };\n"
    )
    alone = run_json("importer.js", cwd=tmp_path)["findings"]
    assert [(f["rule"], f["confidence"]) for f in alone] == [("LL001", "medium")]
    (tmp_path / "routes.js").write_text(
        'const { BoardImporter } = require("./importer");\n'
        'app.post("/import", (req, res) => {\n'
        "  const importer = new BoardImporter();\n"
        "  for (const card of req.body.cards) card.color = importer.colorFor(card.label);\n"
        "  res.end();\n"
        "});\n"
    )
    assert run_json(".", cwd=tmp_path)["findings"] == []


# (project, file whose cache is only reached through an import the resolver must not guess)
UNMAPPED_IMPORTS = [
    ("built-output", "src/services/visits.ts"),  # `./build/…` is not the tsconfig's outDir
    ("dynamic-import", "services/audit.js"),  # `await import(auditModule)`: a computed specifier
]


@pytest.mark.parametrize(("project", "path"), UNMAPPED_IMPORTS)
def test_imports_of_output_no_tsconfig_maps_stay_unknown(project, path):
    assert [f["confidence"] for f in findings_of(project) if f["path"] == path and f["confidence"] == "high"] == []
    assert not any(r["path"] != path for f in findings_of(project) if f["path"] == path for r in f["related"])


def test_unresolvable_imports_stay_silent():
    report = run_json(".", cwd=PROJECTS / "unresolvable")
    assert report["findings"] == []
    assert report["errors"] == []


def test_a_second_instantiation_per_request_elsewhere_keeps_the_per_instance_findings(tmp_path):
    shutil.copytree(PROJECTS / "constructor-only", tmp_path / "p")
    (tmp_path / "p" / "route.js").write_text(
        'const HealthPoller = require("./poller");\n'
        'app.get("/probe", (req, res) => { new HealthPoller(req.query.url); res.end(); });\n'
    )
    rules = sorted(f["rule"] for f in run_json(".", cwd=tmp_path / "p")["findings"])
    assert rules == ["LL002", "LL004"]


def test_a_root_built_per_event_makes_its_registered_stores_per_event(tmp_path):
    shutil.copytree(PROJECTS / "store-registry", tmp_path / "p")
    (tmp_path / "p" / "stores" / "preview.ts").write_text(
        'import RootStore from "./RootStore";\n'
        'document.addEventListener("click", () => { console.log(new RootStore()); });\n'
    )
    found = sorted((f["path"], f["rule"]) for f in run_json(".", cwd=tmp_path / "p")["findings"])
    assert found == [("stores/PrefsStore.ts", "LL002"), ("stores/SessionStore.ts", "LL002")]


def test_a_class_handed_to_a_function_that_keeps_it_is_not_a_singleton(tmp_path):
    shutil.copytree(PROJECTS / "store-registry", tmp_path / "p")
    root = tmp_path / "p" / "stores" / "RootStore.ts"
    # `add` now keeps the class itself: whoever reads `this[name]` may instantiate it any number of times
    root.write_text(root.read_text().replace("this[name] = new StoreClass(this);", "this[name] = StoreClass;"))
    found = sorted((f["path"], f["rule"]) for f in run_json(".", cwd=tmp_path / "p")["findings"])
    assert found == [("stores/PrefsStore.ts", "LL002"), ("stores/SessionStore.ts", "LL002")]


def test_another_call_on_the_instance_keeps_the_method_repeating(tmp_path):
    shutil.copytree(PROJECTS / "constructor-only", tmp_path / "p")
    index = tmp_path / "p" / "index.js"
    index.write_text(index.read_text() + 'app.post("/restart", (req, res) => { poller.begin(); res.end(); });\n')
    rules = sorted(f["rule"] for f in run_json(".", cwd=tmp_path / "p")["findings"])
    assert "LL004" in rules


def test_cycles_between_files_terminate_and_propagate(tmp_path):
    (tmp_path / "a.js").write_text(
        'const { pong } = require("./b");\n'
        "const seen = [];\n"
        "function ping(n) { seen.push(n); if (n) pong(n - 1); }\n"
        "module.exports = { ping };\n"
    )
    (tmp_path / "b.js").write_text(
        'const { ping } = require("./a");\n'
        "function pong(n) { ping(n); }\n"
        "module.exports = { pong };\n"
        'app.get("/x", (req, res) => { pong(3); res.end(); });\n'
    )
    found = run_json(".", cwd=tmp_path)["findings"]
    assert [(f["path"], f["rule"], f["line"]) for f in found] == [("a.js", "LL001", 2)]


def test_suppression_in_the_growing_file_silences_the_cross_file_finding(tmp_path):
    shutil.copytree(PROJECTS / "static-cache-route", tmp_path / "p")
    service = tmp_path / "p" / "services" / "score-board.js"
    service.write_text(
        service.read_text().replace(
            "    static boards", "    // leaklint-disable-next-line LL001 -- bounded by the player table\n    static boards"
        )
    )
    assert run_json(".", cwd=tmp_path / "p")["findings"] == []


def test_baseline_records_and_matches_the_cross_file_finding(tmp_path):
    shutil.copytree(PROJECTS / "static-cache-route", tmp_path / "p")
    runner = CliRunner()
    import os

    old = os.getcwd()
    os.chdir(tmp_path / "p")
    try:
        written = runner.invoke(main, ["--isolated", "--write-baseline", "baseline.json", "."])
        assert written.exit_code == 0
        again = runner.invoke(main, ["--isolated", "--baseline", "baseline.json", "."])
    finally:
        os.chdir(old)
    assert again.exit_code == 0
    assert "0 findings" in again.output


@pytest.mark.parametrize(
    ("project", "first", "last"),
    [
        ("static-cache-route", "routes/scores.js", "services/score-board.js"),
        ("gauge-cache-route", "routes/badges.js", "metrics/gauges.js"),
        ("document-wrapper-socket", "sockets/editor.ts", "store/documents.ts"),
    ],
)
def test_sarif_code_flow_walks_across_files(project, first, last):
    root = PROJECTS / project
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["--format", "sarif", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    [run] = json.loads(result.output)["runs"]
    [finding] = run["results"]
    steps = finding["codeFlows"][0]["threadFlows"][0]["locations"]
    uris = [step["location"]["physicalLocation"]["artifactLocation"]["uri"] for step in steps]
    assert uris[0].endswith(first)
    assert uris[-1].endswith(last)


def test_jobs_one_and_a_pool_give_identical_output(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "reexports", project)
    for index in range(20):  # enough files for the worker pool to be used
        (project / f"filler{index}.js").write_text(f"export const value{index} = {index};\n")
    one = run_json("--jobs", "1", ".", cwd=project)
    pool = run_json("--jobs", "2", ".", cwd=project)
    assert one == pool
    assert len(one["findings"]) == 3


def _no_nodes(value, seen=None) -> bool:
    """Nothing inside a summary is a tree-sitter object (only dataclasses, tuples, str, int, None)."""
    if is_dataclass(value):
        return all(_no_nodes(getattr(value, f.name)) for f in fields(value))
    if isinstance(value, (tuple, list)):
        return all(_no_nodes(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool))


def test_summaries_are_plain_versioned_data():
    path = PROJECTS / "static-cache-route" / "services" / "score-board.js"
    summary = analyze_path(str(path), "services/score-board.js", AnalysisOptions(summarize=True)).summary
    assert isinstance(summary, FileSummary)
    assert summary.version == SUMMARY_VERSION
    assert _no_nodes(summary)
    assert pickle.loads(pickle.dumps(summary)) == summary
    names = {f.name for f in summary.functions}
    assert "ScoreBoard.forPlayer" in names
    assert dict(summary.exports)["ScoreBoard"].kind == "class"


def test_summaries_of_another_version_are_ignored():
    root = PROJECTS / "static-cache-route"
    entries = []
    for relative in ("routes/scores.js", "services/score-board.js"):
        summary = analyze_path(str(root / relative), relative, AnalysisOptions(summarize=True)).summary
        entries.append((str(root / relative), summary))
    assert link(entries)
    from dataclasses import replace

    assert link([(path, replace(summary, version=SUMMARY_VERSION + 1)) for path, summary in entries]) == {}


def test_single_file_callers_are_unchanged():
    path = PROJECTS / "static-cache-route" / "services" / "score-board.js"
    result = analyze_path(str(path), "score-board.js")
    assert [f for f in result.findings if f.confidence == "high"] == [] and result.summary is None


def test_lazy_initialisation_runs_once_however_often_its_caller_runs():
    assert findings_of("lazy-init") == []


@pytest.mark.parametrize(
    ("path", "guard", "unguarded", "rule"),
    [
        ("uploads.js", "    if (!counts) {\n", "    {\n", "LL002"),  # `if (!x) { x = create() }` in the caller
        ("pubsub.js", "    if (shared) {\n        return shared;\n    }\n", "", "LL002"),  # `if (x) return x;` first
    ],
)
def test_without_the_guard_the_cross_file_leak_is_reported(tmp_path, path, guard, unguarded, rule):
    shutil.copytree(PROJECTS / "lazy-init", tmp_path / "p")
    target = tmp_path / "p" / path
    text = target.read_text()
    assert guard in text
    target.write_text(text.replace(guard, unguarded))
    assert [f["rule"] for f in run_json(".", cwd=tmp_path / "p")["findings"]] == [rule]


def test_a_guard_on_a_local_variable_is_not_lazy_initialisation(tmp_path):
    (tmp_path / "store.js").write_text(
        "const docs = new Map();\n"
        "exports.open = (id) => { let doc = docs.get(id); if (!doc) { doc = { id }; docs.set(id, doc); } return doc; };\n"
    )
    (tmp_path / "route.js").write_text(
        'const store = require("./store");\n'
        'app.get("/d/:id", (req, res) => { let d; if (!d) { d = store.open(req.params.id); } res.json(d); });\n'
    )
    assert [(f["path"], f["rule"]) for f in run_json(".", cwd=tmp_path)["findings"]] == [("store.js", "LL001")]


def test_summary_positions_match_the_reported_ones(tmp_path):
    from leaklint.findings import SourceText

    source = 'import { f } from "./f";\nconst s = "é";  f(s);\n\nf(\n  1);\n'
    (tmp_path / "a.js").write_text(source, encoding="utf-8")
    summary = analyze_path(str(tmp_path / "a.js"), "a.js", AnalysisOptions(summarize=True)).summary
    text = SourceText(source.encode())
    spans = [call.span for call in summary.calls]
    assert len(spans) == 2
    assert spans == [text.span(s.start_byte, s.end_byte) for s in spans]
    assert (spans[0].line, spans[0].column) == (2, 17)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, None),  # a new channel from `createChannel()` each time: nothing accumulates
        # a getter that may hand out the same channel: each call adds two more listeners to it
        ("await this.connection.createChannel()", "await this.connection.sharedChannel()"),
        # the field is assigned only when empty: later calls listen on the cached channel again
        (
            "      this.channel = await this.connection.createChannel();\n",
            "      if (!this.channel) this.channel = await this.connection.createChannel();\n",
        ),
    ],
)
def test_listeners_on_a_field_just_set_to_a_new_object_do_not_accumulate(tmp_path, before, after):
    shutil.copytree(PROJECTS / "fresh-channel", tmp_path / "p")
    broker = tmp_path / "p" / "broker.ts"
    if before is not None:
        assert before in broker.read_text()
        broker.write_text(broker.read_text().replace(before, after))
    found = sorted((f["path"], f["rule"], f["line"]) for f in run_json(".", cwd=tmp_path / "p")["findings"])
    expected = [] if before is None else [("broker.ts", "LL002", 10), ("broker.ts", "LL002", 11)]
    assert found == expected


def _high_findings(root: Path) -> list[tuple[str, str, int]]:
    return sorted((f["path"], f["rule"], f["line"]) for f in run_json(".", cwd=root)["findings"] if f["confidence"] == "high")


def test_a_method_of_a_class_loaded_by_a_computed_import_is_not_repeating_for_sure(tmp_path):
    # reduced from a chat bot whose events/<name>.js classes are loaded by file name; 'ready' fires once.
    # No file imports events/ready.js or creates a ReadyEvent: that run() repeats is a guess (medium),
    # and a file named for a start-up event says it runs once.
    assert run_json(".", cwd=PROJECTS / "dynamic-event-classes")["findings"] == []
    shutil.copytree(PROJECTS / "dynamic-event-classes", tmp_path / "p")
    (tmp_path / "p" / "events" / "ready.js").rename(tmp_path / "p" / "events" / "guildCreate.js")
    found = run_json(".", cwd=tmp_path / "p")["findings"]
    assert [(f["rule"], f["confidence"]) for f in found] == [("LL004", "medium")]
    assert "no file of the project imports events/guildCreate.js" in found[0]["related"][0]["message"]
    alone = run_json("events/ready.js", cwd=PROJECTS / "dynamic-event-classes")["findings"]
    assert [(f["rule"], f["confidence"]) for f in alone] == [("LL004", "high")]  # the file alone guesses


def test_a_class_imported_by_a_file_that_creates_none_keeps_its_methods_repeating(tmp_path):
    # imported (a type, a registry) but never created where the link sees it: still "a class method"
    shutil.copytree(PROJECTS / "dynamic-event-classes", tmp_path / "p")
    (tmp_path / "p" / "registry.js").write_text('import ReadyEvent from "./events/ready.js";\nexport const kinds = [ReadyEvent.name];\n')
    assert _high_findings(tmp_path / "p") == [("events/ready.js", "LL004", 9)]


def test_a_method_called_per_event_through_a_static_import_keeps_repeating(tmp_path):
    # the twin: the same class imported by name and run from a per-message listener
    shutil.copytree(PROJECTS / "dynamic-event-classes", tmp_path / "p")
    (tmp_path / "p" / "index.js").write_text(
        'import { Client } from "chat-sdk";\n'
        'import ReadyEvent from "./events/ready.js";\n'
        "const client = new Client();\n"
        "const ready = new ReadyEvent(client);\n"
        'client.on("messageCreate", () => ready.run());\n'
    )
    assert _high_findings(tmp_path / "p") == [("events/ready.js", "LL004", 9)]


def test_a_component_class_nobody_imports_is_still_the_frameworks(tmp_path):
    # a subclass (here a React component) is made by its framework: no "unknown instances" for it
    (tmp_path / "TodoList.jsx").write_text(
        "import React from 'react';\n"
        "import Realm from './realm';\n"
        "export default class TodoList extends React.Component {\n"
        "  componentDidMount() { Realm.addListener('change', this.changed.bind(this)); }\n"
        "  changed() {}\n"
        "  render() { return null; }\n"
        "}\n"
    )
    (tmp_path / "other.js").write_text("export const unrelated = 1;\n")
    found = [(f["rule"], f["line"], f["confidence"]) for f in run_json(".", cwd=tmp_path)["findings"]]
    assert found == [("LL002", 4, "high")]


def test_unknown_instances_need_the_whole_project():
    # a partial run that lacks some files' summaries cannot say that no file imports a class
    root = PROJECTS / "dynamic-event-classes"
    entries = []
    for path in ("index.js", "events/ready.js"):
        result = analyze_path(str(root / path), path, AnalysisOptions(summarize=True))
        entries.append((str(root / path), result.summary))
    ready = os.path.normpath(str(root / "events/ready.js"))
    assert link(entries)[ready].class_instances("ReadyEvent").state == "unknown"
    assert ready not in link(entries, complete=False)


_TRANSPORTER = (
    "export class Transporter {\n"
    "  markReady() { this.startPings() }\n"
    "  protected startPings() { this.pinger = setInterval(() => this.ping(), 400) }\n"
    "  stopPings() { clearInterval(this.pinger) }\n"
    "  ping() {}\n"
    "}\n"
)
_GATEWAY = (
    'import express from "express"\n'
    'import { Transporter } from "./transporter"\n'
    "const app = express()\n"
    'app.get("/connect", (req, socket) => {\n'
    "  {body}\n"
    "})\n"
)


@pytest.mark.parametrize(
    ("body", "extra", "expected"),
    [
        # each connection makes its own transporter and marks it ready once: one timer per instance
        ("const t = new Transporter(); t.markReady()", None, []),
        # called twice on the one instance: the second call overwrites a running handle
        ("const t = new Transporter(); t.markReady(); t.markReady()", None, ["high"]),
        # called in a loop on the one instance
        ("const t = new Transporter(); for (const s of [socket]) t.markReady()", None, ["high"]),
        # made by an outer function and called from a callback: the callback can run again on it
        ("const t = new Transporter(); socket.on('reconnect', () => t.markReady())", None, ["high"]),
        # once per fresh instance here, but another file calls it on a receiver the link cannot follow
        ("const t = new Transporter(); t.markReady()", "export function again(x) { x.markReady() }\n", ["medium"]),
    ],
)
def test_a_method_called_once_on_each_new_instance_does_not_overwrite_its_handle(tmp_path, body, extra, expected):
    (tmp_path / "transporter.ts").write_text(_TRANSPORTER)
    (tmp_path / "gateway.ts").write_text(_GATEWAY.replace("{body}", body))
    if extra is not None:
        (tmp_path / "other.ts").write_text(extra)
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL004"]
    assert [f["confidence"] for f in found] == expected
    assert all(f["path"] == "transporter.ts" and "overwrites `this.pinger`" in f["message"] for f in found)


_DECORATORS = (
    "const links = new Map()\n"
    "export function inheritLinks(parent: any): any {\n"
    "  return (child: any) => {\n"
    "    const own = links.get(child) || new Map()\n"
    "    if (!links.has(child)) links.set(child, own)\n"
    "    return child\n"
    "  }\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("models", "reported"),
    [
        # applied once per decorated class: a registry as large as the code
        ('import { inheritLinks } from "./decorators"\n@inheritLinks(Base)\nexport class Task extends Base {}\n', False),
        # the same factory also called per request: what it returns runs per request too
        (
            'import { inheritLinks } from "./decorators"\n@inheritLinks(Base)\nexport class Task extends Base {}\n'
            'app.get("/t", (req, res) => { inheritLinks(Base)(req.body.kind); res.end() })\n',
            True,
        ),
    ],
)
def test_what_a_decorator_factory_returns_runs_once_per_decorated_declaration(tmp_path, models, reported):
    (tmp_path / "decorators.ts").write_text(_DECORATORS)
    (tmp_path / "task.ts").write_text(models)
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["path"] == "decorators.ts"]
    assert bool(found) is reported
    # alone, the file cannot tell who calls the factory: the inferred cache is reported
    alone = run_json("decorators.ts", cwd=tmp_path)["findings"]
    assert [f["rule"] for f in alone] == ["LL001"]


_ROOT_COMPONENT = (
    'import { Component, OnInit } from "@angular/core"\n'
    'import { ThemeService } from "./theme.service"\n'
    "@Component({ selector: 'app-root', template: '' })\n"
    "export class AppComponent implements OnInit {\n"
    "  constructor(private themes: ThemeService) {}\n"
    "  ngOnInit() { this.themes.theme$.subscribe((t) => { this.css = t }) }\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("main", "reported"),
    [
        ("", True),  # nothing bootstraps it: a component like any other, made per mount
        ('import { bootstrapApplication } from "@angular/platform-browser"\n'
         'import { AppComponent } from "./app.component"\nbootstrapApplication(AppComponent, {})\n', False),
        ('import { NgModule } from "@angular/core"\nimport { AppComponent } from "./app.component"\n'
         "@NgModule({ declarations: [AppComponent], bootstrap: [AppComponent] })\nexport class AppModule {}\n", False),
        # declared in a module but bootstrapped elsewhere: still per mount
        ('import { NgModule } from "@angular/core"\nimport { AppComponent } from "./app.component"\n'
         "@NgModule({ declarations: [AppComponent] })\nexport class AppModule {}\n", True),
    ],
)
def test_the_root_component_angular_bootstraps_is_made_once(tmp_path, main, reported):
    (tmp_path / "app.component.ts").write_text(_ROOT_COMPONENT)
    (tmp_path / "theme.service.ts").write_text(
        'import { Injectable } from "@angular/core"\n@Injectable({ providedIn: "root" })\n'
        "export class ThemeService { theme$ = new BehaviorSubject('light') }\n"
    )
    if main:
        (tmp_path / "main.ts").write_text(main)
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["path"] == "app.component.ts"]
    assert bool(found) is reported


@pytest.mark.parametrize(("event", "reported"), [("messageCreate", True), ("clientReady", False), ("ready", False)])
def test_a_handler_class_loaded_by_the_name_of_a_start_up_event_runs_once(tmp_path, event, reported):
    """A bot's loader registers each file of `events/` for the event its file is named after."""
    (tmp_path / "index.ts").write_text(
        'import fs from "node:fs/promises"\n'
        "for (const file of await fs.readdir('./events')) {\n"
        "  const { default: Handler } = await import(`./events/${file}`)\n"
        "  const handler = new Handler(client)\n"
        "  client.on(file.replace(/\\.js$/, ''), (...args) => handler.run(...args))\n"
        "}\n"
    )
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / f"{event}.ts").write_text(
        "export default class Handler {\n"
        "  constructor(private client: any) {}\n"
        "  async run() { setInterval(() => this.client.user.setActivity('x'), 20000) }\n"
        "}\n"
    )
    found = [f["rule"] for f in run_json(".", cwd=tmp_path)["findings"] if f["path"] == f"events/{event}.ts"]
    assert (found == ["LL004"]) is reported


def test_calls_of_modules_no_file_can_be_are_not_summarized_but_their_callers_keep_their_edges(tmp_path):
    source = tmp_path / "a.js"
    source.write_text(
        "import { readFileSync } from 'node:fs';\nimport { load } from './b.js';\nimport data from './d.json';\n"
        "import { EventEmitter } from 'node:events';\n"
        "function read() { return readFileSync('x'); }\n"
        "function make() { return new EventEmitter(); }\n"
        "export function route() { read(); make(); load(); data.get(); }\n"
    )
    summary = analyze_path(str(source), "a.js", AnalysisOptions(summarize=True)).summary
    assert [call.local for call in summary.calls] == ["load"]  # not `readFileSync`, not `data.get`
    assert summary.instantiations == ()  # not `new EventEmitter()`
    # `read` and `make` reach only a `node:` module, yet `route`'s calls of them stay edges, as before
    assert sorted(edge.text for edge in summary.edges) == ["make()", "read()"]


def test_a_request_object_another_files_route_passes_is_reported_where_it_is_stored(tmp_path):
    (tmp_path / "package.json").write_text('{"name": "t"}')
    (tmp_path / "hub.js").write_text(
        "const clients = [];\nexport function addClient(res) {\n  clients.push(res);\n}\n"
        "export function addPeer(peer) {\n  clients.push(peer);\n}\n"
    )
    (tmp_path / "routes.js").write_text(
        "import { addClient, addPeer } from './hub.js';\n"
        "app.get('/events', (req, res) => {\n  res.writeHead(200);\n  addClient(res);\n  addPeer(res);\n});\n"
    )
    found = [(f["path"], f["line"]) for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL003"]
    # `res` is named for a request object and every caller passes one; `peer` is not looked at as one
    assert found == [("hub.js", 3)]


# (the function that starts the module-level saver, LL004 confidences at lib/saver.ts): only a reassignment
# to a new instance just before the one call, in no loop, makes the call one on a fresh instance
_REMADE_ENTRY = (
    'const { Saver } = require("./lib/saver");\n'
    "{declaration}\n"
    "async function start() {\n{body}\n}\n"
    'process.on("SIGHUP", start);\n'
    "start();\n"
)
REMADE_RECEIVERS = [
    ("let saver = new Saver();", "  saver = new Saver();\n  saver.start();", []),
    ("let saver;", "  saver = new Saver();\n  await saver.start();", []),  # set only by the function
    ("let saver;", "  if (!saver) saver = new Saver();\n  saver.start();", ["high"]),  # the same saver again
    ("let saver = new Saver();", "  saver.start();", ["high"]),  # never remade
    ("let saver = new Saver();", "  saver = new Saver();\n  saver.start();\n  saver.start();", ["high"]),  # twice
    ("let saver = new Saver();", "  saver = new Saver();\n  for (const x of process.argv) saver.start();", ["high"]),
    ("let saver = new Saver();", "  saver = new Saver();\n  saver = shared;\n  saver.start();", ["high"]),
]


@pytest.mark.parametrize(("declaration", "body", "expected"), REMADE_RECEIVERS, ids=[c[1].strip() for c in REMADE_RECEIVERS])
def test_a_module_variable_just_set_to_a_new_instance_is_a_fresh_receiver(tmp_path, declaration, body, expected):
    shutil.copytree(PROJECTS / "remade-instance-fresh" / "lib", tmp_path / "lib")
    (tmp_path / "index.js").write_text(_REMADE_ENTRY.replace("{declaration}", declaration).replace("{body}", body))
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL004"]
    assert [(f["path"], f["confidence"]) for f in found] == [("lib/saver.ts", c) for c in expected]
