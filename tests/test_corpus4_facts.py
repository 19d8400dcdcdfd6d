"""Model facts added for the round-3 fresh sample of issue 7 (s4-fresh), each with cases of both signs.

- frequency: a function assigned to a DOM-style `on<event>` property
  (`ws.onmessage = fn`, `el.onclick = fn`) is an event handler, like one
  given to `addEventListener`; the page's own lifecycle properties
  (`window.onload`) run as often as the code that assigns them.
"""

import pytest

from leaklint import syntax
from leaklint.model import FileModel
from leaklint.model.frequency import Evidence, Frequency
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids


def _model(code: str, lang: str = "js") -> FileModel:
    source = code.encode()
    grammar = syntax.EXTENSION_GRAMMARS["." + lang]
    return FileModel(f"case.{lang}", source, grammar, syntax.parse(source, grammar))


def _function_named(model: FileModel, name: str):
    return next(f for f in model.functions if f.name == name)


def _function_at(model: FileModel, text: str):
    start = model.source.index(text.encode())
    return model.function_at(start + len(text) - 1)


# -- frequency: on<event> handler properties --------------------------------------------------

HANDLER_PROPERTIES = [
    # (code, the text just inside the function asked about, expected frequency, expected evidence)
    ("function connect() { const ws = new WebSocket(u); ws.onmessage = (e) => { show(e) }; }",
     "show(e)", Frequency.PER_EVENT, Evidence.HANDLER),
    ("el.onclick = function () { toggle() };", "toggle()", Frequency.PER_EVENT, Evidence.HANDLER),
    ("function f(xhr) { xhr.onreadystatechange = function () { step() }; }", "step()", Frequency.PER_EVENT,
     Evidence.HANDLER),
    ("function read() { apply() }\nsocket.onmessage = (e) => read(e.data);", "apply()", Frequency.PER_EVENT,
     Evidence.HANDLER),
    # the page's lifecycle: once per load, as often as the assignment runs (here: module top level)
    ("window.onload = function () { boot() };", "boot()", Frequency.ONCE, Evidence.TOP_LEVEL),
    ("document.onreadystatechange = () => { boot() };", "boot()", Frequency.ONCE, Evidence.TOP_LEVEL),
    # not a handler property: a camelCase callback option is left to the name-based inference (SHAPE),
    # other fields stay "assigned" (API)
    ("client.onMessage = (m) => { show(m) };", "show(m)", Frequency.PER_EVENT, Evidence.SHAPE),
    ("config.handler = () => { show() };", "show()", Frequency.REPEATED, Evidence.API),
]


@pytest.mark.parametrize("code, inside, frequency, evidence", HANDLER_PROPERTIES, ids=[c[0][:50] for c in HANDLER_PROPERTIES])
def test_handler_property_frequency(code, inside, frequency, evidence):
    model = _model(code)
    fact = model.frequency(_function_at(model, inside))
    assert (fact.frequency, fact.evidence) == (frequency, evidence), fact.reason


LL004_HANDLER_PROPERTY_INVALID = [
    Invalid(
        """
        function setEffectParameters(idx) {
          function setSelectedEffectPosition() { position(idx); }
          setInterval(setSelectedEffectPosition, 750);
        }
        function readState(s) { setEffectParameters(s.fx); }
        function makeWS() {
          ws = new WebSocket(url);
          ws.onmessage = (e) => { readState(JSON.parse(e.data)); };
        }
        window.addEventListener('load', makeWS);
        """,
        ((3, 3),),
        "every message pushed over the socket starts one more interval",
    ),
]

LL004_HANDLER_PROPERTY_VALID = [
    Valid(
        """
        function startClock() { setInterval(tick, 1000); }
        window.onload = function () { startClock(); };
        """,
        "window.onload fires once per page: one clock",
    ),
    Valid(
        """
        function setEffectParameters(idx) {
          if (timer) clearInterval(timer);
          timer = setInterval(() => position(idx), 750);
        }
        ws.onmessage = (e) => { setEffectParameters(e.data); };
        """,
        "the handle is cleared before each restart",
    ),
]


@pytest.mark.parametrize("case", LL004_HANDLER_PROPERTY_INVALID, ids=ids(LL004_HANDLER_PROPERTY_INVALID))
def test_ll004_handler_property_invalid(case):
    check_invalid(case, "LL004")


@pytest.mark.parametrize("case", LL004_HANDLER_PROPERTY_VALID, ids=ids(LL004_HANDLER_PROPERTY_VALID))
def test_ll004_handler_property_valid(case):
    check_valid(case, "LL004")
