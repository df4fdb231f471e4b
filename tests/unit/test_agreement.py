"""Agreement arithmetic: the largest absolute difference, and mismatches as infinity."""

from __future__ import annotations

import math

from sidebyside.content.compare import Agreement, max_difference


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
