"""Pages the build generates from the runs: the run status page and the gallery."""

from __future__ import annotations

import posixpath

from sidebyside.content.compare import agreements, max_difference
from sidebyside.content.layout import anchor, status_uri
from sidebyside.content.proofs import Claims
from sidebyside.core.config import Config
from sidebyside.core.discover import Topic
from sidebyside.core.report import read_report
from sidebyside.core.results import Result

# Reports of runs elsewhere, shown beside the build's own CPU runs: (column, device label,
# what a missing entry says). The GPU report comes from `nox -s gpu`, the canary report from
# `nox -s canary` (the newest releases of both frameworks, weekly).
GPU = ("GPU", "GPU", "no GPU run reported")
NEWEST = ("newest", "newest releases", "no run on the newest releases reported")


def _entry(report, snippet_id: str) -> dict | None:
    """Return a report's entry for one snippet, or None where the report has none."""
    return (report or {}).get("results", {}).get(snippet_id)


def _gap_to_cpu(topic: Topic, cpu: Result | None, entry: dict) -> float | None:
    """Largest difference between the CPU run and a reported run over the compared values."""
    shared = [n for n in topic.compare if cpu is not None and n in entry["exports"]]
    if not shared:
        return None
    return max(max_difference(cpu.exports[n], entry["exports"][n]) for n in shared)


def _report_row(
    config: Config, topic: Topic, fw_name: str, cpu: Result | None, report, kind: tuple
) -> str:
    """One detail row for a reported run (GPU or newest releases) of one snippet."""
    label, (_, device, missing) = config.framework(fw_name).label, kind
    entry = _entry(report, topic.snippets[fw_name].id)
    if entry is None:
        return f"| {label} | {device} | missing: {missing} | | | | |"
    if entry["status"] != "passed":
        first_line = entry.get("message", "").splitlines()[0] if entry.get("message") else ""
        return f"| {label} | {device} | **failed**: {first_line} | | | | {report['date']} |"
    verdict = ""
    if (worst := _gap_to_cpu(topic, cpu, entry)) is not None:
        ok = worst <= config.gpu_tolerance
        verdict = f"{'agrees' if ok else '**differs**'} with CPU: max {worst:.3g}"
    where = entry["device"] if kind is GPU else f"{device}, {entry['device']}"
    return (
        f"| {label} | {where} | passed | {entry['version']} | "
        f"{entry['seconds']:.1f} | {verdict} | {entry['date']} |"
    )


def _cpu_cell(topic: Topic, fw_name: str, results: dict[str, Result]) -> str:
    snippet = topic.snippets.get(fw_name)
    if snippet is None:
        return "n/a"
    if snippet.absent:
        return f"not run: needs {', '.join(snippet.absent)}"
    result = results.get(snippet.id)
    return f"✓ passed {result.seconds:.1f} s" if result else "**✗ not run**"


def _report_cell(topic: Topic, fw_name: str, cpu: Result | None, report, tolerance: float) -> str:
    """One summary cell for a reported run: passed (and agreement with CPU), failed, missing."""
    snippet = topic.snippets.get(fw_name)
    if snippet is None:
        return "n/a"
    entry = _entry(report, snippet.id)
    if entry is None:
        return "– missing"
    if entry["status"] != "passed":
        return "**✗ failed**"
    cell = f"✓ passed {entry['seconds']:.1f} s"
    if (worst := _gap_to_cpu(topic, cpu, entry)) is not None:
        cell += f", CPU {'agrees' if worst <= tolerance else '**differs**'} ({worst:.2g})"
    return cell


def _agreement_cell(topic: Topic, results: dict[str, Result]) -> str:
    found = agreements(topic, results)
    if not found:
        return ""
    worst = max(found, key=lambda a: a.max_difference / a.tolerance if a.tolerance else 0)
    mark = "✓" if all(a.agrees for a in found) else "**✗**"
    largest = f"largest {worst.max_difference:.2g} (≤ {worst.tolerance:g})"
    return f"{mark} {len(found)} value(s), {largest}"


def summary_table(
    config: Config, topics: dict[str, Topic], results: dict[str, Result], reports: dict
) -> list[str]:
    """One row per topic: each framework's CPU, GPU and newest-release runs, then agreement.

    `reports` maps GPU and NEWEST to their report (None where none was written).
    """
    header = ["Topic"]
    for fw in config.frameworks:
        header += [f"{fw.label} CPU"] + [f"{fw.label} {kind[0]}" for kind in reports]
    header.append("Agreement")
    lines = [
        '<input type="search" class="sbs-filter" data-filter="sbs-status" '
        'placeholder="Filter, e.g. q19, failed, missing" aria-label="Filter the topics">',
        "",
        '<div class="sbs-status" id="sbs-status" markdown>',
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for name, topic in topics.items():
        cells = [f"[`{name}`](#{anchor(name)})"]
        for fw in config.frameworks:
            cpu = topic.snippets.get(fw.name) and results.get(topic.snippets[fw.name].id)
            cells.append(_cpu_cell(topic, fw.name, results))
            cells += [
                _report_cell(topic, fw.name, cpu, report, config.gpu_tolerance)
                for report in reports.values()
            ]
        cells.append(_agreement_cell(topic, results))
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "</div>", ""]
    return lines


def claims_table(claims: dict[str, Claims]) -> list[str]:
    """Lines of a table: per page, the sentences proven by a run and those citing a source."""
    rows = [(uri, c) for uri, c in sorted(claims.items()) if c.asserted or c.sourced]
    lines = [
        "## Claims per page",
        "",
        "A sentence is *asserted* when it carries a proof mark, a link to the snippet line that "
        "asserts or prints it; *sourced* when it links a framework's source or documentation at a "
        "pinned version.",
        "",
        "| Page | Asserted | Sourced |",
        "|---|---:|---:|",
    ]
    lines += [f"| [{uri}]({uri}) | {c.asserted} | {c.sourced} |" for uri, c in rows]
    total_asserted = sum(c.asserted for _, c in rows)
    total_sourced = sum(c.sourced for _, c in rows)
    lines += [f"| All {len(rows)} pages | {total_asserted} | {total_sourced} |", ""]
    return lines


def status_page(
    config: Config,
    topics: dict[str, Topic],
    results: dict[str, Result],
    claims: dict[str, Claims] | None = None,
) -> str:
    """Markdown listing every topic's runs per framework and device, with CPU/GPU agreement.

    `claims` (by page path) adds the table of asserted and sourced sentences per page.
    """
    reports = {GPU: read_report(config.gpu_report), NEWEST: read_report(config.canary_report)}
    gpu, newest = reports[GPU], reports[NEWEST]
    gpu_note = (
        f"GPU results come from the report of the GPU test run of {gpu['date']}."
        if gpu
        else f"No GPU run has been reported (`{config.gpu_report.name}` is absent): "
        "GPU rows say *missing*."
    )
    newest_note = (
        f"The *newest* columns come from the weekly run of every example on the newest releases "
        f"of both frameworks, of {newest['date']}: a failure there is an example whose behaviour "
        "changed after the versions this site pins."
        if newest
        else f"No run on the newest releases has been reported (`{config.canary_report.name}` "
        "is absent): *newest* rows say *missing*."
    )
    lines = [
        "---",
        "hide: [toc]",
        "---",
        "",
        "# Run status",
        "",
        "Every example, per framework and device.",
        "CPU rows come from the build that produced this site; a failing CPU run stops the build.",
        gpu_note,
        f"Where a topic compares values, a GPU run must match the CPU run within "
        f"{config.gpu_tolerance:g}.",
        newest_note,
        "",
        *summary_table(config, topics, results, reports),
        *claims_table(claims or {}),
        "## Details per topic",
        "",
    ]
    header = "| Framework | Device | Status | Version | Seconds | Compared with CPU | Date |"
    for name, topic in topics.items():
        lines += [f"## {name} {{ #{anchor(name)} }}", "", header, "|---|---|---|---|---|---|---|"]
        for fw in config.frameworks:
            snippet = topic.snippets.get(fw.name)
            if snippet is None:
                reason = topic.missing.get(fw.name, "no snippet")
                lines.append(f"| {fw.label} | | not applicable: {reason} | | | | |")
                continue
            cpu = results.get(snippet.id)
            if cpu is None:
                why = f": needs {', '.join(snippet.absent)}" if snippet.absent else ""
                lines.append(f"| {fw.label} | | not run in this build{why} | | | | |")
            else:
                lines.append(
                    f"| {fw.label} | {cpu.device} | passed | {cpu.version} | "
                    f"{cpu.seconds:.1f} | | {cpu.date} |"
                )
            lines += [
                _report_row(config, topic, fw.name, cpu, report, kind)
                for kind, report in reports.items()
            ]
        lines.append("")
    return "\n".join(lines)


def gallery_page(
    config: Config,
    topics: dict[str, Topic],
    results: dict[str, Result],
    pages_of: dict[str, list[str]],
    thumbs: dict[str, str],
    downloads: dict[str, dict[str, tuple[str, str]]],
) -> str:
    """Markdown with one card per topic: thumbnail, page link, run times and downloads."""
    lines = [
        "# Gallery",
        "",
        "Every example on the site, with the figure it draws (or its first lines of code), "
        "its run time in each framework, and each file as a script or as a notebook that opens "
        "with the outputs of the build's run (code only for a file this build could not run).",
        "",
        '<div class="grid cards" markdown>',
        "",
    ]
    for name, topic in topics.items():
        page = pages_of.get(name, [None])[0]
        heading = f"[{topic.title}]({page})" if page else topic.title
        times = " · ".join(
            f"{config.framework(fw).label} {results[s.id].seconds:.1f} s"
            for fw, s in topic.snippets.items()
            if s.id in results
        )
        links = " · ".join(
            f"[{posixpath.basename(py)}]({py}) ([notebook]({nb}))"
            for py, nb in downloads.get(name, {}).values()
        )
        lines += [
            f"-   ![{name}]({thumbs[name]}){{ .sbs-thumb loading=lazy }}",
            "",
            f"    **{heading}**",
            "",
            f"    `{name}` · {times}",
            "",
            f"    {links} · [status]({status_uri(name)})",
            "",
        ]
    lines += ["</div>", ""]
    return "\n".join(lines)
