"""Write and read a run report: the results of a test run on some device, e.g. a GPU runner."""

from __future__ import annotations

import json
from pathlib import Path

from sidebyside.core.errors import SnippetError
from sidebyside.core.files import timestamp, write_atomic
from sidebyside.core.results import Result


def write_report(path: Path, results: dict[str, Result], failures: dict[str, SnippetError]) -> None:
    """Write every snippet's outcome (passed or failed) with its device, versions and exports."""
    entries = {
        rid: {
            "status": "passed",
            "device": r.device,
            "version": r.version,
            "seconds": r.seconds,
            "date": r.date,
            "exports": r.exports,
        }
        for rid, r in results.items()
    }
    entries |= {rid: {"status": "failed", "message": str(e)[:2000]} for rid, e in failures.items()}
    report = {"date": timestamp(), "results": entries}
    write_atomic(path, json.dumps(report, indent=1, sort_keys=True))


def read_report(path: Path) -> dict | None:
    """Return a report written by `write_report`, or None when there is none."""
    if not path.is_file():
        return None
    try:
        report = json.loads(path.read_text())
    except ValueError as exc:
        raise ValueError(f"{path}: not a valid run report: {exc}") from exc
    if not isinstance(report.get("results"), dict):
        raise ValueError(f"{path}: not a valid run report: no 'results' table")
    return report
