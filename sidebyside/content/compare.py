"""Check that the frameworks of a topic computed the same exported values, within tolerance."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sidebyside.core.discover import Topic
from sidebyside.core.results import Result


@dataclass(frozen=True)
class Agreement:
    """The comparison of one exported name across two frameworks."""

    topic: str
    name: str
    frameworks: tuple[str, str]
    tolerance: float
    max_difference: float  # math.inf when shapes or non-numeric values differ.

    @property
    def agrees(self) -> bool:
        """Return whether the largest difference is within the tolerance."""
        return self.max_difference <= self.tolerance

    def __str__(self) -> str:
        first, second = self.frameworks
        verdict = "agree" if self.agrees else "DISAGREE"
        return (
            f"{self.topic}: {first} and {second} {verdict} on {self.name!r}: "
            f"max |difference| {self.max_difference:.3g}, tolerance {self.tolerance:g}"
        )


def max_difference(a: object, b: object) -> float:
    """Return the largest absolute difference between two nested values (inf on a mismatch)."""
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return math.inf
        return max((max_difference(x, y) for x, y in zip(a, b, strict=True)), default=0.0)
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return math.inf
        return max((max_difference(a[k], b[k]) for k in a), default=0.0)
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers):
        return abs(float(a) - float(b))
    return 0.0 if a == b else math.inf


def agreements(topic: Topic, results: dict[str, Result]) -> list[Agreement]:
    """Compare every `[compare]` name of `topic` between the frameworks that have a result."""
    ran = [results[s.id] for s in topic.snippets.values() if s.id in results]
    found = []
    for name, tolerance in topic.compare.items():
        for first, second in zip(ran, ran[1:], strict=False):
            difference = max_difference(first.exports[name], second.exports[name])
            pair = (first.framework, second.framework)
            found.append(Agreement(topic.name, name, pair, tolerance, difference))
    return found


def check_topics(topics: dict[str, Topic], results: dict[str, Result]) -> list[str]:
    """Return one message per disagreement across all `topics`."""
    return [str(a) for t in topics.values() for a in agreements(t, results) if not a.agrees]
