"""Module resolution for the link phase: which analyzed file an import specifier names.

Handled: relative and absolute paths with the usual extensions and `index`
files (in a Meteor application, `/x` is also tried from the folder holding
`.meteor/`) (a `.js` specifier also finds the `.ts` file, as TypeScript's
"node16" resolution does), `tsconfig.json` `paths` and `baseUrl` (following
`extends` to other tsconfig files), and workspace packages found through the
`package.json` files above the analyzed files (`name` with `exports`,
`main`, `types`, `module`). A path into built output that is not among
the analyzed files (`../dist/foo.js`, a package's `main: "dist/index.js"`)
is mapped back to its source through the `outDir` and `rootDir` of the
tsconfig.json above it (or above the importer), `extends` and
`${configDir}` included: `dist/foo.js` or `dist/foo.d.ts` is `src/foo.ts`
when that file is analyzed. SvelteKit's `$lib` alias names `src/lib` of
the application (the folder holding `svelte.config.*`), or, with no config
among the analyzed files' folders, the nearest `lib/` folder above the
importer that holds the named file. `.json` and anything outside the
analyzed files resolves to None: unknown, never guessed.
"""

from __future__ import annotations

import json
import os
import re

SOURCE_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".vue", ".svelte")
# a `.js` specifier of an `.mts`/`.cts` file is last: TypeScript would not accept it, a bundler may
_JS_TO_TS = {".js": (".ts", ".tsx", ".mts", ".cts"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}
_EXPORT_CONDITIONS = ("source", "types", "import", "require", "node", "default")
_MAX_EXTENDS = 8


def never_resolves(specifier: str) -> bool:
    """`node:` built-ins and `.json`: no analyzed file, whatever the project's files and configuration.

    The empty specifier is not one (the link reads it as the importing file itself), nor is a bare
    built-in name (`fs`): a tsconfig `baseUrl`/`paths` or a workspace package may map it to a file.
    """
    return specifier.endswith(".json") or specifier.startswith("node:")


class Resolver:
    """Resolves specifiers against a fixed set of analyzed files (absolute, normalised paths)."""

    def __init__(self, files: list[str]) -> None:
        self.files = {os.path.normpath(os.path.abspath(f)) for f in files}
        self._index()
        self._tsconfig_for_dir: dict[str, dict | None] = {}
        self._tsconfig_cache: dict[str, dict | None] = {}
        self._packages: dict[str, tuple[str, dict]] | None = None
        self._cache: dict[tuple[str, str], str | None] = {}
        self._meteor_roots: dict[str, str | None] = {}
        self._directories: dict[str, str] = {}  # importer -> its folder (abspath is costly on every import)
        self._source_roots: dict[tuple[str, str], str] = {}  # (tsconfig folder, outDir) -> default rootDir

    def resolve(self, importer: str, specifier: str) -> str | None:
        """The analyzed file a specifier in ``importer`` refers to, or None."""
        if not specifier or never_resolves(specifier):
            return None
        directory = self._directories.get(importer)
        if directory is None:
            directory = self._directories[importer] = os.path.dirname(os.path.normpath(os.path.abspath(importer)))
        key = (directory, specifier)
        if key in self._cache:
            return self._cache[key]
        found = self._resolve(directory, specifier)
        self._cache[key] = found
        return found

    def _resolve(self, directory: str, specifier: str) -> str | None:
        if specifier.startswith((".", "/")):
            found = self._file_or_directory(os.path.join(directory, specifier))
            if found is None and specifier.startswith("/"):
                root = self._meteor_root(directory)
                if root is not None:  # Meteor resolves `/imports/x` from the application's root
                    found = self._file_or_directory(os.path.join(root, specifier[1:]))
            if found is None:
                found = self._from_build_output(os.path.join(directory, specifier), directory)
            return found
        tsconfig = self._tsconfig(directory)
        if tsconfig is not None:
            found = self._through_tsconfig(tsconfig, specifier)
            if found is not None:
                return found
        if specifier == "$lib" or specifier.startswith("$lib/"):
            return self._svelte_lib(directory, specifier[len("$lib/"):] if specifier != "$lib" else "")
        return self._workspace_package(specifier)

    def _svelte_lib(self, directory: str, rest: str) -> str | None:
        """SvelteKit's `$lib/rest`: `src/lib/rest` of the application, else the nearest `lib/rest` above."""
        folder = directory
        while True:
            if any(os.path.isfile(os.path.join(folder, f"svelte.config.{ext}")) for ext in ("js", "ts", "mjs", "cjs")):
                return self._file_or_directory(os.path.join(folder, "src", "lib", rest))
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        folder = directory
        while True:
            found = self._file_or_directory(os.path.join(folder, "lib", rest))
            if found is not None:
                return found
            parent = os.path.dirname(folder)
            if parent == folder:
                return None
            folder = parent

    # -- files -----------------------------------------------------------------

    def _file_or_directory(self, path: str) -> str | None:
        """`path` itself, `path` + a source extension, `path.js` written for `path.ts`, or `path/index.*`."""
        path = os.path.normpath(path)
        if path in self.files:
            return path
        base, extension = os.path.splitext(path)
        for replacement in _JS_TO_TS.get(extension, ()):
            if base + replacement in self.files:
                return base + replacement
        found = self._by_stem.get(path)
        return found if found is not None else self._index_of.get(path)

    def _index(self) -> None:
        """Two lookups instead of a path join per extension: stem -> file, folder -> index file.

        The first extension of SOURCE_EXTENSIONS wins, as the probing order did.
        """
        rank = {extension: i for i, extension in enumerate(SOURCE_EXTENSIONS)}
        by_stem: dict[str, tuple[int, str]] = {}
        index_of: dict[str, tuple[int, str]] = {}
        for file in self.files:
            stem, extension = os.path.splitext(file)
            order = rank.get(extension)
            if order is None:
                continue
            if stem not in by_stem or order < by_stem[stem][0]:
                by_stem[stem] = (order, file)
            folder, name = os.path.split(stem)
            if name == "index" and (folder not in index_of or order < index_of[folder][0]):
                index_of[folder] = (order, file)
        self._by_stem = {stem: file for stem, (_, file) in by_stem.items()}
        self._index_of = {folder: file for folder, (_, file) in index_of.items()}

    def _meteor_root(self, directory: str) -> str | None:
        """The nearest folder above ``directory`` holding a `.meteor/` folder (a Meteor application), or None."""
        if directory in self._meteor_roots:
            return self._meteor_roots[directory]
        if os.path.isdir(os.path.join(directory, ".meteor")):
            found: str | None = directory
        else:
            parent = os.path.dirname(directory)
            found = self._meteor_root(parent) if parent != directory else None
        self._meteor_roots[directory] = found
        return found

    # -- built output ------------------------------------------------------------

    def _from_build_output(self, path: str, importer_directory: str) -> str | None:
        """The analyzed source that a path into a tsconfig's `outDir` was compiled from, or None.

        The tsconfig files tried are those above the path itself (a package's own) and the one
        governing the importer; the path must lie inside `outDir`, and the part below it is looked
        up below `rootDir` (the tsconfig's folder without one), with `.js`/`.d.ts` read as the source.
        """
        path = os.path.normpath(path)
        seen: set[int] = set()
        for options in (self._tsconfig(os.path.dirname(path)), self._tsconfig(importer_directory)):
            if not options or id(options) in seen or not options.get("outDir"):
                continue
            seen.add(id(options))
            out_dir = options["outDir"]
            relative = os.path.relpath(path, out_dir)
            if relative == os.pardir or relative.startswith(os.pardir + os.sep):
                continue
            root_dir = options.get("rootDir") or self._common_source_folder(options["configDir"], out_dir)
            source = os.path.join(root_dir, "" if relative == "." else relative)
            for declaration in (".d.ts", ".d.mts", ".d.cts"):
                if source.endswith(declaration):  # `dist/index.d.ts` is the types of `src/index.ts`
                    source = source[: -len(declaration)] + {".d.ts": ".js", ".d.mts": ".mjs", ".d.cts": ".cjs"}[declaration]
                    break
            found = self._file_or_directory(source)
            if found is not None:
                return found
        return None

    def _common_source_folder(self, config_dir: str, out_dir: str) -> str:
        """TypeScript's default `rootDir`: the deepest folder holding every TypeScript source below the config.

        Only analyzed files count (declaration files and the output folder do not).
        """
        key = (config_dir, out_dir)
        if key in self._source_roots:
            return self._source_roots[key]
        prefix, out_prefix = config_dir + os.sep, out_dir + os.sep
        folders = [
            os.path.dirname(file) for file in self.files
            if file.startswith(prefix) and not file.startswith(out_prefix)
            and file.endswith((".ts", ".tsx", ".mts", ".cts")) and not re.search(r"\.d\.[mc]?ts$", file)
        ]
        found = os.path.commonpath(folders) if folders else config_dir
        self._source_roots[key] = found
        return found

    # -- tsconfig ----------------------------------------------------------------

    def _tsconfig(self, directory: str) -> dict | None:
        """The compilerOptions (baseUrl, paths; absolute) of the nearest tsconfig.json above a folder."""
        if directory in self._tsconfig_for_dir:
            return self._tsconfig_for_dir[directory]
        path = os.path.join(directory, "tsconfig.json")
        if os.path.isfile(path):
            found = self._load_tsconfig(path, 0)
        else:
            parent = os.path.dirname(directory)
            found = self._tsconfig(parent) if parent != directory else None
        self._tsconfig_for_dir[directory] = found
        return found

    def _load_tsconfig(self, path: str, depth: int) -> dict | None:
        path = os.path.normpath(path)
        if path in self._tsconfig_cache:
            return self._tsconfig_cache[path]
        self._tsconfig_cache[path] = None  # cycle guard
        data = _read_json(path, comments=True)
        if not isinstance(data, dict):
            return None
        merged: dict = {}
        extends = data.get("extends")
        # TypeScript 5 takes a list too, later entries overriding earlier ones
        for base_name in ([extends] if isinstance(extends, str) else extends if isinstance(extends, list) else []):
            if not isinstance(base_name, str) or depth >= _MAX_EXTENDS or not base_name.startswith("."):
                continue
            target = os.path.join(os.path.dirname(path), base_name)
            if not target.endswith(".json"):
                target += ".json"
            base = self._load_tsconfig(target, depth + 1)
            if base:
                merged.update(base)
        here = os.path.dirname(path)
        merged.pop("configDir", None)
        options = data.get("compilerOptions")
        if isinstance(options, dict):
            for option in ("outDir", "rootDir"):
                if isinstance(options.get(option), str):
                    # kept as written with the folder it is relative to: `${configDir}` is only known at the end
                    merged[option + "Written"] = (options[option], here)
            if isinstance(options.get("baseUrl"), str):
                merged["baseUrl"] = os.path.normpath(os.path.join(here, options["baseUrl"]))
            if isinstance(options.get("paths"), dict):
                # paths are relative to baseUrl, or to the tsconfig that declares them
                merged["paths"] = options["paths"]
                merged["pathsBase"] = merged.get("baseUrl") if "baseUrl" in options else here
        for option in ("outDir", "rootDir"):
            written = merged.get(option + "Written")
            if written is not None:
                value, declared_in = written
                # `${configDir}` is the folder of the tsconfig in use, not of the one that declares it
                if value.startswith("${configDir}"):
                    value, declared_in = "." + value[len("${configDir}"):], here
                merged[option] = os.path.normpath(os.path.join(declared_in, value))
        merged["configDir"] = here
        if "paths" in merged and "pathsBase" not in merged:
            merged["pathsBase"] = merged.get("baseUrl", os.path.dirname(path))
        if isinstance(merged.get("paths"), dict):
            merged["sortedPaths"] = _by_specificity(merged["paths"])
        self._tsconfig_cache[path] = merged
        return merged

    def _through_tsconfig(self, options: dict, specifier: str) -> str | None:
        paths = options.get("sortedPaths")
        if paths:
            base = options.get("baseUrl") or options.get("pathsBase") or ""
            for pattern, targets in paths:
                star = _match(pattern, specifier)
                if star is None or not isinstance(targets, list):
                    continue
                for target in targets:
                    if not isinstance(target, str):
                        continue
                    found = self._file_or_directory(os.path.join(base, target.replace("*", star, 1)))
                    if found is not None:
                        return found
        base_url = options.get("baseUrl")
        if base_url:
            return self._file_or_directory(os.path.join(base_url, specifier))
        return None

    # -- workspace packages ------------------------------------------------------

    def _workspace_package(self, specifier: str) -> str | None:
        parts = specifier.split("/")
        name_parts = 2 if specifier.startswith("@") else 1
        name = "/".join(parts[:name_parts])
        subpath = "/".join(parts[name_parts:])
        package = self._package_table().get(name)
        if package is None:
            return None
        root, manifest = package
        exports = manifest.get("exports")
        key = "./" + subpath if subpath else "."
        if exports is not None:
            entry = exports if key == "." and not _is_subpath_map(exports) else (
                exports.get(key) if isinstance(exports, dict) else None
            )
            targets = [os.path.join(root, target) for target in _condition_targets(entry)]
            found = self._first_located(targets, root)
            if found is not None:
                return found
        if subpath:
            return self._first_located([os.path.join(root, subpath)], root)
        fields = [manifest.get(field) for field in ("source", "types", "typings", "module", "main")]
        targets = [os.path.join(root, value) for value in fields if isinstance(value, str)]
        return self._first_located([*targets, os.path.join(root, "index")], root)

    def _first_located(self, paths: list[str], root: str) -> str | None:
        """The first path that is an analyzed file; else the first that maps back from built output."""
        for path in paths:
            found = self._file_or_directory(path)
            if found is not None:
                return found
        for path in paths:
            found = self._from_build_output(path, root)
            if found is not None:
                return found
        return None

    def _package_table(self) -> dict[str, tuple[str, dict]]:
        """name -> (folder, package.json) for every package.json above an analyzed file."""
        if self._packages is not None:
            return self._packages
        table: dict[str, tuple[str, dict]] = {}
        seen: set[str] = set()
        for file in sorted(self.files):
            directory = os.path.dirname(file)
            while directory not in seen:
                seen.add(directory)
                manifest_path = os.path.join(directory, "package.json")
                if os.path.isfile(manifest_path):
                    manifest = _read_json(manifest_path, comments=False)
                    if isinstance(manifest, dict) and isinstance(manifest.get("name"), str):
                        table.setdefault(manifest["name"], (directory, manifest))
                parent = os.path.dirname(directory)
                if parent == directory:
                    break
                directory = parent
        self._packages = table
        return table


def _by_specificity(paths: dict) -> list[tuple[str, object]]:
    """Exact patterns first, then the longest prefix before `*` (TypeScript's order)."""
    return sorted(paths.items(), key=lambda item: ("*" in item[0], -len(item[0].split("*", 1)[0])))


def _match(pattern: str, specifier: str) -> str | None:
    """What `*` stands for when a specifier matches a paths pattern ("" for an exact match)."""
    if "*" not in pattern:
        return "" if pattern == specifier else None
    prefix, suffix = pattern.split("*", 1)
    if specifier.startswith(prefix) and specifier.endswith(suffix) and len(specifier) >= len(prefix) + len(suffix):
        return specifier[len(prefix) : len(specifier) - len(suffix)]
    return None


def _is_subpath_map(exports: object) -> bool:
    return isinstance(exports, dict) and any(str(key).startswith(".") for key in exports)


def _condition_targets(entry: object) -> list[str]:
    """The file targets of an `exports` entry: a string, or conditions in our preference order."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return [target for item in entry for target in _condition_targets(item)]
    if isinstance(entry, dict):
        targets = []
        for condition in _EXPORT_CONDITIONS:
            if condition in entry:
                targets.extend(_condition_targets(entry[condition]))
        return targets
    return []


_COMMENT = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def _read_json(path: str, comments: bool) -> object:
    """A JSON (or tsconfig-style JSON with comments and trailing commas) file, or None if unreadable."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    if comments:
        text = _COMMENT.sub(lambda m: m.group(0) if m.group(0).startswith('"') else "", text)
        text = _TRAILING_COMMA.sub(r"\1", text)
    try:
        return json.loads(text)
    except ValueError:
        return None
