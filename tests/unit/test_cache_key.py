"""The cache key follows the imports and never depends on where the checkout lies."""

from __future__ import annotations

import shutil

from miniproject import MiniProject

from sidebyside.config import load_config
from sidebyside.discover import discover
from sidebyside.key import imported_modules, project_files, snippet_key


def test_imported_modules_finds_every_form():
    source = "import a.b\nfrom c.d import e\nfrom . import f\nimport g as h\n"
    assert imported_modules(source) == {"a", "c", "g"}


def test_project_files_are_followed_transitively(tmp_path):
    mini = MiniProject(tmp_path / "project", timeout=3)
    (mini.root / "helper.py").write_text("import deeper\n")
    (mini.root / "deeper.py").write_text("VALUE = 1\n")
    found = project_files(mini.config, "import helper\n")
    assert [p.name for p in found] == ["helper.py", "deeper.py"]


def _key(root):
    config = load_config(root)
    return snippet_key(config, discover(config)["demo"].snippets["pytorch"])


def test_key_is_the_same_in_a_clone_at_another_path(tmp_path):
    mini = MiniProject(tmp_path / "one" / "project", timeout=3)
    (mini.root / "helper.py").write_text("VALUE = 1\n")
    mini.snippet("pt.py", "import helper\nprint(helper.VALUE)\n")
    clone = tmp_path / "elsewhere" / "deeper" / "project"
    shutil.copytree(mini.root, clone)
    assert _key(mini.root) == _key(clone), "the key depends on the checkout's absolute path"
    (clone / "helper.py").write_text("VALUE = 2\n")
    assert _key(mini.root) != _key(clone), "an imported project file is not part of the key"
