"""LL011 retained-large-capture: valid and invalid cases with exact positions."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL011"

INVALID = [
    Invalid(
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          return function getStats() {
            return { count: hugeDataset.length };
          };
        }
        const getStats = processReport();
        """,
        at=((3, 10),),
        why="seed 001 Leak 3: the returned getter keeps the dataset for its length",
        message_contains="captures all of `hugeDataset` (built by `loadMillionRecords()`) but reads only `hugeDataset.length`",
    ),
    Invalid(
        """
        const bus = require('./bus');
        function watch(path) {
          const contents = fs.readFileSync(path);
          bus.on('stat', (reply) => reply(contents.byteLength));
        }
        watch('/data/big.bin');
        """,
        at=((4, 18),),
        why="a listener on a long-lived emitter keeps the file contents for their size",
        message_contains="registered on",
    ),
    Invalid(
        """
        const summaries = new Map();
        export async function ingest(id, text) {
          const parsed = JSON.parse(text);
          summaries.set(id, () => parsed.total);
        }
        """,
        at=((4, 21),),
        why="a stored closure keeps a parsed document for one field",
    ),
    Invalid(
        """
        class Cache {
          static getters = [];
        }
        function remember() {
          const buffer = Buffer.alloc(64 * 1024 * 1024);
          Cache.getters.push(() => buffer.length);
        }
        """,
        at=((6, 22),),
        why="a Buffer kept for its length by a closure in a static field",
    ),
    Invalid(
        """
        const pending = [];
        setInterval(() => {
          const samples = new Array(80000).fill(0).map(() => Math.random());
          pending.push(() => samples.length);
          if (pending.length > 10) pending.shift();
        }, 300);
        """,
        at=((4, 16),),
        why="an array built by new Array(n) and reshaped by fill/map is as large as the array it came from",
        message_contains="captures all of `samples` (built by `new Array()`)",
    ),
]

VALID = [
    Valid(
        """
        const pending = [];
        setInterval(() => {
          const ids = [1, 2, 3].map((n) => n * 2);
          pending.push(() => ids.length);
          if (pending.length > 10) pending.shift();
        }, 300);
        """,
        why="a map() over a small literal array is not a large value",
    ),
    Valid(
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          const count = hugeDataset.length;
          return function getStats() {
            return { count };
          };
        }
        const getStats = processReport();
        """,
        why="seed 001's fix: the scalar is computed outside",
    ),
    Valid(
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          return () => hugeDataset.filter((r) => r.active).length;
        }
        const getStats = processReport();
        """,
        why="the closure uses the whole value",
    ),
    Valid(
        """
        function processReport() {
          const hugeDataset = loadMillionRecords();
          return () => hugeDataset.length;
        }
        export const handler = () => processReport()();
        """,
        why="the returned closure is not kept at module level",
    ),
    Valid(
        """
        function processReport() {
          const config = { retries: 3 };
          return () => config.retries;
        }
        const getRetries = processReport();
        """,
        why="a small literal, not a large value",
    ),
    Valid(
        """
        function processReport() {
          const rows = loadRows();
          rows.forEach((row) => console.log(row.length));
          return rows.length;
        }
        const n = processReport();
        """,
        why="a transient callback that does not outlive the call",
    ),
    Valid(
        """
        function processReport() {
          const rows = loadRows();
          return () => rows.length + rows.total;
        }
        const getStats = processReport();
        """,
        why="more than one field read: not a single derived scalar",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_related_names_the_value_the_read_and_the_escape():
    findings = run(INVALID[0].code, RULE)
    related = [(r.span.line, r.message, r.role) for r in findings[0].related]
    assert related[0][:2] == (2, "`hugeDataset` is built here by `loadMillionRecords()`") and related[0][2] == "retained"
    assert related[1][0] == 4 and "only thing the closure reads" in related[1][1]
    assert related[2][0] == 7 and "returned to module-level `getStats`" in related[2][1]
