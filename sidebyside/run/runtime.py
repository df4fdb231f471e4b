"""The runtime environment snippets run in: the `reader` dependency group and nothing else.

A reader who copies an example has the frameworks and what the snippets import, never this
project or its site tools. The runner starts every snippet with this environment's interpreter
(`[tool.sidebyside] runtime`), so a run proves that the example needs no more than a reader
has. The environment is created on first use and reused while its requirements are unchanged.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from sidebyside.core.config import RUNTIME_GROUP, Config
from sidebyside.core.files import write_atomic

log = logging.getLogger("sidebyside.run.runtime")
STAMP = "installed.txt"  # Inside the environment: what it was installed from.
_lock = threading.Lock()


def digest(config: Config) -> str:
    """Identify the interpreter snippets run with, for the cache key (no absolute path)."""
    if config.python is not None:
        return "SIDEBYSIDE_PYTHON with " + _versions(config.python, config.distributions)
    if config.runtime is None:
        return "this interpreter with " + _versions(Path(sys.executable), config.distributions)
    return hashlib.sha256(config.runtime_spec.encode()).hexdigest()


@functools.lru_cache(maxsize=8)
def _versions(python: Path, distributions: tuple[str, ...]) -> str:
    """Return the Python and distribution versions that interpreter `python` sees."""
    code = (
        "import sys\nfrom importlib import metadata\nprint(sys.version)\n"
        f"for name in {list(distributions)!r}:\n"
        "    try:\n        print(name, metadata.version(name))\n"
        "    except metadata.PackageNotFoundError:\n        print(name, 'absent')\n"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return done.stdout


def python(config: Config) -> Path:
    """Return the interpreter snippets run with, creating the runtime environment if needed.

    SIDEBYSIDE_PYTHON names one directly (a GPU or canary session's own); without a `runtime`
    setting it is this interpreter. Raises RuntimeError, with pip's output, when the
    environment cannot be installed.
    """
    if config.python is not None:
        return config.python
    if config.runtime is None:
        return Path(sys.executable)
    with _lock:
        return ensure(config.runtime, config.runtime_spec)


def ensure(folder: Path, spec: str) -> Path:
    """Create or reuse the runtime environment in `folder`; return its interpreter.

    `spec` is `Config.runtime_spec`: the requirements and the lock file's text, as JSON.
    """
    target = folder / "bin" / "python"
    stamp = folder / STAMP
    if target.exists() and stamp.is_file() and stamp.read_text() == spec:
        return target
    log.info("sidebyside: installing the runtime environment %s (once; a few minutes)", folder)
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    wanted = json.loads(spec)
    with tempfile.TemporaryDirectory() as scratch:
        constraints = Path(scratch) / "constraints.txt"
        constraints.write_text(wanted["lock"])
        install = [str(target), "-m", "pip", "install", "--quiet", "-c", str(constraints)]
        done = subprocess.run(
            [*install, *wanted["requirements"]], capture_output=True, text=True, check=False
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"could not install the runtime environment {folder} (the [dependency-groups] "
            f"{RUNTIME_GROUP} list of pyproject.toml):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        )
    write_atomic(stamp, spec)
    return target
