"""Every topic has a file per framework (or says why not) and appears on a page."""

from __future__ import annotations

import re

import pytest
from conftest import CONFIG, ROOT, TOPICS

from sidebyside.content.render import Renderer

DOCS = "\n".join(p.read_text() for p in (ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("topic", list(TOPICS.values()), ids=lambda t: t.name)
def test_both_frameworks_or_a_reason(topic):
    for fw in CONFIG.frameworks:
        if fw.name in topic.snippets:
            assert fw.name not in topic.missing, (
                f"{topic.folder}/topic.toml declares {fw.name} missing but {fw.file} exists"
            )
            continue
        assert topic.missing.get(fw.name, "").strip(), (
            f"{topic.folder} has no {fw.file}: add it, or give the reason under [missing] "
            f'in topic.toml as {fw.name} = "..."'
        )
        shown = Renderer(CONFIG, TOPICS, {}, "x.md", execute=False).example(topic.name)
        assert topic.missing[fw.name] in shown


@pytest.mark.parametrize("topic", list(TOPICS.values()), ids=lambda t: t.name)
def test_topic_is_on_a_page(topic):
    pattern = rf"\{{\{{\s*\w+\(\s*[\"']{re.escape(topic.name)}[\"']"
    assert re.search(pattern, DOCS), (
        f'{topic.folder} is on no page: add {{{{ example("{topic.name}") }}}} to a page in docs/'
    )


def test_no_snippet_shadows_a_package():
    bad = [p for p in CONFIG.snippets.rglob("*.py") if p.stem in {"torch", "tensorflow", "keras"}]
    assert not bad, f"rename {bad}: a file named like a framework shadows it when run as a script"
