"""MkDocs hook: run every snippet before the pages are read, then expand page directives.

Thin on purpose: all work happens in the `sidebyside` package, which the tests call as well.
Set SIDEBYSIDE_EXECUTE=0 to build without running snippets (code only, no outputs).
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from sidebyside import pages
from sidebyside.compare import check_topics
from sidebyside.config import load_config
from sidebyside.directives import DirectiveError, expand
from sidebyside.discover import all_snippets, discover
from sidebyside.render import Renderer, artefact_uri
from sidebyside.run import run_all

_state: dict = {}


def on_config(config):
    """Load the runner's settings from the project holding mkdocs.yml."""
    _state["config"] = load_config(Path(config.config_file_path).parent)
    _state["execute"] = os.environ.get("SIDEBYSIDE_EXECUTE", "1") != "0"
    return config


def on_files(files: Files, config) -> Files:
    """Run (or load from the cache) every snippet; publish generated pages and run files."""
    sbs = _state["config"]
    try:
        topics = discover(sbs)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    results = {}
    if _state["execute"]:
        results, failures = run_all(sbs, all_snippets(topics))
        if failures:
            count = f"{len(failures)} snippet(s) failed"
            raise PluginError(count + ":\n" + "\n".join(str(e) for e in failures.values()))
        if problems := check_topics(topics, results):
            raise PluginError("frameworks disagree:\n" + "\n".join(problems))
        for result in results.values():
            for name in result.files:
                uri = artefact_uri(result, name)
                files.append(File.generated(config, uri, abs_src_path=str(result.file(name))))
    for uri, content in pages.generate(sbs, topics, results).items():
        files.append(File.generated(config, uri, content=content))
    _state.update(topics=topics, results=results)
    # Expand every page once now, so the figures that directives draw are known site files.
    drawn: dict[str, bytes] = {}
    for file in files.documentation_pages():
        drawn.update(_expand(file.content_string, file.src_uri).generated)
    for uri, content in drawn.items():
        files.append(File.generated(config, uri, content=content))
    return files


def _expand(markdown: str, src_uri: str) -> Renderer:
    renderer = Renderer(
        _state["config"], _state["topics"], _state["results"], src_uri, _state["execute"]
    )
    try:
        renderer.markdown = expand(markdown, renderer.handlers())
    except DirectiveError as exc:
        raise PluginError(f"docs/{src_uri}: {exc}") from exc
    return renderer


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Replace the directive lines of a page with rendered markdown."""
    return _expand(markdown, page.file.src_uri).markdown
