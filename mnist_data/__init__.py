"""Load the vendored MNIST digits with NumPy alone, checking every file against its checksum.

All images come from MNIST's official test split (data/mnist/PROVENANCE.md): the first
`n` images serve as training data and the last 200 as test data, so the two never overlap.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "mnist"
# md5 of the decompressed IDX files, from data/mnist/PROVENANCE.md.
FILES = {
    "images": ("t10k-images-idx3-ubyte.gz", "2646ac647ad5339dbf082846283269ea"),
    "labels": ("t10k-labels-idx1-ubyte.gz", "27ae3e4e09519cfbb04c329615203637"),
}
TEST_SIZE = 200


class MnistDataError(RuntimeError):
    """A vendored MNIST file is missing or does not match its checksum."""


def data_dir() -> Path:
    """Return the folder holding the IDX files (the MNIST_DIR environment variable overrides)."""
    return Path(os.environ.get("MNIST_DIR", DATA_DIR))


def _read_idx(kind: str) -> np.ndarray:
    name, expected = FILES[kind]
    path = data_dir() / name
    if not path.is_file():
        raise MnistDataError(f"{path}: MNIST {kind} file is missing; restore it with git checkout")
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise MnistDataError(f"{path}: MNIST {kind} file is corrupt (not gzip: {exc})") from exc
    actual = hashlib.md5(raw).hexdigest()
    if actual != expected:
        raise MnistDataError(
            f"{path}: MNIST {kind} file is corrupt: md5 {actual}, expected {expected}"
        )
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
