"""`mkdocs build` fails with a message naming the culprit, and recovers once it is fixed."""

from __future__ import annotations

import gzip
import shutil

import pytest
from conftest import ROOT
from miniproject import MiniProject, assert_fails_then_recovers


@pytest.fixture
def mini(tmp_path):
    project = MiniProject(tmp_path / "project", timeout=3)
    assert project.build().returncode == 0  # Green first, with a warm cache.
    return project


@pytest.mark.parametrize(
    ("code", "needle"),
    [
        ("raise ValueError('boom')\n", "ValueError: boom"),
        ("def broken(:\n", "SyntaxError"),
        ("while True:\n    pass\n", "timed out after 3 s"),
        ("import sys\nprint('only on stderr', file=sys.stderr)\nsys.exit(2)\n", "only on stderr"),
    ],
    ids=["raises", "syntax-error", "hangs", "stderr-exit-2"],
)
def test_broken_snippet_fails_build(mini, code, needle):
    good = (mini.root / "snippets/demo/tf.py").read_text()
    mini.snippet("tf.py", code)
    broken = mini.build()
    assert "snippets/demo/tf.py [tensorflow]" in broken.stderr
    assert_fails_then_recovers(mini, needle, lambda: mini.snippet("tf.py", good))


def test_unknown_topic_fails_build(mini):
    mini.page('{{ example("nope") }}\n')
    assert_fails_then_recovers(
        mini,
        "docs/index.md: line 1: example: \"no snippet topic 'nope'",
        lambda: mini.page('{{ example("demo") }}\n'),
    )


def test_missing_include_fails_build(mini):
    mini.page('```python\n--8<-- "snippets/demo/gone.py"\n```\n')
    assert_fails_then_recovers(
        mini, "snippets/demo/gone.py", lambda: mini.page('{{ example("demo") }}\n')
    )


def test_missing_include_section_fails_build(mini):
    mini.page('```python\n--8<-- "snippets/demo/pt.py:nosuch"\n```\n')
    assert_fails_then_recovers(mini, "nosuch", lambda: mini.page('{{ example("demo") }}\n'))


def test_disagreement_fails_build(mini):
    (mini.root / "snippets/demo/topic.toml").write_text("[compare]\nvalue = 1e-6\n")
    mini.snippet("tf.py", "value = 1.5\n")
    assert_fails_then_recovers(
        mini,
        "DISAGREE on 'value'",
        lambda: mini.snippet("tf.py", "value = 1.0\n"),
        shown="hello from pt",
    )


MNIST_SNIPPET = """
from mnist_data import load_mnist

images, labels = load_mnist("train", n=10)
print(f"images: {images.shape}")
"""


@pytest.mark.parametrize("fault", ["missing", "corrupt", "truncated"])
def test_bad_data_file_fails_build(mini, monkeypatch, fault):
    source = ROOT / "mnist_data"
    target = mini.root / "data" / "mnist"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setenv("MNIST_DIR", str(target))
    mini.snippet("pt.py", MNIST_SNIPPET)
    assert mini.build().returncode == 0  # Warm cache with good data...
    images = target / "t10k-images-idx3-ubyte.gz"
    good = images.read_bytes()
    if fault == "missing":
        images.unlink()
    elif fault == "corrupt":
        raw = bytearray(gzip.decompress(good))
        raw[5000] ^= 0xFF
        images.write_bytes(gzip.compress(bytes(raw)))
    else:
        images.write_bytes(good[:1000])
    broken = mini.build()  # ...never masks bad data: the data folder is part of the key.
    assert "snippets/demo/pt.py [pytorch]" in broken.stderr
    assert_fails_then_recovers(
        mini, f"{images}: MNIST images file", lambda: images.write_bytes(good), shown="images: ("
    )


def test_snippet_needing_an_absent_module_is_shown_not_run(mini):
    mini.snippet("pt.py", "import no_such_module_here\n", topic="needs")
    (mini.root / "snippets/needs/topic.toml").write_text('requires = ["no_such_module_here"]\n')
    mini.page('{{ example("needs") }}\n', name="needs.md")
    built = mini.build()
    assert built.returncode == 0, f"an absent required module broke the build:\n{built.stderr}"
    html = (mini.root / "site/needs/index.html").read_text()
    assert "Not run by this build" in html and "no_such_module_here" in html
    assert "import no_such_module_here" in html, "the code of a snippet not run must still show"
    status = (mini.root / "site/status/index.html").read_text()
    assert "not run in this build: needs no_such_module_here" in status
