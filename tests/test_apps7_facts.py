"""Model facts from the seventh round of real applications (docs/real-code.md), each with cases of both signs.

- project link (LL002): an exported helper whose body makes one registration or
  removal on a parameter with two other parameters as event and listener
  (`addEventListener(target, type, handler, options)` of a `dom` utility
  module) stands, at its calls in other files, for that registration on the
  argument it is given (`dom.addEventListener(document, 'keydown', fn)` is
  `document.addEventListener('keydown', fn)`); `export default { on, … }`
  names its members for the link;
- LL002: no emitter takes `true`, `false`, a number or `null` as its listener:
  `centerFocus.on(element, false)` is a helper of its own, not a registration;
- LL002: a local listener also kept in a field (`this.keyDownHandler = h`) is
  removed by a removal that reads the field back (`const h = this.keyDownHandler`);
- LL002: a local that reads a value with no name of its own
  (`const h = useRef(fn).current`) is the listener's name for matching;
- lifetime (LL002): an element found under one the function has just made
  (`parent = document.createElement('div'); x = parent.querySelector('.f')`)
  is made on that call, even when kept in a module-level binding;
- lifetime (LL002): so is one found under an element whose `innerHTML` the
  function has just replaced (`container.innerHTML = html; tabs =
  container.querySelector('.tabs')`);
- project link (LL004): a method every call of which is on an instance its
  caller has just made (`this.streamer = new SSEStreamer();
  this.streamer.startHeartbeat()`, a field set in the same function) cannot
  overwrite its own handle, whatever its callers' frequency;
- discovery: a bundle with no newline in its first 64 KB is generated;
- no internal error on `F.prototype = { m: function … }` methods called from
  the constructor.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaklint.discover import is_generated
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids
from tests.test_project_link import run_json

PROJECTS = Path(__file__).parent / "projects"


def _findings(project: str | Path, *paths: str) -> list[dict]:
    return run_json(*(paths or ["."]), cwd=PROJECTS / project)["findings"]


# -- project link: a helper of another file that forwards a registration to its argument ---------


def test_a_forwarded_registration_is_judged_on_the_target_it_is_given():
    found = [(f["rule"], f["path"], f["line"], f["confidence"]) for f in _findings("dom-forwarder")]
    # the 'pointermove' listener is taken back through `dom.removeEventListener(document, …)`;
    # the 'keydown' closure is added to window on every 'viewshow' and never taken back
    assert found == [("LL002", "player.js", 12, "high")]
    message = _findings("dom-forwarder")[0]["message"]
    assert "'keydown'" in message and "`window`" in message and "`dom`" not in message


def test_a_forwarder_s_positions_are_argument_positions(tmp_path):
    # a destructured options parameter first binds two names but takes one argument: the target is the second
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "dom-forwarder", project)
    dom = project / "utils" / "dom.js"
    dom.write_text(dom.read_text()
                   .replace("(target, type, handler, options) {", "({ passive, capture }, target, type, handler) {")
                   .replace("let optionsOrCapture = options || {};", "let optionsOrCapture = { passive, capture };"))
    player = project / "player.js"
    player.write_text(player.read_text()
                      .replace("(document, 'pointermove', onPointerMove, { passive: true })",
                               "({ passive: true }, document, 'pointermove', onPointerMove)")
                      .replace("(window, 'keydown', (e) => player.onKey(e), { passive: true })",
                               "({ passive: true }, window, 'keydown', (e) => player.onKey(e))"))
    assert "({ passive: true }, window," in player.read_text() and "({ passive, capture }, target" in dom.read_text()
    found = [(f["rule"], f["path"], f["line"]) for f in _findings(project)]
    assert found == [("LL002", "player.js", 12)]
    assert "`window`" in _findings(project)[0]["message"]


def test_a_helper_that_returns_a_disposer_is_no_forwarder(tmp_path):
    # excalidraw's `addEventListener(target, type, fn)` returns `() => target.removeEventListener(…)`:
    # its callers keep that disposer, so its calls are left to the disposer rules, not read as bare registrations
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "dom-forwarder", project)
    dom = project / "utils" / "dom.js"
    dom.write_text(dom.read_text().replace(
        "    target.addEventListener(type, handler, optionsOrCapture);\n",
        "    target.addEventListener(type, handler, optionsOrCapture);\n"
        "    return () => target.removeEventListener(type, handler, optionsOrCapture);\n",
    ))
    assert "return () =>" in dom.read_text()
    assert _findings(project) == []


def test_without_the_helper_module_the_call_is_no_registration_on_the_module():
    # alone, `dom.addEventListener(window, 'keydown', …)` is a helper taking the target first
    assert [f for f in _findings("dom-forwarder", "player.js") if "`dom`" in f["message"]] == []


def test_a_method_called_only_on_a_field_just_set_to_a_new_instance_does_not_overwrite():
    assert _findings("fresh-field-instance") == []


def test_another_call_on_the_field_keeps_the_overwrite(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "fresh-field-instance", project)
    app = project / "app.ts"
    app.write_text(app.read_text().replace(
        "    }\n}\n", "    }\n\n    restart() {\n        this.sseStreamer?.startHeartbeat()\n    }\n}\n"
    ))
    assert "restart()" in app.read_text()
    found = [(f["rule"], f["path"], f["line"]) for f in _findings(project)]
    assert found == [("LL004", "utils/streamer.ts", 7)]


# -- LL002: a literal that cannot be a listener -------------------------------------------------

LITERAL_VALID = [
    Valid(
        """
        import scrollHelper from './scrollHelper';
        export function onShow(dlg) {
          scrollHelper.centerFocus.on(dlg.querySelector('.content'), false);
        }
        """,
        "`centerFocus.on(element, false)`: a flag, not a listener",
    ),
    Valid(
        """
        import helper from './helper';
        export function onConnection(socket) {
          helper.on(socket, 0);
        }
        """,
        "a number is no listener either",
    ),
]

LITERAL_INVALID = [
    Invalid(
        """
        import bus from './bus';
        export function onConnection(socket) {
          bus.on(socket.id, () => socket.send('x'));
        }
        """,
        ((3, 3),),
        "a closure in the listener's place is still a registration",
    ),
]


@pytest.mark.parametrize("case", LITERAL_VALID, ids=ids(LITERAL_VALID))
def test_a_boolean_or_number_in_the_listener_place_is_no_registration(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", LITERAL_INVALID, ids=ids(LITERAL_INVALID))
def test_a_function_in_the_listener_place_is_a_registration(case):
    check_invalid(case, "LL002")


# -- LL002: removals that name the added function another way ----------------------------------

_SHORTCUTS = """
function onKeyDown(e) { this.options.onKey(e); }
class Shortcuts {
  constructor(options) {
    this.options = options;
    const keyDownHandler = onKeyDown.bind(this);
    window.addEventListener('keydown', keyDownHandler, { passive: true });
    this.keyDownHandler = keyDownHandler;
  }
  destroy() {
    const keyDownHandler = this.{field};
    if (keyDownHandler) {
      window.removeEventListener('keydown', keyDownHandler, { passive: true });
      this.keyDownHandler = null;
    }
  }
}
export default Shortcuts;
"""

_RESIZER = """
import { useRef, useCallback } from "react";
export const Resizer = ({ onResize }) => {
  const widthRef = useRef(0);
  const handleMouseMove = useRef((e) => { widthRef.current = e.clientX; }).current;
  const handleMouseUp = useRef(() => {
    {removal}
    document.removeEventListener("mouseup", handleMouseUp);
    onResize(widthRef.current);
  }).current;
  const start = useCallback(() => {
    document.addEventListener("mousemove", handleMouseMove);
    document.addEventListener("mouseup", handleMouseUp);
  }, [handleMouseMove, handleMouseUp]);
  return <div onMouseDown={start} />;
};
"""

REMOVAL_VALID = [
    Valid(_SHORTCUTS.replace("{field}", "keyDownHandler"), "the removal reads the field the added function was kept in"),
    Valid(
        _RESIZER.replace("{removal}", 'document.removeEventListener("mousemove", handleMouseMove);'),
        "`const h = useRef(fn).current` is removed under the same local name",
        lang="tsx",
    ),
]

REMOVAL_INVALID = [
    Invalid(
        _SHORTCUTS.replace("{field}", "otherHandler"),
        ((6, 5),),
        "a removal of another field's function does not take this one back",
    ),
    Invalid(
        _RESIZER.replace("{removal}", ""),
        ((11, 5),),
        "no removal names the `useRef(fn).current` local: still reported",
        lang="tsx",
    ),
]


@pytest.mark.parametrize("case", REMOVAL_VALID, ids=ids(REMOVAL_VALID))
def test_a_removal_naming_the_kept_or_aliased_function_matches(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", REMOVAL_INVALID, ids=ids(REMOVAL_INVALID))
def test_a_removal_of_another_function_does_not_match(case):
    check_invalid(case, "LL002")


# -- lifetime: an element found under an element made on this call -----------------------------

_SYNC = """
let field;
function init(instance) {
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  parent.innerHTML = '<input class="field">';
  field = {source}.querySelector('.field');
  field.addEventListener('click', () => instance.toggle());
}
export class SubtitleSync { constructor() { init(this); } }
"""

_TABS = """
let tabsElem;
const tabsContainerElem = document.querySelector('.tabs');
export function setTabs(view, html, onTabChange) {
  if (view) {
    {replace}
    tabsElem = tabsContainerElem.querySelector('[is="emby-tabs"]');
    tabsElem.addEventListener('tabchange', (e) => onTabChange(e, view));
  }
}
"""

NEW_ELEMENT_VALID = [
    Valid(_SYNC.replace("{source}", "parent"), "the field is part of the tree `init()` has just made"),
    Valid(_TABS.replace("{replace}", "tabsContainerElem.innerHTML = html;"), "the container's subtree was just replaced"),
]

NEW_ELEMENT_INVALID = [
    Invalid(_SYNC.replace("{source}", "document"), ((7, 3),), "an element found in the page is the page's"),
    Invalid(_TABS.replace("{replace}", "tabsContainerElem.title = html;"), ((7, 5),), "no new subtree: the same element"),
]


@pytest.mark.parametrize("case", NEW_ELEMENT_VALID, ids=ids(NEW_ELEMENT_VALID))
def test_an_element_found_under_a_new_element_is_new(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", NEW_ELEMENT_INVALID, ids=ids(NEW_ELEMENT_INVALID))
def test_an_element_found_in_the_page_stays_long_lived(case):
    check_invalid(case, "LL002")


# -- discovery: one long line with no newline in the sample --------------------------------------


def test_a_bundle_without_a_newline_in_its_sample_is_generated(tmp_path):
    bundle = tmp_path / "main-a19d41ac.js"
    bundle.write_text("(self.webpackChunk=self.webpackChunk||[]).push([[1],{" + "a:function(e){e()}," * 5000 + "}]);")
    assert is_generated(str(bundle))


def test_source_with_short_lines_is_not_generated(tmp_path):
    source = tmp_path / "server.js"
    source.write_text("const cache = new Map();\n" * 5000)
    assert not is_generated(str(source))


# -- no internal error: a literal prototype's method called from the constructor -----------------

PROTOTYPE_VALID = [
    Valid(
        """
        function Vim() { this.reset(); this.marks = {}; }
        Vim.prototype = {
          reset: function () { this.marks = {}; },
          mark: function (k, v) { this.marks[k] = v; },
        };
        module.exports = new Vim();
        """,
        "`F.prototype = { reset: function … }` called from the constructor is read without an error",
    ),
]


@pytest.mark.parametrize("case", PROTOTYPE_VALID, ids=ids(PROTOTYPE_VALID))
def test_a_literal_prototype_method_called_from_the_constructor(case):
    check_valid(case, "LL001")
