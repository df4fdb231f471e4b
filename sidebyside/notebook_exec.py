"""Execute one notebook with nbclient, in the working directory this process was started in.

`python -m sidebyside.notebook_exec NOTEBOOK OUT ERROR TIMEOUT` runs every cell of NOTEBOOK in
a fresh `python3` kernel of this interpreter, each cell limited to TIMEOUT seconds, and writes
the executed notebook to OUT. Figures (.png, .svg) that a cell writes to the working directory
are shown under that cell. On failure it writes what went wrong to ERROR and exits with 1.

The build starts it in a subprocess of its own per notebook, so that a kernel that crashes or
hangs cannot take the build down with it.
"""

from __future__ import annotations

import base64
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

FIGURES = {".png": "image/png", ".svg": "image/svg+xml"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _figures(workdir: Path, seen: dict[Path, int]) -> list[nbformat.NotebookNode]:
    """Return display outputs for the figures written or rewritten since the last call."""
    outputs = []
    for path in sorted(workdir.rglob("*")):
        if path.suffix not in FIGURES or not path.is_file():
            continue
        stamp = path.stat().st_mtime_ns
        if seen.get(path) == stamp:
            continue
        seen[path] = stamp
        raw = path.read_bytes()
        mime = FIGURES[path.suffix]
        data = raw.decode() if path.suffix == ".svg" else base64.b64encode(raw).decode()
        name = path.relative_to(workdir).as_posix()
        outputs.append(
            nbformat.NotebookNode(
                output_type="display_data", data={mime: data}, metadata={"filename": name}
            )
        )
    return outputs


def execute(notebook: nbformat.NotebookNode, workdir: Path, timeout: float) -> None:
    """Run every cell of `notebook` in place, in `workdir`; raise RuntimeError on a failure.

    The error's message names the failing cell and ends with the last lines of its traceback.
    """
    seen: dict[Path, int] = {}
    current = {"index": -1}

    def started(cell, cell_index, **_):
        current["index"] = cell_index

    def executed(cell, cell_index, **_):
        cell.outputs.extend(_figures(workdir, seen))

    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
        coalesce_streams=True,
        record_timing=False,  # Timings would change the notebook on every run.
        on_cell_start=started,
        on_cell_executed=executed,
    )
    try:
        client.execute()
    except CellTimeoutError as exc:
        where = _where(notebook, current["index"])
        raise RuntimeError(f"{where} timed out after {timeout:g} s") from exc
    except DeadKernelError as exc:
        raise RuntimeError(f"the kernel died in {_where(notebook, current['index'])}") from exc
    except CellExecutionError as exc:
        where = _where(notebook, current["index"])
        trace = _ANSI.sub("", exc.traceback or "")
        # The summary last: a failure report shows the last lines.
        raise RuntimeError(f"{trace}\n{where} raised {exc.ename}: {exc.evalue}") from exc


def _where(notebook: nbformat.NotebookNode, index: int) -> str:
    if not 0 <= index < len(notebook.cells):
        return "the kernel start"
    first = next((line for line in notebook.cells[index].source.splitlines() if line), "")
    return f"cell {index + 1} of {len(notebook.cells)} ({first.strip()[:60]!r})"


def main(argv: list[str]) -> int:
    """Execute the notebook named on the command line; return the exit status."""
    source, out, error, timeout = argv
    notebook = nbformat.read(source, as_version=4)
    with tempfile.TemporaryDirectory(prefix="sidebyside-jupyter-") as private:
        # Kernel specs, connection files and IPython profiles of this run only: no user-level
        # kernel named python3 and no IPython start-up file can change what runs.
        os.environ["JUPYTER_DATA_DIR"] = str(Path(private) / "data")
        os.environ["JUPYTER_RUNTIME_DIR"] = str(Path(private) / "runtime")
        os.environ["IPYTHONDIR"] = str(Path(private) / "ipython")
        os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
        try:
            execute(notebook, Path.cwd(), float(timeout))
        except Exception as exc:  # Any failure, the kernel's start included, is reported.
            Path(error).write_text(str(exc) or type(exc).__name__)
            return 1
    nbformat.write(notebook, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
