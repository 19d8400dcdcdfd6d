"""Read one leaklint JSON output (`--format json`) into plain finding dicts.

Shared by summarize.py and diff.py so both count the same findings: each
finding keeps its rule, confidence, path, line and message; a file that is
not leaklint JSON raises ValueError instead of reading as "no findings".
"""
import json
from pathlib import Path


def load_findings(path):
    """The findings of one output file, as dicts with the keys diff.py uses."""
    text = Path(path).read_text()
    if not text.strip():
        raise ValueError(f"{path}: empty output")
    data = json.loads(text)
    if not isinstance(data, dict) or "findings" not in data:
        raise ValueError(f"{path}: not a leaklint JSON report")
    return [
        {
            "rule": f["rule"],
            "confidence": f.get("confidence", ""),
            "path": f["path"],
            "line": f["line"],
            "message": f.get("message", ""),
        }
        for f in data["findings"]
    ]
