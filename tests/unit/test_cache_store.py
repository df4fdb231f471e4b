"""The cache stores whole results only, and two writers of one key never corrupt it."""

from __future__ import annotations

import threading
from pathlib import Path

from miniproject import MiniProject

from sidebyside.core.results import Result
from sidebyside.run import cache


def _result(key: str, stdout: str) -> Result:
    return Result("demo", "pytorch", "snippets/demo/pt.py", key, stdout, "", 0.1, "today")


def _workdir(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "figure.svg").write_text(f"<svg>{name}</svg>")
    return folder


def test_store_then_load_round_trips(tmp_path):
    config = MiniProject(tmp_path / "project", timeout=3).config
    stored = cache.store(config, _result("k1", "out\n"), _workdir(tmp_path, "w"))
    loaded = cache.load(config, "k1")
    assert loaded is not None and loaded.stdout == "out\n" and loaded.cached
    assert Path(stored.folder, "files", "figure.svg").read_text() == "<svg>w</svg>"


def test_racing_writers_leave_one_complete_result(tmp_path):
    config = MiniProject(tmp_path / "project", timeout=3).config
    workdirs = [_workdir(tmp_path, f"w{n}") for n in range(8)]
    barrier = threading.Barrier(len(workdirs))

    def write(n: int) -> None:
        barrier.wait()
        cache.store(config, _result("same", f"writer {n}\n"), workdirs[n])

    threads = [threading.Thread(target=write, args=(n,)) for n in range(len(workdirs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    loaded = cache.load(config, "same")
    assert loaded is not None, "racing writers left no readable result"
    writer = loaded.stdout.split()[1]
    figure = Path(loaded.folder, "files", "figure.svg").read_text()
    assert figure == f"<svg>w{writer}</svg>", "the stored files belong to another writer"
    assert not list(config.cache.glob(".tmp-*")), "a staging folder was left behind"


def test_unreadable_result_is_a_miss(tmp_path):
    config = MiniProject(tmp_path / "project", timeout=3).config
    (config.cache / "broken").mkdir(parents=True)
    (config.cache / "broken" / cache.RESULT_FILE).write_text("{not json")
    assert cache.load(config, "broken") is None


def test_prune_drops_stale_results_only(tmp_path):
    config = MiniProject(tmp_path / "project", timeout=3).config
    cache.store(config, _result("current", "a\n"), _workdir(tmp_path, "a"))
    cache.store(config, _result("stale", "b\n"), _workdir(tmp_path, "b"))
    (config.cache / "notebooks" / "demo").mkdir(parents=True)
    (config.cache / "plots").mkdir()
    assert cache.prune(config, {"current"}) == 1
    left = sorted(p.name for p in config.cache.iterdir())
    assert left == ["current", "notebooks", "plots"], left
