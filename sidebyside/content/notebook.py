"""Turn a snippet into a Jupyter notebook, one cell per section, with the outputs of its run.

A notebook opens with a header and a cell printing the versions, then alternates the snippet's
prose sections (as Markdown) with its code sections (sections.py). Its outputs are the outputs
that the runner recorded, section by section, in the snippet's one run: nothing runs again.
"""

from __future__ import annotations

import base64
import re
from pathlib import PurePosixPath

import nbformat

from sidebyside.core.results import Result
from sidebyside.core.sections import imported_modules, parse, runs_as_script, version_code

KERNELS = {"python": {"display_name": "Python 3", "language": "python", "name": "python3"}}


def split_cells(code: str) -> list[tuple[str, str]]:
    """Return the sections of `code` as notebook cells: ("markdown" | "code", source)."""
    return [(section.kind, section.source) for section in parse(code)]


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


# The header's last paragraph: where the outputs come from, or why there are none.
RUN_NOTE = (
    "The outputs come from the site build's run of this example on {date} ({device}), "
    "recorded section by section."
)
PENDING_NOTEBOOK_NOTE = "Outputs pending: `mkdocs serve` is running this example in the background."
OFF_NOTE = "Not run by this build (snippet execution was off), so the cells have no outputs."


def absent_note(absent: tuple[str, ...]) -> str:
    """Say that a notebook was not run because this build cannot import `absent`."""
    names = ", ".join(f"`{m}`" for m in absent)
    return f"Not run by this build, which cannot import {names}, so the cells have no outputs."


def stamp(notebook: nbformat.NotebookNode, note: str) -> None:
    """Replace the last paragraph of the header cell with `note`."""
    head = notebook.cells[0]
    head.source = head.source.rsplit("\n\n", 1)[0] + "\n\n" + note


FIGURE_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}


def _outputs(part: dict, result: Result, shown_stderr) -> list[nbformat.NotebookNode]:
    """Return a cell's outputs from one recorded section: streams, figures, displayed value."""
    outputs = []
    stderr = shown_stderr(part["stderr"]) if part["stderr"] else ""
    for name, text in (("stdout", part["stdout"]), ("stderr", stderr)):
        if text.strip():
            outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
    for figure in (f for f in part["figures"] if f in result.files):  # Not one it deleted.
        path = result.file(figure)
        raw = path.read_bytes()
        mime = FIGURE_TYPES[path.suffix]
        data = raw.decode() if path.suffix == ".svg" else base64.b64encode(raw).decode()
        outputs.append(
            nbformat.v4.new_output("display_data", data={mime: data}, metadata={"filename": figure})
        )
    if part.get("result") is not None:
        outputs.append(
            nbformat.v4.new_output("execute_result", data={"text/plain": part["result"]})
        )
    return outputs


def with_outputs(notebook: nbformat.NotebookNode, result: Result, shown_stderr) -> None:
    """Fill `notebook`'s code cells, in place, with the outputs of `result`'s sections.

    The version cell gets what the run's version code printed; each of the snippet's code
    cells the output of its section, or, for a file that ran as a script, the `%run` cell the
    whole output. `shown_stderr` filters stderr as the pages do. Raises ValueError when the
    cells and the recorded sections do not match one to one.
    """
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    tags = [set(c.get("metadata", {}).get("tags", [])) for c in cells]
    if result.script:
        targets = [c for c, t in zip(cells, tags, strict=True) if "run" in t]
    else:
        targets = [c for c, t in zip(cells, tags, strict=True) if not t]
    if len(targets) != len(result.sections):
        raise ValueError(
            f"{result.path} [{result.framework}]: the notebook has {len(targets)} code cell(s) "
            f"for {len(result.sections)} recorded section(s); run the snippet again"
        )
    prelude = {"stdout": result.prelude, "stderr": "", "figures": [], "result": None}
    versions = [c for c, t in zip(cells, tags, strict=True) if "versions" in t]
    filled = [(cell, prelude) for cell in versions]
    filled += list(zip(targets, result.sections, strict=True))
    count = 0
    for cell in cells:
        part = next((p for c, p in filled if c is cell), None)
        if part is None:
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = _outputs(part, result, shown_stderr)
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
