"""LL002: a one-shot flag kept on the request, and the sender of an Electron `ipcMain` message.

Facts, with cases of both signs:
- `if (req._bodyRead) return; req._bodyRead = true;` lets the rest run once per request, not once:
  each request is a new holder of the flag, so a listener the block adds to the keep-alive
  connection (`req.socket`) still piles up (restify's body reader). A flag on `this`, or on what
  the request leads to (`req.app.x`), is still a guard (more cases: tests/test_round7_facts.py).
- `event.sender` of an `ipcMain` listener (also `const { sender } = event`) is the sending window's
  webContents, the same for every message: a `.once('destroyed', …)` added to it per message is
  removed only when the window goes (electron-ipc-proxy). Electron's end-of-life events
  `'destroyed'` and `'closed'` rarely fire for a `.once()`.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL002"

_BODY_READER = """
function readBody(req, res, next) {
  if ({flag}) { next(); return; }
  {flag} = true;
  req.socket.once('close', next);
  req.resume();
}
app.use(readBody);
"""

INVALID = [
    Invalid(
        _BODY_READER.replace("{flag}", "req._bodyRead"),
        at=((4, 3),),
        why="the flag lives on the request: once per request, and the socket serves the next requests too",
    ),
    Invalid(
        """
        import { ipcMain } from 'electron';
        ipcMain.on('call', (event, request) => {
          event.sender.once('destroyed', () => forget(request));
          handle(request);
        });
        """,
        at=((3, 3),),
        why="a once('destroyed') on the sending window per message",
    ),
    Invalid(
        """
        import { ipcMain, IpcMain } from 'electron';
        export function expose(channel, transport: IpcMain = ipcMain) {
          transport.on(channel, (event, request) => {
            let { sender } = event;
            sender.once('destroyed', () => { sender = null; });
            handle(request).then((r) => sender && sender.send('reply', r));
          });
        }
        """,
        at=((5, 5),),
        why="through a destructured sender, on a transport parameter defaulting to ipcMain",
        lang="ts",
    ),
]

VALID = [
    Valid(
        _BODY_READER.replace("{flag}", "this._bodyRead").replace("function readBody", "function readBodyOnce"),
        why="a flag on `this` is still a guard (once per holder)",
    ),
    Valid(
        _BODY_READER.replace("{flag}", "req.app.bodyReaderReady"),
        why="a flag on what the request leads to (the app), not on the request itself",
    ),
    Valid(
        """
        import { ipcMain } from 'electron';
        ipcMain.on('call', (event, request) => {
          handle(request).then((r) => event.sender.send('reply', r));
        });
        """,
        why="replying on the sender adds nothing to it",
    ),
Valid(
        """
        import { EventEmitter } from 'node:events';
        const bus = new EventEmitter();
        bus.on('call', (event, request) => {
          event.sender.once('destroyed', () => forget(request));
        });
        """,
        why="`sender` of an event from another emitter is nothing Electron says",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)
