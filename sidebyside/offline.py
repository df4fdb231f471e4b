"""Keep rendered pages self-contained: drop loaders that would fetch code from other hosts."""

from __future__ import annotations

import functools
import os
import re
import subprocess

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


OFFLINE_ENV = "SIDEBYSIDE_OFFLINE"


@functools.cache
def isolation_prefix() -> tuple[str, ...]:
    """Return a command prefix that runs a program in a new network namespace, loopback only.

    Raises RuntimeError when no namespace can be made here, rather than run with the network.
    """
    up = 'ip link set lo up && exec "$@"'
    for unshare in (("unshare", "--net"), ("unshare", "--net", "--map-root-user")):
        try:
            probe = subprocess.run(
                [*unshare, "sh", "-c", up, "probe", "true"], capture_output=True, check=False
            )
        except FileNotFoundError:
            break
        if probe.returncode == 0:
            return (*unshare, "sh", "-c", up, "offline")
    raise RuntimeError(
        f"{OFFLINE_ENV}=1 asks for snippets without network, but `unshare --net` and "
        "`ip link` (util-linux, iproute2) cannot make a network namespace here: run as root "
        f"or unset {OFFLINE_ENV}"
    )


def command_prefix() -> tuple[str, ...]:
    """Return the isolation prefix when SIDEBYSIDE_OFFLINE=1, else nothing."""
    return isolation_prefix() if os.environ.get(OFFLINE_ENV) == "1" else ()
