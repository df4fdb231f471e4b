"""Finish the HTML of example code blocks: exact copy text and the side-by-side filler rows.

The renderer marks each snippet's code block with `data-snippet` (its path) and `data-fill`
(`line:count` pairs: filler rows after a line, 0 meaning before the first). Fillers are empty
rows that only the side-by-side view shows; the copy button copies the file itself, through
Material's `data-copy` attribute, so neither fillers nor markup ever reach the clipboard.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

_BLOCK = re.compile(r'<div id="([^"]+)" class="sbs-code highlight"([^>]*)>(.*?</code></pre>)', re.S)
_ATTR = re.compile(r'\sdata-(snippet|fill)="([^"]*)"')
FILLER = '<span class="sbs-filler" aria-hidden="true">\n</span>'


def parse_fill(spec: str) -> dict[int, int]:
    """Parse `line:count` pairs separated by spaces."""
    pairs = (item.split(":") for item in spec.split())
    return {int(line): int(count) for line, count in pairs}


def _fill(block_id: str, code: str, fill: dict[int, int]) -> str:
    for line, count in sorted(fill.items(), reverse=True):
        marker = f'<span id="__span-{block_id}-{line + 1}">'
        at = code.find(marker)
        if at < 0:  # After the last line: just before the end of the code.
            at = code.rindex("</code></pre>")
        code = code[:at] + FILLER * count + code[at:]
    return code


def finish_code_blocks(page_html: str, read: Callable[[str], str]) -> str:
    """Add copy text and filler rows to every example code block of a page.

    `read(path)` returns the code shown for a snippet path (what the copy button must give).
    """

    def finish(match: re.Match) -> str:
        block_id, attributes, body = match.groups()
        found = dict(_ATTR.findall(attributes))
        if "snippet" in found:
            attributes += f' data-copy="{html.escape(read(found["snippet"]).rstrip())}"'
        if found.get("fill"):
            body = _fill(block_id, body, parse_fill(found["fill"]))
        return f'<div id="{block_id}" class="sbs-code highlight"{attributes}>{body}'

    return _BLOCK.sub(finish, page_html)
