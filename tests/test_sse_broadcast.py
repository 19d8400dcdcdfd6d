"""LL006: server-sent events broadcast on a timer to stored responses, with nothing pacing them.

Fact (leaklint/model/ws_sends.py, ``unpaced_response_writes``), with cases of both signs: a request
handler keeps its `res` in a module-level collection, and a timer writes to every response there,
dropping what `write()` returns, in a file that never waits for 'drain' or reads `writableNeedDrain`.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL006"

SERVER = """
const http = require('http');
const clients = new Set();
http.createServer((req, res) => {{
  res.writeHead(200, {{ 'Content-Type': 'text/event-stream' }});
  clients.add(res);
  req.on('close', () => clients.delete(res));
}}).listen(8100);
{broadcast}
"""


def server(broadcast: str) -> str:
    return SERVER.format(broadcast=broadcast)


INVALID = [
    Invalid(
        server("setInterval(() => {\n  for (const client of clients) client.write(`data: ${Date.now()}\\n\\n`);\n}, 2000);"),
        at=((9, 33),),
        why="a timer writes to every kept response and drops the result",
        message_contains="drops its `false`",
    ),
    Invalid(
        server("function broadcast() {\n  clients.forEach((c) => {\n    c.write('data: tick\\n\\n');\n  });\n}\nsetInterval(broadcast, 1000);"),
        at=((10, 5),),
        why="forEach over the kept responses, from a function the timer calls",
    ),
]

VALID = [
    Valid(
        server("setInterval(() => {\n  for (const client of clients) {\n    if (client.writableNeedDrain) continue;\n    client.write('data: tick\\n\\n');\n  }\n}, 2000);"),
        why="slow clients are skipped by writableNeedDrain",
    ),
    Valid(
        server("setInterval(() => {\n  for (const client of clients) {\n    if (!client.write('data: tick\\n\\n')) clients.delete(client);\n  }\n}, 2000);"),
        why="a client whose write returns false is dropped",
    ),
    Valid(
        server("process.on('SIGUSR2', () => {\n  for (const client of clients) client.write('data: reload\\n\\n');\n});"),
        why="written on a rare event, not on a timer",
    ),
    Valid(
        """
        const fs = require('fs');
        const logs = [fs.createWriteStream('/tmp/a.log')];
        setInterval(() => { for (const log of logs) log.write('tick\\n'); }, 1000);
        """,
        why="the collection holds files the module opened, not the responses of requests",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)
