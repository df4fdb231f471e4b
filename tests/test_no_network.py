"""Snippets and the build need no network: proven inside a network namespace."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading

import pytest
from conftest import ROOT, SITE_ENV
from miniproject import MiniProject

from sidebyside.core.discover import discover
from sidebyside.core.errors import SnippetError
from sidebyside.run.processes import network_prefix
from sidebyside.run.runner import run_snippet

NO_NETWORK_ENV = "SIDEBYSIDE_NO_NETWORK"


def _prefix():
    try:
        return network_prefix(no_network=True)
    except RuntimeError as exc:
        pytest.skip(str(exc))


def _host_address() -> str:
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout
    addresses = [a for a in out.split() if "." in a and not a.startswith("127.")]
    if not addresses:
        pytest.skip("this machine has no non-loopback IPv4 address to test against")
    return addresses[0]


@pytest.fixture
def server():
    """A TCP server on the machine's own non-loopback address: reachable only with a network."""
    listener = socket.create_server((_host_address(), 0))
    threading.Thread(target=lambda: listener.accept(), daemon=True).start()
    yield listener.getsockname()
    listener.close()


CONNECT = """
import socket

# Loopback works offline (distributed snippets need it)...
local = socket.create_server(("127.0.0.1", 0))
socket.create_connection(local.getsockname(), timeout=2).close()
# ...any other address does not.
socket.create_connection({address!r}, timeout=2).close()
print("reached the network")
"""


@pytest.mark.parametrize("offline", [False, True], ids=["online", "offline"])
def test_offline_snippets_reach_loopback_only(tmp_path, server, monkeypatch, offline):
    _prefix()
    mini = MiniProject(tmp_path / "project")
    mini.snippet("pt.py", CONNECT.format(address=server))
    monkeypatch.setenv(NO_NETWORK_ENV, "1" if offline else "0")
    snippet = discover(mini.config)["demo"].snippets["pytorch"]
    if not offline:
        assert run_snippet(mini.config, snippet).stdout == "reached the network\n"
        return
    with pytest.raises(SnippetError, match="OSError|unreachable|Errno"):
        run_snippet(mini.config, snippet)


def test_build_needs_no_network(site, tmp_path):
    """Build the real site (snippets from the shared cache) with no network at all."""
    build = subprocess.run(
        [*_prefix(), sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**SITE_ENV, NO_NETWORK_ENV: "1"},
    )
    assert build.returncode == 0, f"the build failed without network:\n{build.stderr[-3000:]}"
