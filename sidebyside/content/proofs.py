"""Proof marks: a sentence on a page points at the snippet line that asserts or prints it.

A snippet names a line with a marker comment, `# proof: <name>`, at the end of that line or on
a line of its own directly above the statement it marks. A page puts `{{ proof("<name>") }}`
after the sentence the line proves; the name is looked up in the snippets of the examples shown
on the same page (`"<topic>/<name>"` picks one topic where two use the name). The mark renders
as a link per framework whose file has the marker, to the marked lines of its code block.
A mark that names no marker, or names one ambiguously, fails the build.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

MARKER = re.compile(r"#\s*proof:\s*(?P<name>\S+)\s*$")
NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
MARK = re.compile(r'\{\{\s*proof\(\s*"(?P<ref>[^"]*)"\s*\)\s*\}\}')
# A link to a framework's source or docs at a pinned version: a tag (v2.13.0, r2.21) or a
# versioned docs path (/docs/2.13/).
PINNED_LINK = re.compile(
    r"\]\((https?://[^)\s]*(/(blob|tree)/v?\d+\.\d+[^/)]*/|/docs/\d+\.\d+/|/versions/r\d)[^)\s]*)\)"
)


class ProofError(ValueError):
    """A proof marker or mark is malformed, duplicated, unknown or ambiguous."""


@dataclass(frozen=True)
class Marker:
    """The lines (1-based, inclusive) a `# proof:` comment marks in one snippet's shown code."""

    name: str
    topic: str
    framework: str
    path: str  # The snippet's path, relative to the project.
    block: str  # The id of the snippet's code block on the page.
    first: int
    last: int


def _statements(tree: ast.AST) -> list[tuple[int, int]]:
    """Return (first, last) line spans of every statement, innermost ones included."""
    return [
        (node.lineno, node.end_lineno or node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.stmt)
    ]


def markers(code: str, path: str) -> dict[str, tuple[int, int]]:
    """Return the lines each `# proof:` comment of `code` marks, by name.

    A comment alone on its line marks the statement that starts on the next code line; a comment
    after code marks the innermost statement containing its line. `path` names the file in errors.
    """
    found: dict[str, tuple[int, int]] = {}
    lines = code.splitlines()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
        spans = _statements(ast.parse(code))
    except (tokenize.TokenError, SyntaxError):
        # A file that does not parse fails its run, which names it; until it is fixed, each
        # marker marks its own line only.
        return _marked_lines(lines)
    for token in tokens:
        match = MARKER.fullmatch(token.string) if token.type == tokenize.COMMENT else None
        if not match:
            continue
        row = token.start[0]
        name = match["name"]
        if not NAME.fullmatch(name):
            raise ProofError(
                f"{path}:{row}: proof marker {name!r}: use lowercase letters, digits and hyphens"
            )
        if name in found:
            raise ProofError(f"{path}:{row}: proof marker {name!r} appears twice in the file")
        alone = not lines[row - 1][: token.start[1]].strip()
        if alone:
            target = next(
                (n for n in range(row + 1, len(lines) + 1) if _is_code(lines[n - 1])), None
            )
            starting = [s for s in spans if s[0] == target]
            if not starting:
                raise ProofError(f"{path}:{row}: proof marker {name!r} marks no statement below it")
            found[name] = min(starting, key=lambda s: s[1] - s[0])
        else:
            holding = [s for s in spans if s[0] <= row <= s[1]]
            if not holding:
                raise ProofError(f"{path}:{row}: proof marker {name!r} is in no statement")
            found[name] = min(holding, key=lambda s: s[1] - s[0])
    return found


def _marked_lines(lines: list[str]) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for row, line in enumerate(lines, 1):
        if match := MARKER.search(line):
            found.setdefault(match["name"], (row, row))
    return found


def _is_code(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def resolve(ref: str, shown: dict[str, list[Marker]]) -> list[Marker]:
    """Return the markers a mark names; `shown` holds each example topic's markers on the page.

    Raises ProofError naming what exists when the reference matches nothing or more than one topic.
    """
    topic, _, name = ref.rpartition("/")
    pool = {t: m for t, m in shown.items() if not topic or t == topic}
    if topic and topic not in shown:
        raise ProofError(
            f"proof({ref!r}): topic {topic!r} is not shown on this page "
            f"(its examples: {', '.join(sorted(shown)) or 'none'})"
        )
    hits = {t: [m for m in found if m.name == name] for t, found in pool.items()}
    hits = {t: m for t, m in hits.items() if m}
    if not hits:
        known = sorted({m.name for found in pool.values() for m in found})
        raise ProofError(
            f"proof({ref!r}): no snippet shown on this page has a `# proof: {name}` marker"
            + (f" (markers here: {', '.join(known)})" if known else " (it has no markers)")
        )
    if len(hits) > 1:
        raise ProofError(
            f"proof({ref!r}): topics {', '.join(sorted(hits))} all have this marker; "
            f'write {{{{ proof("<topic>/{name}") }}}}'
        )
    return next(iter(hits.values()))


def refs(markdown: str) -> list[tuple[int, str]]:
    """Return (line, reference) for every proof mark of a page."""
    return [(markdown.count("\n", 0, m.start()) + 1, m["ref"]) for m in MARK.finditer(markdown)]


def check(markdown: str, shown: dict[str, list[Marker]]) -> list[str]:
    """Return a message, naming the line, for each mark of a page that names no single marker."""
    problems = []
    for line, ref in refs(markdown):
        try:
            resolve(ref, shown)
        except ProofError as exc:
            problems.append(f"line {line}: {exc}")
    return problems


def link(markdown: str, shown: dict[str, list[Marker]], labels: dict[str, str]) -> str:
    """Replace every proof mark with links to the marked lines, one per framework.

    `labels` gives each framework's display name. The link's target is the code block's line span
    (`#__span-ex-<topic>-<framework>-<line>`); `data-lines` tells the page script which lines to
    highlight.
    """

    def replace(match: re.Match) -> str:
        line = markdown.count("\n", 0, match.start()) + 1
        try:
            found = resolve(match["ref"], shown)
        except ProofError as exc:
            raise ProofError(f"line {line}: {exc}") from exc
        links = []
        for marker in sorted(found, key=lambda m: list(labels).index(m.framework)):
            block = marker.block
            lines = (
                f"line {marker.first}"
                if marker.first == marker.last
                else f"lines {marker.first}-{marker.last}"
            )
            label = labels[marker.framework]
            title = f"Proven by {marker.path}, {lines}"
            links.append(
                f'<a class="sbs-proof" href="#__span-{block}-{marker.first}" '
                f'data-block="{block}" data-lines="{marker.first}-{marker.last}" '
                f'title="{title}" aria-label="{label} proof: {marker.path}, {lines}">'
                f"{label}</a>"
            )
        return '<span class="sbs-proofs">' + "".join(links) + "</span>"

    return MARK.sub(replace, markdown)


@dataclass(frozen=True)
class Claims:
    """A page's sentences (one per line) that carry a proof mark or a pinned source link."""

    asserted: int
    sourced: int


def count_claims(markdown: str) -> Claims:
    """Count the lines of a page's source with a proof mark, and those with a pinned link."""
    lines = markdown.splitlines()
    return Claims(
        asserted=sum(1 for line in lines if MARK.search(line)),
        sourced=sum(1 for line in lines if PINNED_LINK.search(line)),
    )
