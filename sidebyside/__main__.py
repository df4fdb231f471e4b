"""Command line: `python -m sidebyside run [TOPIC ...]` runs and caches snippets.

`--report PATH` also writes every outcome (device, versions, exports, failures) as JSON: the
GPU session writes `reports/gpu-status.json` this way, which the run status page shows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sidebyside.cache import prune
from sidebyside.compare import check_topics
from sidebyside.config import load_config
from sidebyside.discover import all_snippets, discover
from sidebyside.key import snippet_key
from sidebyside.report import write_report
from sidebyside.run import run_all


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m sidebyside")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run snippets (all, or the topics named) and cache them")
    run.add_argument("topics", nargs="*", help="topic names or prefixes, e.g. autograd q07")
    run.add_argument("--no-cache", action="store_true", help="run even when a result is stored")
    run.add_argument("--report", metavar="PATH", help="write every outcome to PATH as JSON")
    sub.add_parser("list", help="list topics and their snippet files")
    sub.add_parser("prune", help="delete stored results no current snippet uses")
    args = parser.parse_args(argv)

    config = load_config()
    topics = discover(config)
    if args.command == "list":
        for name, topic in topics.items():
            print(name, " ".join(sorted(topic.snippets)))
        return 0
    if args.command == "prune":
        keep = {snippet_key(config, s) for s in all_snippets(topics)}
        print(f"removed {prune(config, keep)} stored result(s)")
        return 0

    chosen = {
        name: topic
        for name, topic in topics.items()
        if not args.topics or any(name.startswith(prefix) for prefix in args.topics)
    }
    if not chosen:
        parser.error(f"no topic matches {args.topics}")
    results, failures = run_all(config, all_snippets(chosen), not args.no_cache)
    if args.report:
        write_report(Path(args.report), results, failures)
    for result in results.values():
        origin = "cached" if result.cached else f"ran in {result.seconds:.1f} s"
        print(f"ok    {result.id}: {origin}, {result.device}")
    for error in failures.values():
        print(f"FAIL  {error}", file=sys.stderr)
    problems = check_topics(chosen, results)
    for problem in problems:
        print(f"DISAGREE  {problem}", file=sys.stderr)
    return 1 if failures or problems else 0


if __name__ == "__main__":
    sys.exit(main())
