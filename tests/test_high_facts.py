"""Model facts for the last false findings at high confidence on real code (docs/real-code.md), both signs.

- LL004: a timer started only when a count grows from none to one
  (`listeners.add(fn); if (listeners.size === 1) t = setInterval(…)`, `if (++count === 1)`)
  and cleared behind a test that the same count is empty again
  (`listeners.delete(fn); if (listeners.size === 0) clearInterval(t)`) never overwrites a
  live handle: a reference-counted timer.
"""

from __future__ import annotations

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

# -- LL004: a reference-counted timer -----------------------------------------------------------

_TIME_AGO = """
import { useSyncExternalStore } from "react";
let tick = 0;
let intervalId = null;
const listeners = new Set();
const others = new Set();
function subscribe(callback) {
  {grow}
  if ({first}) {
    intervalId = setInterval(() => {
      tick++;
      listeners.forEach((cb) => cb());
    }, 60_000);
  }
  return () => {
    {shrink}
    if ({empty}) {
      clearInterval(intervalId);
      intervalId = null;
    }
  };
}
export function reset() {
  {reset}
}
export function useTick() {
  return useSyncExternalStore(subscribe, () => tick);
}
"""


def _time_ago(grow="listeners.add(callback);", first="listeners.size === 1", shrink="listeners.delete(callback);",
              empty="listeners.size === 0 && intervalId", reset=""):
    return (_TIME_AGO.replace("{grow}", grow).replace("{first}", first).replace("{shrink}", shrink)
            .replace("{empty}", empty).replace("{reset}", reset))


COUNTED_VALID = [
    Valid(_time_ago(), "started when the set grows to one, cleared when it is empty again", lang="tsx"),
    Valid(_time_ago(empty="!listeners.size"), "`!set.size` is the same emptiness test", lang="tsx"),
    Valid(
        _time_ago(grow="", first="++subscribers === 1", shrink="", empty="--subscribers === 0")
        .replace("let tick = 0;", "let tick = 0;\nlet subscribers = 0;"),
        "a number counted up to one and down to none",
        lang="tsx",
    ),
]

COUNTED_INVALID = [
    Invalid(_time_ago(shrink=""), ((9, 18),), "the set never shrinks: the empty test proves nothing", lang="tsx"),
    Invalid(
        _time_ago(empty="others.size === 0"), ((9, 18),), "cleared when another set is empty, not this one", lang="tsx"
    ),
    Invalid(
        _time_ago(empty="listeners.size > 5", reset="clearInterval(intervalId);"),
        ((9, 18),),
        "cleared only past five and by reset(): the count falls to none with the timer live, the next start overwrites",
        lang="tsx",
    ),
    Invalid(
        _time_ago(grow="", first="listeners.size === 1"), ((9, 18),), "nothing grows the set before the test", lang="tsx"
    ),
]


@pytest.mark.parametrize("case", COUNTED_VALID, ids=ids(COUNTED_VALID))
def test_a_timer_started_at_a_count_of_one_and_cleared_at_none_is_never_overwritten(case):
    check_valid(case, "LL004")


@pytest.mark.parametrize("case", COUNTED_INVALID, ids=ids(COUNTED_INVALID))
def test_a_count_started_timer_without_the_matching_clear_is_still_an_overwrite(case):
    check_invalid(case, "LL004")
