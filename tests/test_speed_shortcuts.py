"""The speed shortcuts of issue 14 (session 6) give what the long way gives.

Each shortcut replaces a slower way of computing the same thing (a node's
parent from the query's captures instead of `Node.parent`, a literal-led
search before a regex, …); these tests compute both ways on every test file
(and on generated text where that reaches more cases) and require the same
answer.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from leaklint.model import shape

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
