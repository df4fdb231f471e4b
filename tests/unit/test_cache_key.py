"""The cache key follows the imports and never depends on where the checkout lies."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from miniproject import MiniProject

from sidebyside.core.config import load_config
from sidebyside.core.discover import discover
from sidebyside.core.sections import imported_modules
from sidebyside.run import key
from sidebyside.run.key import project_files, runner_files, snippet_key


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


def test_every_module_the_runner_imports_is_part_of_the_key():
    code = (
        "import sys, sidebyside.run.runner\n"
        "print(*sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('sidebyside')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    package = Path(key.__file__).parents[1]
    imported = {Path(f) for f in loaded if Path(f).parent != package}  # Not sidebyside/*.py.
    hashed = set(runner_files())
    assert package / "run" / "runner.py" in imported and package / "run" / "launch.py" in hashed
    assert imported <= hashed, f"runner modules left out of the key: {imported - hashed}"
    assert not any(p.parent.name in ("content", "site") for p in imported), (
        "the runner imports a content/ or site/ module: it would run without being in the key"
    )


def test_changing_any_runner_module_changes_the_key(tmp_path):
    package = Path(shutil.copytree(Path(key.__file__).parents[1], tmp_path / "sidebyside"))
    before = key.runner_digest(package)
    files = runner_files(package)
    assert {p.parent.name for p in files} == {"core", "run"}, "the key hashes core/ and run/"
    for path in files:
        original = path.read_text()
        path.write_text(original + "\n# A change.\n")
        assert key.runner_digest(package) != before, f"changing {path.name} kept the key"
        path.write_text(original)
    assert key.runner_digest(package) == before
    (package / "run" / "new_module.py").write_text("# A module added to the runner.\n")
    assert key.runner_digest(package) != before, "a new runner module is not part of the key"
    (package / "run" / "new_module.py").unlink()
    (package / "content" / "render.py").write_text("# Content side: not the runner's.\n")
    (package / "site" / "plugin.py").write_text("# Site side: not the runner's.\n")
    assert key.runner_digest(package) == before, "a site module is part of the snippets' key"
