"""A small LSP client for tests and benchmarks: Content-Length framed JSON-RPC over a subprocess's stdio.

A reader thread parses every message the server sends into a queue, so a test
can wait for a response to its request or for the next notification of a
given method, with a timeout instead of a hang.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path


class LspError(AssertionError):
    """The server did not answer as the test expected."""


class LspClient:
    """Spawns `leaklint server` and speaks LSP to it."""

    def __init__(self, cwd: Path | str, command: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            command or [sys.executable, "-m", "leaklint", "server"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.messages: queue.Queue = queue.Queue()
        self.backlog: list[dict] = []
        self.next_id = 0
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.decode("ascii").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict | None, timeout: float = 30) -> dict:
        """Send a request and return its whole response (with `result` or `error`)."""
        self.next_id += 1
        wanted = self.next_id
        self.send({"id": wanted, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == wanted and "method" not in m, timeout)[1]

    def wait(self, matches, timeout: float = 30) -> tuple[float, dict]:
        """The first message (arrival time, message) for which ``matches`` is true; others are kept."""
        for index, (arrived, message) in enumerate(self.backlog):
            if matches(message):
                del self.backlog[index]
                return arrived, message
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError(f"no matching message within {timeout} s; kept: {self.backlog[-5:]}")
            try:
                arrived, message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if matches(message):
                return arrived, message
            self.backlog.append((arrived, message))

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 30) -> tuple[float, list[dict]]:
        """The next publishDiagnostics for ``uri`` (of ``version``, when given)."""

        def matches(message: dict) -> bool:
            if message.get("method") != "textDocument/publishDiagnostics":
                return False
            params = message["params"]
            return params["uri"] == uri and (version is None or params.get("version") == version)

        arrived, message = self.wait(matches, timeout)
        return arrived, message["params"]["diagnostics"]

    def initialize(self, root_uri: str | None = None, encodings: list[str] | None = None) -> dict:
        capabilities: dict = {"textDocument": {"publishDiagnostics": {"relatedInformation": True}}}
        if encodings:
            capabilities["general"] = {"positionEncodings": encodings}
        response = self.request("initialize", {"processId": None, "rootUri": root_uri, "capabilities": capabilities})
        self.notify("initialized", {})
        return response

    def open(self, uri: str, text: str, version: int = 1, language: str = "javascript") -> None:
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
        )

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def close(self) -> str:
        """Shut the server down politely; returns what it wrote to stderr."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", {})
                self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        return self.process.stderr.read().decode("utf-8", "replace")
