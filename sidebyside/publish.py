"""Decide which generated files the site publishes: run files, scripts, notebooks, thumbnails."""

from __future__ import annotations

from pathlib import Path

import nbformat

from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.notebook import build_notebook, write_if_changed
from sidebyside.render import (
    FIGURES,
    GENERATED,
    anchor,
    artefact_uri,
    download_uris,
    strip_markers,
)
from sidebyside.results import Result
from sidebyside.thumbnail import code_thumbnail


def run_files(results: dict[str, Result]) -> dict[str, Path]:
    """Return every file a run wrote, by the site path it is published at."""
    return {artefact_uri(r, name): r.file(name) for r in results.values() for name in r.files}


def downloads(
    config: Config, topics: dict[str, Topic], results: dict[str, Result]
) -> tuple[dict[str, Path], dict[str, dict[str, tuple[str, str]]]]:
    """Publish each snippet as a script and as a notebook holding its run's outputs.

    Returns the files by site path, and per topic and framework the (script, notebook) paths.
    Without results (snippet execution switched off) the notebooks hold the code alone.
    """
    files: dict[str, Path] = {}
    links: dict[str, dict[str, tuple[str, str]]] = {}
    for name, topic in topics.items():
        for fw, snippet in topic.snippets.items():
            result = results.get(snippet.id)
            script, notebook = download_uris(name, snippet.path.name)
            title = f"{topic.title} ({config.framework(fw).label})"
            code = strip_markers(snippet.path.read_text())
            relative = snippet.path.relative_to(config.root).as_posix()
            stderr = config.shown_stderr(result.stderr) if result else ""
            book = build_notebook(relative, code, title, result, stderr)
            path = config.cache / notebook
            files[script] = snippet.path
            files[notebook] = write_if_changed(path, nbformat.writes(book))
            links.setdefault(name, {})[fw] = (script, notebook)
    return files, links


def thumbnails(
    topics: dict[str, Topic], results: dict[str, Result]
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Pick each topic's thumbnail: the first figure a run drew, else a picture of its code."""
    uris: dict[str, str] = {}
    drawn: dict[str, bytes] = {}
    for name, topic in topics.items():
        figures = [
            artefact_uri(results[s.id], f)
            for s in topic.snippets.values()
            if s.id in results
            for f in results[s.id].files
            if f.endswith(FIGURES)
        ]
        if figures:
            uris[name] = figures[0]
            continue
        first = next(iter(topic.snippets.values()), None)
        code = first.path.read_text() if first else ""
        uri = f"{GENERATED}/thumbnails/{anchor(name)}.svg"
        drawn[uri] = code_thumbnail(strip_markers(code), name)
        uris[name] = uri
    return uris, drawn
