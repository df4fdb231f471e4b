"""Proof marks: snippet markers, page marks, their links and the claim counts."""

from __future__ import annotations

import pytest

from sidebyside.content import proofs
from sidebyside.content.proofs import Marker, ProofError

CODE = """\
import math

# proof: alone
assert math.isclose(
    1.0,
    1.0,
)
x = 2  # proof: trailing
for i in range(2):
    print(i)  # proof: inner
"""


def test_a_comment_alone_marks_the_whole_statement_below_it():
    assert proofs.markers(CODE, "pt.py")["alone"] == (4, 7)


def test_a_trailing_comment_marks_its_own_statement():
    found = proofs.markers(CODE, "pt.py")
    assert found["trailing"] == (8, 8)
    assert found["inner"] == (10, 10), "the innermost statement, not the whole loop"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "x = 1  # proof: twice\ny = 2  # proof: twice\n",
            "pt.py:2: proof marker 'twice' appears twice",
        ),
        ("x = 1  # proof: Bad_Name\n", "pt.py:1: proof marker 'Bad_Name': use lowercase"),
        ("x = 1\n# proof: last\n", "pt.py:2: proof marker 'last' marks no statement below it"),
    ],
    ids=["duplicate", "name", "nothing-below"],
)
def test_a_bad_marker_names_file_and_line(code, message):
    with pytest.raises(ProofError, match=message.replace("(", r"\(")):
        proofs.markers(code, "pt.py")


def _marker(name, topic="demo", fw="pytorch", first=3, last=3):
    return Marker(name, topic, fw, f"snippets/{topic}/{fw}.py", f"ex-{topic}-{fw}", first, last)


SHOWN = {
    "demo": [_marker("rule"), _marker("rule", fw="tensorflow", first=5, last=6), _marker("pt")],
    "other": [_marker("same", topic="other"), _marker("pt", topic="other")],
}
LABELS = {"pytorch": "PyTorch", "tensorflow": "TensorFlow"}


def test_a_mark_links_each_framework_to_its_marked_lines():
    html = proofs.link('Both agree. {{ proof("rule") }}\n', SHOWN, LABELS)
    assert 'href="#__span-ex-demo-pytorch-3" data-block="ex-demo-pytorch" data-lines="3-3"' in html
    assert 'href="#__span-ex-demo-tensorflow-5"' in html and 'data-lines="5-6"' in html
    assert html.index(">PyTorch</a>") < html.index(">TensorFlow</a>")
    assert "snippets/demo/tensorflow.py, lines 5-6" in html


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nope", "no snippet shown on this page has a `# proof: nope` marker"),
        ("pt", "topics demo, other all have this marker"),
        ("missing/rule", "topic 'missing' is not shown on this page"),
    ],
)
def test_a_mark_naming_no_single_marker_fails_with_its_line(ref, message):
    page = f'First line.\nSecond. {{{{ proof("{ref}") }}}}\n'
    (problem,) = proofs.check(page, SHOWN)
    assert problem.startswith("line 2: ") and message in problem, problem
    with pytest.raises(ProofError, match="line 2: "):
        proofs.link(page, SHOWN, LABELS)


def test_a_topic_prefix_picks_one_topic():
    html = proofs.link('{{ proof("other/pt") }}', SHOWN, LABELS)
    assert "#__span-ex-other-pytorch-3" in html and "ex-demo" not in html


def test_claims_count_marks_and_pinned_links_only():
    page = "\n".join(
        [
            'Asserted. {{ proof("rule") }}',
            "Sourced [here](https://github.com/pytorch/pytorch/blob/v2.13.0/torch/optim/adam.py#L38).",
            "Docs [here](https://docs.pytorch.org/docs/2.13/generated/torch.nn.Linear.html).",
            "Unpinned [main](https://github.com/pytorch/pytorch/blob/main/torch/optim/adam.py).",
            "Plain sentence.",
        ]
    )
    assert proofs.count_claims(page) == proofs.Claims(asserted=1, sourced=2)


def test_a_file_that_does_not_parse_leaves_its_error_to_the_run():
    """The runner names a syntax error with file and framework; markers only mark their line."""
    assert proofs.markers("x = (1,\n# proof: here\ny = 2\n", "pt.py") == {"here": (2, 2)}
