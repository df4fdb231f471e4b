"""Keep rendered pages self-contained: drop loaders that would fetch code from other hosts."""

from __future__ import annotations

import functools
import os
import re
import subprocess

# nbconvert's notebook template adds an empty MathJax loader and an import of mermaid from a
# CDN (used only for mermaid diagrams, which the notebooks here never hold).
_REMOTE_SCRIPTS = re.compile(
    r'<script src="">\s*</script>|<script type="module">(?:(?!</script>).)*?https?://.*?</script>',
    re.S,
)


def strip_remote_scripts(html: str) -> str:
    """Return `html` without script elements that load from another host or from nowhere."""
    return _REMOTE_SCRIPTS.sub("", html)


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
