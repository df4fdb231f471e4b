"""Turn a snippet into a Jupyter notebook, one cell per section, and execute it (cached).

A notebook opens with a header and a cell printing the versions, then alternates the snippet's
prose comment blocks (as Markdown) with its code. The site build executes each notebook of a
snippet that ran, with nbclient in a subprocess of its own (notebook_exec.py), and stores the
executed copy next to the snippet's cached run.
"""

from __future__ import annotations

import ast
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import nbformat

from sidebyside.config import SNIPPET_ENV, Config
from sidebyside.discover import Snippet
from sidebyside.errors import SnippetError
from sidebyside.key import imported_modules
from sidebyside.processes import end_group, network_prefix, track

KERNELS = {"python": {"display_name": "Python 3", "language": "python", "name": "python3"}}
EXECUTOR = Path(__file__).with_name("notebook_exec.py")
START_SECONDS = 120  # Allowed on top of the cells' timeouts for the kernel to start and stop.
# Comment lines for tools, not readers: they stay in the code.
_PRAGMA = re.compile(r"#\s*(fmt:|noqa|type:|ruff:|isort:|pylint:|pyright:|mypy:|%%|-\*-)|#!")
# Characters Markdown or MathJax would act on; an underscore inside a word (`requires_grad`)
# is plain text in Markdown already.
_ESCAPED = re.compile(r"([\\*<>$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")


def _prose(lines: list[str]) -> bool:
    """Tell whether a block of full-line comments explains, rather than holds code or pragmas."""
    if any(_PRAGMA.match(line) or not re.match(r"#( |$)", line) for line in lines):
        return False
    text = "\n".join(line[2:] for line in lines)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return True
    # Code parses; a bare word or constant ("Training", "1, 2") is a heading, not code.
    return all(
        isinstance(node, ast.Expr) and isinstance(node.value, ast.Name | ast.Constant | ast.Tuple)
        for node in tree.body
    )


def _markdown(lines: list[str]) -> str:
    """Return comment lines as Markdown: `# ` dropped, characters outside `code` escaped."""
    out = []
    for line in lines:
        parts = line[2:].split("`")
        # Even parts lie outside backticks; odd parts are code spans, kept as written.
        out.append(
            "`".join(_ESCAPED.sub(r"\\\1", p) if i % 2 == 0 else p for i, p in enumerate(parts))
        )
    return "\n".join(out)


def split_cells(code: str) -> list[tuple[str, str]]:
    """Split a snippet into notebook cells: a list of ("markdown" | "code", source).

    A block of full-line comments at indentation 0 that starts a paragraph (at the start of the
    file or after a blank line), lies between top-level statements and explains (prose, not
    commented-out code or tool pragmas such as `# fmt: off` or `# noqa`) becomes a Markdown
    cell. The code between two such blocks becomes one code cell, without its leading and
    trailing blank lines. Every other comment stays in the code, so the code cells joined in
    order hold the same statements as the file. Raises SyntaxError when `code` does not parse.
    """
    lines = code.splitlines()
    inside: set[int] = set()  # 0-based lines spanned by a top-level statement.
    for node in ast.parse(code).body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        inside.update(range(first - 1, node.end_lineno))
    cells: list[tuple[str, str]] = []
    pending: list[str] = []

    def flush_code() -> None:
        text = "\n".join(pending).strip("\n")
        if text.strip():
            cells.append(("code", text))
        pending.clear()

    i = 0
    while i < len(lines):
        end = i
        if i not in inside and (i == 0 or not lines[i - 1].strip()):
            while end < len(lines) and end not in inside and lines[end].startswith("#"):
                end += 1
        if end > i and _prose(lines[i:end]):
            flush_code()
            cells.append(("markdown", _markdown(lines[i:end])))
            i = end
            continue
        pending.extend(lines[i : max(end, i + 1)])
        i = max(end, i + 1)
    flush_code()
    return cells


def version_code(modules: tuple[str, ...]) -> str:
    """Return a code cell printing the Python version and the installed versions of `modules`.

    It reads the installed distributions' metadata rather than importing the modules, so a
    snippet that configures its framework before importing it still can.
    """
    return (
        "import platform\n"
        "from importlib.metadata import version\n\n"
        'print(f"Python {platform.python_version()}")\n'
        f"for name in {list(modules)!r}:\n"
        '    print(f"{name} {version(name)}")'
    )


SCRIPT_NOTE = (
    "This example starts processes that run or import its file again, which cells cannot "
    "provide: the cells above write it to `{name}`, and this one runs it as a script."
)


def _helper_cells(name: str, source: str) -> list[nbformat.NotebookNode]:
    note = (
        f"The helper module `{name}.py`, written next to the notebook so that the import below "
        "works; the same file as the download beside the example."
    )
    code = f"%%writefile {name}.py\n{source.rstrip()}"
    return [
        nbformat.v4.new_markdown_cell(note),
        nbformat.v4.new_code_cell(code, metadata={"tags": ["helper"]}),
    ]


def header(title: str, path: str, note: str) -> str:
    """Return the Markdown of a notebook's first cell."""
    return f"# {title}\n\n`{path}`\n\n{note}"


def build_notebook(
    path: str,
    code: str,
    title: str,
    modules_to_version: tuple[str, ...],
    modules: dict[str, str] | None = None,
    note: str = "",
) -> nbformat.NotebookNode:
    """Return a notebook of a snippet: header, version cell, then one cell per section.

    `path` is the snippet's path in the repository, `modules_to_version` the framework modules
    whose versions the second cell prints, `modules` the project's helper modules by name and
    source: each one the code imports is written next to the notebook (`%%writefile`) before
    the first cell importing it. `note` ends the header (who ran it, or why it did not run).
    """
    cells = [
        nbformat.v4.new_markdown_cell(header(title, path, note)),
        nbformat.v4.new_code_cell(
            version_code(modules_to_version), metadata={"tags": ["versions"]}
        ),
    ]
    try:
        sections = split_cells(code)
        script = runs_as_script(code)
    except SyntaxError:
        sections, script = [("code", code)], False  # The snippet's own run reports it.
    helpers = dict(modules or {})
    name = PurePosixPath(path).name
    written = False
    for kind, source in sections:
        if kind == "markdown":
            cells.append(nbformat.v4.new_markdown_cell(source))
            continue
        try:
            needed = imported_modules(source)
        except SyntaxError:
            needed = set(helpers)
        for module in sorted(needed & set(helpers)):
            cells.extend(_helper_cells(module, helpers.pop(module)))
        if script:  # Each section appends to the file, which the last cell runs.
            source = f"%%writefile {'-a ' if written else ''}{name}\n{source}"
            written = True
        cells.append(nbformat.v4.new_code_cell(source))
    if script:
        cells.append(nbformat.v4.new_markdown_cell(SCRIPT_NOTE.format(name=name)))
        cells.append(nbformat.v4.new_code_cell(f"%run {name}", metadata={"tags": ["run"]}))
    notebook = nbformat.v4.new_notebook(
        cells=cells,
        metadata={"kernelspec": KERNELS["python"], "language_info": {"name": "python"}},
    )
    for number, item in enumerate(notebook.cells):  # Stable ids keep rebuilds byte-identical.
        item["id"] = f"cell-{number}"
    return notebook


def snippet_cells(notebook: nbformat.NotebookNode) -> list[str]:
    """Return the code of the cells that come from the snippet (no added cells, no magics)."""
    return [
        re.sub(r"\A%%writefile .*\n", "", c.source)
        for c in notebook.cells
        if c.cell_type == "code" and not c.get("metadata", {}).get("tags")
    ]


def runs_as_script(code: str) -> bool:
    """Tell whether `code` needs to be a file: it reads `__file__` or has a `__main__` guard.

    Such a snippet starts processes that import or run the file again (multiprocessing's
    spawn, a launcher), which a notebook's cells cannot provide; its notebook writes the file
    section by section and runs it with `%run`.
    """
    tree = ast.parse(code)
    if any(isinstance(n, ast.Name) and n.id == "__file__" for n in ast.walk(tree)):
        return True
    return any(
        isinstance(node, ast.If)
        and isinstance(node.test, ast.Compare)
        and isinstance(node.test.left, ast.Name)
        and node.test.left.id == "__name__"
        for node in tree.body
    )


class NotebookError(SnippetError):
    """A notebook of a snippet failed to execute: names the notebook, the file, the framework."""

    def __init__(self, notebook: str, path: str, framework: str, output: str) -> None:
        self.notebook = notebook
        super().__init__(path, framework, f"notebook {notebook} failed to execute", output)


class NotebookFailures(RuntimeError):
    """One or more notebooks failed to execute; the message lists each NotebookError."""

    def __init__(self, errors: list[NotebookError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.notebook)
        lines = "\n".join(str(e) for e in self.errors)
        super().__init__(f"{len(errors)} notebook(s) failed to execute:\n{lines}")


@dataclass
class NotebookJob:
    """One notebook to execute: its site path, the snippet it shows and that snippet's run."""

    uri: str
    snippet: Snippet
    key: str  # The snippet's cache key: the executed notebook is stored in its folder.
    device: str  # Where the snippet's run found its framework's device (the header says it).
    notebook: nbformat.NotebookNode
    env: dict[str, str] = field(default_factory=dict)  # Added to the kernel's environment.


@dataclass
class Executed:
    """The executed notebooks by site path, and how many ran now or came from the cache."""

    notebooks: dict[str, nbformat.NotebookNode]
    ran: int
    cached: int
    seconds: float  # Wall time of the whole call.
    run_seconds: float = 0.0  # The executions' own times, added up.


# The header's last paragraph: before and after an execution, or why there was none.
PENDING_NOTE = "The outputs come from a run of this notebook by the site build."
RUN_NOTE = "The outputs come from a run of this notebook by the site build on {date} ({device})."
SERVE_NOTE = "Outputs pending: `mkdocs serve` is executing this notebook in the background."
OFF_NOTE = "Not run by this build (snippet execution was off), so the cells have no outputs."


def absent_note(absent: tuple[str, ...]) -> str:
    """Say that a notebook was not run because this build cannot import `absent`."""
    names = ", ".join(f"`{m}`" for m in absent)
    return f"Not run by this build, which cannot import {names}, so the cells have no outputs."


def executor_digest() -> str:
    """Digest of the executor's source: a changed executor executes every notebook again."""
    return hashlib.sha256(EXECUTOR.read_bytes()).hexdigest()


def _stored_path(config: Config, job: NotebookJob) -> Path:
    digest = hashlib.sha256()
    digest.update(executor_digest().encode())
    digest.update(nbformat.writes(job.notebook).encode())
    # Paths inside the project count relative to it: a clone elsewhere finds the same file.
    root = str(config.root)
    env = {k: v.replace(root, "<project>") for k, v in job.env.items()}
    digest.update(json.dumps(sorted(env.items())).encode())
    return config.cache / job.key / f"notebook-{digest.hexdigest()[:16]}.ipynb"


def is_stored(config: Config, job: NotebookJob) -> bool:
    """Say whether an execution of `job`'s notebook is stored (a build would not execute it)."""
    return _stored_path(config, job).is_file()


def _execute(config: Config, job: NotebookJob) -> nbformat.NotebookNode:
    """Execute one notebook in a fresh empty folder, in a subprocess; raise NotebookError."""
    relative = job.snippet.path.relative_to(config.root).as_posix()
    cells = sum(c.cell_type == "code" for c in job.notebook.cells)
    with tempfile.TemporaryDirectory(prefix="sidebyside-nb-") as scratch:
        names = ("in.ipynb", "out.ipynb", "error.txt", "log.txt")
        source, out, error, log = (Path(scratch) / name for name in names)
        workdir = Path(scratch) / "work"
        workdir.mkdir()
        source.write_text(nbformat.writes(job.notebook))
        argv = [sys.executable, str(EXECUTOR), str(source), str(out), str(error)]
        limit = job.snippet.timeout * cells + START_SECONDS
        with open(log, "wb") as output:
            # A file, not a pipe: a process the kernel leaves behind cannot hold the run open.
            process = subprocess.Popen(
                [*network_prefix(config.offline), *argv, f"{job.snippet.timeout:g}"],
                cwd=workdir,
                env={**os.environ, **SNIPPET_ENV, **job.env},
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Its own process group, the kernel included.
            )
            track(process.pid)
            try:
                status = process.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                status = None
            finally:
                end_group(process.pid)
                process.wait()
        printed = log.read_text(errors="replace")
        if status is None:
            message = f"it did not finish within {limit:g} s and was stopped\n{printed}"
            raise NotebookError(job.uri, relative, job.snippet.framework, message)
        if status != 0 or not out.is_file():
            message = error.read_text() if error.is_file() else printed
            message = message or f"the executor exited with status {status}"
            raise NotebookError(job.uri, relative, job.snippet.framework, message)
        return nbformat.reads(out.read_text(), as_version=4)


def _store(path: Path, notebook: nbformat.NotebookNode) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("notebook-*.ipynb"):  # Earlier builders' executions.
        if old != path:
            old.unlink(missing_ok=True)
    # A staging file of its own: two builds may store the same notebook at once.
    handle, staging = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(handle, "w") as out:
        out.write(nbformat.writes(notebook))
    os.replace(staging, path)


def stamp(notebook: nbformat.NotebookNode, note: str) -> None:
    """Replace the last paragraph of the header cell with `note`."""
    head = notebook.cells[0]
    head.source = head.source.rsplit("\n\n", 1)[0] + "\n\n" + note


def execute_notebooks(config: Config, jobs: list[NotebookJob]) -> Executed:
    """Execute each job's notebook, `config.jobs` at a time, reusing stored executions.

    An executed notebook is stored in its snippet's cache folder under a digest of the
    unexecuted notebook, of the added environment and of the executor, so an unchanged one
    never runs again; its header ends with RUN_NOTE. Raises NotebookFailures, naming each
    notebook that failed; a failed execution is never stored.
    """
    started = time.perf_counter()
    done: dict[str, nbformat.NotebookNode] = {}
    pending: list[tuple[NotebookJob, Path]] = []
    for job in jobs:
        path = _stored_path(config, job)
        try:
            done[job.uri] = nbformat.reads(path.read_text(), as_version=4)
        except (OSError, ValueError):
            pending.append((job, path))
    failures: list[NotebookError] = []

    durations: list[float] = []

    def one(item: tuple[NotebookJob, Path]) -> None:
        job, path = item
        began = time.perf_counter()
        try:
            notebook = _execute(config, job)
        except NotebookError as error:
            failures.append(error)
            return
        durations.append(time.perf_counter() - began)
        stamp(notebook, RUN_NOTE.format(date=now(), device=job.device))
        _store(path, notebook)
        done[job.uri] = notebook

    with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as threads:
        # Longest timeouts first, as the snippet runner does.
        list(threads.map(one, sorted(pending, key=lambda item: -item[0].snippet.timeout)))
    if failures:
        raise NotebookFailures(failures)
    wall = time.perf_counter() - started
    return Executed(done, len(pending), len(jobs) - len(pending), wall, sum(durations))


def write_if_changed(path: Path, text: str) -> Path:
    """Write `text` to `path` unless it already holds exactly that; return `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)
    return path


def now() -> str:
    """Return the current time as the site prints it (UTC, to the minute)."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
