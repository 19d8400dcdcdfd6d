"""Facts added for the round-11 fresh sample (tests/corpus/README.md, "Fresh samples", round 11).

An exported ES5 constructor (`function F() { this.m = new Map() }` with
`F.prototype.add = function …`) made once at module level by the file that
imports it is a singleton, as an exported `class` is: the project link counts
the `new` of it in the other file (``FileSummary.es5_classes``), resolves calls
on that instance to the prototype methods, and the constructor's collections
are the single instance's (model/collections.py ``_es5_collections``).  A
lookup in a prototype method reads the collection its constructor made
(``reads_collection``).  `Base.call(this, …)` in a subclass constructor is
`Function.prototype.call`, not a prototype method named `call`.
"""

from __future__ import annotations

import pytest

from tests.test_round8_facts import run_json, write

ES5_MAP = """\
'use strict';

function RequestMap() {
  this._requests = new Map();
  this._other = new Map();
}

RequestMap.prototype.keep = function keep(id) {
%s  this._requests.set(id, { at: Date.now() });
};

RequestMap.prototype.take = function take(id) {
  const found = this._requests.get(id);
%s  return found;
};

module.exports = RequestMap;
"""

SERVER = """\
const RequestMap = require('./map');
const express = require('express');
%s
const app = express();

app.get('/item', (req, res) => {
%s  pending.keep(req.query.id);
  res.end();
});

app.listen(3000);
"""

AT_TOP = "const pending = new RequestMap();"
PER_REQUEST = "  const pending = new RequestMap();\n"
LOOKUP = "  if (this._requests.get(id)) return;\n"
OTHER_LOOKUP = "  if (this._other.get(id)) return;\n"
DELETE = "  this._requests.delete(id);\n"

ES5_SINGLETON_CASES = [
    # made once at the top of the importing file: the one instance's Map grows per request
    ("module-level instance, no removal", "", "", AT_TOP, "", {("map.js", 4)}, "grows in `keep()` on every request"),
    # a removal only when some code asks for a key, after a lookup of the same Map in the prototype method
    ("module-level instance, removal on demand", LOOKUP, DELETE, AT_TOP, "", {("map.js", 4)}, "is a cache filled"),
    # the lookup reads another Map: no memoising, and the delete counts as eviction
    ("lookup of another field", OTHER_LOOKUP, DELETE, AT_TOP, "", set(), None),
    # a new instance per request: its Map goes with the request
    ("instance made per request", "", "", "", PER_REQUEST, set(), None),
]


@pytest.mark.parametrize(
    "label, lookup, delete, top, local, expected, phrase", ES5_SINGLETON_CASES, ids=[c[0] for c in ES5_SINGLETON_CASES]
)
def test_exported_es5_constructor_made_once_in_another_file(tmp_path, label, lookup, delete, top, local, expected, phrase):
    write(tmp_path, {"map.js": ES5_MAP % (lookup, delete), "server.js": SERVER % (top, local)})
    findings = [f for f in run_json(tmp_path, ".") if f["rule"] == "LL001"]
    assert {(f["path"], f["line"]) for f in findings} == expected
    if phrase is not None:
        assert all(phrase in f["message"] and "created once, at server.js:3" in f["message"] for f in findings)


BASE = """\
var util = require('util');
var events = require('events');

var Connection = function Connection(ep) {
  events.EventEmitter.call(this);
  this.endpoint = ep;
  this.callbacks = [];
  this.latestId = 0;
};

util.inherits(Connection, events.EventEmitter);

Connection.prototype.call = function call(method, callback) {
  var id = ++this.latestId;
  this.callbacks[id] = callback;
  this.write(JSON.stringify({ method: method, id: id }));
};

module.exports = Connection;
"""

SUBCLASS = """\
var util = require('util');
var Connection = require('./connection');

var SocketConnection = function (endpoint, socket) {
  Connection.call(this, endpoint);
  this.socket = socket;
};

util.inherits(SocketConnection, Connection);

SocketConnection.prototype.write = function write(data) {
  this.socket.write(data);
};

module.exports = SocketConnection;
"""

CLIENT = """\
var net = require('net');
var SocketConnection = require('./socket-connection');

var conn = new SocketConnection(null, net.connect(8089));
setInterval(function () {
  conn.%s('ping', function () {});
}, 1000);
"""

# The negative side of the method resolution the first test's rows rely on ("on every request" needs
# `pending.keep()` resolved to `RequestMap.prototype.keep`): `Connection.call(this, ep)` / `.apply(this, …)`
# run the base constructor, once per instance, and are not `Connection.prototype.call`; read as that method,
# they made `call()` look run once and hid the pending callbacks it files under a counter (round 9's jsonrpc2).
SUPER_CALL_CASES = [
    ("subclass constructor's Base.call(this)", "Connection.call(this, endpoint);"),
    ("subclass constructor's Base.apply(this)", "Connection.apply(this, [endpoint]);"),
]


@pytest.mark.parametrize("label, super_call", SUPER_CALL_CASES, ids=[c[0] for c in SUPER_CALL_CASES])
def test_base_call_in_a_subclass_constructor_is_not_a_prototype_method(tmp_path, label, super_call):
    subclass = SUBCLASS.replace("Connection.call(this, endpoint);", super_call)
    write(tmp_path, {"connection.js": BASE, "socket-connection.js": subclass, "client.js": CLIENT % "call"})
    findings = run_json(tmp_path, ".")
    assert {(f["path"], f["line"]) for f in findings if f["rule"] == "LL001"} == {("connection.js", 7)}


SPINNER = """\
var React = require('react');

var Spinner = React.createClass({
  componentDidMount() {
    %s
  },

  componentWillUnmount() {
    clearInterval(this.interval);
  },

  rotate() {},

  render() {
    return null;
  }
});

module.exports = Spinner;
"""

HANDLE_OPERAND_CASES = [
    # an operator makes a new number or boolean of the handle: nothing keeps the handle itself
    ("difference (a typo for =)", "this.interval - setInterval(() => this.rotate(), 1000);", {5}),
    ("negation", "!setInterval(() => this.rotate(), 1000);", {5}),
    ("void", "void setInterval(() => this.rotate(), 1000);", {5}),
    ("tested as a condition", "this.interval = setInterval(() => this.rotate(), 1000) ? 1 : 0;", {5}),
    # the handle itself is kept, and componentWillUnmount clears it
    ("assignment", "this.interval = setInterval(() => this.rotate(), 1000);", set()),
    ("through ||", "this.interval = setInterval(() => this.rotate(), 1000) || null;", set()),
    ("a conditional's branch", "this.interval = this.props.still ? null : setInterval(() => this.rotate(), 1000);", set()),
]


@pytest.mark.parametrize("label, start, lines", HANDLE_OPERAND_CASES, ids=[c[0] for c in HANDLE_OPERAND_CASES])
def test_timer_handle_used_as_an_operand_is_discarded(tmp_path, label, start, lines):
    write(tmp_path, {"spinner.js": SPINNER % start})
    findings = run_json(tmp_path, "spinner.js")
    assert {f["line"] for f in findings if f["rule"] == "LL004"} == lines
