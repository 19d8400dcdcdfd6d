"""LL009 unbounded-listeners-masked: valid and invalid cases with exact positions, and the corpus cases."""

import pytest

from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL009"

INVALID = [
    Invalid(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        bus.setMaxListeners(0);
        """,
        at=((3, 1),),
        why="module-level emitter set to unlimited",
        message_contains="long-lived `bus` (module-level binding `bus`) is set to unlimited",
    ),
    Invalid(
        "process.setMaxListeners(Infinity);\n",
        at=((1, 1),),
        why="process set to Infinity",
    ),
    Invalid(
        """
        import { EventEmitter } from 'node:events';
        EventEmitter.defaultMaxListeners = Number.POSITIVE_INFINITY;
        """,
        at=((2, 1),),
        why="the process-wide default",
        message_contains="every emitter in the process",
    ),
    Invalid(
        "require('events').defaultMaxListeners = 0;\n",
        at=((1, 1),),
        why="the default through require('events')",
    ),
    Invalid(
        """
        import events from 'events';
        events.setMaxListeners(0);
        """,
        at=((2, 1),),
        why="events.setMaxListeners with no targets",
        message_contains="no targets",
    ),
    Invalid(
        """
        import { bus } from './bus';
        bus.setMaxListeners(0);
        app.get('/a', (req, res) => { bus.on('x', () => res.end()); });
        """,
        at=((2, 1),),
        why="imported singleton, with the repeated listener",
        message_contains="adds listeners to it from repeated code (1 place(s))",
    ),
]

VALID = [
    Valid("const { EventEmitter } = require('events');\nconst bus = new EventEmitter();\nbus.setMaxListeners(50);\n",
          why="a finite limit"),
    Valid(
        """
        const { EventEmitter } = require('events');
        function handle(req) { const local = new EventEmitter(); local.setMaxListeners(0); }
        """,
        why="a per-call emitter dies with its listeners",
    ),
    Valid("function f(emitter) { emitter.setMaxListeners(0); }\n", why="an emitter of unknown lifetime"),
    Valid("const Infinity = 3;\nprocess.setMaxListeners(Infinity);\n", why="a shadowed Infinity"),
    Valid("const limits = {};\nlimits.defaultMaxListeners = 0;\n", why="not the events module"),
    Valid(
        "import { EventEmitter } from 'events';\nconst bus = new EventEmitter();\nEventEmitter.setMaxListeners(20, bus);\n",
        why="a finite limit through the static form",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_related_lists_the_repeated_listeners():
    findings = run(
        """
        const { EventEmitter } = require('events');
        const bus = new EventEmitter();
        bus.setMaxListeners(0);
        app.get('/a', (req, res) => { bus.on('x', () => res.end()); });
        bus.on('boot', () => {});
        """,
        RULE,
    )
    related = [(r.span.line, r.message) for r in findings[0].related]
    assert related[0][0] == 2 and "long-lived" in related[0][1]
    assert [line for line, _ in related[1:]] == [4], related


@pytest.mark.parametrize("folder", case_folders("ll009-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)


def test_corpus_has_six_cases():
    assert len(case_folders("ll009-")) >= 6
