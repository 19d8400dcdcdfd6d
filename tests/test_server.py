"""`leaklint server`: a scripted LSP session over stdio with the real server in a subprocess.

The client (tests/lsp_client.py) frames JSON-RPC with Content-Length headers
as editors do.  The session opens, changes and saves documents and checks
the diagnostics the server publishes, applies its code actions to the text
and checks the result, and sends bad input (unknown documents, text that does
not parse, a broken configuration file) to check that the answers are clear
messages and that the server keeps serving.  Fix code actions are checked
in-process on a Finding that carries a Fix.
"""

from __future__ import annotations

import time

import pytest
from lsprotocol import types

from leaklint.findings import Applicability, Edit, Finding, Fix, Severity, SourceText, Span
from leaklint.server import LeaklintServer, _position
from tests.conftest import CLEAN_JS, LEAKY_JS
from tests.lsp_client import LspClient

LISTENER_JS = """\
const bus = require('./bus');
app.get('/a', (req, res) => {
  bus.on('x', () => res.end());
});
"""


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits (UTF-16 positions) to a text, last first."""
    lines = text.splitlines(keepends=True)

    def offset(position: dict) -> int:
        before = "".join(lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = line.encode("utf-16-le")[: position["character"] * 2].decode("utf-16-le")
        return len(before) + len(units)

    for edit in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
        text = text[:start] + edit["newText"] + text[end:]
    return text


@pytest.fixture
def session(tmp_path):
    client = LspClient(tmp_path)
    client.stderr = ""
    yield client
    client.stderr = client.close()
    assert "Traceback" not in client.stderr, client.stderr


def test_initialize_advertises_sync_and_code_actions(session, tmp_path):
    response = session.initialize(tmp_path.as_uri())
    capabilities = response["result"]["capabilities"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix"]
    assert capabilities["textDocumentSync"]["openClose"] is True
    assert capabilities["textDocumentSync"]["save"]
    assert response["result"]["serverInfo"]["name"] == "leaklint"


def test_diagnostics_on_open_change_and_save(session, tmp_path):
    session.initialize(tmp_path.as_uri())
    uri = (tmp_path / "src" / "app.js").as_uri()
    session.open(uri, LEAKY_JS)
    _, [diagnostic] = session.diagnostics(uri, version=1)
    assert diagnostic["code"] == "LL001" and diagnostic["source"] == "leaklint"
    assert diagnostic["severity"] == types.DiagnosticSeverity.Warning.value
    assert diagnostic["range"] == {"start": {"line": 0, "character": 6}, "end": {"line": 0, "character": 11}}
    assert diagnostic["codeDescription"]["href"].endswith("/rules/LL001-unbounded-collection.md")
    related = diagnostic["relatedInformation"]
    assert any(r["location"]["range"]["start"]["line"] == 2 and "grows here" in r["message"] for r in related)
    assert all(r["location"]["uri"] == uri for r in related)

    session.change(uri, CLEAN_JS, version=2)
    assert session.diagnostics(uri, version=2)[1] == []
    session.change(uri, LISTENER_JS, version=3)
    assert [d["code"] for d in session.diagnostics(uri, version=3)[1]] == ["LL002"]
    session.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert [d["code"] for d in session.diagnostics(uri)[1]] == ["LL002"]
    session.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert session.diagnostics(uri)[1] == []


def test_the_project_configuration_applies(session, tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "leaklint.toml").write_text('ignore = ["LL001"]\nextend-exclude = ["generated"]\n')
    session.initialize(tmp_path.as_uri())
    governed = (tmp_path / "pkg" / "a.js").as_uri()
    excluded = (tmp_path / "pkg" / "generated" / "g.js").as_uri()
    outside = (tmp_path / "b.js").as_uri()
    session.open(governed, LEAKY_JS + LISTENER_JS.replace("const bus", "const bus2").replace("bus.on", "bus2.on"))
    session.open(excluded, LEAKY_JS)
    session.open(outside, LEAKY_JS)
    assert [d["code"] for d in session.diagnostics(governed)[1]] == ["LL002"]
    assert session.diagnostics(excluded)[1] == []
    assert [d["code"] for d in session.diagnostics(outside)[1]] == ["LL001"]


def test_disable_action_inserts_a_directive_that_silences_the_finding(session, tmp_path):
    session.initialize(tmp_path.as_uri())
    uri = (tmp_path / "app.js").as_uri()
    session.open(uri, LISTENER_JS)
    _, [diagnostic] = session.diagnostics(uri, version=1)
    response = session.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}},
    )
    actions = {action["title"]: action for action in response["result"]}
    action = actions["Disable LL002 (unremoved-listener) for this line"]
    assert action["title"] == "Disable LL002 (unremoved-listener) for this line"
    assert action["kind"] == "quickfix" and action["diagnostics"][0]["code"] == "LL002"
    edited = apply_edits(LISTENER_JS, action["edit"]["changes"][uri])
    assert edited.splitlines()[2] == "  // leaklint-disable-next-line LL002"
    session.change(uri, edited, version=2)
    assert session.diagnostics(uri, version=2)[1] == []
    elsewhere = session.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
            "context": {"diagnostics": []},
        },
    )
    assert elsewhere["result"] == []
    # The rule's own fix is offered beside the directive, and applying it silences the finding too.
    [fix_title] = [title for title in actions if not title.startswith("Disable ")]
    fixed = apply_edits(LISTENER_JS, actions[fix_title]["edit"]["changes"][uri])
    assert "bus.off('x'" in fixed
    session.change(uri, fixed, version=3)
    assert session.diagnostics(uri, version=3)[1] == []


def test_bad_input_gets_clear_messages_and_the_server_keeps_serving(session, tmp_path):
    session.initialize(tmp_path.as_uri())
    unknown = (tmp_path / "never-opened.js").as_uri()
    response = session.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": unknown},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": []},
        },
    )
    assert response["error"]["code"] == -32602
    assert response["error"]["message"] == f"leaklint: {unknown} is not an open document; open it first (textDocument/didOpen)"

    broken = (tmp_path / "broken.js").as_uri()
    session.open(broken, LEAKY_JS + "app.get('/b', (req, res) => {\n  bus.on('x', \n")
    _, diagnostics = session.diagnostics(broken)
    assert [d["code"] for d in diagnostics] == ["LL001"]  # the part that parses is analyzed
    _, log = session.wait(lambda m: m.get("method") == "window/logMessage")
    assert "syntax error at line" in log["params"]["message"] and "analyzed the parts that parse" in log["params"]["message"]

    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "leaklint.toml").write_text('select = "LL001"\n')
    configured = (tmp_path / "cfg" / "a.js").as_uri()
    session.open(configured, LEAKY_JS)
    _, shown = session.wait(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"]["type"] == types.MessageType.Error.value
    assert "'select' must be a list of non-empty strings, not a string" in shown["params"]["message"]
    assert session.diagnostics(configured)[1] == []
    session.change(configured, LEAKY_JS + "\n", version=2)
    session.diagnostics(configured, version=2)
    assert not [m for _, m in session.backlog if m.get("method") == "window/showMessage"]  # shown once only

    session.open((tmp_path / "ok.js").as_uri(), LEAKY_JS)
    assert [d["code"] for d in session.diagnostics((tmp_path / "ok.js").as_uri())[1]] == ["LL001"]


def test_positions_follow_the_negotiated_encoding(tmp_path):
    client = LspClient(tmp_path)
    try:
        response = client.initialize(tmp_path.as_uri(), encodings=["utf-8"])
        assert response["result"]["capabilities"]["positionEncoding"] == "utf-8"
        uri = (tmp_path / "a.js").as_uri()
        text = "const tag = '😀'; " + LEAKY_JS  # four UTF-8 bytes, two UTF-16 units before `cache`
        client.open(uri, text)
        _, [diagnostic] = client.diagnostics(uri)
        assert diagnostic["range"]["start"] == {"line": 0, "character": len("const tag = '😀'; const ".encode())}
    finally:
        assert "Traceback" not in client.close()


def test_latency_for_a_2000_line_file_is_recorded(session, tmp_path, capsys):
    """Not a timing assertion (shared CI machines vary): the figure is printed for docs/editors.md."""
    session.initialize(tmp_path.as_uri())
    warm = (tmp_path / "warm.js").as_uri()
    session.open(warm, CLEAN_JS)  # the first analysis loads the grammars: measure a warm server
    session.diagnostics(warm)
    body = "".join(f"function handler{n}(req, res) {{ res.end(String({n})); }}\n" for n in range(1995))
    text = LEAKY_JS + body
    assert len(text.splitlines()) == 2000
    uri = (tmp_path / "big.js").as_uri()
    sent = time.perf_counter()
    session.open(uri, text)
    arrived, diagnostics = session.diagnostics(uri, version=1)
    assert [d["code"] for d in diagnostics] == ["LL001"]
    with capsys.disabled():
        print(f"\nleaklint server: diagnostics for a 2,000-line file {1000 * (arrived - sent):.0f} ms after didOpen")


# -- fix code actions (in-process: rules that produce fixes come from another change) -------------


def _finding_with_fix(source: bytes, applicability: Applicability) -> Finding:
    text = SourceText(source)
    start = source.index(b"new Map()")
    end = start + len(b"new Map()")
    line, column = text.line_col(start)
    end_line, end_column = text.line_col(end)
    return Finding(
        rule="LL001",
        name="unbounded-collection",
        severity=Severity.WARNING,
        path="a.js",
        span=Span(start, end, line, column, end_line, end_column),
        message="m",
        fix=Fix("Use a bounded cache", (Edit(start, end, "new LRUCache({ max: 500 })"),), applicability),
    )


@pytest.mark.parametrize("applicability,preferred", [(Applicability.SAFE, True), (Applicability.UNSAFE, False)])
def test_a_findings_fix_becomes_a_code_action_with_utf16_positions(applicability, preferred):
    source = "const é = 1; const cache = new Map();\n".encode()
    finding = _finding_with_fix(source, applicability)
    server = LeaklintServer()
    text = SourceText(source)
    diagnostic = types.Diagnostic(range=types.Range(start=types.Position(0, 0), end=types.Position(0, 1)), message="m")
    action = server.fix_action("file:///a.js", text, finding.fix, diagnostic)
    assert action.is_preferred is preferred
    assert action.title.startswith("Use a bounded cache")
    [edit] = action.edit.changes["file:///a.js"]
    # `é` is two UTF-8 bytes but one UTF-16 unit: character offsets count UTF-16 units.
    assert edit.range.start == types.Position(line=0, character=len("const é = 1; const cache = "))
    assert edit.new_text == "new LRUCache({ max: 500 })"


def test_byte_offsets_convert_to_every_position_encoding():
    text = SourceText("a\n😀x\n".encode())
    byte = len("a\n😀".encode())
    assert _position(text, byte, types.PositionEncodingKind.Utf16) == types.Position(1, 2)
    assert _position(text, byte, types.PositionEncodingKind.Utf8) == types.Position(1, 4)
    assert _position(text, byte, types.PositionEncodingKind.Utf32) == types.Position(1, 1)
