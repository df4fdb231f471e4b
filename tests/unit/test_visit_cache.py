"""A stored browser visit holds exactly while nothing it depends on has changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from visit_cache import VisitCache

CLEAN = {"problems": [], "wide": [], "cut_in_tabs": [], "misaligned": [], "axe": []}
PAGE = "questions/q01/"


def _site(root: Path) -> Path:
    site = root / "site"
    files = {
        "index.html": '<script src="assets/site.js"></script>',
        f"{PAGE}index.html": '<link href="../../assets/site.css"><img src="../../plots/a.svg">',
        "other/index.html": '<img src="../plots/b.svg">',
        "assets/site.js": "js",
        "assets/site.css": "css",
        "plots/a.svg": "<svg>a</svg>",
        "plots/b.svg": "<svg>b</svg>",
        "downloads/q01.py": "print(1)",
        "search/search_index.json": "{}",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    return site


def _stored(tmp_path: Path, checks: str = "checks v1") -> VisitCache:
    return VisitCache(tmp_path / "visits", tmp_path / "site", checks)


@pytest.fixture
def site(tmp_path):
    site = _site(tmp_path)
    assert _stored(tmp_path).store(PAGE, "light", CLEAN | {"axe_checks": 2})
    return site


def test_a_clean_visit_is_reused_while_nothing_changed(tmp_path, site):
    assert _stored(tmp_path).lookup(PAGE, "light") == CLEAN | {"axe_checks": 2}


@pytest.mark.parametrize(
    "change",
    [
        f"{PAGE}index.html",  # The page itself.
        "assets/site.js",  # A script every page loads.
        "plots/a.svg",  # An image this page shows.
    ],
)
def test_a_changed_file_the_page_loads_means_a_new_visit(tmp_path, site, change):
    (site / change).write_text((site / change).read_text() + " ")
    assert _stored(tmp_path).lookup(PAGE, "light") is None, f"{change} changed: visit again"


def test_a_missing_search_index_means_a_new_visit(tmp_path, site):
    (site / "search/search_index.json").unlink()
    assert _stored(tmp_path).lookup(PAGE, "light") is None


def test_files_the_page_does_not_load_leave_the_visit_standing(tmp_path, site):
    for name in ("plots/b.svg", "other/index.html", "downloads/q01.py"):
        (site / name).write_text("changed")
    assert _stored(tmp_path).lookup(PAGE, "light") is not None


def test_other_checks_or_palette_or_page_find_nothing_stored(tmp_path, site):
    assert _stored(tmp_path, "checks v2").lookup(PAGE, "light") is None
    assert _stored(tmp_path).lookup(PAGE, "dark") is None
    assert _stored(tmp_path).lookup("other/", "light") is None


def test_a_visit_with_findings_is_never_stored(tmp_path, site):
    stored = _stored(tmp_path)
    failing = CLEAN | {"axe": ["serious color-contrast"], "axe_checks": 1}
    assert not stored.store("other/", "light", failing)
    assert stored.lookup("other/", "light") is None
    # A page found failing loses the clean visit it had, even with its files unchanged.
    assert not stored.store(PAGE, "light", failing)
    assert stored.lookup(PAGE, "light") is None


def test_visits_of_pages_gone_or_older_checks_are_deleted(tmp_path, site):
    older = _stored(tmp_path, "checks v0")
    assert older.store(PAGE, "light", CLEAN | {"axe_checks": 1})
    stored = _stored(tmp_path)
    assert stored.store("other/", "dark", CLEAN | {"axe_checks": 1})
    stored.keep_only([(PAGE, "light")])
    assert stored.lookup(PAGE, "light") is not None
    assert stored.lookup("other/", "dark") is None
    assert len(list((tmp_path / "visits").glob("*.json"))) == 1
