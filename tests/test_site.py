"""The real site builds strictly, shows outputs under code and requests nothing off-site."""

from __future__ import annotations

import re


def pages(site):
    return sorted(site.rglob("*.html"))


def test_every_example_shows_output(site):
    for page in pages(site):
        html = page.read_text()
        tabs = html.count('class="tabbed-set')
        if 'title="snippets/' not in html and "snippets/" not in html:
            continue
        codes = len(re.findall(r'<span class="filename">snippets/[^<]+\.py</span>', html))
        codes -= html.count('<p class="admonition-title">Not run by this build</p>')
        outputs = html.count('<span class="filename">Output</span>')
        assert codes == outputs, f"{page}: {codes} snippet(s) shown but {outputs} output(s)"
        assert tabs or not codes


EXTERNAL = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*(?:src|href)="(https?:)?//', re.I)


def test_no_request_to_another_host(site):
    offenders = [
        f"{p.relative_to(site)}: {m.group(0)[:120]}"
        for p in pages(site)
        for m in EXTERNAL.finditer(p.read_text())
        if 'rel="canonical"' not in m.group(0)  # A name for the page, never fetched.
    ]
    offenders += [
        f"{p.relative_to(site)}: {m.group(0)}"
        for p in site.rglob("*.css")
        for m in re.finditer(
            r"@import\s+url\([\"']?https?:[^)]*\)|url\([\"']?https?://[^)]*\)", p.read_text()
        )
    ]
    assert not offenders, "pages load from other hosts (the site must work offline):\n" + "\n".join(
        offenders
    )


def test_tabs_are_labelled_and_linked(site):
    html = (site / "basics" / "autograd" / "index.html").read_text()
    labels = re.findall(r'<label for="__tabbed_\d+_\d+">([^<]+)</label>', html)
    assert labels[:2] == ["PyTorch", "TensorFlow"], labels
    assert "content.tabs.link" in html, (
        "tabs are not linked site-wide (theme feature content.tabs.link)"
    )


def test_home_page_shows_the_site_in_figures(site):
    from conftest import ROOT, TOPICS

    home = (site / "index.html").read_text()
    assert 'class="sbs-example"' in home, "the home page shows no live example"
    questions = len(list((ROOT / "docs" / "questions").glob("q[0-9][0-9]-*.md")))
    checks = sum(len(t.compare) for t in TOPICS.values())
    figures = (f"<td>{questions}</td>", f"<td>{len(TOPICS)} (", f"<td>{checks}</td>", "Built on ")
    for figure in figures:
        assert figure in home, f"the home page lacks {figure!r}"
    assert questions == 37, f"{questions} question pages; the site promises 37"


PROOF = re.compile(
    r'<a class="sbs-proof" href="#([^"]+)" data-block="([^"]+)" data-lines="(\d+)-(\d+)"'
)


def test_every_proof_mark_links_to_marked_lines_on_its_page(site):
    """Each proof link's lines exist in the code block it names, on the same page."""
    marks = 0
    for page in pages(site):
        html = page.read_text()
        for target, block, first, last in PROOF.findall(html):
            marks += 1
            where = f"{page.relative_to(site)}: proof link #{target}"
            assert target == f"__span-{block}-{first}", f"{where} does not start at line {first}"
            for line in range(int(first), int(last) + 1):
                assert f'id="__span-{block}-{line}"' in html, f"{where}: no line {line} in {block}"
    assert marks >= 100, f"only {marks} proof marks on the site: the pages lost their proofs"
