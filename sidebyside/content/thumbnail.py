"""Draw a small SVG picture of a snippet's first lines, for gallery cards without a figure."""

from __future__ import annotations

from xml.sax.saxutils import escape

WIDTH, HEIGHT, LINES, LINE_HEIGHT = 320, 180, 11, 15


def code_thumbnail(code: str, label: str) -> bytes:
    """Return an SVG showing the first lines of `code` under a `label` bar."""
    rows = [line for line in code.splitlines() if line.strip()][:LINES]
    text = "".join(
        f'<text x="10" y="{38 + i * LINE_HEIGHT}">{escape(row[:46])}</text>'
        for i, row in enumerate(rows)
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="code of {escape(label)}">'
        f'<rect width="100%" height="100%" rx="6" fill="#1e1e2e"/>'
        f'<rect width="100%" height="22" rx="6" fill="#313244"/>'
        f'<text x="10" y="15" fill="#cdd6f4" font-family="sans-serif" font-size="11">'
        f"{escape(label)}</text>"
        f'<g fill="#a6e3a1" font-family="monospace" font-size="10.5" style="white-space:pre">'
        f"{text}</g></svg>"
    )
    return svg.encode()
