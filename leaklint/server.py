"""`leaklint server`: a Language Server (LSP over stdio) built on pygls and lsprotocol.

It publishes diagnostics when a document is opened, changed (after a short
pause in typing) or saved, with each finding's related places as
`relatedInformation` and the rule's documentation as `codeDescription`.
Code actions offer each finding's fix (when its rule produced one) and a
"disable for this line" directive.  Each document is governed by the
configuration that governs its path on disk (the nearest `leaklint.toml` or
`pyproject.toml` with `[tool.leaklint]`), read again for every analysis, so an
edited configuration applies at the next keystroke or save.

Bad input never ends the session: a broken configuration is shown once as a
message, a file that does not parse is analyzed where it parses (the syntax
error goes to the log), and a request for a document the client never opened
gets an error response saying so.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from dataclasses import dataclass

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from leaklint import __version__
from leaklint.config import ConfigError, ConfigResolver
from leaklint.discover import force_excluded, is_source_file
from leaklint.engine import AnalysisOptions, analyze_text
from leaklint.filtering import FilterSettings, apply_filters
from leaklint.findings import Applicability, Finding, Fix, Severity, SourceText
from leaklint.report.common import rule_docs_url

CHANGE_DELAY = 0.05  # seconds of quiet after a change before re-analyzing
SOURCE = "leaklint"
LANGUAGE_IDS = {"javascript", "javascriptreact", "typescript", "typescriptreact"}


@dataclass
class Analysis:
    """The last analysis of an open document: what code actions are computed from."""

    version: int | None
    source: bytes
    findings: list[Finding]


def _position(text: SourceText, byte: int, encoding: str) -> types.Position:
    """An LSP position for a byte offset, in the position encoding agreed with the client."""
    starts = text.line_starts
    line = max(0, min(len(starts) - 1, _line_index(starts, byte)))
    prefix = text.source[starts[line] : byte]
    if encoding == types.PositionEncodingKind.Utf8:
        character = len(prefix)
    else:
        decoded = prefix.decode("utf-8", "replace")
        if encoding == types.PositionEncodingKind.Utf32:
            character = len(decoded)
        else:
            character = len(decoded.encode("utf-16-le")) // 2
    return types.Position(line=line, character=character)


def _line_index(starts: list[int], byte: int) -> int:
    import bisect

    return bisect.bisect_right(starts, byte) - 1


def _range(text: SourceText, start: int, end: int, encoding: str) -> types.Range:
    return types.Range(start=_position(text, start, encoding), end=_position(text, end, encoding))


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return (position.line, position.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


class LeaklintServer(LanguageServer):
    """The server's state: the last analysis of each open document and messages already shown."""

    def __init__(self) -> None:
        super().__init__("leaklint", __version__)
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Handle] = {}
        self.last_change: dict[str, float] = {}
        self.shown_config_errors: set[str] = set()

    @property
    def encoding(self) -> str:
        """The position encoding agreed in `initialize` (UTF-16, the LSP default, before that)."""
        try:
            capabilities = self.server_capabilities
        except AttributeError:  # not initialized yet
            return types.PositionEncodingKind.Utf16
        return capabilities.position_encoding or types.PositionEncodingKind.Utf16

    # -- analysis ---------------------------------------------------------------------

    def analyze(self, uri: str) -> None:
        """Analyze an open document and publish its diagnostics."""
        self.pending.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return  # closed before its turn came
        path = to_fs_path(uri) or uri
        if not (is_source_file(path) or document.language_id in LANGUAGE_IDS):
            self.publish(uri, document.version, [])
            return
        source = document.source.encode("utf-8")
        findings = self.findings_for(path, source)
        self.analyses[uri] = Analysis(document.version, source, findings)
        text = SourceText(source)
        self.publish(uri, document.version, [self.diagnostic(uri, path, text, finding) for finding in findings])

    def findings_for(self, path: str, source: bytes) -> list[Finding]:
        """The findings the command line would report for this source at this path."""
        from leaklint.cli import _exclude_patterns, _meta_rule_codes, _selected_codes

        try:
            config = ConfigResolver().for_file(path)
        except ConfigError as error:
            self.show_config_error(str(error))
            return []
        self.shown_config_errors.clear()
        patterns, defaults = _exclude_patterns(config, (), False)
        if force_excluded(path, config.root, patterns, defaults):
            return []
        select, ignore = config.select or (), config.ignore or ()
        codes = _selected_codes(select, ignore)
        options = AnalysisOptions(rule_codes=codes, rule_options=config.rule_options.as_pairs())
        result = analyze_text(path, source, options)
        for error in result.errors:
            level = types.MessageType.Error if error.message.startswith("internal error") else types.MessageType.Log
            self.window_log_message(types.LogMessageParams(type=level, message=f"leaklint: {path}: {error.message}"))
        require_reason = bool(config.require_reason)
        report_unused = bool(config.report_unused_suppressions)
        settings = FilterSettings(
            selected=codes,
            per_file_ignores=config.per_file_ignores,
            config_root=config.root,
            require_reason=require_reason,
            report_unused=report_unused,
            meta_rules=_meta_rule_codes(select, ignore, require_reason, report_unused),
        )
        return apply_filters([result], settings).findings

    def show_config_error(self, message: str) -> None:
        if message in self.shown_config_errors:
            return  # once per distinct problem, not on every keystroke
        self.shown_config_errors.add(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"leaklint: {message}"))

    def diagnostic(self, uri: str, path: str, text: SourceText, finding: Finding) -> types.Diagnostic:
        related = []
        for item in finding.related:
            same_file = os.path.abspath(item.path) == os.path.abspath(path)
            item_uri = uri if same_file else "file://" + os.path.abspath(item.path)
            item_range = (
                _range(text, item.span.start_byte, item.span.end_byte, self.encoding)
                if same_file
                else types.Range(
                    start=types.Position(line=item.span.line - 1, character=item.span.column - 1),
                    end=types.Position(line=item.span.end_line - 1, character=item.span.end_column - 1),
                )
            )
            related.append(
                types.DiagnosticRelatedInformation(
                    location=types.Location(uri=item_uri, range=item_range), message=item.message
                )
            )
        return types.Diagnostic(
            range=_range(text, finding.span.start_byte, finding.span.end_byte, self.encoding),
            message=finding.message,
            severity=types.DiagnosticSeverity.Error
            if finding.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning,
            code=finding.rule,
            code_description=types.CodeDescription(href=rule_docs_url(finding.rule, finding.name)),
            source=SOURCE,
            related_information=related or None,
            data={"rule": finding.rule, "name": finding.name},
        )

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def schedule(self, uri: str, delay: float) -> None:
        """Analyze a changed document: at once after a quiet spell, else ``delay`` seconds after the last change.

        The first change after a pause is answered without waiting; while the
        user types, the analyses waiting are replaced, so a burst of changes
        costs one analysis at its end.
        """
        loop = asyncio.get_event_loop()
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        quiet = loop.time() - self.last_change.get(uri, float("-inf")) > delay
        self.last_change[uri] = loop.time()
        self.pending[uri] = loop.call_soon(self.analyze, uri) if quiet and waiting is None else loop.call_later(
            delay, self.analyze, uri
        )

    # -- code actions -------------------------------------------------------------------

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        if uri not in self.workspace.text_documents:
            raise JsonRpcInvalidParams(f"leaklint: {uri} is not an open document; open it first (textDocument/didOpen)")
        analysis = self.analyses.get(uri)
        document = self.workspace.text_documents[uri]
        if analysis is None or analysis.version != document.version:
            self.analyze(uri)  # a change is still waiting: act on the current text
            analysis = self.analyses.get(uri)
        if analysis is None:
            return []
        text = SourceText(analysis.source)
        path = to_fs_path(uri) or uri
        newline = "\r\n" if b"\r\n" in analysis.source else "\n"
        actions = []
        for finding in analysis.findings:
            diagnostic = self.diagnostic(uri, path, text, finding)
            if not _overlaps(diagnostic.range, params.range):
                continue
            if finding.fix is not None and finding.fix.edits:  # a suggestion without edits has nothing to apply
                actions.append(self.fix_action(uri, text, finding.fix, diagnostic))
            actions.append(self.disable_action(uri, text, finding, diagnostic, newline))
        return actions

    def fix_action(self, uri: str, text: SourceText, fix: Fix, diagnostic: types.Diagnostic) -> types.CodeAction:
        edits = [
            types.TextEdit(range=_range(text, edit.start, edit.end, self.encoding), new_text=edit.text)
            for edit in sorted(fix.edits, key=lambda e: e.start)
        ]
        title = fix.title if fix.applicability is Applicability.SAFE else f"{fix.title} (unsafe: review the change)"
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=fix.applicability is Applicability.SAFE,
            edit=types.WorkspaceEdit(changes={uri: edits}),
        )

    def disable_action(
        self, uri: str, text: SourceText, finding: Finding, diagnostic: types.Diagnostic, newline: str
    ) -> types.CodeAction:
        line_text = text.line_text(finding.line)
        indent = line_text[: len(line_text) - len(line_text.lstrip())]
        insert_at = types.Position(line=finding.line - 1, character=0)
        directive = f"{indent}// leaklint-disable-next-line {finding.rule}{newline}"
        return types.CodeAction(
            title=f"Disable {finding.rule} ({finding.name}) for this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(
                changes={uri: [types.TextEdit(range=types.Range(start=insert_at, end=insert_at), new_text=directive)]}
            ),
        )


def create_server() -> LeaklintServer:
    """The server with its features registered."""
    server = LeaklintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LeaklintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.analyze(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LeaklintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, CHANGE_DELAY)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LeaklintServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.analyze(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LeaklintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.analyses.pop(uri, None)
        ls.last_change.pop(uri, None)
        ls.publish(uri, None, [])

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: LeaklintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


class _OneLineFormatter(logging.Formatter):
    """Log records as one line each: the session's stderr gets no tracebacks (unless --debug)."""

    def __init__(self, debug: bool) -> None:
        super().__init__("leaklint server: %(levelname)s: %(message)s")
        self.debug = debug

    def format(self, record: logging.LogRecord) -> str:
        if not self.debug and record.exc_info:
            error = record.exc_info[1]
            record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
            record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
            record.args = ()
        return super().format(record)


def start(debug: bool = False) -> None:
    """Serve over stdin/stdout until the client exits."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter(debug))
    pygls_logger = logging.getLogger("pygls")
    pygls_logger.addHandler(handler)
    pygls_logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    pygls_logger.propagate = False
    create_server().start_io()
