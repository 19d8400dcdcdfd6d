"""Resources that must be released: the acquire/release table and where a file acquires them.

The table is data (`leaklint/resources.toml`, shipped in the package),
extended by `[tool.leaklint.resources]`. For each acquire site the index
records what holds the value (a local binding, a long-lived slot, nothing),
the releases the file shows for it and whether it is handed on (returned,
passed to a call, stored), so rules only decide which shape is a leak.

Shared through ``model.fact("resources", resource_index)``.
"""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as package_files
from typing import TYPE_CHECKING

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from leaklint import syntax
from leaklint.model.imports import WHOLE_MODULE, bare_module, imported_name
from leaklint.model.scopes import Binding, Function
from leaklint.model.values import ValueUse, ValueUseKind, classify_expression, value_uses
from leaklint.syntax import Node

if TYPE_CHECKING:
    from leaklint.model import FileModel

ALL_SHAPES = ("never-released", "success-path", "overwritten")


@dataclass(frozen=True)
class ResourceKind:
    """One row of the table: what it is, how it is acquired and released."""

    what: str  # "a browser page"
    acquire: tuple[str, ...]
    release: tuple[str, ...]
    modules: tuple[str, ...] = ()
    shapes: tuple[str, ...] = ALL_SHAPES
    callback: bool = False  # a function argument receives the resource (`pool.connect((err, client) => …)`)


@dataclass(frozen=True)
class Pattern:
    """A parsed acquire pattern."""

    is_new: bool
    receiver: str | None  # glob on the receiver's last name, None for a bare name
    name: str  # method, function or constructor name
    kind: ResourceKind


def parse_pattern(text: str, kind: ResourceKind) -> Pattern:
    """`new pg.Pool` -> Pattern(True, "pg", "Pool")."""
    text = text.strip()
    is_new = text.startswith("new ")
    if is_new:
        text = text[4:].strip()
    receiver, _, name = text.rpartition(".")
    return Pattern(is_new, receiver or None, name, kind)


def _kind_from_row(row: dict, where: str) -> ResourceKind:
    def strings(key: str) -> tuple[str, ...]:
        value = row.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}: '{key}' must be a list of strings")
        return tuple(value)

    shapes = strings("shapes") if "shapes" in row else ALL_SHAPES
    unknown = set(shapes) - set(ALL_SHAPES)
    if unknown:
        raise ValueError(f"{where}: unknown shape {sorted(unknown)[0]!r}")
    callback = row.get("callback", False)
    if not isinstance(callback, bool):
        raise ValueError(f"{where}: 'callback' must be true or false")
    return ResourceKind(str(row.get("what", "a resource")), strings("acquire"), strings("release"),
                        strings("modules"), shapes, callback)


@lru_cache(maxsize=1)
def builtin_table() -> tuple[ResourceKind, ...]:
    """The shipped table (`leaklint/resources.toml`)."""
    data = tomllib.loads(package_files.files("leaklint").joinpath("resources.toml").read_text(encoding="utf-8"))
    return tuple(_kind_from_row(row, f"resources.toml row {i}") for i, row in enumerate(data.get("resource", [])))


def user_kinds(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[ResourceKind, ...]:
    """Rows from `[tool.leaklint.resources]`: acquire pattern -> release methods."""
    return tuple(ResourceKind(f"a `{acquire}` resource", (acquire,), tuple(release)) for acquire, release in pairs)


@lru_cache(maxsize=32)
def patterns_for(extra: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Pattern, ...]:
    """Every acquire pattern of the shipped table plus the user's rows."""
    return tuple(
        parse_pattern(text, kind) for kind in builtin_table() + user_kinds(extra) for text in kind.acquire
    )


@dataclass(eq=False)
class Acquire:
    """One call that acquires a resource, and what the file does with it."""

    node: Node  # the call or `new`
    kind: ResourceKind
    function: Function | None  # where it is acquired
    value: Node  # the expression holding the value (the call, or `await call`)
    holder: Binding | None = None  # `const page = await browser.newPage()`
    slot: Node | None = None  # `browser = ...` / `this.client = ...`: the assigned target
    assignment: Node | None = None  # the assignment into ``slot``
    using: bool = False  # `using x = …` / `await using x = …`
    discarded: bool = False  # the value is dropped where it is made
    opens_receiver: bool = False  # `await pool.connect()` dropped, and the function closes `pool` itself
    handed_on: list[ValueUse] = field(default_factory=list)
    releases: list[ValueUse] = field(default_factory=list)
    uses: list[ValueUse] = field(default_factory=list)

    @property
    def label(self) -> str:
        """`puppeteer.launch()`, `new Pool()`."""
        callee = self.node.child_by_field_name("constructor" if self.node.type == "new_expression" else "function")
        text = "".join(syntax.text(callee).split()) if callee is not None else "?"
        if len(text) > 40:
            text = "..." + text[-37:]
        return f"new {text}()" if self.node.type == "new_expression" else f"{text}()"

    def applies(self, shape: str) -> bool:
        """Whether the table row asks for this shape to be checked."""
        return shape in self.kind.shapes


@dataclass
class ResourceIndex:
    """Every acquire of a known resource in a file."""

    acquires: list[Acquire]


def resource_index(model: FileModel) -> ResourceIndex:
    """Build the index (once per file, through ``model.fact``)."""
    patterns = patterns_for(model.options.resources)
    by_name: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        by_name.setdefault(pattern.name, []).append(pattern)
    sites = model.method_calls(*by_name) + model.function_calls(*by_name)
    sites += [model.call_site(node) for node in model.nodes("new")]
    acquires = []
    for site in sites:
        key = site.method if site.method is not None else site.name
        if site.is_new and site.callee is not None and site.callee.type == "member_expression":
            key = site.method
        candidates = by_name.get(key or "", ())
        kind = next((p.kind for p in candidates if _matches(model, site, p)), None)
        if kind is None:
            continue
        acquires.append(_follow(model, site.node, kind, site.function))
    acquires.sort(key=lambda a: a.node.start_byte)
    return ResourceIndex(acquires)


def _matches(model: FileModel, site, pattern: Pattern) -> bool:
    if pattern.is_new != site.is_new:
        return False
    if pattern.receiver is None:
        if site.receiver is not None:
            # `new x.Name()` matches "new Name" (a namespace import), a method call never matches a bare name
            return site.is_new and _module_allowed(model, site.receiver, pattern, whole=True)
        return _module_allowed(model, site.callee, pattern, whole=False)
    receiver = syntax.unwrap(site.receiver)
    if receiver is None:
        return False
    last = _last_name(receiver)
    if last is not None and fnmatch.fnmatch(last.lower(), pattern.receiver.lower()):
        return True
    if pattern.kind.modules and receiver.type == "identifier":
        imported = imported_name(model.resolve(receiver))
        return imported is not None and imported[1] == WHOLE_MODULE and _in_modules(imported[0], pattern)
    return False


def _module_allowed(model: FileModel, node: Node | None, pattern: Pattern, whole: bool) -> bool:
    """With `modules`, the name must come from one of them; without, any name matches."""
    if not pattern.kind.modules:
        return True
    node = syntax.unwrap(node)
    if node is None or node.type != "identifier":
        return False
    imported = imported_name(model.resolve(node))
    if imported is None:
        return False
    module, name = imported
    if whole:
        return name == WHOLE_MODULE and _in_modules(module, pattern)
    return _in_modules(module, pattern) and name in (pattern.name, "default", WHOLE_MODULE)


def _in_modules(module: str, pattern: Pattern) -> bool:
    return bare_module(module) in pattern.kind.modules or module in pattern.kind.modules


def _last_name(node: Node) -> str | None:
    if node.type == "identifier":
        return syntax.text(node)
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return syntax.text(prop) if prop is not None else None
    if node.type == "this":
        return "this"
    return None


def _follow(model: FileModel, node: Node, kind: ResourceKind, function: Function | None) -> Acquire:
    """Find what holds the acquired value and what the file does with it."""
    value = node
    parent = value.parent
    while parent is not None and parent.type in ("await_expression", "parenthesized_expression", "non_null_expression",
                                                 "as_expression", "satisfies_expression"):
        value, parent = parent, parent.parent
    acquire = Acquire(node, kind, function, value)
    if kind.callback and _has_function_argument(model, node):
        acquire.handed_on.append(classify_expression(model, value, function))  # the callback receives it
        return acquire
    if parent is None:
        return acquire
    if parent.type == "variable_declarator" and parent.child_by_field_name("value") == value:
        name = parent.child_by_field_name("name")
        declaration = parent.parent
        if declaration is not None and declaration.type == "using_declaration":
            acquire.using = True
            return acquire
        if name is not None and name.type == "identifier":
            acquire.holder = model.resolve(name)
            if acquire.holder is not None:
                _collect_uses(model, acquire, acquire.holder)
            return acquire
        acquire.handed_on.append(classify_expression(model, value, function))  # destructured: parts taken out
        return acquire
    if parent.type == "assignment_expression" and parent.child_by_field_name("right") == value:
        left = syntax.unwrap(parent.child_by_field_name("left"))
        statement = parent.parent
        if statement is not None and syntax.text(statement).startswith(("using ", "await using ")):
            acquire.using = True  # TypeScript grammars read `using x = …` as an assignment
            return acquire
        acquire.slot, acquire.assignment = left, parent
        if left is not None and left.type == "identifier":
            binding = model.resolve(left)
            if binding is not None and model.function_at(binding.node) == function and binding.scope.function is not None:
                acquire.holder = binding  # `let page; … page = await browser.newPage()` in the same function
                acquire.slot = acquire.assignment = None
                _collect_uses(model, acquire, binding)
        return acquire
    if parent.type == "expression_statement":
        acquire.discarded = True
        acquire.opens_receiver = _receiver_closed(model, node, function)
        return acquire
    use = classify_expression(model, value, function)
    if use.kind is ValueUseKind.METHOD and use.name in kind.release:
        acquire.releases.append(use)
    elif use.kind is not ValueUseKind.ACCESS or parent.type not in ("expression_statement",):
        acquire.handed_on.append(use)
    return acquire


# What closes an object that opened itself (a pool, a client): its own close/end.
_SELF_CLOSING = ("close", "end", "destroy", "disconnect", "quit")


def _receiver_closed(model: FileModel, node: Node, function: Function | None) -> bool:
    """A dropped `x.connect()` whose receiver `x` the same function closes: the call opened `x` itself.

    mssql's `await pool.connect()` connects the pool and resolves to it;
    `pool.close()` is the release.  Even for a pool that checks out clients
    (pg), ending the pool releases a client nobody kept.
    """
    if function is None or node.type != "call_expression":
        return False
    site = model.call_site(node)
    path = model.access_path(site.receiver) if site.receiver is not None else None
    if path is None:
        return False
    return any(
        function.contains(close.node) and model.access_path(close.receiver) == path
        for close in model.method_calls(*_SELF_CLOSING)
    )


def _has_function_argument(model: FileModel, node: Node) -> bool:
    return any(model.function_of(argument) is not None for argument in model.call_site(node).arguments)


def _collect_uses(model: FileModel, acquire: Acquire, binding: Binding) -> None:
    uses = value_uses(model, binding)
    acquire.uses = uses
    for use in uses:
        if use.kind is ValueUseKind.METHOD and use.name in acquire.kind.release:
            acquire.releases.append(use)
        elif use.kind in (ValueUseKind.HANDED_ON, ValueUseKind.ITERATED):
            acquire.handed_on.append(use)
        elif use.nested is not None and use.kind is not ValueUseKind.WRITE:
            acquire.handed_on.append(use)  # a closure that keeps the value: whoever runs it may release it
