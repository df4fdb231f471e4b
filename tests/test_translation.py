"""The translation table: every row checked by a run, findable on its page, and the cheat sheet.

The site tests use the session's strict build (the `site` fixture); set SIDEBYSIDE_SITE to a
folder built by `mkdocs build` to check that one instead.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import CONFIG, TOPICS
from serving import serve

from sidebyside.content import translation
from sidebyside.content.compare import check_topics
from sidebyside.content.directives import expand
from sidebyside.content.render import Renderer
from sidebyside.core.discover import all_snippets
from sidebyside.run.runner import run_all
from sidebyside.site import cheatsheet_pdf

TABLE = translation.load_table(CONFIG)
TR_TOPICS = {n: t for n, t in TOPICS.items() if n.startswith(translation.TOPIC_PREFIX)}
CHECKED_ROWS = [row for row in TABLE.rows if row.id in TOPICS[row.topic].compare]
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def tr_runs():
    """Run (or load from the cache) the translation topics only."""
    results, failures = run_all(CONFIG, all_snippets(TR_TOPICS))
    assert not failures, "\n".join(map(str, failures.values()))
    return results


@pytest.fixture(scope="module")
def built(request) -> Path:
    prebuilt = os.environ.get("SIDEBYSIDE_SITE")
    return Path(prebuilt) if prebuilt else request.getfixturevalue("site")


def test_rows_cover_every_group():
    assert len(TABLE.rows) >= 120, f"only {len(TABLE.rows)} rows"
    groups = {row.group for row in TABLE.rows}
    assert groups == set(TABLE.groups), f"groups without rows: {set(TABLE.groups) - groups}"
    assert {row.category for row in TABLE.rows} == set(translation.CATEGORIES)


def test_every_row_has_a_check_unless_it_has_no_equivalent():
    problems = translation.problems(TABLE, TOPICS)
    assert not problems, "\n".join(problems)


def test_a_row_without_check_is_reported():
    row = next(r for r in TABLE.rows if r.category in translation.CHECKED)
    topic = TOPICS[row.topic]
    less = {k: v for k, v in topic.compare.items() if k != row.id}
    topics = {**TOPICS, row.topic: dataclasses.replace(topic, compare=less)}
    found = translation.problems(TABLE, topics)
    assert any(f"row {row.id!r}" in p and "has no check" in p for p in found), found


@pytest.mark.parametrize("row", CHECKED_ROWS, ids=lambda r: r.id)
def test_row_is_a_labelled_block_in_both_files(row):
    for snippet in TOPICS[row.topic].snippets.values():
        text = snippet.path.read_text()
        assert re.search(rf"^\s*# {row.id}: ", text, re.M), (
            f"{snippet.path}: no comment line `# {row.id}: ...` names the row's block"
        )


def test_every_row_shows_the_code_its_check_runs():
    problems = translation.unexecuted_forms(TABLE, TOPICS)
    assert not problems, f"{len(problems)} row form(s) to fix:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("changed", "needle"),
    [
        ("from_logits=True, ", "row 'per_sample': its tensorflow form shows"),
        ("1e-10", "row 'adagrad': its tensorflow form shows"),
    ],
    ids=["dropped-argument", "changed-value"],
)
def test_a_row_showing_other_code_than_its_check_is_reported(changed, needle):
    """Drop a piece of the executed form from a row: the table no longer matches the check."""
    row_id = needle.split("'")[1]
    row = next(r for r in TABLE.rows if r.id == row_id)
    assert changed in row.tensorflow, f"row {row_id!r} no longer shows {changed!r}; update the test"
    altered = dataclasses.replace(row, tensorflow=row.tensorflow.replace(changed, ""))
    rows = tuple(altered if r.id == row_id else r for r in TABLE.rows)
    found = translation.unexecuted_forms(dataclasses.replace(TABLE, rows=rows), TOPICS)
    assert any(p.startswith(needle) for p in found), found


def test_every_check_is_in_the_run_exports_and_agrees(tr_runs):
    missing = [
        f"{result.path}: no export {row.id!r}"
        for row in CHECKED_ROWS
        for snippet in TOPICS[row.topic].snippets.values()
        for result in [tr_runs[snippet.id]]
        if row.id not in result.exports
    ]
    assert not missing, "\n".join(missing)
    assert not check_topics(TR_TOPICS, tr_runs)


def test_a_disagreement_names_the_row(tr_runs):
    row = next(r for r in CHECKED_ROWS if r.group == "tensors")
    snippet = TOPICS[row.topic].snippets["tensorflow"]
    broken = dataclasses.replace(tr_runs[snippet.id])
    broken.exports = {**broken.exports, row.id: "not the same"}
    results = {**tr_runs, snippet.id: broken}
    (message,) = check_topics({row.topic: TOPICS[row.topic]}, results)
    assert f"DISAGREE on {row.id!r}" in message
    # The table shows the row with a cross (serve keeps serving); the build fails on the
    # message above (the plugin's one policy, tested in test_build.py).
    renderer = Renderer(CONFIG, TOPICS, results, "translation.md")
    table = expand(f'{{{{ translation("{row.topic}") }}}}\n', renderer.handlers())
    shown = table[table.index(f'<tr id="{row.anchor}"') :]
    shown = shown[: shown.index("</tr>")]
    assert '<span class="tr-bad">✗ DISAGREE</span>' in shown, f"row {row.id}: no cross shown"
    assert table.count('class="tr-bad"') == 1, "only the broken row may show a cross"


def test_table_shows_each_check(tr_runs):
    renderer = Renderer(CONFIG, TOPICS, tr_runs, "translation.md")
    text = expand((CONFIG.root / "docs" / "translation.md").read_text(), renderer.handlers())
    for row in TABLE.rows:
        assert f'id="{row.anchor}"' in text, f"no row {row.anchor}"
    assert text.count('class="tr-ok">✓') == len(CHECKED_ROWS)


def test_page_html_has_every_row_and_search_finds_them(built):
    page = (built / "translation" / "index.html").read_text()
    for row in TABLE.rows:
        assert f'id="{row.anchor}"' in page, f"row {row.anchor} is not in the page"
        for form in (row.pytorch, row.tensorflow):
            assert html.escape(form, quote=False) in page, f"{row.id}: {form!r} not in the page"
    index = json.loads((built / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("translation/"))
    for row in TABLE.rows:
        for form in (row.pytorch, row.tensorflow):
            first = html.escape(form.split("(")[0], quote=False)
            assert first in text, f"search index lacks {first!r} of row {row.id}"


def test_cheatsheet_page_shows_the_chosen_rows(built):
    page = (built / "cheatsheet" / "index.html").read_text()
    used = translation.usage(CONFIG, TOPICS, TABLE)
    chosen = translation.sheet_rows(TABLE, used)
    assert len(chosen) == TABLE.sheet_rows
    for row in TABLE.rows:
        if row.id in chosen:
            assert html.escape(row.pytorch, quote=False) in page, f"{row.id} is not on the sheet"
    sheet = page.split('class="tr-sheet"', 1)[1]
    assert sheet.count('<td class="tr-sym"') == len(chosen)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not found: sudo apt-get install chromium")
def test_cheatsheet_pdf_has_two_a4_pages(built, tmp_path):
    if CHROMIUM is None:
        pytest.skip("chromium not found: install Debian's package to print the cheat sheet")
    copy = tmp_path / "site"
    for folder in ("cheatsheet", "assets"):
        shutil.copytree(built / folder, copy / folder)
    assert cheatsheet_pdf.main([str(copy)]) == 0
    pdf = (copy / cheatsheet_pdf.PDF).read_bytes()
    assert cheatsheet_pdf.count_pages(pdf) == 2, "the cheat sheet is not two pages long"
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert sizes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in sizes)
    assert 'href="../cheatsheet.pdf"' in (copy / "cheatsheet" / "index.html").read_text()


# Browser: the filter works as you type, and a search result lands on the row.


@pytest.fixture(scope="module")
def browser_page(built):
    if CHROMIUM is None:
        pytest.skip("chromium not found: install Debian's package (sudo apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with serve(built) as server, sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        page = chromium.new_page()
        yield page, server.url
        chromium.close()


def _visible_rows(page) -> list[str]:
    return page.eval_on_selector_all(
        ".tr-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.id)"
    )


@pytest.mark.browser
def test_filter_as_you_type(browser_page):
    page, base = browser_page
    page.goto(base + "translation/")
    assert len(_visible_rows(page)) == len(TABLE.rows)
    page.fill(".tr-filter input", "from_logits")
    visible = _visible_rows(page)
    assert "tr-cross_entropy" in visible and len(visible) < 10, visible
    page.fill(".tr-filter input", "")
    page.select_option(".tr-filter select[name=category]", "none")
    expected = {r.anchor for r in TABLE.rows if r.category == "none"}
    assert set(_visible_rows(page)) == expected
    page.select_option(".tr-filter select[name=category]", "")
    page.select_option(".tr-filter select[name=group]", "losses")
    assert set(_visible_rows(page)) == {r.anchor for r in TABLE.group("losses")}
    assert "group=losses" in page.url


@pytest.mark.browser
def test_search_lands_on_a_row(browser_page):
    page, base = browser_page
    page.goto(base)
    page.click("input.md-search__input")
    page.keyboard.type("tf.fill")
    link = page.locator("a.md-search-result__link[href*='translation/']").first
    link.wait_for(timeout=15000)
    link.click()
    page.wait_for_url("**/translation/**")
    page.wait_for_selector("#tr-full")
    assert "tr-full" in _visible_rows(page)
    assert page.is_visible("#tr-full")
