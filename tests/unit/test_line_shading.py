"""Line shading in the side-by-side view: each side shades its own lines that differ."""

from __future__ import annotations

import re

from sidebyside.content.render import code_attributes

PT = """import torch

x = torch.ones(3)
y = x * 2
print(y)
"""
TF = """import tensorflow as tf

x = tf.ones(3)
y = x * 2
z = y + 1
print(z)
"""


def _shaded(attributes: str) -> set[int]:
    found = re.search(r'hl_lines="([\d ]+)"', attributes)
    return {int(n) for n in found[1].split()} if found else set()


def test_each_side_shades_its_own_differing_lines():
    attributes = code_attributes({"pytorch": PT, "tensorflow": TF})
    pt, tf = _shaded(attributes["pytorch"]), _shaded(attributes["tensorflow"])
    assert 4 not in pt and 4 not in tf, "y = x * 2 is the same line in both: not shaded"
    assert {1, 3, 5} <= pt, f"PyTorch's own differing lines 1, 3, 5 must be shaded: {pt}"
    assert {1, 3, 5, 6} <= tf, f"TensorFlow's differing lines must be shaded: {tf}"
    assert 6 not in pt, "PyTorch has no line 6: the sides' shading is swapped"
    assert 'data-fill="4:1"' in attributes["pytorch"], "PyTorch needs a filler row for z = y + 1"
    assert "data-fill" not in attributes["tensorflow"], "TensorFlow, the longer file, needs none"
