"""Sessions for building, serving and testing the site: `nox -s <name>`."""

from __future__ import annotations

import shutil

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


def install(session: nox.Session, *extras: str) -> None:
    """Install the project and its pinned dependencies into the session."""
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-c", "constraints.txt", "-e", target)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite with pytest (browser tests need Debian's chromium)."""
    install(session, "test")
    if shutil.which("npm"):
        session.run(*NPM_INSTALL, external=True, silent=True)
    session.run("pytest", *session.posargs, env=SITE_ENV)


@nox.session(python=PYTHON, default=False)
def unit(session: nox.Session) -> None:
    """Run the fast unit tests of the runner (no framework is imported; seconds)."""
    install(session, "test")
    session.run("pytest", "tests/unit", *session.posargs)


@nox.session(python=PYTHON, default=False)
def reader(session: nox.Session) -> None:
    """Run every copied block, downloaded script and notebook as a reader would (twice each).

    The runs use an environment of their own holding only the `reader` dependency group
    (`.cache/reader-env`), in empty folders, with MNIST served by a local copy of the site.
    `nox -s tests` runs the same check.
    """
    install(session, "test")
    session.run("pytest", "tests/test_reader.py", *session.posargs, env=SITE_ENV)


@nox.session(python=PYTHON, default=False)
def gpu(session: nox.Session) -> None:
    """Run the snippet tests with a GPU required, then write the GPU status report."""
    install(session, "test")
    session.install("-c", "constraints.txt", "tensorflow[and-cuda]==2.21.0")
    # Snippets that `requires` torchvision run here, with the regular torch build it matches.
    session.install("-c", "constraints.txt", "torchvision==0.28.0")
    env = {**SITE_ENV, "SIDEBYSIDE_REQUIRE_GPU": "1"}
    # The report first, failures included (exit status 1), then the tests that judge them.
    report = ("python", "-m", "sidebyside", "run", "--report", "reports/gpu-status.json")
    session.run(*report, env=env, success_codes=[0, 1])
    session.run("pytest", "tests/test_snippets.py", "--require-gpu", *session.posargs, env=env)


@nox.session(python=PYTHON, default=False)
def canary(session: nox.Session) -> None:
    """Run the snippets and a strict build against the newest torch and TensorFlow."""
    session.install("-e", ".[test]", "--no-deps")
    project = nox.project.load_toml("pyproject.toml")["project"]
    unpinned = [d.split("==")[0] for d in project["dependencies"]] + ["torchvision"]
    session.install("--upgrade", *unpinned, "pytest", "pytest-codeblocks")
    session.run("pip", "list")
    session.run("pytest", "tests/test_snippets.py", "tests/test_site.py", env=SITE_ENV)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Time cold, warm and incremental builds, a serve rebuild and the test suite."""
    install(session, "test")
    session.run("python", "tools/bench.py", *session.posargs, env=SITE_ENV)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the site into site/ with a strict build, running every snippet."""
    install(session)
    session.run("mkdocs", "build", "--strict", *session.posargs, env=SITE_ENV)
    # The cheat sheet as a two-page A4 PDF, printed by Debian's chromium (skipped without it).
    session.run("python", "-m", "sidebyside.cheatsheet_pdf", "site")


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Serve the site at http://127.0.0.1:8000, rebuilding when pages or snippets change."""
    install(session)
    session.run("mkdocs", "serve", "--dev-addr", "127.0.0.1:8000", *session.posargs, env=SITE_ENV)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check style with ruff."""
    session.install("-c", "constraints.txt", "ruff==0.17.6")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


# The offline copy: pages as .html files that open from a folder, searchable without a server.
# No site address or repository in it: no canonical link to a page that exists only offline,
# and no request to another host (the repository link fetches its facts from GitHub).
OFFLINE_ENV = {**SITE_ENV, "OFFLINE": "true", "SITE_URL": "", "REPO_URL": "", "REPO_NAME": ""}
OFFLINE_DIR = "site-offline"


@nox.session(python=False, default=False)
def offline(session: nox.Session) -> None:
    """Build the offline copy into site-offline/ and zip it into site-offline.zip.

    It runs in the `tests` or else the `build` session's environment (no third copy of the
    frameworks), so run one of those first; the snippet cache they filled is reused.
    """
    found = (shutil.which("python", path=f".nox/{name}/bin") for name in ("tests", "build"))
    python = next(filter(None, found), None)
    if python is None:
        session.error("no environment to build with: run `nox -s build` (or `nox -s tests`) first")
    session.run(*NPM_INSTALL, external=True, silent=True)
    session.run(
        python, "-m", "mkdocs", "build", "--strict", "-d", OFFLINE_DIR, *session.posargs,
        env=OFFLINE_ENV, external=True,
    )  # fmt: skip
    archive = shutil.make_archive(OFFLINE_DIR, "zip", root_dir=".", base_dir=OFFLINE_DIR)
    session.log(f"wrote {archive}: open {OFFLINE_DIR}/index.html from the unzipped folder")
