"""LL002: jQuery wrappers of the page's long-lived objects, jQuery's event namespaces, and forwarding helpers.

Facts (leaklint/model/jquery.py), with cases of both signs: `.on()` on `$(window)`, `$(document)`,
`$('body')` or `$(document.body)` adds to an object the page keeps (not `$('#id')`); `.off()` with the same
function, the same event, the event's namespace (`.off('.dialog')`) or no argument at all removes it.
A call of a same-file helper whose whole body forwards its parameters (`function on(ev, el, fn) {
el.addEventListener(ev, fn) }`) is the registration (or removal) it forwards to, for LL002 and for frequency.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL002"

INVALID = [
    Invalid(
        """
        $('.open').on('click', function () {
          $('body').on('mousemove', { dialog: this }, function (event) { move(event); });
        });
        """,
        at=((2, 3),),
        why="a mousemove handler on the page's body per click (bootstrap3-dialog)",
        message_contains="a jQuery wrapper of the page's `<body>`",
    ),
    Invalid(
        """
        (function ($) {
          $.fn.sticky = function () {
            return this.each(function () {
              $(window).on('scroll', function () { update(); });
            });
          };
          $('.open').on('click', function () { $(document).on('keyup', close); });
        })(jQuery);
        function close() {}
        """,
        at=((7, 40),),
        why="$ as the plugin wrapper's parameter: a keyup handler on the document per click",
    ),
    Invalid(
        """
        $('.open').on('click', function () {
          $(window).on('resize.dialog', layout);
        });
        $('.close').on('click', function () { $(window).off('.other'); });
        function layout() {}
        """,
        at=((2, 3),),
        why="another namespace's removal does not take it out",
    ),
]

VALID = [
    Valid(
        """
        $('.open').on('click', function () {
          $(window).on('resize.dialog', function () { layout(); });
          $(document).on('keyup.dialog', onKey);
          $('body').on('mousemove.dlg', move);
        });
        $('.close').on('click', function () {
          $(window).off('.dialog');
          $(document).off('keyup');
          $("body").off('mousemove.dlg');
        });
        function onKey() {}
        function move() {}
        """,
        why="removed by namespace, by event, and by event.namespace",
    ),
    Valid(
        """
        $('.open').on('click', function () {
          $(this).on('mousemove', move);
          $('.item').on('hover', move);
        });
        function move() {}
        """,
        why="the clicked element and a class selector's matches are not the page's fixed objects",
    ),
    Valid(
        """
        import $ from 'jquery';
        $(window).on('resize', layout);
        $(document).on('ready', start);
        function layout() {}
        function start() {}
        """,
        why="added once at module level",
    ),
    Valid(
        """
        function $(selector) { return document.querySelectorAll(selector); }
        $('.open').forEach((el) => el.addEventListener('click', () => $(window).on('resize', layout)));
        function layout() {}
        """,
        why="a local function named $ is not jQuery",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


# -- one-line forwarding helpers: `function on(ev, el, fn) { el.addEventListener(ev, fn) }` ----------------

HELPERS = """
function on(ev, el, fn) {
  el.addEventListener(ev, fn);
}
function off(ev, el, fn) {
  el.removeEventListener(ev, fn);
}
const doc = document;
on('mousedown', doc.querySelector('.grip'), (e) => {
  BODY
});
"""


@pytest.mark.parametrize(
    ("body", "reported"),
    [
        ("on('mouseup', doc, () => done());", True),  # one more mouseup listener per mousedown (uPlot)
        ("const up = () => { off('mouseup', doc, up); done(); };\n  on('mouseup', doc, up);", False),
        ("doc.addEventListener('mouseup', () => done(), { once: true });", False),
    ],
)
def test_listeners_added_through_a_forwarding_helper(body, reported):
    code = HELPERS.replace("BODY", body)
    if reported:
        check_invalid(Invalid(code, at=((9, 3),), why=body), "LL002")
    else:
        check_valid(Valid(code, why=body), "LL002")


def test_a_helper_that_does_more_than_forward_is_not_one():
    # Not a forwarding helper (its call is not read as `doc.addEventListener`), but its `el` is long-lived
    # because every call in the file passes the module-level `doc` (tests/test_receiver_facts.py): the
    # listener is reported in the helper, where it is added, not at the call as a forwarded registration.
    check_invalid(
        Invalid(
            """
            function on(ev, el, fn) {
              log(ev);
              el.addEventListener(ev, fn);
            }
            const doc = document;
            doc.querySelector('.grip').addEventListener('mousedown', () => { on('mouseup', doc, () => done()); });
            """,
            at=((3, 3),),
            why="a helper with more than the one forwarding call: reported inside it, through its parameter",
        ),
        "LL002",
    )
    check_valid(
        Valid(
            """
            function on(ev, el, fn) {
              log(ev);
              el.addEventListener(ev, fn);
            }
            doc.querySelector('.grip').addEventListener('mousedown', (e) => { on('mouseup', e.target, () => done()); });
            """,
            why="a helper with more than the one forwarding call, given a per-event target: its parameter stays unknown",
        ),
        "LL002",
    )
