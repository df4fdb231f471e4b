"""Proof marks in a whole build: a mark links to the marked line, a bad mark stops the build."""

from __future__ import annotations

import re

from conftest import CONFIG, ROOT, TOPICS
from miniproject import MiniProject

from sidebyside.content.directives import DIRECTIVE, parse
from sidebyside.content.proofs import refs
from sidebyside.content.render import topic_markers

PT = """\
value = 1.0
# proof: doubles
assert value * 2 == (
    2.0
)
print(value)
"""


def test_a_proof_mark_links_to_the_marked_lines_and_the_status_page_counts_it(tmp_path):
    mini = MiniProject(tmp_path / "project")
    mini.snippet("pt.py", PT)
    mini.page('{{ example("demo") }}\n\nDoubling is exact. {{ proof("doubles") }}\n')
    built = mini.build()
    assert built.returncode == 0, built.stderr
    html = (mini.root / "site" / "index.html").read_text()
    mark = re.search(r'<a class="sbs-proof" href="#(__span-ex-demo-pytorch-\d+)"[^>]*>', html)
    assert mark, "no proof link on the page"
    assert mark[1] == "__span-ex-demo-pytorch-3", f"the mark links {mark[1]}, not line 3"
    assert 'data-lines="3-5"' in mark[0], mark[0]
    assert f'id="{mark[1]}"' in html, "the linked line has no span with that id"
    assert "tensorflow" not in mark[0], "tf.py has no such marker: no TensorFlow link"
    status = (mini.root / "site" / "status" / "index.html").read_text()
    assert re.search(r"index\.md</a></td>\s*<td[^>]*>1</td>", status), "status does not count it"


def test_a_mark_naming_no_marker_stops_the_build_before_any_run(tmp_path):
    mini = MiniProject(tmp_path / "project")
    mini.page('{{ example("demo") }}\n\nDoubling is exact. {{ proof("dubles") }}\n')
    built = mini.build()
    output = built.stdout + built.stderr
    assert built.returncode != 0, output
    assert "docs/index.md: line 3: proof('dubles'): no snippet shown on this page" in output, output
    assert not list((mini.root / ".cache").glob("*/result.json")), "a snippet ran first"


def test_every_marker_of_the_real_snippets_is_cited_by_a_page_showing_it():
    """A `# proof:` marker no page cites proves nothing to a reader: cite it or drop it."""
    cited: set[tuple[str, str]] = set()
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text()
        shown = [
            d.args[0]
            for d in (parse(m["call"], 0) for m in DIRECTIVE.finditer(text))
            if d.name == "example"
        ]
        for _, ref in refs(text):
            topic, _, name = ref.rpartition("/")
            cited.update((t, name) for t in ([topic] if topic else shown))
    orphans = [
        f"{m.path}:{m.first}: # proof: {m.name}"
        for topic in TOPICS.values()
        for m in topic_markers(CONFIG, topic)
        if (topic.name, m.name) not in cited
    ]
    assert not orphans, "markers no page cites:\n" + "\n".join(orphans)
