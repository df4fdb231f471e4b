"""Error messages name the file and framework; exported values become plain JSON values."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sidebyside.core.errors import SnippetError, tail

LAUNCH = Path(__file__).resolve().parents[2] / "sidebyside" / "run" / "launch.py"


def _launch():
    spec = importlib.util.spec_from_file_location("launch_under_test", LAUNCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_snippet_error_names_file_framework_reason_and_output_tail():
    output = "\n".join(f"line {n}" for n in range(30)) + "\n\n"
    error = SnippetError("snippets/x/pt.py", "pytorch", "failed with exit status 1", output)
    message = str(error)
    assert message.startswith("snippets/x/pt.py [pytorch] failed with exit status 1; last lines")
    assert "line 29" in message and "line 14" not in message


def test_tail_of_nothing_says_so():
    assert tail("") == "    (no output)"


def test_to_plain_converts_arrays_and_containers():
    to_plain = _launch().to_plain

    class Array:  # Stands in for a NumPy array or a torch tensor.
        def tolist(self):
            return [[1.0, 2.0]]

    class Tensor:  # Stands in for a TensorFlow tensor.
        def numpy(self):
            return Array()

    value = {"a": (Array(), 2), "b": Tensor(), "c": None}
    assert to_plain(value, "v") == {"a": [[[1.0, 2.0]], 2], "b": [[1.0, 2.0]], "c": None}


def test_to_plain_names_the_export_it_cannot_convert():
    with pytest.raises(TypeError, match=r"exported name \"v\['k'\]\" holds a object"):
        _launch().to_plain({"k": object()}, "v")
