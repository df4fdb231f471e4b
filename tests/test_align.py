"""Line alignment of mirrored snippet pairs, and the code block HTML the site gets from it."""

from __future__ import annotations

import html

from conftest import TOPICS

from sidebyside.content.align import align
from sidebyside.content.render import code_attributes
from sidebyside.site.codeblocks import FILLER, finish_code_blocks, parse_fill

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


def test_code_block_gets_exact_copy_text_and_fillers():
    code = 'x = "<a & b>"\nprint(x)\n'
    page = (
        '<div id="ex-t-pytorch" class="sbs-code highlight" data-snippet="snippets/t/pt.py" '
        'data-fill="0:1 1:2 2:1"><pre><span></span><code>'
        '<span id="__span-ex-t-pytorch-1">x = 1\n</span>'
        '<span id="__span-ex-t-pytorch-2">print(x)\n</span></code></pre></div>'
    )
    done = finish_code_blocks(page, lambda path: code)
    assert f'data-copy="{html.escape(code.rstrip())}"' in done
    assert done.count(FILLER) == 4
    first, second = done.index("__span-ex-t-pytorch-1"), done.index("__span-ex-t-pytorch-2")
    assert done[:first].count(FILLER) == 1, "the 0:1 filler goes before the first line"
    assert done[first:second].count(FILLER) == 2
    assert done[second:].count(FILLER) == 1, "the filler after the last line ends the code"
    assert parse_fill("0:1 12:3") == {0: 1, 12: 3}
