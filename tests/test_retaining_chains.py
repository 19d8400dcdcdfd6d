"""Growth by a retaining chain (leaklint/model/retaining_chains.py, round-6 miss cause 5), through LL001."""

import textwrap

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.retaining_chains import retaining_chains
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL001"

TICKER = """
    var $stamps = $([]);
    setInterval(function () {
      var gone = [];
      $stamps.each(function () {
        if (!document.body.contains(this)) gone.push(this);
      });
      $stamps = $stamps.not(gone);
    }, 1000);
    """

INVALID = [
    Invalid(TICKER, at=((1, 5),), why="a jQuery set narrowed with .not() on every tick keeps each old set in prevObject",
            message_contains="`.not()` keeps the previous jQuery set in the new one's `prevObject`"),
    Invalid(
        """
        let chain = null;
        setInterval(() => {
          chain = { prev: chain, at: Date.now() };
        }, 1000);
        """,
        at=((1, 5),),
        why="an object literal linking the previous value, made in a timer",
        message_contains="the new object's `prev` keeps the previous one",
    ),
    Invalid(
        """
        let $picked = jQuery('.picked');
        $(document).on('click', '.item', function () {
          $picked = $picked.add(this);
        });
        """,
        at=((1, 5),),
        why=".add() per click on a set declared from jQuery(…)",
    ),
    Invalid(
        """
        let trail = [];
        require('net').createServer((socket) => {
          socket.on('data', (chunk) => {
            trail = [trail, String(chunk)];
          });
        });
        """,
        at=((1, 5),),
        why="an array literal nesting the previous array, per message",
    ),
]

VALID = [
    Valid(TICKER.replace("      $stamps = $stamps.not(gone);\n",
                         "      $stamps = $stamps.not(gone);\n      delete $stamps.prevObject;\n"),
          why="prevObject deleted after each .not() (Livestamp's fix)"),
    Valid(
        """
        let items = [];
        setInterval(() => {
          items = items.filter((item) => item.alive);
        }, 1000);
        """,
        why="Array.prototype.filter keeps nothing of the old array",
    ),
    Valid(
        """
        let state = { count: 0 };
        setInterval(() => {
          state = { ...state, count: state.count + 1 };
        }, 1000);
        """,
        why="a spread copies properties, not the object",
    ),
    Valid(
        """
        let chain = null;
        let depth = 0;
        setInterval(() => {
          chain = { prev: chain, at: Date.now() };
          if (++depth > 10) {
            chain = null;
            depth = 0;
          }
        }, 1000);
        """,
        why="the chain is reset to a fresh start",
    ),
    Valid(
        """
        let head = null;
        setInterval(() => {
          head = { prev: head, at: Date.now() };
          let node = head;
          for (let i = 0; i < 10 && node; i++) node = node.prev;
          if (node) node.prev = null;
        }, 1000);
        """,
        why="the linking property is cut further down",
    ),
    Valid(
        """
        function build(values) {
          let chain = null;
          for (const v of values) chain = { prev: chain, v };
          return chain;
        }
        module.exports = { build };
        """,
        why="a local chain built and returned by one call",
    ),
    Valid(
        """
        let $stamps = [];
        setInterval(() => {
          $stamps = $stamps.filter(Boolean);
        }, 1000);
        """,
        why="not a jQuery set: a `$` name alone proves nothing",
    ),
    Valid(
        """
        let $stamps = $('.stamp');
        function init() {
          $stamps = $stamps.not('.static');
        }
        init();
        """,
        why="narrowed once at start-up",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_chain_fact_names_the_assignment_and_the_timer():
    source = textwrap.dedent(TICKER).lstrip("\n").encode()
    grammar = syntax.Grammar.JAVASCRIPT
    model = FileModel("case.js", source, grammar, syntax.parse(source, grammar))
    (chain,) = retaining_chains(model)
    assert chain.binding.name == "$stamps"
    assert syntax.text(chain.assignment) == "$stamps = $stamps.not(gone)"
    assert chain.frequency.repeats_for_sure
