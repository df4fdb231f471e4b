"""The site layout: every generated page, download and run file has one site path."""

from __future__ import annotations

from pathlib import Path

from sidebyside.content import layout


def test_download_paths_pair_script_and_notebook():
    script, notebook = layout.download_uris("autograd", "pt.py")
    assert script == "downloads/autograd/pt.py"
    assert notebook == "notebooks/autograd/pt.ipynb"
    assert layout.notebook_file(Path("/c"), notebook) == Path("/c/notebooks/autograd/pt.ipynb")


def test_generated_files_live_under_one_folder():
    paths = [
        layout.artefact_uri("mnist", "tf", "loss.svg"),
        layout.thumbnail_uri("Q1 Tensors"),
        layout.plot_uri("mnist", "trace", ["loss", "accuracy"]),
    ]
    assert paths == [
        "generated/mnist/tf/loss.svg",
        "generated/thumbnails/q1-tensors.svg",
        "generated/mnist-trace-loss-accuracy.svg",
    ]


def test_status_links_use_the_topic_anchor():
    assert layout.anchor("Q19: Mixed precision") == "q19-mixed-precision"
    assert layout.status_uri("q19_amp") == "status.md#q19-amp"


def test_colab_url_accepts_site_paths_and_notebook_relative_paths():
    repo = "https://github.com/me/site"
    expected = "https://colab.research.google.com/github/me/site/blob/notebooks/autograd/pt.ipynb"
    assert layout.colab_url(repo, "notebooks/autograd/pt.ipynb") == expected
    assert layout.colab_url(repo, "autograd/pt.ipynb") == expected
    assert layout.colab_url("https://gitlab.com/me/site", "autograd/pt.ipynb") is None
