"""Model facts from the fourth round of real applications (docs/real-code.md), each with cases of both signs.

- key provenance (LL001): a parameter of a module-private function is a bounded key
  when every call of the function passes a fixed value (a literal, a
  constant, an enum member such as `Region.PRIMARY`), in the file alone and
  when the function is reached from a route in another file;
- lifetime (LL002): `this.$root` in a Vue options-API component is the app's
  root instance, long-lived; Vue 2's `$off(event, fn)`, `$off(event)` and
  `$off()` remove listeners;
- LL002: an `addEventListener()` whose result is kept and later `.remove()`d
  (React Native's `AppState`, `Dimensions`) returns a subscription, a disposer;
- LL002: a 'DOMContentLoaded'/'load' listener on the page's document or window
  added only in a branch that `document.readyState` says runs before the page
  is ready is added during one load only;
- LL001: a Map, Set, array or object kept as a member of a module-level
  object literal (`const registry = { items: [] }`, `module.exports = { … }`)
  lives as long as the module; it is named `registry.items` outside the
  object and `this.items` in the object's own methods;
- frequency: an `on*` function that hands its own parameter to a listener
  registration (`onChange(listener) { bus.on('change', listener) }`) is an
  event API whose callers decide how often it runs, not a handler;
- LL008: `fetch('/api/…')` with a root-relative URL runs in a browser (Node's
  fetch rejects relative URLs), which releases an unread body.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main
from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

PROJECTS = Path(__file__).parent / "projects"

_CLIENTS = """
const clients = {};
const clientFor = (region) => {
  if (!clients[region]) clients[region] = makeClient(region);
  return clients[region];
};
"""

FIXED_KEY_VALID = [
    Valid(
        _CLIENTS + "export async function handle(req) { await clientFor(Region.PRIMARY).send(req.body); await clientFor(Region.FALLBACK).send(req.body); }",
        "every call passes an enum member",
    ),
    Valid(
        _CLIENTS + "export async function handle(req) { await clientFor('eu').send(req.body); await clientFor().send(req.body); }",
        "every call passes a literal or leaves the argument out",
    ),
    Valid(
        _CLIENTS.replace("(region) =>", "region =>") + "export async function handle(req) { await clientFor('eu').send(req.body); }",
        "an arrow function's one unparenthesised parameter",
    ),
    Valid(
        "const EU = 'eu';\n" + _CLIENTS + "export async function handle(req) { await clientFor(EU).send(req.body); }",
        "every call passes a module constant",
    ),
    Valid(
        """
        const clients: Record<string, Client> = {};
        function clientFor(region: string = 'eu') {
          if (!clients[region]) clients[region] = makeClient(region);
          return clients[region];
        }
        export async function handle(req) { await clientFor().send(req.body); }
        """,
        "the only call leaves out a parameter whose default is a literal",
        "ts",
    ),
]

FIXED_KEY_INVALID = [
    Invalid(
        _CLIENTS + "export async function handle(req) { await clientFor(Region.PRIMARY).send(req.body); await clientFor(req.query.region).send(req.body); }",
        ((1, 7),),
        "one call passes request data",
    ),
    Invalid(
        _CLIENTS.replace("const clientFor", "export const clientFor") + "export async function handle(req) { await clientFor('eu').send(req.body); }",
        ((1, 7),),
        "the function is exported: other files may pass anything",
    ),
    Invalid(
        _CLIENTS + "export const api = { clientFor };\nexport async function handle(req) { await clientFor('eu').send(req.body); }",
        ((1, 7),),
        "the function escapes as a value: its callers are not all in sight",
    ),
    Invalid(
        _CLIENTS + "export async function handle(req) { await clientFor(Region.primary).send(req.body); await clientFor(...req.body.regions).send(req.body); }",
        ((1, 7),),
        "a spread argument may be anything",
    ),
    Invalid(
        """
        const throttle = {};
        const renew = async ({ config, token }) => {
          clearTimeout(throttle[token]);
          throttle[token] = setTimeout(() => config.touch(token), 1000);
        };
        export async function handle(req) { renew({ config: req.config, token: req.headers.token }); }
        """,
        ((1, 7),),
        "a key destructured from the one argument is not a positional argument left out",
    ),
    Invalid(
        _CLIENTS + "export async function handle(req) { await clientFor(req.user.Id).send(req.body); }",
        ((1, 7),),
        "a property that is not SCREAMING_CASE is not a named constant",
    ),
]


@pytest.mark.parametrize("case", FIXED_KEY_VALID, ids=ids(FIXED_KEY_VALID))
def test_key_parameter_fixed_at_every_call_is_bounded(case):
    check_valid(case, "LL001")


@pytest.mark.parametrize("case", FIXED_KEY_INVALID, ids=ids(FIXED_KEY_INVALID))
def test_key_parameter_with_an_open_call_stays_unbounded(case):
    check_invalid(case, "LL001")


def _project_findings(name: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(PROJECTS / name)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def test_private_client_cache_keyed_by_enum_members_is_quiet_across_files():
    # A route in another file reaches the cache, but the private getter is only ever called with two enum members.
    assert _project_findings("fixed-key-clients") == []


def test_private_client_cache_keyed_by_what_the_route_passes_is_reported_across_files():
    found = [(f["path"], f["line"], f["rule"]) for f in _project_findings("caller-key-clients")]
    assert found == [("billing/store.ts", 3, "LL001")]


# -- Vue 2: `this.$root` is the app's root instance; `$off` removes ------------------------------

VUE_ROOT_INVALID = [
    Invalid(
        """
        export default {
          data() { return { conflict: false } },
          mounted() {
            this.$root.$on('saveConflict', () => { this.conflict = true })
          },
        }
        """,
        ((4, 5),),
        "a component hook listens on the root instance and never removes",
        message_contains="`this.$root`",
    ),
    Invalid(
        """
        export default {
          data() { return { conflict: false } },
          mounted() {
            this.$root.$on('editorInsert', this.insert)
            this.$root.$on('saveConflict', () => { this.conflict = true })
          },
          beforeDestroy() {
            this.$root.$off('editorInsert')
          },
          methods: { insert() {} },
        }
        """,
        ((5, 5),),
        "the teardown removes one event's listeners, not the other's",
    ),
    Invalid(
        """
        import bus from './bus'
        export default {
          data() { return {} },
          mounted() { bus.$on('saveConflict', this.onConflict) },
          beforeDestroy() { bus.$off('saveConflict', this.other) },
          methods: { onConflict() {}, other() {} },
        }
        """,
        ((4, 15),),
        "`$off` of another function does not remove this one",
    ),
]

VUE_ROOT_VALID = [
    Valid(
        """
        export default {
          data() { return {} },
          mounted() { this.$root.$on('editorInsert', this.insert) },
          beforeDestroy() { this.$root.$off('editorInsert') },
          methods: { insert() {} },
        }
        """,
        "`$off(event)` removes every listener of the event",
    ),
    Valid(
        """
        import bus from './bus'
        export default {
          data() { return {} },
          mounted() { bus.$on('saveConflict', this.onConflict) },
          beforeDestroy() { bus.$off('saveConflict', this.onConflict) },
          methods: { onConflict() {} },
        }
        """,
        "`$off(event, fn)` removes the same method",
    ),
    Valid(
        """
        export default {
          data() { return {} },
          mounted() { this.$root.$on('editorInsert', this.insert) },
          destroyed() { this.$root.$off() },
          methods: { insert() {} },
        }
        """,
        "`$off()` removes every listener",
    ),
    Valid(
        """
        class Panel {
          attach() { this.$root.$on('resize', () => this.layout()) }
          layout() {}
        }
        """,
        "`$root` of a plain class is only a field, not a Vue root",
    ),
]


@pytest.mark.parametrize("case", VUE_ROOT_INVALID, ids=ids(VUE_ROOT_INVALID))
def test_vue_root_listener_without_matching_off_is_reported(case):
    check_invalid(case, "LL002")


@pytest.mark.parametrize("case", VUE_ROOT_VALID, ids=ids(VUE_ROOT_VALID))
def test_vue_root_listener_with_matching_off_is_quiet(case):
    check_valid(case, "LL002")


# -- LL002: an addEventListener() whose result the code removes is a subscription ----------------

_APP_STATE = """
import { useEffect } from 'react';
import { AppState } from 'react-native';
export function Status({ refetch }) {
  useEffect(() => {
    const subscription = AppState.addEventListener('change', (state) => {
      if (state === 'active') refetch();
    });
    CLEANUP
  }, [refetch]);
  return null;
}
"""

SUBSCRIPTION_VALID = [
    Valid(_APP_STATE.replace("CLEANUP", "return () => subscription.remove();"), "the cleanup removes the subscription", "tsx"),
    Valid(_APP_STATE.replace("CLEANUP", "return () => { subscription?.remove(); };"), "an optional-chained remove()", "tsx"),
    Valid(
        """
        import { Dimensions } from 'react-native';
        export default {
          data() { return {} },
          mounted() { this.sizeSub = Dimensions.addEventListener('change', this.layout) },
          beforeDestroy() { this.sizeSub.remove() },
          methods: { layout() {} },
        }
        """,
        "a subscription kept in a field and removed on teardown",
    ),
]

SUBSCRIPTION_INVALID = [
    Invalid(_APP_STATE.replace("CLEANUP", ""), ((5, 26),), "the subscription is never removed", "tsx"),
    Invalid(
        _APP_STATE.replace("CLEANUP", "const other = AppState.addEventListener('memoryWarning', refetch);\n    return () => other.remove();"),
        ((5, 26),),
        "another subscription is removed, not this one",
        "tsx",
    ),
    Invalid(
        """
        import { useEffect } from 'react';
        export function Size() {
          useEffect(() => {
            const result = window.addEventListener('resize', () => console.log(window.innerWidth));
            return () => console.log(result);
          }, []);
          return null;
        }
        """,
        ((4, 20),),
        "the DOM's addEventListener() returns undefined: keeping it removes nothing",
        "tsx",
    ),
]


@pytest.mark.parametrize("case", SUBSCRIPTION_VALID, ids=ids(SUBSCRIPTION_VALID))
def test_removed_subscription_from_add_event_listener_is_quiet(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", SUBSCRIPTION_INVALID, ids=ids(SUBSCRIPTION_INVALID))
def test_add_event_listener_result_not_removed_is_reported(case):
    check_invalid(case, "LL002")


# -- LL002: a page-lifecycle listener added only while the page is loading -----------------------

READY_VALID = [
    Valid(
        """
        export const boot = {
          onDOMReady(callback) {
            if (document.readyState === 'interactive' || document.readyState === 'complete') {
              callback()
            } else {
              document.addEventListener('DOMContentLoaded', callback)
            }
          },
        }
        """,
        "the listener is added in the branch taken only before the document is ready",
    ),
    Valid(
        """
        export default {
          data() { return {} },
          mounted() {
            if (document.readyState === 'complete') {
              this.$nextTick(() => this.scrollToHash())
            } else {
              window.addEventListener('load', () => {
                this.scrollToHash()
              })
            }
          },
          methods: { scrollToHash() {} },
        }
        """,
        "a 'load' listener added by a component only while the page loads",
    ),
    Valid(
        """
        export function handleReady(callback) {
          if (document.readyState !== 'loading') return callback();
          document.addEventListener('DOMContentLoaded', callback);
        }
        """,
        "after an early return taken once the document is ready",
    ),
]

READY_INVALID = [
    Invalid(
        """
        export const router = {
          onRoute(route) {
            document.addEventListener('DOMContentLoaded', () => route.render())
          },
        }
        """,
        ((3, 5),),
        "no readyState check: after the load the listener never fires and stays",
    ),
    Invalid(
        """
        export default {
          data() { return {} },
          mounted() {
            if (document.readyState === 'complete') {
              window.addEventListener('resize', () => this.layout())
            }
          },
          methods: { layout() {} },
        }
        """,
        ((5, 7),),
        "a 'resize' listener is not a page-lifecycle one, whatever the guard",
    ),
    Invalid(
        """
        export default {
          data() { return {} },
          mounted() {
            if (this.image.readyState !== 'complete') {
              window.addEventListener('load', () => this.scrollToHash())
            }
          },
          methods: { scrollToHash() {} },
        }
        """,
        ((5, 7),),
        "a readyState of something other than the document does not say the page is loading",
    ),
]


@pytest.mark.parametrize("case", READY_VALID, ids=ids(READY_VALID))
def test_page_lifecycle_listener_added_only_while_loading_is_quiet(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", READY_INVALID, ids=ids(READY_INVALID))
def test_page_lifecycle_listener_without_ready_state_guard_is_reported(case):
    check_invalid(case, "LL002")


# -- LL001: collections kept as members of a module-level object ---------------------------------

MEMBER_INVALID = [
    Invalid(
        """
        const registry = { items: [], byId: new Map() };
        export function handleMessage(msg) {
          registry.items.push(msg.body);
          registry.byId.set(msg.id, msg);
        }
        """,
        ((1, 27), (1, 37)),
        "members of a module-level const object grow per message",
        message_contains="of a module-level object",
    ),
    Invalid(
        """
        module.exports = {
          sessions: {},
          onConnection(socket) {
            this.sessions[socket.id] = socket;
          },
        };
        """,
        ((2, 13),),
        "`this.x` in a method of the exported object is its member",
    ),
    Invalid(
        """
        module.exports = {
          sessions: {},
          onConnection: function (socket) {
            socket.on('data', () => { this.sessions[socket.id] = socket; });
          },
        };
        """,
        ((2, 13),),
        "an arrow function inside the method sees the same `this`",
    ),
]

MEMBER_VALID = [
    Valid(
        """
        const registry = { items: [], byId: new Map() };
        export function handleMessage(msg) {
          registry.items.push(msg.body);
          if (registry.items.length > 100) registry.items.shift();
          registry.byId.set(msg.id, msg);
          setTimeout(() => registry.byId.delete(msg.id), 1000);
        }
        """,
        "both members are evicted",
    ),
    Valid(
        """
        module.exports = {
          sessions: {},
          onConnection(socket) {
            this.sessions[socket.id] = socket;
            socket.on('close', () => { delete this.sessions[socket.id]; });
          },
        };
        """,
        "the exported object's member is deleted on close",
    ),
    Valid(
        """
        const registry = { items: [] };
        export function handleMessage(msg) { registry.items.push(msg.body); }
        export function flush() { const out = registry.items; registry.items = []; return out; }
        """,
        "the member is replaced by a fresh array when flushed",
    ),
    Valid(
        """
        export function handleMessage(msg) {
          const batch = { items: [] };
          batch.items.push(msg.body);
          return batch;
        }
        """,
        "an object made per call dies with the call",
    ),
    Valid(
        """
        const other = { items: [] };
        module.exports = {
          items: [],
          onMessage(msg) { other.items.length = 0; this.items.push(msg); this.items.length = 0; },
        };
        """,
        "`this.items` names the exported object's member, which is emptied",
    ),
]


@pytest.mark.parametrize("case", MEMBER_INVALID, ids=ids(MEMBER_INVALID))
def test_module_object_member_collection_growing_per_event_is_reported(case):
    check_invalid(case, "LL001")


@pytest.mark.parametrize("case", MEMBER_VALID, ids=ids(MEMBER_VALID))
def test_module_object_member_collection_evicted_or_local_is_quiet(case):
    check_valid(case, "LL001")


# -- frequency: an `on*` helper that subscribes its callback is an event API, not a handler ------

SUBSCRIBER_VALID = [
    Valid(
        """
        import bus from './bus';
        export function onChange(listener) {
          bus.on('change', listener);
        }
        """,
        "`onChange(listener)` hands its caller's listener to the bus",
    ),
    Valid(
        """
        export const page = {
          onMessage(callback) {
            window.addEventListener('message', callback);
          },
        };
        """,
        "a method `onMessage(callback)` subscribes the callback on window",
    ),
    Valid(
        """
        class Probe {
          onExit(callback) {
            if (typeof callback === 'function') {
              const handler = () => callback();
              process.on('exit', handler);
              process.on('SIGTERM', () => { handler(); process.exit(); });
            }
          }
        }
        module.exports = new Probe();
        """,
        "the listener is a local wrapper that calls the callback: still the caller's subscription",
    ),
]

SUBSCRIBER_INVALID = [
    Invalid(
        """
        import bus from './bus';
        export function onConnection(socket) {
          bus.on('update', () => socket.send('update'));
        }
        """,
        ((3, 3),),
        "a handler that registers its own closure still runs per connection",
    ),
    Invalid(
        """
        import bus from './bus';
        export function onMessage(msg, reply) {
          bus.on('done', reply);
        }
        """,
        ((3, 3),),
        "a request-like parameter says per message, whatever else it subscribes",
    ),
    Invalid(
        """
        import bus from './bus';
        export function onChange(listener) {
          const other = () => {};
          bus.on('change', other);
        }
        """,
        ((4, 3),),
        "the parameter is not what is subscribed",
    ),
    Invalid(
        """
        import bus from './bus';
        export function onChange(listener) {
          const other = () => console.log('changed');
          bus.on('change', other);
        }
        """,
        ((4, 3),),
        "a local function that does not call the parameter is not its wrapper",
    ),
]


@pytest.mark.parametrize("case", SUBSCRIBER_VALID, ids=ids(SUBSCRIBER_VALID))
def test_on_helper_subscribing_its_callback_is_not_a_handler(case):
    check_valid(case, "LL002")


@pytest.mark.parametrize("case", SUBSCRIBER_INVALID, ids=ids(SUBSCRIBER_INVALID))
def test_on_handler_registering_something_else_repeats(case):
    check_invalid(case, "LL002")


# -- LL008: a fetch of a root-relative URL runs in a browser -------------------------------------

def _status_check(url: str) -> str:
    return f"""
    async function loadTokens(id) {{
      const res = await fetch({url});
      return res.ok;
    }}
    setInterval(() => loadTokens(7), 1000);
    """


PAGE_RELATIVE_VALID = [
    Valid(_status_check("'/api/v1/tokens'"), "a root-relative string"),
    Valid(_status_check("`/api/v1/tokens/${id}`"), "a root-relative template"),
    Valid(_status_check("'/api/v1/tokens/' + id"), "a root-relative string joined with `+`"),
]

PAGE_RELATIVE_INVALID = [
    Invalid(_status_check("'https://example.com/api/v1/tokens'"), ((2, 21),), "an absolute URL works in Node too"),
    Invalid(_status_check("`${base}/api/v1/tokens`"), ((2, 21),), "a URL that starts with a base variable"),
    Invalid(_status_check("'//cdn.example.com/tokens'"), ((2, 21),), "a protocol-relative URL is not counted"),
]


@pytest.mark.parametrize("case", PAGE_RELATIVE_VALID, ids=ids(PAGE_RELATIVE_VALID))
def test_fetch_of_a_page_relative_url_is_browser_code(case):
    check_valid(case, "LL008")


@pytest.mark.parametrize("case", PAGE_RELATIVE_INVALID, ids=ids(PAGE_RELATIVE_INVALID))
def test_fetch_of_an_absolute_or_computed_url_is_checked(case):
    check_invalid(case, "LL008")
