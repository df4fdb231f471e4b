"""Pages the build generates from the runs: the run status page and the gallery."""

from __future__ import annotations

import posixpath

from sidebyside.compare import agreements, max_difference
from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.layout import anchor, status_uri
from sidebyside.proofs import Claims
from sidebyside.report import read_report
from sidebyside.results import Result


def _gpu_entry(report, snippet_id: str) -> dict | None:
    """Return the GPU report's entry for one snippet, or None where no GPU run is reported."""
    return (report or {}).get("results", {}).get(snippet_id)


def _cpu_gpu_gap(topic: Topic, cpu: Result | None, entry: dict) -> float | None:
    """Largest difference between the CPU and GPU runs over the compared values (None: none)."""
    shared = [n for n in topic.compare if cpu is not None and n in entry["exports"]]
    if not shared:
        return None
    return max(max_difference(cpu.exports[n], entry["exports"][n]) for n in shared)


def _gpu_row(config: Config, topic: Topic, fw_name: str, cpu: Result | None, report) -> str:
    label = config.framework(fw_name).label
    entry = _gpu_entry(report, topic.snippets[fw_name].id)
    if entry is None:
        return f"| {label} | GPU | missing: no GPU run reported | | | | |"
    if entry["status"] != "passed":
        first_line = entry.get("message", "").splitlines()[0] if entry.get("message") else ""
        return f"| {label} | GPU | **failed**: {first_line} | | | | {report['date']} |"
    verdict = ""
    if (worst := _cpu_gpu_gap(topic, cpu, entry)) is not None:
        ok = worst <= config.gpu_tolerance
        verdict = f"{'agrees' if ok else '**differs**'} with CPU: max {worst:.3g}"
    return (
        f"| {label} | {entry['device']} | passed | {entry['version']} | "
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


def _gpu_cell(topic: Topic, fw_name: str, cpu: Result | None, report, tolerance: float) -> str:
    snippet = topic.snippets.get(fw_name)
    if snippet is None:
        return "n/a"
    entry = _gpu_entry(report, snippet.id)
    if entry is None:
        return "– missing"
    if entry["status"] != "passed":
        return "**✗ failed**"
    cell = f"✓ passed {entry['seconds']:.1f} s"
    if (worst := _cpu_gpu_gap(topic, cpu, entry)) is not None:
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
    config: Config, topics: dict[str, Topic], results: dict[str, Result], report
) -> list[str]:
    """One row per topic: each framework's CPU and GPU run, then the frameworks' agreement."""
    header = ["Topic"]
    for fw in config.frameworks:
        header += [f"{fw.label} CPU", f"{fw.label} GPU"]
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
            cells.append(_gpu_cell(topic, fw.name, cpu, report, config.gpu_tolerance))
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
    report = read_report(config.gpu_report)
    gpu_note = (
        f"GPU results come from the report of the GPU test run of {report['date']}."
        if report
        else f"No GPU run has been reported (`{config.gpu_report.name}` is absent): "
        "GPU rows say *missing*."
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
        "",
        *summary_table(config, topics, results, report),
        *claims_table(claims or {}),
        "## Details per topic",
        "",
    ]
    header = "| Framework | Device | Status | Version | Seconds | CPU/GPU | Date |"
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
            lines.append(_gpu_row(config, topic, fw.name, cpu, report))
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
