"""The result cache (leaklint/cache.py): hits, invalidation, bad entries, concurrency, bounds, partial runs.

Every test works in a temporary folder with its own cache directory (the
suite turns the cache off by default in conftest.py), and checks behaviour:
which files were parsed, what the report says, what is on disk. Never timing.
"""

from __future__ import annotations

import dataclasses
import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint import cache as cache_module
from leaklint import syntax
from leaklint.cache import (
    CACHE_DIR_NAME,
    NEUTRAL_OPTION_FIELDS,
    ResultCache,
    cacheable,
    decode_result,
    encode_result,
    facts_digest,
    options_fingerprint,
    project_root,
)
from leaklint.cli import main
from leaklint.engine import AnalysisOptions, FileResult, analyze_path, timeout_message
from leaklint.findings import FileError, Related, Span
from leaklint.model.external import ExternalFacts, LinkedFrequency, LinkedInstances, LinkedLifetime

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "tests" / "projects"

ROUTE = """\
const cache = new Map();
app.get('/users/:id', (req, res) => {
  cache.set(req.params.id, Date.now());
  res.end();
});
"""
CLEAN = "const x = 1;\nmodule.exports = x;\n"
TIMER = "app.get('/poll', (req, res) => {\n  setInterval(() => poll(), 1000);\n  res.end();\n});\n"


def run(cwd: Path, *args: str, cache_dir: Path | None = None):
    """`leaklint --isolated --cache [--cache-dir D] ARGS` in ``cwd`` (in this process)."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        extra = ["--cache-dir", str(cache_dir)] if cache_dir is not None else []
        return CliRunner().invoke(main, ["--isolated", "--cache", *extra, *args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "app"
    (root / "src").mkdir(parents=True)
    (root / "package.json").write_text("{}\n")
    (root / "src" / "route.js").write_text(ROUTE)
    (root / "src" / "clean.js").write_text(CLEAN)
    (root / "src" / "timer.js").write_text(TIMER)
    return root


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """Counts syntax.parse_best calls made in this process (run with --jobs 1)."""
    calls: list[int] = []
    real = syntax.parse_best

    def counting(source, grammar):
        calls.append(len(source))
        return real(source, grammar)

    monkeypatch.setattr(syntax, "parse_best", counting)
    return calls


def entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in (cache_dir / "v1").glob("*/*") if p.is_file() and not p.name.endswith(".tmp"))


def project_entries(cache_dir: Path) -> list[Path]:
    return sorted(p for p in (cache_dir / "projects-v1").glob("*") if not p.name.endswith(".tmp"))


def drop_project_entries(cache_dir: Path) -> None:
    """Remove the whole-project entries, so that the next run reads the per-file entries."""
    for path in project_entries(cache_dir):
        path.unlink()


def test_second_run_parses_nothing_and_reports_the_same(project, parses):
    first = run(project, "--jobs", "1", "--format", "json", "src")
    assert len(parses) == 3
    assert (project / CACHE_DIR_NAME).is_dir()  # default: .leaklint_cache/ in the project root
    parses.clear()
    second = run(project, "--jobs", "1", "--format", "json", "src")
    assert parses == []
    assert second.stdout == first.stdout and second.exit_code == first.exit_code == 1
    assert json.loads(second.stdout)["findings"]


def test_editing_one_file_reanalyzes_only_that_file(project, parses):
    run(project, "--jobs", "1", "src")
    (project / "src" / "clean.js").write_text(CLEAN + "// edited\n")
    parses.clear()
    result = run(project, "--jobs", "1", "--show-files", "src")
    assert len(parses) == 1
    assert "src/clean.js: analyzed (cache miss)" in result.stderr
    assert "src/route.js: cache hit" in result.stderr and "src/timer.js: cache hit" in result.stderr


def test_an_option_change_is_a_miss_and_each_setting_keeps_its_own_entries(project, parses):
    run(project, "--jobs", "1", "src")
    parses.clear()
    narrowed = run(project, "--jobs", "1", "--format", "json", "--select", "LL004", "src")
    assert len(parses) == 3
    assert {f["rule"] for f in json.loads(narrowed.stdout)["findings"]} == {"LL004"}
    parses.clear()
    run(project, "--jobs", "1", "src")
    run(project, "--jobs", "1", "--select", "LL004", "src")
    assert parses == []


def test_a_rule_option_from_the_configuration_is_part_of_the_key(project, parses):
    run(project, "--jobs", "1", "src")
    (project / "leaklint.toml").write_text('bounded-keys = ["id"]\n')
    parses.clear()
    old = os.getcwd()
    os.chdir(project)
    try:  # not --isolated: the configuration applies
        CliRunner().invoke(main, ["--cache", "--jobs", "1", "src"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert len(parses) == 3


def test_a_new_leaklint_version_is_a_miss(project, parses, monkeypatch):
    run(project, "--jobs", "1", "src")
    before = cache_module.code_fingerprint()
    try:
        with monkeypatch.context() as patch:
            patch.setattr(cache_module, "__version__", "99.0.0")
            cache_module.code_fingerprint.cache_clear()
            assert cache_module.code_fingerprint() != before
            parses.clear()
            run(project, "--jobs", "1", "src")
            assert len(parses) == 3
    finally:
        cache_module.code_fingerprint.cache_clear()
    assert cache_module.code_fingerprint() == before


def test_an_edit_of_leaklint_itself_changes_the_code_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "rule.py").write_text("X = 1\n")
    monkeypatch.setattr(cache_module, "__file__", str(package / "cache.py"))
    cache_module.code_fingerprint.cache_clear()
    try:
        first = cache_module.code_fingerprint()
        (package / "rule.py").write_text("X = 22\n")
        cache_module.code_fingerprint.cache_clear()
        assert cache_module.code_fingerprint() != first
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()


def _different(value):
    """Another value of the same kind, for the fingerprint test; fails for a kind it does not know."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1.5
    if value is None:
        return 1.0
    if isinstance(value, tuple):
        return value[1:] if value else (("bounded_keys", ("key",)),)
    raise AssertionError(f"teach _different about {type(value).__name__} (a new AnalysisOptions field?)")


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(AnalysisOptions)])
def test_every_analysis_option_changes_the_fingerprint_unless_declared_neutral(name):
    # Derived from the dataclass: a field added to AnalysisOptions is in the key unless someone
    # declares it neutral in NEUTRAL_OPTION_FIELDS (with a reason).
    base = AnalysisOptions()
    changed = dataclasses.replace(base, **{name: _different(getattr(base, name))})
    assert (options_fingerprint(changed) == options_fingerprint(base)) == (name in NEUTRAL_OPTION_FIELDS)


def test_neutral_option_fields_exist():
    assert NEUTRAL_OPTION_FIELDS <= {f.name for f in dataclasses.fields(AnalysisOptions)}


def test_results_round_trip_exactly_through_the_entry_encoding():
    options = AnalysisOptions(summarize=True)
    paths = sorted((ROOT / "samples").rglob("*.js")) + sorted((PROJECTS / "static-cache-route").rglob("*.js"))
    assert len(paths) > 10
    for path in paths:
        result = analyze_path(str(path), path.name, options)
        data = marshal.loads(marshal.dumps(encode_result(result)))
        again = decode_result(data)
        assert repr(again) == repr(result)  # repr shows the compare=False fields (frames) too
        assert again == result


def test_facts_digest_is_stable_across_processes_and_separates_different_facts():
    chain = (Related("routes/a.js", Span(1, 9, 1, 2, 1, 10), "GET /a route handler"),)
    facts = ExternalFacts(
        functions=(("getUser", LinkedFrequency(2, "per request", "route", chain)),),
        bindings=(("bus", LinkedLifetime(True, "module-level emitter")),),
        classes=(("Store", LinkedInstances("once", "instantiated once")),),
    )
    same = ExternalFacts(
        functions=(("getUser", LinkedFrequency(2, "per request", "route", chain)),),
        bindings=(("bus", LinkedLifetime(True, "module-level emitter")),),
        classes=(("Store", LinkedInstances("once", "instantiated once")),),
    )
    other = dataclasses.replace(facts, classes=(("Store", LinkedInstances("per-call", "per request")),))
    assert facts_digest(facts) == facts_digest(same) != facts_digest(other)
    code = (
        "from leaklint.cache import facts_digest\n"
        "from leaklint.findings import Related, Span\n"
        "from leaklint.model.external import *\n"
        f"print(facts_digest({facts!r}))\n"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
        assert out.stdout.strip() == facts_digest(facts)


def _linked_project(tmp_path: Path) -> Path:
    root = tmp_path / "scores"
    shutil.copytree(PROJECTS / "static-cache-route", root)
    (root / "package.json").write_text("{}\n")
    return root


def test_phase_two_is_keyed_by_the_linked_facts(tmp_path, parses):
    root = _linked_project(tmp_path)
    first = run(root, "--jobs", "1", "--format", "json", "--show-files", ".")
    assert "services/score-board.js: linked analyzed (cache miss)" in first.stderr
    parses.clear()
    warm = run(root, "--jobs", "1", "--format", "json", "--show-files", ".")
    assert parses == [] and warm.stdout == first.stdout
    assert "services/score-board.js: linked cache hit" in warm.stderr
    # The route now calls it with a constant: other facts for the service file, so no stale phase 2.
    route = root / "routes" / "scores.js"
    route.write_text(route.read_text().replace("req.params.player", "'champion'"))
    changed = run(root, "--jobs", "1", "--format", "json", "--show-files", ".")
    assert "services/score-board.js: cache hit" in changed.stderr
    assert "services/score-board.js: linked cache hit" not in changed.stderr
    uncached = run(root, "--jobs", "1", "--format", "json", "--no-cache", ".")
    assert changed.stdout == uncached.stdout


def test_json_is_byte_identical_with_and_without_cache_and_for_any_jobs(tmp_path):
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "samples", tree / "samples")
    shutil.copytree(PROJECTS, tree / "projects")
    (tree / "package.json").write_text("{}\n")
    files = [p for p in tree.rglob("*") if p.suffix in (".js", ".ts", ".tsx", ".mjs", ".cjs")]
    assert len(files) >= 32  # enough for the worker pool with --jobs 2
    cache_dir = tmp_path / "cache"
    reports = {}
    for name, args in (
        ("plain jobs 1", ["--no-cache", "--jobs", "1"]),
        ("plain jobs 2", ["--no-cache", "--jobs", "2"]),
        ("cold jobs 2", ["--jobs", "2"]),
        ("warm jobs 1", ["--jobs", "1"]),
        ("warm jobs 2", ["--jobs", "2"]),
    ):
        reports[name] = run(tree, "--format", "json", *args, ".", cache_dir=cache_dir).stdout
    assert json.loads(reports["plain jobs 1"])["findings"]
    assert len(set(reports.values())) == 1, {k: hash(v) for k, v in reports.items()}
    text_plain = run(tree, "--no-cache", ".", cache_dir=cache_dir).stdout
    text_warm = run(tree, ".", cache_dir=cache_dir).stdout  # code frames come from the cache too
    assert text_plain == text_warm and " | " in text_warm


def test_corrupt_entries_are_misses_with_one_note(project, parses):
    cache_dir = project / CACHE_DIR_NAME
    first = run(project, "--jobs", "1", "--format", "json", "src")
    stored = entries(cache_dir)
    assert len(stored) == 3
    drop_project_entries(cache_dir)
    stored[0].write_bytes(b"garbage")
    stored[1].write_bytes(stored[1].read_bytes()[:-5])  # torn: fails its checksum
    parses.clear()
    second = run(project, "--jobs", "1", "--format", "json", "src")
    assert second.stdout == first.stdout
    assert len(parses) == 2
    notes = [line for line in second.stderr.splitlines() if "cache" in line]
    assert notes == [f"leaklint: note: ignored 2 unreadable or corrupt cache entries in {cache_dir} (analyzed those files again)"]
    parses.clear()
    third = run(project, "--jobs", "1", "--format", "json", "src")  # rewritten by the second run
    assert parses == [] and third.stderr == ""


def test_unreadable_and_wrong_version_entries_are_misses(project, parses):
    cache_dir = project / CACHE_DIR_NAME
    first = run(project, "--jobs", "1", "--format", "json", "src")
    unreadable, foreign, old_shape = entries(cache_dir)
    drop_project_entries(cache_dir)
    unreadable.unlink()
    unreadable.mkdir()  # opening it fails (permissions would not stop root)
    payload = marshal.dumps((foreign.name, ({"d": "os:stat_result", "f": ()}, None)))
    foreign.write_bytes(cache_module.MAGIC + cache_module.hashlib.blake2b(payload, digest_size=20).digest() + payload)
    old_shape.write_bytes(b"LLC0" + old_shape.read_bytes()[4:])
    parses.clear()
    second = run(project, "--jobs", "1", "--format", "json", "src")
    assert second.stdout == first.stdout and len(parses) == 3
    assert "ignored 3 unreadable or corrupt cache entries" in second.stderr


def test_a_changed_dataclass_shape_is_a_miss_not_a_crash(tmp_path):
    cache = ResultCache(str(tmp_path / "c"))
    call = (str(tmp_path / "a.js"), "a.js", AnalysisOptions())
    Path(call[0]).write_text(ROUTE)
    key = cache.key(call, cache.content_digest(call[0]))
    payload = marshal.dumps((key, ({"d": "leaklint.engine:FileResult", "f": ("a.js", [])}, None)))
    cache._write(key, cache_module.MAGIC + cache_module.hashlib.blake2b(payload, digest_size=20).digest() + payload)
    results, missing = cache.lookup([call])
    assert results == [None] and missing == [0] and cache.invalid == 1


def test_concurrent_runs_share_one_cache(project, tmp_path):
    cache_dir = tmp_path / "shared-cache"
    for index in range(20):
        (project / "src" / f"copy{index}.js").write_text(ROUTE.replace("cache", f"cache{index}"))
    expected = run(project, "--format", "json", "--no-cache", "src").stdout
    env = {**os.environ, "LEAKLINT_CACHE": "1"}
    command = [sys.executable, "-m", "leaklint", "--isolated", "--format", "json", "--jobs", "1",
               "--cache-dir", str(cache_dir), "src"]
    for _ in range(3):
        runs = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
        outputs = [process.communicate() for process in runs]
        for stdout, stderr in outputs:
            assert stdout.decode() == expected
            assert b"cache" not in stderr  # no corrupt entry, no write problem
    assert len(entries(cache_dir)) == 23
    assert not [p for p in cache_dir.rglob("*.tmp")]


def test_the_cache_is_pruned_to_its_bound_oldest_first(tmp_path):
    sources = []
    for index in range(10):
        path = tmp_path / f"f{index}.js"
        path.write_text(f"const value{index} = {index};\n")
        sources.append(path)
    cache = ResultCache(str(tmp_path / "c"), max_entries=5)
    options = AnalysisOptions()
    calls = [(str(p), p.name, options) for p in sources]
    cache.store(calls, [analyze_path(*call) for call in calls])
    stored = entries(tmp_path / "c")
    assert len(stored) == 10
    for age, call in enumerate(calls):  # f0 oldest … f9 newest
        entry = Path(cache._entry_path(cache.key(call, cache.content_digest(call[0]))))
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    assert cache.prune() == 6  # down to 80% of the bound
    kept = ResultCache(str(tmp_path / "c"))
    results, missing = kept.lookup(calls)
    assert missing == [0, 1, 2, 3, 4, 5]
    assert all(r is not None for r in results[6:])


def test_a_run_within_the_bound_prunes_nothing(project):
    run(project, "src")
    cache = ResultCache(str(project / CACHE_DIR_NAME))
    cache.stored = 1
    assert cache.prune() == 0 and len(entries(project / CACHE_DIR_NAME)) == 3


def test_no_cache_writes_nothing(project, monkeypatch):
    monkeypatch.delenv("LEAKLINT_CACHE")
    old = os.getcwd()
    os.chdir(project)
    try:
        plain = CliRunner().invoke(main, ["--isolated", "--no-cache", "src"], catch_exceptions=False)
        assert not (project / CACHE_DIR_NAME).exists()
        (project / "leaklint.toml").write_text("cache = false\n")
        CliRunner().invoke(main, ["src"], catch_exceptions=False)
        assert not (project / CACHE_DIR_NAME).exists()
        (project / "leaklint.toml").unlink()
        default = CliRunner().invoke(main, ["--isolated", "src"], catch_exceptions=False)  # on by default
        assert (project / CACHE_DIR_NAME).is_dir()
    finally:
        os.chdir(old)
    assert plain.stdout == default.stdout


def test_the_cache_folder_ignores_itself_in_git(project):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    run(project, "src")
    assert (project / CACHE_DIR_NAME / ".gitignore").read_text().splitlines()[-1] == "*"
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=project,
                            capture_output=True, text=True, check=True).stdout
    assert "src/route.js" in status and CACHE_DIR_NAME not in status


def test_cache_dir_from_the_configuration_is_relative_to_it(project):
    (project / "leaklint.toml").write_text('cache-dir = "build/lint-cache"\n')
    old = os.getcwd()
    os.chdir(project / "src")
    try:
        CliRunner().invoke(main, ["--cache", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert len(entries(project / "build" / "lint-cache")) == 3
    assert not (project / CACHE_DIR_NAME).exists()


def test_a_bad_cache_dir_setting_is_a_configuration_error(project):
    (project / "leaklint.toml").write_text("cache-dir = 3\n")
    old = os.getcwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(main, ["--cache", "src"], catch_exceptions=False)
    finally:
        os.chdir(old)
    assert result.exit_code == 2 and "'cache-dir' must be a folder path" in result.stderr


def test_an_unwritable_cache_is_one_note_and_the_run_goes_on(project):
    blocker = project / "not-a-folder"
    blocker.write_text("")
    result = run(project, "--format", "json", "src", cache_dir=blocker / "cache")
    assert json.loads(result.stdout)["findings"]
    notes = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(notes) == 1 and "cannot write the cache" in notes[0]


def test_the_display_path_is_part_of_the_key(project, tmp_path):
    cache_dir = tmp_path / "c"
    inside = json.loads(run(project, "--format", "json", "src", cache_dir=cache_dir).stdout)
    outside = json.loads(run(project.parent, "--format", "json", "app/src", cache_dir=cache_dir).stdout)
    assert {f["path"] for f in inside["findings"]} == {"src/route.js", "src/timer.js"}
    assert {f["path"] for f in outside["findings"]} == {"app/src/route.js", "app/src/timer.js"}


def test_results_cut_short_are_never_stored(tmp_path):
    options = AnalysisOptions()
    assert not cacheable(FileResult("a.js", errors=[FileError("a.js", timeout_message(options.file_timeout))]), options)
    assert not cacheable(FileResult("a.js", errors=[FileError("a.js", "internal error in LL001: KeyError: 'x'")]), options)
    assert not cacheable(FileResult("a.js", errors=[FileError("a.js", "cannot read file: Permission denied")]), options)
    assert cacheable(FileResult("a.js", errors=[FileError("a.js", "syntax error at line 1, column 2", 1, 2)]), options)
    path = tmp_path / "a.js"
    path.write_text(ROUTE)
    cache = ResultCache(str(tmp_path / "c"))
    call = (str(path), "a.js", options)
    cache.store([call], [FileResult("a.js", errors=[FileError("a.js", timeout_message(options.file_timeout))])])
    assert cache.stored == 0 and cache.lookup([call])[1] == [0]


def test_a_rule_crash_is_analyzed_again_next_run(project, parses, monkeypatch):
    from leaklint.rules import ALL_RULES

    rule = next(r for r in ALL_RULES if r.code == "LL001")

    def broken(self, ctx):
        raise KeyError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(rule, "on_file_end", broken)
        crashed = run(project, "--jobs", "1", "src")
    assert "internal error in LL001" in crashed.stdout + crashed.stderr
    parses.clear()
    run(project, "--jobs", "1", "src")
    assert len(parses) == 3  # nothing from the crashed run was kept


def test_project_root_is_the_nearest_folder_with_package_json_or_git(tmp_path, monkeypatch):
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "packages" / "api" / "src").mkdir(parents=True)
    (tmp_path / "repo" / "packages" / "api" / "package.json").write_text("{}")
    (tmp_path / "repo" / "tools").mkdir()
    assert project_root(str(tmp_path / "repo" / "packages" / "api" / "src")) == str(tmp_path / "repo" / "packages" / "api")
    assert project_root(str(tmp_path / "repo" / "tools" / "x.js")) == str(tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo" / "tools")
    assert project_root() == str(tmp_path / "repo")


def test_standard_input_is_not_cached(project):
    old = os.getcwd()
    os.chdir(project)
    try:
        CliRunner().invoke(main, ["--isolated", "--cache", "--stdin-filename", "src/x.js"], input=ROUTE)
    finally:
        os.chdir(old)
    assert not (project / CACHE_DIR_NAME).exists()


# -- partial runs (issue 8 item 5): the rest of the project from cached summaries ------------


def test_a_partial_run_links_against_cached_summaries_of_the_rest(tmp_path):
    root = _linked_project(tmp_path)
    full = [f for f in json.loads(run(root, "--format", "json", ".").stdout)["findings"] if f["rule"] == "LL001"]
    assert [(f["path"], f["confidence"]) for f in full] == [("services/score-board.js", "high")]
    # The service file alone: the route's cached summary still makes forPlayer per-request.
    service = json.loads(run(root, "--format", "json", "services/score-board.js").stdout)["findings"]
    assert [(f["path"], f["line"], f["confidence"]) for f in service] == [("services/score-board.js", 2, "high")]
    assert service[0]["related"] == full[0]["related"]
    # The route file alone (pre-commit after editing it): the chain it causes is still reported.
    route = json.loads(run(root, "--format", "json", "routes/scores.js").stdout)["findings"]
    assert route == full


def test_a_partial_run_without_cached_summaries_sees_only_its_files(tmp_path):
    root = _linked_project(tmp_path)
    for args in (("--no-cache",), ("--cache-dir", str(tmp_path / "empty"))):
        service = json.loads(run(root, "--format", "json", *args, "services/score-board.js").stdout)["findings"]
        assert [f for f in service if f["confidence"] == "high"] == []
    for args in (("--no-cache",), ("--cache-dir", str(tmp_path / "other"))):
        assert json.loads(run(root, "--format", "json", *args, "routes/scores.js").stdout)["findings"] == []


def test_a_partial_run_ignores_summaries_of_changed_or_excluded_files(tmp_path):
    root = _linked_project(tmp_path)
    run(root, ".")
    route = root / "routes" / "scores.js"
    route.write_text(route.read_text() + "// edited since the last full run\n")
    service = json.loads(run(root, "--format", "json", "services/score-board.js").stdout)["findings"]
    assert [f for f in service if f["confidence"] == "high"] == []  # its content has no cached summary
    run(root, ".")  # caches the edited route
    excluded = run(root, "--format", "json", "--exclude", "routes", "services/score-board.js").stdout
    assert [f for f in json.loads(excluded)["findings"] if f["confidence"] == "high"] == []


def test_a_folder_run_does_not_pull_in_the_rest_of_the_project(tmp_path):
    root = _linked_project(tmp_path)
    run(root, ".")
    alone = json.loads(run(root, "--format", "json", "services").stdout)["findings"]
    assert [f for f in alone if f["confidence"] == "high"] == []


def test_references_are_in_document_order_in_every_analysis():
    # The query returns captures in no stable order; the cache and --jobs comparisons need the same
    # result from every analysis of the same bytes (LL005's and LL003's "used here" location).
    path = str(ROOT / "samples" / "shared-closure-context" / "leaky.js")
    seen = set()
    for _ in range(15):
        result = analyze_path(path, "leaky.js", AnalysisOptions())
        seen.add(repr(result.findings))
    assert len(seen) == 1


def test_a_partial_run_keeps_the_other_files_suppressions_but_reports_nothing_else_about_them(tmp_path):
    root = _linked_project(tmp_path)
    service = root / "services" / "score-board.js"
    lines = service.read_text().splitlines(keepends=True)
    lines.insert(1, "    // leaklint-disable-next-line LL001 -- the players are a fixed roster\n")
    lines.insert(0, "// leaklint-disable-next-line LL004 LL999\n")
    service.write_text("".join(lines))
    run(root, ".")
    report = json.loads(run(root, "--format", "json", "--report-unused-suppressions", "routes/scores.js").stdout)
    assert report["findings"] == []  # the chain finding is suppressed where it is; no LL900/LL902 about line 1
    service.write_text("".join(lines[1:2] + lines[3:]))
    run(root, ".")
    report = json.loads(run(root, "--format", "json", "--report-unused-suppressions", "routes/scores.js").stdout)
    assert [(f["path"], f["rule"]) for f in report["findings"]] == [("services/score-board.js", "LL001")]


def test_the_size_tally_decides_when_to_scan(tmp_path, monkeypatch):
    options = AnalysisOptions()

    def store(cache, first, count):
        calls = []
        for index in range(first, first + count):
            path = tmp_path / f"g{index}.js"
            path.write_text(f"const value{index} = {index};\n")
            calls.append((str(path), path.name, options))
        cache.store(calls, [analyze_path(*call) for call in calls])

    cache = ResultCache(str(tmp_path / "c"), max_entries=5)
    store(cache, 0, 3)
    assert cache.prune() == 0  # no tally yet: scanned, within the bound
    scans = []
    real = ResultCache._scan_and_prune
    monkeypatch.setattr(ResultCache, "_scan_and_prune", lambda self: scans.append(1) or real(self))
    second = ResultCache(str(tmp_path / "c"), max_entries=5)
    store(second, 3, 1)
    assert second.prune() == 0 and scans == []  # 4 by the tally: no scan
    third = ResultCache(str(tmp_path / "c"), max_entries=5)
    store(third, 4, 2)
    assert third.prune() == 2 and scans == [1]  # 6 by the tally: scanned, pruned to 80%
    assert len(entries(tmp_path / "c")) == 4
