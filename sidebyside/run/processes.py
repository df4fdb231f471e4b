"""Starting and ending snippet processes: the launcher, network isolation, process groups."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import threading
from pathlib import Path

LAUNCHER = Path(__file__).with_name("launch.py")  # Runs one snippet, or serves forks of one.


_live: set[int] = set()  # Process groups started and not yet ended, for `end_all`.
_live_lock = threading.Lock()


def track(pgid: int) -> None:
    """Note a snippet's or notebook's process group, so that `end_all` can end it."""
    with _live_lock:
        _live.add(pgid)


def end_all() -> int:
    """End every tracked process group (a server shutting down); return how many there were."""
    with _live_lock:
        groups = sorted(_live)
    return sum(end_group(pgid) for pgid in groups)


def end_group(pgid: int) -> bool:
    """Kill every process of group `pgid`; return whether any was still there."""
    with _live_lock:
        _live.discard(pgid)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        return False
    return True


@functools.cache
def _namespace_prefix() -> tuple[str, ...]:
    up = 'ip link set lo up && exec "$@"'
    for unshare in (("unshare", "--net"), ("unshare", "--net", "--map-root-user")):
        try:
            probe = subprocess.run(
                [*unshare, "sh", "-c", up, "probe", "true"], capture_output=True, check=False
            )
        except FileNotFoundError:
            break
        if probe.returncode == 0:
            return (*unshare, "sh", "-c", up, "no-network")
    raise RuntimeError(
        "SIDEBYSIDE_NO_NETWORK=1 asks for snippets without network, but `unshare --net` and "
        "`ip link` (util-linux, iproute2) cannot make a network namespace here: run as root "
        "or unset SIDEBYSIDE_NO_NETWORK"
    )


def network_prefix(no_network: bool) -> tuple[str, ...]:
    """Return a command prefix running a program with loopback only when `no_network`, else ().

    Raises RuntimeError when no network namespace can be made here, rather than run with the
    network.
    """
    return _namespace_prefix() if no_network else ()
