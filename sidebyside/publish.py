"""Decide which generated files the site publishes: run files, scripts, notebooks, thumbnails."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import nbformat
from mkdocs.structure.files import File

from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.layout import (
    MNIST_DATA,
    MNIST_LOADER,
    artefact_uri,
    download_uris,
    notebook_file,
    thumbnail_uri,
)
from sidebyside.notebook import (
    OFF_NOTE,
    PENDING_NOTE,
    SERVE_NOTE,
    Executed,
    NotebookJob,
    absent_note,
    build_notebook,
    execute_notebooks,
    is_stored,
    stamp,
    write_if_changed,
)
from sidebyside.render import FIGURES, strip_markers
from sidebyside.results import Result
from sidebyside.thumbnail import code_thumbnail

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


def run_files(results: dict[str, Result]) -> dict[str, Path]:
    """Return every file a run wrote, by the site path it is published at."""
    return {
        artefact_uri(r.topic, r.framework, name): r.file(name)
        for r in results.values()
        for name in r.files
    }


def _plan(
    config: Config, topics: dict[str, Topic], results: dict[str, Result], site_url: str | None
) -> tuple[dict[str, Path], dict[str, dict[str, tuple[str, str]]], list[NotebookJob]]:
    """Lay out each snippet's script and notebook; return the notebooks to execute as jobs.

    A snippet without a result gets its notebook, without outputs, written at once.
    """
    readers = mnist_files(site_url)
    modules = {"mnist_data": readers[MNIST_LOADER]}
    # The written loader finds no data next to it: point it at the repository's copy.
    data = next(p.parent for p in readers.values() if isinstance(p, Path))
    files: dict[str, Path] = {}
    links: dict[str, dict[str, tuple[str, str]]] = {}
    jobs: list[NotebookJob] = []
    for name, topic in topics.items():
        for fw, snippet in topic.snippets.items():
            result = results.get(snippet.id)
            script, notebook = download_uris(name, snippet.path.name)
            framework = config.framework(fw)
            title = f"{topic.title} ({framework.label})"
            code = strip_markers(snippet.path.read_text())
            relative = snippet.path.relative_to(config.root).as_posix()
            if result is not None:
                note = PENDING_NOTE
            elif snippet.absent:
                note = absent_note(snippet.absent)
            else:
                note = OFF_NOTE
            book = build_notebook(relative, code, title, framework.preload, modules, note)
            files[script] = snippet.path
            files[notebook] = notebook_file(config.cache, notebook)
            links.setdefault(name, {})[fw] = (script, notebook)
            if result is None:
                write_if_changed(files[notebook], nbformat.writes(book))
            else:
                env = {"MNIST_DIR": str(data)}
                jobs.append(NotebookJob(notebook, snippet, result.key, result.device, book, env))
    return files, links, jobs


def downloads(
    config: Config,
    topics: dict[str, Topic],
    results: dict[str, Result],
    site_url: str | None = None,
    execute: bool = True,
) -> tuple[dict[str, Path], dict[str, dict[str, tuple[str, str]]], Executed]:
    """Publish each snippet as a script and as a notebook, executed when the snippet ran.

    Returns the files by site path, per topic and framework the (script, notebook) paths, and
    what the notebook executions did. A snippet without a result (snippet execution switched
    off, or a module it requires is absent) gets a notebook without outputs. Raises
    NotebookFailures when a notebook fails to execute. With `execute` off (a serve build),
    only stored executions are used; the other notebooks are published without outputs.
    """
    files, links, jobs = _plan(config, topics, results, site_url)
    if not execute:
        for job in (j for j in jobs if not is_stored(config, j)):
            stamp(job.notebook, SERVE_NOTE)
            write_if_changed(files[job.uri], nbformat.writes(job.notebook))
        jobs = [j for j in jobs if is_stored(config, j)]
    executed = execute_notebooks(config, jobs)
    for uri, book in executed.notebooks.items():
        _quiet_stderr(config, book)
        write_if_changed(files[uri], nbformat.writes(book))
    return files, links, executed


def missing_notebooks(
    config: Config, topics: dict[str, Topic], results: dict[str, Result], site_url: str | None
) -> list[str]:
    """Return the site paths of the notebooks that a build would execute (none stored)."""
    jobs = _plan(config, topics, results, site_url)[2]
    return [job.uri for job in jobs if not is_stored(config, job)]


def site_url(config: Config) -> str | None:
    """Return the `site_url` that `mkdocs build` would use (it is part of each notebook)."""
    from mkdocs.config import load_config as load_mkdocs_config

    return load_mkdocs_config(str(config.root / "mkdocs.yml")).site_url


def _quiet_stderr(config: Config, book: nbformat.NotebookNode) -> None:
    """Drop the stderr lines that pages leave out (`stderr_noise`), and emptied outputs."""
    for cell in book.cells:
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                text = config.shown_stderr(output["text"])
                if not text.strip():
                    continue
                output["text"] = text + "\n" * output["text"].endswith("\n")
            kept.append(output)
        if cell.cell_type == "code":
            cell.outputs = kept


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
