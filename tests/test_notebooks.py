"""Notebooks: one cell per section, a version cell, helper modules, the run's outputs, Colab."""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import io
import re
import socket
import subprocess
from pathlib import Path

import nbformat
import pytest
from conftest import CONFIG, ROOT, SNIPPETS, TOPICS
from miniproject import MiniProject

from sidebyside.content import notebook
from sidebyside.content.layout import colab_url
from sidebyside.content.notebook import build_notebook, snippet_cells, split_cells, with_outputs
from sidebyside.content.render import Renderer, strip_markers
from sidebyside.core import sections
from sidebyside.core.discover import discover
from sidebyside.run.processes import network_prefix
from sidebyside.run.runner import run_snippet
from sidebyside.site import publish

SYNTHETIC = """\
import math

# Prose: the first section
# explains *why*, with `code_spans`.
x = 1  # A trailing comment stays.
# A comment in the middle of a paragraph stays.
y = 2

# fmt: off
z = [1,
     2]
# fmt: on

# print("commented-out code stays in the code")
w = 3


def f():
    # An indented comment stays.
    return math.pi

# Second section, after a function.
#
# A second paragraph.
print(f(), x, y, z, w)
"""


def test_split_cells_follows_the_sections():
    cells = split_cells(SYNTHETIC)
    kinds = [kind for kind, _ in cells]
    assert kinds == ["code", "markdown", "code", "markdown", "code"], cells
    assert cells[0] == ("code", "import math")
    prose = "Prose: the first section\nexplains \\*why\\*, with `code_spans`."
    assert cells[1] == ("markdown", prose), "Markdown characters outside `code` not escaped"
    middle = cells[2][1]
    for kept in (
        "# A trailing comment stays.",
        "# A comment in the middle of a paragraph stays.",
        "# fmt: off",
        "# fmt: on",
        '# print("commented-out code stays in the code")',
        "    # An indented comment stays.",
    ):
        assert kept in middle, f"split_cells moved {kept!r} out of the code: {cells}"
    assert not middle.startswith("\n") and not middle.endswith("\n"), "blank lines not trimmed"
    assert cells[3] == ("markdown", "Second section, after a function.\n\nA second paragraph.")
    assert cells[4] == ("code", "print(f(), x, y, z, w)")


def test_a_comment_inside_a_statement_stays_in_it():
    code = 'text = """\n\n# not a comment: part of the string\n"""\nprint(text)\n'
    assert split_cells(code) == [("code", code.rstrip("\n"))]


def _same_statements(code: str, cells: list[str], where: str) -> None:
    expected = ast.dump(ast.parse(code))
    joined = ast.dump(ast.parse("\n\n".join(cells)))
    assert joined == expected, (
        f"{where}: the notebook's code cells do not hold the same statements as the file; "
        "fix split_cells in sidebyside/notebook.py so that no code is lost or reordered"
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_code_cells_run_like_the_file(snippet):
    code = strip_markers(snippet.path.read_text())
    where = f"{snippet.path.relative_to(ROOT)} [{snippet.framework}]"
    _same_statements(code, [text for kind, text in split_cells(code) if kind == "code"], where)
    modules = {"mnist_data": "X = 1\n"}
    preload = CONFIG.framework(snippet.framework).preload
    book = build_notebook(where, code, "Title", preload, modules)
    _same_statements(code, snippet_cells(book), where)
    nbformat.validate(book)


def test_version_cell_names_the_frameworks_modules_and_installs_nothing():
    names = [n for fw in CONFIG.frameworks for n in (fw.name, *fw.preload)]
    for path in (notebook.__file__, sections.__file__):
        text = Path(path).read_text()
        written = [n for n in names if re.search(rf"\b{n}\b", text)]
        assert not written, f"{path} names the framework(s) {written}: take them from the config"
    for fw in CONFIG.frameworks:
        book = build_notebook("p.py", "print(1)\n", "Title", fw.preload)
        header, versions = book.cells[:2]
        assert header.cell_type == "markdown" and header.source.startswith("# Title")
        assert "`p.py`" in header.source, "the header does not name the source file"
        assert "versions" in versions.metadata.get("tags", []), versions
        source = versions.source
        assert "pip" not in source and "install" not in source, f"{fw.name}: {source}"
        assert not re.search(r"==|>=|%", source), f"{fw.name}: the version cell pins: {source}"
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(source, {})  # Reads metadata only: no framework is imported.
        lines = printed.getvalue().splitlines()
        assert lines[0].startswith("Python 3."), lines
        assert [line.split()[0] for line in lines[1:]] == list(fw.preload), lines


def test_helper_module_is_written_before_its_first_import():
    code = "import math\n\n# Load.\nfrom mnist_data import load_mnist\n\nimport mnist_data\n"
    book = build_notebook("p.py", code, "T", (), {"mnist_data": "SOURCE = 1\n", "other": "2\n"})
    sources = [c.source for c in book.cells]
    at = next(i for i, s in enumerate(sources) if s.startswith("%%writefile"))
    assert sources[at] == "%%writefile mnist_data.py\nSOURCE = 1", sources[at]
    assert book.cells[at - 1].cell_type == "markdown"
    assert "The helper module `mnist_data.py`, written next to the notebook" in sources[at - 1]
    assert sources[at + 1].startswith("from mnist_data import"), "not before its first import"
    assert sum(s.startswith("%%writefile") for s in sources) == 1, "other (not imported) written"
    assert sources.index("import math") < at, "the helper went before the first code cell"


def test_published_notebooks_without_runs_keep_their_sections(tmp_path):
    config = dataclasses.replace(CONFIG, cache=tmp_path)
    files, links = publish.write_downloads(config, TOPICS, {})
    stages = TOPICS["pipeline-stages"].snippets["pytorch"]
    book = nbformat.read(files[links["pipeline-stages"]["pytorch"][1]], as_version=4)
    assert all(not c.get("outputs") for c in book.cells), "a notebook without a run has outputs"
    writes = [c.source for c in book.cells if c.source.startswith("%%writefile mnist_data.py")]
    assert writes, f"the notebook of {stages.path} does not write mnist_data.py"
    loader = publish.mnist_files(None)["downloads/mnist_data.py"]
    assert writes[0] == f"%%writefile mnist_data.py\n{loader.rstrip()}", "not the downloaded file"
    assert "not run by this build" in book.cells[0].source.lower()


def _with_outputs(config, result, snippet, preload=()) -> nbformat.NotebookNode:
    code = strip_markers(snippet.path.read_text())
    relative = snippet.path.relative_to(config.root).as_posix()
    book = build_notebook(relative, code, snippet.topic, preload, note="Ran.")
    with_outputs(book, result, config.shown_stderr)
    return book


def _streams(cell, name="stdout") -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == name)


def test_real_notebook_in_a_kernel_prints_what_the_run_recorded(runs, tmp_path):
    """One generated notebook, executed by a real Jupyter kernel: same outputs, cell by cell."""
    from nbclient import NotebookClient

    results, _ = runs
    snippet = TOPICS["autograd"].snippets["pytorch"]
    recorded = _with_outputs(CONFIG, results[snippet.id], snippet, ("torch",))
    nbformat.validate(recorded)
    fresh = nbformat.reads(nbformat.writes(recorded), as_version=4)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    NotebookClient(
        fresh, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    pairs = [
        (a, b)
        for a, b in zip(recorded.cells, fresh.cells, strict=True)
        if a.cell_type == "code" and "versions" not in a.metadata.get("tags", [])
    ]
    assert any(_streams(a) for a, _ in pairs), "the run recorded no printed output"
    for ours, kernel in pairs:
        assert _streams(ours) == _streams(kernel), (
            f"{snippet.path} [pytorch]: a Jupyter kernel printed something else for the cell "
            f"{ours.source[:60]!r}; fix with_outputs in sidebyside/notebook.py or the "
            "launcher's section run in sidebyside/run/launch.py"
        )


def test_outputs_follow_the_sections_of_one_run(tmp_path):
    mini = MiniProject(tmp_path / "project")
    mini.snippet(
        "pt.py",
        """\
        import pathlib

        # First: a print and a figure file.
        print("one")
        size = pathlib.Path("plot.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")

        # Second: stderr, and a last bare expression a kernel displays.
        import sys
        print("two", file=sys.stderr)
        6 * 7
        """,
    )
    config = mini.config
    snippet = discover(config)["demo"].snippets["pytorch"]
    result = run_snippet(config, snippet)
    assert [s["stdout"] for s in result.sections] == ["", "one\n", ""], result.sections
    assert result.sections[2]["stderr"] == "two\n" and result.sections[2]["result"] == "42"
    assert result.sections[1]["figures"] == ["plot.svg"] and result.files == ["plot.svg"]
    assert result.stdout == "one\n", "the page shows the file's own output, no displayed value"
    book = _with_outputs(config, result, snippet)
    code = [c for c in book.cells if c.cell_type == "code"][1:]
    assert [[o.output_type for o in c.outputs] for c in code] == [
        [],
        ["stream", "display_data"],
        ["stream", "execute_result"],
    ]
    assert code[2].outputs[1].data["text/plain"] == "42"
    assert book.cells[1].outputs[0].text.startswith("Python 3."), "no version cell output"


def test_runs_without_network_have_loopback_only(tmp_path):
    try:
        network_prefix(True)
    except RuntimeError as exc:
        pytest.skip(str(exc))
    out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout
    hosts = [a for a in out.split() if "." in a and not a.startswith("127.")]
    if not hosts:
        pytest.skip("this machine has no non-loopback IPv4 address to test against")
    listener = socket.create_server((hosts[0], 0))
    host, port = listener.getsockname()
    mini = MiniProject(tmp_path / "project")
    mini.snippet(
        "pt.py",
        "import socket\n\ntry:\n"
        f"    socket.create_connection(({host!r}, {port}), timeout=5)\n"
        "except OSError:\n    print('no network')\n",
    )
    config = dataclasses.replace(mini.config, no_network=True)
    snippet = discover(config)["demo"].snippets["pytorch"]
    book = _with_outputs(config, run_snippet(config, snippet), snippet)
    listener.close()
    assert book.cells[-1].outputs[0].text == "no network\n", book.cells[-1]


def test_colab_url():
    url = "https://colab.research.google.com/github/me/site/blob/notebooks/autograd/pt.ipynb"
    for repo in ("https://github.com/me/site", "https://github.com/me/site/"):
        assert colab_url(repo, "autograd/pt.ipynb") == url, repo
    assert colab_url("https://github.com/me/site.git", "autograd/pt.ipynb") == url
    for other in (None, "", "https://gitlab.com/me/site", "https://github.com/me", "x"):
        assert colab_url(other, "autograd/pt.ipynb") is None, other


def test_downloads_line_links_colab_where_the_repository_is_set(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("SIDEBYSIDE_EXECUTE", "0")
    site = load_config(str(ROOT / "mkdocs.yml"), repo_url="https://github.com/me/site")
    plugin = site.plugins["sidebyside"]
    plugin.on_config(site)
    plugin.state.topics, plugin.state.results = TOPICS, {}
    page = plugin.expand_page('{{ example("autograd") }}\n', "basics/autograd.md").markdown
    colab = "https://colab.research.google.com/github/me/site/blob/notebooks/autograd"
    for stem in ("pt", "tf"):
        expected = f"[notebook](../notebooks/autograd/{stem}.ipynb) · [Open in Colab]({colab}/"
        assert expected + f"{stem}.ipynb)" in page, f"no Colab link for autograd/{stem}.py"
    plain = Renderer(CONFIG, TOPICS, {}, "basics/autograd.md", execute=False)
    assert "Colab" not in plain.downloads("autograd", "pt.py"), "a Colab link without a repo"
