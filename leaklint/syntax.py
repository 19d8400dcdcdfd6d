"""The tree-sitter adapter: the only module that imports ``tree_sitter``.

Everything the rest of leaklint knows about parsing goes through here: which
grammar a file extension needs, parsing, the one query the semantic model runs,
and small helpers over nodes.  py-tree-sitter's API has moved between releases
(``captures`` went from ``Query`` to ``QueryCursor`` in 0.24); keeping it in one
place keeps those moves in one place too.
"""

from __future__ import annotations

import enum
import operator
import time
from functools import lru_cache
from typing import Iterator

import tree_sitter

# The grammar packages are imported by language(), on first use: a run answered by the cache parses
# nothing, and importing them (with importlib.resources) is ~15 ms of its start-up.

Node = tree_sitter.Node
Tree = tree_sitter.Tree


class Grammar(enum.Enum):
    """The three grammars leaklint parses with."""

    JAVASCRIPT = "javascript"
    TYPESCRIPT = "typescript"
    TSX = "tsx"


EXTENSION_GRAMMARS: dict[str, Grammar] = {
    ".js": Grammar.JAVASCRIPT,
    ".mjs": Grammar.JAVASCRIPT,
    ".cjs": Grammar.JAVASCRIPT,
    ".jsx": Grammar.JAVASCRIPT,
    ".ts": Grammar.TYPESCRIPT,
    ".mts": Grammar.TYPESCRIPT,
    ".cts": Grammar.TYPESCRIPT,
    ".tsx": Grammar.TSX,
    ".vue": Grammar.JAVASCRIPT,  # single-file components: the engine analyzes their <script> blocks
    ".svelte": Grammar.JAVASCRIPT,
}

FENCE_GRAMMARS: dict[str, Grammar] = {
    "js": Grammar.JAVASCRIPT,
    "javascript": Grammar.JAVASCRIPT,
    "jsx": Grammar.JAVASCRIPT,
    "mjs": Grammar.JAVASCRIPT,
    "ts": Grammar.TYPESCRIPT,
    "typescript": Grammar.TYPESCRIPT,
    "tsx": Grammar.TSX,
}


@lru_cache(maxsize=None)
def language(grammar: Grammar) -> tree_sitter.Language:
    """The tree-sitter Language object for a grammar."""
    import tree_sitter_javascript
    import tree_sitter_typescript

    if grammar is Grammar.JAVASCRIPT:
        lang = tree_sitter.Language(tree_sitter_javascript.language())
    elif grammar is Grammar.TYPESCRIPT:
        lang = tree_sitter.Language(tree_sitter_typescript.language_typescript())
    else:
        lang = tree_sitter.Language(tree_sitter_typescript.language_tsx())
    _TRANSPARENT_KIND_IDS.update(
        kind for kind in range(lang.node_kind_count) if lang.node_kind_for_id(kind) in _TRANSPARENT
    )
    return lang


@lru_cache(maxsize=None)
def _parser(grammar: Grammar) -> tree_sitter.Parser:
    return tree_sitter.Parser(language(grammar))


def parse(source: bytes, grammar: Grammar) -> Tree:
    """Parse source bytes with the grammar's (cached) parser."""
    return _parser(grammar).parse(source)


# The node kinds the semantic model needs, grouped by the capture name it
# files them under.  Kinds that a grammar lacks are dropped when the query is
# compiled, so one table serves JavaScript, TypeScript and TSX.
FUNCTION_KINDS = (
    "function_declaration",
    "function_expression",
    "function",
    "arrow_function",
    "method_definition",
    "generator_function_declaration",
    "generator_function",
)
CLASS_KINDS = ("class_declaration", "class", "abstract_class_declaration")

# Capture name -> node kinds.  Only what the model needs: nodes no rule or
# fact asks about are never turned into Python objects.  Block scopes are not
# captured: the model makes a scope only of the blocks that declare let/const.
_CAPTURE_KINDS: dict[str, tuple[str, ...]] = {
    "function": FUNCTION_KINDS,
    "class": CLASS_KINDS,
    "for": ("for_statement", "for_in_statement"),
    "while": ("while_statement", "do_statement"),  # with "for": the loops (model/loops.py)
    "catch": ("catch_clause",),
    "id": ("identifier", "shorthand_property_identifier"),
    "lexical": ("lexical_declaration", "variable_declaration"),
    "import": ("import_statement",),
    "new": ("new_expression",),
    "assign": ("assignment_expression", "augmented_assignment_expression"),
    "update": ("update_expression",),
    "return": ("return_statement",),
    "export": ("export_statement",),
    "field": ("field_definition", "public_field_definition"),
    # Every binary expression; model_captures keeps the comparisons as "compare".
    # A pattern naming the operator (`(binary_expression operator: [...])`) is
    # quadratic in tree-sitter on long operator chains (`1+1+…`).
    "binary": ("binary_expression",),
}

COMPARISON_OPERATORS = frozenset({">", ">=", "<", "<=", "==", "==="})

_EXTRA_PATTERNS = (
    # callees, indexed by name: `x.on(...)` and `setInterval(...)`
    # The calls themselves too ("method_call", "name_call"): `Node.parent` descends from the root, so
    # going from a callee to its call costs as much as the call is deep; these are looked up by callee.
    "(call_expression function: (member_expression property: (property_identifier) @call_method)) @method_call",
    "(call_expression function: (identifier) @call_name) @name_call",
    "(catch_clause parameter: (_) @catch_param)",
    '(unary_expression operator: "delete") @delete',
    # Expression statements: a call they hold (through `await`, parentheses, `void`) drops its result.
    # The project summary asks that of tens of thousands of calls, where `Node.parent` walks from the root.
    "(expression_statement) @statement",
)

# Run only on trees that have errors, so clean files do not pay for it.
_ERROR_QUERY = "(ERROR) @error\n(MISSING) @missing"


def _query_source(lang: tree_sitter.Language) -> str:
    lines = []
    for capture, kinds in _CAPTURE_KINDS.items():
        present = [k for k in kinds if lang.id_for_node_kind(k, True)]
        if present:
            alternatives = " ".join(f"({k})" for k in present)
            lines.append(f"[{alternatives}] @{capture}")
    lines.extend(_EXTRA_PATTERNS)
    return "\n".join(lines)


@lru_cache(maxsize=None)
def _model_query(grammar: Grammar) -> tree_sitter.Query:
    lang = language(grammar)
    return tree_sitter.Query(lang, _query_source(lang))


@lru_cache(maxsize=None)
def _error_query(grammar: Grammar) -> tree_sitter.Query:
    return tree_sitter.Query(language(grammar), _ERROR_QUERY)


def warm(grammar: Grammar) -> None:
    """Build the grammar's parser and queries now (a worker's initializer), not on its first file."""
    _parser(grammar)
    _model_query(grammar)
    _error_query(grammar)


def model_captures(tree: Tree, grammar: Grammar) -> dict[str, list[Node]]:
    """Run the model's query once over the tree; nodes grouped by capture name, each list in document order.

    ERROR and MISSING nodes are captured (as "error" and "missing") only
    when the tree has any.  "method_call" and "name_call" (the calls of
    "call_method" and "call_name") are left in tree-sitter's order: the model
    only looks calls up in them by callee.  tree-sitter interleaves patterns, and the order
    it returns captures in differs from process to process for the same
    tree; sorting every list (by start, outer node first) is what makes
    "the first reference", "the first call" and so findings the same on
    every run and for any --jobs.
    """
    captures = tree_sitter.QueryCursor(_model_query(grammar)).captures(tree.root_node)
    comparisons = [node for node in captures.pop("binary", ()) if operator_of(node) in COMPARISON_OPERATORS]
    if comparisons:
        captures["compare"] = comparisons
    if tree.root_node.has_error:
        captures.update(tree_sitter.QueryCursor(_error_query(grammar)).captures(tree.root_node))
    for name, nodes in captures.items():
        if name in _UNORDERED_CAPTURES:
            continue
        # Only comparisons (`a < b < c`), ERROR and MISSING nodes can start where another node of their
        # list starts; the start alone orders every other list and is much cheaper to sort by.
        nodes.sort(key=_document_order if name in _NESTING_CAPTURES else _START)
    return captures


_START = operator.attrgetter("start_byte")
_NESTING_CAPTURES = frozenset({"compare", "error", "missing"})
# Lists the model only looks nodes up in (by their callee), never walks in order: left unsorted.
_UNORDERED_CAPTURES = frozenset({"method_call", "name_call", "statement"})


def _document_order(node: Node) -> tuple[int, int]:
    return (node.start_byte, -node.end_byte)


def operator_of(node: Node) -> str:
    """The operator token of a binary, unary or assignment expression (`===`, `!`, `+=`), or ""."""
    operator = node.child_by_field_name("operator")
    return operator.type if operator is not None else ""


def error_count(tree: Tree, grammar: Grammar) -> int:
    """How many ERROR and MISSING nodes a tree has (0 when it parsed cleanly)."""
    if not tree.root_node.has_error:
        return 0
    captures = tree_sitter.QueryCursor(_error_query(grammar)).captures(tree.root_node)
    return sum(len(nodes) for nodes in captures.values())


def parse_best(source: bytes, grammar: Grammar) -> tuple[Tree, Grammar]:
    """Parse; a `.js` file that does not parse as JavaScript gets a second try as TSX.

    Flow-annotated JavaScript (`function f(x: string): number`) and JSX with
    type annotations parse with the TSX grammar; whichever grammar leaves
    fewer errors wins.
    """
    tree = parse(source, grammar)
    if grammar is not Grammar.JAVASCRIPT or not tree.root_node.has_error or _has_huge_error(tree) or deeper_than(tree):
        # Counting errors is a query, quadratic in a huge ERROR node and on trees deeper than the
        # query can follow; the engine cuts the first off and skips the second.
        return tree, grammar
    alternative = parse(source, Grammar.TSX)
    if deeper_than(alternative):
        return tree, grammar
    if error_count(alternative, Grammar.TSX) < error_count(tree, grammar):
        return alternative, Grammar.TSX
    return tree, grammar


def _has_huge_error(tree: Tree, children: int = 5_000) -> bool:
    root = tree.root_node
    if root.type == "ERROR":
        return root.child_count > children
    return any(c.type == "ERROR" and c.child_count > children for c in root.children)


def unwrap(node: Node | None) -> Node | None:
    """Strip parentheses and TypeScript-only wrappers (`x!`, `x as T`, `<T>x`)."""
    # The kind id (an int) rules out nearly every node before its type (a new string, hashed) is asked;
    # ids differ between grammars, so the type still decides for the few that pass.
    while node is not None and node.kind_id in _TRANSPARENT_KIND_IDS and node.type in _TRANSPARENT:
        inner = None
        for child in node.named_children:
            if child.type != "comment":
                inner = child
                if node.type != "type_assertion":
                    break  # `<T>x` lists the type first: its expression is the last child
        node = inner
    return node


_TRANSPARENT = frozenset(
    {"parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion"}
)
# Every kind id any loaded grammar gives a _TRANSPARENT kind (filled by language(), through which every
# parser and query is made, so no tree exists before its grammar's ids are here).
_TRANSPARENT_KIND_IDS: set[int] = set()


def walk(node: Node) -> Iterator[Node]:
    """Every descendant of ``node`` (itself included), iteratively, in document order.

    Meant for small subtrees (a destructuring pattern, a call's arguments);
    rules never use it on a whole file.
    """
    cursor = node.walk()
    while True:
        yield cursor.node
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent() or cursor.node == node:
                return


def own_return_statements(block: Node) -> list[Node]:
    """The `return` statements of a function body, not those of the functions or classes nested in it."""
    found = []
    pending = list(block.named_children)
    while pending:
        node = pending.pop()
        if node.type in FUNCTION_KINDS or node.type in ("class_declaration", "class"):
            continue
        if node.type == "return_statement":
            found.append(node)
            continue
        pending.extend(node.named_children)
    return found


def is_returned_function(function: Node) -> bool:
    """`return function () { … }` / `() => () => …`: a function its enclosing function hands back."""
    parent = function.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None:
        return False
    return parent.type == "return_statement" or (
        parent.type == "arrow_function" and parent.child_by_field_name("body") == function
    )


def string_value(node: Node | None) -> str | None:
    """The value of a plain string literal (or a template with no substitutions)."""
    node = unwrap(node)
    if node is None:
        return None
    if node.type == "string":
        return node.text.decode("utf-8", "replace")[1:-1]
    if node.type == "template_string" and not any(c.type == "template_substitution" for c in node.named_children):
        return node.text.decode("utf-8", "replace")[1:-1]
    return None


def decorator_name(decorator: Node) -> str:
    """`@Controller('x')` -> "Controller"; `@Injectable` -> "Injectable"."""
    for child in decorator.named_children:
        if child.type == "call_expression":
            callee = child.child_by_field_name("function")
            return text(callee) if callee is not None else ""
        return text(child)
    return ""


def text(node: Node) -> str:
    """The node's source text."""
    return node.text.decode("utf-8", "replace")


# tree-sitter's query cursor keeps depths in 16 bits: on a tree deeper than
# this, matching becomes quadratic (a 100,000-deep call nest takes minutes).
MAX_QUERY_DEPTH = 65_000


def deeper_than(tree: Tree, limit: int = MAX_QUERY_DEPTH) -> bool:
    """Whether any node of the tree lies more than ``limit`` levels below the root.

    A cursor walk without creating nodes; only trees with more nodes than the
    limit can be that deep, so small files are never walked.
    """
    if tree.root_node.descendant_count <= limit:
        return False
    cursor = tree.walk()
    depth = 0
    while True:
        if cursor.goto_first_child():
            depth += 1
            if depth > limit:
                return True
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return False
            depth -= 1


def ancestors(root: Node, nodes: list[Node], levels: int) -> dict[int, tuple[Node, ...]]:
    """Up to ``levels`` nearest ancestors (parent first) of each node, keyed by node id.

    ``Node.parent`` is found by descending from the root, so asking it of
    every node of a deeply nested tree is quadratic.  This moves one cursor
    through the nodes in document order and keeps the path it stands on,
    so the cost is the length of that walk, not the depth times the count.
    """
    result: dict[int, tuple[Node, ...]] = {}
    # In ordinary (shallow) files Node.parent is cheapest; switch to the walk
    # only once it proves slow, which happens only on deep trees.
    budget = time.perf_counter() + _PARENT_BUDGET_SECONDS
    pending = []
    for index, node in enumerate(nodes):
        if time.perf_counter() > budget:
            pending = list(nodes[index:])
            break
        result[node.id] = tuple(_parents(node, levels))
    if not pending:
        return result
    targets = sorted((n for n in pending if n.end_byte > n.start_byte), key=lambda n: (n.start_byte, -n.end_byte))
    for node in pending:
        if node.end_byte <= node.start_byte:  # empty nodes cannot be found by byte ranges
            result[node.id] = tuple(_parents(node, levels))
    cursor = root.walk()
    path = [root]
    on_path = {root.id: 0}
    for target in targets:
        start, end, wanted = target.start_byte, target.end_byte, target.id
        while True:
            index = on_path.get(wanted)
            if index is not None:  # on the path already (same range as a deeper node, or found)
                result[wanted] = tuple(reversed(path[max(0, index - levels) : index]))
                break
            node = path[-1]
            if node.start_byte <= start and end <= node.end_byte:
                if not cursor.goto_first_child():
                    break  # not below this node: give up on this target
                child = cursor.node
                path.append(child)
                on_path[child.id] = len(path) - 1
            elif node.end_byte <= start and len(path) > 1:
                del on_path[node.id]
                if cursor.goto_next_sibling():
                    path[-1] = cursor.node
                    on_path[path[-1].id] = len(path) - 1
                else:
                    cursor.goto_parent()
                    path.pop()
                    _skip_past(cursor, path, on_path)
            elif len(path) > 1:
                del on_path[node.id]
                cursor.goto_parent()
                path.pop()
            else:
                break
    return result


_PARENT_BUDGET_SECONDS = 0.02


def _parents(node: Node, levels: int) -> list[Node]:
    chain = []
    parent = node.parent
    while parent is not None and len(chain) < levels:
        chain.append(parent)
        parent = parent.parent if len(chain) < levels else None
    return chain


def _skip_past(cursor: tree_sitter.TreeCursor, path: list[Node], on_path: dict[int, int]) -> None:
    """After the last child: the parent is done too, so move on to its next sibling (or further up)."""
    while len(path) > 1:
        del on_path[path[-1].id]
        if cursor.goto_next_sibling():
            path[-1] = cursor.node
            on_path[path[-1].id] = len(path) - 1
            return
        cursor.goto_parent()
        path.pop()
