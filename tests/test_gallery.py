"""Gallery cards, downloads, notebooks with outputs, provenance links and the status page."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from conftest import CONFIG, SNIPPETS, TOPICS

from sidebyside.content.layout import anchor
from sidebyside.content.pages import GPU, NEWEST, status_page
from sidebyside.core.report import write_report


def test_gallery_has_a_card_per_topic(site):
    html = (site / "gallery" / "index.html").read_text()
    for name in TOPICS:
        assert f"<code>{name}</code>" in html, f"gallery has no card for topic {name}"
    for src in re.findall(r'<img[^>]+src="([^"]+)"', html):
        target = (site / "gallery" / src).resolve()
        assert target.is_file(), f"gallery thumbnail {src} is missing from the site"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_downloads_and_notebook(snippet, site, runs):
    results, _ = runs
    script = site / "downloads" / snippet.topic / snippet.path.name
    assert script.read_bytes() == snippet.path.read_bytes(), f"{script} differs from {snippet.path}"
    stem = snippet.path.stem
    notebook = site / "notebooks" / snippet.topic / stem / f"{stem}.ipynb"
    assert notebook.is_file(), f"no downloadable notebook for {snippet.id}"
    book = nbformat.reads(notebook.read_text(), as_version=4)
    nbformat.validate(book)
    # The notebook's outputs are the build's one run, section by section: its code cells'
    # printed output, joined, is exactly the page's output. A snippet this environment cannot
    # run (topic.toml `requires`) ships as code only.
    expected = results[snippet.id].stdout if not snippet.absent else ""
    code = [cell for cell in book.cells if cell.cell_type == "code"]
    ran = [c for c in code if not ({"versions", "helper"} & set(c.metadata.get("tags", [])))]
    printed = "".join(
        o.get("text", "") for c in ran for o in c.get("outputs", []) if o.get("name") == "stdout"
    )
    if expected.strip():
        assert printed == expected, (
            f"{notebook}: its cells' printed outputs are not the run's output on the page"
        )
    else:
        assert not any(c.get("outputs") for c in code), f"{notebook}: outputs in a notebook not run"
    page = (site / "notebooks" / snippet.topic / stem / "index.html").read_text()
    assert "jp-OutputArea" in page or not expected, f"notebook page of {snippet.id} shows no output"


def test_every_output_links_to_its_status(site):
    status = (site / "status" / "index.html").read_text()
    for page in site.rglob("*.html"):
        html = page.read_text()
        for target in re.findall(r'href="([^"]*status/#[^"]+)"', html):
            assert f'id="{target.split("#")[1]}"' in status, f"{page}: dead status link {target}"
    for name in TOPICS:
        assert f'id="{anchor(name)}"' in status, f"status page has no entry for {name}"


@pytest.mark.parametrize(
    ("setting", "kind"), [("gpu_report", GPU), ("canary_report", NEWEST)], ids=["gpu", "newest"]
)
def test_status_marks_rows_missing_without_a_report(runs, tmp_path, setting, kind):
    """Without a GPU (or newest-release) report, every snippet has a row that says missing."""
    results, _ = runs
    _, device, missing = kind
    config = CONFIG.__class__(**{**CONFIG.__dict__, setting: tmp_path / "none.json"})
    text = status_page(config, TOPICS, results)
    rows = [line for line in text.splitlines() if line.split(" | ")[1:2] == [device]]
    ran = [s for t in TOPICS.values() for s in t.snippets.values()]
    assert len(rows) == len(ran), f"{len(rows)} {device} rows for {len(ran)} snippets"
    assert all(f"missing: {missing}" in row for row in rows), [
        row for row in rows if "missing" not in row
    ]


def shift(value):
    if isinstance(value, list):
        return [shift(v) for v in value]
    if isinstance(value, dict):
        return {k: shift(v) for k, v in value.items()}
    return value + 1


def test_status_shows_gpu_report_and_agreement(runs, tmp_path):
    results, failures = runs
    topic = next(t for t in TOPICS.values() if t.compare)
    name = next(iter(topic.compare))
    gpu = {rid: r for rid, r in results.items()}
    report_path = tmp_path / "gpu.json"
    write_report(report_path, gpu, failures)
    report = json.loads(report_path.read_text())
    for entry in report["results"].values():
        entry["device"] = "gpu: Test GPU"
    first = next(iter(topic.snippets.values())).id
    value = report["results"][first]["exports"][name]
    report["results"][first]["exports"][name] = shift(value)  # A GPU result that drifted.
    report_path.write_text(json.dumps(report))
    config = CONFIG.__class__(**{**CONFIG.__dict__, "gpu_report": report_path})
    text = status_page(config, TOPICS, results)
    assert "gpu: Test GPU | passed" in text
    assert "agrees with CPU: max 0" in text
    assert "**differs** with CPU: max 1" in text


def test_status_summary_has_one_row_per_topic_and_a_filter(runs):
    results, _ = runs
    text = status_page(CONFIG, TOPICS, results)
    assert 'class="sbs-filter"' in text, "the status page lost its filter box"
    rows = [line for line in text.splitlines() if line.startswith("| [`")]
    assert len(rows) == len(TOPICS), f"{len(rows)} summary rows for {len(TOPICS)} topics"
    for topic in TOPICS.values():
        row = next(r for r in rows if r.startswith(f"| [`{topic.name}`]"))
        for snippet in topic.snippets.values():
            if snippet.absent:
                assert f"not run: needs {', '.join(snippet.absent)}" in row, row
            elif snippet.id in results:
                assert "✓ passed" in row, f"{topic.name}: a passing run is not marked: {row}"
        if topic.compare and all(s.id in results for s in topic.snippets.values()):
            assert f"{len(topic.compare)} value(s)" in row, f"{topic.name}: no agreement: {row}"


def test_status_shows_the_newest_releases_beside_the_builds_runs(runs, tmp_path):
    """The canary report fills the *newest* columns: a pass with its version, a failure."""
    results, failures = runs
    topic = TOPICS["q05-devices"]
    broken, kept = (s.id for s in topic.snippets.values())
    report_path = tmp_path / "canary.json"
    write_report(report_path, results, failures)
    report = json.loads(report_path.read_text())
    report["results"][kept]["version"] = "torch 9.9.9"
    report["results"][broken] = {"status": "failed", "message": "AssertionError: changed\n..."}
    report_path.write_text(json.dumps(report))
    config = CONFIG.__class__(**{**CONFIG.__dict__, "canary_report": report_path})
    text = status_page(config, TOPICS, results)
    header = next(line for line in text.splitlines() if line.startswith("| Topic |"))
    assert all(f"{fw.label} newest" in header for fw in CONFIG.frameworks), header
    row = next(line for line in text.splitlines() if line.startswith(f"| [`{topic.name}`]"))
    assert "**✗ failed**" in row, f"the failed newest-release run is not marked: {row}"
    assert "newest releases | **failed**: AssertionError: changed |" in text
    assert "| newest releases, cpu | passed | torch 9.9.9 |" in text
    assert "weekly run of every example on the newest releases" in text
