"""The shortcuts discovery takes (leaklint/discover.py) decide exactly what the long way decides.

- ``is_generated`` rejects files without a long line before looking at lines
  one by one: compared with the line-by-line definition on generated heads.
- A .gitignore's patterns are first tried as one regex (translated, not
  compiled one by one): whenever it says "no pattern matches", pathspec's own
  check must say the same, and the spec built on it answers what pathspec's
  does for every path.
- Paths are built per folder (relative, display and real paths): compared
  with the per-file functions on a tree with odd names and a linked folder.
"""

from __future__ import annotations

import os
import subprocess

import pathspec
from hypothesis import given, settings
from hypothesis import strategies as st

from leaklint import discover as discover_module
from leaklint.discover import (
    GENERATED_LINE_LENGTH,
    GENERATED_SNIFF_BYTES,
    _any_pattern,
    IgnoreSpec,
    _is_comment,
    _may_match,
    discover,
    display_path,
    is_generated,
)


def generated_by_lines(head: bytes) -> bool:
    """The definition, line by line (the code before the shortcut)."""
    first = head.lstrip().split(b"\n", 1)[0]
    if (first.startswith(b"/*!") and b"*/" in first) or b"@generated" in head[:2048]:
        return True
    lines = head.split(b"\n")  # a last line cut at the sniffed size is at least as long as what was read of it
    return any(len(line) > GENERATED_LINE_LENGTH and not _is_comment(line) for line in lines)


LINE = st.one_of(
    st.integers(0, 80).map(lambda n: b"x" * n),
    st.integers(GENERATED_LINE_LENGTH - 2, GENERATED_LINE_LENGTH + 2).map(lambda n: b"a" * n),
    st.integers(GENERATED_LINE_LENGTH, 3000).map(lambda n: b"  // " + b"c" * n),
    st.integers(GENERATED_LINE_LENGTH, 3000).map(lambda n: b" * " + b"d" * n),
    st.integers(0, 30_000).map(lambda n: b"m" * n),
    st.sampled_from([b"/*! lib v1 | MIT */", b"/*!", b"// @generated", b"\r", b""]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=12), st.booleans())
def test_is_generated_matches_the_line_by_line_definition(tmp_path_factory, lines, fill):
    text = b"\n".join(lines)
    if fill:  # exactly at or past the sniffed size: the last line may be cut
        text = (text + b"\n" + b"z" * GENERATED_SNIFF_BYTES)[: GENERATED_SNIFF_BYTES + len(lines)]
    path = tmp_path_factory.mktemp("sniff") / "f.js"
    path.write_bytes(text)
    assert is_generated(str(path)) == generated_by_lines(text[:GENERATED_SNIFF_BYTES])


PATTERN = st.sampled_from(
    ["*.log", "/build", "dist/", "!keep.js", "**/gen/**", "a/**/b", "src/*.js", "!src/main.js", "# comment", "",
     "node_modules", "\\#hash", "*.[jt]s", "?x.js", "/root.js", "deep/er/", "!deep/er/ok/", "**/*.min.js", "x/"]
)
PATH = st.lists(st.sampled_from(["src", "dist", "build", "gen", "a", "b", "deep", "er", "ok", "main.js", "x.js",
                                 "keep.js", "f.log", "ax.js", "#hash", "root.js", "t.ts", "y.min.js", "x"]),
                min_size=1, max_size=4).map("/".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(PATTERN, max_size=8), PATH, st.booleans())
def test_the_one_regex_says_no_match_only_when_no_pattern_matches(patterns, path, is_dir):
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    candidate = path + "/" if is_dir else path
    if not _may_match(_any_pattern(patterns)[0], candidate):
        assert spec.check_file(candidate).include is None
        assert not spec.match_file(candidate)
    ours = IgnoreSpec(patterns)
    assert ours.include_of(candidate) == spec.check_file(candidate).include
    assert ours.match_file(candidate) == spec.match_file(candidate)
    for prefix in ("./", "/"):  # how pathspec normalises a path, as _may_match does
        assert ours.include_of(prefix + candidate) == spec.check_file(prefix + candidate).include


def test_pathspecs_own_spec_is_built_only_for_a_path_some_pattern_matches():
    ours = IgnoreSpec(["*.log", "dist/", "!keep.log"])
    assert ours.include_of("src/a.js") is None and ours._spec is None
    assert ours.include_of("keep.log") is False and ours._spec is not None
    assert ours.include_of("x.log") is True and ours.include_of("dist/") is True


def test_a_spec_without_negation_never_builds_pathspecs_spec():
    ours = IgnoreSpec(["*.log", "dist/", "test/", "\\!literal"])  # an escaped `!` is no negation
    for path, ignored in (("a.log", True), ("dist/", True), ("src/a.js", None), ("test/x.js", True), ("!literal", True)):
        assert ours.include_of(path) is ignored, path
    assert ours._spec is None


def test_paths_built_per_folder_equal_the_per_file_functions(tmp_path, monkeypatch):
    project = tmp_path / "p"
    for name in ("..odd.js", "src/a.js", "src/..b.js", "..dir/c.js", "keep/d.ts", "skip/e.js", "src/sub/f.mjs"):
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("const x = 1;\n")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / ".gitignore").write_text("skip/\n*.tmp.js\n")
    (project / "src" / ".gitignore").write_text("sub/\n!sub/f.mjs\n")
    os.symlink(project / "keep", project / "alias")
    (project / "outside").mkdir()
    for cwd, root in ((project, "."), (project / "outside", str(project)), (project, "src"), (tmp_path, "p")):
        monkeypatch.chdir(cwd)
        found = discover([root])
        assert found.files, root
        for source in found.files:
            assert source.display_path == display_path(source.path, str(cwd))
        reals = [os.path.realpath(f.path) for f in found.files]
        assert len(reals) == len(set(reals))  # the linked folder's files are not found twice
        shown = {f.display_path.rsplit("/", 1)[-1] for f in found.files}
        assert "e.js" not in shown
    monkeypatch.chdir(project)
    # (a name starting with `..` is shown absolute, as display_path has always done)
    assert sorted(os.path.relpath(f.path, project) for f in discover(["."]).files) == [
        "..dir/c.js", "..odd.js", "keep/d.ts", "src/..b.js", "src/a.js",
    ]


def test_a_gitignore_the_one_regex_cannot_express_still_works(monkeypatch, tmp_path):
    monkeypatch.setattr(discover_module, "_any_pattern", lambda lines: (None, True))  # no shortcut at all
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "a.js").write_text("")
    (tmp_path / "lib" / "b.js").write_text("")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("lib/b.js\n")
    monkeypatch.chdir(tmp_path)
    assert [f.display_path for f in discover(["."]).files] == ["lib/a.js"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 2 * GENERATED_LINE_LENGTH + 5), min_size=1, max_size=20))
def test_the_block_test_never_misses_a_long_line(lengths):
    head = b"\n".join(b"x" * n for n in lengths)
    if max(lengths) > GENERATED_LINE_LENGTH:
        assert discover_module._may_have_long_line(head)
    if len(head) < discover_module._BLOCK:
        assert not discover_module._may_have_long_line(head)
