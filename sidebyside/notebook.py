"""Turn a snippet and its stored run into a Jupyter notebook that opens with its outputs."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat

from sidebyside.results import Result

KERNELS = {"python": {"display_name": "Python 3", "language": "python", "name": "python3"}}


def _figure_output(path: Path) -> nbformat.NotebookNode | None:
    if path.suffix == ".png":
        data = {"image/png": base64.b64encode(path.read_bytes()).decode()}
    elif path.suffix == ".svg":
        data = {"image/svg+xml": path.read_text()}
    else:
        return None
    return nbformat.v4.new_output("display_data", data=data, metadata={"filename": path.name})


def build_notebook(result: Result, code: str, title: str, stderr: str) -> nbformat.NotebookNode:
    """Return a notebook: a header cell, then the snippet as one cell with the run's outputs.

    The outputs are those of the build's own run of the file (from the cache): the notebook is
    never executed a second time, so it shows exactly what the page shows.
    """
    header = (
        f"# {title}\n\n"
        f"`{result.path}`, run by the site build on {result.date} "
        f"({result.version}, {result.device}, {result.seconds:.1f} s)."
    )
    outputs = []
    if result.stdout:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=result.stdout))
    if stderr.strip():
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=stderr))
    for name in result.files:
        if (figure := _figure_output(result.file(name))) is not None:
            outputs.append(figure)
    cell = nbformat.v4.new_code_cell(code, execution_count=1, outputs=outputs)
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(header), cell],
        metadata={"kernelspec": KERNELS["python"], "language_info": {"name": "python"}},
    )
    for number, item in enumerate(notebook.cells):  # Stable ids keep rebuilds byte-identical.
        item["id"] = f"cell-{number}"
    nbformat.validate(notebook)
    return notebook


def write_if_changed(path: Path, text: str) -> Path:
    """Write `text` to `path` unless it already holds exactly that; return `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)
    return path
