"""Sessions for building, serving and testing the site: `nox -s <name>`."""

from __future__ import annotations

import shutil

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]

PYTHON = "3.11"
SITE_ENV = {"NO_MKDOCS_2_WARNING": "1"}
AXE_INSTALL = (
    "npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", ".cache/npm",
    "axe-core@4.14.1",
)  # fmt: skip


def install(session: nox.Session, *extras: str) -> None:
    """Install the project and its pinned dependencies into the session."""
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-c", "constraints.txt", "-e", target)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite with pytest (browser tests need Debian's chromium)."""
    install(session, "test")
    if shutil.which("npm"):  # axe-core, which the browser tests inject to check accessibility.
        session.run(*AXE_INSTALL, external=True, silent=True)
    session.run("pytest", *session.posargs, env=SITE_ENV)


@nox.session(python=PYTHON, default=False)
def gpu(session: nox.Session) -> None:
    """Run the snippet tests with a GPU required, then write the GPU status report."""
    install(session, "test")
    session.install("-c", "constraints.txt", "tensorflow[and-cuda]==2.21.0")
    # Snippets that `requires` torchvision run here, with the regular torch build it matches.
    session.install("-c", "constraints.txt", "torchvision==0.28.0")
    session.run(
        "pytest",
        "tests/test_snippets.py",
        "--require-gpu",
        *session.posargs,
        env={
            **SITE_ENV,
            "SIDEBYSIDE_REQUIRE_GPU": "1",
            "SIDEBYSIDE_REPORT": "reports/gpu-status.json",
        },
    )


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
    session.run("python", "-m", "sidebyside.bench", *session.posargs, env=SITE_ENV)


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
