"""The translation table and its cheat sheet, rendered from rows.toml and the tr-* topics' runs.

`snippets/translation/rows.toml` holds one row per PyTorch/TensorFlow equivalence; the rows of a
group are checked by the topic `tr-<group>`, whose two files compute every row under the row's
id and whose `topic.toml` gives each row its tolerance under `[compare]`. The usual agreement
check compares them, so a disagreement fails the build naming the row. This module knows no
framework: it reads that file, the runs' agreements and the other topics' files (to link the
pages whose examples use a row).

Page directives: `{{ translation("tr-<group>") }}` renders one group as a table, with the
group's check folded below it; `{{ cheatsheet() }}` renders the most used rows, compactly, for
printing (`python -m sidebyside.site.cheatsheet_pdf` prints it to PDF).
"""

from __future__ import annotations

import html
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sidebyside.content.compare import Agreement, agreements
from sidebyside.content.layout import DOCS, TRANSLATION_PAGE, example_anchor
from sidebyside.core.config import Config, check_keys
from sidebyside.core.discover import Topic

ROWS_FILE = Path("translation") / "rows.toml"  # Under the snippets folder.
TOPIC_PREFIX = "tr-"
CATEGORIES = {  # Key: (label, cheat sheet symbol).
    "same": ("same", "="),
    "defaults": ("same, other defaults", "≈"),
    "layout": ("other arguments or layout", "⇄"),
    "none": ("no direct equivalent", "∅"),
}
CHECKED = ("same", "defaults", "layout")  # Categories whose rows must have a check.
FRAMEWORKS = ("pytorch", "tensorflow")
MAX_LINKS = 5  # Page links shown per row; the rest are counted.
_DIRECTIVE_TOPIC = re.compile(r"\{\{\s*\w+\(\s*[\"']([^\"']+)[\"']")
_FIRST_CALL = re.compile(r"([A-Za-z_][\w.]*)\s*\(")
_NOT_FRAMEWORK = ("np.", "numpy.", "math.", "random.")  # A call of these is not the row's.


class TranslationError(KeyError):
    """rows.toml or a tr-* topic is inconsistent; the directive error names the row."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Row:
    """One equivalence: the two forms, its category, the trap and where it is checked."""

    id: str
    group: str
    category: str
    pytorch: str
    tensorflow: str
    note: str
    lacks: str = ""
    source: tuple[str, ...] = ()
    find: dict[str, str | None] = field(default_factory=dict)  # Framework -> regex or None.

    @property
    def anchor(self) -> str:
        """Return the row's id on the translation page."""
        return f"tr-{self.id}"

    @property
    def topic(self) -> str:
        """Return the topic whose files check this row."""
        return TOPIC_PREFIX + self.group

    def pattern(self, framework: str) -> re.Pattern | None:
        """Return the regex finding this row's form in a snippet of `framework` (None: none)."""
        explicit = self.find.get(framework)
        if explicit is not None:
            return re.compile(explicit) if explicit else None
        match = _FIRST_CALL.search(getattr(self, framework))
        if match is None:
            return None
        name = match.group(1).rsplit(".", 1)[-1]
        return re.compile(rf"(?<![\w]){re.escape(name)}\(")


@dataclass(frozen=True)
class Table:
    """Every row, the groups in page order and the cheat sheet's size."""

    path: Path
    groups: dict[str, str]
    rows: tuple[Row, ...]
    sheet_rows: int

    def group(self, name: str) -> list[Row]:
        """Return the rows of one group, in file order."""
        return [row for row in self.rows if row.group == name]


def _row(path: Path, number: int, data: dict, groups: dict) -> Row:
    where = f"{path}: row {number} ({data.get('id', 'no id')!r})"
    required = ("id", "group", "category", "pytorch", "tensorflow", "note")
    if missing := [key for key in required if not str(data.get(key, "")).strip()]:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    check_keys(data, (*required, "lacks", "source", "find_pytorch", "find_tensorflow"), where)
    if not data["id"].isidentifier():
        raise ValueError(f"{where}: the id must be a Python name (it is the exported global)")
    if data["group"] not in groups:
        raise ValueError(f"{where}: unknown group {data['group']!r}; known: {list(groups)}")
    if data["category"] not in CATEGORIES:
        raise ValueError(f"{where}: category must be one of {list(CATEGORIES)}")
    lacks = data.get("lacks", "")
    if lacks and (lacks not in FRAMEWORKS or data["category"] != "none"):
        raise ValueError(f"{where}: lacks = {FRAMEWORKS} and only in category 'none'")
    source = data.get("source", [])
    source = [source] if isinstance(source, str) else source
    if bad := [url for url in source if not re.match(r"https://\S+/(v\d[\w.]*)/\S+$", url)]:
        raise ValueError(f"{where}: a source must be a versioned https link, not {bad}")
    find = {fw: data.get(f"find_{fw}") for fw in FRAMEWORKS}
    for framework, regex in find.items():
        try:
            re.compile(regex or "")
        except re.error as exc:
            raise ValueError(f"{where}: find_{framework} is no regex: {exc}") from exc
    return Row(
        data["id"],
        data["group"],
        data["category"],
        data["pytorch"],
        data["tensorflow"],
        data["note"],
        lacks,
        tuple(source),
        find,
    )


@lru_cache(maxsize=4)
def _load(path: Path, stamp: tuple[int, int]) -> Table:
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: invalid TOML: {exc}") from exc
    groups = dict(data.get("groups", {}))
    rows = tuple(_row(path, i, row, groups) for i, row in enumerate(data.get("row", []), 1))
    seen: set[str] = set()
    if doubled := [row.id for row in rows if row.id in seen or seen.add(row.id)]:
        raise ValueError(f"{path}: row id(s) used twice: {doubled}")
    return Table(path, groups, rows, int(data.get("sheet", {}).get("rows", 60)))


def load_table(config: Config) -> Table:
    """Read and validate rows.toml (cached while the file is unchanged)."""
    path = config.snippets / ROWS_FILE
    info = path.stat()
    return _load(path, (info.st_mtime_ns, info.st_size))


def problems(table: Table, topics: dict[str, Topic]) -> list[str]:
    """Return what keeps rows from being proven: missing checks, topics and stray entries."""
    found = []
    for group in table.groups:
        name = TOPIC_PREFIX + group
        topic = topics.get(name)
        if topic is None:
            found.append(f"group {group!r} has no topic: create snippets/{name}/pt.py and tf.py")
            continue
        ids = {row.id for row in table.group(group)}
        for row in table.group(group):
            if row.category in CHECKED and row.id not in topic.compare:
                found.append(
                    f"row {row.id!r} (category {row.category!r}) has no check: compute "
                    f"`{row.id}` in both files of snippets/{name}/ and add "
                    f"`{row.id} = <tolerance>` to [compare] in snippets/{name}/topic.toml"
                )
        for name_compared in topic.compare:
            if name_compared not in ids:
                found.append(
                    f"snippets/{name}/topic.toml compares {name_compared!r}, which is no row of "
                    f"group {group!r} in {ROWS_FILE.as_posix()}"
                )
    for name in topics:
        if name.startswith(TOPIC_PREFIX) and name[len(TOPIC_PREFIX) :] not in table.groups:
            found.append(f"topic {name!r} has no group in {ROWS_FILE.as_posix()} [groups]")
    return found + unexecuted_forms(table, topics)


def _normal(code: str) -> str:
    """Code compared as text: no whitespace, no trailing commas, one quote style."""
    code = re.sub(r"\s+", "", code)
    return re.sub(r",(?=[)\]}])", "", code).replace("'", '"')


def row_blocks(code: str, ids: set[str]) -> dict[str, str]:
    """Return each row's block of a check file: the lines after `# <id>: ` up to the next row's."""
    blocks: dict[str, list[str]] = {}
    current = None
    for line in code.splitlines():
        match = re.match(r"\s*# (\w+): ", line)
        if match and match[1] in ids:
            current = match[1]
            blocks[current] = []
        elif current:
            blocks[current].append(line)
    return {row_id: "\n".join(lines) for row_id, lines in blocks.items()}


def form_parts(form: str) -> list[str]:
    """Split a row's form into the statements its check must run (`; ` or a line apart).

    A trailing `  # comment` in the form is for the reader and is not looked for.
    """
    parts = re.split(r";\s|\n", form)
    return [part for part in (re.sub(r"\s+#.*$", "", p).strip() for p in parts) if part]


def unexecuted_forms(table: Table, topics: dict[str, Topic]) -> list[str]:
    """Return a problem for each row form that its group's check does not run verbatim.

    A row shows the code its check runs: every statement of a form must appear in the row's
    block of the framework's check file, ignoring only whitespace, trailing commas and quotes.
    """
    found = []
    for group in table.groups:
        topic = topics.get(TOPIC_PREFIX + group)
        if topic is None:
            continue
        rows = table.group(group)
        ids = {row.id for row in rows}
        for framework in FRAMEWORKS:
            snippet = topic.snippets.get(framework)
            if snippet is None:
                continue
            blocks = row_blocks(snippet.path.read_text(), ids)
            where = f"snippets/{topic.name}/{snippet.path.name}"
            for row in rows:
                block = blocks.get(row.id)
                form = getattr(row, framework)
                if block is None:
                    if row.category in CHECKED or row.lacks != framework:
                        found.append(
                            f"row {row.id!r}: {where} has no block `# {row.id}: ...` running "
                            f"its {framework} form `{form}`"
                        )
                    continue
                text = _normal(block)
                if missing := [p for p in form_parts(form) if _normal(p) not in text]:
                    found.append(
                        f"row {row.id!r}: its {framework} form shows `{'; '.join(missing)}`, "
                        f"which the block `# {row.id}: ...` of {where} does not run; show the "
                        "code the check runs, or run the code the row shows"
                    )
    return found


def _fingerprint(paths: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


def page_titles(config: Config) -> dict[str, str]:
    """Return each docs page's first heading, by path relative to docs/."""
    docs = config.root / DOCS
    titles = {}
    for page in sorted(docs.rglob("*.md")):
        heading = next((ln[2:] for ln in page.read_text().splitlines() if ln.startswith("# ")), "")
        titles[page.relative_to(docs).as_posix()] = heading.strip() or page.stem
    return titles


def usage(config: Config, topics: dict[str, Topic], table: Table) -> dict[str, list[str]]:
    """Return, per row id, the docs pages (relative to docs/) whose examples use the row."""
    docs = sorted((config.root / DOCS).rglob("*.md"))
    files = [s.path for t in topics.values() for s in t.snippets.values()]
    key = (config.root, _fingerprint(docs + files), table.path.stat().st_mtime_ns)
    if key not in _USAGE:
        _USAGE.clear()  # One build's worth is enough.
        _USAGE[key] = _usage(config, topics, table)
    return _USAGE[key]


_USAGE: dict[tuple, dict[str, list[str]]] = {}


def _usage(config: Config, topics: dict[str, Topic], table: Table) -> dict[str, list[str]]:
    docs = config.root / DOCS
    pages_of: dict[str, list[str]] = {}
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs).as_posix()
        for topic in dict.fromkeys(_DIRECTIVE_TOPIC.findall(page.read_text())):
            pages_of.setdefault(topic, []).append(relative)
    texts = {
        (name, fw): snippet.path.read_text()
        for name, topic in topics.items()
        if not name.startswith(TOPIC_PREFIX)
        for fw, snippet in topic.snippets.items()
    }
    found: dict[str, list[str]] = {}
    for row in table.rows:
        pages: dict[str, None] = {}
        for (name, fw), text in texts.items():
            pattern = row.pattern(fw) if fw in FRAMEWORKS else None
            if pattern is not None and _uses(pattern, text):
                pages.update(dict.fromkeys(pages_of.get(name, [])))
        found[row.id] = sorted(pages, key=_page_order)
    return found


def _uses(pattern: re.Pattern, text: str) -> bool:
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - 8) : match.start() + 1]
        if not any(before.endswith(prefix + text[match.start()]) for prefix in _NOT_FRAMEWORK):
            return True
    return False


def _page_order(page: str) -> tuple:
    return (page.count("/"), re.sub(r"\d+", lambda m: m.group().zfill(4), page))


def page_label(page: str, titles: dict[str, str]) -> str:
    """Return a short link text: "Q7" for a question page, else the file's name ("Speed")."""
    number = re.match(r"questions/q0*(\d+)-", page)
    if number:
        return f"Q{number.group(1)}"
    folder, _, stem = page.removesuffix(".md").rpartition("/")
    name = folder.rpartition("/")[2] if stem == "index" else stem
    label = (name or "home").replace("-", " ").capitalize()
    return f"Quiz: {label.lower()}" if folder.startswith("quizzes") else label


def _code(text: str) -> str:
    """Return `text` as inline code, fenced with enough backticks."""
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _difference(value: float) -> str:
    return "0" if value == 0 else f"{value:.2g}"


class Translation:
    """The directives of one page; `renderer` is the page's sidebyside.content.render.Renderer."""

    def __init__(self, renderer) -> None:
        self.renderer = renderer
        self.config: Config = renderer.config

    def table(self) -> Table:
        """Return the rows, failing (as a directive error) on an invalid rows.toml."""
        try:
            return load_table(self.config)
        except (OSError, ValueError) as exc:
            raise TranslationError(str(exc)) from exc

    def checks(self, topic: Topic) -> dict[str, Agreement]:
        """Return the agreement of every compared row of `topic` (empty: nothing ran)."""
        if not self.renderer.execute or self.renderer.waiting(topic):
            return {}
        # A disagreement shows as a cross in its row; whether it fails the build is the
        # plugin's one policy (sidebyside/site/plugin.py), not this table's.
        return {a.name: a for a in agreements(topic, self.renderer.results)}

    def checked_cell(self, row: Row, check: Agreement | None, topic: str) -> str:
        """Say that the row was checked, the largest difference seen and the tolerance."""
        code = f"#{example_anchor(topic)}"
        if check is not None:
            mark, verdict = ("tr-ok", "✓") if check.agrees else ("tr-bad", "✗ DISAGREE")
            return (
                f'<span class="{mark}">{verdict}</span> [{_difference(check.max_difference)}]'
                f'({code} "largest difference between the frameworks in this build") '
                f'<span class="tr-tol">{"≤" if check.agrees else ">"} {check.tolerance:g}</span>'
            )
        if not self.renderer.execute:
            return "not run: snippet execution is off"
        if self.renderer.waiting(self.renderer.topics[topic]):
            return "pending: running in the background"
        return f"[nothing comparable]({code})"

    def form(self, row: Row, framework: str) -> str:
        """Render one side's form; the side with no direct equivalent is marked as nearest."""
        text = _code(getattr(row, framework))
        if row.lacks == framework:
            return f'<span class="tr-nearest" title="nearest equivalent">nearest:</span> {text}'
        return text

    def links(self, pages: list[str], titles: dict[str, str]) -> str:
        """Render links to the pages whose examples use a row."""
        shown = [
            f'[{page_label(p, titles)}]({self.renderer.link(p)} "{html.escape(titles.get(p, p))}")'
            for p in pages[:MAX_LINKS]
        ]
        if len(pages) > MAX_LINKS:
            shown.append(f"+{len(pages) - MAX_LINKS}")
        return ", ".join(shown) or "–"

    def group(self, name: str) -> str:
        """Render one group: its rows as a table, then its check folded below it."""
        table = self.table()
        topic = self.renderer.topic(name)
        group = name[len(TOPIC_PREFIX) :] if name.startswith(TOPIC_PREFIX) else ""
        if group not in table.groups:
            raise TranslationError(
                f"{name!r} is no translation group; groups: "
                + ", ".join(TOPIC_PREFIX + g for g in table.groups)
            )
        mine = table.group(group)
        ids = {row.id for row in mine}
        if issues := [p for p in problems(table, self.renderer.topics) if _about(p, ids, name)]:
            raise TranslationError("; ".join(issues))
        checks = self.checks(topic)
        used = usage(self.config, self.renderer.topics, table)
        titles = page_titles(self.config)
        head = ("PyTorch", "TensorFlow / Keras", "Category", "Trap", "Checked", "Used on")
        lines = [
            f'<div class="tr-group" data-group="{group}" markdown>',
            "",
            '<table class="tr-table" markdown>',
            "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>",
            "<tbody markdown>",
        ]
        for row in mine:
            label, _ = CATEGORIES[row.category]
            note = row.note + "".join(
                f" [[source]]({url})" if i == 0 else f" [[{i + 1}]]({url})"
                for i, url in enumerate(row.source)
            )
            cells = [
                self.form(row, "pytorch")
                + f' <a class="tr-anchor" href="#{row.anchor}" title="Link to this row">¶</a>',
                self.form(row, "tensorflow"),
                f'<span class="tr-cat tr-cat-{row.category}">{label}</span>',
                note,
                self.checked_cell(row, checks.get(row.id), name),
                self.links(used.get(row.id, []), titles),
            ]
            lines.append(
                f'<tr id="{row.anchor}" data-group="{group}" data-category="{row.category}" '
                "markdown>"
            )
            lines += [f'<td markdown="span">{cell}</td>' for cell in cells]
            lines.append("</tr>")
        lines += ["</tbody>", "</table>", "", "</div>", ""]
        files = f"snippets/{name}/pt.py and tf.py"
        lines.append(f'??? example "How these {len(mine)} rows are checked: {files}"')
        lines.append("")
        lines += ["    " + ln if ln.strip() else "" for ln in self.check_text(name).splitlines()]
        return "\n".join(lines)

    def check_text(self, name: str) -> str:
        """Explain the check, then show both files and their outputs."""
        return (
            "Both files compute every row of this group on the same seeded inputs (weights "
            "converted where the layouts differ) and leave the result in a global named after "
            f"the row; `snippets/{name}/topic.toml` gives each its tolerance, and the build "
            "compares them.\n\n" + self.renderer.example(name)
        )

    def sheet(self) -> str:
        """Render the most used rows of every group, compactly, for printing."""
        table = self.table()
        used = usage(self.config, self.renderer.topics, table)
        chosen = sheet_rows(table, used)
        translation = self.renderer.link(TRANSLATION_PAGE)
        legend = " · ".join(f"{symbol} {label}" for label, symbol in CATEGORIES.values())
        lines = [
            '<div class="tr-sheet" markdown>',
            "",
            f'<p class="tr-sheet-legend" markdown>{legend}. '
            f"The {len(chosen)} rows used on most pages of this site, of {len(table.rows)}; "
            f"each one checked by a run (see the [translation table]({translation})).</p>",
            "",
        ]
        for group, title in table.groups.items():
            rows = [row for row in table.group(group) if row.id in chosen]
            if not rows:
                continue
            lines += [
                '<table class="tr-sheet-table" markdown>',
                '<colgroup><col class="tr-c-sym"><col class="tr-c-form"><col class="tr-c-form">'
                '<col class="tr-c-note"></colgroup>',
                f'<thead><tr><th colspan="4">{html.escape(title)}</th></tr></thead>',
                "<tbody markdown>",
            ]
            for row in rows:
                label, symbol = CATEGORIES[row.category]
                lines += [
                    "<tr markdown>",
                    f'<td class="tr-sym" title="{label}">{symbol}</td>',
                    f'<td markdown="span">{self.form(row, "pytorch")}</td>',
                    f'<td markdown="span">{self.form(row, "tensorflow")}</td>',
                    f'<td markdown="span">{row.note}</td>',
                    "</tr>",
                ]
            lines += ["</tbody>", "</table>", ""]
        lines.append("</div>")
        return "\n".join(lines)


def _about(problem: str, ids: set[str], topic: str) -> bool:
    return any(f"row {i!r}" in problem for i in ids) or f"snippets/{topic}/" in problem


def sheet_rows(table: Table, used: dict[str, list[str]]) -> set[str]:
    """Return the ids of the `sheet_rows` rows used on most pages (ties: file order)."""
    ranked = sorted(enumerate(table.rows), key=lambda item: (-len(used[item[1].id]), item[0]))
    return {row.id for _, row in ranked[: table.sheet_rows]}


def translation_handlers(renderer) -> dict:
    """Return the directives `translation` and `cheatsheet` for one page's renderer."""
    page = Translation(renderer)
    return {"translation": page.group, "cheatsheet": page.sheet}
