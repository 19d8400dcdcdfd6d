"""LL002 and LL006 facts of session 17 (issues 7 and 8), each with rows of both signs.

- lifetime: a field whose every assignment gives it one object of the module
  (an import, a module-level `const`, a `let`/`var` nothing reassigns, or
  what a getter hands out from a module-level holder) is that object: a
  listener a per-request instance adds through `this.emitter` stays on the
  module's emitter (tests/corpus ml-testing-toolkit).
- link: an exported function whose every `return` reads an entry of a
  module-level holder (`return emitters[context][name]`, a get-or-create
  cache) hands the same object to every caller in another file
  (``FileSummary.pooled_returns``, ``ExternalFacts.pooled_return``).
- link: `require('./x').m(…)` and `require('./x')(…)` inline are calls of
  that module's export, as a hoisted `const x = require('./x')` is
  (angular-fullstack).
- LL002: Mongoose's `schema.pre('save', fn)` / `schema.post('remove', fn)` on
  a model's `.schema` or a `new Schema(…)` adds a hook that cannot be removed.
- LL002: a Backbone view's `initialize()` runs once per view made, and the
  `this.model` / `this.collection` its creator gives it outlive it; Backbone's
  `off()`, `off(null, fn)` and `off(null, null, ctx)` remove across events.
- LL002 removal: a removal in a helper that removes its own parameters
  (`function removeListener(event, listener) { return () => bus.off(event,
  listener) }`) removes what the file's calls of the helper pass.
- LL006: a function that calls itself again from a callback it hands on (a
  chain fetching the next page, a read pump) repeats its writes as a loop
  does (model/callback_chains.py; a self-call from a timer is paced); a
  class or constructor of the project that inherits the old-style `Stream`
  (`util.inherits`, `extends`; in another file through
  ``FileSummary.stream_classes``) is a stream its writer must pace;
  an old-style stream's `'resume'` is waited for like `'drain'`.
"""

from __future__ import annotations

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids
from tests.test_round8_facts import run_json, write

RULE = "LL002"

# -- a field set from the module's one object ------------------------------------------------

PER_REQUEST = """
const express = require('express');
const EventEmitter = require('events');
%s
const app = express();

class Listener {
%s
}

app.get('/x', (req, res) => {
  const listener = new Listener();
  listener.init();
  res.end();
});
"""

FIELD_INVALID = [
    Invalid(
        PER_REQUEST % (
            "const shared = new EventEmitter();",
            "  constructor() { this.emitter = shared; }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        ((8, 12),),
        "a constructor field set from a module-level emitter",
        message_contains="always `shared`",
    ),
    Invalid(
        PER_REQUEST % (
            "const bus = require('./bus');",
            "  constructor() { this.bus = bus; }\n"
            "  init() { this.bus.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        ((8, 12),),
        "a constructor field set from a required module",
    ),
    Invalid(
        PER_REQUEST % (
            "let shared = new EventEmitter();",
            "  emitter = shared;\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        ((8, 12),),
        "a class field initialised from a module-level let nothing reassigns",
    ),
    Invalid(
        PER_REQUEST % (
            "const emitters = {};\n"
            "function getEmitter(name) {\n"
            "  if (!emitters[name]) emitters[name] = new EventEmitter();\n"
            "  return emitters[name];\n"
            "}",
            "  constructor() { this.emitter = getEmitter('inbound'); }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        ((12, 12),),
        "a constructor field set from a same-file getter that caches emitters by name",
        message_contains="is kept in `emitters`",
    ),
]

FIELD_VALID = [
    Valid(
        PER_REQUEST % (
            "const shared = new EventEmitter();",
            "  constructor() { this.emitter = shared; this.onInbound = (data) => this.handle(data); }\n"
            "  init() { this.emitter.on('inbound', this.onInbound); }\n"
            "  destroy() { this.emitter.off('inbound', this.onInbound); }\n"
            "  handle(data) { return data; }",
        ),
        "removed again with the same reference",
    ),
    Valid(
        PER_REQUEST % (
            "const shared = new EventEmitter();",
            "  constructor() { this.emitter = shared; }\n"
            "  init() { this.emitter.once('ready', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        "a once() listener for an event that fires",
    ),
    Valid(
        PER_REQUEST % (
            "const shared = new EventTarget();",
            "  constructor() { this.target = shared; this.controller = new AbortController(); }\n"
            "  init() { this.target.addEventListener('inbound', (e) => this.handle(e), { signal: this.controller.signal }); }\n"
            "  handle(data) { return data; }",
        ),
        "a listener removed by aborting its signal",
    ),
    Valid(
        PER_REQUEST % (
            "",
            "  constructor() { this.emitter = new EventEmitter(); }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        "a per-instance emitter dies with the instance",
    ),
    Valid(
        PER_REQUEST % (
            "const shared = new EventEmitter();",
            "  constructor() { this.emitter = shared; }\n"
            "  reset() { this.emitter = new EventEmitter(); }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        "a field that is also given a new emitter is not always the shared one",
    ),
    Valid(
        PER_REQUEST % (
            "let current = null;\nfunction connect() { current = new EventEmitter(); }",
            "  constructor() { this.emitter = current; }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        "a module-level let the file reassigns may hold another emitter by then",
    ),
    Valid(
        PER_REQUEST % (
            "function makeEmitter(name) {\n  return new EventEmitter();\n}",
            "  constructor() { this.emitter = makeEmitter('inbound'); }\n"
            "  init() { this.emitter.on('inbound', (data) => this.handle(data)); }\n"
            "  handle(data) { return data; }",
        ),
        "a getter that makes a new emitter on every call",
    ),
]


@pytest.mark.parametrize("case", FIELD_INVALID, ids=ids(FIELD_INVALID))
def test_field_from_module_object_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", FIELD_VALID, ids=ids(FIELD_VALID))
def test_field_from_module_object_valid(case):
    check_valid(case, RULE)


# -- a getter of another file that hands out what a module-level holder keeps -----------------

EMITTERS = """\
const EventEmitter = require('events');
const emitters = { data: {} };

const getEmitter = (name, user) => {
  const context = user ? user.id : 'data';
  if (!emitters[context]) emitters[context] = {};
  if (!emitters[context][name]) emitters[context][name] = new EventEmitter();
  return emitters[context][name];
};

const makeEmitter = () => new EventEmitter();

module.exports = { getEmitter, makeEmitter };
"""

LISTENER = """\
const Emitters = require('./emitters');

class InboundListener {
  constructor() {
    this.listeners = {};
    this.emitter = Emitters.%s('inbound');
  }

  init() {
%s    this.emitter.on('newInbound', (data) => {
      for (const name of Object.keys(this.listeners)) this.listeners[name](data);
    });
  }
}

module.exports = { InboundListener };
"""

ROUTES = """\
const express = require('express');
const { InboundListener } = require('./listener');
const app = express();

app.post('/inbound', async (req, res) => {
  const listener = new InboundListener();
  await listener.init();
  res.end();
});
"""

DIRECT = """\
const express = require('express');
const { %s } = require('./emitters');
const app = express();

app.post('/inbound', (req, res) => {
  %s('inbound').on('newInbound', (data) => res.write(String(data)));
  res.end();
});
"""

POOLED_CASES = [
    ("cached emitter kept in a constructor field", "getEmitter", "", {("listener.js", 10)}),
    ("the fix: removes the event's listeners first", "getEmitter", "    this.emitter.removeAllListeners('newInbound');\n", set()),
    ("a getter that makes a new emitter per call", "makeEmitter", "", set()),
]


@pytest.mark.parametrize(
    "label, getter, before, expected", POOLED_CASES, ids=[c[0] for c in POOLED_CASES]
)
def test_pooled_getter_of_another_file(tmp_path, label, getter, before, expected):
    write(tmp_path, {"emitters.js": EMITTERS, "listener.js": LISTENER % (getter, before), "routes.js": ROUTES})
    found = {(f["path"], f["line"]) for f in run_json(tmp_path, ".") if f["rule"] == RULE}
    assert found == expected, label


@pytest.mark.parametrize(
    "label, getter, expected",
    [("cached emitter used at once", "getEmitter", {("routes.js", 6)}), ("new emitter used at once", "makeEmitter", set())],
)
def test_pooled_getter_called_directly(tmp_path, label, getter, expected):
    write(tmp_path, {"emitters.js": EMITTERS, "routes.js": DIRECT % (getter, getter)})
    found = {(f["path"], f["line"]) for f in run_json(tmp_path, ".") if f["rule"] == RULE}
    assert found == expected, label


# -- an inline require() is a call of the module it loads ---------------------------------------

REGISTER = """\
const EventEmitter = require('events');
const bus = new EventEmitter();

function attach(socket) {
  const onUpdate = (data) => socket.emit('update', data);
  bus.on('update', onUpdate);
%s}

module.exports = %s;
"""

SOCKETS = """\
module.exports = function (io) {
  io.on('connection', (socket) => {
    %s
  });
};
"""

INLINE_CASES = [
    ("method call on an inline require", "{ attach }", "require('./attach').attach(socket);", "", {("attach.js", 6)}),
    ("inline require called as a function", "attach", "require('./attach')(socket);", "", {("attach.js", 6)}),
    (
        "removed on disconnect with the same reference",
        "attach",
        "require('./attach')(socket);",
        "  socket.on('disconnect', () => bus.off('update', onUpdate));\n",
        set(),
    ),
]


@pytest.mark.parametrize("label, exported, call, removal, expected", INLINE_CASES, ids=[c[0] for c in INLINE_CASES])
def test_inline_require_is_linked(tmp_path, label, exported, call, removal, expected):
    write(tmp_path, {"attach.js": REGISTER % (removal, exported), "sockets.js": SOCKETS % call})
    findings = [f for f in run_json(tmp_path, ".") if f["rule"] == RULE]
    assert {(f["path"], f["line"]) for f in findings} == expected, label
    for finding in findings:
        assert finding["confidence"] == "high", finding  # the link shows the connection, no shape guess
        assert "on every connection" in finding["message"]


# -- Mongoose schema hooks ---------------------------------------------------------------------

HOOK_INVALID = [
    Invalid(
        """
        const Thing = require('./thing.model');
        module.exports = function (io) {
          io.on('connection', (socket) => {
            Thing.schema.post('save', (doc) => socket.emit('thing:save', doc));
          });
        };
        """,
        ((4, 5),),
        "a post('save') hook on a model's schema per connection",
        message_contains="post('save')",
    ),
    Invalid(
        """
        const mongoose = require('mongoose');
        const express = require('express');
        const ThingSchema = new mongoose.Schema({ name: String });
        const app = express();
        app.get('/watch', (req, res) => {
          ThingSchema.pre('findOneAndUpdate', function () { res.write('changed'); });
          res.end();
        });
        """,
        ((6, 3),),
        "a pre() hook on a module-level new Schema per request",
        message_contains="cannot be removed",
    ),
]

HOOK_VALID = [
    Valid(
        """
        const mongoose = require('mongoose');
        const ThingSchema = new mongoose.Schema({ name: String });
        ThingSchema.post('save', (doc) => console.log(doc));
        module.exports = mongoose.model('Thing', ThingSchema);
        """,
        "a hook registered once, at module level",
    ),
    Valid(
        """
        const express = require('express');
        const router = express.Router();
        module.exports = function (io) {
          io.on('connection', (socket) => {
            router.post('save', (req, res) => res.end());
          });
        };
        """,
        "post() on something that is not a schema",
    ),
    Valid(
        """
        const Thing = require('./thing.model');
        module.exports = function (io) {
          io.on('connection', (socket) => {
            Thing.schema.post('/thing', (doc) => socket.emit('thing:save', doc));
          });
        };
        """,
        "a name Mongoose does not know as a hook",
    ),
]


@pytest.mark.parametrize("case", HOOK_INVALID, ids=ids(HOOK_INVALID))
def test_mongoose_hook_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", HOOK_VALID, ids=ids(HOOK_VALID))
def test_mongoose_hook_valid(case):
    check_valid(case, RULE)


# -- a removal in a helper removes what its callers pass -----------------------------------------

HELPER = """
const EventEmitter = require('events');
const bus = new EventEmitter();
const events = ['save', 'remove'];

module.exports = function (io) {
  io.on('connection', (socket) => {
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      const listener = createListener('thing:' + event, socket);
      bus.on(event, listener);
      socket.on('disconnect', %s);
    }
  });
};

function createListener(name, socket) {
  return (doc) => socket.emit(name, doc);
}

function %s {
  return () => bus.removeListener(%s);
}
"""

HELPER_VALID = [
    Valid(HELPER % ("removeListener(event, listener)", "removeListener(event, listener)", "event, listener"),
          "the helper is given the added listener and its event"),
    Valid(HELPER % ("unbind(event, listener)", "unbind(evt, fn)", "evt, fn"),
          "the helper's parameters have other names"),
]

HELPER_INVALID = [
    Invalid(HELPER % ("removeListener(event, createListener(event, socket))", "removeListener(event, listener)",
                      "event, listener"),
            ((10, 7),), "the helper is given another function"),
    Invalid(HELPER % ("removeListener('other', listener)", "removeListener(event, listener)", "event, listener"),
            ((10, 7),), "the helper is given another event"),
]


@pytest.mark.parametrize("case", HELPER_VALID, ids=ids(HELPER_VALID))
def test_removal_through_helper_valid(case):
    check_valid(case, RULE)


@pytest.mark.parametrize("case", HELPER_INVALID, ids=ids(HELPER_INVALID))
def test_removal_through_helper_invalid(case):
    check_invalid(case, RULE)


# -- Backbone views: initialize() per view, this.model given by the creator ----------------------

ROOM_VIEW = """
const RoomView = %s.extend({
  initialize(options) {
    this.client = options.client;
    %s
  },
  addMessage(message) {
    this.$('.messages').append(message);
  },
  destroy() {
    %s
    Backbone.View.prototype.remove.call(this);
  },
});
module.exports = RoomView;
"""

BACKBONE_INVALID = [
    Invalid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);", ""),
            ((4, 5),), "model.on() in a view's initialize(), never removed",
            message_contains="Backbone view is given by its creator"),
    Invalid(ROOM_VIEW % ("Marionette.ItemView", "this.collection.on('add', this.addMessage, this);", ""),
            ((4, 5),), "collection.on() in a Marionette item view"),
    Invalid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);",
                         "this.model.off(null, this.render);"),
            ((4, 5),), "the removal takes another function off every event"),
]

BACKBONE_VALID = [
    Valid(ROOM_VIEW % ("Backbone.View", "this.listenTo(this.model, 'messages:new', this.addMessage);", ""),
          "listenTo(), which View#remove() undoes"),
    Valid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);",
                       "this.model.off('messages:new', this.addMessage, this);"),
          "removed with the same reference"),
    Valid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);",
                       "this.model.off(null, null, this);"),
          "off(null, null, this): every listener bound with the view as context"),
    Valid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);", "this.model.off();"),
          "off() with no arguments removes every listener"),
    Valid(ROOM_VIEW % ("Backbone.View", "this.model.on('messages:new', this.addMessage, this);",
                       "this.model.off(null, this.addMessage);"),
          "off(null, fn): the function, from every event"),
    Valid(ROOM_VIEW % ("Backbone.Model", "this.collection.on('add', this.addMessage, this);", ""),
          "a model's initialize() is not a view's"),
    Valid(ROOM_VIEW % ("Backbone.View", "this.model = new Room(); this.model.on('messages:new', this.addMessage, this);", ""),
          "a view that makes its own model"),
]


@pytest.mark.parametrize("case", BACKBONE_INVALID, ids=ids(BACKBONE_INVALID))
def test_backbone_view_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", BACKBONE_VALID, ids=ids(BACKBONE_VALID))
def test_backbone_view_valid(case):
    check_valid(case, RULE)


# -- LL006: a callback chain is a loop; the project's own stream classes are writables -----------

PAGES = """
const fs = require('fs');
const { get } = require('./http');

function download(url, path) {
  const out = fs.createWriteStream(path);
  const next = function (link) {
    get(link, function (err, page) {
      if (err) return out.destroy(err);
      %s
      if (page.next) %s;
      else out.end();
    });
  };
  next(url);
  return out;
}
module.exports = download;
"""

OWN_STREAM = """
const Stream = require('stream').Stream;
const util = require('util');

function RecordStream() {
  Stream.call(this);
  this.writable = true;
}
util.inherits(RecordStream, %s);

function dump(rows) {
  const stream = new RecordStream();
  for (const row of rows) {
    stream.write(JSON.stringify(row));
  }
  return stream;
}
module.exports = dump;
"""

LL006_INVALID = [
    Invalid(PAGES % ("out.write(page.body);", "next(page.next)"), ((9, 7),),
            "a write in a callback that fetches the next page", message_contains="callback chain"),
    Invalid("""
        const fs = require('fs');
        const out = fs.createWriteStream('capture.bin');
        function pump(reader) {
          reader.read().then(({ done, value }) => {
            if (done) return out.end();
            out.write(value);
            pump(reader);
          });
        }
        module.exports = (response) => pump(response.body.getReader());
        """, ((6, 5),), "a read pump that calls itself from the promise callback"),
    Invalid(OWN_STREAM % "Stream", ((13, 5),), "a loop writing into the file's own old-style stream",
            message_contains="for-of loop"),
]

LL006_VALID = [
    Valid(PAGES % ("const ok = out.write(page.body);\n      if (!ok) return out.once('drain', () => next(page.next));",
                   "next(page.next)"),
          "the chain waits for 'drain' when write() returns false"),
    Valid(PAGES % ("out.write(page.body);", "setTimeout(() => next(page.next), 1000)"),
          "the next page is fetched from a timer: paced"),
    Valid(PAGES % ("out.write(page.body);", "done(page.next)"), "no chain: the callback calls another function"),
    Valid(PAGES.replace("  const out = fs.createWriteStream(path);\n", "").replace(
        "    get(link, function (err, page) {\n", "    const out = fs.createWriteStream(path + link);\n    get(link, function (err, page) {\n"
    ) % ("out.write(page.body);", "next(page.next)"), "a new stream for every page"),
    Valid(OWN_STREAM % "Readable", "a readable-only base takes no writes"),
    Valid(OWN_STREAM % "Writable", "a Writable subclass buffers and drains through its own _write"),
    Valid(OWN_STREAM.replace("    stream.write(JSON.stringify(row));",
                             "    if (!stream.writable) { stream.once('resume', () => dump(rows)); break; }\n"
                             "    stream.write(JSON.stringify(row));") % "Stream",
          "an old-style stream's 'resume' is waited for"),
]


@pytest.mark.parametrize("case", LL006_INVALID, ids=ids(LL006_INVALID))
def test_ll006_chain_and_own_stream_invalid(case):
    check_invalid(case, "LL006")


@pytest.mark.parametrize("case", LL006_VALID, ids=ids(LL006_VALID))
def test_ll006_chain_and_own_stream_valid(case):
    check_valid(case, "LL006")


QUERY_STREAM = """\
var Stream = require('stream').Stream;
var util = require('util');
var QueryStream = function () { Stream.call(this); this.readable = true; this.writable = true; };
util.inherits(QueryStream, %s);
QueryStream.prototype.end = function (s) { this.emit('end', s); };
module.exports = QueryStream;
"""

QUERY = """\
var QueryStream = require('./querystream');
var request = require('request');

exports.query = function (url) {
  var stream = new QueryStream();
  var queryNext = function (link) {
    request({ uri: link, json: true }, function (err, res, body) {
      %s
      if (body.next) queryNext(body.next);
      else stream.end();
    });
  };
  queryNext(url);
  return stream;
};
"""

QUERY_CASES = [
    ("pages written into another file's Stream subclass", "Stream", "stream.write(JSON.stringify(body));", {("query.js", 8)}),
    ("the fix: writes only while writable, else on 'resume'", "Stream",
     "if (!stream.writable) return stream.once('resume', () => queryNext(link));\n      "
     "stream.write(JSON.stringify(body));", set()),
    ("a readable-only class of another file", "Stream.Readable", "stream.write(JSON.stringify(body));", set()),
]


@pytest.mark.parametrize("label, base, body, expected", QUERY_CASES, ids=[c[0] for c in QUERY_CASES])
def test_ll006_stream_class_of_another_file(tmp_path, label, base, body, expected):
    write(tmp_path, {"querystream.js": QUERY_STREAM % base, "query.js": QUERY % body})
    found = {(f["path"], f["line"]) for f in run_json(tmp_path, ".") if f["rule"] == "LL006"}
    assert found == expected, label
