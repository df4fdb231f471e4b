"""Sessions for building, serving and testing the site: `nox -s <name>`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]

PYTHON = "3.11"
SITE_ENV = {"NO_MKDOCS_2_WARNING": "1"}
NPM_INSTALL = (
    "npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", ".cache/npm",
    "axe-core@4.14.1", "iframe-worker@1.0.4",
)  # fmt: skip
# axe-core checks accessibility in the browser tests; iframe-worker lets the offline copy's
# search run from file:// (the offline build serves it instead of loading it from unpkg).


# One environment for every session that needs the project (build, serve, tests, unit, reader,
# bench, offline): the pinned set installs once, and a later session checks a stamp and goes on.
# The site's own tools come first and need no framework, so `serve` and `build` start without
# the multi-GB framework wheels; sessions that run tests add the `test` extra, and `tests` adds
# `frameworks` (what the Markdown code blocks import). The snippets never run here: they run
# in the runtime environment, .cache/reader-env.
SITE_VENV = Path(".nox/site")
STAMP = SITE_VENV / "installed.json"  # What was installed: its sources' hash and the extras.
TESTS = ("test",)
TESTS_WITH_FRAMEWORKS = ("test", "frameworks")


def _wanted() -> str:
    parts = [Path(name).read_bytes() for name in ("pyproject.toml", "constraints.txt")]
    return hashlib.sha256(b"\0".join(parts) + sys.version.encode()).hexdigest()


def _installed() -> tuple[str, set[str]]:
    """Return the hash and extras the shared environment was installed from (empty if none)."""
    try:
        stamp = json.loads(STAMP.read_text())
        return stamp["wanted"], set(stamp["extras"])
    except (OSError, ValueError, KeyError, TypeError):
        return "", set()


def site_env(session: nox.Session, extras: tuple[str, ...] = ()) -> Path:
    """Create or reuse the shared environment with `extras`; install only what changed.

    Returns its `bin/` folder, which is put first on the session's PATH.
    """
    bin_dir = SITE_VENV.resolve() / "bin"
    if not (bin_dir / "python").exists():
        if sys.version_info[:2] != (3, 11):
            session.error(f"run nox with Python {PYTHON}: this is {sys.version.split()[0]}")
        session.run(sys.executable, "-m", "venv", str(SITE_VENV), external=True)
    wanted, (installed, has) = _wanted(), _installed()
    if installed == wanted and set(extras) <= has:
        session.log(f"{SITE_VENV}: up to date with pyproject.toml and constraints.txt")
    else:
        keep = sorted(set(extras) | (has if installed == wanted else set()))
        target = f".[{','.join(keep)}]" if keep else "."
        session.run(
            bin_dir / "python", "-m", "pip", "install", "--quiet", "-c", "constraints.txt",
            "-e", target, external=True,
        )  # fmt: skip
        STAMP.write_text(json.dumps({"wanted": wanted, "extras": keep}))
    session.env["VIRTUAL_ENV"] = str(SITE_VENV.resolve())
    session.env["PATH"] = os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")])
    return bin_dir


def site_run(
    session: nox.Session, program: str, *args: str, extras: tuple[str, ...] = (), **kwargs
) -> None:
    """Run `program` from the shared environment's bin/ folder, installed with `extras`."""
    bin_dir = site_env(session, extras)
    session.run(str(bin_dir / program), *args, external=True, **kwargs)


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """Run the test suite with pytest (browser tests need Debian's chromium)."""
    if shutil.which("npm"):
        session.run(*NPM_INSTALL, external=True, silent=True)
    site_run(session, "pytest", *session.posargs, extras=TESTS_WITH_FRAMEWORKS, env=SITE_ENV)


@nox.session(python=False, default=False)
def env(session: nox.Session) -> None:
    """Create or check the shared environment in .nox/site with everything the tests need."""
    site_env(session, TESTS_WITH_FRAMEWORKS)


@nox.session(python=False, default=False)
def unit(session: nox.Session) -> None:
    """Run the fast unit tests of the runner (no framework is imported; seconds)."""
    site_run(session, "pytest", "tests/unit", *session.posargs, extras=TESTS)


@nox.session(python=False, default=False)
def reader(session: nox.Session) -> None:
    """Check what a reader takes home: copies, downloads and notebooks are the files that ran.

    The build runs every snippet in the runtime environment (`.cache/reader-env`, the
    `reader` dependency group only) in an empty folder; this check runs a file a second time
    in its folder where the first run left files there. `nox -s tests` runs it too.
    """
    site_run(
        session, "pytest", "tests/test_reader.py", *session.posargs, extras=TESTS, env=SITE_ENV
    )


def _python(session: nox.Session) -> str:
    """Return the interpreter of the session's own environment."""
    return str(Path(session.virtualenv.location) / "bin" / "python")


@nox.session(python=PYTHON, default=False)
def gpu(session: nox.Session) -> None:
    """Run the snippet tests with a GPU required, then write the GPU status report."""
    pyproject = nox.project.load_toml("pyproject.toml")
    reader = nox.project.dependency_groups(pyproject, "reader")
    session.install("-c", "constraints.txt", "-e", ".[test,frameworks]", *reader)
    session.install("-c", "constraints.txt", "tensorflow[and-cuda]==2.21.0")
    # Snippets that `requires` torchvision run here. No torchvision is paired with torch 2.15 yet:
    # 0.29.2 (paired with 2.14) declares torch>=2.14.0, and its models and ops run with 2.15.0.
    session.install("-c", "constraints.txt", "torchvision==0.29.2")
    # The snippets run with this session's interpreter, which has the CUDA builds.
    env = {**SITE_ENV, "SIDEBYSIDE_REQUIRE_GPU": "1", "SIDEBYSIDE_PYTHON": _python(session)}
    # The report first, failures included (exit status 1), then the tests that judge them.
    report = ("python", "-m", "sidebyside", "run", "--report", "reports/gpu-status.json")
    session.run(*report, env=env, success_codes=[0, 1])
    session.run("pytest", "tests/test_snippets.py", "--require-gpu", *session.posargs, env=env)


@nox.session(python=PYTHON, default=False)
def canary(session: nox.Session) -> None:
    """Run every snippet on the newest releases, write the canary report, then the tests.

    The status page shows the report in its *newest* columns, beside the build's own runs.
    """
    session.install("-e", ".[test]", "--no-deps")
    pyproject = nox.project.load_toml("pyproject.toml")
    project = pyproject["project"]
    pinned = [
        *project["dependencies"],
        *project["optional-dependencies"]["test"],
        *nox.project.dependency_groups(pyproject, "reader"),
    ]
    session.install("--upgrade", *sorted({d.split("==")[0] for d in pinned}), "torchvision")
    session.run("pip", "list")
    env = {**SITE_ENV, "SIDEBYSIDE_PYTHON": _python(session)}  # The newest releases run them.
    # The report first, failures included (exit status 1), then the tests that judge them.
    report = ("python", "-m", "sidebyside", "run", "--report", "reports/canary-status.json")
    session.run(*report, env=env, success_codes=[0, 1])
    session.run("pytest", "tests/test_snippets.py", "tests/test_site.py", env=env)


@nox.session(python=False, default=False)
def bench(session: nox.Session) -> None:
    """Time cold, warm and incremental builds, serving, set-up, relocation, shards, tests."""
    site_run(
        session, "python", "tools/bench.py", *session.posargs, extras=TESTS_WITH_FRAMEWORKS,
        env=SITE_ENV,
    )  # fmt: skip


@nox.session(python=False)
def build(session: nox.Session) -> None:
    """Build the site into site/ with a strict build, running every snippet."""
    site_run(session, "mkdocs", "build", "--strict", *session.posargs, env=SITE_ENV)
    # The cheat sheet as a two-page A4 PDF, printed by Debian's chromium (skipped without it).
    site_run(session, "python", "-m", "sidebyside.site.cheatsheet_pdf", "site")


@nox.session(python=False, default=False)
def serve(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000, rebuilding when pages or snippets change."""
    site_run(
        session, "mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *session.posargs,
        env=SITE_ENV,
    )  # fmt: skip


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check style with ruff."""
    session.install("-c", "constraints.txt", "ruff==0.17.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


# The offline copy: pages as .html files that open from a folder, searchable without a server.
# No site address or repository in it: no canonical link to a page that exists only offline,
# and no request to another host (the repository link fetches its facts from GitHub).
OFFLINE_ENV = {
    **SITE_ENV, "OFFLINE": "true", "SITE_URL": "", "REPO_URL": "", "REPO_NAME": "",
    "NOTEBOOK_CACHE": ".cache/mkdocs-jupyter-offline",
}  # fmt: skip
OFFLINE_DIR = "site-offline"


@nox.session(python=False, default=False)
def offline(session: nox.Session) -> None:
    """Build the offline copy into site-offline/ and zip it into site-offline.zip.

    The snippet cache that other sessions filled is reused.
    """
    session.run(*NPM_INSTALL, external=True, silent=True)
    site_run(
        session, "python", "-m", "mkdocs", "build", "--strict", "-d", OFFLINE_DIR,
        *session.posargs, env=OFFLINE_ENV,
    )  # fmt: skip
    archive = shutil.make_archive(OFFLINE_DIR, "zip", root_dir=".", base_dir=OFFLINE_DIR)
    session.log(f"wrote {archive}: open {OFFLINE_DIR}/index.html from the unzipped folder")
