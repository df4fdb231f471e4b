"""Agreement: the largest absolute difference, mismatches as infinity, the box's verdict."""

from __future__ import annotations

import math
from pathlib import Path

from sidebyside.content.compare import Agreement, max_difference
from sidebyside.content.render import Renderer
from sidebyside.core.config import load_config
from sidebyside.core.discover import Snippet, Topic
from sidebyside.core.results import Result


def test_nested_differences():
    assert max_difference([1.0, [2.0, 3.0]], [1.5, [2.0, 2.0]]) == 1.0
    assert max_difference({"a": 1, "b": [1, 2]}, {"a": 1, "b": [1, 2.25]}) == 0.25
    assert max_difference([], []) == 0.0


def test_mismatches_never_agree():
    assert max_difference([1, 2], [1, 2, 3]) == math.inf
    assert max_difference({"a": 1}, {"b": 1}) == math.inf
    assert max_difference("x", 1.0) == math.inf
    assert max_difference("same", "same") == 0.0


def test_agreement_message_says_both_frameworks_and_the_verdict():
    ok = Agreement("q07", "grad", ("pytorch", "tensorflow"), 1e-6, 2e-7)
    bad = Agreement("q07", "grad", ("pytorch", "tensorflow"), 1e-6, 0.5)
    assert ok.agrees and not bad.agrees
    assert str(bad) == (
        "q07: pytorch and tensorflow DISAGREE on 'grad': max |difference| 0.5, tolerance 1e-06"
    )


def _box(tf_value: float) -> str:
    """Render the agreement box of a topic comparing `value` (1e-6) and `other` (exact)."""
    config = load_config(Path(__file__).resolve().parents[2])
    snippets = {fw: Snippet("t", fw, Path(f"{fw}.py"), 1.0) for fw in ("pytorch", "tensorflow")}
    topic = Topic("t", Path("t"), "T", snippets, compare={"value": 1e-6, "other": 0})
    values = {"pytorch": 1.0, "tensorflow": tf_value}
    results = {
        s.id: Result("t", fw, s.path.name, "k", "", "", 1.0, "d") for fw, s in snippets.items()
    }
    for fw, s in snippets.items():
        results[s.id].exports = {"value": values[fw], "other": 2}
    return Renderer(config, {"t": topic}, results, "t.md").agreement(topic)


def test_the_agreement_box_is_titled_by_its_rows():
    agree = _box(1.0)
    assert agree.startswith('!!! success "PyTorch and TensorFlow agree"') and "✗" not in agree
    disagree = _box(1.5)
    assert disagree.startswith('!!! failure "PyTorch and TensorFlow disagree on 1 of 2 value(s)"')
    assert "`value`: largest difference 0.5 (tolerance 1e-06) ✗" in disagree
    assert "`other`: largest difference 0 (tolerance 0) ✓" in disagree
