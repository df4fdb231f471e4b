// Filter for the translation table: as you type, by either framework's name, the trap, the
// group and the category. Progressive enhancement: without this script the page keeps its plain
// tables. The address keeps the filter (?filter=, &group=, &category=; ?q= is the site
// search's own); a search result (?h=) or a row's link (#tr-...) brings the rows into view.
(() => {
  "use strict";

  const words = (text) => text.toLowerCase().split(/\s+/).filter(Boolean);

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function init() {
    const groups = [...document.querySelectorAll(".tr-group")];
    if (!groups.length || document.querySelector(".tr-filter")) return;
    const rows = [...document.querySelectorAll(".tr-table tbody tr")];
    const heading = (group) => {
      const before = group.previousElementSibling;
      return before && /^H[1-6]$/.test(before.tagName) ? before : null;
    };

    const form = document.createElement("form");
    form.className = "tr-filter";
    form.setAttribute("role", "search");
    form.addEventListener("submit", (event) => event.preventDefault());
    const input = document.createElement("input");
    input.type = "search";
    input.name = "filter";
    input.placeholder = "Filter: torch.cat, from_logits, NHWC…";
    input.setAttribute("aria-label", "Filter the rows by name or trap");
    const group = document.createElement("select");
    group.name = "group";
    group.setAttribute("aria-label", "Group");
    group.append(option("", "All groups"));
    for (const each of groups) {
      const title = heading(each);
      const name = title ? title.textContent.replace("¶", "").trim() : each.dataset.group;
      group.append(option(each.dataset.group, name));
    }
    const category = document.createElement("select");
    category.name = "category";
    category.setAttribute("aria-label", "Category");
    category.append(option("", "All categories"));
    const seen = new Map();
    for (const row of rows) {
      const label = row.querySelector(".tr-cat");
      if (label && !seen.has(row.dataset.category)) {
        seen.set(row.dataset.category, label.textContent);
      }
    }
    for (const [value, label] of seen) category.append(option(value, label));
    const count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    form.append(input, group, category, count);
    const first = heading(groups[0]) || groups[0];
    first.before(form);

    const text = new Map(rows.map((row) => [row, row.textContent.toLowerCase()]));

    function apply(updateAddress) {
      const wanted = words(input.value);
      let shown = 0;
      for (const row of rows) {
        const match =
          (!group.value || row.dataset.group === group.value) &&
          (!category.value || row.dataset.category === category.value) &&
          wanted.every((word) => text.get(row).includes(word));
        row.hidden = !match;
        shown += match;
      }
      for (const each of groups) {
        const empty = !each.querySelector(".tr-table tbody tr:not([hidden])");
        each.hidden = empty;
        const title = heading(each);
        if (title) title.hidden = empty;
        const check = each.nextElementSibling; // The group's folded check.
        if (check && check.tagName === "DETAILS") check.hidden = empty;
      }
      count.textContent = `${shown} of ${rows.length} rows`;
      if (updateAddress) {
        const url = new URL(location.href);
        for (const [key, field] of [["filter", input], ["group", group], ["category", category]]) {
          if (field.value) url.searchParams.set(key, field.value);
          else url.searchParams.delete(key);
        }
        url.searchParams.delete("h");
        history.replaceState(history.state, "", url);
      }
    }

    function reveal(target) {
      if (!target) return;
      const row = target.closest("tr");
      if (row && row.hidden) {
        input.value = group.value = category.value = "";
        apply(true);
      }
      const details = target.closest("details");
      if (details) details.open = true;
      target.scrollIntoView({ block: "center" });
    }

    const params = new URLSearchParams(location.search);
    input.value = params.get("filter") || params.get("h") || "";
    group.value = params.get("group") || "";
    category.value = params.get("category") || "";
    apply(false);
    if (!params.get("filter") && params.get("h") && !rows.some((row) => !row.hidden)) {
      input.value = ""; // The search term is not in any row: show them all.
      apply(false);
    }
    for (const field of [input, group, category]) {
      field.addEventListener(field === input ? "input" : "change", () => apply(true));
    }
    const target = () => document.getElementById(decodeURIComponent(location.hash.slice(1)));
    window.addEventListener("hashchange", () => reveal(target()));
    if (location.hash) {
      reveal(target());
    } else if (input.value) {
      const match = rows.find((row) => !row.hidden);
      if (match) match.scrollIntoView({ block: "center" });
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
