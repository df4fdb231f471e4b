"""Read the runner's settings from the `[tool.sidebyside]` table of pyproject.toml."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# The environment every snippet runs in (part of every cache key); CONTRIBUTING.md documents it.
# One OpenMP thread per snippet: the runner already runs one snippet per core.
SNIPPET_ENV = {
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLBACKEND": "Agg",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "OMP_NUM_THREADS": "1",
}


@dataclass(frozen=True)
class Framework:
    """One framework: its tab label, the snippet file name it owns and its probe script."""

    name: str
    label: str
    file: str
    probe: Path
    preload: tuple[str, ...] = ()  # Modules imported once per worker, then forked per snippet.


@dataclass(frozen=True)
class Config:
    """Where snippets, cache and inputs live, and which frameworks exist."""

    root: Path
    snippets: Path
    cache: Path
    timeout: float
    inputs: tuple[Path, ...]
    distributions: tuple[str, ...]
    frameworks: tuple[Framework, ...] = field(default_factory=tuple)
    jobs: int = 2
    stderr_noise: tuple[str, ...] = ()
    gpu_report: Path | None = None
    gpu_tolerance: float = 1e-3

    def shown_stderr(self, stderr: str) -> str:
        """Return `stderr` without the lines matching a `stderr_noise` pattern."""
        noise = [re.compile(p) for p in self.stderr_noise]
        kept = [line for line in stderr.splitlines() if not any(p.search(line) for p in noise)]
        return "\n".join(kept)

    def framework(self, name: str) -> Framework:
        """Return the framework called `name`."""
        for fw in self.frameworks:
            if fw.name == name:
                return fw
        raise KeyError(f"unknown framework {name!r}; known: {[f.name for f in self.frameworks]}")


def find_root(start: Path | None = None) -> Path:
    """Return the nearest folder at or above `start` holding a pyproject.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    raise FileNotFoundError(f"no pyproject.toml at or above {here}")


def load_config(root: Path | None = None, **overrides) -> Config:
    """Load the configuration of the project at `root`; keyword arguments override fields.

    The environment variables SIDEBYSIDE_CACHE, SIDEBYSIDE_JOBS and SIDEBYSIDE_TIMEOUT override
    the cache folder, the number of snippets run at once and the default timeout in seconds.
    """
    root = find_root(root)
    table = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["sidebyside"]
    frameworks = tuple(
        Framework(
            fw["name"], fw["label"], fw["file"], root / fw["probe"], tuple(fw.get("preload", ()))
        )
        for fw in table["frameworks"]
    )
    values = dict(
        root=root,
        snippets=root / table["snippets"],
        cache=Path(os.environ.get("SIDEBYSIDE_CACHE", root / table["cache"])),
        timeout=float(os.environ.get("SIDEBYSIDE_TIMEOUT", table["timeout"])),
        inputs=tuple(root / p for p in table.get("inputs", [])),
        distributions=tuple(table.get("distributions", [])),
        frameworks=frameworks,
        gpu_report=root / table.get("gpu_report", "reports/gpu-status.json"),
        gpu_tolerance=float(table.get("gpu_tolerance", 1e-3)),
        stderr_noise=tuple(table.get("stderr_noise", [])),
        jobs=int(os.environ.get("SIDEBYSIDE_JOBS", os.cpu_count() or 1)),
    )
    values.update(overrides)
    return Config(**values)
