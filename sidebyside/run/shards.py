"""Split the snippets into N shares of about equal run time, for N machines.

`python -m sidebyside run --shard K/N` runs share K. The split is balanced by the run times the
cache recorded (longest first, each to the least loaded share); snippets with no recorded
time are spread evenly over the shares after that. Every machine computes the same split from
the same cache, so the shares are disjoint and together hold every snippet.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from sidebyside.core.config import Config
from sidebyside.core.discover import Snippet, snippet_id
from sidebyside.core.files import parse_timestamp


def parse_shard(text: str) -> tuple[int, int]:
    """Return (K, N) from "K/N", 1 <= K <= N; raise ValueError with the expected form."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise ValueError(f"--shard {text!r}: write it as K/N, e.g. 2/4") from None
    if not 1 <= k <= n:
        raise ValueError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def recorded_times(config: Config) -> dict[str, float]:
    """Return each snippet's latest recorded run time in seconds, by id `topic[framework]`.

    Read from the cache's result records, stale keys included: a changed snippet keeps the time
    of its earlier version until it runs again.
    """
    latest: dict[str, tuple[datetime.datetime, float]] = {}
    for record in config.cache.glob("*/result.json"):
        try:
            data = json.loads(record.read_text())
            sid, date, seconds = (
                snippet_id(data["topic"], data["framework"]),
                parse_timestamp(data["date"]),
                data["seconds"],
            )
        except (OSError, ValueError, KeyError, TypeError):
            continue  # An unreadable record is no timing.
        if sid not in latest or date > latest[sid][0]:
            latest[sid] = (date, float(seconds))
    return {sid: seconds for sid, (_, seconds) in latest.items()}


@dataclass
class Share:
    """One machine's snippets and their recorded seconds (unknown ones counted as 0)."""

    snippets: list[Snippet]
    seconds: float = 0.0
    unknown: int = 0


def split(snippets: list[Snippet], times: dict[str, float], n: int) -> list[Share]:
    """Split `snippets` into `n` shares: recorded ones longest first, then the rest evenly."""
    shares = [Share([]) for _ in range(n)]
    known = sorted((s for s in snippets if s.id in times), key=lambda s: (-times[s.id], s.id))
    for snippet in known:
        share = min(shares, key=lambda sh: sh.seconds)
        share.snippets.append(snippet)
        share.seconds += times[snippet.id]
    for snippet in sorted((s for s in snippets if s.id not in times), key=lambda s: s.id):
        share = min(shares, key=lambda sh: (sh.unknown, sh.seconds))
        share.snippets.append(snippet)
        share.unknown += 1
    return shares


def ideal_seconds(snippets: list[Snippet], times: dict[str, float], n: int) -> float:
    """Return the best any split could do: total / n, or the longest snippet if larger."""
    known = [times[s.id] for s in snippets if s.id in times]
    return max(sum(known) / n, max(known, default=0.0))
