"""Pages the build generates from the runs: the status page."""

from __future__ import annotations

from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.render import STATUS_PAGE
from sidebyside.results import Result


def status_page(config: Config, topics: dict[str, Topic], results: dict[str, Result]) -> str:
    """Markdown listing every topic's runs: status, device, versions, time and date."""
    lines = [
        "# Run status",
        "",
        "Every example on this site, as run by the build that produced this page.",
        "",
    ]
    for name, topic in topics.items():
        lines += [f"### {name}", "", "| Framework | Status | Device | Version | Seconds | Date |"]
        lines.append("|---|---|---|---|---|---|")
        for fw in config.frameworks:
            snippet = topic.snippets.get(fw.name)
            if snippet is None:
                reason = topic.missing.get(fw.name, "no snippet")
                lines.append(f"| {fw.label} | not applicable: {reason} | | | | |")
            elif (result := results.get(snippet.id)) is None:
                lines.append(f"| {fw.label} | not run in this build | | | | |")
            else:
                lines.append(
                    f"| {fw.label} | passed | {result.device} | {result.version} | "
                    f"{result.seconds:.1f} | {result.date} |"
                )
        lines.append("")
    return "\n".join(lines)


def generate(config: Config, topics: dict[str, Topic], results: dict[str, Result]) -> dict:
    """Return generated pages by their path under docs/."""
    return {STATUS_PAGE: status_page(config, topics, results)}
