"""Small Markdown helpers of the renderer."""

from __future__ import annotations

from sidebyside.render import example_anchor, fence, indent, not_run_note, strip_markers


def test_fence_outlasts_backticks_in_the_text():
    text = "```python\nx\n```"
    fenced = fence(text, "text")
    assert fenced.startswith("````text\n") and fenced.endswith("\n````")


def test_indent_leaves_blank_lines_empty():
    assert indent("a\n\nb") == "    a\n\n    b"


def test_anchors_are_stable():
    assert example_anchor("q07-autograd", "pytorch") == "ex-q07-autograd-pytorch"
    assert example_anchor("q07-autograd") == "ex-q07-autograd"


def test_section_markers_never_reach_readers():
    code = "# --8<-- [start:a]\nx = 1\n# --8<-- [end:a]\n"
    assert strip_markers(code) == "x = 1"


def test_not_run_note_names_the_missing_module():
    assert "torchvision" in not_run_note(("torchvision",))
