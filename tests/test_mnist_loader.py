"""The MNIST loader outside the repository: it downloads from the site, checks and caches.

Each test copies the loader alone into an empty folder, so no MNIST file is next to it, and
serves a folder laid out like the site (`data/mnist/...`) on a local port.
"""

from __future__ import annotations

import gzip
import importlib.util
import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from serving import QuietHandler, serve

from sidebyside.content.layout import MNIST_LOADER
from sidebyside.core.sections import imports_mnist
from sidebyside.site import publish

PACKAGE = ROOT / "mnist_data"
IMAGES, LABELS = "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
_names = itertools.count()


class _CutOff(QuietHandler):
    """Serve files and record each requested path; `cut_off` sends half of every body."""

    cut_off = False

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if not (self.cut_off and path.is_file()):
            return super().do_GET()
        self.requested.append(self.path)
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])  # The connection closes mid-transfer.
        return None


@pytest.fixture
def site(tmp_path):
    """A folder laid out like the published site, holding both MNIST files."""
    folder = tmp_path / "site" / "data" / "mnist"
    folder.mkdir(parents=True)
    for name in (IMAGES, LABELS):
        shutil.copy(PACKAGE / name, folder)
    return folder


@pytest.fixture
def server(site):
    """Serve the site folder on a free local port; yield (base URL, requested paths, handler)."""
    with serve(site.parents[1], _CutOff) as served:
        yield served.url, served.requested, served.handler


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh user cache; no MNIST_DIR or MNIST_URL from the calling environment."""
    monkeypatch.delenv("MNIST_DIR", raising=False)
    monkeypatch.delenv("MNIST_URL", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg" / "side-by-side" / "mnist"


def reader_loader(folder: Path, source: str | None = None):
    """Write the loader (or `source`) as `folder/mnist_data.py`, alone, and import it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mnist_data.py"
    path.write_text(source if source is not None else (PACKAGE / "__init__.py").read_text())
    spec = importlib.util.spec_from_file_location(f"reader_mnist_{next(_names)}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cached_files(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


def error_of(loader, fault: str) -> str:
    """Return the message of the MnistDataError that `load_mnist()` raises on `fault`."""
    try:
        loader.load_mnist()
    except loader.MnistDataError as exc:
        return str(exc)
    pytest.fail(f"{loader.__file__}: load_mnist() should raise MnistDataError on {fault}")


def assert_downloads_once_then_caches(loader, cache: Path, requested: list[str]) -> None:
    images, labels = loader.load_mnist("train", n=10)
    assert sorted(requested) == [f"/data/mnist/{IMAGES}", f"/data/mnist/{LABELS}"], (
        f"{loader.__file__}: the first load_mnist() call should request each MNIST file once "
        f"from the site, but requested {requested}"
    )
    assert cached_files(cache) == [IMAGES, LABELS], (
        f"{loader.__file__}: the downloads should be kept in the user cache {cache}, which "
        f"holds {cached_files(cache)}"
    )
    again = loader.load_mnist("train", n=10)
    assert len(requested) == 2, (
        f"{loader.__file__}: a second call downloaded again ({requested[2:]}) instead of "
        "reading the user cache"
    )
    import mnist_data  # The repository's loader, reading the repository's files.

    expected = mnist_data.load_mnist("train", n=10)
    for got in (images, labels), again:
        assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True)), (
            f"{loader.__file__}: downloaded digits differ from the repository's MNIST files"
        )


def test_first_call_downloads_verifies_and_caches(tmp_path, server, cache, monkeypatch):
    url, requested, _ = server
    monkeypatch.setenv("MNIST_URL", url + "data/mnist/")
    loader = reader_loader(tmp_path / "reader")
    assert_downloads_once_then_caches(loader, cache, requested)


def corrupt(path: Path) -> None:
    raw = bytearray(gzip.decompress(path.read_bytes()))
    raw[5000] ^= 0xFF
    path.write_bytes(gzip.compress(bytes(raw), compresslevel=1))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5000])


@pytest.mark.parametrize(
    ("fault", "needle"),
    [("corrupt", "corrupt: md5"), ("truncated", "corrupt (not gzip"), ("cut-off", "download")],
)
def test_bad_download_fails_naming_url_and_file_and_keeps_nothing(
    tmp_path, site, server, cache, monkeypatch, fault, needle
):
    url, requested, handler = server
    if fault == "corrupt":
        corrupt(site / IMAGES)
    elif fault == "truncated":
        truncate(site / IMAGES)
    else:
        handler.cut_off = True  # Content-Length promises more than the server sends.
    monkeypatch.setenv("MNIST_URL", url + "data/mnist/")
    loader = reader_loader(tmp_path / "reader")
    message = error_of(loader, f"a {fault} download")
    for part in (f"{url}data/mnist/{IMAGES}", IMAGES, needle):
        assert part in message, f"a {fault} download: the error should name {part!r}: {message}"
    assert cached_files(cache) == [], (
        f"a {fault} download was left in the user cache {cache}: {cached_files(cache)}"
    )
    assert len(requested) == 1, f"a {fault} download must not be retried: {requested}"


def test_missing_file_on_the_site_fails_naming_the_url(tmp_path, site, server, cache, monkeypatch):
    url, _, _ = server
    (site / IMAGES).unlink()
    monkeypatch.setenv("MNIST_URL", url + "data/mnist")  # Without a trailing slash.
    loader = reader_loader(tmp_path / "reader")
    message = error_of(loader, "a file the site lacks (404)")
    assert f"{url}data/mnist/{IMAGES}" in message and "404" in message, (
        f"a file the site lacks: the error should name its URL and the 404: {message}"
    )
    assert cached_files(cache) == [], f"nothing should be cached: {cached_files(cache)}"


def test_corrupt_file_in_the_cache_fails_naming_it(tmp_path, server, cache, monkeypatch):
    url, requested, _ = server
    monkeypatch.setenv("MNIST_URL", url + "data/mnist/")
    cache.mkdir(parents=True)
    shutil.copy(PACKAGE / IMAGES, cache)
    truncate(cache / IMAGES)
    loader = reader_loader(tmp_path / "reader")
    message = error_of(loader, "a corrupt file in the user cache")
    assert message.startswith(f"{cache / IMAGES}: MNIST images file is corrupt"), (
        f"a corrupt cached file: the error should start with its path: {message}"
    )
    assert requested == [], f"a corrupt cached file must not trigger a download: {requested}"


def test_files_next_to_the_loader_come_first(tmp_path, server, cache, monkeypatch):
    url, requested, _ = server
    monkeypatch.setenv("MNIST_URL", url + "data/mnist/")
    folder = tmp_path / "reader"
    folder.mkdir()
    for name in (IMAGES, LABELS):
        shutil.copy(PACKAGE / name, folder)
    loader = reader_loader(folder)
    assert loader.load_mnist("test")[0].shape == (200, 28, 28)
    assert requested == [] and cached_files(cache) == [], (
        f"files next to the loader should be used as they are: requests {requested}, "
        f"cache {cached_files(cache)}"
    )
    corrupt(folder / LABELS)
    message = error_of(loader, "a corrupt file next to it")
    assert message.startswith(f"{folder / LABELS}: MNIST labels file is corrupt"), (
        f"a corrupt file next to the loader: the error should name it: {message}"
    )


def test_published_loader_downloads_from_its_own_site(tmp_path, server, cache):
    url, requested, _ = server
    published = publish.mnist_files(url)
    for name in (IMAGES, LABELS, "PROVENANCE.md"):
        path = published[f"data/mnist/{name}"]
        assert isinstance(path, Path) and path.is_file(), f"data/mnist/{name}: not published"
    source = published[MNIST_LOADER]
    assert f'SITE_URL = "{url}"' in source, (
        f"{MNIST_LOADER}: the published loader should download from {url}, the site's URL"
    )
    loader = reader_loader(tmp_path / "reader", source)  # MNIST_URL is unset here.
    assert_downloads_once_then_caches(loader, cache, requested)


def test_published_loader_needs_its_site_url_line():
    with pytest.raises(ValueError, match="SITE_URL"):
        publish.published_loader(Path("mnist_data.py"), "x = 1\n", "https://example.org/")
    unchanged = publish.published_loader(Path("m.py"), 'SITE_URL = "a"  # note\n', None)
    assert unchanged == 'SITE_URL = "a"  # note\n'
    assert publish.published_loader(Path("m.py"), 'SITE_URL = "a"  # note\n', "b") == (
        'SITE_URL = "b"  # note\n'
    )


@pytest.mark.parametrize(
    ("code", "imports"),
    [
        ("from mnist_data import load_mnist\n", True),
        ("import numpy as np\nimport mnist_data\n", True),
        ("import numpy as np\n# mnist_data is not used\n", False),
        ("import mnist_data_extra\n", False),
        ("import os, mnist_data\n", True),  # A regex on line starts would miss this one.
        ('HELP = """\nimport mnist_data\n"""\n', False),  # An import inside a string.
    ],
)
def test_imports_mnist(code, imports):
    assert imports_mnist(code) is imports, f"imports_mnist({code!r}) should be {imports}"
