"""Shape evidence (leaklint/model/shape.py): each inference with a case of each sign.

An inferred case must be reported at the given positions with confidence
"medium" and a related note that names the inference; a look-alike must stay
silent.  The model-level tables check the facts themselves.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from leaklint.engine import AnalysisOptions, analyze_source
from leaklint.model import FileModel
from leaklint.model.frequency import Evidence, Frequency
from leaklint.model.options import ModelOptions
from leaklint.syntax import Grammar, parse_best
from tests.ruletest import GRAMMARS


@dataclass(frozen=True)
class Inferred:
    """Code a rule must flag at ``at`` with medium confidence and a note containing ``note``."""

    code: str
    rule: str
    at: tuple[tuple[int, int], ...]
    note: str
    why: str
    lang: str = "js"


@dataclass(frozen=True)
class Quiet:
    """A look-alike the rule must not flag."""

    code: str
    rule: str
    why: str
    lang: str = "js"


def _run(code: str, rule: str, lang: str = "js", pairs=()):
    source = textwrap.dedent(code).lstrip("\n").encode()
    options = AnalysisOptions(rule_codes=(rule,), rule_options=tuple(pairs))
    result = analyze_source(f"case.{lang}", source, GRAMMARS[lang], options)
    assert not [e for e in result.errors if e.message.startswith("internal error")], result.errors
    return result.findings


INFERRED = [
    Inferred(
        """
        const cache = new Map();
        async function getUser(id) {
          if (cache.has(id)) return cache.get(id);
          const user = await db.users.findById(id);
          cache.set(id, user);
          return user;
        }
        """,
        "LL001",
        ((1, 7),),
        "`getUser(id)` memoizes by its parameter `id`",
        "seed 003: a memoising cache keyed by a parameter, no caller in the file",
    ),
    Inferred(
        """
        const cache = new Map();
        export async function getUser(id) {
          if (cache.has(id)) return cache.get(id);
          const user = await db.users.findById(id);
          cache.set(id, user);
          return user;
        }
        """,
        "LL001",
        ((1, 7),),
        "memoizes by its parameter `id`",
        "seed 003 exported: callers in other files",
    ),
    Inferred(
        """
        const rendered = {};
        export function render(page) {
          return rendered[page.slug] || (rendered[page.slug] = expensive(page));
        }
        """,
        "LL001",
        ((1, 7),),
        "memoizes by its parameter `page`",
        "`c[k] || (c[k] = …)` memoising shape keyed by a parameter's field",
    ),
    Inferred(
        """
        const seen = new Set();
        export function handle(req) {
          seen.add(req.headers['x-id']);
        }
        """,
        "LL001",
        ((1, 7),),
        "takes a request-like parameter `req`",
        "a Set grown by request data in a function with a request-like parameter",
    ),
    Inferred(
        """
        export class ReportService {
          private reports: Report[] = []

          startPolling() {
            setInterval(() => {
              this.reports.push(this.generateReport())
            }, 5000)
          }
        }
        """,
        "LL001",
        ((2, 31),),
        "the timer keeps the instance alive",
        "seed 001: an instance field grown from a setInterval callback on `this`",
        "ts",
    ),
    Inferred(
        """
        app.get('/subscribe', (req, res) => {
          emitter.on('data', (data) => {
            res.write(data)
          })
        })
        """,
        "LL002",
        ((2, 3),),
        "`emitter` is not declared in this file",
        "seed 001: an undeclared emitter is a global or an implicit import",
    ),
    Inferred(
        """
        import { EventEmitter } from 'events';
        const bus = new EventEmitter();
        export function handle(req) {
          bus.on('update', () => req.log('updated'));
        }
        """,
        "LL002",
        ((4, 3),),
        "`handle(req)` takes a request-like parameter `req`",
        "a request-like parameter makes an exported function per-request",
    ),
    Inferred(
        """
        const bus = require('./bus');
        module.exports.onMessage = function (payload) {
          bus.on('ack', () => payload.done());
        };
        """,
        "LL002",
        ((3, 3),),
        "`onMessage()` is named like a handler",
        "an on*() function with a parameter is a handler",
    ),
    Inferred(
        """
        class Client {
          connect() {
            bus.on('message', this.onMessage);
          }
          close() {
            const handler = this.onOther;
            bus.off('message', handler);
          }
        }
        """,
        "LL002",
        ((3, 5),),
        "`bus` is not declared in this file",
        "an alias of a different method removes nothing",
    ),
    Inferred(
        """
        export function handleConnection(socket) {
          setInterval(() => socket.ping(), 1000);
        }
        """,
        "LL004",
        ((2, 3),),
        "takes a request-like parameter `socket`",
        "an interval started per connection by shape",
    ),
]

INFERRED += [
    Inferred(
        """
        import { useEffect } from 'react';
        export function Clock() {
          useEffect(() => {
            window.addEventListener('resize', onResize);
          }, []);
          return <b>tick</b>;
        }
        """,
        "LL002",
        ((4, 5),),
        "`useEffect()` setup function",
        "a useEffect setup function runs on every mount",
    ),
    Inferred(
        """
        export default {
          mounted() {
            window.addEventListener('scroll', this.onScroll);
          },
        };
        """,
        "LL002",
        ((3, 5),),
        "Vue `mounted` hook",
        "a Vue options-API hook runs once per component instance",
    ),
    Inferred(
        """
        export function Badge({ user }) {
          window.addEventListener('focus', () => refresh(user));
          return <span>{user.name}</span>;
        }
        """,
        "LL002",
        ((2, 3),),
        "is a React function component",
        "a listener added while rendering a React function component",
    ),
    Inferred(
        """
        const seen = new Set();
        export function List({ items }) {
          return <ul>{items.map((item) => <li onClick={(event) => seen.add(event.target.id)}>{item}</li>)}</ul>;
        }
        """,
        "LL001",
        ((1, 7),),
        "JSX `onClick` handler",
        "a JSX event prop runs on every event",
    ),
]

QUIET = [
    Quiet(
        """
        const cache = new Map();
        function neverCalled(k) { cache.set(k, 1); }
        """,
        "LL001",
        "no memoising lookup and nothing calls it",
    ),
    Quiet(
        """
        export async function getUser(id) {
          userCache.set(id, await db.find(id));
        }
        const userCache = new Map();
        """,
        "LL001",
        "an accessor name alone is not enough without a memoising lookup",
    ),
    Quiet(
        """
        const cache = new Map();
        export function getUser(id) {
          if (cache.has(id)) return cache.get(id);
          cache.set(id, load(id));
          if (cache.size > 1000) cache.delete(cache.keys().next().value);
          return cache.get(id);
        }
        """,
        "LL001",
        "a memoising cache with eviction",
    ),
    Quiet(
        """
        const events = new Map();
        class EventBus {
          on(type, handler) {
            if (events.has(type)) events.get(type).push(handler);
            else events.set(type, [handler]);
          }
        }
        export default new EventBus();
        """,
        "LL001",
        "an emitter's own on(type, …) keyed by event types (found on thelounge)",
    ),
    Quiet(
        """
        const templateCache = new Map();
        exports.require = (name, args) => {
          const file = resolve(name);
          if (!templateCache.has(file)) templateCache.set(file, compile(read(file)));
          return templateCache.get(file);
        };
        """,
        "LL001",
        "a template cache keyed by names from a fixed set (found on etherpad-lite)",
    ),
    Quiet(
        """
        const cache = new Map();
        export function init(id) {
          if (!cache.has(id)) cache.set(id, build(id));
        }
        """,
        "LL001",
        "init() is named like one-time set-up",
    ),
    Quiet(
        """
        const handlers = {};
        export function register(type, handler) { handlers[type] = handler; }
        """,
        "LL001",
        "register*() runs once per registration, and the key is a type",
    ),
    Quiet(
        """
        class Widget {
          constructor() { this.children = []; }
          add(child) { this.children.push(child); }
        }
        """,
        "LL001",
        "an instance field grown from a method, not from a timer on `this`",
    ),
    Quiet(
        """
        export class ReportService {
          private reports: Report[] = []
          startPolling() {
            setInterval(() => {
              this.reports.push(this.generateReport())
              if (this.reports.length > 100) this.reports.shift()
            }, 5000)
          }
        }
        """,
        "LL001",
        "seed 001's fixed twin: the timer callback trims the field",
        "ts",
    ),
    Quiet(
        """
        class Poller {
          constructor() { this.samples = []; }
          start() {
            setInterval(function () { this.samples.push(1); }, 1000);
          }
        }
        """,
        "LL001",
        "a non-arrow timer callback's `this` is not the instance",
    ),
    Quiet(
        """
        app.get('/subscribe', (req, res) => {
          const handler = (data) => res.write(data);
          emitter.on('data', handler);
          req.on('close', () => emitter.off('data', handler));
        })
        """,
        "LL002",
        "seed 001's fixed twin: removed on close",
    ),
    Quiet(
        """
        app.get('/x', (req, res) => {
          req.on('data', (chunk) => res.write(chunk));
        })
        """,
        "LL002",
        "a request-scoped parameter is not an undeclared global",
    ),
    Quiet(
        """
        export function setup(req) {
          bus.on('update', () => req.log('updated'));
        }
        """,
        "LL002",
        "setup() is named like one-time set-up, whatever its parameters",
    ),
    Quiet(
        """
        export function attach(target) {
          bus.on('update', () => target.refresh());
        }
        """,
        "LL002",
        "neither name nor parameters say how often it runs",
    ),
    Quiet(
        """
        function helper(req) { bus.on('x', () => req.y); }
        """,
        "LL002",
        "nothing can call an unexported, unreferenced function",
    ),
    Quiet(
        """
        const categories = {};
        document.body.addEventListener('click', function onClick(e) {
          category = $('<ul></ul>').appendTo(e.target);
          category.on('click', () => select(e));
        });
        """,
        "LL002",
        "an undeclared name assigned a fresh object in this file is not a long-lived global (found on node-red)",
    ),
    Quiet(
        """
        var active = [];
        process.on('message', function onStep(step) {
          var listener = { event: step.event, listener: function () { next(); } };
          active.push(listener);
          RED.events.on(listener.event, listener.listener);
        });
        function stop() {
          active.forEach(function (listener) { RED.events.off(listener.event, listener.listener); });
          active = [];
        }
        """,
        "LL002",
        "a record kept in a list and removed the same way (found on node-red's tour guide)",
    ),
    Quiet(
        """
        class Client {
          connect() {
            bus.on('message', this.onMessage);
          }
          close() {
            const handler = this.onMessage;
            bus.off('message', handler);
          }
        }
        """,
        "LL002",
        "a removal through a local alias of the same reference",
    ),
    Quiet(
        """
        export function loadConfig(path) {
          setInterval(() => reload(path), 1000);
        }
        """,
        "LL004",
        "an accessor-like name is not enough for an interval (only per-event shapes are)",
    ),
]


QUIET_FRAMEWORKS = [
    Quiet(
        """
        import { useEffect } from 'react';
        export function Clock() {
          useEffect(() => {
            window.addEventListener('resize', onResize);
            return () => window.removeEventListener('resize', onResize);
          }, []);
          return <b>tick</b>;
        }
        """,
        "LL002",
        "an effect that returns its cleanup",
    ),
    Quiet(
        """
        export default {
          mounted() { window.addEventListener('scroll', this.onScroll); },
          beforeUnmount() { window.removeEventListener('scroll', this.onScroll); },
        };
        """,
        "LL002",
        "a Vue hook pair that removes the listener",
    ),
    Quiet(
        """
        const options = {
          mounted() { window.addEventListener('scroll', this.onScroll); },
        };
        """,
        "LL002",
        "a `mounted` key of an object that is no component options object",
    ),
    Quiet(
        """
        export function badge(user) {
          window.addEventListener('focus', () => refresh());
          return user.name;
        }
        """,
        "LL002",
        "a lower-case function without JSX is no component",
    ),
    Quiet(
        """
        (function () {
          const table = new Map();
          for (const name of NAMES) table.set(name, name.length);
        })();
        """,
        "LL001",
        "a top-level IIFE's scope filled once at start-up",
    ),
    Quiet(
        """
        function Store() { this.items = []; }
        Store.prototype.watch = function () {
          process.on('exit', () => this.flush());
        };
        module.exports = new Store();
        """,
        "LL002",
        "a method of the single ES5 instance made at module level",
    ),
]
QUIET += QUIET_FRAMEWORKS

INFERRED.append(
    Inferred(
        """
        (function () {
          const users = new Map();
          window.getUser = async function getUser(id) {
            if (users.has(id)) return users.get(id);
            const user = await fetchUser(id);
            users.set(id, user);
            return user;
          };
        })();
        """,
        "LL001",
        ((2, 9),),
        "memoizes by its parameter `id`",
        "a memoising cache in a top-level IIFE (module scope)",
    )
)
QUIET += [
    Quiet(
        """
        RED.types = (function () {
          var typesUsed = {};
          var textCache = {};
          function confirm(def) { typesUsed[def.type] = Date.now(); }
          function measure(className, str) {
            textCache[className] = textCache[className] || {};
            textCache[className][str] = str.length;
          }
          $('#search').on('keydown', function (e) { confirm(e.def); measure(e.cls, e.text); });
          return { confirm: confirm, measure: measure };
        })();
        """,
        "LL001",
        "IIFE registries keyed by node types and class names, filled from handlers (found on node-red)",
    ),
    Quiet(
        """
        (function () {
          const seen = new Set();
          process.on('message', (m) => { seen.add(m.id); });
        })();
        """,
        "LL001",
        "an IIFE collection filled from a handler the file shows needs shape evidence too (precision on node-red)",
    ),
]
QUIET += [
    Quiet(
        """
        RED.palette = (function () {
          var categoryContainers = {};
          function createCategoryContainer(category, label) {
            categoryContainers[category] = { label: label };
          }
          $('#palette').on('click', function (e) { createCategoryContainer(e.target.dataset.c, 'x'); });
          return { createCategoryContainer: createCategoryContainer };
        })();
        """,
        "LL001",
        "an IIFE's registry of widgets keyed by a fixed set of categories (found on node-red's editor)",
    ),
    Quiet(
        """
        RED.utils = (function () {
          var pinnedPaths = {};
          function addMessageControls(obj, sourceId, msg) {
            if (!pinnedPaths.hasOwnProperty(sourceId)) pinnedPaths[sourceId] = {};
            pinnedPaths[sourceId][msg.path] = true;
          }
          return { addMessageControls: addMessageControls };
        })();
        """,
        "LL001",
        "get-or-create of a per-key group is a registry, not a memoised value (found on node-red)",
    ),
    Quiet(
        """
        var active = [];
        var target;
        process.on('message', function onStep(step) {
          target = $(step.selector);
          var listener = { target: target, event: step.event, listener: function () { next(); } };
          active.push(listener);
          target[0].addEventListener(listener.event, listener.listener);
        });
        function clear() {
          active.forEach(function (listener) {
            listener.target[0].removeEventListener(listener.event, listener.listener);
          });
          active = [];
        }
        """,
        "LL002",
        "a record removed through its own target field (found on node-red's tour guide)",
    ),
]

# Get-or-create of a per-key group: a registry when keyed by a type or a widget, a cache
# of the traffic when keyed by the id read off what arrived (found on AtlantaBot).
INFERRED += [
    Inferred(
        """
        const cooldowns = {};
        export async function run(interaction) {
          if (!cooldowns[interaction.user.id]) cooldowns[interaction.user.id] = {};
          cooldowns[interaction.user.id][interaction.commandName] = Date.now() + 5000;
        }
        """,
        "LL001",
        ((1, 7),),
        "each distinct `interaction.user.id` adds an entry",
        "a per-key group keyed by the id of the user who sent the event is a cache of users",
        "ts",
    ),
    Inferred(
        """
        const perSession = new Map();
        export function track(msg) {
          if (!perSession.has(`${msg.session.sessionId}`)) perSession.set(`${msg.session.sessionId}`, []);
          perSession.get(`${msg.session.sessionId}`).push(msg.body);
        }
        """,
        "LL001",
        ((1, 7),),
        "memoizes by its parameter `msg`",
        "an id read off the message inside a template key counts the same",
    ),
]
INFERRED += [
    Inferred(
        """
        const cache = {};
        export async function lookup(key) {
          if (cache[key]) return cache[key].data;
          const data = await load(key);
          cache[key] = { data, expiresAt: Date.now() + 60000 };
          return data;
        }
        """,
        "LL001",
        ((1, 7),),
        "memoizes by its parameter `key`",
        "an object literal holding data is the cached entry, not a per-key group to fill",
    ),
]
QUIET += [
    Quiet(
        """
        const namespaces = {};
        export function join(ns) {
          if (!namespaces[ns]) namespaces[ns] = { clients: new Map(), events: {} };
          return namespaces[ns];
        }
        """,
        "LL001",
        "a literal of empty collections is a per-key group, filled afterwards",
    ),
    Quiet(
        """
        const byType = {};
        export function register(widget) {
          if (!byType[widget.type]) byType[widget.type] = [];
          byType[widget.type].push(widget);
        }
        """,
        "LL001",
        "a per-key group keyed by a widget's type is a registry of a fixed set",
    ),
    Quiet(
        """
        const groups = {};
        export function add(entry) {
          if (!groups[entry.idle]) groups[entry.idle] = [];
          groups[entry.idle].push(entry);
        }
        """,
        "LL001",
        "a property that only starts with `id` is not an id",
    ),
]

# A fixed element of the page, looked up by a literal, is the same element on every call
# (found in the round-4 fresh sample: a media manager's buttons, looked up per scene).
INFERRED += [
    Inferred(
        """
        export function handleOpen(event) {
          document.getElementById('close').addEventListener('click', () => hide(event.id));
        }
        """,
        "LL002",
        ((2, 3),),
        "a fixed element of the page, looked up by a literal",
        "an element looked up by id in a function that runs per event",
    ),
    Inferred(
        """
        export function onMessage(msg) {
          const menu = document.querySelector('#menu');
          menu.addEventListener('mouseenter', () => show(msg.text));
        }
        """,
        "LL002",
        ((3, 3),),
        "the same element on every call",
        "an element looked up by a selector into a local",
    ),
]
QUIET += [
    Quiet(
        """
        export function handleOpen(event, id) {
          document.getElementById(id).addEventListener('click', () => hide(event.id));
        }
        """,
        "LL002",
        "an element looked up by a computed id may be a new one each time",
    ),
    Quiet(
        """
        export function Dialog({ id }) {
          useEffect(() => {
            document.getElementById('close').addEventListener('click', () => hide(id));
          });
          return <button id="close" />;
        }
        """,
        "LL002",
        "a component that renders markup looks up its own element, made anew for every mount",
    ),
    Quiet(
        """
        export function handleOpen(event, document) {
          document.getElementById('close').addEventListener('click', () => hide(event.id));
        }
        """,
        "LL002",
        "a parameter named `document` is not the page",
    ),
]

GUARDS = [
    (
        """
        class Poller {
          start() {
            if (!this.started) {
              this.started = true;
              setInterval(() => this.poll(), 1000);
            }
          }
        }
        """,
        "LL004",
    ),
    (
        """
        let received = false;
        app.get('/x', (req, res) => {
          if (received) return;
          received = true;
          bus.on('update', () => res.write('u'));
        });
        const bus = new (require('events'))();
        """,
        "LL002",
    ),
    (
        """
        class Client {
          connect() {
            if (!this.listening) {
              process.on('message', this.onMessage);
              this.listening = true;
            }
          }
        }
        """,
        "LL002",
    ),
    (
        """
        const channel = new (require('events'))();
        let configured = false;
        channel.on('message', (msg) => {
          if (msg.error) {
            console.error(msg.error);
          } else if (!configured && msg.kind === 'settings') {
            configured = true;
            setInterval(() => channel.emit('keepalive'), msg.every);
          }
        });
        """,
        "LL004",
    ),
    (
        """
        const hub = new (require('events'))();
        let wired = false;
        process.on('message', (msg) => {
          if (wired || msg.skip) return;
          wired = true;
          hub.on('tick', () => process.send(msg.id));
        });
        """,
        "LL002",
    ),
]


@pytest.mark.parametrize(
    ("code", "rule"), GUARDS,
    ids=["interval guard", "early return", "flag set after", "one conjunct of &&", "one disjunct of ||"],
)
def test_one_shot_guards_run_once_per_holder_of_the_flag(code, rule):
    assert _run(code, rule) == []
    unguarded = code.replace("!this.started", "this.ok").replace("if (received) return;", "")
    unguarded = unguarded.replace("!this.listening", "this.ok")
    unguarded = unguarded.replace("!configured && ", "").replace("wired || ", "")
    assert [f.rule for f in _run(unguarded, rule)] == [rule], "the unguarded twin must be reported"


FILE_EVIDENCE = [
    (
        """
        function Widget(el) {
          this.el = el;
          Widget.instances.push(this);
        }
        Widget.instances = [];
        Widget.prototype.show = function () { this.el.hidden = false; };
        module.exports = Widget;
        """,
        "LL001",
        ((5, 20),),
        "static array `Widget.instances` grows in `Widget()`",
    ),
    (
        """
        function Widget(el) { this.el = el; }
        Widget.prototype.bind = function () {
          process.on('exit', () => this.el.remove());
        };
        module.exports = Widget;
        """,
        "LL002",
        ((3, 3),),
        "in `Widget.prototype.bind()` each time it is called",
    ),
]


@pytest.mark.parametrize(("code", "rule", "at", "text"), FILE_EVIDENCE, ids=[c[3] for c in FILE_EVIDENCE])
def test_iife_scope_and_es5_classes_are_file_evidence(code, rule, at, text):
    findings = _run(code, rule)
    assert tuple((f.line, f.column) for f in findings) == at, [(f.line, f.column, f.message) for f in findings]
    assert all(f.confidence == "high" and text in f.message for f in findings), [f.message for f in findings]


@pytest.mark.parametrize("case", INFERRED, ids=[c.why for c in INFERRED])
def test_inferred_findings_are_medium_and_name_the_inference(case):
    findings = _run(case.code, case.rule, case.lang)
    assert tuple((f.line, f.column) for f in findings) == case.at, [(f.line, f.column, f.message) for f in findings]
    for finding in findings:
        assert finding.confidence == "medium"
        notes = [r.message for r in finding.related]
        assert any(case.note in note for note in notes), notes


@pytest.mark.parametrize("case", QUIET, ids=[c.why for c in QUIET])
def test_look_alikes_stay_quiet(case):
    findings = _run(case.code, case.rule, case.lang)
    assert findings == [], [(f.line, f.column, f.message) for f in findings]


def test_file_evidence_keeps_high_confidence():
    findings = _run(
        """
        const cache = new Map();
        async function getUser(id) {
          if (cache.has(id)) return cache.get(id);
          cache.set(id, await db.find(id));
          return cache.get(id);
        }
        app.get('/u/:id', async (req, res) => res.json(await getUser(req.params.id)));
        """,
        "LL001",
    )
    assert [f.confidence for f in findings] == ["high"]


def _model(code: str, pairs=()) -> FileModel:
    source = textwrap.dedent(code).lstrip("\n").encode()
    tree, grammar = parse_best(source, Grammar.JAVASCRIPT)
    return FileModel("case.js", source, grammar, tree, ModelOptions.from_pairs(tuple(pairs)))


def _function(model: FileModel, name: str):
    return next(f for f in model.functions if f.name and f.name.rsplit(".", 1)[-1] == name)


FREQUENCY = [
    ("export function handle(req) {}", "handle", Frequency.PER_EVENT, Evidence.SHAPE),
    ("export function onData(chunk) {}", "onData", Frequency.PER_EVENT, Evidence.SHAPE),
    ("export function processJob(job) {}", "processJob", Frequency.PER_EVENT, Evidence.SHAPE),
    ("export function fetchUser(id) {}", "fetchUser", Frequency.REPEATED, Evidence.SHAPE),
    ("export async function GET(request) {}", "GET", Frequency.PER_EVENT, Evidence.SHAPE),
    ("export function init(req) {}", "init", Frequency.ONCE, Evidence.SHAPE),
    ("export function setupRoutes(app) {}", "setupRoutes", Frequency.ONCE, Evidence.SHAPE),
    ("export function registerPlugin(p) {}", "registerPlugin", Frequency.ONCE, Evidence.SHAPE),
    ("export function createServerApp() {}", "createServerApp", Frequency.ONCE, Evidence.SHAPE),
    ("export function once(x) {}", "once", Frequency.ONCE, Evidence.SHAPE),
    # a once-word that names one unit of work it is given the description of: as often as callers ask
    ("export function startTask(type, data) {}", "startTask", Frequency.REPEATED, Evidence.API),
    ("export function initUpload(file) {}", "initUpload", Frequency.REPEATED, Evidence.API),
    ("export function startJobs() {}", "startJobs", Frequency.ONCE, Evidence.SHAPE),  # takes nothing: the runner
    ("export function startServer(port) {}", "startServer", Frequency.ONCE, Evidence.SHAPE),  # not a unit of work
    ("export function setupTaskQueue(opts) {}", "setupTaskQueue", Frequency.ONCE, Evidence.SHAPE),  # ends otherwise
    # look-alikes: the file's own answer stands
    ("export function onion(layer) {}", "onion", Frequency.REPEATED, Evidence.API),
    ("export function getter() {}", "getter", Frequency.REPEATED, Evidence.API),
    ("export function fetchAll() {}", "fetchAll", Frequency.REPEATED, Evidence.API),
    ("export function attach(target) {}", "attach", Frequency.REPEATED, Evidence.API),
    ("function handle(req) {}", "handle", Frequency.UNKNOWN, Evidence.UNKNOWN),
    ("function handle(req) {}\nhandle(1);", "handle", Frequency.ONCE, Evidence.TOP_LEVEL),
]


@pytest.mark.parametrize(("code", "name", "frequency", "evidence"), FREQUENCY, ids=[c[0] for c in FREQUENCY])
def test_frequency_from_shape(code, name, frequency, evidence):
    model = _model(code)
    fact = model.frequency(_function(model, name))
    assert (fact.frequency, fact.evidence) == (frequency, evidence), fact.reason


def test_frequency_vocabulary_is_configurable():
    code = "export function dispatchOrder(order) {}\nexport function boot(x) {}\nexport function mine(ticket) {}"
    plain = _model(code)
    assert plain.frequency(_function(plain, "dispatchOrder")).evidence is Evidence.API
    assert plain.frequency(_function(plain, "boot")).evidence is Evidence.API
    assert plain.frequency(_function(plain, "mine")).evidence is Evidence.API
    configured = _model(
        code,
        (("handler_prefixes", ("dispatch",)), ("once_names", ("boot",)), ("request_parameters", ("ticket",))),
    )
    assert configured.frequency(_function(configured, "dispatchOrder")).frequency is Frequency.PER_EVENT
    assert configured.frequency(_function(configured, "boot")).frequency is Frequency.ONCE
    assert configured.frequency(_function(configured, "mine")).frequency is Frequency.PER_EVENT


def _identifier(model: FileModel, name: str, nth: int = 0):
    hits = [r.node for r in model.scopes.references if r.name == name]
    return hits[nth]


LIFETIME = [
    ("function f() { emitter.on('x', g); }", "emitter", True),
    ("function f() { bus.on('x', g); }", "bus", True),
    ("function f() { req.on('x', g); }", "req", False),
    ("function f() { event.target.on('x', g); }", "event", False),
    ("function f() { it.on('x', g); }", "it", False),
]


@pytest.mark.parametrize(("code", "name", "long_lived"), LIFETIME, ids=[c[1] for c in LIFETIME])
def test_undeclared_identifiers_are_inferred_long_lived(code, name, long_lived):
    model = _model(code)
    node = _identifier(model, name)
    strict = model.lifetime(node)
    inferred = model.lifetime(node, infer=True)
    assert not strict.is_long_lived  # without infer the file alone answers
    assert inferred.is_long_lived is long_lived
    assert inferred.inferred is long_lived


def test_declared_bindings_are_not_inferred():
    model = _model("const emitter = make();\nfunction f() { emitter.on('x', g); }")
    fact = model.lifetime(_identifier(model, "emitter"), infer=True)
    assert fact.is_long_lived and not fact.inferred
