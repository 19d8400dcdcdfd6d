"""LL005, session 17: a returned wrapper that keeps its last call's arguments (model fact kept_call_arguments)."""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.kept_call_arguments import kept_call_arguments
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL005"

INVALID = [
    Invalid(
        """
        function throttle(func, wait) {
          var context, args, timeout = null;
          var later = function () { timeout = null; func.apply(context, args); };
          return function () {
            context = this;
            args = arguments;
            if (!timeout) timeout = setTimeout(later, wait);
          };
        }
        """,
        at=((4, 10),),
        why="a throttle wrapper stores `arguments` and the trailing call never drops it",
        message_contains="stores its arguments in `args`",
    ),
    Invalid(
        """
        export function debounce(fn, ms) {
          let timer;
          let lastEvent;
          return (event) => {
            lastEvent = event;
            clearTimeout(timer);
            timer = setTimeout(() => fn(lastEvent), ms);
          };
        }
        """,
        at=((4, 10),),
        why="an arrow wrapper keeps its own parameter (not `arguments`), in a module with exports",
        message_contains="stores its parameter `event` in `lastEvent`",
    ),
    Invalid(
        """
        const once = (fn) => {
          let done = false, result, seen;
          return function (...rest) {
            if (!done) { done = true; seen = rest; result = fn(...seen); }
            return result;
          };
        };
        """,
        at=((3, 10),),
        why="a rest parameter kept by a once() wrapper",
        message_contains="its parameter `rest`",
    ),
]

VALID = [
    Valid(
        """
        function throttle(func, wait) {
          var context, args, timeout = null;
          var later = function () { timeout = null; func.apply(context, args); context = args = null; };
          return function () {
            context = this;
            args = arguments;
            if (!timeout) timeout = setTimeout(later, wait);
          };
        }
        """,
        why="the arguments are set back to null after the call (underscore's fix, chained assignment)",
    ),
    Valid(
        """
        function debounce(fn, ms) {
          let timer, lastArgs;
          function invoke() { const a = lastArgs; lastArgs = undefined; fn(...a); }
          return (...args) => { lastArgs = args; clearTimeout(timer); timer = setTimeout(invoke, ms); };
        }
        """,
        why="emptied with `undefined` in a sibling closure (lodash's debounce)",
    ),
    Valid(
        """
        function memoizeOne(fn, isEqual) {
          let lastArgs = [], lastResult, called = false;
          return function (...newArgs) {
            if (called && isEqual(newArgs, lastArgs)) return lastResult;
            lastResult = fn.apply(this, newArgs);
            lastArgs = newArgs;
            called = true;
            return lastResult;
          };
        }
        """,
        why="a memo reads the previous arguments before replacing them: keeping them is its purpose",
    ),
    Valid(
        """
        var lastArgs;
        function wrap(fn) {
          return function () { lastArgs = arguments; return fn.apply(this, arguments); };
        }
        """,
        why="a module-level variable is not the enclosing call's context (another rule's subject)",
    ),
    Valid(
        """
        function wrap(fn) {
          return function () { var args = arguments; return fn.apply(this, args); };
        }
        """,
        why="a variable of the wrapper's own call dies with that call",
    ),
    Valid(
        """
        function wrap(fn) {
          let calls = 0;
          const wrapped = function (x) { calls = x.length; return fn(x); };
          emitter.on('data', wrapped);
        }
        """,
        why="the wrapper is not returned, and stores a value computed from its argument, not the argument",
    ),
    Valid(
        """
        function outer(fn) {
          let saved;
          return () => { saved = arguments; fn(saved); };
        }
        """,
        why="`arguments` in an arrow function is the enclosing function's own, not the wrapper's call",
    ),
    Valid(
        """
        var stringEater = function (type) {
          var prev = false;
          return function (c) {
            prev = c;
            if (c === type) return prev === "\\\\";
            return true;
          };
        };
        """,
        why="a returned predicate that remembers the last character: the enclosing function wraps no function",
    ),
    Valid(
        """
        function counter(start) {
          let last;
          return function (n) { last = n; return start.value + last; };
        }
        """,
        why="a parameter read as a value, not called: no callback is wrapped",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_finding_is_medium_confidence_and_names_the_store():
    findings = run(INVALID[0].code, RULE)
    assert [f.confidence for f in findings] == ["medium"]
    related = [r.message for r in findings[0].related]
    assert "its arguments stored in `args`" in related


@pytest.mark.parametrize(
    ("assignment", "kept"),
    [
        ("args = arguments;", ["args"]),
        ("args = x;", ["args"]),
        ("args = x; args = null;", []),
        ("args = void 0;", []),
        ("args = x.slice();", []),
        ("args = other;", []),
    ],
)
def test_the_fact_lists_kept_variables(assignment, kept):
    source = ("function f(other, fn) { let args; return function (x) { " + assignment + " fn(args); }; }").encode()
    grammar = syntax.EXTENSION_GRAMMARS[".js"]
    model = FileModel("case.js", source, grammar, syntax.parse(source, grammar))
    assert [k.variable.name for k in model.fact("kept_call_arguments", kept_call_arguments)] == kept


@pytest.mark.parametrize(
    ("call", "kept"),
    [
        ("fn(args);", ["args"]),
        ("fn.apply(null, args);", ["args"]),
        ("fn.call(null, args);", ["args"]),
        ("fn.bind(null)(args);", []),
        ("use(fn, args);", []),
        ("", []),
    ],
)
def test_only_a_wrapper_of_a_called_parameter_keeps_arguments(call, kept):
    source = ("function f(fn) { let args; return function (x) { args = x; " + call + " }; }").encode()
    grammar = syntax.EXTENSION_GRAMMARS[".js"]
    model = FileModel("case.js", source, grammar, syntax.parse(source, grammar))
    assert [k.variable.name for k in model.fact("kept_call_arguments", kept_call_arguments)] == kept
