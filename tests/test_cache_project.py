"""The whole-project cache entry (leaklint/cache.py, project/run.py): an unchanged project skips the link.

A run over a project stores its final results under a key made of every
file's path and per-file key. These tests check what a warm run does (no
per-file entry decoded, no link, no parse), that any change to the project
is another key (and then only the changed file is parsed), that a bad
project entry is a miss, that the entry is not written when a result was not
stored, and that the entries stay bounded. Never timing.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint import cache as cache_module
from leaklint import syntax
from leaklint.cache import CACHE_DIR_NAME, MAX_PROJECT_ENTRIES
from leaklint.cli import main
from leaklint.project import link as link_module

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ROOT / "tests" / "projects"


def run(cwd: Path, *args: str):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["--isolated", "--cache", "--jobs", "1", *args], catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    """A two-file project whose LL001 finding needs the link (a route calls a service)."""
    root = tmp_path / "scores"
    shutil.copytree(PROJECTS / "static-cache-route", root)
    (root / "package.json").write_text("{}\n")
    return root


@pytest.fixture
def counted(monkeypatch) -> dict[str, list]:
    """Counts parses, links and per-file entry decodes made in this process."""
    seen: dict[str, list] = {"parse": [], "link": [], "decode": []}
    real_parse, real_link, real_decode = syntax.parse_best, link_module.link, cache_module.decode_result

    def parse(source, grammar):
        seen["parse"].append(len(source))
        return real_parse(source, grammar)

    def link(entries, **options):
        seen["link"].append(len(entries))
        return real_link(entries, **options)

    def decode(data, with_summary=True):
        seen["decode"].append(1)
        return real_decode(data, with_summary)

    monkeypatch.setattr(syntax, "parse_best", parse)
    monkeypatch.setattr(link_module, "link", link)
    monkeypatch.setattr(cache_module, "decode_result", decode)
    return seen


def clear(seen: dict[str, list]) -> None:
    for values in seen.values():
        values.clear()


def project_entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE_DIR_NAME / "projects-v1").glob("*") if not p.name.endswith(".tmp"))


def uncached(root: Path) -> str:
    return run(root, "--format", "json", "--no-cache", ".").stdout


def test_an_unchanged_project_is_one_entry_no_link_no_decode_no_parse(scores, counted):
    first = run(scores, "--format", "json", "--show-files", ".")
    assert counted["link"] == [2] and len(counted["parse"]) >= 2
    assert len(project_entries(scores)) == 1
    clear(counted)
    warm = run(scores, "--format", "json", "--show-files", ".")
    assert counted == {"parse": [], "link": [], "decode": []}
    assert warm.stdout == first.stdout == uncached(scores)
    assert json.loads(warm.stdout)["findings"]
    # --show-files says what the per-file lookups would have said, phase 2 included.
    assert "routes/scores.js: cache hit" in warm.stderr
    assert "services/score-board.js: linked cache hit" in warm.stderr


def test_one_edited_file_invalidates_the_project_entry_and_only_it_is_parsed(scores, counted):
    run(scores, ".")
    route = scores / "routes" / "scores.js"
    route.write_text(route.read_text() + "// edited\n")  # the same facts for the service
    clear(counted)
    changed = run(scores, "--format", "json", "--show-files", ".")
    assert counted["link"] == [2]  # linked again
    assert counted["parse"] == [len(route.read_bytes())]
    assert "routes/scores.js: analyzed (cache miss)" in changed.stderr
    assert "services/score-board.js: linked cache hit" in changed.stderr
    assert changed.stdout == uncached(scores)
    assert len(project_entries(scores)) == 2  # the old state keeps its entry until pruned


def test_an_edit_that_changes_the_linked_facts_reanalyzes_only_the_files_they_reach(scores, counted):
    run(scores, ".")
    route = scores / "routes" / "scores.js"
    service = scores / "services" / "score-board.js"
    route.write_text(route.read_text().replace("req.params.player", "'champion'"))
    clear(counted)
    changed = run(scores, "--format", "json", ".")
    # The route (its bytes changed) and the service's second pass (its facts did); not its first pass.
    assert sorted(counted["parse"]) == sorted([len(route.read_bytes()), len(service.read_bytes())])
    assert changed.stdout == uncached(scores)


@pytest.mark.parametrize("change", ["add", "remove", "rename"])
def test_the_file_list_is_part_of_the_project_key(scores, counted, change):
    run(scores, ".")
    extra = scores / "lib" / "extra.js"
    if change == "add":
        extra.parent.mkdir()
        extra.write_text("const x = 1;\nmodule.exports = x;\n")
    elif change == "remove":
        (scores / "routes" / "scores.js").unlink()
    else:
        (scores / "routes" / "scores.js").rename(scores / "routes" / "renamed.js")
    clear(counted)
    result = run(scores, "--format", "json", ".")
    assert len(counted["link"]) == 1
    assert result.stdout == uncached(scores)


def test_an_option_change_is_another_project_entry(scores, counted):
    run(scores, ".")
    clear(counted)
    narrowed = run(scores, "--format", "json", "--select", "LL004", ".")
    assert len(counted["link"]) == 1 and json.loads(narrowed.stdout)["findings"] == []
    clear(counted)
    run(scores, ".")
    run(scores, "--select", "LL004", ".")
    assert counted["link"] == [] and counted["parse"] == []


def test_the_same_files_elsewhere_are_another_project(scores, tmp_path, counted):
    cache_dir = tmp_path / "shared"
    run(scores, "--cache-dir", str(cache_dir), ".")
    moved = tmp_path / "moved"
    shutil.copytree(scores, moved)
    clear(counted)
    run(moved, "--cache-dir", str(cache_dir), ".")
    assert len(counted["link"]) == 1  # the link works on absolute paths: not reused across folders
    assert counted["parse"] == []  # but every per-file entry is


@pytest.mark.parametrize("damage", ["garbage", "torn", "foreign"])
def test_a_bad_project_entry_is_a_miss_with_a_note_and_is_rewritten(scores, counted, damage):
    first = run(scores, "--format", "json", ".")
    (entry,) = project_entries(scores)
    if damage == "garbage":
        entry.write_bytes(b"garbage")
    elif damage == "torn":
        entry.write_bytes(entry.read_bytes()[:-3])
    else:  # a valid checksum around data that is not a project entry
        import marshal

        payload = marshal.dumps((entry.name, ([{"d": "os:stat_result", "f": ()}], ())))
        digest = cache_module.hashlib.blake2b(payload, digest_size=20).digest()
        entry.write_bytes(cache_module.MAGIC + digest + payload)
    clear(counted)
    second = run(scores, "--format", "json", ".")
    assert second.stdout == first.stdout
    assert counted["parse"] == [] and counted["link"] == [2]  # per-file entries answered; linked again
    assert "ignored 1 unreadable or corrupt cache entry" in second.stderr
    clear(counted)
    third = run(scores, "--format", "json", ".")
    assert counted["link"] == [] and third.stderr == ""


def test_no_project_entry_when_a_result_was_not_stored(scores, monkeypatch):
    from leaklint.rules import ALL_RULES

    rule = next(r for r in ALL_RULES if r.code == "LL001")

    def broken(self, ctx):
        raise KeyError("boom")

    with monkeypatch.context() as patch:
        patch.setattr(rule, "on_file_end", broken)
        crashed = run(scores, ".")
    assert "internal error in LL001" in crashed.stdout + crashed.stderr
    assert project_entries(scores) == []
    run(scores, ".")
    assert len(project_entries(scores)) == 1


def test_a_failed_link_stores_no_project_entry(scores, monkeypatch):
    def failing(entries):
        raise RuntimeError("link bug")

    monkeypatch.setattr(link_module, "link", failing)
    result = run(scores, ".")
    assert "internal error in the project link phase" in result.stdout + result.stderr
    assert project_entries(scores) == []


def test_a_partial_run_neither_reads_nor_writes_project_entries(scores, counted):
    run(scores, ".")
    (entry,) = project_entries(scores)
    clear(counted)
    partial = run(scores, "--format", "json", "routes/scores.js")
    assert len(counted["link"]) == 1 and project_entries(scores) == [entry]
    assert json.loads(partial.stdout)["findings"]


def test_project_entries_stay_bounded_newest_kept(scores, counted):
    route = scores / "routes" / "scores.js"
    original = route.read_text()
    revisions = MAX_PROJECT_ENTRIES + 4
    for index in range(revisions):
        route.write_text(original + f"// revision {index}\n")
        run(scores, ".")
        entries = project_entries(scores)
        assert len(entries) <= MAX_PROJECT_ENTRIES
        for path in entries:  # the entry just written gets an age of its own, so the order is defined
            if path.stat().st_mtime > 2_000_000:
                os.utime(path, (1_000_000 + index, 1_000_000 + index))
    assert len(project_entries(scores)) == MAX_PROJECT_ENTRIES
    clear(counted)
    run(scores, ".")  # the newest state: answered by its entry
    assert counted["link"] == []
    route.write_text(original + "// revision 0\n")  # the oldest state: pruned
    run(scores, ".")
    assert len(counted["link"]) == 1


def test_a_reinstalled_parser_package_changes_the_code_fingerprint(tmp_path, monkeypatch):
    package = tmp_path / "fake_grammar"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "_binding.so").write_bytes(b"v1")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cache_module, "PARSER_MODULES", ("fake_grammar",))
    cache_module.code_fingerprint.cache_clear()
    try:
        first = cache_module.code_fingerprint()
        (package / "_binding.so").write_bytes(b"v2.0")  # an upgrade rewrites the compiled grammar
        cache_module.code_fingerprint.cache_clear()
        assert cache_module.code_fingerprint() != first
        monkeypatch.setattr(cache_module, "PARSER_MODULES", ("no_such_grammar_package",))
        cache_module.code_fingerprint.cache_clear()
        assert cache_module.code_fingerprint() not in (first, "")
    finally:
        monkeypatch.undo()
        cache_module.code_fingerprint.cache_clear()
