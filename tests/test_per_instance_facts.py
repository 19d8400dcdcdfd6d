"""Project link: a method that runs at most once per instance of its class (issue 7, real code, round 13).

kuzzle's cluster node starts its heartbeat in `startHeartbeat()`, reached only as
`await new Cluster().init()` → `this.handshake()` → `this.startHeartbeat()`, and its ID-card
handler's refresh timer through `this.idCardHandler.createIdCard()` on a field the node's
constructor sets once; each `start` overwrites a handle only if it runs twice on one instance.
The link shows it runs at most once per instance when every call is on an instance just made,
or is the one `this.m()` / `this.g.m()` (on a field set once, in the constructor) of a method
that itself runs at most once per instance. A listener, a loop, a second call, a field set
elsewhere, or a per-request caller keeps the finding; a call on a receiver the link cannot
follow lowers it to medium, naming the fact.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_project_link import run_json

PROJECTS = Path(__file__).parent / "projects"
_NODE = "cluster/node.js"
_CARDS = "cluster/cards.ts"


def _ll004(root: Path) -> list[tuple[str, int, str]]:
    found = run_json(".", cwd=root)["findings"]
    return sorted((f["path"], f["line"], f["confidence"]) for f in found if f["rule"] == "LL004")


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new))


def test_a_start_reached_once_per_instance_through_its_owner_is_no_overwrite():
    assert _ll004(PROJECTS / "once-per-instance-chain") == []


_BEAT = (_NODE, 20, "high")
_REFRESH = (_CARDS, 10, "high")


@pytest.mark.parametrize(
    ("path", "old", "new", "expected"),
    [
        # a second join on the one node: both timers are overwritten while they run
        ("server.ts", "await new MemberNode().join();", "const node = new MemberNode();\n    await node.join();\n    await node.join();", [_REFRESH, _BEAT]),
        # the heartbeat restarted on every 'ready' of a long-lived client (kuzzle's Redis ping)
        (_NODE, "    this.startBeat();\n  }", "    this.startBeat();\n    process.on('ready', () => this.startBeat());\n  }", [(_NODE, 21, "high")]),
        # greeted once per seed in a loop: the one node's heartbeat is started again
        (_NODE, "    await this.greet();", "    for (const seed of this.seeds) await this.greet(seed);", [_REFRESH, _BEAT]),
        # the card keeper can be replaced after the constructor: the field no longer names one instance
        (_NODE, "  sendBeat() {}", "  sendBeat() {}\n\n  reset() {\n    this.cards = new CardKeeper();\n  }", [_REFRESH]),
        # a node made once at module level and joined on every request
        (
            "server.ts",
            "export class Server {\n  async boot(): Promise<void> {\n    await new MemberNode().join();\n  }\n}",
            "const node = new MemberNode();\nexport function onRequest(req: any, res: any) {\n  node.join();\n  res.end();\n}\n"
            "import http from 'http';\nhttp.createServer(onRequest);",
            [_REFRESH, _BEAT],
        ),
    ],
)
def test_a_start_that_can_run_twice_on_one_instance_is_still_reported(tmp_path, path, old, new, expected):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "once-per-instance-chain", root)
    _edit(root, path, old, new)
    assert _ll004(root) == expected


def test_a_call_on_a_receiver_the_link_cannot_follow_lowers_it_and_says_why(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "once-per-instance-chain", root)
    (root / "other.ts").write_text("export function again(member: any) {\n  member.join();\n}\n")
    assert _ll004(root) == [(_CARDS, 10, "medium"), (_NODE, 20, "medium")]
    found = [f for f in run_json(".", cwd=root)["findings"] if f["rule"] == "LL004"]
    notes = [r["message"] for f in found for r in f["related"]]
    assert any("called at most once per instance" in n and "server.ts:6" in n for n in notes)
    assert any("receivers the link cannot follow" in n for n in notes)


def test_a_cjs_folder_entry_that_re_exports_a_class_is_that_class(tmp_path):
    # `module.exports = require('./node')` of a file whose `module.exports = MemberNode`
    root = tmp_path / "p"
    shutil.copytree(PROJECTS / "once-per-instance-chain", root)
    _edit(root, "server.ts", "await new MemberNode().join();", "const node = new MemberNode();\n    node.join();\n    node.join();")
    assert (_NODE, 20, "high") in _ll004(root)  # the second join is seen only through the folder's entry


_SUBSCRIBER = (
    "export class Subscriber {\n"
    "  private beat: any = null\n"
    "  async init() { this.beat = setInterval(() => this.check(), 1000) }\n"
    "  check() {}\n"
    "  dispose() { clearInterval(this.beat) }\n"
    "}\n"
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # one subscriber per remote node, each made where it is initialised (kuzzle's ClusterSubscriber)
        (None, []),
        # `init` also called on an untyped receiver elsewhere: medium, no longer skipped to high
        ("export async function boot(plugin: any) {\n  await plugin.init()\n}\n", ["medium"]),
        # the same subscriber initialised on every 'ready' of a long-lived client
        (
            "import { Subscriber } from './subscriber'\n"
            "const shared = new Subscriber()\n"
            "process.on('ready' as any, () => shared.init())\n",
            ["high"],
        ),
    ],
)
def test_a_method_called_on_new_instances_by_once_run_code(tmp_path, extra, expected):
    (tmp_path / "subscriber.ts").write_text(_SUBSCRIBER)
    (tmp_path / "node.ts").write_text(
        "import { Subscriber } from './subscriber'\n"
        "export class Node {\n"
        "  async addNode(id: string) {\n"
        "    const subscriber = new Subscriber()\n"
        "    await subscriber.init()\n"
        "  }\n"
        "}\n"
    )
    if extra is not None:
        (tmp_path / "other.ts").write_text(extra)
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL004"]
    assert [f["confidence"] for f in found] == expected


def test_the_per_instance_fact_raises_no_frequency(tmp_path):
    # signalk-server's `bleApi.start()` on an API made in `startApis()`, with `x.start()` on untyped
    # receivers elsewhere: the fact lowers an overwrite; it does not make a set-up `start()` repeat
    (tmp_path / "ble.ts").write_text(
        "export class BleApi {\n"
        "  private pruner: any\n"
        "  async start() { this.pruner = setInterval(() => this.prune(), 1000) }\n"
        "  prune() {}\n"
        "}\n"
    )
    (tmp_path / "apis.ts").write_text(
        "import { BleApi } from './ble'\n"
        "export function startApis(app: any, others: any[]) {\n"
        "  const ble = new BleApi()\n"
        "  others.forEach((o) => o.start())\n"
        "  return ble.start()\n"
        "}\n"
    )
    found = [f for f in run_json(".", cwd=tmp_path)["findings"] if f["rule"] == "LL004"]
    assert found == []
