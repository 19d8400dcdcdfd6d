"""Model facts for the last false findings at high confidence on real code (docs/real-code.md), both signs.

- LL004: a timer started only when a count grows from none to one
  (`listeners.add(fn); if (listeners.size === 1) t = setInterval(…)`, `if (++count === 1)`)
  and cleared behind a test that the same count is empty again
  (`listeners.delete(fn); if (listeners.size === 0) clearInterval(t)`) never overwrites a
  live handle: a reference-counted timer;
- project link (LL002): a project's own listener store, an `on(obj, type, fn)` that keeps
  `fn` in a collection named by its other parameters (`callbacksOf(obj, type).push(fn)`)
  beside an `off(obj, type, fn)` that takes it out of the same collection, is read at its
  calls in other files as `obj.on(type, fn)` (the listeners are kept with the object), and
  its `off` as the matching removal (jellyfin-web's `utils/events.ts`); a store keyed by the
  event alone (`handlers[type]`, shrunk by `handlers[type] = handlers[type].filter(…)`) keeps
  them itself and stays the receiver;
- LL002: the value half of an `Object.entries(P)` entry (`([event, handler]) => …`, or
  `for (const [event, handler] of Object.entries(P))`) names the same functions in every
  loop over the same `P`: a removal loop takes back what a registration loop added;
- LL001: a pending entry settled in a function whose every call sits in a caller that then
  removes the entry (`if (ok) handle(arg); …; delete map[arg.id]`) is removed on completion.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids
from tests.test_project_link import run_json

PROJECTS = Path(__file__).parent / "projects"


def _found(project: str | Path) -> list[tuple[str, int, str]]:
    return sorted((f["path"], f["line"], f["rule"]) for f in run_json(".", cwd=PROJECTS / project)["findings"])

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


# -- project link: a listener store of the project's own -----------------------------------------

# the host's 'error' closure, added on every player change, stays; the host's 'resume' listener
# taken off with `Events.off` is not reported, nor the handlers kept by the (short-lived) players
_STAYS = [("subscriber.ts", 33, "LL002")]
_RESUME = ("subscriber.ts", 31, "LL002")


def _variant(tmp_path: Path, path: str, old: str, new: str) -> Path:
    project = tmp_path / "p"
    shutil.copytree(PROJECTS / "keyed-listener-store", project)
    changed = project / path
    text = changed.read_text()
    assert old in text
    changed.write_text(text.replace(old, new))
    return project


def test_a_removal_through_the_stores_own_off_matches():
    assert _found("keyed-listener-store") == _STAYS


def test_without_the_off_the_listener_kept_by_the_object_is_reported(tmp_path):
    project = _variant(tmp_path, "subscriber.ts", "Events.off(appHost, 'resume', this.onResume);", "")
    assert _found(project) == [_RESUME, *_STAYS]


def test_an_off_that_shrinks_another_collection_is_no_store(tmp_path):
    # no store then, and the calls read as before: `Events.on(obj, 'error', fn)` is a helper taking a
    # string second, and the loop's `Events.on(this.player, event, handler)` a listener on `Events`
    project = _variant(tmp_path, "utils/events.ts", "callbacks.splice(i, 1);", "pending.splice(i, 1);")
    assert _found(project) == [("subscriber.ts", 28, "LL002")]


def test_an_off_given_another_function_does_not_match(tmp_path):
    project = _variant(tmp_path, "subscriber.ts", "Events.off(appHost, 'resume', this.onResume);",
                       "Events.off(appHost, 'resume', this.onPause);")
    assert _found(project) == [_RESUME, *_STAYS]


def test_an_off_for_another_object_does_not_match(tmp_path):
    project = _variant(tmp_path, "subscriber.ts", "Events.off(appHost, 'resume', this.onResume);",
                       "Events.off(this.manager, 'resume', this.onResume);")
    assert _found(project) == [_RESUME, *_STAYS]


# -- LL002: the values of one object's entries --------------------------------------------------

_ENTRIES = """
import { EventEmitter } from "events";
const bus = new EventEmitter();
export class Widget {
  constructor() {
    this.handlers = { open: () => this.show(), close: () => this.hide() };
    this.others = { open: () => this.show() };
  }
  attach() {
    {add}
  }
  detach() {
    {remove}
  }
  show() {}
  hide() {}
}
"""

_FOR_EACH_ADD = "Object.entries(this.handlers).forEach(([event, handler]) => { bus.on(event, handler); });"
_FOR_EACH_REMOVE = "Object.entries(this.handlers).forEach(([event, handler]) => { bus.off(event, handler); });"
_FOR_OF_REMOVE = "for (const [event, handler] of Object.entries(this.handlers)) bus.off(event, handler);"


def _entries(add: str, remove: str) -> str:
    return _ENTRIES.replace("{add}", add).replace("{remove}", remove)


ENTRIES_VALID = [
    Valid(_entries(_FOR_EACH_ADD, _FOR_EACH_REMOVE), "the same object's entries added in one loop, removed in another"),
    Valid(_entries(_FOR_EACH_ADD, _FOR_OF_REMOVE), "a `for … of` over the same entries removes them too"),
]

ENTRIES_INVALID = [
    Invalid(
        _entries(_FOR_EACH_ADD, _FOR_EACH_REMOVE.replace("this.handlers", "this.others")),
        ((9, 67),),
        "a removal loop over another object's entries takes back other functions",
    ),
    Invalid(
        _entries(_FOR_EACH_ADD, "Object.entries(this.handlers).forEach(([event, handler]) => { bus.off(event, () => handler()); });"),
        ((9, 67),),
        "a new function in the removal matches nothing",
    ),
]


@pytest.mark.parametrize("case", ENTRIES_VALID, ids=ids(ENTRIES_VALID))
def test_a_removal_loop_over_the_same_entries_matches(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", ENTRIES_INVALID, ids=ids(ENTRIES_INVALID))
def test_a_removal_loop_over_other_entries_does_not_match(case):
    check_invalid(case, "LL002")


# -- LL001: the caller of the completing function removes the entry -----------------------------

_PENDING = """
import { ipcRenderer as ipc } from "electron";
let idCounter = 1;
const idToRequest = {};
export async function call(url) {
  const requestId = idCounter++;
  return new Promise((resolve, reject) => {
    idToRequest[requestId] = { resolve, reject };
    ipc.send("server-request", { requestId, url });
  });
}
function handleSuccess(arg) {
  idToRequest[arg.requestId].resolve(arg.body);
}
ipc.on("server-response", (event, arg) => {
  if (arg.statusCode < 300) {
    handleSuccess(arg);
  } else {
    idToRequest[arg.requestId].reject(new Error("failed"));
    {in_else}
  }
  {after}
});
{elsewhere}
"""


def _pending(in_else="", after="delete idToRequest[arg.requestId];", elsewhere=""):
    return _PENDING.replace("{in_else}", in_else).replace("{after}", after).replace("{elsewhere}", elsewhere)


PENDING_VALID = [
    Valid(_pending(), "the only caller of the settling function deletes the entry after it"),
]

PENDING_INVALID = [
    Invalid(
        _pending(in_else="delete idToRequest[arg.requestId];", after=""),
        ((3, 7),),
        "deleted on the error arm only: a success leaves the entry",
    ),
    Invalid(
        _pending(elsewhere='ipc.on("late-response", (event, arg) => handleSuccess(arg));'),
        ((3, 7),),
        "the settling function is also called where nothing deletes",
    ),
    Invalid(
        _pending(elsewhere='ipc.on("late-response", handleSuccess);'),
        ((3, 7),),
        "the settling function is also handed on: its other callers are unseen",
    ),
]


PENDING_INVALID.append(
    Invalid(
        """
        let requestCount = 0;
        const queue = {};
        export function lookup(point, callback) {
          const id = requestCount++;
          queue[id] = { point, callback };
          worker.send({ id, point });
        }
        function handleResults(msg) {
          if (msg.results.length) {
            queue[msg.id].callback(null, msg.results);
            delete queue[msg.id];
          } else {
            queue[msg.id].callback(null, []);
          }
        }
        worker.on("message", (msg) => handleResults(msg));
        """,
        ((2, 7),),
        "the caller only reaches the removal through the settling function, on its hit arm: a miss keeps the entry",
    )
)


@pytest.mark.parametrize("case", PENDING_VALID, ids=ids(PENDING_VALID))
def test_a_pending_entry_removed_by_every_caller_of_its_settling_function(case):
    check_valid(case, "LL001")


@pytest.mark.parametrize("case", PENDING_INVALID, ids=ids(PENDING_INVALID))
def test_a_caller_that_does_not_always_remove_leaves_the_entry(case):
    check_invalid(case, "LL001")


# -- project link: a store keyed by the event alone stays the receiver ---------------------------

_BUS = """\
const handlers = {};
export function on(target, type, fn) {
    if (!handlers[type]) handlers[type] = [];
    handlers[type].push(fn);
}
export function off(target, type, fn) {
    {removal}
}
"""

_VIEW = """\
import * as bus from './bus';
function onKey() {}
export function init(view) {
    view.addEventListener('viewshow', () => {
        bus.on(window, 'key', onKey);
        bus.on(window, 'resize', () => view.refresh());
    });
    view.addEventListener('viewhide', () => {
        bus.off(window, 'key', onKey);
    });
}
"""


def _bus_project(tmp_path: Path, removal: str) -> list[tuple[str, int, str]]:
    (tmp_path / "bus.js").write_text(_BUS.replace("{removal}", removal))
    (tmp_path / "view.js").write_text(_VIEW)
    findings = run_json(".", cwd=tmp_path)["findings"]
    return sorted((f["path"], f["line"], f["rule"], "`bus`" in f["message"]) for f in findings if f["rule"] == "LL002")


def test_a_store_keyed_by_the_event_keeps_its_listeners_itself(tmp_path):
    # the closure added on every 'viewshow' is kept by the module's store; `onKey` is taken back
    found = _bus_project(tmp_path, "handlers[type] = handlers[type].filter((h) => h !== fn);")
    assert found == [("view.js", 6, "LL002", True)]


def test_a_filtered_copy_that_replaces_nothing_makes_no_store(tmp_path):
    # `handlers[type].filter(…)` alone removes nothing: no store, and the calls read as helpers taking a string second
    assert _bus_project(tmp_path, "handlers[type].filter((h) => h !== fn);") == []
