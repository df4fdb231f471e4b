"""Internal links and anchors of the built site resolve; source links name the pinned releases."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name])
        self.links += [values[name] for name in ("href", "src") if values.get(name)]


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text())
    return collector


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_internal_links_and_anchors_resolve(site):
    pages = {p.resolve(): _parse(p) for p in site.rglob("*.html")}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            found = _target(site, page, link)
            if found is None:
                continue
            target, fragment = found
            where = f"{page.relative_to(site.resolve())}: {link}"
            if not target.is_file():
                broken.append(f"{where} (no file {target})")
            elif fragment and target.suffix == ".html" and not re.fullmatch(r"__\w+", fragment):
                if fragment not in pages[target].ids:
                    broken.append(f"{where} (no anchor #{fragment})")
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:50])


# Framework source links must name the release the site runs, so that a version bump moves them
# (and re-anchors their lines). An older tag is allowed only where a page tells history: inside a
# "What changed" box, or a release-notes page.
PINNED_REPOS = {
    "pytorch/pytorch": ("torch", "v{}"),
    "keras-team/keras": ("keras", "v{}"),
    "tensorflow/tensorflow": ("tensorflow", "v{}"),
    "tensorflow/tensorboard": ("tensorboard", "{}"),
}
SOURCE_LINK = re.compile(
    r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+)/blob/(?P<tag>[^/]+)/(?P<path>[^#)\s]+)"
    r"(?:#L(?P<first>\d+)(?:-L(?P<last>\d+))?)?"
)


def _pins() -> dict[str, str]:
    """The pinned version of every distribution in constraints.txt."""
    from conftest import ROOT

    lines = (ROOT / "constraints.txt").read_text().splitlines()
    return dict(line.split("==") for line in lines if "==" in line)


def _history_lines(text: str) -> set[int]:
    """Line numbers (1-based) inside a "What changed" box."""
    inside, lines = False, set()
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("!!!") or line.startswith("???"):
            inside = '"What changed"' in line
        elif line.strip() and not line.startswith((" ", "\t")):
            inside = False
        elif inside:
            lines.add(number)
    return lines


def test_framework_source_links_name_the_pinned_release():
    from conftest import ROOT

    pins = _pins()
    stale = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text()
        history = _history_lines(text)
        for number, line in enumerate(text.splitlines(), 1):
            for link in SOURCE_LINK.finditer(line):
                if link["repo"] not in PINNED_REPOS or number in history:
                    continue
                dist, tag = PINNED_REPOS[link["repo"]]
                if link["tag"] != tag.format(pins[dist]):
                    stale.append(
                        f"{page.relative_to(ROOT)}:{number}: {link[0]} names {link['tag']}, "
                        f"the site runs {dist} {pins[dist]}: link {tag.format(pins[dist])} "
                        "(re-anchor the lines), or move the sentence into a 'What changed' box"
                    )
    assert not stale, "\n".join(stale)


def test_framework_source_line_anchors_exist_in_the_installed_release():
    """A line anchor into a framework's Python source names lines the pinned file has."""
    from conftest import CONFIG, ROOT

    from sidebyside.run.runtime import python

    purelib = subprocess.run(
        [str(python(CONFIG)), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    pins, missing, checked = _pins(), [], 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for link in SOURCE_LINK.finditer(page.read_text()):
            if link["repo"] not in PINNED_REPOS or not link["first"]:
                continue
            dist, tag = PINNED_REPOS[link["repo"]]
            installed = Path(purelib) / link["path"]
            if link["tag"] != tag.format(pins[dist]) or installed.suffix != ".py":
                continue
            last = int(link["last"] or link["first"])
            if not installed.is_file():
                missing.append(f"{page.relative_to(ROOT)}: {link[0]}: no {link['path']} in {dist}")
            elif last > len(installed.read_text().splitlines()):
                missing.append(f"{page.relative_to(ROOT)}: {link[0]}: past the end of the file")
            checked += 1
    assert checked > 200, f"only {checked} anchored source links found: is the pattern broken?"
    assert not missing, "\n".join(missing)
