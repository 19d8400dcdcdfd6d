"""Calls of a member of the object an imported factory returns carry the caller's frequency (the link).

`const enc = createEncoder(opts); for (…) enc.writeFrame(f)` in one file runs
the `writeFrame` member of the object literal `createEncoder` returns in
another (summary ``ResultCall`` and ``returned_members``, ``link.result_member``).
A loop there repeats the member's `write()` (LL006, round 10's HyperFrames,
also when the member returns `write()`'s boolean and the loop drops it), and a
route there runs it per request (LL002). Silent rows: the member called once,
a factory the link cannot resolve, a member that waits for 'drain' itself, a
caller that looks at the boolean and waits for 'drain'.
"""

import json
import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main

PROJECTS = Path(__file__).parent / "projects"


def _findings(root: Path, files: dict[str, str] | None = None) -> list[tuple[str, int, str]]:
    for name, code in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(code).lstrip("\n"))
    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["--format", "json", "--isolated", "."], catch_exceptions=False)
    finally:
        os.chdir(old)
    return sorted((f["path"], f["line"], f["rule"]) for f in json.loads(result.output)["findings"])


def test_the_fixture_loop_reaches_the_returned_member_across_files():
    assert _findings(PROJECTS / "factory-encoder") == [("services/encoder.js", 7, "LL006")]


ENCODER = """
    const { spawn } = require('child_process');
    function createEncoder(outputPath) {
      const child = spawn('ffmpeg', ['-i', '-', outputPath], { stdio: ['pipe', 'inherit', 'inherit'] });
      MEMBERS
    }
    module.exports = { createEncoder };
"""

IN_PLACE = """return {
        writeFrame(frame) {
          child.stdin.write(frame);
        },
      };"""
# `{ writeFrame }` naming an inner function
NAMED = """function writeFrame(frame) {
        child.stdin.write(frame);
      }
      return { writeFrame };"""
# returns write()'s boolean: the caller decides
RETURNS_BOOLEAN = """return {
        writeFrame: (frame) => {
          const accepted = child.stdin.write(frame);
          return accepted;
        },
      };"""
WAITS_FOR_DRAIN = """return {
        async writeFrame(frame) {
          if (!child.stdin.write(frame)) await new Promise((resolve) => child.stdin.once('drain', resolve));
        },
      };"""

LOOP = "for (const frame of frames) encoder.writeFrame(frame);"
CASES = [
    ("a loop calls the member written in place", IN_PLACE, "./encoder", LOOP, [("encoder.js", 6, "LL006")]),
    ("a loop calls the inner function the object names", NAMED, "./encoder", LOOP, [("encoder.js", 5, "LL006")]),
    ("a loop drops the boolean the member returns", RETURNS_BOOLEAN, "./encoder", LOOP, [("encoder.js", 6, "LL006")]),
    ("a forEach callback calls it per item", IN_PLACE, "./encoder", "frames.forEach((f) => encoder.writeFrame(f));",
     [("encoder.js", 6, "LL006")]),
    ("called once", IN_PLACE, "./encoder", "encoder.writeFrame(frames[0]);", []),
    ("a factory no analyzed file defines", IN_PLACE, "./missing-encoder", LOOP, []),
    ("the member waits for 'drain'", WAITS_FOR_DRAIN, "./encoder", "for (const f of frames) await encoder.writeFrame(f);", []),
    ("the caller waits for 'drain' when the boolean is false", RETURNS_BOOLEAN, "./encoder",
     "for (const f of frames) {\n            if (!encoder.writeFrame(f)) await new Promise((r) => setTimeout(r, 10));\n          }", []),
]


@pytest.mark.parametrize(("members", "specifier", "body", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_loop_in_another_file_repeats_the_factory_members_write(tmp_path, members, specifier, body, expected):
    render = f"""
        const {{ createEncoder }} = require('{specifier}');
        async function renderAll(frames, outputPath) {{
          const encoder = createEncoder(outputPath);
          {body}
        }}
        module.exports = {{ renderAll }};
    """
    encoder = textwrap.dedent(ENCODER).replace("MEMBERS", textwrap.indent(members, "  ").lstrip())
    assert _findings(tmp_path, {"encoder.js": encoder, "render.js": render}) == expected


BUS = """
    const { EventEmitter } = require('events');
    const emitter = new EventEmitter();
    function createBus() {
      return {
        watch(fn) {
          emitter.on('change', fn);
        },
      };
    }
    module.exports = { createBus };
"""

ROUTES = [
    ("a route calls the member per request", "app.get('/watch', (req, res) => { bus.watch(() => res.end()); });",
     [("bus.js", 6, "LL002")]),
    ("module top level calls it once", "bus.watch(() => console.log('changed'));", []),
]


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in ROUTES], ids=[c[0] for c in ROUTES])
def test_a_route_in_another_file_runs_the_factory_member_per_request(tmp_path, body, expected):
    server = f"""
        const express = require('express');
        const {{ createBus }} = require('./bus');
        const app = express();
        const bus = createBus();
        {body}
        app.listen(3000);
    """
    assert [f for f in _findings(tmp_path, {"bus.js": BUS, "server.js": server}) if f[2] == "LL002"] == expected


# (function of bus.js, whether the link says it runs once) when server.js calls both once at top level
RUN_ONCE = [
    ("createBus", True),  # an imported function: every call the project shows is once
    ("watch", False),  # a member of the object it returns: that object may be handed to callers the link cannot see
]


@pytest.mark.parametrize(("name", "once"), RUN_ONCE, ids=[c[0] for c in RUN_ONCE])
def test_a_factory_member_called_once_is_not_declared_run_once(tmp_path, name, once):
    from leaklint.engine import AnalysisOptions, analyze_path
    from leaklint.project.link import link

    files = {"bus.js": BUS, "server.js": "const { createBus } = require('./bus');\nconst bus = createBus();\nbus.watch(() => {});\n"}
    entries = []
    for file, code in files.items():
        path = tmp_path / file
        path.write_text(textwrap.dedent(code).lstrip("\n"))
        entries.append((str(path), analyze_path(str(path), file, AnalysisOptions(summarize=True)).summary))
    facts = link(entries)[os.path.normpath(str(tmp_path / "bus.js"))]
    linked = facts.function_frequency(name)
    assert (linked is not None and linked.frequency == 0) is once
