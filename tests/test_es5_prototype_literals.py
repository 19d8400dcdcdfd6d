"""ES5 classes written with a prototype literal, and events named by an instance's id.

Facts, with cases of both signs:
- `F.prototype = { m: function () {…} }` (with `var F = function (…) {…}` or `function F(…) {…}`)
  makes `m` a method of the ES5 class `F`, like `F.prototype.m = function …`: it runs per call on
  each of many instances (CLASS evidence), so a listener it adds to a page-lived object and never
  removes is reported (bootstrap3-dialog); a prototype method that acts for a client it is given
  still runs once per message of that client.
- An event named `'prefix' + x.id` / `'prefix' + x.getId()` is one event whatever holds the
  instance (`this` where it is added, an alias where it is removed): jQuery's
  `$('body').off('mousemove.' + dialog.getId())` removes `.on('mousemove.' + this.getId(), …)`.
- In a project, a class no file imports or creates has a guessed instance count: a listener its
  method adds to a page-lived object is still reported, at medium.
"""

import json
import os

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids
from tests.test_model import function_named, model_of

RULE = "LL002"

_DIALOG = """
var Dialog = function (options) { this.options = options; };
Dialog.prototype = {
  constructor: Dialog,
  getId: function () { return this.options.id; },
  drag: function () {
    $('body').on({event}, { dialog: this }, function (event) { event.data.dialog.move(event); });
  },
  open: function () { this.drag(); return this; },
  hide: function () { {removal} }
};
Dialog.show = function (options) { return new Dialog(options).open(); };
"""


def _dialog(event: str, removal: str = "") -> str:
    return _DIALOG.replace("{event}", event).replace("{removal}", removal)


INVALID = [
    Invalid(_dialog("'mousemove'"), at=((6, 5),), why="a prototype-literal method adds to the page's body per dialog"),
    Invalid(
        _dialog("'mousemove.' + this.getId()", "$('body').off('mousemove.' + make(this));"),
        at=((6, 5),),
        why="a computed name that is not the instance's id removes nothing the file can match",
    ),
    Invalid(
        """
        function Tooltip(el) { this.el = el; }
        Tooltip.prototype = {
          show: function () { window.addEventListener('resize', () => this.place()); },
          place: function () {}
        };
        """,
        at=((3, 23),),
        why="a function-declaration ES5 class with a prototype literal",
    ),
    Invalid(
        _dialog("'mousemove.' + this.getId()", "$('body').off('keyup.' + this.getId());"),
        at=((6, 5),),
        why="the same id under another event type",
    ),
]

VALID = [
    Valid(
        _dialog("'mousemove.' + this.getId()", "var dialog = this; $('body').off('mousemove.' + dialog.getId());"),
        why="removed by the same namespaced event, read through an alias of the instance",
    ),
    Valid(_dialog("'mousemove'", "$('body').off('mousemove');"), why="removed by event"),
    Valid(
        """
        var settings = { drag: function () { $('body').on('mousemove', function () {}); } };
        settings.drag();
        """,
        why="an object literal that is no prototype: its method runs as often as the file shows (once)",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


@pytest.mark.parametrize(
    ("code", "method", "evidence"),
    [
        (_dialog("'x'"), "drag", "CLASS"),
        ("var F = function () {};\nF.prototype = { m: function () {} };\nnew F();\nnew F();\n", "m", "CLASS"),
        # not a prototype: `F.defaults = {…}` is a plain object
        ("var F = function () {};\nF.defaults = { m: function () {} };\nnew F();\n", "m", "API"),
    ],
)
def test_prototype_literal_methods_are_class_methods(code, method, evidence):
    model = model_of(code)
    assert model.frequency(function_named(model, method)).evidence.name == evidence


def test_a_prototype_method_acting_for_a_client_runs_per_message():
    model = model_of(
        "var Registry = function () { this.subs = {}; };\n"
        "Registry.prototype.subscribe = function (name, socketWrapper) { socketWrapper.socket.write(name); };\n"
    )
    fact = model.frequency(function_named(model, "Registry.prototype.subscribe"))
    assert fact.frequency.name == "PER_EVENT"


@pytest.mark.parametrize(("alone", "expected"), [(True, "high"), (False, "medium")])
def test_a_class_nobody_imports_keeps_its_listener_findings_at_medium(tmp_path, alone, expected):
    (tmp_path / "dialog.js").write_text(
        "export class Dialog {\n"
        "  open() { document.body.addEventListener('mousemove', (event) => this.move(event)); }\n"
        "  move() {}\n"
        "}\n"
    )
    if not alone:
        (tmp_path / "other.js").write_text("export const answer = 42;\n")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    found = [(f["path"], f["line"], f["confidence"]) for f in json.loads(result.output)["findings"]]
    assert found == [("dialog.js", 2, expected)]
