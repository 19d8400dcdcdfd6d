"""`primaryLocationLineHash` agrees with github/codeql-action's `upload-sarif`.

The vectors are the expected hashes from codeql-action's own test of its
`hash` function (src/fingerprints.test.ts): each input text and the hash it
gives for every line, in order.
"""

import pytest

from leaklint.report.line_hash import line_hashes

END_OF_FILE = "c129715d7a2bc9a3:1"  # the hash of the empty last line, or of an empty file
GREETINGS = [
    "e9496ae3ebfced30:1",
    "fb7c023a8b9ccb3f:1",
    "ce8ba1a563dcdaca:1",
    "e20e36e16fcb0cc8:1",
    "b3edc88f2938467e:1",
    "c8e28b0b4002a3a0:1",
    END_OF_FILE,
]

VECTORS = {
    "empty": ("", [END_OF_FILE]),
    "blanks and tabs are skipped": (
        " a\nb\n  \t\tc\n d",
        ["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
    ),
    "no final newline": (
        " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End",
        [
            "8b7cf3e952e7aeb2:1",
            "b1ae1287ec4718d9:1",
            "bff680108adb0fcc:1",
            "c6805c5e1288b612:1",
            "b86d3392aea1be30:1",
            "e6ceba753e1a442:1",
        ],
    ),
    "LF": (" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", GREETINGS),
    "CR": (" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", GREETINGS),
    "CRLF": (" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", GREETINGS),
    "mixed line endings": (" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", GREETINGS),
    "repeated lines are numbered": (
        "Lorem ipsum dolor sit amet.\n" * 10,
        [f"a7f2ff13bc495cf2:{n}" for n in range(1, 7)]
        + ["a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1", "cc97dc7b1d7d8f7b:1", END_OF_FILE],
    ),
    "short lines": (
        "x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n",
        [
            "e54938cc54b302f1:1",
            "bb609acbe9138d60:1",
            "1131fd5871777f34:1",
            "5c482a0f8b35ea28:1",
            "54517377da7028d2:1",
            "2c644846cb18d53e:1",
            "f1b89f20de0d133:1",
            END_OF_FILE,
        ],
    ),
}


@pytest.mark.parametrize("name", list(VECTORS))
def test_line_hashes_match_codeql_action(name):
    text, expected = VECTORS[name]
    assert line_hashes(text) == expected


def test_a_change_beyond_a_hundred_characters_keeps_the_hash():
    line = "a" * 120
    assert line_hashes(line + "b\n")[0] == line_hashes(line + "c\n")[0]
    assert line_hashes("b" + line + "\n")[0] != line_hashes("c" + line + "\n")[0]
