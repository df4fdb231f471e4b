"""Find the snippet topics: every folder under snippets/ holding a file of a known framework."""

from __future__ import annotations

import functools
import importlib.util
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sidebyside.core.config import TOPIC_KEYS, Config, check_keys

META_FILE = "topic.toml"


def snippet_id(topic: str, framework: str) -> str:
    """Return the id of a snippet: `topic[framework]`, as tests, logs and reports name it."""
    return f"{topic}[{framework}]"


@dataclass(frozen=True)
class Snippet:
    """One runnable file: `snippets/<topic>/<framework file>`."""

    topic: str
    framework: str
    path: Path
    timeout: float
    exports: tuple[str, ...] = ()
    preload: bool = True  # False: a fresh interpreter, never a fork of a fork server.
    requires: tuple[str, ...] = ()  # Modules that must be importable for it to run.

    @functools.cached_property
    def absent(self) -> tuple[str, ...]:
        """Return the required modules this environment cannot import (found, not imported)."""
        return tuple(m for m in self.requires if importlib.util.find_spec(m) is None)

    @property
    def id(self) -> str:
        """Return the snippet's id, `topic[framework]` (see `snippet_id`)."""
        return snippet_id(self.topic, self.framework)


@dataclass(frozen=True)
class Topic:
    """A folder of snippets, one per framework, and its optional `topic.toml` settings.

    `topic.toml` may set `title`, `timeout` (seconds), `export` (global names to keep),
    `preload = false` (run in a fresh interpreter, for snippets that configure a framework
    through environment variables before importing it), `requires` (modules that must be
    importable; where one is absent the snippet is shown, marked as not run, and not run),
    `[compare]` (global name = absolute tolerance, checked across frameworks) and
    `[missing]` (framework name = why that framework has no file here).
    """

    name: str
    folder: Path
    title: str
    snippets: dict[str, Snippet] = field(default_factory=dict)
    compare: dict[str, float] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)


def _read_meta(folder: Path) -> dict:
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        return {}
    try:
        meta = tomllib.loads(meta_path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{meta_path}: invalid TOML: {exc}") from exc
    check_keys(meta, TOPIC_KEYS, str(meta_path))
    return meta


def _number(value: object, where: Path, key: str) -> float:
    """Return `value` as a float, or raise ValueError naming the file and the key."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{where}: {key} must be a number, not {value!r}")
    return float(value)


def load_topic(config: Config, folder: Path) -> Topic:
    """Read one topic folder."""
    name = folder.relative_to(config.snippets).as_posix()
    meta = _read_meta(folder)
    where = folder / META_FILE
    compare = {k: _number(v, where, f"[compare] {k}") for k, v in meta.get("compare", {}).items()}
    exports = tuple(dict.fromkeys([*meta.get("export", []), *compare]))
    timeout = _number(meta.get("timeout", config.timeout), where, "timeout")
    unknown = set(meta.get("missing", {})) - {fw.name for fw in config.frameworks}
    if unknown:
        raise ValueError(f"{folder / META_FILE}: [missing] names unknown frameworks {unknown}")
    snippets = {
        fw.name: Snippet(
            name,
            fw.name,
            folder / fw.file,
            timeout,
            exports,
            bool(meta.get("preload", True)),
            tuple(meta.get("requires", ())),
        )
        for fw in config.frameworks
        if (folder / fw.file).is_file()
    }
    return Topic(name, folder, meta.get("title", name), snippets, compare, meta.get("missing", {}))


def _private(relative: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in relative.parts)


def discover(config: Config) -> dict[str, Topic]:
    """Return every topic under the snippets folder, by name, sorted."""
    names = {fw.file for fw in config.frameworks} | {META_FILE}
    folders = sorted(
        path.parent
        for path in config.snippets.rglob("*")
        if path.name in names and not _private(path.relative_to(config.snippets))
    )
    topics = (load_topic(config, folder) for folder in dict.fromkeys(folders))
    return {topic.name: topic for topic in topics}


def all_snippets(topics: dict[str, Topic]) -> list[Snippet]:
    """Flatten topics into their snippets, in a stable order."""
    return [s for topic in topics.values() for s in topic.snippets.values()]
