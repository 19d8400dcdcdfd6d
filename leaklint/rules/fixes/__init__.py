"""Fix builders: the edits that stop a finding's leak, kept apart from the rules' detection code.

Each rule module calls one builder at its `ctx.report(...)` and passes the
`Fix` (or None when the shape is one this package does not fix).  Builders
only compute byte-range edits from the model; `leaklint.fix` applies them,
re-parses and re-analyses.  The helpers here place new statements on their
own lines with the indentation of the code around them; line breaks are
written as "\\n" and become the file's own line ending when applied.
"""

from __future__ import annotations

import re
from functools import lru_cache

import tree_sitter

from leaklint import syntax
from leaklint.findings import Edit
from leaklint.model import FileModel, Function
from leaklint.syntax import Node

STATEMENT_PARENTS = frozenset({"statement_block", "program", "switch_case", "switch_default"})
RESPONSE_NAMES = ("res", "response")
REQUEST_NAMES = ("req", "request")
CONNECTION_NAMES = ("socket", "ws", "conn", "connection")


def statement_of(node: Node) -> Node | None:
    """The statement that directly holds ``node`` in a block (the line a new statement goes next to)."""
    current = node
    while current.parent is not None:
        if current.parent.type in STATEMENT_PARENTS:
            return current
        if current.parent.type in ("arrow_function", "class_body", "field_definition", "public_field_definition"):
            return None  # an arrow's expression body or a class member: no statement to put code next to
        current = current.parent
    return None


def line_start(source: bytes, byte: int) -> int:
    """The offset where the line holding ``byte`` starts."""
    return source.rfind(b"\n", 0, byte) + 1


def indent_at(source: bytes, byte: int) -> str:
    """The leading whitespace of the line holding ``byte``."""
    start = line_start(source, byte)
    end = start
    while end < len(source) and source[end : end + 1] in (b" ", b"\t"):
        end += 1
    return source[start:end].decode("ascii")


def indent_unit(source: bytes) -> str:
    """One level of indentation as the file writes it: a tab, or the smallest step of spaces (default 2)."""
    steps: set[int] = set()
    previous = 0
    for line in source.splitlines()[:2000]:
        stripped = line.lstrip(b" \t")
        if not stripped or stripped.startswith((b"*", b"//")):
            continue
        if line.startswith(b"\t"):
            return "\t"
        width = len(line) - len(stripped)
        if width > previous:
            steps.add(width - previous)
        previous = width
    good = [s for s in steps if 2 <= s <= 8]
    return " " * (min(good) if good else 2)


def _starts_its_line(source: bytes, byte: int) -> bool:
    return source[line_start(source, byte) : byte].strip(b" \t") == b""


def without_semicolons(text: str) -> str:
    """Generated statements in a file written without semicolons (standard style): drop them at line ends."""
    return "\n".join(line[:-1] if line.endswith(";") else line for line in text.split("\n"))


def match_semicolons(source: bytes, statement: Node, text: str) -> str:
    """``text`` with semicolons only if ``statement`` (the code it goes next to) ends with one."""
    if statement.type in ("expression_statement", "lexical_declaration", "variable_declaration", "return_statement"):
        if not statement.text.rstrip().endswith(b";"):
            return without_semicolons(text)
    return text


def insert_before(source: bytes, statement: Node, text: str) -> Edit:
    """A new statement on its own line above ``statement``, indented like it."""
    text = match_semicolons(source, statement, text)
    if _starts_its_line(source, statement.start_byte):
        start = line_start(source, statement.start_byte)
        return Edit(start, start, indent_at(source, statement.start_byte) + text + "\n")
    return Edit(statement.start_byte, statement.start_byte, text + " ")


def insert_after(source: bytes, statement: Node, text: str, indent: str | None = None) -> Edit:
    """A new statement on its own line below ``statement`` (after a trailing comment on its line)."""
    text = match_semicolons(source, statement, text)
    end = statement.end_byte
    newline = source.find(b"\n", end)
    line_end = len(source) if newline == -1 else newline
    if line_end > end and source[line_end - 1 : line_end] == b"\r":
        line_end -= 1
    rest = source[end:line_end].strip(b" \t")
    where = line_end if rest == b"" or rest.startswith(b"//") else end
    pad = indent if indent is not None else indent_at(source, statement.start_byte)
    return Edit(where, where, "\n" + pad + text)


def block_end_insert(source: bytes, block: Node, text: str) -> Edit | None:
    """A new last statement inside a `{ }` block, indented like the block's statements."""
    if block.type != "statement_block":
        return None
    close = block.end_byte - 1
    statements = [c for c in block.named_children if c.type != "comment"]
    if statements:
        return insert_after(source, statements[-1], text)
    if not _file_uses_semicolons(source):
        text = without_semicolons(text)
    pad = indent_at(source, block.start_byte) + indent_unit(source)
    return Edit(close, close, "\n" + pad + text + "\n" + indent_at(source, block.start_byte))


def _file_uses_semicolons(source: bytes) -> bool:
    """Most statement-ending lines end with `;` (a cheap guess when there is no neighbour to copy)."""
    ends = [line.rstrip() for line in source.splitlines() if line.strip() and not line.strip().startswith((b"//", b"*", b"/*"))]
    with_semicolon = sum(1 for line in ends if line.endswith(b";"))
    bare = sum(1 for line in ends if line.endswith((b")", b"'", b'"', b"`")) and not line.endswith(b";"))
    return with_semicolon >= bare


def is_used_name(source: bytes, name: str) -> bool:
    """Whether ``name`` appears anywhere in ``source`` as a word (comments and strings included)."""
    return re.search(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])", source) is not None


IDENTIFIER_NODES = ("identifier", "shorthand_property_identifier", "shorthand_property_identifier_pattern", "type_identifier")


@lru_cache(maxsize=None)
def _identifier_query(grammar: syntax.Grammar) -> tree_sitter.Query:
    language = syntax.language(grammar)
    kinds = " ".join(f"({kind})" for kind in IDENTIFIER_NODES if language.id_for_node_kind(kind, True))
    return tree_sitter.Query(language, f"[{kinds}] @name")


def _identifier_names(model: FileModel) -> frozenset[str]:
    captures = tree_sitter.QueryCursor(_identifier_query(model.grammar)).captures(model.tree.root_node)
    return frozenset(syntax.text(node) for node in captures.get("name", ()))


def names_in_use(model: FileModel) -> frozenset[str]:
    """Every identifier the file uses (computed once per file, only when a fix needs a name).

    Collected by a query: walking the whole tree in Python for it took seconds
    on a minified bundle.
    """
    return model.fact("fix_identifier_names", _identifier_names)


def fresh_name(model: FileModel, base: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """``base``, or ``base2``, ``base3``…: the first name no identifier of the file (nor ``taken``) uses."""
    used = names_in_use(model)
    name, number = base, 2
    while name in used or name in taken:
        name = f"{base}{number}"
        number += 1
    return name


def camel(words: list[str]) -> str:
    """["x-customer", "id"] -> "xCustomerId" (non-identifier characters split words)."""
    parts = [p for w in words for p in re.split(r"[^A-Za-z0-9]+", w) if p]
    if not parts:
        return ""
    name = parts[0][0].lower() + parts[0][1:] + "".join(p[0].upper() + p[1:] for p in parts[1:])
    return name if not name[0].isdigit() else "_" + name


def parameter_names(function: Function) -> list[str | None]:
    """The function's plain identifier parameters, in order (None for destructured or rest ones)."""
    return [
        syntax.text(target) if target is not None and target.type == "identifier" else None
        for target in function.argument_targets()
    ]


def request_end_target(model: FileModel, function: Function | None) -> tuple[str, Function] | None:
    """`res` (or `req`, `socket`) of the request or connection handler around ``function``: what emits 'close'.

    Walks out from ``function`` to the first enclosing function the model
    knows as a request or connection handler; the name must not be shadowed
    by a parameter of a function in between.
    """
    shadowing: set[str] = set()
    current = function
    while current is not None:
        names = parameter_names(current)
        if model.frequency(current).is_request_handler:
            for wanted in (RESPONSE_NAMES, REQUEST_NAMES, CONNECTION_NAMES):
                for name in names:
                    if name in wanted and name not in shadowing:
                        return name, current
            return None
        shadowing.update(n for n in names if n)
        current = current.parent
    return None


def is_expression_statement_of(statement: Node | None, expression: Node) -> bool:
    """The statement is `expression;` and nothing else."""
    if statement is None or statement.type != "expression_statement":
        return False
    inner = statement.named_children[0] if statement.named_children else None
    return inner is not None and syntax.unwrap(inner) == expression


def _names_bound_from(tops: list[Node], module: str) -> set[str]:
    """Local names that top-level `import { a, b as c } from 'm'` / `const { a } = require('m')` bind.

    Read from the tree: a regular expression over the source was quadratic on
    files with many unclosed `{` (a fuzzed input took 50 s in one search).
    """
    bare = module.removeprefix("node:")
    wanted = {bare, "node:" + bare}
    bound: set[str] = set()
    for statement in tops:
        if statement.type == "import_statement":
            if syntax.string_value(statement.child_by_field_name("source")) not in wanted:
                continue
            for clause in statement.named_children:
                if clause.type != "import_clause":
                    continue
                for named in clause.named_children:
                    if named.type != "named_imports":
                        continue
                    for specifier in named.named_children:
                        if specifier.type == "import_specifier":
                            local = specifier.child_by_field_name("alias") or specifier.child_by_field_name("name")
                            if local is not None:
                                bound.add(syntax.text(local))
        elif statement.type in ("lexical_declaration", "variable_declaration"):
            for declarator in statement.named_children:
                if declarator.type != "variable_declarator":
                    continue
                pattern = declarator.child_by_field_name("name")
                value = syntax.unwrap(declarator.child_by_field_name("value"))
                if pattern is None or pattern.type != "object_pattern" or not _is_require_of(value, wanted):
                    continue
                for part in pattern.named_children:
                    if part.type == "shorthand_property_identifier_pattern":
                        bound.add(syntax.text(part))
                    elif part.type == "pair_pattern":
                        local = part.child_by_field_name("value")
                        if local is not None and local.type == "identifier":
                            bound.add(syntax.text(local))
    return bound


def _is_require_of(node: Node | None, modules: set[str]) -> bool:
    if node is None or node.type != "call_expression":
        return False
    callee = node.child_by_field_name("function")
    arguments = node.child_by_field_name("arguments")
    if callee is None or syntax.text(callee) != "require" or arguments is None or len(arguments.named_children) != 1:
        return False
    return syntax.string_value(arguments.named_children[0]) in modules


def module_import(model: FileModel, names: tuple[str, ...], module: str) -> tuple[Edit | None, bool] | None:
    """An edit that imports ``names`` from a Node built-in once, or (None, True) when already imported.

    Returns None when a name is already used for something else (the fix
    would then change what that name means).  ES modules get an `import`,
    CommonJS files a `require`, placed after the file's last top-level import.
    """
    source = model.source
    root = model.tree.root_node
    tops = [c for c in root.named_children if c.type != "comment"]
    bound = _names_bound_from(tops, module)
    imported = []
    for name in names:
        if name in bound:
            imported.append(name)
        elif name in names_in_use(model):
            return None  # used as a name already, for something this fix cannot vouch for
    missing = [n for n in names if n not in imported]
    if not missing:
        return None, True
    esm = any(c.type in ("import_statement", "export_statement") for c in tops) or model.path.endswith((".mjs", ".mts"))
    requires = [c for c in tops if c.type in ("lexical_declaration", "variable_declaration") and b"require(" in c.text]
    imports = [c for c in tops if c.type == "import_statement"]
    listed = ", ".join(missing)
    if esm or (not requires and model.grammar is not syntax.Grammar.JAVASCRIPT):
        text = f"import {{ {listed} }} from '{module}';"
        anchor = imports[-1] if imports else None
    else:
        text = f"const {{ {listed} }} = require('{module}');"
        anchor = requires[-1] if requires else None
    if anchor is not None:
        return insert_after(source, anchor, text, indent=""), False
    first = tops[0] if tops else None
    if first is not None and first.type == "expression_statement" and syntax.string_value(first.named_children[0]) is not None:
        return insert_after(source, first, text, indent=""), False  # after 'use strict'
    start = 0
    if source.startswith(b"#!"):
        start = source.find(b"\n") + 1 if b"\n" in source else len(source)
    return Edit(start, start, text + "\n"), False
