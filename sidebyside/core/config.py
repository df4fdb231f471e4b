"""The runner's settings: the `[tool.sidebyside]` table of pyproject.toml and SIDEBYSIDE_*.

Every setting is validated here, once: an unknown key is an error naming the file, the key and
the nearest valid key, and every environment variable is read by `read_environment`.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from dataclasses import dataclass
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
    frameworks: tuple[Framework, ...]
    jobs: int
    stderr_noise: tuple[str, ...]
    gpu_report: Path  # Written by `nox -s gpu`; the status page reads it.
    gpu_tolerance: float
    canary_report: Path  # Written by `nox -s canary` (newest releases); the status page reads it.
    benchmark_report: Path  # Written by `nox -s bench`; the Speed page reads it.
    runtime: Path | None = None  # The environment snippets run in (runtime.py); None: this one.
    runtime_spec: str = ""  # What it installs: the runtime group's requirements and lock file.
    python: Path | None = None  # An interpreter to run snippets with (SIDEBYSIDE_PYTHON).
    env_paths: tuple[tuple[str, Path], ...] = ()  # Variables set to project folders per run.
    memory_limit: float = 8.0  # GB of resident memory one run may use, its processes together.
    process_limit: int = 256  # Processes one run may have at once.
    output_limit: float = 4.0  # MB of stdout (and of stderr) stored of one run.
    execute: bool = True  # False: code only, no snippet runs (SIDEBYSIDE_EXECUTE=0).
    preload: bool = True  # False: every snippet in a fresh interpreter (SIDEBYSIDE_PRELOAD=0).
    no_network: bool = False  # True: snippets run with loopback only (SIDEBYSIDE_NO_NETWORK=1).
    require_gpu: bool = False  # True: GPU checks fail rather than skip (SIDEBYSIDE_REQUIRE_GPU=1).

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


# The keys each table may hold; anything else is a typo, reported with the nearest key.
PROJECT_KEYS = (
    "snippets",
    "cache",
    "timeout",
    "inputs",
    "distributions",
    "gpu_report",
    "gpu_tolerance",
    "canary_report",
    "benchmark_report",
    "stderr_noise",
    "runtime",
    "env_paths",
    "memory_limit",
    "process_limit",
    "output_limit",
    "frameworks",
)
FRAMEWORK_KEYS = ("name", "label", "file", "probe", "preload")
TOPIC_KEYS = ("title", "timeout", "export", "compare", "missing", "preload", "requires")


def check_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    """Raise ValueError naming `where`, the key and the nearest allowed key, for unknown keys."""
    for key in table:
        if key not in allowed:
            near = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {list(allowed)}"
            raise ValueError(f"{where}: unknown key {key!r}{hint}")


def _flag(env: dict[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    if value not in ("0", "1"):
        raise ValueError(f"environment variable {name}={value!r}: set it to 0 or 1")
    return value == "1"


def read_environment(env: dict[str, str] | None = None) -> dict:
    """Return the settings that SIDEBYSIDE_* environment variables set, as Config fields.

    SIDEBYSIDE_CACHE (folder), SIDEBYSIDE_JOBS (snippets run at once), SIDEBYSIDE_TIMEOUT
    (default seconds), SIDEBYSIDE_PYTHON (the interpreter snippets run with), and
    SIDEBYSIDE_EXECUTE, SIDEBYSIDE_PRELOAD, SIDEBYSIDE_NO_NETWORK and SIDEBYSIDE_REQUIRE_GPU (0 or
    1). Unset variables are left out.
    """
    env = os.environ if env is None else env
    known = {
        "CACHE", "JOBS", "TIMEOUT", "EXECUTE", "PRELOAD", "NO_NETWORK", "REQUIRE_GPU", "PYTHON",
        "SITE", "TEST_PHASES",  # Read by the tests: a built site to reuse, where to write timings.
    }  # fmt: skip
    for name in env:
        if name.startswith("SIDEBYSIDE_") and name[len("SIDEBYSIDE_") :] not in known:
            options = [f"SIDEBYSIDE_{k}" for k in sorted(known)]
            near = difflib.get_close_matches(name, options, n=1)
            hint = f"; did you mean {near[0]}?" if near else ""
            raise ValueError(f"unknown environment variable {name}{hint}")
    values: dict = {}
    if env.get("SIDEBYSIDE_CACHE"):
        values["cache"] = Path(env["SIDEBYSIDE_CACHE"])
    if env.get("SIDEBYSIDE_PYTHON"):
        values["python"] = Path(env["SIDEBYSIDE_PYTHON"])
        if not values["python"].is_file():
            raise ValueError(f"environment variable SIDEBYSIDE_PYTHON: no file {values['python']}")
    for name, field_name, kind in (("JOBS", "jobs", int), ("TIMEOUT", "timeout", float)):
        if raw := env.get(f"SIDEBYSIDE_{name}"):
            try:
                values[field_name] = kind(raw)
            except ValueError as exc:
                message = f"environment variable SIDEBYSIDE_{name}={raw!r}: not a number"
                raise ValueError(message) from exc
    for name, default in (("EXECUTE", True), ("PRELOAD", True), ("NO_NETWORK", False)):
        if f"SIDEBYSIDE_{name}" in env:
            values[name.lower()] = _flag(env, f"SIDEBYSIDE_{name}", default)
    if "SIDEBYSIDE_REQUIRE_GPU" in env:
        values["require_gpu"] = _flag(env, "SIDEBYSIDE_REQUIRE_GPU", False)
    return values


RUNTIME_GROUP = "reader"  # The dependency group of pyproject.toml that lists the runtime.
LOCK_FILE = "constraints.txt"


def runtime_spec(root: Path) -> str:
    """Return what the runtime environment installs, as JSON: requirements and lock file."""
    pyproject = root / "pyproject.toml"
    groups = tomllib.loads(pyproject.read_text()).get("dependency-groups", {})
    if RUNTIME_GROUP not in groups:
        raise ValueError(f"{pyproject}: no [dependency-groups] {RUNTIME_GROUP} list")
    lock = (root / LOCK_FILE).read_text()
    return json.dumps({"requirements": groups[RUNTIME_GROUP], "lock": lock}, indent=1)


def load_config(root: Path | None = None, **overrides) -> Config:
    """Load the configuration of the project at `root`; keyword arguments override fields.

    Raises ValueError for an unknown key in `[tool.sidebyside]` or a bad SIDEBYSIDE_* value.
    """
    root = find_root(root)
    where = f"{root / 'pyproject.toml'} [tool.sidebyside]"
    try:
        table = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["sidebyside"]
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{root / 'pyproject.toml'}: invalid TOML: {exc}") from exc
    except KeyError as exc:
        raise ValueError(f"{root / 'pyproject.toml'}: no [tool.sidebyside] table") from exc
    check_keys(table, PROJECT_KEYS, where)
    for fw in table["frameworks"]:
        check_keys(fw, FRAMEWORK_KEYS, f"{where} frameworks")
    frameworks = tuple(
        Framework(
            fw["name"], fw["label"], fw["file"], root / fw["probe"], tuple(fw.get("preload", ()))
        )
        for fw in table["frameworks"]
    )
    values = dict(
        root=root,
        snippets=root / table["snippets"],
        cache=root / table["cache"],
        timeout=float(table["timeout"]),
        inputs=tuple(root / p for p in table.get("inputs", [])),
        distributions=tuple(table.get("distributions", [])),
        frameworks=frameworks,
        gpu_report=root / table.get("gpu_report", "reports/gpu-status.json"),
        gpu_tolerance=float(table.get("gpu_tolerance", 1e-3)),
        canary_report=root / table.get("canary_report", "reports/canary-status.json"),
        benchmark_report=root / table.get("benchmark_report", "reports/benchmark.json"),
        stderr_noise=tuple(table.get("stderr_noise", [])),
        runtime=root / table["runtime"] if "runtime" in table else None,
        runtime_spec=runtime_spec(root) if "runtime" in table else "",
        env_paths=tuple((k, root / v) for k, v in table.get("env_paths", {}).items()),
        memory_limit=float(table.get("memory_limit", 8.0)),
        process_limit=int(table.get("process_limit", 256)),
        output_limit=float(table.get("output_limit", 4.0)),
        jobs=os.cpu_count() or 1,
    )
    values.update(read_environment())
    values.update(overrides)
    return Config(**values)
