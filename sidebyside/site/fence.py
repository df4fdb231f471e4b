"""The `sbs` code fence: one snippet file as the page shows it, rendered in one step.

The renderer writes each example's code as a fence such as

    ```{.sbs #ex-q07-autograd-pytorch title="snippets/q07-autograd/pt.py"
        data-snippet="snippets/q07-autograd/pt.py" data-fill="0:1 4:2" hl_lines="3 5"}

and this formatter (registered in mkdocs.yml under `pymdownx.superfences: custom_fences`)
highlights it as Python with the page's highlight settings and adds, in the same step:

- `data-copy`: the exact code, which Material's copy button copies instead of the rendered
  lines, so filler rows never reach the clipboard;
- filler rows: `data-fill` holds `line:count` pairs, `count` empty rows after file line
  `line` (0: before the first), which only the side-by-side view shows;
- shading: `hl_lines`, the lines that differ from the other framework's file;
- the block's id, the deep-link target `#ex-<topic>-<framework>`, and one span per line
  (`pymdownx.highlight: line_spans: __span`), which proof links highlight.
"""

from __future__ import annotations

import html

from pymdownx.superfences import SuperFencesException

NAME = "sbs"  # The fence's name in mkdocs.yml.
CLASS = "sbs-code"  # The block's class: the side-by-side view and the tests look for it.
LINE_SPANS = "__span"  # The line span prefix that filler rows and proof links rely on.
OPTIONS = ("title", "data-snippet", "data-fill", "hl_lines")
FILLER = '<span class="sbs-filler" aria-hidden="true">\n</span>'


def parse_fill(spec: str) -> dict[int, int]:
    """Parse `line:count` pairs separated by spaces."""
    pairs = (item.split(":") for item in spec.split())
    return {int(line): int(count) for line, count in pairs}


def validate(language, inputs, options, attrs, md) -> bool:
    """Accept the fence's own options only; anything else is a mistake in the renderer."""
    if unknown := sorted(set(inputs) - set(OPTIONS)):
        raise SuperFencesException(f"`{NAME}` fence: unknown option(s) {unknown}; use {OPTIONS}")
    options.update(inputs)
    return True


def with_fillers(code: str, block_id: str, fill: dict[int, int]) -> str:
    """Insert `fill[line]` filler rows after each file line of highlighted `code`."""
    for line, count in sorted(fill.items(), reverse=True):
        at = code.find(f'<span id="{LINE_SPANS}-{block_id}-{line + 1}">')
        if at < 0:  # After the last line: just before the end of the code.
            at = code.rindex("</code></pre>")
        code = code[:at] + FILLER * count + code[at:]
    return code


def format_snippet(src, language, class_name, options, md, **kwargs) -> str:
    """Highlight one snippet file with its copy text, filler rows, shading and id."""
    fenced = md.preprocessors["fenced_code_block"]
    block_id = kwargs.get("id_value") or ""
    if not block_id or "data-snippet" not in options:
        raise SuperFencesException(f"`{NAME}` fence: needs an #id and data-snippet")
    if fenced.line_spans != LINE_SPANS:
        raise SuperFencesException(
            f"`{NAME}` fence: set `pymdownx.highlight: line_spans: {LINE_SPANS}` in mkdocs.yml "
            "(filler rows and proof links find lines by these spans)"
        )
    attrs = {
        "data-snippet": options["data-snippet"],
        "data-copy": html.escape(src.rstrip(), quote=True),
    }
    shown = {key: options[key] for key in ("title", "hl_lines") if key in options}
    code = fenced.highlight(
        src=src,
        language="python",
        options=shown,
        md=md,
        classes=[CLASS],
        id_value=block_id,
        attrs=attrs,
    )
    return with_fillers(code, block_id, parse_fill(options.get("data-fill", "")))
