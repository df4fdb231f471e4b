"""Compute a snippet's cache key from everything that can change what it prints."""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import threading
from functools import lru_cache
from pathlib import Path

from sidebyside import runtime
from sidebyside.config import SNIPPET_ENV, Config
from sidebyside.discover import Snippet

LOCK_FILE = "constraints.txt"
# Where the runner starts: every module these import, followed through the package, decides
# how a snippet runs and what is recorded of it, and so is part of every key.
RUNNER_ENTRIES = ("run.py", "launch.py")
_PARSE_LOCK = threading.Lock()  # CPython 3.11's ast.parse is not safe across threads.


def imported_modules(source: str) -> set[str]:
    """Return the top-level names of every module that `source` imports."""
    names: set[str] = set()
    with _PARSE_LOCK:
        tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def project_files(config: Config, source: str) -> list[Path]:
    """Return the project's own Python files that `source` imports, followed transitively."""
    seen: dict[Path, None] = {}
    pending = [source]
    while pending:
        try:
            names = imported_modules(pending.pop())
        except SyntaxError:
            continue  # The run itself reports the syntax error.
        for name in sorted(names):
            package, module = config.root / name, config.root / f"{name}.py"
            found = sorted(package.rglob("*.py")) if package.is_dir() else []
            if module.is_file():
                found.append(module)
            for path in found:
                if path not in seen:
                    seen[path] = None
                    pending.append(path.read_text())
    return list(seen)


def _digest_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"(missing)")
        digest.update(b"\0")
    return digest.hexdigest()


PACKAGE = Path(__file__).parent


def runner_files(here: Path = PACKAGE) -> list[Path]:
    """Return the modules of package `here` that the runner's entry points import, transitively."""
    seen: dict[Path, None] = {}
    pending = [here / name for name in RUNNER_ENTRIES]
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        with _PARSE_LOCK:
            tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == here.name:
                pending += [here / f"{alias.name}.py" for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                f"{here.name}."
            ):
                pending.append(here / f"{node.module.split('.')[1]}.py")
    return sorted(seen)


def runner_digest(here: Path = PACKAGE) -> str:
    """Digest of every runner module of package `here` (paths relative to it)."""
    return _digest_files(runner_files(here), here)


@lru_cache(maxsize=8)
def environment_digest(config: Config) -> str:
    """Digest of what every snippet shares: inputs, lock file, runtime, runner, device.

    The runtime part (runtime.digest) stands for the interpreter and package versions the
    snippets run with.
    """
    input_files = sorted(
        p
        for folder in config.inputs
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts  # Bytecode: written on import.
    )
    # Every path is hashed relative to its folder, so a clone elsewhere gets the same keys.
    parts = [
        _digest_files(input_files, config.root),
        _digest_files([config.root / LOCK_FILE], config.root),
        runner_digest(),
        runtime.digest(config),
        repr([name for name, _ in config.env_paths]),
        _digest_files([fw.probe for fw in config.frameworks], config.root),
        sys.version,
        repr(sorted(SNIPPET_ENV.items())),
        device_fingerprint(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@lru_cache(maxsize=1)
def device_fingerprint() -> str:
    """Describe the accelerators visible to this process without importing any framework."""
    visible = os.environ.get("CUDA_VISIBLE_DEVICES", "(unset)")
    smi = shutil.which("nvidia-smi")
    if smi is None:
        return f"cpu; CUDA_VISIBLE_DEVICES={visible}"
    listing = subprocess.run([smi, "-L"], capture_output=True, text=True, check=False).stdout
    return f"{listing.strip() or 'cpu'}; CUDA_VISIBLE_DEVICES={visible}"


def snippet_key(config: Config, snippet: Snippet) -> str:
    """Return the cache key of `snippet`: a hex digest, stable while nothing relevant changes."""
    source = snippet.path.read_bytes()
    digest = hashlib.sha256()
    digest.update(environment_digest(config).encode())
    digest.update(snippet.id.encode() + b"\0" + ",".join(snippet.exports).encode() + b"\0")
    digest.update(source)
    digest.update(_digest_files(project_files(config, source.decode()), config.root).encode())
    return digest.hexdigest()[:32]
