"""Notebooks: one cell per section, a version cell, helper modules, execution, Colab links."""

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

from sidebyside import mkdocs_hook, notebook, publish
from sidebyside.discover import Snippet
from sidebyside.layout import colab_url
from sidebyside.notebook import (
    NotebookFailures,
    NotebookJob,
    build_notebook,
    execute_notebooks,
    snippet_cells,
    split_cells,
)
from sidebyside.processes import network_prefix
from sidebyside.render import Renderer, strip_markers

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
    for path in (notebook.__file__, notebook.EXECUTOR):
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
    files, links, executed = publish.downloads(config, TOPICS, {})
    assert executed.ran == executed.cached == 0, "notebooks ran without a snippet run"
    stages = TOPICS["pipeline-stages"].snippets["pytorch"]
    book = nbformat.read(files[links["pipeline-stages"]["pytorch"][1]], as_version=4)
    assert all(not c.get("outputs") for c in book.cells), "a notebook without a run has outputs"
    writes = [c.source for c in book.cells if c.source.startswith("%%writefile mnist_data.py")]
    assert writes, f"the notebook of {stages.path} does not write mnist_data.py"
    loader = publish.mnist_files(None)["downloads/mnist_data.py"]
    assert writes[0] == f"%%writefile mnist_data.py\n{loader.rstrip()}", "not the downloaded file"
    assert "not run by this build" in book.cells[0].source.lower()


def _job(config, topic: str, code: str, timeout: float = 60) -> NotebookJob:
    path = config.root / "snippets" / topic / "pt.py"
    path.parent.mkdir(parents=True)
    path.write_text(code)
    snippet = Snippet(topic, "pytorch", path, timeout)
    book = build_notebook(f"snippets/{topic}/pt.py", code, topic, (), note="Pending.")
    return NotebookJob(f"notebooks/{topic}/pt.ipynb", snippet, f"key-{topic}", "cpu", book)


def test_real_snippet_executes_once_then_comes_from_the_cache(tmp_path, monkeypatch):
    config = dataclasses.replace(CONFIG, cache=tmp_path)
    snippet = TOPICS["autograd"].snippets["pytorch"]
    code = strip_markers(snippet.path.read_text())
    preload = CONFIG.framework("pytorch").preload
    book = build_notebook("snippets/autograd/pt.py", code, "Autograd", preload, note="Pending.")
    job = NotebookJob("notebooks/autograd/pt.ipynb", snippet, "k", "cpu: test", book)
    first = execute_notebooks(config, [job])
    assert (first.ran, first.cached) == (1, 0)
    executed = first.notebooks[job.uri]
    assert "on 20" in executed.cells[0].source and "(cpu: test)" in executed.cells[0].source
    versions = executed.cells[1].outputs[0].text
    assert versions.startswith("Python 3.") and "torch" in versions, versions
    for cell in executed.cells[2:]:
        if cell.cell_type == "code" and "print(" in cell.source:
            streams = [o for o in cell.outputs if o.get("name") == "stdout"]
            assert streams, f"{snippet.path}: cell without its printed output: {cell.source}"
    assert list((tmp_path / "k").glob("notebook-*.ipynb")), "the execution was not stored"
    second = execute_notebooks(config, [job])
    assert (second.ran, second.cached) == (0, 1), "an unchanged notebook executed again"
    assert second.notebooks[job.uri] == executed
    monkeypatch.setattr(notebook, "executor_digest", lambda: "a changed executor")
    assert notebook._stored_path(config, job) not in (tmp_path / "k").iterdir()


def test_failing_cells_name_the_notebook_file_and_framework(tmp_path):
    config = dataclasses.replace(CONFIG, root=tmp_path, cache=tmp_path / "cache")
    broken = _job(config, "broken", 'x = 1\n\n# Then.\nraise ValueError("broken on purpose")\n')
    slow = _job(config, "slow", "import time\n\ntime.sleep(60)\n", timeout=3)
    with pytest.raises(NotebookFailures) as caught:
        execute_notebooks(config, [broken, slow])
    message = str(caught.value)
    assert message.startswith("2 notebook(s) failed"), message
    for expected in (
        "snippets/broken/pt.py [pytorch] notebook notebooks/broken/pt.ipynb failed",
        "cell 5 of 5",
        "ValueError: broken on purpose",
        "snippets/slow/pt.py [pytorch] notebook notebooks/slow/pt.ipynb failed",
        "timed out after 3 s",
    ):
        assert expected in message, f"{expected!r} missing from:\n{message}"
    assert not list(config.cache.rglob("*.ipynb")), "a failed execution was stored"


def test_offline_notebooks_have_loopback_only(tmp_path):
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
    config = dataclasses.replace(CONFIG, root=tmp_path, cache=tmp_path / "cache", offline=True)
    code = (
        "import socket\n\ntry:\n"
        f"    socket.create_connection(({host!r}, {port}), timeout=5)\n"
        "except OSError:\n    print('no network')\n"
    )
    job = _job(config, "offline", code)
    executed = execute_notebooks(config, [job]).notebooks[job.uri]
    listener.close()
    assert executed.cells[-1].outputs[0].text == "no network\n", executed.cells[-1]


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
    mkdocs_hook.on_config(site)
    state = mkdocs_hook._state()
    state.topics, state.results = TOPICS, {}
    page = mkdocs_hook._expand('{{ example("autograd") }}\n', "basics/autograd.md").markdown
    colab = "https://colab.research.google.com/github/me/site/blob/notebooks/autograd"
    for stem in ("pt", "tf"):
        expected = f"[notebook](../notebooks/autograd/{stem}.ipynb) · [Open in Colab]({colab}/"
        assert expected + f"{stem}.ipynb)" in page, f"no Colab link for autograd/{stem}.py"
    plain = Renderer(CONFIG, TOPICS, {}, "basics/autograd.md", execute=False)
    assert "Colab" not in plain.downloads("autograd", "pt.py"), "a Colab link without a repo"
