"""Align the lines of two files that mirror each other, for the side-by-side view.

The alignment is a global one (Needleman-Wunsch) over lines: two lines may share a row when they
are similar enough, a line with no counterpart faces a filler row on the other side. The view
shades the rows whose two lines differ.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

PAIR_THRESHOLD = 0.3  # Lines less similar than this never share a row.
MIRROR_THRESHOLD = 0.5  # Below this share of paired lines, the files are shown unaligned.
_WORD = re.compile(r"[A-Za-z_]\w*")  # Names and keywords: what two mirrored lines share.


@dataclass(frozen=True)
class Alignment:
    """Rows of (left line number, right line number), 1-based; None marks a filler row."""

    rows: tuple[tuple[int | None, int | None], ...]
    left_lines: int
    right_lines: int
    differ_left: tuple[int, ...]  # Paired lines that differ from their counterpart.
    differ_right: tuple[int, ...]

    @property
    def mirrored(self) -> bool:
        """Whether enough lines pair up for an aligned view to help the reader."""
        paired = sum(1 for a, b in self.rows if a is not None and b is not None)
        return paired >= MIRROR_THRESHOLD * max(self.left_lines, self.right_lines, 1)

    def fillers(self, side: int) -> dict[int, int]:
        """Return, for one side (0 left, 1 right), filler rows to insert after each line.

        Key 0 means before the first line.
        """
        gaps: dict[int, int] = {}
        last = 0
        for row in self.rows:
            if row[side] is None:
                gaps[last] = gaps.get(last, 0) + 1
            else:
                last = row[side]
        return gaps


def _similarity(a: Counter, b: Counter) -> float:
    """Dice coefficient of the two lines' token multisets; two blank lines are alike."""
    if not a and not b:
        return 1.0
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    common = sum(min(a[token], b[token]) for token in shared)
    return 2 * common / (a.total() + b.total())


@functools.lru_cache(maxsize=512)  # A serve rebuild meets the same pairs again.
def align(left: str, right: str) -> Alignment:
    """Align the lines of `left` and `right`, maximising the similarity of paired lines."""
    a, b = left.splitlines(), right.splitlines()
    n, m = len(a), len(b)
    tokens_a = [Counter(_WORD.findall(line)) for line in a]
    tokens_b = [Counter(_WORD.findall(line)) for line in b]
    sim = [[_similarity(x, y) for y in tokens_b] for x in tokens_a]
    # score[i][j]: best total over a[:i], b[:j]; a pair gains its similarity above the threshold.
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        move[i][0] = "up"
    for j in range(1, m + 1):
        move[0][j] = "left"
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best, how = score[i - 1][j], "up"
            if score[i][j - 1] > best:
                best, how = score[i][j - 1], "left"
            gain = sim[i - 1][j - 1] - PAIR_THRESHOLD
            if gain > 0 and score[i - 1][j - 1] + gain >= best:
                best, how = score[i - 1][j - 1] + gain, "pair"
            score[i][j], move[i][j] = best, how
    rows: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        how = move[i][j]
        if how == "pair":
            rows.append((i, j))
            i, j = i - 1, j - 1
        elif how == "up":
            rows.append((i, None))
            i -= 1
        else:
            rows.append((None, j))
            j -= 1
    rows.reverse()
    paired = [(x, y) for x, y in rows if x is not None and y is not None]
    differ = [(x, y) for x, y in paired if a[x - 1].strip() != b[y - 1].strip()]
    return Alignment(
        tuple(rows),
        n,
        m,
        tuple(x for x, _ in differ) + tuple(x for x, y in rows if y is None),
        tuple(y for _, y in differ) + tuple(y for x, y in rows if x is None),
    )
