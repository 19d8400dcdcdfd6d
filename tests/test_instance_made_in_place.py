"""Lifetime: `new class { … }` at module level is the one instance of that class (etherpad's `padeditbar`).

Its methods run as often as their callers elsewhere decide, like a singleton's; the same class made in a
function is one instance per call, and its methods keep the class-method default.
"""

from tests.ruletest import Invalid, Valid, check_invalid, check_valid


def test_a_class_made_once_where_it_is_defined_is_a_singleton():
    check_valid(
        Valid(
            """
            exports.toolbar = new class {
              init() { window.addEventListener('resize', () => this.layout()); }
              layout() {}
            }();
            """,
            why="one instance, made at module level: init() runs as its callers decide",
        ),
        "LL002",
    )


def test_the_same_class_made_per_call_is_not():
    check_invalid(
        Invalid(
            """
            module.exports = function make() {
              return new class {
                init() { window.addEventListener('resize', () => this.layout()); }
                layout() {}
              }();
            };
            """,
            at=((3, 14),),
            why="a class made per call: one instance, and one listener, per call",
        ),
        "LL002",
    )
