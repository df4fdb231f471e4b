"""Everything a reader takes away runs outside the repository, twice, with runtime packages only.

The reader's environment (`.cache/reader-env`) holds the `reader` dependency group of
pyproject.toml: the frameworks and what the snippets import, and a Jupyter kernel; never this
project or its site tools. The build's own run of each snippet is the reader's first run: the
runner starts it with this environment's interpreter in an empty folder holding only a copy of
the file and of the loader (sidebyside/run.py). So this check runs nothing again; it proves that
every copy text, download and notebook is the program that ran, and runs a file a second time
in its folder only where the first run left files there (cached by the run's key).
"""

from __future__ import annotations

import ast
import html
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest
from conftest import CONFIG, ROOT, SNIPPETS
from serving import serve

from sidebyside.content.layout import download_uris
from sidebyside.content.notebook import snippet_cells
from sidebyside.core.sections import imported_modules
from sidebyside.run import runtime

READER_ENV = ROOT / ".cache" / "reader-env"
LOADER = "downloads/mnist_data.py"
_BLOCK = re.compile(
    r'class="sbs-code highlight"[^>]*?data-snippet="([^"]+)"[^>]*?data-copy="([^"]*)"'
)


SECOND_RUN = "second-run.ok"  # In a result's cache folder: its second run passed.


@pytest.fixture(scope="session")
def reader_python() -> Path:
    """Return the runtime environment's interpreter, the one every snippet ran with."""
    assert CONFIG.runtime == READER_ENV and CONFIG.python is None, (
        "pyproject.toml [tool.sidebyside] runtime must be .cache/reader-env (and "
        "SIDEBYSIDE_PYTHON unset), so that the build's runs are the reader's runs"
    )
    return runtime.python(CONFIG)


def reader_env(base_url: str, cache: Path) -> dict[str, str]:
    """Return a reader's minimal environment: data from the served site, a fresh user cache."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(cache.parent),
        "LANG": "C.UTF-8",
        "XDG_CACHE_HOME": str(cache),
        "MNIST_URL": base_url + "data/mnist/",
        "MPLBACKEND": "Agg",  # A reader's Jupyter shows figures inline; here they are only drawn.
        "OMP_NUM_THREADS": "1",  # Two runs share the two cores.
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


def copied_blocks(site: Path) -> dict[str, str]:
    """Return the copy text of every example code block on the site, by snippet path."""
    blocks: dict[str, str] = {}
    for page in site.rglob("*.html"):
        for path, copy in _BLOCK.findall(page.read_text()):
            text = html.unescape(copy) + "\n"
            assert blocks.setdefault(path, text) == text, (
                f"{path}: the copy button gives different code on {page.relative_to(site)}"
            )
    return blocks


def test_reader_environment_has_no_project(reader_python, tmp_path):
    for module in ("sidebyside", "mnist_data", "mkdocs", "pytest"):
        found = subprocess.run(  # From an empty folder, as a reader's runs start.
            [str(reader_python), "-c", f"import {module}"],
            capture_output=True,
            check=False,
            cwd=tmp_path,
        )
        assert found.returncode != 0, f"the reader's environment must not hold {module}"


def _same_program(expected: str, text: str) -> bool:
    return ast.dump(ast.parse(expected)) == ast.dump(ast.parse(text))


def test_every_copy_download_and_notebook_is_the_file_that_ran(site, runs):
    results, _ = runs
    blocks = copied_blocks(site)
    assert blocks, "no example code block with copy text found on the built site"
    loader = (site / LOADER).read_text()
    for snippet in SNIPPETS:
        relative = snippet.path.relative_to(ROOT).as_posix()
        where = f"{relative} [{snippet.framework}]"
        code = snippet.path.read_text()
        script_uri, notebook_uri = download_uris(snippet.topic, snippet.path.name)
        assert _same_program(code, blocks[relative]), (
            f"{where}: the copy button gives another program"
        )
        assert _same_program(code, (site / script_uri).read_text()), (
            f"{where}: the downloaded {script_uri} is not the program that ran"
        )
        # mkdocs-jupyter renders the notebook as a page and offers its file from that folder.
        path = site / Path(notebook_uri).with_suffix("") / Path(notebook_uri).name
        book = nbformat.reads(path.read_text(), as_version=4)
        assert _same_program(code, "\n\n".join(snippet_cells(book))), (
            f"{where}: the notebook's code cells are not the program that ran"
        )
        helpers = [c.source for c in book.cells if "helper" in c.metadata.get("tags", [])]
        if "mnist_data" in imported_modules(code):
            assert helpers == [f"%%writefile mnist_data.py\n{loader.rstrip()}"], (
                f"{where}: the notebook does not write the published loader before its import"
            )
        else:
            assert not helpers, f"{where}: the notebook writes a helper the file never imports"
        if snippet.id in results:
            assert results[snippet.id].sections, f"{where}: the run recorded no section"


def test_runs_that_left_files_pass_again_in_their_folder(
    reader_python, site, served_site, runs, tmp_path
):
    """A second run finds the files the first one wrote: it must still pass (cached by key)."""
    results, _ = runs
    again = [
        (snippet, results[snippet.id])
        for snippet in SNIPPETS
        if snippet.id in results and results[snippet.id].files
    ]
    left_empty = [s for s in SNIPPETS if s.id in results and not results[s.id].files]
    assert left_empty, "every run left files: the check below would run all of them again"
    env = reader_env(served_site, tmp_path / "cache")

    def second(item) -> str | None:
        snippet, result = item
        done = Path(result.folder) / SECOND_RUN
        if done.is_file():
            return None
        folder = tmp_path / f"{snippet.topic}-{snippet.framework}"
        shutil.copytree(Path(result.folder) / "files", folder)  # What the first run left.
        script_uri, _ = download_uris(snippet.topic, snippet.path.name)
        shutil.copy(site / script_uri, folder / snippet.path.name)
        if "mnist_data" in imported_modules(snippet.path.read_text()):
            shutil.copy(site / LOADER, folder)
        try:
            ran = subprocess.run(
                [str(reader_python), snippet.path.name],
                cwd=folder,
                env=env,
                capture_output=True,
                text=True,
                timeout=snippet.timeout * 2,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"{result.path} [{snippet.framework}]: the second run timed out"
        if ran.returncode != 0:
            return (
                f"{result.path} [{snippet.framework}]: the second run in the same folder failed "
                f"(exit status {ran.returncode}):\n{(ran.stderr or ran.stdout)[-1500:]}"
            )
        done.write_text("passed\n")
        return None

    start = time.monotonic()
    with ThreadPoolExecutor(CONFIG.jobs) as pool:
        problems = [p for p in pool.map(second, again) if p]
    print(
        f"reader check: {len(again)} of {len(results)} runs left files and ran a second time "
        f"in {time.monotonic() - start:.0f} s"
    )
    assert not problems, "\n\n".join(problems)


def test_downloaded_mnist_example_fetches_verifies_and_caches(reader_python, site, runs, tmp_path):
    results, _ = runs
    users = [
        s
        for s in SNIPPETS
        if s.id in results and re.search(r"^from mnist_data import", s.path.read_text(), re.M)
    ]
    assert users, "no example imports mnist_data: the loader check has nothing to run"
    snippet = min(users, key=lambda s: results[s.id].seconds)
    script_uri, _ = download_uris(snippet.topic, snippet.path.name)
    served = tmp_path / "served"
    shutil.copytree(site / "data", served / "data")

    def run(folder: Path, cache: Path, base: str) -> subprocess.CompletedProcess:
        folder.mkdir(exist_ok=True)
        shutil.copy(site / script_uri, folder)
        shutil.copy(site / LOADER, folder)
        return subprocess.run(
            [str(reader_python), snippet.path.name],
            cwd=folder,
            env=reader_env(base, cache),
            capture_output=True,
            text=True,
            timeout=snippet.timeout * 2,
            check=False,
        )

    with serve(served) as server:
        base, requested = server.url, server.requested
        cache = tmp_path / "cache"
        first = run(tmp_path / "empty", cache, base)
        assert first.returncode == 0, f"{script_uri}: failed in an empty folder:\n{first.stderr}"
        cached = sorted(p.name for p in cache.rglob("*.gz"))
        assert cached == ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"], (
            f"{script_uri}: the MNIST files were not cached in the user cache ({cached})"
        )
        assert len(requested) == 2, f"expected one request per MNIST file, saw {requested}"
        again = run(tmp_path / "empty", cache, base)
        assert again.returncode == 0, f"{script_uri}: second run failed:\n{again.stderr}"
        assert len(requested) == 2, "the second run downloaded again instead of using the cache"

        images = served / "data/mnist/t10k-images-idx3-ubyte.gz"
        images.write_bytes(images.read_bytes()[:5000])  # A truncated download.
        broken = run(tmp_path / "fresh", tmp_path / "cache2", base)
        assert broken.returncode != 0, f"{script_uri}: ran on a corrupt MNIST download"
        assert "t10k-images-idx3-ubyte.gz" in broken.stderr and "corrupt" in broken.stderr, (
            f"{script_uri}: a corrupt download must fail naming the file:\n{broken.stderr[-2000:]}"
        )
        assert not list((tmp_path / "cache2").rglob("t10k-images*")), (
            "a corrupt download was left in the user cache"
        )
