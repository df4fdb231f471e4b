"""Where the site keeps what the build adds: generated pages, run files, downloads, notebooks.

Every path here is a site path: relative to `docs/`, with `/` separators. A page links to one
with `Renderer.link`, which makes it relative to that page.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = "docs"  # The project folder of the Markdown pages.
GENERATED = "generated"  # Files that runs wrote, plots drawn from exports, thumbnails.
DOWNLOADS, NOTEBOOKS = "downloads", "notebooks"  # Each snippet as a script and as a notebook.
STATUS_PAGE = "status.md"
GALLERY_PAGE = "gallery.md"
TRANSLATION_PAGE = "translation.md"
MNIST_LOADER = f"{DOWNLOADS}/mnist_data.py"  # The published copy of the MNIST loader.
MNIST_DATA = "data/mnist"  # The MNIST files that the published loader fetches.
SEARCH_SHIM_URI = "assets/iframe-worker.js"  # The offline copy's Web Worker shim for search.

COLAB = "https://colab.research.google.com/github"
NOTEBOOK_BRANCH = "notebooks"  # The pages workflow publishes the site's notebooks/ there.
_GITHUB = re.compile(r"https://github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?/?")


def anchor(topic: str) -> str:
    """Return a topic's anchor on the status page (and in generated file names)."""
    return re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")


def example_anchor(topic: str, framework: str | None = None) -> str:
    """Return the stable id of an example on its page, or of one framework's code in it."""
    return f"ex-{anchor(topic)}" + (f"-{framework}" if framework else "")


def status_uri(topic: str) -> str:
    """Return the site path, with its anchor, of a topic's entry on the status page."""
    return f"{STATUS_PAGE}#{anchor(topic)}"


def download_uris(topic: str, filename: str) -> tuple[str, str]:
    """Return the site paths of a snippet's script and notebook downloads."""
    stem = filename.rsplit(".", 1)[0]
    return f"{DOWNLOADS}/{topic}/{filename}", f"{NOTEBOOKS}/{topic}/{stem}.ipynb"


def notebook_file(cache: Path, notebook_uri: str) -> Path:
    """Return where the build writes the notebook published at `notebook_uri`."""
    return cache / notebook_uri


def artefact_uri(topic: str, framework: str, name: str) -> str:
    """Return the site path at which file `name`, written by one run, is published."""
    return f"{GENERATED}/{topic}/{framework}/{name}"


def output_uri(topic: str, framework: str) -> str:
    """Return the site path of a run's whole stored output (linked where a page shortens it)."""
    return f"{GENERATED}/outputs/{anchor(topic)}-{framework}.txt"


def thumbnail_uri(topic: str) -> str:
    """Return the site path of the code picture drawn for a topic that draws no figure."""
    return f"{GENERATED}/thumbnails/{anchor(topic)}.svg"


def plot_uri(topic: str, export: str, columns: list[str]) -> str:
    """Return the site path of the plot of an export's `columns` on a page."""
    return f"{GENERATED}/{anchor(topic)}-{export}-{'-'.join(columns)}.svg"


def colab_url(repo_url: str | None, path: str) -> str | None:
    """Return the Colab address of notebook `path` on the repository's `notebooks` branch.

    `path` is relative to the site's notebooks folder (a leading `notebooks/` is dropped).
    `repo_url` must be a GitHub repository, `https://github.com/<owner>/<repo>`; for anything
    else (or None) there is no Colab link and this returns None.
    """
    found = _GITHUB.fullmatch((repo_url or "").strip())
    if found is None:
        return None
    owner, repo = found.groups()
    path = path.lstrip("/").removeprefix(f"{NOTEBOOKS}/")
    return f"{COLAB}/{owner}/{repo}/blob/{NOTEBOOK_BRANCH}/{path}"
