"""Which files a run analyzes."""

import subprocess

from leaklint.discover import discover


def _paths(found):
    return sorted(f.display_path for f in found.files)


def test_extensions(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.js", "b.mjs", "c.cjs", "d.jsx", "e.ts", "f.mts", "g.cts", "h.tsx", "i.json", "j.py", "k.d"):
        write(f"src/{name}", "")
    assert _paths(discover(["src"])) == [
        "src/a.js", "src/b.mjs", "src/c.cjs", "src/d.jsx", "src/e.ts", "src/f.mts", "src/g.cts", "src/h.tsx"
    ]


def test_default_excludes_and_opt_out(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("node_modules/x/i.js", "dist/b.js", "build/c.js", "coverage/d.js", "lib/e.min.js", "lib/f.js"):
        write(name, "")
    assert _paths(discover(["."])) == ["lib/f.js"]
    assert len(discover(["."], use_default_excludes=False).files) == 6


def test_user_excludes(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("src/a.js", "src/gen/b.js", "test/c.test.js"):
        write(name, "")
    assert _paths(discover(["."], exclude=("src/gen/", "*.test.js"))) == ["src/a.js"]


def test_gitignore_is_honoured_at_every_level(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(".gitignore", "generated/\n*.bundle.js\n")
    write("packages/app/.gitignore", "tmp.js\n!keep.bundle.js\n")
    for name in (
        "src/a.js",
        "generated/b.js",
        "src/c.bundle.js",
        "packages/app/tmp.js",
        "packages/app/keep.bundle.js",
        "packages/app/ok.ts",
        "packages/other/tmp.js",
    ):
        write(name, "")
    assert _paths(discover(["."])) == [
        "packages/app/keep.bundle.js",
        "packages/app/ok.ts",
        "packages/other/tmp.js",
        "src/a.js",
    ]
    # Scanning a subfolder still applies the .gitignore files above it.
    assert _paths(discover(["packages/app"])) == ["packages/app/keep.bundle.js", "packages/app/ok.ts"]
    assert len(discover(["."], respect_gitignore=False).files) == 7


def test_explicit_files_are_always_analyzed(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(".gitignore", "ignored.js\n")
    write("ignored.js", "")
    write("dist/app.min.js", "")
    write("script", "#!/usr/bin/env node\n")
    assert _paths(discover(["ignored.js", "dist/app.min.js", "script"])) == ["dist/app.min.js", "ignored.js", "script"]


def test_each_file_once(write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("src/a.js", "")
    assert _paths(discover(["src", "src/a.js", "./src"])) == ["src/a.js"]


def test_paths_outside_the_working_directory_are_absolute(write, tmp_path, monkeypatch):
    path = write("outside/a.js", "")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    assert _paths(discover([str(path.parent)])) == [str(path)]
