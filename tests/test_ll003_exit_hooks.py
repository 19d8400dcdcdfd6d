"""LL003: a closure over the request handed to a process exit hook (signal-exit and its kin) per request."""

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
