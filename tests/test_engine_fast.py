"""Faster ways of computing engine facts give exactly what the plain definition gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leaklint.findings import SourceText


def _line_starts_by_definition(source: bytes) -> list[int]:
    """0, then the offset after every newline (the definition, one find() at a time)."""
    starts = [0]
    position = source.find(b"\n")
    while position != -1:
        starts.append(position + 1)
        position = source.find(b"\n", position + 1)
    return starts


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200).map(lambda raw: raw.replace(b"\r", b"")))
def test_line_starts_are_the_offsets_after_each_newline(source):
    assert SourceText(source).line_starts == _line_starts_by_definition(source)


def test_line_starts_at_the_edges():
    for source in (b"", b"\n", b"x", b"x\n", b"\n\n\n", b"ab\ncd\n\nef", "é\n😀\nz".encode()):
        assert SourceText(source).line_starts == _line_starts_by_definition(source), source
    assert SourceText(b"a\nbc\n").line_starts == [0, 2, 5]


def test_line_col_uses_the_same_lines():
    text = SourceText("const a = 1;\n  é = 2;\n\nx".encode())
    assert text.line_col(0) == (1, 1)
    assert text.line_col(13) == (2, 1)
    assert text.line_col(17) == (2, 4)  # after `  é`: é is one UTF-16 unit
    assert text.line_col(text.source.index(b"x")) == (4, 1)
