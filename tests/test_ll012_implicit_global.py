"""LL012 implicit-global: valid and invalid cases with exact positions, and the corpus cases."""

import textwrap

import pytest

from leaklint.engine import AnalysisOptions, analyze_source
from leaklint.syntax import Grammar
from tests.corpus_support import case_folders, check_case
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL012"

INVALID = [
    Invalid(
        """
        const express = require('express');
        function collect(row) {
          seen = seen || [];
          seen.push(row.id);
        }
        module.exports = collect;
        """,
        at=((3, 3),),
        why="an undeclared array that grows",
        message_contains="its value grows",
    ),
    Invalid(
        """
        exports.find = function (items, id) {
          for (i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
        };
        """,
        at=((2, 8),),
        why="a loop counter without var (medium confidence)",
        message_contains="does not grow",
    ),
    Invalid(
        """
        var log = require('./log');
        function record(line) { history = (history || '') ; history += line; }
        module.exports = record;
        """,
        at=((2, 25),),
        why="a string appended to on every call",
        message_contains="its value grows",
    ),
]

VALID = [
    Valid(
        """
        const shim = require('./shim');
        function stringify(value) {
          isNaN = shim.isNaN;
          Promise = require('bluebird');
          return JSON.stringify(value);
        }
        module.exports = stringify;
        """,
        why="a built-in global reassigned (a shim): it exists already, nothing new is created",
    ),
    Valid(
        """
        'use strict';
        const x = require('x');
        function f() { y = 1; }
        module.exports = f;
        """,
        why="strict mode throws instead of creating a global",
    ),
    Valid(
        """
        const x = require('x');
        function f() { 'use strict'; y = 1; }
        module.exports = f;
        """,
        why="a strict function",
    ),
    Valid("function f() { y = 1; }\nf();\n", why="a browser-style script with no require or module.exports"),
    Valid(
        """
        const x = require('x');
        counter = 0;
        module.exports = () => x;
        """,
        why="assigned at the top level, not inside a function",
    ),
    Valid(
        """
        const x = require('x');
        let total;
        function add(n) { total = (total || 0) + n; }
        module.exports = add;
        """,
        why="declared",
    ),
    Valid(
        """
        const x = require('x');
        function f() { module.exports.y = 1; global.shared = 2; }
        module.exports = f;
        """,
        why="explicit properties of module and global",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_confidence_is_high_only_when_the_value_grows():
    from tests.ruletest import run

    assert [f.confidence for f in run(INVALID[0].code, RULE)] == ["high"]
    assert [f.confidence for f in run(INVALID[1].code, RULE)] == ["medium"]


@pytest.mark.parametrize(
    "name,grammar",
    [("case.mjs", Grammar.JAVASCRIPT), ("case.ts", Grammar.TYPESCRIPT), ("case.jsx", Grammar.JAVASCRIPT)],
)
def test_only_sloppy_commonjs_scripts(name, grammar):
    source = textwrap.dedent(INVALID[0].code).lstrip("\n").encode()
    result = analyze_source(name, source, grammar, AnalysisOptions(rule_codes=(RULE,)))
    assert result.findings == []


@pytest.mark.parametrize("folder", case_folders("ll012-"), ids=lambda case: case.slug)
def test_corpus_case(folder):
    check_case(folder, RULE)


def test_corpus_has_six_cases():
    assert len(case_folders("ll012-")) >= 6
