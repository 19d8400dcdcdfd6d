"""Model facts for the round-10 miss causes (tests/corpus/README.md, "Round 10").

Each fact has rows of both signs: where it applies and where the same code
shape must stay quiet.

- handle slots (cause 4): a factory's `let` shared by the methods of the
  object it returns outlives each call of those methods (LL004);
- removals that do not cover every end (cause 1): a delete under another
  property of the object the lookup's key was read from is no eviction (LL001);
  a removal in the closing listener after an early `return` on a test of
  something other than the socket does not cover every end (LL003);
"""

from __future__ import annotations

import pytest

from tests.ruletest import run

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
