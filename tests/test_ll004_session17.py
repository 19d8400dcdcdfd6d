"""LL004, session 17: a self-clearing interval kept on an object whose teardown member does not clear it."""

import pytest

from leaklint.model.self_clearing import is_teardown_name
from tests.ruletest import run

RULE = "LL004"


def _teardown_gaps(findings):
    """The findings of the teardown gap (not those of other LL004 checks)."""
    return [f for f in findings if "is cleared only from its own callback" in f.message and "does not clear it" in f.message]

# An object-literal plugin API (the jQuery player shape): the start check clears itself once playing.
_PLUGIN = """
(function ($) {
  $.player = {
    onPlayerReady: function (p) {
      p.check = setInterval(function () {
        %CALLBACK%
      }, 500);
    },
    %TEARDOWN%
  };
})(jQuery);
"""
_SELF_CLEAR = "if (p.player.getCurrentTime() >= p.startAt) { clearInterval(p.check); p.player.pause(); }"


@pytest.mark.parametrize(
    "callback, teardown, reported",
    [
        # the teardown ends the object, not its timer: destroyed before the condition, the timer runs for ever
        (_SELF_CLEAR, "playerDestroy: function () { var p = this.get(0); p.wrapper.remove(); }", True),
        (_SELF_CLEAR, "destroy: function () { this.get(0).wrapper.remove(); }", True),
        (_SELF_CLEAR, "destroyPlayer() { this.get(0).wrapper.remove(); }", True),
        (_SELF_CLEAR, "close: function () { this.get(0).wrapper.remove(); }", True),
        # the teardown clears it (the fix), directly or through a helper of the same object
        (_SELF_CLEAR, "playerDestroy: function () { var p = this.get(0); clearInterval(p.check); }", False),
        (
            _SELF_CLEAR,
            "stopCheck: function (p) { clearInterval(p.check); }, destroy: function () { $.player.stopCheck(this.get(0)); }",
            False,
        ),
        # the teardown sets a flag the callback's condition reads: the callback then clears it
        (
            "if (p.destroyed || p.player.getCurrentTime() >= p.startAt) { clearInterval(p.check); }",
            "destroy: function () { var p = this.get(0); p.destroyed = true; }",
            False,
        ),
        # a condition the callback drives itself ends for sure, teardown or not
        ("if (++p.ticks > 20) { clearInterval(p.check); }", "destroy: function () { this.get(0).wrapper.remove(); }", False),
        # no teardown member: nothing is torn down before the condition
        (_SELF_CLEAR, "update: function () { this.get(0).wrapper.show(); }", False),
        (_SELF_CLEAR, "stopPropagationHelper: 1", False),
    ],
)
def test_a_self_clearing_interval_of_an_object_literal_with_a_teardown(callback, teardown, reported):
    code = _PLUGIN.replace("%CALLBACK%", callback).replace("%TEARDOWN%", teardown)
    findings = _teardown_gaps(run(code, RULE))
    assert bool(findings) is reported, [f.message for f in findings]


_CLASS = """
class Poller {
  constructor(el) {
    this.el = el;
    %STORE%
  }
  %TEARDOWN%
}
module.exports = Poller;
"""


@pytest.mark.parametrize(
    "store, teardown, reported",
    [
        (
            "this.timer = setInterval(() => { if (this.el.ready) { clearInterval(this.timer); this.el.show(); } }, 100);",
            "dispose() { this.el.remove(); }",
            True,
        ),
        (
            "this.timer = setInterval(() => { if (this.el.ready) { clearInterval(this.timer); } }, 100);",
            "dispose() { clearInterval(this.timer); this.el.remove(); }",
            False,
        ),
        (
            "this.timer = setInterval(() => { if (this.el.ready || this.disposed) { clearInterval(this.timer); } }, 100);",
            "dispose() { this.disposed = true; }",
            False,
        ),
        # a local handle is no state of the object: left to the other LL004 checks (self-cleared: accepted)
        (
            "const timer = setInterval(() => { if (this.el.ready) { clearInterval(timer); } }, 100);",
            "dispose() { this.el.remove(); }",
            False,
        ),
        # an unconditional clear in the callback: it runs once and ends
        (
            "this.timer = setInterval(() => { clearInterval(this.timer); this.el.show(); }, 100);",
            "dispose() { this.el.remove(); }",
            False,
        ),
    ],
)
def test_a_self_clearing_interval_of_a_class_with_a_teardown(store, teardown, reported):
    code = _CLASS.replace("%STORE%", store).replace("%TEARDOWN%", teardown)
    findings = _teardown_gaps(run(code, RULE))
    assert bool(findings) is reported, [f.message for f in findings]


_ES5 = """
function Widget(el) {
  var self = this;
  this.el = el;
  this.poll = setInterval(function () {
    if (self.el.complete) { clearInterval(self.poll); self.render(); }
  }, 50);
}
Widget.prototype.render = function () {};
Widget.prototype.%NAME% = function () { %BODY% };
module.exports = Widget;
"""


@pytest.mark.parametrize(
    "name, body, reported",
    [
        ("destroy", "this.el.remove();", True),
        ("teardown", "this.el.remove(); this.rendered = false;", True),
        ("destroy", "clearInterval(this.poll); this.el.remove();", False),
        ("refresh", "this.el.remove();", False),
    ],
)
def test_a_self_clearing_interval_of_an_es5_prototype_with_a_teardown(name, body, reported):
    findings = _teardown_gaps(run(_ES5.replace("%NAME%", name).replace("%BODY%", body), RULE))
    assert bool(findings) is reported, [f.message for f in findings]


@pytest.mark.parametrize(
    "name, teardown",
    [
        ("destroy", True),
        ("playerDestroy", True),
        ("_onClose", True),
        ("tearDown", True),
        ("disposeAll", True),
        ("componentWillUnmount", True),
        ("stop", True),
        ("update", False),
        ("closest", False),
        ("stopwatchLabel", False),
        ("destroyed", False),
        ("", False),
    ],
)
def test_teardown_names(name, teardown):
    assert is_teardown_name(name) is teardown


@pytest.mark.parametrize(
    "code, reported",
    [
        # an ES5 constructor runs once per `new`: `this.poll` is the new instance's slot
        ("function W() { this.poll = setInterval(f, 9); }\nW.prototype.stop = function () { clearInterval(this.poll); };", False),
        # a prototype method may run again on one instance: storing over the slot still orphans the timer
        ("function W() {}\nW.prototype.start = function () { this.poll = setInterval(f, 9); };\n"
         "W.prototype.stop = function () { clearInterval(this.poll); };", True),
    ],
)
def test_an_es5_constructor_overwrites_no_handle(code, reported):
    findings = [f for f in run(code + "\nmodule.exports = W;", RULE) if "overwrites" in f.message]
    assert bool(findings) is reported, [f.message for f in findings]
