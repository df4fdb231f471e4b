"""Turn a snippet and its stored run into a Jupyter notebook that opens with its outputs."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat

from sidebyside.results import Result

KERNELS = {"python": {"display_name": "Python 3", "language": "python", "name": "python3"}}


def _stream(name: str, text: str) -> nbformat.NotebookNode:
    # Built directly: nbformat's constructors validate every output, which is slow.
    return nbformat.NotebookNode(output_type="stream", name=name, text=text)


def _figure_output(path: Path) -> nbformat.NotebookNode | None:
    if path.suffix == ".png":
        data = {"image/png": base64.b64encode(path.read_bytes()).decode()}
    elif path.suffix == ".svg":
        data = {"image/svg+xml": path.read_text()}
    else:
        return None
    return nbformat.NotebookNode(
        output_type="display_data", data=data, metadata={"filename": path.name}
    )


def build_notebook(
    path: str, code: str, title: str, result: Result | None, stderr: str = ""
) -> nbformat.NotebookNode:
    """Return a notebook: a header cell, then the snippet as one cell with the run's outputs.

    The outputs are those of the build's own run of the file (from the cache): the notebook is
    never executed a second time, so it shows exactly what the page shows. Without a `result`
    (snippet execution switched off) the cell has no outputs and the header says so.
    """
    if result is None:
        header = f"# {title}\n\n`{path}`: not run by this build (snippet execution was off)."
        cell = nbformat.v4.new_code_cell(code)
        return _notebook(header, cell)
    header = (
        f"# {title}\n\n"
        f"`{path}`, run by the site build on {result.date} "
        f"({result.version}, {result.device}, {result.seconds:.1f} s)."
    )
    outputs = []
    if result.stdout:
        outputs.append(_stream("stdout", result.stdout))
    if stderr.strip():
        outputs.append(_stream("stderr", stderr))
    for name in result.files:
        if (figure := _figure_output(result.file(name))) is not None:
            outputs.append(figure)
    cell = nbformat.v4.new_code_cell(code, execution_count=1, outputs=outputs)
    return _notebook(header, cell)


def _notebook(header: str, cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell(header), cell],
        metadata={"kernelspec": KERNELS["python"], "language_info": {"name": "python"}},
    )
    for number, item in enumerate(notebook.cells):  # Stable ids keep rebuilds byte-identical.
        item["id"] = f"cell-{number}"
    return notebook


def write_if_changed(path: Path, text: str) -> Path:
    """Write `text` to `path` unless it already holds exactly that; return `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)
    return path
