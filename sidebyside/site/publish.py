"""Decide which generated files the site publishes: run files, scripts, notebooks, thumbnails."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
from mkdocs.structure.files import File

from sidebyside.core.config import Config
from sidebyside.core.files import write_if_changed
from sidebyside.core.discover import Topic
from sidebyside.content.layout import (
    MNIST_DATA,
    MNIST_LOADER,
    artefact_uri,
    download_uris,
    notebook_file,
    output_uri,
    thumbnail_uri,
)
from sidebyside.content.notebook import (
    OFF_NOTE,
    RUN_NOTE,
    PENDING_NOTEBOOK_NOTE,
    absent_note,
    build_notebook,
    with_outputs,
)
from sidebyside.content.render import FIGURES, shortened, strip_markers
from sidebyside.core.results import Result
from sidebyside.content.thumbnail import code_thumbnail

MNIST_PUBLISHED = ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "PROVENANCE.md")
_SITE_URL_LINE = re.compile(r'^SITE_URL = "[^"\n]*"', re.MULTILINE)


class RawFile(File):
    """A site file copied as it is, even one named `.md` (which MkDocs would make a page)."""

    def is_documentation_page(self) -> bool:
        """Say no: the file is copied, never rendered."""
        return False


def mnist_files(site_url: str | None) -> dict[str, Path | str]:
    """Return what the site publishes for readers of the MNIST examples, by site path.

    The two MNIST files and their provenance (as paths), and the loader's source (as text)
    with its `SITE_URL` set to `site_url`, so that a loader downloaded from the site fetches
    the data from that same site; without a `site_url` it keeps its default.
    """
    spec = importlib.util.find_spec("mnist_data")
    if spec is None or spec.origin is None:
        raise ValueError("the mnist_data package cannot be found: install the project")
    loader = Path(spec.origin)
    files: dict[str, Path | str] = {}
    for name in MNIST_PUBLISHED:
        path = loader.parent / name
        if not path.is_file():
            raise ValueError(f"{path}: missing; the site publishes it for readers")
        files[f"{MNIST_DATA}/{name}"] = path
    files[MNIST_LOADER] = published_loader(loader, loader.read_text(), site_url)
    return files


def published_loader(path: Path, source: str, site_url: str | None) -> str:
    """Return the loader's `source` with its `SITE_URL` line set to `site_url` (if given).

    Fails, naming `path`, unless exactly one line starts `SITE_URL = "`.
    """
    if len(_SITE_URL_LINE.findall(source)) != 1:
        raise ValueError(
            f'{path}: needs exactly one line starting SITE_URL = "..." (the site that the '
            "published copy downloads the MNIST files from)"
        )
    if not site_url:
        return source
    return _SITE_URL_LINE.sub(lambda _: f'SITE_URL = "{site_url}"', source)


def long_outputs(results: dict[str, Result]) -> dict[str, str]:
    """Return, by site path, the whole stored output of each run a page shows shortened."""
    return {
        output_uri(r.topic, r.framework): r.stdout
        for r in results.values()
        if shortened(r.stdout)[1]
    }


def run_files(results: dict[str, Result]) -> dict[str, Path]:
    """Return every file a run wrote, by the site path it is published at."""
    return {
        artefact_uri(r.topic, r.framework, name): r.file(name)
        for r in results.values()
        for name in r.files
    }


def write_downloads(
    config: Config,
    topics: dict[str, Topic],
    results: dict[str, Result],
    site_url: str | None = None,
    pending: set[str] | frozenset[str] = frozenset(),
) -> tuple[dict[str, Path], dict[str, dict[str, tuple[str, str]]]]:
    """Write each snippet's notebook, with its run's outputs, and lay out its downloads.

    Returns the files by site path and, per topic and framework, the (script, notebook) site
    paths. A notebook's outputs are its snippet's recorded sections (nothing executes here);
    a snippet without a result gets a notebook without outputs whose header says why: not run
    by this build, a module it requires is absent, or its run is still `pending` (serve).
    Raises ValueError when a result's sections do not match the notebook's cells.
    """
    readers = mnist_files(site_url)
    modules = {"mnist_data": readers[MNIST_LOADER]}
    files: dict[str, Path] = {}
    links: dict[str, dict[str, tuple[str, str]]] = {}
    for name, topic in topics.items():
        for fw, snippet in topic.snippets.items():
            result = results.get(snippet.id)
            script, notebook = download_uris(name, snippet.path.name)
            framework = config.framework(fw)
            title = f"{topic.title} ({framework.label})"
            code = strip_markers(snippet.path.read_text())
            relative = snippet.path.relative_to(config.root).as_posix()
            if result is not None:
                note = RUN_NOTE.format(date=result.date, device=result.device)
            elif snippet.absent:
                note = absent_note(snippet.absent)
            elif snippet.id in pending:
                note = PENDING_NOTEBOOK_NOTE
            else:
                note = OFF_NOTE
            book = build_notebook(relative, code, title, framework.preload, modules, note)
            if result is not None:
                with_outputs(book, result, config.shown_stderr)
            files[script] = snippet.path
            files[notebook] = write_if_changed(
                notebook_file(config.cache, notebook), nbformat.writes(book)
            )
            links.setdefault(name, {})[fw] = (script, notebook)
    return files, links


def site_url(config: Config) -> str | None:
    """Return the `site_url` that `mkdocs build` would use (it is part of each notebook)."""
    from mkdocs.config import load_config as load_mkdocs_config

    return load_mkdocs_config(str(config.root / "mkdocs.yml")).site_url


def thumbnails(
    topics: dict[str, Topic], results: dict[str, Result]
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Pick each topic's thumbnail: the first figure a run drew, else a picture of its code."""
    uris: dict[str, str] = {}
    drawn: dict[str, bytes] = {}
    for name, topic in topics.items():
        figures = [
            artefact_uri(s.topic, s.framework, f)
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
        uri = thumbnail_uri(name)
        drawn[uri] = code_thumbnail(strip_markers(code), name)
        uris[name] = uri
    return uris, drawn
