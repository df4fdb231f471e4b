"""Line alignment of mirrored snippet pairs, and the code block HTML the site gets from it."""

from __future__ import annotations

import html

import markdown
import pytest
from conftest import TOPICS
from pymdownx.superfences import SuperFencesException

from sidebyside.content.align import align
from sidebyside.content.render import code_attributes
from sidebyside.site import fence
from sidebyside.site.fence import FILLER, parse_fill

PT = """import torch

x = torch.ones(3)
x.requires_grad_(True)
y = (x * x).sum()
print(f"y: {y}")
"""
TF = """import tensorflow as tf

x = tf.Variable(tf.ones(3))
with tf.GradientTape() as tape:
    y = tf.reduce_sum(x * x)
print(f"y: {y}")
"""


def test_mirrored_lines_share_rows_and_unmatched_lines_face_fillers():
    alignment = align(PT, TF)
    rows = dict(alignment.rows[:3])
    assert rows == {1: 1, 2: 2, 3: 3}, f"imports, blank line and x = ... should pair: {rows}"
    assert (6, 6) in alignment.rows, "the identical print lines must share a row"
    assert alignment.mirrored
    assert 6 not in alignment.differ_left, "identical lines are not shaded"
    assert 3 in alignment.differ_left and 3 in alignment.differ_right
    # Every line appears exactly once, in order, on its side.
    for side, count in ((0, 6), (1, 6)):
        lines = [row[side] for row in alignment.rows if row[side] is not None]
        assert lines == list(range(1, count + 1))


def test_fillers_pad_both_sides_to_the_same_height():
    left = "a = 1\nb = 2\nc = 3\n"
    right = "a = 1\nc = 3\n"
    alignment = align(left, right)
    assert alignment.fillers(0) == {}
    assert alignment.fillers(1) == {1: 1}, "one filler after right line 1, facing b = 2"
    assert len(alignment.rows) == 3


def test_files_that_do_not_mirror_are_left_unaligned():
    left = "\n".join(f"alpha_{i} = compute_left({i})" for i in range(10))
    right = "\n".join(f"print('unrelated {i}')" for i in range(10))
    assert not align(left, right).mirrored
    assert code_attributes({"pytorch": left, "tensorflow": right}) == {
        "pytorch": "",
        "tensorflow": "",
    }


def test_every_real_pair_is_aligned_consistently():
    for topic in TOPICS.values():
        if len(topic.snippets) != 2:
            continue
        a, b = (s.path.read_text() for s in topic.snippets.values())
        alignment = align(a, b)
        height = [len(a.splitlines()) + sum(alignment.fillers(0).values())]
        height.append(len(b.splitlines()) + sum(alignment.fillers(1).values()))
        assert height[0] == height[1] == len(alignment.rows), (
            f"{topic.name}: the two sides would not end on the same row ({height})"
        )


def _render(markdown_text: str, line_spans: str = "__span") -> str:
    """Render Markdown with the site's highlight settings and the `sbs` fence."""
    return markdown.markdown(
        markdown_text,
        extensions=["attr_list", "pymdownx.highlight", "pymdownx.superfences"],
        extension_configs={
            "pymdownx.highlight": {"line_spans": line_spans},
            "pymdownx.superfences": {
                "custom_fences": [
                    {
                        "name": "sbs",
                        "class": "sbs-code",
                        "format": fence.format_snippet,
                        "validator": fence.validate,
                    }
                ]
            },
        },
    )


def test_code_block_gets_exact_copy_text_and_fillers():
    code = 'x = "<a & b>"\nprint(x)\n'
    page = _render(
        '```{.sbs #ex-t-pytorch data-snippet="snippets/t/pt.py" title="snippets/t/pt.py" '
        f'data-fill="0:1 1:2 2:1" hl_lines="2"}}\n{code}```\n'
    )
    assert '<div id="ex-t-pytorch" class="sbs-code highlight" data-snippet="snippets/t/pt.py"' in (
        page
    ), page[:300]
    assert f'data-copy="{html.escape(code.rstrip())}"' in page
    assert page.count(FILLER) == 4
    first, second = page.index("__span-ex-t-pytorch-1"), page.index("__span-ex-t-pytorch-2")
    assert page[:first].count(FILLER) == 1, "the 0:1 filler goes before the first line"
    assert page[first:second].count(FILLER) == 2
    assert page[second:].count(FILLER) == 1, "the filler after the last line ends the code"
    assert parse_fill("0:1 12:3") == {0: 1, 12: 3}
    shaded = page[second : page.index("</code>")]
    assert '<span class="hll">' in shaded and '<span class="hll">' not in page[first:second], (
        "hl_lines=2 must shade the second line only"
    )


def test_the_fence_fails_loudly_on_a_bad_header_or_missing_line_spans():
    with pytest.raises(SuperFencesException, match="unknown option"):
        _render('```{.sbs #ex-t-pytorch data-snippet="a.py" data-fil="1:1"}\nx = 1\n```\n')
    with pytest.raises(SuperFencesException, match="line_spans"):
        _render('```{.sbs #ex-t-pytorch data-snippet="a.py"}\nx = 1\n```\n', line_spans="")
