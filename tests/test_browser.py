"""The built site in a real browser (Debian's chromium driven by Playwright)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import visit_cache
from conftest import CONFIG, ROOT, TOPICS

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


@pytest.fixture(scope="module")
def base_url(served_site):
    return served_site


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


def _pages(site) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html")
    )


# ---- The side-by-side view, deep links and accessibility. ----

WIDE = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
EXAMPLE_PAGE = "questions/q09-computational-graphs/"
EXAMPLE = "q09-graphs"
OTHER_PAGE = "basics/autograd/"
VIEW_KEY = "sidebyside.view"
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "reports" / "screenshots"
VISITS = ROOT / ".cache" / "page-visits"  # Stored visits that found nothing (visit_cache.py).


def _context(browser, viewport, view=None, **options):
    context = browser.new_context(viewport=viewport, **options)
    if view:
        context.add_init_script(f"localStorage.setItem('{VIEW_KEY}', '{view}')")
    return context


def _view(page) -> str:
    return page.evaluate("document.documentElement.dataset.sbsView")


def _example_pages(site) -> list[str]:
    return [
        p for p in _pages(site) if 'class="sbs-example"' in (site / p / "index.html").read_text()
    ]


def test_side_by_side_is_the_default_when_two_columns_fit(browser, base_url):
    context = _context(browser, WIDE)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE)
    assert _view(page) == "side", "at 1440 px the examples should open side by side"
    left = page.locator(f"#ex-{EXAMPLE}-pytorch").bounding_box()
    right = page.locator(f"#ex-{EXAMPLE}-tensorflow").bounding_box()
    assert left["x"] + left["width"] <= right["x"], "PyTorch must sit left of TensorFlow"
    assert abs(left["y"] - right["y"]) <= 1, "the two code blocks must start on the same row"
    context.close()

    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE)
    assert _view(page) == "tabs", "a phone must fall back to tabs"
    toggle = page.locator(".sbs-view-toggle--example").first
    assert toggle.get_attribute("aria-disabled") == "true"
    note = page.locator(".sbs-view-note").first.inner_text()
    assert "needs a window at least" in note, f"the control must say why: {note!r}"
    context.close()


def test_view_choice_persists_across_pages_and_reloads(browser, base_url):
    context = _context(browser, WIDE)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE)
    page.locator(".sbs-view-toggle--example").first.click()
    assert _view(page) == "tabs"
    page.goto(base_url + OTHER_PAGE)
    assert _view(page) == "tabs", "the tabs choice did not follow to another page"
    page.reload()
    assert _view(page) == "tabs", "the tabs choice did not survive a reload"
    page.locator(".sbs-view-toggle--header").click()
    assert _view(page) == "side"
    page.goto(base_url + EXAMPLE_PAGE)
    assert _view(page) == "side", "the side-by-side choice made in the header did not follow"
    context.close()


# ---- One visit per page: loading, phone width, line length, alignment, accessibility. ----
# Loading a page costs more than most checks on it, so each page is loaded once per palette
# and every check runs on that load; the tests below each assert one list of findings.

# Lazy images load only when scrolled to: make every image load, then list the broken ones;
# count the snippets that ran and the outputs shown.
PAGE_FACTS = """async () => {
  const imgs = [...document.images];
  for (const img of imgs) img.loading = "eager";
  await Promise.all(imgs.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done); img.addEventListener("error", done);
  })));
  const count = (selector, test) => [...document.querySelectorAll(`.tabbed-block ${selector}`)]
    .filter(e => test(e.textContent.trim())).length;
  return {
    broken: imgs.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src),
    codes: count(".filename", t => t.startsWith("snippets/"))
      - count(".admonition-title", t => t === "Not run by this build"),
    outputs: count(".filename", t => t === "Output"),
  };
}"""

LINE_TOPS = """example => [...document.querySelectorAll(`#${example} .sbs-code`)].map(code => {
  const tops = {};
  for (const span of code.querySelectorAll("code > span[id^='__span-']")) {
    tops[span.id.split("-").pop()] = Math.round(span.getBoundingClientRect().top);
  }
  const scroller = code.querySelector("pre > code");  // Material scrolls the code element.
  return {id: code.id, tops, cut: scroller.scrollWidth > scroller.clientWidth};
})"""

OUTPUT_TOPS = """example => [...document.querySelectorAll(`#${example} .tabbed-block`)].map(b => {
  const block = b;
  const output = [...block.querySelectorAll(".filename")].find(f => f.textContent === "Output");
  return output ? Math.round(output.getBoundingClientRect().top) : null;
})"""

# Output blocks whose longest line is wider than the block (hidden behind a scrollbar).
OUTPUTS_CUT = """example => [...document.querySelectorAll(
  `#${example} .tabbed-block .highlight:not(.sbs-code) pre > code`)]
  .filter(code => code.scrollWidth > code.clientWidth + 1).length"""

CUT_LINES = """() => [...document.querySelectorAll(".sbs-example .sbs-code pre > code")]
  .filter(code => code.clientWidth > 0 && code.scrollWidth > code.clientWidth)
  .map(code => code.closest(".sbs-code").id)"""

# Click the first TensorFlow tab shown; return whether every example shown shows TensorFlow
# then (examples in a closed <details> have no tab to click, and no line to measure).
SHOW_TENSORFLOW = """() => {
  const labels = [...document.querySelectorAll(".sbs-example .tabbed-labels label")]
    .filter(label => label.textContent.trim() === "TensorFlow" && label.checkVisibility());
  labels[0]?.click();
  document.activeElement?.blur();  // A click from script leaves the tab's keyboard focus on.
  return labels.every(label => document.getElementById(label.htmlFor).checked);
}"""


# axe-core with every rule it runs by default, once the view and palette switches have
# finished animating; returns the serious and critical violations.
AXE_RUN = """async () => {
  const transitions = document.getAnimations().filter(a => a instanceof CSSTransition);
  await Promise.race([
    Promise.allSettled(transitions.map(transition => transition.finished)),
    new Promise(done => setTimeout(done, 2000)),  // A transition that cannot run stops none.
  ]);
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${v.nodes[0].target})`);
}"""


FINDINGS = ("problems", "wide", "cut_in_tabs", "misaligned", "axe")


@dataclass
class Visit:
    """What the visit found; each list is one test's failures."""

    problems: list[str] = field(default_factory=list)  # Requests, console, images, outputs.
    wide: list[str] = field(default_factory=list)  # Pages that scroll sideways on a phone.
    cut_in_tabs: list[str] = field(default_factory=list)  # Code lines cut off at 1400 px.
    misaligned: list[str] = field(default_factory=list)  # The side-by-side view's rows.
    axe: list[str] = field(default_factory=list)  # Serious or critical axe-core violations.
    axe_checks: int = 0  # Page views axe-core checked: pages, palettes and views.
    loaded: int = 0  # Pages loaded in the browser by this run, per palette.
    reused: int = 0  # Pages whose stored visit still held (tests/visit_cache.py).

    def add(self, found: dict) -> None:
        """Count the findings of one page in one palette."""
        for name in FINDINGS:
            getattr(self, name).extend(found[name])
        self.axe_checks += found["axe_checks"]


def _watch(page, base_url: str, current: dict) -> None:
    """Record failed and off-site requests, HTTP errors and console errors of `page` in
    `current["problems"]`, each with `current["url"]`."""
    host = urlsplit(base_url).netloc

    def problem(text: str) -> None:
        current["problems"].append(f"{current['url']}: {text}")

    def failed(request):
        if request.failure != "net::ERR_ABORTED":  # Aborted by the next navigation: no error.
            problem(f"failed: {request.url} ({request.failure})")

    def answered(response):
        if response.status >= 400:
            problem(f"HTTP {response.status}: {response.url}")

    def requested(request):
        if urlsplit(request.url).netloc not in (host, "") and not request.url.startswith("data:"):
            problem(f"off-site request: {request.url}")

    def console(message):
        if message.type == "error":
            problem(f"console: {message.text}")

    page.on("requestfailed", failed)
    page.on("response", answered)
    page.on("request", requested)
    page.on("console", console)


def _axe(page) -> list[str]:
    """Run axe-core (loaded once per page); return its serious and critical violations."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN)


def _axe_pages(site) -> list[str]:
    """The pages axe-core checks: all but the notebooks, which come from one template and
    for which two stand."""
    pages = _pages(site)
    notebooks = [p for p in pages if p.startswith("notebooks/")]
    return [p for p in pages if not p.startswith("notebooks/")] + notebooks[:2]


def _too_wide_on_a_phone(page, path: str) -> list[str]:
    """Resize to a phone's width; name the page if its content scrolls sideways."""
    page.set_viewport_size(PHONE)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        return [f"{path or '/'}: content {width[0]} px wide in a {width[1]} px viewport"]
    return []


def _to_view(page, view: str) -> None:
    # A click from script: a mouse left over the control would show its hover colours.
    if _view(page) != view:
        page.eval_on_selector(".sbs-view-toggle--header", "button => button.click()")
    assert _view(page) == view, f"{page.url}: the header control did not switch to {view}"


def _page_problems(page, path: str) -> list[str]:
    """Images that did not load, and snippets shown without their output."""
    facts = page.evaluate(PAGE_FACTS)
    problems = [f"{path}: image did not load: {src}" for src in facts["broken"]]
    if facts["codes"] != facts["outputs"]:
        problems.append(f"{path}: {facts['codes']} snippet(s) but {facts['outputs']} output(s)")
    return problems


def _cut_in_tabs(page, path: str) -> list[str]:
    """At 1400 px in tabs, the code lines cut off in either framework's tab."""
    page.set_viewport_size({"width": 1400, "height": 900})
    cut = [f"{path} {block}" for block in page.evaluate(CUT_LINES)]
    # Linked tabs: a click on one TensorFlow tab shows TensorFlow in every example.
    shown = page.evaluate(SHOW_TENSORFLOW)
    assert shown, f"{path}: a click on a TensorFlow tab did not show TensorFlow everywhere"
    cut += [f"{path} {block}" for block in page.evaluate(CUT_LINES)]
    page.set_viewport_size(WIDE)
    return cut


def _misaligned(page, path: str) -> list[str]:
    """In the side-by-side view, lines cut off and rows or outputs that do not line up."""
    from sidebyside.content.align import align
    from sidebyside.content.layout import example_anchor
    from sidebyside.content.render import strip_markers

    problems = []
    for name in page.eval_on_selector_all(".sbs-example", "els => els.map(e => e.dataset.topic)"):
        topic = TOPICS[name]
        blocks = page.evaluate(LINE_TOPS, example_anchor(name))
        problems += [f"{path} {b['id']}: a line is cut off at 1440 px" for b in blocks if b["cut"]]
        if cut := page.evaluate(OUTPUTS_CUT, example_anchor(name)):
            problems.append(f"{path} {name}: {cut} output block(s) cut off at 1440 px")
        outputs = [top for top in page.evaluate(OUTPUT_TOPS, example_anchor(name)) if top]
        if len(outputs) == 2 and abs(outputs[0] - outputs[1]) > 1:
            problems.append(f"{path} {name}: outputs start at {outputs} px")
        if len(blocks) != 2:
            continue
        codes = [strip_markers(s.path.read_text()) for s in topic.snippets.values()]
        alignment = align(*codes)
        if not alignment.mirrored:
            continue
        left, right = (b["tops"] for b in blocks)
        if len(left) != alignment.left_lines or len(right) != alignment.right_lines:
            problems.append(f"{path} {name}: the page does not show the files' lines")
            continue
        for a, b in alignment.rows:
            if a and b and abs(left[str(a)] - right[str(b)]) > 1:
                problems.append(f"{path} {name}: pt.py:{a} and tf.py:{b} not on one row")
                break
    return problems


def _checks_digest(browser) -> str:
    """What every stored visit depends on besides its page: these checks and their tools."""
    from sidebyside.content import align, layout, render

    tools = [Path(__file__), Path(visit_cache.__file__), AXE]
    tools += [Path(m.__file__) for m in (align, layout, render)]
    return visit_cache.digest(
        browser.version,
        metadata.version("playwright"),
        *(p.read_bytes() if p.is_file() else b"" for p in tools),
    )


def _visit_page(page, path: str, scheme: str, examples: set, checked: list) -> dict:
    """Every check on `page` (at `path`, loaded at 1440 px in tabs) in palette `scheme`."""
    light = scheme == "light"
    found = {name: [] for name in FINDINGS} | {"axe_checks": 0}
    if light:
        found["problems"] += _page_problems(page, path)
    if path in checked:
        found["axe"] += [f"{path or '/'} [{scheme}, tabs] {v}" for v in _axe(page)]
        found["axe_checks"] += 1
    if path in examples:
        if light:
            found["cut_in_tabs"] += _cut_in_tabs(page, path)
        _to_view(page, "side")
        if light:
            found["misaligned"] += _misaligned(page, path)
        if path in checked:
            found["axe"] += [f"{path} [{scheme}, side] {v}" for v in _axe(page)]
            found["axe_checks"] += 1
    if light:
        found["wide"] += _too_wide_on_a_phone(page, path)
    return found


@pytest.fixture(scope="module")
def visit(request, browser, base_url, site) -> Visit:
    """Load every page in the light palette, and the accessibility-checked ones in the dark.

    At 1440 px in tabs: requests, console, images and outputs, and axe-core; on example pages
    also line length at 1400 px in both tabs, then side by side: line and output alignment and
    axe-core again. Then resized to a phone's width: sideways scrolling. The dark palette
    repeats axe-core in both views. A page whose stored visit found nothing and still holds
    is not loaded again (`--no-visit-cache` loads every page).
    """
    result = Visit()
    examples = set(_example_pages(site))
    checked = _axe_pages(site) if AXE.is_file() else []  # Else the axe test says why it skips.
    stored = visit_cache.VisitCache(VISITS, site, _checks_digest(browser))
    reuse = not request.config.getoption("--no-visit-cache")
    current = {"url": "", "problems": []}
    visited: list[tuple[str, str, dict]] = []  # Kept until the next load: late events count.

    def finish() -> None:
        for path, scheme, found in visited:
            found["problems"] = current["problems"] + found["problems"]
            result.add(found)
            stored.store(path, scheme, found)
        visited.clear()

    for scheme in ("light", "dark"):
        context = _context(browser, WIDE, view="tabs", color_scheme=scheme)
        page = context.new_page()
        _watch(page, base_url, current)
        for path in _pages(site) if scheme == "light" else checked:
            if reuse and (found := stored.lookup(path, scheme)) is not None:
                result.add(found)
                result.reused += 1
                continue
            finish()
            current.update(url=path or "/", problems=[])
            page.set_viewport_size(WIDE)
            page.goto(base_url + path, wait_until="load")
            visited.append((path, scheme, _visit_page(page, path, scheme, examples, checked)))
            result.loaded += 1
        context.close()
        finish()
    stored.keep_only([(path, "light") for path in _pages(site)] + [(p, "dark") for p in checked])
    print(f"browser visit: {result.loaded} page(s) loaded, {result.reused} stored visit(s) held")
    return result


def test_every_page_loads_cleanly(visit):
    assert not visit.problems, "\n".join(visit.problems[:40])


def test_phone_viewport_has_no_horizontal_scroll(visit):
    assert not visit.wide, "pages scroll sideways on a phone:\n" + "\n".join(visit.wide)


def test_tabs_fit_the_snippet_line_length_at_1400_pixels(visit):
    assert not visit.cut_in_tabs, (
        "code lines cut off in tabs at 1400 px (keep snippets to 88 characters):\n"
        + "\n".join(visit.cut_in_tabs[:30])
    )


def test_side_by_side_aligns_lines_and_outputs_with_no_line_cut_off(visit):
    assert not visit.misaligned, "\n".join(visit.misaligned[:30])


def test_axe_finds_no_serious_violation(visit, site):
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE}: `nox -s tests` installs it with npm")
    # Each checked page in tabs and, with examples, side by side, in both palettes.
    expected = 2 * (len(_axe_pages(site)) + len(_example_pages(site)))
    assert visit.axe_checks == expected, f"axe-core checked {visit.axe_checks} of {expected} views"
    assert not visit.axe, "axe-core found serious or critical violations:\n" + "\n".join(
        visit.axe[:40]
    )


def test_copy_button_copies_exactly_the_file(browser, base_url):
    from sidebyside.content.render import strip_markers

    for view in ("side", "tabs"):
        context = _context(
            browser, WIDE, view=view, permissions=["clipboard-read", "clipboard-write"]
        )
        page = context.new_page()
        page.goto(base_url + EXAMPLE_PAGE)
        for framework, snippet in TOPICS[EXAMPLE].snippets.items():
            block = page.locator(f"#ex-{EXAMPLE}-{framework}")
            if not block.is_visible():
                page.locator(
                    f".tabbed-labels label:has-text('{CONFIG.framework(framework).label}')"
                ).first.click()
            block.hover()
            block.locator("button.md-code__button[data-md-type=copy]").click()
            copied = page.evaluate("navigator.clipboard.readText()")
            expected = strip_markers(snippet.path.read_text()).rstrip()
            assert copied == expected, (
                f"[{view}] the copy button of {snippet.id} did not copy the file exactly"
            )
        context.close()


def test_fw_parameter_and_anchors_select_the_framework(browser, base_url):
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE + "?fw=tensorflow")
    assert _checked_tab(page) == "TensorFlow", "?fw=tensorflow did not select TensorFlow"
    page.goto(base_url + OTHER_PAGE + "?fw=pytorch")
    assert _checked_tab(page) == "PyTorch", "?fw=pytorch did not select PyTorch"
    page.goto(base_url + EXAMPLE_PAGE + f"#ex-{EXAMPLE}-tensorflow")
    assert _checked_tab(page) == "TensorFlow", "the TensorFlow anchor did not show TensorFlow"
    assert page.locator(f"#ex-{EXAMPLE}-tensorflow").is_visible()
    context.close()

    context = _context(browser, WIDE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE)
    page.locator(f"#ex-{EXAMPLE} .sbs-link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith(f"{EXAMPLE_PAGE}#ex-{EXAMPLE}-pytorch"), f"copied link: {link}"
    context.close()


def _tensorflow_proof(site) -> tuple[str, str, int, int]:
    """Return (page, link target, first, last) of the first proof mark on a TensorFlow line."""
    mark = re.compile(
        r'class="sbs-proof" href="#([^"]+-tensorflow-\d+)"[^>]*data-lines="(\d+)-(\d+)"'
    )
    for page in _example_pages(site):
        if found := mark.search((site / page / "index.html").read_text()):
            return page, found[1], int(found[2]), int(found[3])
    pytest.fail("no proof mark links a TensorFlow line")


def test_a_proof_mark_shows_its_framework_and_highlights_its_lines(browser, base_url, site):
    page_path, target, first, last = _tensorflow_proof(site)
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(base_url + page_path + "?fw=pytorch")
    assert _checked_tab(page) == "PyTorch"
    page.locator(f'a.sbs-proof[href="#{target}"]').first.click()
    assert _checked_tab(page) == "TensorFlow", f"{page_path}: the mark #{target} left PyTorch shown"
    line = page.locator(f"#{target}")
    assert line.is_visible(), f"{page_path}: the marked line #{target} is not visible"
    prefix = target.rsplit("-", 1)[0]
    shaded = page.evaluate("[...document.querySelectorAll('.sbs-proven')].map(e => e.id)")
    expected = [f"{prefix}-{n}" for n in range(first, last + 1)]
    assert shaded == expected, f"{page_path}: highlighted {shaded}, expected {expected}"
    context.close()


def test_search_hit_in_tensorflow_code_opens_tensorflow(browser, base_url):
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(base_url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").fill("ReadVariableOp")
    link = page.locator("a.md-search-result__link[href*='q09-computational-graphs']").first
    link.wait_for(timeout=15000)
    link.click()
    page.wait_for_url("**/questions/q09-computational-graphs/**")
    assert _checked_tab(page) == "TensorFlow", "a term found only in tf.py must show TensorFlow"
    context.close()


def test_view_control_and_tabs_work_from_the_keyboard(browser, base_url):
    context = _context(browser, WIDE)
    page = context.new_page()
    page.goto(base_url + EXAMPLE_PAGE)
    toggle = page.locator(".sbs-view-toggle--example").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sbs-view-toggle--example')"):
            break
    else:
        pytest.fail("the view control cannot be reached with the Tab key")
    outline = toggle.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none", "the focused view control shows no focus outline"
    page.keyboard.press("Enter")
    assert _view(page) == "tabs", "Enter on the view control did not switch to tabs"
    label = page.locator(".sbs-example .tabbed-labels label:has-text('TensorFlow')").first
    label.focus()
    page.keyboard.press("Enter")
    assert _checked_tab(page) == "TensorFlow", "Enter on a tab label did not select it"
    context.close()


def test_screenshots_of_both_views(browser, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    taken = []
    for scheme in ("light", "dark"):
        for view in ("side", "tabs"):
            for name, viewport in (("1440", WIDE), ("390", PHONE)):
                context = _context(browser, viewport, view=view, color_scheme=scheme)
                page = context.new_page()
                page.goto(base_url + EXAMPLE_PAGE)
                path = SCREENSHOTS / f"{EXAMPLE}-{view}-{scheme}-{name}.png"
                page.locator(f"#ex-{EXAMPLE}").screenshot(path=path)
                taken.append(path)
                context.close()
    assert all(p.stat().st_size > 10_000 for p in taken), "a screenshot came out empty"
    for path in taken:  # PNG: the width sits in the IHDR chunk, bytes 16-20.
        width = int.from_bytes(path.read_bytes()[16:20], "big")
        limit = WIDE["width"] if path.stem.endswith("1440") else PHONE["width"]
        assert limit // 2 < width <= limit, f"{path.name}: {width} px wide, viewport {limit}"
    for path in taken:
        if "-light-" in path.name:
            dark = path.with_name(path.name.replace("-light-", "-dark-"))
            assert path.read_bytes() != dark.read_bytes(), f"{path.name}: dark looks the same"


def test_status_table_filters_as_you_type(browser, base_url):
    context = _context(browser, WIDE)
    page = context.new_page()
    page.goto(base_url + "status/")
    rows = page.locator("#sbs-status tbody tr")
    total = rows.count()
    assert total == len(TOPICS), f"the status table has {total} rows for {len(TOPICS)} topics"
    page.locator("input.sbs-filter").fill(EXAMPLE)
    shown = [r for r in rows.all() if r.is_visible()]
    assert len(shown) == 1 and EXAMPLE in shown[0].inner_text(), "the filter did not narrow rows"
    page.locator("input.sbs-filter").fill("")
    assert sum(r.is_visible() for r in rows.all()) == total
    context.close()


def test_axe_finds_no_serious_violation_on_a_phone(browser, base_url):
    if not AXE.is_file():
        pytest.skip(f"axe-core not installed at {AXE}: `nox -s tests` installs it with npm")
    problems = []
    for scheme in ("light", "dark"):
        context = _context(browser, PHONE, color_scheme=scheme)
        page = context.new_page()
        for path in ("", EXAMPLE_PAGE, "status/"):
            page.goto(base_url + path)
            problems += [f"{path or '/'} [{scheme}, 390 px] {v}" for v in _axe(page)]
        context.close()
    assert not problems, "axe-core found serious or critical violations:\n" + "\n".join(problems)
