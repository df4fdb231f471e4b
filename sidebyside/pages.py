"""Pages the build generates from the runs: the run status page and the gallery."""

from __future__ import annotations

import posixpath

from sidebyside.compare import max_difference
from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.render import STATUS_PAGE, anchor
from sidebyside.report import read_report
from sidebyside.results import Result

GALLERY_PAGE = "gallery.md"


def _gpu_row(config: Config, topic: Topic, fw_name: str, cpu: Result | None, report) -> str:
    label = config.framework(fw_name).label
    snippet_id = topic.snippets[fw_name].id
    entry = (report or {}).get("results", {}).get(snippet_id)
    if entry is None:
        return f"| {label} | GPU | missing: no GPU run reported | | | | |"
    if entry["status"] != "passed":
        first_line = entry.get("message", "").splitlines()[0] if entry.get("message") else ""
        return f"| {label} | GPU | **failed**: {first_line} | | | | {report['date']} |"
    verdict = ""
    if topic.compare and cpu is not None:
        worst = max(
            max_difference(cpu.exports[n], entry["exports"][n])
            for n in topic.compare
            if n in entry["exports"]
        )
        ok = worst <= config.gpu_tolerance
        verdict = f"{'agrees' if ok else '**differs**'} with CPU: max {worst:.3g}"
    return (
        f"| {label} | {entry['device']} | passed | {entry['version']} | "
        f"{entry['seconds']:.1f} | {verdict} | {entry['date']} |"
    )


def status_page(config: Config, topics: dict[str, Topic], results: dict[str, Result]) -> str:
    """Markdown listing every topic's runs per framework and device, with CPU/GPU agreement."""
    report = read_report(config.gpu_report) if config.gpu_report else None
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
        "with the outputs of the build's run.",
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
            f"    {links} · [status]({STATUS_PAGE}#{anchor(name)})",
            "",
        ]
    lines += ["</div>", ""]
    return "\n".join(lines)
