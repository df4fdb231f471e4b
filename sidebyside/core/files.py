"""Small file and time helpers every layer shares: atomic writes and the site's timestamps."""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

TIMESTAMP = "%Y-%m-%d %H:%M UTC"  # How runs, reports and pages record a time (UTC, minutes).


def timestamp(moment: datetime.datetime | None = None) -> str:
    """Return `moment` (default: now) as the project records times: `2026-12-07 14:41 UTC`."""
    return (moment or datetime.datetime.now(datetime.UTC)).strftime(TIMESTAMP)


def parse_timestamp(text: str) -> datetime.datetime:
    """Return the time a `timestamp()` string names; ValueError for anything else."""
    return datetime.datetime.strptime(text, TIMESTAMP).replace(tzinfo=datetime.UTC)


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write `data` to `path` through a temporary file and a rename; return `path`.

    A reader (another build, a server) sees the old file or the new one, never half of one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_if_changed(path: Path, data: str) -> Path:
    """Write `data` to `path` (atomically) unless it already holds exactly that; return `path`."""
    if not path.is_file() or path.read_text() != data:
        write_atomic(path, data)
    return path
