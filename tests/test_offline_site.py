"""The offline copy, unzipped and opened from the file system in a real browser."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT, SITE_ENV

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip(
        "chromium not found: install Debian's package (sudo apt-get install chromium) to run "
        "the browser tests; never a downloaded browser",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
# As `nox -s offline` builds it (OFFLINE_ENV in noxfile.py), without running snippets: the
# framework switch and the search need the pages, not the outputs.
OFFLINE_ENV = {
    **SITE_ENV,
    "OFFLINE": "true",
    "SITE_URL": "",
    "REPO_URL": "",
    "REPO_NAME": "",
    "SIDEBYSIDE_EXECUTE": "0",
    "NOTEBOOK_CACHE": ".cache/mkdocs-jupyter-offline-plain",  # Notebooks without outputs.
}
TABS = {"width": 1000, "height": 800}  # Too narrow for two columns: the examples show tabs.
LOCAL_SCHEMES = ("file", "data", "blob", "about")
LINK = re.compile(r'<(?:a|link|script|img|iframe|source)\b[^>]*?\s(?:href|src)="([^"]+)"')


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """Build the offline copy, zip it as `nox -s offline` does, and unzip it elsewhere."""
    work = tmp_path_factory.mktemp("offline")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site-offline")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=OFFLINE_ENV,
    )
    assert build.returncode == 0, (
        f"mkdocs build --strict with OFFLINE=true (the offline plugin in mkdocs.yml) failed:\n"
        f"{build.stderr[-4000:]}"
    )
    archive = shutil.make_archive(str(work / "site-offline"), "zip", work, "site-offline")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(work / "unzipped")
    site = work / "unzipped" / "site-offline"
    assert (site / "index.html").is_file(), f"{archive} holds no site-offline/index.html"
    return site


def test_offline_links_name_files_not_folders(offline_site):
    # From a folder, a link to `page/` opens a directory listing: every link must name a file.
    broken = []
    for page in sorted(offline_site.rglob("*.html")):
        if page.name == "404.html":  # Served only by a web server, never opened from a folder.
            continue
        for link in map(html.unescape, LINK.findall(page.read_text())):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(offline_site)}: {link}")
    assert not broken, (
        "links in the offline copy that do not open a file (use links to .md pages, which the "
        "offline build turns into .html files):\n" + "\n".join(broken[:40])
    )


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _checked_tab(page) -> str:
    return page.eval_on_selector(
        ".sbs-example .tabbed-set",
        "s => [...s.querySelectorAll('.tabbed-labels label')]"
        "[[...s.querySelectorAll(':scope > input')].findIndex(i => i.checked)].innerText.trim()",
    )


@pytest.fixture
def page(browser):
    """A page at tab width that records console errors and any request off the file system."""
    context = browser.new_context(viewport=TABS)
    page = context.new_page()
    page.problems = []

    def console(message):
        if message.type == "error":
            page.problems.append(f"{page.url}: console: {message.text}")

    def requested(request):
        if urlsplit(request.url).scheme not in LOCAL_SCHEMES:
            page.problems.append(f"{page.url}: request off the file system: {request.url}")

    page.on("console", console)
    page.on("request", requested)
    page.on("pageerror", lambda error: page.problems.append(f"{page.url}: uncaught: {error}"))
    yield page
    context.close()


def test_offline_framework_choice_follows_to_another_page(page, offline_site):
    page.goto((offline_site / "index.html").as_uri())
    assert page.evaluate("document.documentElement.dataset.sbsView") == "tabs", (
        f"at {TABS['width']} px the offline home page should show its example as tabs"
    )
    assert _checked_tab(page) == "PyTorch"
    page.click(".sbs-example .tabbed-labels label:has-text('TensorFlow')")
    page.click("article a[href='basics/autograd.html']")
    page.wait_for_url("**/basics/autograd.html")
    assert page.locator(".sbs-example").count(), "basics/autograd.html shows no example offline"
    assert _checked_tab(page) == "TensorFlow", (
        "offline copy: the TensorFlow choice made on index.html did not follow to "
        "basics/autograd.html (linked tabs keep it in local storage)"
    )
    assert not page.problems, "\n".join(page.problems)


def test_offline_search_finds_gradienttape_question(page, offline_site):
    page.goto((offline_site / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("GradientTape")
    link = page.locator("a.md-search-result__link[href*='q08-gradienttape']").first
    try:
        link.wait_for(timeout=15000)
    except sync_api.TimeoutError:
        pytest.fail(
            "offline copy: searching GradientTape found no link to question 8 (the search runs "
            "from search/search_index.js, in a worker that the npm iframe-worker shim makes "
            "possible on file://):\n" + "\n".join(page.problems)
        )
    link.click()
    page.wait_for_url("**/questions/q08-gradienttape.html**")
    assert "GradientTape" in page.content()
    assert not page.problems, "\n".join(page.problems)
