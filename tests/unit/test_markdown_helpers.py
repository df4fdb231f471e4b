"""Small Markdown helpers of the renderer."""

from __future__ import annotations

from sidebyside.content.layout import example_anchor
from sidebyside.content.render import fence, indent, not_run_note, strip_markers


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


def test_the_benchmark_report_renders_steps_figures_and_targets(tmp_path):
    from sidebyside.content.render import Renderer
    from sidebyside.core.config import load_config

    report = tmp_path / "benchmark.json"
    report.write_text(
        '{"date": "today", "machine": "x", "seconds": {"plain": 2.0, "serve_first_page": 3.0},'
        ' "ratio_to_plain": {"plain": 1.0, "serve_first_page": 1.5},'
        ' "figures": {"shard balance, N = 2": "1.01 x the ideal"},'
        ' "targets": {"serve: first page within 20 s": true, "warm build": false}}'
    )
    config = load_config(benchmark_report=report)
    text = Renderer(config, {}, {}, "speed.md").benchmark()
    assert "| serve first page | 3.00 | 1.50 |" in text
    assert "| shard balance, N = 2 | 1.01 x the ideal |" in text
    assert "- met: serve: first page within 20 s" in text and "- **missed**: warm build" in text
