// Side-by-side view of the examples: the view switch, deep links and framework choice on load.
// The alignment of the two files is computed when the site is built; this only switches views.
(() => {
  "use strict";

  const KEY = "sidebyside.view"; // "side" or "tabs", remembered across pages and reloads.
  const MIN_CHARS = 80; // Side by side needs two code columns at least this wide.
  const root = document.documentElement;

  // Width a window needs for two code columns of MIN_CHARS characters in the side-by-side font.
  function neededWidth() {
    const probe = document.createElement("code");
    probe.className = "sbs-measure";
    probe.textContent = "0".repeat(100);
    document.body.append(probe);
    const char = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const rem = parseFloat(getComputedStyle(root).fontSize);
    const column = MIN_CHARS * char + 1.6 * rem; // Text and the code block's padding.
    return Math.ceil(2 * column + 0.8 * rem + 2.4 * rem + 20); // Gap, page margins, scrollbar.
  }

  function chosenView() {
    return localStorage.getItem(KEY) || "side";
  }

  function applyView() {
    const need = neededWidth();
    const fits = window.innerWidth >= need;
    const view = fits && chosenView() === "side" ? "side" : "tabs";
    root.dataset.sbsView = view;
    const why = fits
      ? ""
      : `Side by side needs a window at least ${need} pixels wide (this one is ` +
        `${window.innerWidth}), so each example shows one framework at a time.`;
    for (const button of document.querySelectorAll(".sbs-view-toggle")) {
      button.setAttribute("aria-pressed", String(view === "side"));
      button.setAttribute("aria-disabled", String(!fits));
      button.title = why || (view === "side" ? "Show one framework at a time" : "Show both frameworks");
    }
    for (const note of document.querySelectorAll(".sbs-view-note")) note.textContent = why;
  }

  function toggleView(event) {
    if (event.currentTarget.getAttribute("aria-disabled") === "true") return;
    localStorage.setItem(KEY, root.dataset.sbsView === "side" ? "tabs" : "side");
    applyView();
  }

  function viewButton(extraClass) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = `sbs-view-toggle ${extraClass}`;
    button.textContent = "Side by side";
    button.addEventListener("click", toggleView);
    return button;
  }

  // The framework of the tab that is shown in an example's tab set.
  function shownFramework(example) {
    const set = example.querySelector(".tabbed-set");
    const index = [...set.querySelectorAll(":scope > input")].findIndex((i) => i.checked);
    const code = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")[index];
    const block = code && code.querySelector(".sbs-code");
    return block ? block.id.slice(example.id.length + 1) : "";
  }

  function linkButton(example) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sbs-link";
    button.textContent = "Copy link";
    button.title = "Copy a link to this example, with the framework shown";
    button.addEventListener("click", async () => {
      const framework = shownFramework(example);
      const target = framework ? `${example.id}-${framework}` : example.id;
      const url = `${location.origin}${location.pathname}#${target}`;
      try {
        await navigator.clipboard.writeText(url);
        button.textContent = "Link copied";
      } catch {
        button.textContent = url; // No clipboard access: show the link to copy by hand.
      }
      history.replaceState(null, "", `#${target}`);
      setTimeout(() => (button.textContent = "Copy link"), 2000);
    });
    return button;
  }

  function addControls() {
    for (const example of document.querySelectorAll(".sbs-example")) {
      const bar = document.createElement("div");
      bar.className = "sbs-toolbar";
      const note = document.createElement("span");
      note.className = "sbs-view-note";
      bar.append(viewButton("sbs-view-toggle--example"), linkButton(example), note);
      example.prepend(bar);
    }
    const header = document.querySelector(".md-header__inner .md-header__title");
    if (header && document.querySelector(".sbs-example")) {
      header.after(viewButton("sbs-view-toggle--header md-header__button"));
    }
    // Tab labels are reachable and usable from the keyboard.
    for (const label of document.querySelectorAll(".sbs-example .tabbed-labels > label")) {
      label.tabIndex = 0;
      label.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          label.click();
        }
      });
    }
  }

  // Select the tab holding `element` in its tab set (linked tabs follow on every example).
  function reveal(element) {
    const block = element.closest(".tabbed-block");
    if (!block) return;
    const set = block.closest(".tabbed-set");
    const index = [...block.parentElement.children].indexOf(block);
    const label = set.querySelectorAll(":scope > .tabbed-labels > label")[index];
    if (label) label.click();
  }

  function selectFramework(framework) {
    const code = document.querySelector(`.sbs-example .sbs-code[id$="-${CSS.escape(framework)}"]`);
    if (code) reveal(code);
  }

  // A search hit whose term appears in one framework's code only shows that framework.
  function frameworkOfSearchTerm(term) {
    const found = new Set();
    for (const code of document.querySelectorAll(".sbs-example .sbs-code")) {
      if (code.textContent.toLowerCase().includes(term)) {
        const example = code.closest(".sbs-example");
        found.add(code.id.slice(example.id.length + 1));
      }
    }
    return found.size === 1 ? [...found][0] : null;
  }

  // A proof mark links to a line of a code block: show that tab and highlight the lines
  // the mark names (its data-lines, "first-last").
  function showProof(line) {
    const code = line.closest(".sbs-code");
    reveal(code);
    for (const old of document.querySelectorAll(".sbs-proven")) old.classList.remove("sbs-proven");
    const mark = document.querySelector(`a.sbs-proof[href="#${CSS.escape(line.id)}"]`);
    const [first, last] = (mark ? mark.dataset.lines : "").split("-").map(Number);
    const prefix = line.id.slice(0, line.id.lastIndexOf("-") + 1);
    for (let n = first || 0; n <= (last || 0); n++) {
      const span = document.getElementById(prefix + n);
      if (span) span.classList.add("sbs-proven");
    }
    line.classList.add("sbs-proven");
    line.scrollIntoView({ block: "center" });
  }

  function applyLocation() {
    const params = new URLSearchParams(location.search);
    const hash = decodeURIComponent(location.hash.slice(1));
    const target = hash && document.getElementById(hash);
    if (target && target.classList.contains("sbs-code")) {
      reveal(target);
      target.scrollIntoView();
      return;
    }
    if (target && hash.startsWith("__span-") && target.closest(".sbs-code")) {
      showProof(target);
      return;
    }
    const framework = params.get("fw");
    if (framework) {
      selectFramework(framework.toLowerCase());
      return;
    }
    const term = (params.get("h") || "").trim().toLowerCase();
    const only = term && frameworkOfSearchTerm(term);
    if (only) selectFramework(only);
  }

  // Filter boxes (the run status page): keep the rows holding every word typed.
  function addFilters() {
    for (const input of document.querySelectorAll("input.sbs-filter")) {
      const table = document.getElementById(input.dataset.filter);
      if (!table) continue;
      const rows = [...table.querySelectorAll("tbody tr")];
      input.addEventListener("input", () => {
        const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        for (const row of rows) {
          const text = row.textContent.toLowerCase();
          row.hidden = !words.every((word) => text.includes(word));
        }
      });
    }
  }

  // A table wider than its column scrolls: make that region reachable from the keyboard.
  function focusableScrollRegions() {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
      const scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  }

  function start() {
    addFilters();
    const search = document.querySelector(".md-search[role='dialog']");
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
    addControls();
    applyView();
    applyLocation();
    focusableScrollRegions();
    window.addEventListener("resize", () => {
      applyView();
      focusableScrollRegions();
    });
    window.addEventListener("hashchange", applyLocation);
    window.addEventListener("storage", (event) => event.key === KEY && applyView());
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
