"""Keep rendered pages self-contained: drop loaders that would fetch code from other hosts."""

from __future__ import annotations

import re

# nbconvert's notebook template adds an empty MathJax loader and an import of mermaid from a
# CDN (used only for mermaid diagrams, which the notebooks here never hold).
_REMOTE_SCRIPTS = re.compile(
    r'<script src="">\s*</script>|<script type="module">(?:(?!</script>).)*?https?://.*?</script>',
    re.S,
)


def strip_remote_scripts(html: str) -> str:
    """Return `html` without script elements that load from another host or from nowhere."""
    return _REMOTE_SCRIPTS.sub("", html)
