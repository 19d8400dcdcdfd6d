"""GitHub's `primaryLocationLineHash`: the rolling line hash `upload-sarif` computes, ported.

github/codeql-action (`src/fingerprints.ts`) fingerprints each result by the
line its primary location starts on: a polynomial rolling hash (base 37, in
64-bit wrapping arithmetic) over the next 100 characters counted from the
start of that line, skipping spaces and tabs, with CR, LF and CRLF all read as
LF, a -1 sentinel (65535) at the end of the file and zeros after it.  The
value is `"<unsigned hex>:<n>"`, where n counts earlier lines of the file with
the same hash.  Characters are UTF-16 code units, as JavaScript reads them.

Computing the same value here lets a raw REST upload (which adds no
fingerprints) track alerts across runs like `upload-sarif` does, and
`upload-sarif` keeps a value that matches its own without a warning.
"""

from __future__ import annotations

BLOCK_SIZE = 100
MASK = (1 << 64) - 1
BASE = 37
FIRST_MOD = pow(BASE, BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR = 9, 32, 10, 13
_END = 65535


def line_hashes(text: str) -> list[str]:
    """The hash of every line of ``text`` (index 0 is line 1)."""
    units = text.encode("utf-16-le")
    window = [0] * BLOCK_SIZE
    line_numbers = [-1] * BLOCK_SIZE
    hashes: list[str] = []
    counts: dict[str, int] = {}
    state = {"hash": 0, "index": 0, "line": 0, "line_start": True, "prev_cr": False}

    def output() -> None:
        value = format(state["hash"], "x")
        counts[value] = counts.get(value, 0) + 1
        hashes.append(f"{value}:{counts[value]}")  # lines come out in order
        line_numbers[state["index"]] = -1

    def update(current: int) -> None:
        index = state["index"]
        begin = window[index]
        window[index] = current
        state["hash"] = (BASE * state["hash"] + current - FIRST_MOD * begin) & MASK
        state["index"] = (index + 1) % BLOCK_SIZE

    def process(current: int) -> None:
        if current in (_SPACE, _TAB) or (state["prev_cr"] and current == _LF):
            state["prev_cr"] = False
            return
        if current == _CR:
            current = _LF
            state["prev_cr"] = True
        else:
            state["prev_cr"] = False
        if line_numbers[state["index"]] != -1:
            output()
        if state["line_start"]:
            state["line_start"] = False
            state["line"] += 1
            line_numbers[state["index"]] = state["line"]
        if current == _LF:
            state["line_start"] = True
        update(current)

    for offset in range(0, len(units), 2):
        process(units[offset] | (units[offset + 1] << 8))
    process(_END)
    for _ in range(BLOCK_SIZE):
        if line_numbers[state["index"]] != -1:
            output()
        update(0)
    return hashes


def file_line_hashes(path: str) -> list[str] | None:
    """The line hashes of a file as `upload-sarif` reads it (UTF-8), or None when it cannot be read."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return line_hashes(data.decode("utf-8", "replace"))
