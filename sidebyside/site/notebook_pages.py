"""Keep rendered pages self-contained: drop loaders that would fetch code from other hosts."""

from __future__ import annotations

import re

# nbconvert's notebook template adds an empty MathJax loader and an import of mermaid from a
# CDN (used only for mermaid diagrams, which the notebooks here never hold).
_EMPTY_LOADER = re.compile(r'<script src="">\s*</script>')
_MODULE_OPEN, _CLOSE = '<script type="module">', "</script>"


def strip_remote_scripts(html: str) -> str:
    """Return `html` without script elements that load from another host or from nowhere."""
    html = _EMPTY_LOADER.sub("", html)
    kept, position = [], 0
    while (start := html.find(_MODULE_OPEN, position)) != -1:
        end = html.find(_CLOSE, start)
        if end == -1:
            break
        end += len(_CLOSE)
        kept.append(html[position:start])
        if "://" not in html[start:end]:
            kept.append(html[start:end])
        position = end
    kept.append(html[position:])
    return "".join(kept)
