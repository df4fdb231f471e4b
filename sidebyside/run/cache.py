"""Store and load successful runs under `<cache>/<key>/` (result.json and files/)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sidebyside.core.config import Config
from sidebyside.core.discover import Snippet
from sidebyside.core.results import Result
from sidebyside.run.key import snippet_key

RESULT_FILE = "result.json"


def load(config: Config, key: str) -> Result | None:
    """Return the stored result for `key`, or None when there is none or it is unreadable."""
    folder = config.cache / key
    try:
        return Result.from_json((folder / RESULT_FILE).read_text(), folder)
    except (OSError, ValueError, TypeError):
        return None


def lookup(config: Config, snippet: Snippet) -> tuple[str, Result | None]:
    """Return `snippet`'s cache key and its stored result (None: the build would run it).

    The one place that asks whether a snippet has a current result: the build, `mkdocs
    serve`'s snapshot and `python -m sidebyside missing` all call it.
    """
    key = snippet_key(config, snippet)
    return key, load(config, key)


def store(config: Config, result: Result, workdir: Path) -> Result:
    """Store a successful `result` with the files of `workdir`; return it pointing at the cache."""
    config.cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=config.cache))
    shutil.copytree(workdir, staging / "files")
    (staging / RESULT_FILE).write_text(result.to_json())
    final = config.cache / result.key
    if (stored := load(config, result.key)) is not None:
        # Another process stored this key meanwhile; keep theirs, which others may be reading.
        shutil.rmtree(staging, ignore_errors=True)
        return stored
    shutil.rmtree(final, ignore_errors=True)  # An incomplete folder, never a readable result.
    try:
        staging.rename(final)
    except OSError:  # Another process stored the same key meanwhile: keep theirs.
        shutil.rmtree(staging, ignore_errors=True)
    result.folder = str(final)
    return result


def prune(config: Config, keep: set[str]) -> int:
    """Delete stored results whose key is not in `keep`; return how many were deleted.

    Only result folders (and abandoned staging folders) go; the cache's other folders, such as
    the written notebooks and plots, stay.
    """
    removed = 0
    for folder in config.cache.glob("*"):
        stored = (folder / RESULT_FILE).is_file() or folder.name.startswith(".tmp-")
        if folder.is_dir() and stored and folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
