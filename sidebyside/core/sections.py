"""Split a snippet into its sections once: the run, the page, the notebook and errors use it.

A section is either prose (a block of full-line comments that explains, shown as a notebook's
Markdown cell) or code (the statements between two prose blocks). Each keeps the lines of the
file it came from, so that a failure in a section names `FILE:LINE`.
"""

from __future__ import annotations

import ast
import re
import threading
from dataclasses import dataclass

_PARSE_LOCK = threading.Lock()  # CPython 3.11's ast.parse is not safe across threads.
# Comment lines for tools, not readers: they stay in the code.
_PRAGMA = re.compile(r"#\s*(fmt:|noqa|type:|ruff:|isort:|pylint:|pyright:|mypy:|%%|-\*-)|#!")
# Characters Markdown or MathJax would act on; an underscore inside a word (`requires_grad`)
# is plain text in Markdown already.
_ESCAPED = re.compile(r"([\\*<>$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")


@dataclass(frozen=True)
class Section:
    """One section of a snippet: its kind, its text and the file lines it spans (1-based)."""

    kind: str  # "code" or "markdown"
    source: str  # Code as written; prose as Markdown.
    first: int
    last: int

    def label(self, number: int, total: int) -> str:
        """Name the section for an error message: number, lines and first line of code."""
        head = next((line.strip() for line in self.source.splitlines() if line.strip()), "")
        return f"section {number} of {total} (lines {self.first}-{self.last}: {head[:60]!r})"


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


def parse(code: str) -> list[Section]:
    """Split `code` into sections, in file order. Raises SyntaxError when it does not parse.

    A block of full-line comments at indentation 0 that starts a paragraph (at the start of the
    file or after a blank line), lies between top-level statements and explains (prose, not
    commented-out code or tool pragmas such as `# fmt: off` or `# noqa`) is a Markdown section.
    The code between two such blocks is one code section, without its leading and trailing
    blank lines. Every other comment stays in the code, so the code sections joined in order
    hold the same statements as the file.
    """
    lines = code.splitlines()
    inside: set[int] = set()  # 0-based lines spanned by a top-level statement.
    for node in ast.parse(code).body:
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        inside.update(range(first - 1, node.end_lineno))
    sections: list[Section] = []
    pending: list[int] = []  # 0-based indexes of the code lines not yet in a section.

    def flush_code() -> None:
        kept = [i for i in pending if lines[i].strip()]
        if kept:
            first, last = kept[0], kept[-1]
            source = "\n".join(lines[first : last + 1])
            sections.append(Section("code", source, first + 1, last + 1))
        pending.clear()

    i = 0
    while i < len(lines):
        end = i
        if i not in inside and (i == 0 or not lines[i - 1].strip()):
            while end < len(lines) and end not in inside and lines[end].startswith("#"):
                end += 1
        if end > i and _prose(lines[i:end]):
            flush_code()
            sections.append(Section("markdown", _markdown(lines[i:end]), i + 1, end))
            i = end
            continue
        pending.extend(range(i, max(end, i + 1)))
        i = max(end, i + 1)
    flush_code()
    return sections


def runs_as_script(code: str) -> bool:
    """Tell whether `code` needs to be a file: it reads `__file__` or has a `__main__` guard.

    Such a snippet starts processes that import or run the file again (multiprocessing's
    spawn, a launcher), which a notebook's cells cannot provide: it runs as one script, and
    its notebook writes the file section by section and runs it with `%run`.
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


def version_code(modules: tuple[str, ...]) -> str:
    """Return code printing the Python version and the installed versions of `modules`.

    It reads the installed distributions' metadata rather than importing the modules, so a
    snippet that configures its framework before importing it still can. The run executes it
    first; a notebook shows it, with that output, as its version cell.
    """
    return (
        "import platform\n"
        "from importlib.metadata import version\n\n"
        'print(f"Python {platform.python_version()}")\n'
        f"for name in {list(modules)!r}:\n"
        '    print(f"{name} {version(name)}")'
    )


def imported_modules(source: str) -> set[str]:
    """Return the top-level names of every module that `source` imports (absolute imports).

    The one answer to "does this snippet import X": the cache key follows these names into the
    project, the page links the MNIST loader and the notebook writes it beside itself by them.
    """
    names: set[str] = set()
    with _PARSE_LOCK:
        tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def imports_mnist(code: str) -> bool:
    """Say whether `code` imports the project's MNIST loader (`mnist_data`); False if unparsable."""
    try:
        return "mnist_data" in imported_modules(code)
    except SyntaxError:
        return False
