"""Write a file so that readers see the old content or the new, never a torn one.

`write_atomic(path, data)` writes to a temporary file beside the target,
flushes it to disk (fsync), and renames it over the target, so a crash or a
signal in the middle leaves the previous file intact.  Used for reports
(`--output-file`), baselines, and anything that rewrites a user's file.
"""

from __future__ import annotations

import os
import stat
from typing import Callable


def write_atomic(
    path: str | os.PathLike,
    data: str | bytes,
    encoding: str = "utf-8",
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Replace ``path`` with ``data`` (text is encoded with ``encoding``) atomically.

    An existing file keeps its permission bits; a new one gets the usual
    permissions for the umask.  OSError propagates (with the target's name
    when the rename fails) and the temporary file is removed.
    ``before_replace`` runs once the new bytes are on disk, just before the
    rename; whatever it raises cancels the write (--fix checks there that the
    file did not change meanwhile).
    """
    target = os.fspath(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    directory = os.path.dirname(os.path.abspath(target))
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # here, not at start-up: it pulls in shutil, random and the compression modules (~10 ms)

    descriptor, temporary = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if before_replace is not None:
            before_replace()
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    _sync_directory(directory)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable where the platform allows opening a directory."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
