"""Module resolution for the link phase: what resolves, and what stays unknown."""

from __future__ import annotations

import json

import pytest

from leaklint.project.resolve import Resolver, never_resolves

FILES = [
    "app/src/routes/users.js",
    "app/src/services/index.ts",
    "app/src/services/cache.ts",
    "app/src/lib/esm.mjs",
    "app/src/data/users.json",
    "app/src/events.ts",
    "packages/cache/src/index.ts",
    "packages/cache/src/extra.ts",
    "packages/legacy/lib/main.js",
]

# (importer, specifier, expected file or None)
CASES = [
    ("app/src/routes/users.js", "../services", "app/src/services/index.ts"),
    ("app/src/routes/users.js", "../services/cache", "app/src/services/cache.ts"),
    ("app/src/routes/users.js", "../services/cache.js", "app/src/services/cache.ts"),  # TS node16 style
    ("app/src/routes/users.js", "../lib/esm.mjs", "app/src/lib/esm.mjs"),
    ("app/src/routes/users.js", "../data/users.json", None),  # JSON is data, not code
    ("app/src/routes/users.js", "../services/missing", None),
    ("app/src/routes/users.js", "@app/services/cache", "app/src/services/cache.ts"),  # tsconfig paths via extends
    ("app/src/routes/users.js", "services/cache", "app/src/services/cache.ts"),  # baseUrl
    ("app/src/routes/users.js", "@acme/cache", "packages/cache/src/index.ts"),  # workspace: exports "." types
    ("app/src/routes/users.js", "@acme/cache/extra", "packages/cache/src/extra.ts"),  # workspace: exports subpath
    ("app/src/routes/users.js", "legacy", "packages/legacy/lib/main.js"),  # workspace: main
    ("app/src/routes/users.js", "express", None),  # not analyzed: unknown
    ("app/src/routes/users.js", "node:events", None),
    ("app/src/routes/users.js", "events", "app/src/events.ts"),  # a built-in's bare name, mapped by baseUrl
]


@pytest.fixture
def resolver(tmp_path):
    for relative in FILES:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("export {};\n")
    (tmp_path / "app" / "tsconfig.base.json").write_text(
        '{\n  // shared\n  "compilerOptions": { "baseUrl": "src", "paths": { "@app/*": ["./*"], }, },\n}\n'
    )
    (tmp_path / "app" / "tsconfig.json").write_text('{ "extends": "./tsconfig.base", "compilerOptions": {} }')
    (tmp_path / "packages" / "cache" / "package.json").write_text(
        json.dumps({"name": "@acme/cache", "exports": {".": {"types": "./src/index.ts", "default": "./dist/index.js"},
                                                         "./extra": "./src/extra.ts"}})
    )
    (tmp_path / "packages" / "legacy" / "package.json").write_text(json.dumps({"name": "legacy", "main": "lib/main.js"}))
    (tmp_path / "package.json").write_text("{ not json")  # unreadable manifests are skipped
    return Resolver([str(tmp_path / f) for f in FILES]), tmp_path


@pytest.mark.parametrize(("importer", "specifier", "expected"), CASES, ids=[c[1] for c in CASES])
def test_resolution(resolver, importer, specifier, expected):
    resolve, root = resolver
    found = resolve.resolve(str(root / importer), specifier)
    assert found == (str(root / expected) if expected else None)


def test_tsconfig_extends_cycle_is_safe(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.ts").write_text("")
    (tmp_path / "tsconfig.json").write_text('{ "extends": "./other.json" }')
    (tmp_path / "other.json").write_text('{ "extends": "./tsconfig.json" }')
    assert Resolver([str(tmp_path / "src" / "a.ts")]).resolve(str(tmp_path / "src" / "a.ts"), "x") is None


@pytest.mark.parametrize("meteor", [True, False])
def test_root_imports_resolve_from_a_meteor_applications_root(tmp_path, meteor):
    files = ["server/methods.js", "imports/api/boards.js"]
    for relative in files:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("export {};\n")
    if meteor:
        (tmp_path / ".meteor").mkdir()
        (tmp_path / ".meteor" / "release").write_text("METEOR@3.0\n")
    resolver = Resolver([str(tmp_path / f) for f in files])
    found = resolver.resolve(str(tmp_path / "server/methods.js"), "/imports/api/boards")
    # outside a Meteor application `/imports/…` is a path from the file system's root: not analyzed
    assert found == (str(tmp_path / "imports/api/boards.js") if meteor else None)


@pytest.mark.parametrize(
    ("specifier", "never"),
    [("node:events", True), ("node:fs/promises", True), ("../data/users.json", True), ("pkg/data.json", True),
     ("events", False), ("fs", False), ("", False), ("./events", False), ("@acme/cache", False)],
)
def test_never_resolves_only_what_no_project_can_map(specifier, never):
    assert never_resolves(specifier) is never


def test_what_never_resolves_does_not_resolve_here(resolver):
    resolve, root = resolver
    for importer, specifier, expected in CASES:
        if never_resolves(specifier):
            assert expected is None and resolve.resolve(str(root / importer), specifier) is None


# -- imports of built output, mapped back through tsconfig `outDir` -> `rootDir` ----------------------------

BUILD_FILES = [
    "pkg-a/src/index.ts",
    "pkg-a/src/foo.ts",
    "pkg-a/src/ui/view.tsx",
    "pkg-a/src/esm.mts",
    "pkg-a/test/foo.test.ts",
    "pkg-a/test/local.mts",
    "pkg-b/index.js",
    "pkg-b/src/foo.ts",
    "pkg-c/src/index.mts",
    "pkg-d/src/index.ts",
]

# (importer, specifier, expected file or None)
BUILD_CASES = [
    # outDir/rootDir from an extended base, written with `${configDir}` (the extending config's folder)
    ("pkg-a/test/foo.test.ts", "../dist/foo.js", "pkg-a/src/foo.ts"),
    ("pkg-a/test/foo.test.ts", "../dist/ui/view.js", "pkg-a/src/ui/view.tsx"),
    ("pkg-a/test/foo.test.ts", "../dist/esm.mjs", "pkg-a/src/esm.mts"),
    ("pkg-a/test/foo.test.ts", "../dist", "pkg-a/src/index.ts"),
    ("pkg-a/test/foo.test.ts", "../dist/missing.js", None),  # no such source: unknown
    ("pkg-a/test/foo.test.ts", "../build/foo.js", None),  # not the outDir
    ("pkg-a/test/foo.test.ts", "./local.js", "pkg-a/test/local.mts"),
    # the tsconfig above the path decides, not only the importer's
    ("pkg-a/test/foo.test.ts", "../../pkg-b/lib/foo.js", "pkg-b/src/foo.ts"),
    # no rootDir: TypeScript's default, the folder holding every source (pkg-b/src)
    ("pkg-b/index.js", "./lib/foo", "pkg-b/src/foo.ts"),
    ("pkg-b/index.js", "./dist/foo", None),
    # workspace packages whose manifest points into the build output
    ("pkg-b/index.js", "@acme/a", "pkg-a/src/index.ts"),  # main/types: dist/index.js, dist/index.d.ts
    ("pkg-b/index.js", "@acme/a/dist/foo.js", "pkg-a/src/foo.ts"),  # a subpath into dist
    ("pkg-b/index.js", "@acme/c", "pkg-c/src/index.mts"),  # exports conditions into dist, .d.mts
    ("pkg-b/index.js", "@acme/d", None),  # dist/ and src/ but no tsconfig to relate them: never guessed
]


@pytest.fixture
def build_resolver(tmp_path):
    for relative in BUILD_FILES:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("export {};\n")
    (tmp_path / "tsconfig.base.json").write_text(
        '{ "compilerOptions": { "outDir": "${configDir}/dist", "rootDir": "${configDir}/src" } }'
    )
    (tmp_path / "pkg-a" / "tsconfig.json").write_text('{ "extends": ["../tsconfig.base.json"] }')
    (tmp_path / "pkg-a" / "package.json").write_text(
        json.dumps({"name": "@acme/a", "main": "dist/index.js", "types": "dist/index.d.ts"})
    )
    (tmp_path / "pkg-b" / "tsconfig.json").write_text('{ "compilerOptions": { "outDir": "lib" } }')
    (tmp_path / "pkg-c" / "tsconfig.json").write_text('{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }')
    (tmp_path / "pkg-c" / "package.json").write_text(
        json.dumps({"name": "@acme/c", "exports": {".": {"types": "./dist/index.d.mts", "import": "./dist/index.mjs"}}})
    )
    (tmp_path / "pkg-d" / "package.json").write_text(json.dumps({"name": "@acme/d", "main": "dist/index.js"}))
    return Resolver([str(tmp_path / f) for f in BUILD_FILES]), tmp_path


@pytest.mark.parametrize(("importer", "specifier", "expected"), BUILD_CASES, ids=[f"{c[0]}:{c[1]}" for c in BUILD_CASES])
def test_built_output_maps_back_to_its_source(build_resolver, importer, specifier, expected):
    resolve, root = build_resolver
    found = resolve.resolve(str(root / importer), specifier)
    assert found == (str(root / expected) if expected else None)


# (declaration in a function, the module its binding names, or None)
DYNAMIC_IMPORTS = [
    ("const { getUser } = await import('./users.js');", "getUser", ("./users.js", "getUser")),
    ("const { getUser: load } = await import('./users.js');", "load", ("./users.js", "getUser")),
    ("const users = await import('./users.js');", "users", ("./users.js", "*")),
    ("const users = (await import('./users.js'));", "users", ("./users.js", "*")),
    ("const pending = import('./users.js');", "pending", None),  # a promise of the module, not the module
    ("const { getUser } = await import(name);", "getUser", None),  # computed: no module to name
    ("const { getUser } = await load('./users.js');", "getUser", None),
]


@pytest.mark.parametrize(("declaration", "name", "expected"), DYNAMIC_IMPORTS, ids=[c[0] for c in DYNAMIC_IMPORTS])
def test_awaited_dynamic_imports_name_their_module(declaration, name, expected):
    from leaklint import syntax
    from leaklint.model import FileModel
    from leaklint.model.imports import imported_name

    source = f"async function f(name, load) {{ {declaration} return {name}; }}\n".encode()
    grammar = syntax.Grammar.JAVASCRIPT
    model = FileModel("a.mjs", source, grammar, syntax.parse(source, grammar))
    binding = next(b for b in model.scopes.bindings if b.name == name)
    assert imported_name(binding) == expected
