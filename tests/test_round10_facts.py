"""Model facts for the round-10 miss causes (tests/corpus/README.md, "Round 10").

Each fact has rows of both signs: where it applies and where the same code
shape must stay quiet.

- handle slots (cause 4): a factory's `let` shared by the methods of the
  object it returns outlives each call of those methods (LL004);
- removals that do not cover every end (cause 1): a delete under another
  property of the object the lookup's key was read from is no eviction (LL001);
  a removal in the closing listener after an early `return` on a test of
  something other than the socket does not cover every end (LL003);
  a selective sweep that only the owner's shutdown method runs bounds nothing
  (LL001);
- a page listener (window, document) of a React class component removed only
  in methods its `componentWillUnmount()` does not reach stays after unmount
  (LL002); `this` in a class-field arrow is the instance, as in a method;
- a listener added to a field the function has just refilled is removed only
  from the latest value (LL002);
- repetition (cause 2): a React spec member called as `this.m()` runs as often
  as its most frequent caller, `componentWillReceiveProps` on every update;
- receivers and streams (cause 3): the `stdin` of a process `spawn()` starts
  is a Writable (LL006); a `matchMedia()` list keeps its listeners, and its
  one-argument `addListener(fn)` is a 'change' listener (LL002);
- values followed through calls (cause 5): a key made by a helper (same file
  or imported) from the fields of its parameter has the parameter's provenance;
"""

from __future__ import annotations

import pytest

from tests.ruletest import run
from tests.test_round8_facts import run_json, write

# -- (4) a factory's `let` shared by the methods of the object it returns --------------------------

FACTORY = """\
const makeTimer = (handler, ms) => {
%s
  return {
    start() {
%s
    },
%s
  };
};

const poll = makeTimer(() => refresh(), 1000);
document.addEventListener('visibilitychange', () => {
  poll.start();
});
"""

STOP = "    stop() {\n      clearInterval(id);\n    }"
GETTER_STOP = "    get isStarted() {\n      return id !== -1;\n    },\n" + STOP.replace("(id);", "(id);\n      id = -1;")

FACTORY_CASES = [
    # start() overwrites the factory's `id`, which stop() clears: the slot outlives each start()
    ("factory let shared by start and stop", "  let id = -1;", "      id = setInterval(handler, ms);", STOP, [5]),
    ("through a returned local",
     "  let id = -1;", "      id = setInterval(handler, ms);", STOP, [5]),
    # guarded by a getter of the same object that reads the slot: the fixed side
    ("guarded by this.isStarted", "  let id = -1;",
     "      if (!this.isStarted) {\n        id = setInterval(handler, ms);\n      }", GETTER_STOP, []),
    # a `let` of the one call: fresh every call, its own callback clears it
    ("let local to one call", "  let runs = 0;",
     "      let id = -1;\n      id = setInterval(() => {\n        handler();\n        if (++runs > 3) clearInterval(id);\n"
     "      }, ms);", "    get count() {\n      return runs;\n    }", []),
]


@pytest.mark.parametrize("label, local, body, others, lines", FACTORY_CASES, ids=[c[0] for c in FACTORY_CASES])
def test_factory_local_shared_by_returned_methods(label, local, body, others, lines):
    code = FACTORY % (local, body, others)
    if label == "through a returned local":
        code = code.replace("  return {", "  const api = {").replace("  };\n};", "  };\n  return api;\n};")
    assert [f.line for f in run(code, "LL004")] == lines


# -- (1) a delete under another property of the message than the lookup --------------------------

CHANNEL = """\
class Channel {
    constructor(port) {
        this.msgId = 1;
        this.callbacks = new Map();
        port.on('message', (msg) => {
%s
        });
    }

    send(name, data, callback) {
        this.port.postMessage({ name, data, msgId: this.msgId });
        this.callbacks.set(this.msgId, callback);
        this.msgId++;
    }
}
"""

WRONG_KEY_CASES = [
    ("deleted under another property", "const cb = this.callbacks.get(msg.callbackId);\n"
     "if (cb) { cb(msg.data); this.callbacks.delete(msg.msgId); }", [4]),
    ("deleted under the key looked up", "const cb = this.callbacks.get(msg.callbackId);\n"
     "if (cb) { cb(msg.data); this.callbacks.delete(msg.callbackId); }", []),
    ("a local alias of the key", "const key = msg.callbackId;\nconst cb = this.callbacks.get(key);\n"
     "if (cb) { cb(msg.data); this.callbacks.delete(key); }", []),
    # not both member reads of one object: the fact stays out of it
    ("lookup under a local, delete under a member", "const key = msg.callbackId;\n"
     "const cb = this.callbacks.get(key);\nif (cb) { cb(msg.data); this.callbacks.delete(msg.msgId); }", []),
    ("members of two objects", "const reply = msg.reply;\nconst cb = this.callbacks.get(msg.id);\n"
     "if (cb) { cb(msg.data); this.callbacks.delete(reply.id); }", []),
]


@pytest.mark.parametrize("label, handler, lines", WRONG_KEY_CASES, ids=[c[0] for c in WRONG_KEY_CASES])
def test_delete_under_another_property_is_no_eviction(label, handler, lines):
    code = CHANNEL % "\n".join("            " + line for line in handler.splitlines())
    assert [f.line for f in run(code, "LL001")] == lines


# -- (1) a removal in the closing listener after an early return ---------------------------------

LOBBY = """\
const io = require('socket.io')(3000);
const sockets = {};

io.on('connection', (socket) => {
  sockets[socket.id] = socket;
  socket.on('disconnect', (reason) => {
%s
  });
});
"""

EARLY_RETURN_CASES = [
    ("removal after a return on another condition",
     "const game = findGame(socket.id);\nif (!game) return;\ngame.leave(socket.id);\ndelete sockets[socket.id];", [5]),
    ("removal before the return",
     "delete sockets[socket.id];\nconst game = findGame(socket.id);\nif (!game) return;\ngame.leave(socket.id);", []),
    ("removal on both branches",
     "const game = findGame(socket.id);\nif (!game) {\n  delete sockets[socket.id];\n  return;\n}\n"
     "game.leave(socket.id);\ndelete sockets[socket.id];", []),
    # a test of the socket itself (the connection handler's parameter) is no way to keep the entry
    ("return on a test of the socket", "if (!socket) return;\ndelete sockets[socket.id];", []),
    ("return on a test of the listener's parameter", "if (!reason) return;\ndelete sockets[socket.id];", []),
    ("no early return", "const game = findGame(socket.id);\nif (game) game.leave(socket.id);\ndelete sockets[socket.id];", []),
]


@pytest.mark.parametrize("label, body, lines", EARLY_RETURN_CASES, ids=[c[0] for c in EARLY_RETURN_CASES])
def test_removal_after_early_return_in_closing_listener(label, body, lines):
    code = LOBBY % "\n".join("    " + line for line in body.splitlines())
    assert [f.line for f in run(code, "LL003")] == lines


# -- (1, 5) a key helper of the parameter; a sweep only the shutdown method runs -----------------

ROUTE = """\
export function routeKey(route) {
  return %s;
}
"""

MANAGER = """\
%s

export class SessionManager {
  constructor() {
    this.data = new Map();
%s  }

  getSession(route) {
    const key = routeKey(route);
    let entry = this.data.get(key);
    if (!entry) {
      entry = { route, lastActivity: 0 };
      this.data.set(key, entry);
    }
    entry.lastActivity = Date.now();
    return entry;
  }

  evictStale() {
    for (const [key, entry] of this.data) {
      if (Date.now() - entry.lastActivity > 86400000) this.data.delete(key);
    }
  }

  closeAll() {
    this.evictStale();
  }
}
"""

BOT = """\
import { SessionManager } from './manager.js';

export class ChatBot {
  constructor(bot) {
    this.manager = new SessionManager();
    bot.on('message', (ctx) => {
      this.manager.getSession({ chatId: ctx.chat.id, threadId: ctx.message.thread_id });
    });
  }

  stop() {
    this.manager.closeAll();
  }
}
"""

FIELDS = "route.threadId === undefined ? String(route.chatId) : `${route.chatId}:${route.threadId}`"
IMPORTED = "import { routeKey } from './route.js';"
SAME_FILE = "function routeKey(route) {\n  return %s;\n}"
TIMER = "    setInterval(() => this.evictStale(), 3600000);\n"

SESSION_CASES = [
    # the key is built from the route's fields, and the only sweep runs at shutdown
    ("imported key helper, sweep only at shutdown", IMPORTED, FIELDS, "", {("manager.js", 5)}),
    ("same-file key helper, sweep only at shutdown", SAME_FILE % FIELDS, FIELDS, "", {("manager.js", 7)}),
    # the same sweep on an hourly timer bounds the map
    ("sweep on a timer", IMPORTED, FIELDS, TIMER, set()),
    # the helper hands back the route itself: a route name, drawn from a fixed set
    ("helper returns the parameter itself", IMPORTED, "route", "", set()),
    ("helper reads a module constant", "const PREFIX = 'r';\nfunction routeKey(route) {\n  return PREFIX + route;\n}",
     FIELDS, "", set()),
]


@pytest.mark.parametrize("label, helper, body, timer, expected", SESSION_CASES, ids=[c[0] for c in SESSION_CASES])
def test_key_helper_and_shutdown_only_sweep(tmp_path, label, helper, body, timer, expected):
    write(tmp_path, {"route.js": ROUTE % body, "manager.js": MANAGER % (helper, timer), "bot.js": BOT})
    findings = run_json(tmp_path, ".")
    assert {(f["path"], f["line"]) for f in findings if f["rule"] == "LL001"} == expected


# the fact itself: which parameter a helper builds its return from the fields of
FIELD_RETURN_CASES = [
    ("template of two fields", "function k(route) { return `${route.chatId}:${route.threadId}`; }", 0),
    ("String() of a field of the second parameter", "function k(a, route) { return String(route.chatId); }", 1),
    ("the parameter itself", "function k(route) { return route; }", None),
    ("fields of two parameters", "function k(a, b) { return a.x + b.y; }", None),
    ("a local helper's result", "function k(route) { return fmt(route.chatId); }\nfunction fmt(x) { return x; }", None),
]


@pytest.mark.parametrize("label, code, expected", FIELD_RETURN_CASES, ids=[c[0] for c in FIELD_RETURN_CASES])
def test_field_return_parameter(label, code, expected):
    from leaklint.model.field_keys import field_return_parameter
    from tests.test_model import model_of

    model = model_of(code)
    helper = next(f for f in model.functions if f.name == "k")
    assert field_return_parameter(model, helper) == expected


# -- (1) a registry of open resources: every removal closes what it removes ----------------------

LIVE = """\
export class LiveSessions {
  constructor(open) {
    this.open = open;
    this.sessions = new Map();
  }

  getSession(route) {
    const key = String(route.chatId);
    const live = this.sessions.get(key);
    if (live) return live;
    const session = this.open(key);
    this.sessions.set(key, session);
    return session;
  }

  resetSession(route) {
    const key = String(route.chatId);
    const old = this.sessions.get(key);
    if (old) {
%s      this.sessions.delete(key);
    }
  }
}
"""

LIVE_BOT = """\
import { LiveSessions } from './live.js';

export class ChatBot {
  constructor(bot, open) {
    this.live = new LiveSessions(open);
    bot.on('message', (ctx) => this.live.getSession({ chatId: ctx.chat.id }));
    bot.command('clear', (ctx) => this.live.resetSession({ chatId: ctx.chat.id }));
  }
}
"""

REGISTRY_CASES = [
    # removed only when a /clear names the key: the entries of every other chat stay
    ("removed by name without closing", "", {("live.js", 4)}),
    # each removal closes the session it removes: the map holds what is open, no more
    ("closed, then removed", "      old.close();\n", set()),
    ("closed through another value", "      this.open(key).close();\n", {("live.js", 4)}),
]


@pytest.mark.parametrize("label, close, expected", REGISTRY_CASES, ids=[c[0] for c in REGISTRY_CASES])
def test_registry_of_open_resources(tmp_path, label, close, expected):
    write(tmp_path, {"live.js": LIVE % close, "bot.js": LIVE_BOT})
    findings = run_json(tmp_path, ".")
    assert {(f["path"], f["line"]) for f in findings if f["rule"] == "LL001"} == expected


# -- (3) a child process's stdin is a Writable ----------------------------------------------------

ENCODE = """\
import { spawn } from "child_process";

export async function encodeAll(frames, outputPath, other) {
  const ffmpeg = %s;
  for (const frame of frames) {
%s  }
  ffmpeg.stdin.end();
}
"""

SPAWN = 'spawn("ffmpeg", ["-i", "-", "-y", outputPath], { stdio: ["pipe", "pipe", "pipe"] })'
WRITE = "    ffmpeg.stdin.write(frame);\n"
AWAITED = ("    if (!ffmpeg.stdin.write(frame)) {\n"
           "      await new Promise((resolve) => ffmpeg.stdin.once('drain', resolve));\n    }\n")

STDIN_CASES = [
    ("spawned child's stdin in a loop", SPAWN, WRITE, [6]),
    ("waits for 'drain'", SPAWN, AWAITED, []),
    # not started here: whatever `other` is, the file does not show a pipe
    ("stdin of a parameter", "other", WRITE, []),
    ("stdin of a local call", "makeEncoder(outputPath)", WRITE, []),
]


@pytest.mark.parametrize("label, made, body, lines", STDIN_CASES, ids=[c[0] for c in STDIN_CASES])
def test_child_process_stdin_is_writable(label, made, body, lines):
    assert [f.line for f in run(ENCODE % (made, body), "LL006", "ts")] == lines


# -- (1) a page listener of a React class component removed only outside its teardown -------------

SEARCH = """\
import React, { Component } from "react";

class SearchInput %s {
%s
  containerClick = () => {
    %s.addEventListener("click", this.windowClick);
  };

  windowClick = () => {
    this.blurInput();
  };

  blurInput = () => {
    %s.removeEventListener("click", this.windowClick);
  };

  render() {
    return <div onClick={this.containerClick} />;
  }
}

export default SearchInput;
"""

REACT = "extends Component"
UNMOUNT = "  componentWillUnmount() {\n    window.removeEventListener(\"click\", this.windowClick);\n  }\n"
UNMOUNT_CALLS = "  componentWillUnmount() {\n    this.blurInput();\n  }\n"

OUTSIDE_TEARDOWN_CASES = [
    ("removed only on blur", REACT, "", "window", [6]),
    ("removed only on blur, global.window", REACT, "", "global.window", [6]),
    ("also removed in componentWillUnmount", REACT, UNMOUNT, "window", []),
    ("componentWillUnmount calls the removing method", REACT, UNMOUNT_CALLS, "window", []),
    # not a component: nothing says when its instances go away
    ("a plain class", "", "", "window", []),
]


@pytest.mark.parametrize("label, base, unmount, receiver, lines", OUTSIDE_TEARDOWN_CASES,
                         ids=[c[0] for c in OUTSIDE_TEARDOWN_CASES])
def test_page_listener_removed_only_outside_teardown(label, base, unmount, receiver, lines):
    code = SEARCH % (base, unmount, receiver, receiver)
    findings = run(code, "LL002", "tsx")
    assert [f.line for f in findings] == lines
    assert all("not when the component unmounts" in f.message for f in findings)


# excalidraw's drag handlers: the pointerup listener the pointer-down handler defines beside the
# others removes them all, so each drag ends its own listeners
DRAG = """\
import React, { Component } from "react";

class Canvas extends Component {
  handlePointerDown = (event) => {
    const onPointerMove = (e) => this.setState({ x: e.clientX });
%s
    window.addEventListener("pointermove", onPointerMove);
    window.addEventListener("pointerup", onPointerUp);
  };
%s
  render() {
    return <canvas onPointerDown={this.handlePointerDown} />;
  }
}

export default Canvas;
"""

OWN_END = """    const onPointerUp = () => {
      window.removeEventListener("pointermove", onPointerMove);
      window.removeEventListener("pointerup", onPointerUp);
    };"""
OUTSIDE_END = """    const onPointerUp = () => this.endDrag(onPointerMove, onPointerUp);"""
END_METHOD = """
  endDrag(onPointerMove, onPointerUp) {
    window.removeEventListener("pointermove", onPointerMove);
    window.removeEventListener("pointerup", onPointerUp);
  }
"""

DRAG_CASES = [
    ("removed by the pointerup listener the handler defines", OWN_END, "", []),
    # a method elsewhere removes them: the drag's end is not in the adding function
    ("removed only in another method", OUTSIDE_END, END_METHOD, [7, 8]),
]


@pytest.mark.parametrize("label, up, method, lines", DRAG_CASES, ids=[c[0] for c in DRAG_CASES])
def test_listener_removed_by_a_closure_of_the_adding_function_ends_itself(label, up, method, lines):
    assert [f.line for f in run(DRAG % (up, method), "LL002", "tsx")] == lines


# the fact under it: `this` in a class-field arrow is the instance, as in a method
THIS_PATH_CASES = [
    ("class-field arrow and method", "class A {\n  f = () => this.x;\n  g() { return this.x; }\n}", True),
    ("nested arrow in a class-field arrow", "class A {\n  f = () => [1].map(() => this.x);\n  g() { return this.x; }\n}", True),
    ("two classes", "class A {\n  f = () => this.x;\n}\nclass B {\n  g() { return this.x; }\n}", False),
]


@pytest.mark.parametrize("label, code, same", THIS_PATH_CASES, ids=[c[0] for c in THIS_PATH_CASES])
def test_this_in_class_field_arrow_is_the_instance(label, code, same):
    from tests.test_model import model_of

    model = model_of(code)
    members = []
    stack = [model.tree.root_node]
    while stack:
        node = stack.pop()
        if node.type == "member_expression" and node.text == b"this.x":
            members.append(node)
        stack.extend(node.children)
    paths = {model.access_path(m) for m in members}
    assert len(members) == 2 and (len(paths) == 1) == same


# -- (1, 2, 3) matchMedia() lists, a field refilled before each add, React spec helpers ----------

MEDIA_CLASS = """\
import React from "react";

export default class MediaQuery extends React.Component {
  componentDidMount() {
    this.updateQuery(this.props);
  }

  componentDidUpdate() {
    this.updateQuery(this.props);
  }

  updateQuery(props) {
%s    this._mql = %s(props.query);
    this._mql.addListener(this.updateMatches);
  }

  updateMatches = () => {
    this.setState({ matches: this._mql.matches });
  };
%s
  render() {
    return null;
  }
}
"""

REMOVE_FIRST = "    if (this._mql) this._mql.removeListener(this.updateMatches);\n"
ON_UNMOUNT = "\n  componentWillUnmount() {\n    this._mql.removeListener(this.updateMatches);\n  }\n"

MEDIA_CLASS_CASES = [
    # the document keeps every list with a listener; nothing removes this one
    ("matchMedia list, no removal", "", "window.matchMedia", "", [14]),
    # removed on unmount from the last list only: the field was refilled before each add
    ("removed on unmount from the latest list", "", "window.matchMedia", ON_UNMOUNT, [14]),
    ("removed from the old list before refilling", REMOVE_FIRST, "window.matchMedia", ON_UNMOUNT, []),
    # not known to be a MediaQueryList: a one-argument addListener() is no listener the index knows
    ("a local helper's value", "", "makeQuery", "", []),
]


@pytest.mark.parametrize("label, first, maker, unmount, lines", MEDIA_CLASS_CASES, ids=[c[0] for c in MEDIA_CLASS_CASES])
def test_media_query_list_listeners(label, first, maker, unmount, lines):
    code = MEDIA_CLASS % (first, maker, unmount)
    if maker == "makeQuery":
        code = code.replace("export default class", "function makeQuery(q) {\n  return { q, addListener() {} };\n}\n\nexport default class")
        lines = [line + 4 for line in lines]
    assert [f.line for f in run(code, "LL002", "tsx")] == lines


SPEC = """\
var React = require('react');

module.exports = React.createClass({
  componentWillMount: function() {
    this.updateQuery(this.props);
  },
%s
  updateQuery: function(props) {
    this._mql = window.matchMedia(props.query);
    this._mql.addListener(this.updateMatches);
  },

  componentWillUnmount: function() {
    this._mql.removeListener(this.updateMatches);
  },

  updateMatches: function() {
    this.setState({ matches: this._mql.matches });
  },

  render: function() {
    return null;
  }
});
"""

RECEIVE = "\n  componentWillReceiveProps: function(props) {\n    this.updateQuery(props);\n  },\n"

SPEC_CASES = [
    # run again for every new set of props, through `this.updateQuery()`
    ("helper called from componentWillReceiveProps", RECEIVE, [14]),
    # only from the mount hook: one list per instance, removed on unmount
    ("helper called only from componentWillMount", "", []),
]


@pytest.mark.parametrize("label, receive, lines", SPEC_CASES, ids=[c[0] for c in SPEC_CASES])
def test_react_spec_helper_runs_as_often_as_its_callers(label, receive, lines):
    assert [f.line for f in run(SPEC % receive, "LL002")] == lines
