"""The speed shortcuts of issue 14 (session 6) give what the long way gives.

Each shortcut replaces a slower way of computing the same thing (a node's
parent from the query's captures instead of `Node.parent`, a literal-led
search before a regex, …); these tests compute both ways on every test file
(and on generated text where that reaches more cases) and require the same
answer.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model import shape
from leaklint.project import summary

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "tests" / "corpus", ROOT / "samples", ROOT / "tests" / "projects", ROOT / "tests" / "fixtures"]


def _models():
    paths = sorted(
        p for folder in FOLDERS for p in folder.rglob("*")
        if p.is_file() and p.suffix in syntax.EXTENSION_GRAMMARS and p.suffix not in (".vue", ".svelte")
        and "node_modules" not in p.parts
    )
    assert len(paths) > 200
    for path in paths:
        source = path.read_bytes()
        tree, grammar = syntax.parse_best(source, syntax.EXTENSION_GRAMMARS[path.suffix])
        yield path, FileModel(str(path), source, grammar, tree)


def test_calls_found_from_the_captures_are_the_parents_of_their_callees():
    methods = names = 0
    for path, model in _models():
        method_call = model.method_call_of
        for prop in model.nodes("call_method"):
            member, call = method_call[prop.start_byte]
            assert member == prop.parent and call == prop.parent.parent, path
            methods += 1
        name_call = model.name_call_of
        for callee in model.nodes("call_name"):
            assert name_call[callee.start_byte] == callee.parent, path
            names += 1
        assert len(method_call) == len(model.nodes("call_method")), path
        assert len(name_call) == len(model.nodes("call_name")), path
        expected = [p.parent.parent for p in model.nodes("call_method")] + [c.parent for c in model.nodes("call_name")]
        assert model.nodes("call") == expected, path
    assert methods > 1000 and names > 1000


def test_first_statement_skips_comments_like_the_list_of_named_children():
    blocks = 0
    for path, model in _models():
        for function in model.functions:
            body = function.body
            if body is None or body.type != "statement_block":
                continue
            expected = next((c for c in body.named_children if c.type != "comment"), None)
            assert summary._first_statement(body) == expected, path
            blocks += 1
    assert blocks > 1000


def test_first_statement_of_a_block_of_comments_only():
    source = b"function f() { /* a */ // b\n }\nfunction g() { // c\n return 1; }"
    tree = syntax.parse(source, syntax.Grammar.JAVASCRIPT)
    f, g = (statement.child_by_field_name("body") for statement in tree.root_node.named_children)
    assert summary._first_statement(f) is None
    assert summary._first_statement(g).type == "return_statement"


_NAMESPACE_TEXT = st.text(alphabet="namespacodulxN_$.9 \n\t{}'\"", max_size=40).map(str.encode)


@settings(max_examples=400, deadline=None)
@given(_NAMESPACE_TEXT, _NAMESPACE_TEXT)
def test_namespace_literals_find_every_text_the_keyword_pattern_finds(before, after):
    for keyword in (b"namespace", b"module"):
        for source in (before + after, before + keyword + b" N {" + after, before + keyword + after):
            if shape._NAMESPACE_KEYWORD.search(source):
                assert any(pattern.search(source) for pattern in shape._NAMESPACE_LITERALS)


def test_namespace_literals_are_the_keyword_pattern_without_its_word_boundary():
    keyword = shape._NAMESPACE_KEYWORD.pattern
    assert keyword.startswith(rb"\b(?:namespace|module)")
    tail = keyword[len(rb"\b(?:namespace|module)"):]
    assert [p.pattern for p in shape._NAMESPACE_LITERALS] == [b"namespace" + tail, b"module" + tail]
    assert re.compile(keyword).search(b"declare module Foo.Bar {")
    assert not any(p.search(b"module.exports = {}") for p in shape._NAMESPACE_LITERALS)


def _parents_by_node_parent(node, levels):
    chain, parent = [], node.parent
    while parent is not None and len(chain) < levels:
        chain.append(parent)
        parent = parent.parent
    return tuple(chain)


def test_function_ancestors_found_from_the_enclosing_function_are_their_node_parents():
    functions = 0
    for path, model in _models():
        found = model.scopes._function_ancestors(4)
        for function in model.scopes.functions.values():
            assert found[function.node.id] == _parents_by_node_parent(function.node, 4), path
            functions += 1
    assert functions > 2000


def test_function_ancestors_past_their_time_budget_come_from_the_walk(monkeypatch):
    source = b"const a = f(() => 1, { k: function () { return [x => y => x]; } });\n" * 3 + b"class C { m() { g(function () {}); } }"
    tree = syntax.parse(source, syntax.Grammar.JAVASCRIPT)
    model = FileModel("x.js", source, syntax.Grammar.JAVASCRIPT, tree)
    expected = {f.node.id: _parents_by_node_parent(f.node, 4) for f in model.scopes.functions.values()}
    assert len(expected) == 14
    assert model.scopes._function_ancestors(4) == expected
    monkeypatch.setattr(syntax, "_PARENT_BUDGET_SECONDS", -1.0)
    assert model.scopes._function_ancestors(4) == expected


def test_argument_positions_found_once_per_list_are_the_argument_index():
    from leaklint.model.scopes import _argument_index

    checked = 0
    for path, model in _models():
        for call in model.nodes("call")[:200]:
            arguments = call.child_by_field_name("arguments")
            if arguments is None:
                continue
            for child in arguments.children:  # comments and punctuation too: any node may be asked
                assert model.scopes._argument_index(arguments, child) == _argument_index(arguments, child), path
                checked += 1
    assert checked > 10_000


def test_heritage_and_callee_tests_of_the_summary_agree_with_node_parent():
    """`_grandparent_is_heritage` and `_is_callee` (from the captures) answer what `Node.parent` answers."""
    heritage = callees = 0
    for path, model in _models():
        summarizer = summary._Summarizer(model)
        for reference in model.scopes.references:
            parent = reference.node.parent
            if parent is None:
                continue
            grandparent = parent.parent
            expected = grandparent is not None and grandparent.type == "class_heritage"
            assert summarizer._grandparent_is_heritage(parent) == expected, (path, reference.name)
            heritage += expected
            if parent.type == "member_expression":
                is_callee = (
                    grandparent is not None and grandparent.type == "call_expression"
                    and grandparent.child_by_field_name("function") == parent
                )
                if summarizer._is_callee(parent):
                    assert is_callee, (path, reference.name)
                    callees += 1
    assert heritage >= 20 and callees > 1000


def test_parents_of_references_found_from_the_method_calls_are_their_node_parents():
    """`_reference_parent` takes the parent of a called member's object from what `_calls` saw."""
    shortcuts = callees = 0
    for path, model in _models():
        summarizer = summary._Summarizer(model)
        summarizer.build()
        summarizer._parents_of_references.clear()
        for reference in model.scopes.references:
            node = reference.node
            assert summarizer._reference_parent(node) == node.parent, (path, reference.name)
            shortcuts += (node.start_byte, node.end_byte) in summarizer._member_of_receiver
            callees += node.start_byte in model.name_call_of
    assert shortcuts > 1000 and callees > 1000


_NAME_PATTERN = re.compile(rb"[A-Za-z_$][\w$]*")  # what `mentioned_names` finds, as a regex


def _mentioned_by_regex(source: bytes) -> tuple[str, ...]:
    return tuple(sorted({m.decode("utf-8", "replace") for m in _NAME_PATTERN.findall(source)}))


class _Source:
    def __init__(self, source: bytes) -> None:
        self.source = source


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=60) | st.text(alphabet="ab9_$ .é\n\r\t(){}0x1e5-'\"\\", max_size=60).map(str.encode))
def test_mentioned_names_are_the_words_the_name_pattern_finds(source):
    from leaklint.model.uncalled_cleanups import mentioned_names

    assert mentioned_names(_Source(source)) == _mentioned_by_regex(source)


def test_mentioned_names_of_digits_non_ascii_and_dollars():
    from leaklint.model.uncalled_cleanups import mentioned_names

    rows = [
        (b"", ()),
        (b"12 0x1F 1e5", ("e5", "x1F")),  # the words after a run's leading digits
        (b"caf\xc3\xa9 na\xefve", ("caf", "na", "ve")),  # non-ASCII bytes end a name
        (b"$el _x a$b\r\nb", ("$el", "_x", "a$b", "b")),
        (b"remove(); x.remove", ("remove", "x")),
    ]
    for source, expected in rows:
        assert mentioned_names(_Source(source)) == expected == _mentioned_by_regex(source), source
    for path, model in _models():
        assert mentioned_names(model) == _mentioned_by_regex(model.source), path


def test_dropped_calls_found_from_the_statements_are_those_value_dropped_finds():
    """`_is_dropped` (down from the captured expression statements) answers what `value_dropped` (up) does."""
    from leaklint.model.eviction_reach import value_dropped

    dropped = kept = 0
    for path, model in _models():
        summarizer = summary._Summarizer(model)
        for call in model.nodes("call"):
            expected = value_dropped(call)
            assert summarizer._is_dropped(call) == expected, (path, call.start_point)
            dropped += expected
            kept += not expected
    assert dropped > 2000 and kept > 2000


def test_dropped_calls_through_await_parentheses_and_void():
    rows = [  # (source, the call's text, dropped)
        ("f();", "f()", True),
        ("await f();", "f()", True),
        ("(f());", "f()", True),
        ("void f();", "f()", True),
        ("void (await (f()));", "f()", True),
        ("!f();", "f()", False),
        ("typeof f();", "f()", False),
        ("x = f();", "f()", False),
        ("f().g();", "f()", False),
        ("f().g();", "f().g()", True),
        ("(f(), g());", "f()", False),
        ("const x = await f();", "f()", False),
        ("for (f(); ; ) {}", "f()", False),  # the initializer is no expression statement in this grammar
        ("f() /* c */;", "f()", True),
    ]
    from leaklint.model.eviction_reach import value_dropped

    for source, text, expected in rows:
        data = source.encode()
        tree = syntax.parse(data, syntax.Grammar.JAVASCRIPT)
        model = FileModel("x.js", data, syntax.Grammar.JAVASCRIPT, tree)
        summarizer = summary._Summarizer(model)
        calls = [c for c in model.nodes("call") if c.text == text.encode()]
        assert len(calls) == 1, source
        assert summarizer._is_dropped(calls[0]) == expected == value_dropped(calls[0]), source


def _summary_of(source: str, path: str = "x.ts"):
    data = source.encode()
    grammar = syntax.EXTENSION_GRAMMARS[path[path.rindex("."):]]
    tree, grammar = syntax.parse_best(data, grammar)
    return summary.summarize(FileModel(path, data, grammar, tree))


def test_decorator_calls_and_loops_of_calls_out():
    """`as_decorator` (asked of Node.parent only in files with an `@`) and `in_loop` (loops and
    per-item callbacks, the callback's answer kept per function) of the calls out."""
    rows = [  # (source, {callee local: (as_decorator, in_loop)})
        ("import { link } from './l';\n@link(1) class A {}\nlink(2);", {"link": [(True, False), (False, False)]}),
        ("import { link } from './l';\n/** @link */\nlink(2);", {"link": [(False, False)]}),
        ("import { f } from './l';\nf();", {"f": [(False, False)]}),
        ("import { f } from './l';\nfor (const x of xs) f(x);\nf();", {"f": [(False, True), (False, False)]}),
        ("import { f } from './l';\nfor (const x of [1, 2]) f(x);", {"f": [(False, False)]}),
        ("import { f } from './l';\nxs.forEach((x) => { f(x); f(); });\n[1].forEach(() => f());",
         {"f": [(False, True), (False, True), (False, False)]}),
        ("import { f } from './l';\nfunction g() { f(); }\nxs.map(function () { f(); });",
         {"f": [(False, False), (False, True)]}),
    ]
    for source, expected in rows:
        found: dict[str, list[tuple[bool, bool]]] = {}
        for call in _summary_of(source).calls:
            found.setdefault(call.local, []).append((call.as_decorator, call.in_loop))
        assert found == expected, source


def _result_uses_the_long_way(model, imports):
    """dropped/kept names as _result_uses computed them before _calls collected the method calls."""
    from leaklint.model.eviction_reach import value_dropped

    dropped, kept = set(), set()
    for prop in model.nodes("call_method"):
        member, call = prop.parent, prop.parent.parent
        receiver = syntax.unwrap(member.child_by_field_name("object"))
        if receiver is None or receiver.type in ("this", "super"):
            continue
        (dropped if value_dropped(call) else kept).add(syntax.text(prop))
    for callee in model.nodes("call_name"):
        entry = imports.get(syntax.text(callee))
        if entry is not None:
            name = entry[1] if entry[1] not in ("*", "default") else syntax.text(callee)
            (dropped if value_dropped(callee.parent) else kept).add(name)
    return tuple(sorted(dropped)), tuple(sorted(kept))


def test_dropped_and_kept_results_collected_by_calls_are_the_long_way_s():
    both = 0
    for path, model in _models():
        summarizer = summary._Summarizer(model)
        found = summarizer.build()
        expected = _result_uses_the_long_way(model, summarizer.imports)
        assert (found.dropped_results, found.kept_results) == expected, path
        both += len(set(expected[0]) & set(expected[1]))
    assert both > 100


def _unwrap_by_type(node):
    while node is not None and node.type in syntax._TRANSPARENT:
        inner = None
        for child in node.named_children:
            if child.type != "comment":
                inner = child
                if node.type != "type_assertion":
                    break
        node = inner
    return node


def test_unwrap_with_the_kind_id_shortcut_is_unwrap_by_type_alone():
    checked = wrapped = 0
    for path, model in _models():
        for node in syntax.walk(model.tree.root_node):
            expected = _unwrap_by_type(node)
            assert syntax.unwrap(node) == expected, path
            checked += 1
            wrapped += expected != node
    assert checked > 100_000 and wrapped > 100


def test_names_read_from_the_source_are_the_node_texts():
    references = 0
    for path, model in _models():
        for reference in model.scopes.references:
            assert reference.node.text.decode("utf-8", "replace") in (reference.name, reference.binding and reference.binding.name), path
            references += 1
        for binding in model.scopes.bindings:
            assert binding.name == binding.node.text.decode("utf-8", "replace"), path
        for node in model.nodes("call"):
            site = model.call_site(node)
            callee = syntax.unwrap(node.child_by_field_name("function"))
            if site.method is not None:
                assert site.method == syntax.text(callee.child_by_field_name("property")), path
            if site.name is not None:
                assert site.name == syntax.text(callee), path
    assert references > 10_000
