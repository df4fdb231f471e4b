"""Shards: disjoint, covering, balanced by recorded run times, new snippets spread evenly."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from miniproject import MiniProject

from sidebyside.core.discover import Snippet
from sidebyside.run.shards import ideal_seconds, parse_shard, recorded_times, split


def _snippets(count: int) -> list[Snippet]:
    return [
        Snippet(f"t{i:03d}", fw, Path(f"t{i:03d}/{fw}.py"), 60)
        for i in range(count)
        for fw in ("pt", "tf")
    ]


def _ids(share) -> set[str]:
    return {s.id for s in share.snippets}


@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_shares_are_disjoint_and_cover_every_snippet(n):
    snippets = _snippets(40)
    times = {s.id: 1.0 + i % 7 for i, s in enumerate(snippets) if i % 5}  # Some never timed.
    shares = split(snippets, times, n)
    assert len(shares) == n
    seen = [sid for share in shares for sid in _ids(share)]
    assert len(seen) == len(set(seen)), "a snippet is in two shares"
    assert set(seen) == {s.id for s in snippets}, "a snippet is in no share"


@pytest.mark.parametrize("n", [2, 4, 8])
def test_recorded_times_balance_within_a_fifth_of_the_ideal(n):
    # Run times shaped like the site's: many seconds-long snippets, a few minute-long ones.
    rng = random.Random(n)
    snippets = _snippets(80)
    times = {s.id: rng.lognormvariate(1.5, 0.9) for s in snippets}
    shares = split(snippets, times, n)
    ideal = ideal_seconds(snippets, times, n)
    largest = max(share.seconds for share in shares)
    assert largest <= 1.2 * ideal, f"N={n}: largest share {largest:.1f} s, ideal {ideal:.1f} s"


def test_a_long_snippet_sets_the_ideal():
    snippets = _snippets(3)
    times = {s.id: 1.0 for s in snippets} | {snippets[0].id: 100.0}
    assert ideal_seconds(snippets, times, 4) == 100.0
    shares = split(snippets, times, 4)
    assert max(share.seconds for share in shares) == 100.0


def test_new_snippets_spread_evenly():
    snippets = _snippets(10)  # 20 snippets, none timed.
    counts = sorted(len(share.snippets) for share in split(snippets, {}, 3))
    assert counts == [6, 7, 7]


def test_every_machine_computes_the_same_split():
    snippets = _snippets(30)
    times = {s.id: float(i % 9) for i, s in enumerate(snippets)}
    first = [_ids(share) for share in split(snippets, times, 4)]
    again = [_ids(share) for share in split(list(reversed(snippets)), dict(times), 4)]
    assert first == again


def test_parse_shard_reads_k_of_n_and_rejects_the_rest():
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "2", "a/b", "2/4/1"):
        with pytest.raises(ValueError, match="--shard"):
            parse_shard(bad)


def test_recorded_times_keep_the_latest_record_and_skip_unreadable_ones(tmp_path):
    config = MiniProject(tmp_path / "project", timeout=3).config
    records = {
        "old": {"topic": "a", "framework": "pt", "date": "2026-01-01 10:00 UTC", "seconds": 9.0},
        "new": {"topic": "a", "framework": "pt", "date": "2026-02-01 10:00 UTC", "seconds": 2.5},
        "tf": {"topic": "a", "framework": "tf", "date": "2026-01-01 10:00 UTC", "seconds": 4.0},
    }
    for key, record in records.items():
        (config.cache / key).mkdir(parents=True)
        (config.cache / key / "result.json").write_text(json.dumps(record))
    (config.cache / "broken").mkdir()
    (config.cache / "broken" / "result.json").write_text("{not json")
    assert recorded_times(config) == {"a[pt]": 2.5, "a[tf]": 4.0}
