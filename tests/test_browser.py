"""The built site in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlsplit

import pytest

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _checked_tab(page) -> str:
    return page.eval_on_selector(
        ".tabbed-set",
        "s => s.querySelector('input:checked + label, .tabbed-labels label')"
        " && [...s.querySelectorAll('.tabbed-labels label')]"
        "[[...s.querySelectorAll(':scope > input')].findIndex(i => i.checked)].innerText.trim()",
    )


def test_tab_choice_follows_reader_across_pages_and_reload(browser, base_url):
    page = browser.new_page()
    page.goto(base_url + "basics/autograd/")
    assert _checked_tab(page) == "PyTorch"
    page.click(".tabbed-labels label:has-text('TensorFlow')")
    page.goto(base_url + "basics/classifier/")
    assert _checked_tab(page) == "TensorFlow", "the TensorFlow choice did not follow to a new page"
    page.reload()
    assert _checked_tab(page) == "TensorFlow", "the TensorFlow choice did not survive a reload"
    page.close()


def test_search_finds_gradienttape_question(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type("GradientTape")
    link = page.locator("a.md-search-result__link[href*='q08-gradienttape']").first
    link.wait_for(timeout=15000)
    link.click()
    page.wait_for_url("**/questions/q08-gradienttape/**")
    assert "GradientTape" in page.content()
    page.close()


# Lazy images load only when scrolled to: make every image load, then list the broken ones.
LOAD_ALL_IMAGES = """async imgs => {
  for (const img of imgs) img.loading = "eager";
  await Promise.all(imgs.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done); img.addEventListener("error", done);
  })));
  return imgs.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src);
}"""


def _pages(site):
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
    )


@pytest.fixture(scope="module")
def crawl(browser, base_url, site):
    """Visit every page once at desktop size and once resized to a phone's width."""
    problems: list[str] = []
    wide: list[str] = []
    host = urlsplit(base_url).netloc
    page = browser.new_page()
    current = {"url": ""}

    def failed(request):
        if request.failure != "net::ERR_ABORTED":  # Aborted by the next navigation: no error.
            problems.append(f"{current['url']}: failed: {request.url} ({request.failure})")

    def answered(response):
        if response.status >= 400:
            problems.append(f"{current['url']}: HTTP {response.status}: {response.url}")

    def requested(request):
        if urlsplit(request.url).netloc not in (host, "") and not request.url.startswith("data:"):
            problems.append(f"{current['url']}: off-site request: {request.url}")

    def console(message):
        if message.type == "error":
            problems.append(f"{current['url']}: console: {message.text}")

    page.on("requestfailed", failed)
    page.on("response", answered)
    page.on("request", requested)
    page.on("console", console)
    for path in _pages(site):
        current["url"] = path or "/"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(base_url + path, wait_until="load")
        broken = page.eval_on_selector_all("img", LOAD_ALL_IMAGES)
        problems += [f"{path}: image did not load: {src}" for src in broken]
        codes = page.locator(".tabbed-block .filename:text-matches('^snippets/')").count()
        outputs = page.locator(".tabbed-block .filename:text-is('Output')").count()
        if codes != outputs:
            problems.append(f"{path}: {codes} snippet(s) but {outputs} output(s)")
        page.set_viewport_size({"width": 390, "height": 844})
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            wide.append(f"{path or '/'}: content {width[0]} px wide in a {width[1]} px viewport")
    page.close()
    return problems, wide


def test_every_page_loads_cleanly(crawl):
    problems, _ = crawl
    assert not problems, "\n".join(problems[:40])


def test_phone_viewport_has_no_horizontal_scroll(crawl):
    _, wide = crawl
    assert not wide, "pages scroll sideways on a phone:\n" + "\n".join(wide)
