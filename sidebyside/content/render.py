"""Turn topics and their results into Material for MkDocs markdown (tabs, outputs, figures)."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from sidebyside.content.align import align
from sidebyside.content.compare import agreements
from sidebyside.content.layout import (
    GALLERY_PAGE,
    MNIST_LOADER,
    STATUS_PAGE,
    artefact_uri,
    colab_url,
    download_uris,
    example_anchor,
    output_uri,
    plot_uri,
    status_uri,
)
from sidebyside.content.plot import line_plot
from sidebyside.content.proofs import Marker, markers
from sidebyside.content.translation import translation_handlers
from sidebyside.core.config import Config
from sidebyside.core.discover import Topic
from sidebyside.core.files import timestamp
from sidebyside.core.results import Result
from sidebyside.core.sections import imports_mnist

FIGURES = (".svg", ".png")


def fence(text: str, info: str) -> str:
    """Return `text` in a code fence long enough never to be closed by the text itself."""
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    ticks = "`" * (longest + 1)
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


SHOWN_LINES = 300  # Lines of one output a page shows at most: the first and last half.


def shortened(text: str) -> tuple[str, int]:
    """Return the first and last SHOWN_LINES / 2 lines of `text`, and how many were left out."""
    lines = text.splitlines()
    if len(lines) <= SHOWN_LINES:
        return text, 0
    half = SHOWN_LINES // 2
    left_out = len(lines) - 2 * half
    marker = f"[... {left_out} lines not shown here: see the whole output below ...]"
    return "\n".join([*lines[:half], marker, *lines[-half:]]), left_out


def indent(text: str, prefix: str = "    ") -> str:
    """Indent every non-empty line of `text`."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def code_attributes(codes: dict[str, str]) -> dict[str, str]:
    """Return each framework's extra fence attributes: filler rows and shaded lines.

    Two files that mirror each other are aligned line by line (see align.py); otherwise, and
    for a single file, nothing is added and the side-by-side view shows them unaligned.
    """
    if len(codes) != 2:
        return {fw: "" for fw in codes}
    (left, a), (right, b) = codes.items()
    alignment = align(a, b)
    if not alignment.mirrored:
        return {left: "", right: ""}
    attributes = {}
    for side, (fw, differ) in enumerate(
        [(left, alignment.differ_left), (right, alignment.differ_right)]
    ):
        fill = " ".join(f"{line}:{n}" for line, n in sorted(alignment.fillers(side).items()))
        shaded = " ".join(map(str, sorted(differ)))
        attributes[fw] = (f' data-fill="{fill}"' if fill else "") + (
            f' hl_lines="{shaded}"' if shaded else ""
        )
    return attributes


def not_run_note(absent: tuple[str, ...]) -> str:
    """Say that a snippet was not run by this build, and which modules it lacked."""
    names = ", ".join(f"`{m}`" for m in absent)
    return (
        f'!!! note "Not run by this build"\n\n    This build cannot import {names}, so the file '
        "was not run and no output is shown; `nox -s gpu` and `nox -s canary` install it and "
        "run the file."
    )


PENDING_OUTPUT_NOTE = (  # Under a code tab whose run is still under way (serve).
    '!!! info "Output pending"\n\n    This file is running in the background; the page '
    "reloads when its output is in."
)


def failed_note(message: str) -> str:
    """Show a run's failure on its page (serve only: `mkdocs build` stops at a failure)."""
    return '!!! failure "This run failed"\n\n' + indent(fence(message, "text"))


def strip_markers(code: str) -> str:
    """Drop pymdownx.snippets section markers, which readers need not see."""
    return "\n".join(line for line in code.splitlines() if "# --8<--" not in line)


def topic_markers(config: Config, topic: Topic) -> list[Marker]:
    """Return the `# proof:` markers of a topic's files, with their lines in the shown code."""
    found = []
    for fw, snippet in topic.snippets.items():
        path = snippet.path.relative_to(config.root).as_posix()
        for name, (first, last) in markers(strip_markers(snippet.path.read_text()), path).items():
            block = example_anchor(topic.name, fw)
            found.append(Marker(name, topic.name, fw, path, block, first, last))
    return found


@dataclass
class Renderer:
    """Render directives for one page; `page` is its path relative to docs/."""

    config: Config
    topics: dict[str, Topic]
    results: dict[str, Result]
    page: str
    execute: bool = True
    used: set[str] = field(default_factory=set)
    generated: dict[str, bytes] = field(default_factory=dict)  # Site path -> file content.
    markdown: str = ""  # The page once expanded.
    repo_url: str | None = None  # The site's GitHub repository, for "Open in Colab" links.
    pending: set[str] = field(default_factory=set)  # Serve: ids of snippets still running.
    failed: dict[str, str] = field(default_factory=dict)  # Serve: failure message by id.
    shown: dict[str, list[Marker]] = field(default_factory=dict)  # Examples' proof markers.

    def waiting(self, topic: Topic) -> bool:
        """Say whether a snippet of `topic` has no result yet, or failed (serve builds only)."""
        return any(s.id in self.pending or s.id in self.failed for s in topic.snippets.values())

    def link(self, target: str) -> str:
        """Return a link to `target` (relative to docs/) from this page."""
        return posixpath.relpath(target, posixpath.dirname(self.page) or ".")

    def topic(self, name: str) -> Topic:
        """Return the topic `name`, or fail with the names that exist."""
        if name not in self.topics:
            raise KeyError(f"no snippet topic {name!r} under {self.config.snippets.name}/")
        self.used.add(name)
        return self.topics[name]

    def provenance(self, result: Result) -> str:
        """Render one line: version, device, date, run time and a link to the status."""
        status = self.link(status_uri(result.topic))
        return (
            f"{result.version} · {result.device} · "
            f"{result.date} · {result.seconds:.1f} s · [run status]({status}) · "
            f"{self.downloads(result.topic, result.path.rsplit('/', 1)[-1])}\n"
            "{ .sbs-provenance }"
        )

    def downloads(self, topic: str, filename: str) -> str:
        """Render the links to a snippet's script and notebook."""
        script, notebook = download_uris(topic, filename)
        links = f"[{filename}]({self.link(script)}) · [notebook]({self.link(notebook)})"
        if colab := colab_url(self.repo_url, notebook):
            links += f" · [Open in Colab]({colab})"
        return links + self.loader_link(topic, filename)

    def loader_link(self, topic: str, filename: str) -> str:
        """Render a link to the MNIST loader when the snippet imports it, else nothing."""
        found = self.topics.get(topic)
        snippets = found.snippets.values() if found else ()
        if any(s.path.name == filename and imports_mnist(s.path.read_text()) for s in snippets):
            return f" · [mnist_data.py]({self.link(MNIST_LOADER)}) (the MNIST loader it imports)"
        return ""

    def output(self, result: Result) -> str:
        """Render one run: stdout (its first and last lines when long), stderr, figures."""
        shown, left_out = shortened(result.stdout)
        parts = [fence(shown or "(no output)", 'text title="Output"')]
        if left_out:
            whole = self.link(output_uri(result.topic, result.framework))
            parts.append(
                f"*The run printed {len(result.stdout.splitlines())} lines; this page shows the "
                f"first and last {SHOWN_LINES // 2}.* [The whole stored output]({whole})"
            )
        if stderr := self.config.shown_stderr(result.stderr).strip():
            parts.append('??? note "Messages on stderr"\n\n' + indent(fence(stderr, "text")))
        for name in result.files:
            if name.endswith(FIGURES):
                uri = self.link(artefact_uri(result.topic, result.framework, name))
                parts.append(f"![{name} drawn by {result.path}]({uri}){{ .sbs-figure }}")
        parts.append(self.provenance(result))
        return "\n\n".join(parts)

    def example(self, name: str) -> str:
        """Tabs with each framework's code and output, then the agreement box.

        The tabs sit in a `sbs-example` block that the side-by-side view lays out as two
        columns; each code block carries a stable id, its file path (for the copy button) and
        the filler rows and shaded lines that align it with the other framework's file.
        """
        topic = self.topic(name)
        self.shown[name] = topic_markers(self.config, topic)
        codes = {fw: strip_markers(s.path.read_text()) for fw, s in topic.snippets.items()}
        extra = code_attributes(codes)
        tabs = []
        for fw in self.config.frameworks:
            snippet = topic.snippets.get(fw.name)
            if snippet is None:
                reason = topic.missing.get(fw.name, "no snippet yet")
                body = f'!!! info "No {fw.label} version"\n\n    {reason}'
            else:
                relative = snippet.path.relative_to(self.config.root).as_posix()
                info = (  # The `sbs` fence (sidebyside/site/fence.py) renders it.
                    f"{{.sbs #{example_anchor(name, fw.name)} "
                    f'data-snippet="{relative}" title="{relative}"{extra[fw.name]}}}'
                )
                body = fence(codes[fw.name], info)
                if snippet.absent:
                    body += "\n\n" + not_run_note(snippet.absent)
                elif snippet.id in self.failed:
                    body += "\n\n" + failed_note(self.failed[snippet.id])
                elif snippet.id in self.pending:
                    body += "\n\n" + PENDING_OUTPUT_NOTE
                elif self.execute:
                    body += "\n\n" + self.output(self.results[snippet.id])
                else:
                    links = self.downloads(name, snippet.path.name)
                    body += f"\n\n*Output not generated: snippet execution is off.* · {links}"
            tabs.append(f'=== "{fw.label}"\n\n{indent(body)}')
        wrapper = f'class="sbs-example" id="{example_anchor(name)}" data-topic="{name}"'
        opening = f"<div {wrapper} markdown>"
        body = "\n\n".join(tabs)
        return f"{opening}\n\n{body}\n\n</div>\n\n{self.agreement(topic)}"

    def agreement(self, topic: Topic) -> str:
        """Render the box stating whether the frameworks computed the same values."""
        if not topic.compare or not self.execute or self.waiting(topic):
            return ""
        found = agreements(topic, self.results)
        rows = [
            f"- `{a.name}`: largest difference {a.max_difference:.3g} "
            f"(tolerance {a.tolerance:g}) {'✓' if a.agrees else '✗'}"
            for a in found
        ]
        labels = " and ".join(self.config.framework(n).label for n in topic.snippets)
        if all(a.agrees for a in found):
            title = f'!!! success "{labels} agree"'
        else:  # Only `mkdocs serve` shows this: a build fails on it (see site/plugin.py).
            bad = sum(not a.agrees for a in found)
            title = f'!!! failure "{labels} disagree on {bad} of {len(found)} value(s)"'
        return f"{title}\n\n" + indent("\n".join(rows))

    def exported(self, name: str, export: str) -> dict | None:
        """Return each framework's exported value `export` by tab label (None: no runs)."""
        topic = self.topic(name)
        if not self.execute or self.waiting(topic):
            return None
        return {
            self.config.framework(fw).label: self.results[s.id].exports[export]
            for fw, s in topic.snippets.items()
        }

    def why_not(self, name: str) -> str:
        """Say why a topic's exports are not shown: execution off, or a run pending or failed."""
        if not self.execute:
            return "snippet execution is switched off"
        return "its snippets are still running in the background, or one failed"

    def table(self, name: str, export: str, columns: list[str] | None = None) -> str:
        """Render an exported dict of equal-length columns as a table, frameworks side by side.

        The first column (or `columns[0]`) is shared; every other column appears once per
        framework, headed "<column> (<label>)".
        """
        data = self.exported(name, export)
        if data is None:
            return f"*Table not generated: {self.why_not(name)}.*"
        first = next(iter(data.values()))
        columns = columns or list(first)
        key, rest = columns[0], columns[1:]
        header = [key] + [f"{col} ({label})" for col in rest for label in data]
        rows = [
            [_cell(first[key][i])] + [_cell(data[label][col][i]) for col in rest for label in data]
            for i in range(len(first[key]))
        ]
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)

    def plot(self, name: str, export: str, x: str, y: list[str], title: str = "") -> str:
        """Render an SVG plotting exported columns `y` against `x` for every framework."""
        series = self.exported(name, export)
        if series is None:
            return f"*Plot not generated: {self.why_not(name)}.*"
        uri = plot_uri(name, export, list(y))
        self.generated[uri] = line_plot(series, x, list(y), title, self.config.cache / "plots")
        return f"![{title or export} from {name}]({self.link(uri)}){{ .sbs-figure }}"

    def benchmark(self) -> str:
        """Render the build benchmark written by `nox -s bench`, or say that none exists."""
        source = self.config.benchmark_report
        if not source.is_file():
            path = source.relative_to(self.config.root).as_posix()
            return f"*No build benchmark recorded yet: `nox -s bench` writes `{path}`.*"
        data = json.loads(source.read_text())
        if "seconds" not in data:  # Only the environments were measured so far.
            return self.environments(data)
        rows = [
            f"| {name.replace('_', ' ')} | {seconds:.2f} | {data['ratio_to_plain'][name]:.2f} |"
            for name, seconds in data["seconds"].items()
        ]
        met = [f"- {'met' if ok else '**missed**'}: {name}" for name, ok in data["targets"].items()]
        figures = [f"| {name} | {text} |" for name, text in data.get("figures", {}).items()]
        if figures:
            figures = ["", "| Measure | Result |", "|---|---|", *figures]
        return "\n".join(
            [
                f"Measured on {data['date']} ({data['machine']}) by `nox -s bench`.",
                "",
                "| Step | Seconds | Ratio to plain build |",
                "|---|---|---|",
                *rows,
                *figures,
                "",
                self.test_phases(data),
                "",
                *met,
                "",
                self.environments(data),
            ]
        )

    @staticmethod
    def test_phases(data: dict) -> str:
        """Render README's test command timed by the bench: seconds per phase, for each run."""
        runs = data.get("tests")
        if not runs:
            return "*The test command was not timed in this run (`--skip-tests`).*"
        names = list(dict.fromkeys(name for run in runs.values() for name in run["phases"]))
        header = " | ".join(runs)
        rows = [
            f"| {name} | "
            + " | ".join(f"{run['phases'].get(name, 0):.0f}" for run in runs.values())
            + " |"
            for name in names
        ]
        total = " | ".join(f"**{run['wall']:.0f}**" for run in runs.values())
        return "\n".join(
            [
                "README's test command (`nox -s lint tests`), seconds per phase:",
                "",
                f"| Phase | {header} |",
                "|---" * (len(runs) + 1) + "|",
                *rows,
                f"| **whole command** | {total} |",
            ]
        )

    @staticmethod
    def environments(data: dict) -> str:
        """Render the environments part of the benchmark (`nox -s bench -- --environments`)."""
        part = data.get("environments")
        if not part:
            return "*Environment costs not measured yet: `nox -s bench -- --environments`.*"
        rows = [
            f"| {name} | {m['download_gb']:.2f} GB | {m['disk_gb']:.2f} GB | "
            f"{m['empty_cache_s']:.0f} s | {m['warm_cache_s']:.0f} s |"
            for name, m in part["measured"].items()
        ]
        return "\n".join(
            [
                f"Environments with torch {part['torch']}, measured on {part['date']}:",
                "",
                "| Environment | Download | On disk | Created, empty package cache | "
                "Created, warm package cache |",
                "|---|---|---|---|---|",
                *rows,
            ]
        )

    def summary(self) -> str:
        """Render the site in figures: pages, examples, agreement checks, versions, build date."""
        docs = self.config.root / "docs"
        questions = len(list((docs / "questions").glob("q[0-9][0-9]-*.md")))
        quiz_text = " ".join(p.read_text() for p in (docs / "quizzes").glob("*.md"))
        quiz_questions = len(re.findall(r"^## \d+\. ", quiz_text, re.M))
        files = sum(len(t.snippets) for t in self.topics.values())
        checks = sum(len(t.compare) for t in self.topics.values())
        versions = sorted({r.version for r in self.results.values()})
        built = timestamp().split()[0]  # The date only.
        rows = [
            f"| [Interview questions]({self.link('questions/index.md')}) | {questions} |",
            f"| [Examples]({self.link(GALLERY_PAGE)}), each a pair of files | {len(self.topics)} "
            f"({files} files) |",
            f"| [Agreement checks]({self.link(STATUS_PAGE)}) between the frameworks | {checks} |",
            f"| [Quiz questions]({self.link('quizzes/index.md')}) checked by running code | "
            f"{quiz_questions} |",
        ]
        ran = f"Built on {built} with {', '.join(versions)}." if versions else f"Built on {built}."
        return "\n".join(["| Section | Count |", "|---|---|", *rows, "", ran])

    def handlers(self) -> dict:
        """Return the directives this renderer answers."""
        return {
            **translation_handlers(self),  # translation("tr-<group>") and cheatsheet().
            "summary": self.summary,
            "example": self.example,
            "table": self.table,
            "plot": self.plot,
            "benchmark": self.benchmark,
        }


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)
