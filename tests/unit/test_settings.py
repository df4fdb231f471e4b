"""Settings are validated once: unknown keys and bad values fail naming file, key and fix."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from miniproject import MiniProject

from sidebyside.core.config import load_config, read_environment
from sidebyside.core.discover import discover


@pytest.fixture
def mini(tmp_path):
    return MiniProject(tmp_path / "project", timeout=3)


def test_unknown_project_key_names_file_key_and_nearest(mini):
    pyproject = mini.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("timeout =", "timout ="))
    with pytest.raises(ValueError) as info:
        load_config(mini.root)
    message = str(info.value)
    assert str(pyproject) in message and "'timout'" in message, message
    assert "did you mean 'timeout'?" in message, message


def test_unknown_framework_key_is_reported(mini):
    pyproject = mini.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('label = "PyTorch"', 'lable = "PyTorch"'))
    with pytest.raises(ValueError, match=r"frameworks: unknown key 'lable'; did you mean 'label'"):
        load_config(mini.root)


def test_unknown_topic_key_names_the_topic_file(mini):
    meta = mini.root / "snippets/demo/topic.toml"
    meta.write_text("timout = 60\n")
    with pytest.raises(ValueError) as info:
        discover(mini.config)
    assert f"{meta}: unknown key 'timout'; did you mean 'timeout'?" == str(info.value)


def test_every_topic_of_the_site_uses_known_keys():
    ROOT = Path(__file__).resolve().parents[2]

    from sidebyside.core.config import load_config

    config = load_config(ROOT)
    found = discover(config)  # Raises on an unknown key in any topic.toml.
    folders = {
        p.parent.name
        for name in ("pt.py", "tf.py")
        for p in config.snippets.glob(f"*/{name}")
        if not p.parent.name.startswith("_")
    }
    assert set(found) == folders, f"folders discovery left out: {sorted(folders - set(found))}"


def test_environment_is_read_in_one_place():
    env = {
        "SIDEBYSIDE_JOBS": "3",
        "SIDEBYSIDE_TIMEOUT": "7.5",
        "SIDEBYSIDE_EXECUTE": "0",
        "SIDEBYSIDE_PRELOAD": "0",
        "SIDEBYSIDE_NO_NETWORK": "1",
        "SIDEBYSIDE_REQUIRE_GPU": "1",
        "SIDEBYSIDE_CACHE": "/tmp/x",
    }
    values = read_environment(env)
    assert values["jobs"] == 3 and values["timeout"] == 7.5
    assert values["execute"] is False and values["preload"] is False
    assert values["no_network"] is True and values["require_gpu"] is True
    assert str(values["cache"]) == "/tmp/x"
    assert read_environment({}) == {}, "unset variables must leave the defaults alone"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"SIDEBYSIDE_EXECUTE": "no"}, "SIDEBYSIDE_EXECUTE='no': set it to 0 or 1"),
        ({"SIDEBYSIDE_JOBS": "two"}, "SIDEBYSIDE_JOBS='two': not a number"),
        ({"SIDEBYSIDE_EXECUT": "0"}, "unknown environment variable SIDEBYSIDE_EXECUT; did you"),
    ],
)
def test_bad_environment_values_fail_clearly(env, expected):
    with pytest.raises(ValueError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        read_environment(env)


def test_overrides_beat_the_environment(mini, monkeypatch):
    monkeypatch.setenv("SIDEBYSIDE_JOBS", "5")
    assert load_config(mini.root).jobs == 5
    assert load_config(mini.root, jobs=1).jobs == 1


def test_a_topic_value_of_the_wrong_type_names_file_and_key(tmp_path):
    mini = MiniProject(tmp_path / "project", timeout=3)
    meta = mini.root / "snippets" / "demo" / "topic.toml"
    meta.write_text('timeout = "60"\n')
    with pytest.raises(ValueError) as info:
        discover(mini.config)
    assert str(info.value) == f"{meta}: timeout must be a number, not '60'"
    meta.write_text("[compare]\nvalue = true\n")
    with pytest.raises(ValueError, match=r"topic.toml: \[compare\] value must be a number"):
        discover(mini.config)


def test_a_translation_row_key_typo_is_reported_like_any_other(tmp_path):
    from sidebyside.content.translation import _row

    row = {
        "id": "zeros", "group": "tensors", "category": "same", "pytorch": "torch.zeros(2)",
        "tensorflow": "tf.zeros(2)", "note": "Same.", "find_pytorh": "zeros",
    }  # fmt: skip
    with pytest.raises(ValueError, match=r"unknown key 'find_pytorh'; did you mean 'find_pytorch'"):
        _row(tmp_path / "rows.toml", 1, row, {"tensors": "Tensors"})


def test_every_variable_the_project_names_is_a_known_one():
    """A SIDEBYSIDE_* variable that a test, tool or workflow sets must not stop the runner."""
    root = Path(__file__).resolve().parents[2]
    files = subprocess.run(
        ["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True
    ).stdout.split()
    typos = {"SIDEBYSIDE_EXECUT", "SIDEBYSIDE_JOBZ"}  # Misspelt on purpose by the tests.
    named = {
        (name, path)
        for path in files
        if path.endswith((".py", ".yml", ".toml", ".md")) or path == ".ci/run"
        for name in re.findall(r"SIDEBYSIDE_[A-Z_]*[A-Z]", (root / path).read_text())
        if name not in typos
    }
    assert len({name for name, _ in named}) >= 8, f"found too few variables: {named}"
    for name, path in sorted(named):
        try:
            read_environment({name: "1"})
        except ValueError as error:
            assert "unknown environment variable" not in str(error), f"{path} names {error}"
