"""LL003: request closures handed to process exit hooks, and sockets another file's helper removes from a shared collection."""

import pytest

from tests.ruletest import run

RULE = "LL003"

_UPLOADS = """
%IMPORT%
const multipart = require('connect-multiparty');
function autoClean(files, remove) { if (remove) remove(); }
function cleanSync(files) {}
exports.parse = function (options) {
  return function (req, res) {
    %REGISTER%
    return multipart(options).apply(this, arguments);
  };
};
"""


@pytest.mark.parametrize(
    "imported, register, reported",
    [
        # the remover is dropped: the exit hook list keeps one closure, and its `req`, per request
        ("const onExit = require('signal-exit');", "onExit(() => cleanSync(req.files));", True),
        ("import { onExit } from 'signal-exit';", "onExit(() => cleanSync(req.files));", True),
        ("const signalExit = require('signal-exit');", "signalExit.onExit(() => cleanSync(req.files));", True),
        ("import exitHook from 'exit-hook';", "exitHook(() => cleanSync(req.files));", True),
        ("const exitHook = require('async-exit-hook');", "exitHook(() => cleanSync(req.files));", True),
        # look-alikes: the remover is kept and called when the files are gone, the closure keeps no request,
        # another module's function of the same name, the process's own 'exit' event (LL002's)
        ("const onExit = require('signal-exit');",
         "const remove = onExit(() => cleanSync(req.files));\n"
         "    res.on('finish', () => autoClean(req.files, remove));\n"
         "    req.on('close', () => autoClean(req.files, remove));", False),
        ("const onExit = require('signal-exit');",
         "const files = req.files;\n    onExit(() => cleanSync(files));", False),
        ("const onExit = require('./exit');", "onExit(() => cleanSync(req.files));", False),
        ("const onExit = (fn) => fn;", "onExit(() => cleanSync(req.files));", False),
        ("", "process.once('exit', () => cleanSync(req.files));", False),
    ],
)
def test_a_request_closure_given_to_an_exit_hook_stays_until_the_process_exits(imported, register, reported):
    code = _UPLOADS.replace("%IMPORT%", imported).replace("%REGISTER%", register)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


_SOCKETS = """\
const { handleDisconnect } = require('./cabotage.js');
const { connected } = require('./socketdata.js');

function setup(server) {
  const io = require('socket.io')(server);
  io.on('connection', function (socket) {
    connected[socket.id] = socket;
    %LISTENER%
  });
}
function kick(id) {
  handleDisconnect(id);
}
module.exports = { setup, kick };
"""
_CABOTAGE = """\
const { connected, subscribers } = require('./socketdata.js');
const own = {};
function handleDisconnect(socketid) {
  %REMOVE%
}
module.exports = { handleDisconnect };
"""
_DATA = "const connected = {};\nconst subscribers = {};\nmodule.exports = { connected, subscribers };\n"


_ON_DISCONNECT = "socket.on('disconnect', function () { handleDisconnect(socket.id); });"


@pytest.mark.parametrize(
    "listener, remove, reported",
    [
        # another file's helper, called when the socket disconnects, deletes from the same imported collection
        (_ON_DISCONNECT, "delete connected[socketid];", False),
        (_ON_DISCONNECT, "Object.keys(connected).forEach((k) => { if (k === socketid) delete connected[k]; });", False),
        # look-alikes: another collection, a collection of the helper's own, called only from `kick()`
        (_ON_DISCONNECT, "delete subscribers[socketid];", True),
        (_ON_DISCONNECT, "delete own[socketid];", True),
        ("", "delete connected[socketid];", True),
    ],
)
def test_a_socket_removed_by_another_files_helper_from_the_shared_collection(tmp_path, listener, remove, reported):
    from tests.test_round8_facts import run_json, write

    write(tmp_path, {
        "src/sockets.js": _SOCKETS.replace("%LISTENER%", listener),
        "src/cabotage.js": _CABOTAGE.replace("%REMOVE%", remove),
        "src/socketdata.js": _DATA,
    })
    findings = [f for f in run_json(tmp_path, ".") if f["rule"] == RULE]
    assert bool(findings) is reported, [f["message"] for f in findings]
