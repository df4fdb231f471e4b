"""Turn topics and their results into Material for MkDocs markdown (tabs, outputs, figures)."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field

from sidebyside.compare import agreements
from sidebyside.config import Config
from sidebyside.discover import Topic
from sidebyside.plot import line_plot
from sidebyside.results import Result

FIGURES = (".svg", ".png")
GENERATED = "generated"  # Site folder holding the files that runs wrote.
STATUS_PAGE = "status.md"
DOWNLOADS, NOTEBOOKS = "downloads", "notebooks"  # Site folders of scripts and notebooks.


def download_uris(topic: str, filename: str) -> tuple[str, str]:
    """Return the site paths of a snippet's script and notebook downloads."""
    stem = filename.rsplit(".", 1)[0]
    return f"{DOWNLOADS}/{topic}/{filename}", f"{NOTEBOOKS}/{topic}/{stem}.ipynb"


def fence(text: str, info: str) -> str:
    """Return `text` in a code fence long enough never to be closed by the text itself."""
    longest = max((len(m) for m in re.findall(r"`{3,}", text)), default=2)
    ticks = "`" * (longest + 1)
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def indent(text: str, prefix: str = "    ") -> str:
    """Indent every non-empty line of `text`."""
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def artefact_uri(result: Result, name: str) -> str:
    """Return the site path at which a file written by a run is published."""
    return f"{GENERATED}/{result.topic}/{result.framework}/{name}"


def anchor(topic: str) -> str:
    """Return the status page anchor of a topic."""
    return re.sub(r"[^a-z0-9]+", "-", topic.lower()).strip("-")


def not_run_note(absent: tuple[str, ...]) -> str:
    """Say that a snippet was not run by this build, and which modules it lacked."""
    names = ", ".join(f"`{m}`" for m in absent)
    return (
        f'!!! note "Not run by this build"\n\n    This build cannot import {names}, so the file '
        "was not run and no output is shown; `nox -s gpu` and `nox -s canary` install it and "
        "run the file."
    )


def strip_markers(code: str) -> str:
    """Drop pymdownx.snippets section markers, which readers need not see."""
    return "\n".join(line for line in code.splitlines() if "# --8<--" not in line)


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
        status = f"{self.link(STATUS_PAGE)}#{anchor(result.topic)}"
        return (
            f'<p class="sbs-provenance" markdown>{result.version} · {result.device} · '
            f"{result.date} · {result.seconds:.1f} s · [run status]({status}) · "
            f"{self.downloads(result.topic, result.path.rsplit('/', 1)[-1])}</p>"
        )

    def downloads(self, topic: str, filename: str) -> str:
        """Render the links to a snippet's script and notebook."""
        script, notebook = download_uris(topic, filename)
        return f"[{filename}]({self.link(script)}) · [notebook]({self.link(notebook)})"

    def output(self, result: Result) -> str:
        """Render one run: stdout, stderr folded, figures, provenance."""
        parts = [fence(result.stdout or "(no output)", 'text title="Output"')]
        if stderr := self.config.shown_stderr(result.stderr).strip():
            parts.append('??? note "Messages on stderr"\n\n' + indent(fence(stderr, "text")))
        for name in result.files:
            if name.endswith(FIGURES):
                uri = self.link(artefact_uri(result, name))
                parts.append(f"![{name} drawn by {result.path}]({uri}){{ .sbs-figure }}")
        parts.append(self.provenance(result))
        return "\n\n".join(parts)

    def example(self, name: str) -> str:
        """Tabs with each framework's code and output, then the agreement box."""
        topic = self.topic(name)
        tabs = []
        for fw in self.config.frameworks:
            snippet = topic.snippets.get(fw.name)
            if snippet is None:
                reason = topic.missing.get(fw.name, "no snippet yet")
                body = f'!!! info "No {fw.label} version"\n\n    {reason}'
            else:
                code = strip_markers(snippet.path.read_text())
                relative = snippet.path.relative_to(self.config.root).as_posix()
                body = fence(code, f' title="{relative}"')
                if snippet.absent:
                    body += "\n\n" + not_run_note(snippet.absent)
                elif self.execute:
                    body += "\n\n" + self.output(self.results[snippet.id])
                else:
                    links = self.downloads(name, snippet.path.name)
                    body += f"\n\n*Output not generated: snippet execution is off.* · {links}"
            tabs.append(f'=== "{fw.label}"\n\n{indent(body)}')
        return "\n\n".join(tabs) + "\n\n" + self.agreement(topic)

    def agreement(self, topic: Topic) -> str:
        """Render the box stating whether the frameworks computed the same values."""
        if not topic.compare or not self.execute:
            return ""
        rows = [
            f"- `{a.name}`: largest difference {a.max_difference:.3g} "
            f"(tolerance {a.tolerance:g}) {'✓' if a.agrees else '✗'}"
            for a in agreements(topic, self.results)
        ]
        labels = " and ".join(self.config.framework(n).label for n in topic.snippets)
        return f'!!! success "{labels} agree"\n\n' + indent("\n".join(rows))

    def exported(self, name: str, export: str) -> dict | None:
        """Return each framework's exported value `export` by tab label (None: no runs)."""
        topic = self.topic(name)
        if not self.execute:
            return None
        return {
            self.config.framework(fw).label: self.results[s.id].exports[export]
            for fw, s in topic.snippets.items()
        }

    def table(self, name: str, export: str, columns: list[str] | None = None) -> str:
        """Render an exported dict of equal-length columns as a table, frameworks side by side.

        The first column (or `columns[0]`) is shared; every other column appears once per
        framework, headed "<column> (<label>)".
        """
        data = self.exported(name, export)
        if data is None:
            return "*Table not generated: snippet execution is switched off.*"
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
            return "*Plot not generated: snippet execution is switched off.*"
        uri = f"{GENERATED}/{anchor(name)}-{export}-{'-'.join(y)}.svg"
        self.generated[uri] = line_plot(series, x, list(y), title, self.config.cache / "plots")
        return f"![{title or export} from {name}]({self.link(uri)}){{ .sbs-figure }}"

    def benchmark(self, path: str = "reports/benchmark.json") -> str:
        """Render the build benchmark written by `nox -s bench`, or say that none exists."""
        source = self.config.root / path
        if not source.is_file():
            return f"*No build benchmark recorded yet: `nox -s bench` writes `{path}`.*"
        data = json.loads(source.read_text())
        rows = [
            f"| {name.replace('_', ' ')} | {seconds:.2f} | {data['ratio_to_plain'][name]:.2f} |"
            for name, seconds in data["seconds"].items()
        ]
        met = [f"- {'met' if ok else '**missed**'}: {name}" for name, ok in data["targets"].items()]
        return "\n".join(
            [
                f"Measured on {data['date']} ({data['machine']}) by `nox -s bench`.",
                "",
                "| Step | Seconds | Ratio to plain build |",
                "|---|---|---|",
                *rows,
                "",
                *met,
            ]
        )

    def handlers(self) -> dict:
        """Return the directives this renderer answers."""
        return {
            "example": self.example,
            "table": self.table,
            "plot": self.plot,
            "benchmark": self.benchmark,
        }


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)
