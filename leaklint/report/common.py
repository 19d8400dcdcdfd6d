"""What several output formats share: rule metadata for the whole run, repository-relative paths."""

from __future__ import annotations

import os
from pathlib import Path

from leaklint.rules import all_meta
from leaklint.rules.base import RuleMeta
from leaklint.suppressions import META_RULES


def run_rules() -> list[RuleMeta]:
    """Every rule a run can report: the registry, then the suppression meta-rules."""
    return [*all_meta(), *META_RULES]


def repository_root(start: str | None = None) -> str:
    """The enclosing git work tree of ``start`` (default: the working directory), or ``start`` itself."""
    current = Path(os.path.realpath(start or os.getcwd()))
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return str(folder)
    return str(current)


def relative_to_root(display_path: str, root: str) -> str | None:
    """The `/`-separated path of a reported file relative to ``root`` (symlinks resolved), or None outside it."""
    real = os.path.realpath(display_path)
    try:
        relative = os.path.relpath(real, os.path.realpath(root))
    except ValueError:  # another drive on Windows
        return None
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return relative.replace(os.sep, "/")


def repo_path(display_path: str, root: str | None) -> str:
    """The repository-relative path when known, else the path as reported."""
    if root is None:
        return display_path
    return relative_to_root(display_path, root) or display_path


# Where the project is published; rule documentation links point into it.
REPOSITORY_URL = "https://github.com/leaklint/leaklint"


def rule_docs_url(code: str, name: str) -> str:
    """The rule's documentation page (its spec in `rules/`) in the repository."""
    return f"{REPOSITORY_URL}/blob/main/rules/{code}-{name}.md"
