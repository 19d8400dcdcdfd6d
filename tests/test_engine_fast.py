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


class _Range:
    def __init__(self, start: int, end: int) -> None:
        self.start_byte, self.end_byte = start, end


def _summary_span(source: bytes, start: int, end: int):
    from types import SimpleNamespace

    from leaklint.project.summary import _Summarizer

    summarizer = _Summarizer.__new__(_Summarizer)  # span() reads only the model's text
    summarizer.model = SimpleNamespace(text=SourceText(source))
    return summarizer.span(_Range(start, end))


_SOURCE_BYTES = st.lists(st.sampled_from([b"a", b" ", b"\n", b"\r\n", "é".encode(), "😀".encode(), b"\xef\xbb\xbf"]),
                         max_size=40).map(b"".join)


@settings(max_examples=500, deadline=None)
@given(_SOURCE_BYTES, st.data())
def test_a_summary_span_is_the_span_line_col_gives(source, data):
    start = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(start, len(source)))
    assert _summary_span(source, start, end) == SourceText(source).span(start, end)


def test_a_summary_span_over_several_lines():
    source = b"x\nfoo(a, () => {\n  b();\n})\n"
    start = source.index(b"foo")
    end = source.index(b")\n") + 1
    span = _summary_span(source, start, end)
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 1, 4, 3)
    assert span == SourceText(source).span(start, end)
