"""Command line: `python -m sidebyside run [TOPIC ...]` runs and caches snippets.

`--report PATH` also writes every outcome (device, versions, exports, failures) as JSON: the
GPU session writes `reports/gpu-status.json` this way, which the run status page shows.
`--shard K/N` runs share K of N (see shards.py), so that N machines fill one cache (a run also
records what each notebook cell shows); `missing` then says what a build would still run.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
from pathlib import Path

from sidebyside.content.compare import check_topics
from sidebyside.core.config import load_config
from sidebyside.core.discover import all_snippets, discover
from sidebyside.core.report import write_report
from sidebyside.run.cache import lookup, prune
from sidebyside.run.key import snippet_key
from sidebyside.run.runner import run_all
from sidebyside.run.shards import parse_shard, recorded_times, split


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m sidebyside")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run snippets (all, or the topics named) and cache them")
    run.add_argument("topics", nargs="*", help="topic names or prefixes, e.g. autograd q07")
    run.add_argument("--no-cache", action="store_true", help="run even when a result is stored")
    run.add_argument("--report", metavar="PATH", help="write every outcome to PATH as JSON")
    run.add_argument("--shard", metavar="K/N", help="run share K of N, balanced by run time")
    run.add_argument("--show", action="store_true", help="print each run's output and stderr")
    sub.add_parser("missing", help="list the snippets a build would still run")
    sub.add_parser("list", help="list topics and their snippet files")
    sub.add_parser("prune", help="delete stored results no current snippet uses")
    args = parser.parse_args(argv)
    # Progress lines (done/total, elapsed, time left) and warnings, one line each.
    logging.basicConfig(level=logging.INFO, format="%(message)s")

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

    if args.command == "missing":
        return _missing(config, topics)

    chosen = {
        name: topic
        for name, topic in topics.items()
        if not args.topics or any(name.startswith(prefix) for prefix in args.topics)
    }
    if not chosen:
        parser.error(f"no topic matches {args.topics}")
    if args.shard:
        try:
            k, n = parse_shard(args.shard)
        except ValueError as exc:
            parser.error(str(exc))
        chosen = _share(config, chosen, k, n)
    results, failures = run_all(config, all_snippets(chosen), not args.no_cache)
    if args.report:
        write_report(Path(args.report), results, failures)
    for result in results.values():
        origin = "cached" if result.cached else f"ran in {result.seconds:.1f} s"
        print(f"ok    {result.id}: {origin}, {result.device}")
        if args.show:
            print(result.stdout.rstrip(), file=sys.stdout)
            if result.stderr.strip():
                print("--- stderr ---\n" + result.stderr.rstrip())
    for error in failures.values():
        print(f"FAIL  {error}", file=sys.stderr)
    problems = check_topics(chosen, results)
    for problem in problems:
        print(f"DISAGREE  {problem}", file=sys.stderr)
    return 1 if failures or problems else 0


def _share(config, topics: dict, k: int, n: int) -> dict:
    """Return `topics` holding only the snippets of share `k` of `n`."""
    times = recorded_times(config)
    share = split(all_snippets(topics), times, n)[k - 1]
    ids = {s.id for s in share.snippets}
    print(
        f"shard {k}/{n}: {len(ids)} snippet(s), {share.seconds:.0f} s recorded, "
        f"{share.unknown} without a recorded time"
    )
    kept = {
        name: dataclasses.replace(
            topic, snippets={fw: s for fw, s in topic.snippets.items() if s.id in ids}
        )
        for name, topic in topics.items()
    }
    return {name: topic for name, topic in kept.items() if topic.snippets}


def _missing(config, topics: dict) -> int:
    """Print each snippet without a stored result; return 1 if there is one.

    Notebooks take their outputs from these results, so none is ever missing on its own.
    """
    absent = []
    for snippet in all_snippets(topics):
        if snippet.absent:
            continue
        _, stored = lookup(config, snippet)
        if stored is None:
            absent.append(f"snippet  {snippet.path.relative_to(config.root)} [{snippet.framework}]")
    for line in absent:
        print(line)
    print(f"{len(absent)} missing: a build would run {'them' if absent else 'nothing'}")
    return 1 if absent else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ValueError as exc:  # A settings or topic.toml error: one line, no traceback.
        sys.exit(f"error: {exc}")
