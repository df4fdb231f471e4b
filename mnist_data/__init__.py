"""Load MNIST digits with NumPy alone, checking every file against its checksum.

All images come from MNIST's official test split (PROVENANCE.md, next to the files, says
where they come from): the first `n` images serve as training data and the last 200 as test
data, so the two never overlap.

Each file is looked for, in order: in the folder `MNIST_DIR` names, when that environment
variable is set (and then only there); next to this file; in the user cache
(`${XDG_CACHE_HOME:-~/.cache}/side-by-side/mnist/`). A file found nowhere is downloaded into
that cache from the site, `SITE_URL` + `data/mnist/` (the `MNIST_URL` environment variable,
the address of a folder holding the files, overrides it), and kept only once its checksum
matches. Like `keras.datasets.mnist.load_data()`, the first call downloads and later calls
read the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
import zlib
from http.client import HTTPException
from pathlib import Path

import numpy as np

SITE_URL = "http://127.0.0.1:8000/"  # The site whose data/mnist/ folder serves the files.
HERE = Path(__file__).resolve().parent
# md5 of the decompressed IDX files, from PROVENANCE.md.
FILES = {
    "images": ("t10k-images-idx3-ubyte.gz", "2646ac647ad5339dbf082846283269ea"),
    "labels": ("t10k-labels-idx1-ubyte.gz", "27ae3e4e09519cfbb04c329615203637"),
}
TEST_SIZE = 200
TIMEOUT = 60  # Seconds a download may wait for the server.


class MnistDataError(RuntimeError):
    """An MNIST file is missing, corrupt, or cannot be downloaded."""


def cache_dir() -> Path:
    """Return the user cache folder that downloaded files are kept in."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "side-by-side" / "mnist"


def base_url() -> str:
    """Return the address of the folder that files are downloaded from (`MNIST_URL` overrides)."""
    url = os.environ.get("MNIST_URL") or SITE_URL + "data/mnist/"
    return url if url.endswith("/") else url + "/"


def _checked(data: bytes, kind: str, where: str, advice: str) -> bytes:
    """Return the decompressed `data`, or fail naming `where` when its md5 is not the expected."""
    expected = FILES[kind][1]
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise MnistDataError(
            f"{where}: MNIST {kind} file is corrupt (not gzip: {exc}); {advice}"
        ) from exc
    actual = hashlib.md5(raw).hexdigest()
    if actual != expected:
        raise MnistDataError(
            f"{where}: MNIST {kind} file is corrupt: md5 {actual}, expected {expected}; {advice}"
        )
    return raw


def _download(kind: str, cache: Path) -> bytes:
    """Download one file into `cache` through a temporary file; keep it only when it checks."""
    name = FILES[kind][0]
    url = base_url() + name
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            data = response.read()
    except (OSError, HTTPException, ValueError) as exc:
        raise MnistDataError(
            f"{url}: could not download MNIST {kind} file {name} ({exc}); check the address "
            f"(set MNIST_URL to the folder holding the files) and the network, or put {name} "
            f"in {cache}"
        ) from exc
    cache.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=cache, prefix=".download-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        advice = (
            f"nothing was kept in {cache}; run again, or download {name} from {url} into "
            f"{cache} by hand"
        )
        raw = _checked(Path(temporary).read_bytes(), kind, f"{url} (downloaded {name})", advice)
        os.replace(temporary, cache / name)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return raw


def _read_idx(kind: str) -> np.ndarray:
    name = FILES[kind][0]
    if override := os.environ.get("MNIST_DIR"):
        path = Path(override) / name
        if not path.is_file():
            raise MnistDataError(
                f"{path}: MNIST {kind} file is missing; put {name} in MNIST_DIR ({override}) "
                "or unset MNIST_DIR"
            )
        raw = _checked(path.read_bytes(), kind, str(path), "replace it with a good copy")
    elif (path := HERE / name).is_file():
        advice = f"restore it (git checkout) or delete it to download it from {base_url()}"
        raw = _checked(path.read_bytes(), kind, str(path), advice)
    elif (path := cache_dir() / name).is_file():
        raw = _checked(path.read_bytes(), kind, str(path), "delete it to download it again")
    else:
        raw = _download(kind, cache_dir())
    dims = raw[3]  # IDX header: two zero bytes, a type code, the number of dimensions.
    shape = tuple(int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(dims))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(split: str = "train", n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    """Return `(images, labels)`: uint8 images of shape (N, 28, 28) and int64 labels.

    `split="train"` gives the first `n` images; `split="test"` the last 200.
    """
    images, labels = _read_idx("images"), _read_idx("labels").astype(np.int64)
    if split == "train":
        if not 0 < n <= len(images) - TEST_SIZE:
            raise ValueError(f"n must be between 1 and {len(images) - TEST_SIZE}, not {n}")
        return images[:n], labels[:n]
    if split == "test":
        return images[-TEST_SIZE:], labels[-TEST_SIZE:]
    raise ValueError(f"split must be 'train' or 'test', not {split!r}")
