"""Compute a snippet's cache key from everything that can change what it prints."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from sidebyside.core.config import SNIPPET_ENV, Config
from sidebyside.core.discover import Snippet
from sidebyside.core.sections import imported_modules
from sidebyside.run import runtime

LOCK_FILE = "constraints.txt"
# The packages that decide how a snippet runs and what is recorded of it: every module in
# them, as a whole, is part of every key (content/ and site/ only show what a run recorded).
RUNNER_PACKAGES = ("core", "run")


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


PACKAGE = Path(__file__).parents[1]  # sidebyside/


def runner_files(here: Path = PACKAGE) -> list[Path]:
    """Return every module of the runner's packages (RUNNER_PACKAGES) under package `here`."""
    return sorted(p for name in RUNNER_PACKAGES for p in (here / name).rglob("*.py"))


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
