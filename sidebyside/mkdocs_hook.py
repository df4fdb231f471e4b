"""MkDocs hook: run every snippet before the pages are read, then expand page directives.

Thin on purpose: all work happens in the `sidebyside` package, which the tests call as well.
Set SIDEBYSIDE_EXECUTE=0 to build without running snippets (code only, no outputs).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from sidebyside import pages, publish
from sidebyside.codeblocks import finish_code_blocks
from sidebyside.compare import check_topics
from sidebyside.config import load_config
from sidebyside.directives import DirectiveError, expand
from sidebyside.discover import all_snippets, discover
from sidebyside.offline import strip_remote_scripts
from sidebyside.render import Renderer, strip_markers
from sidebyside.run import run_all

_state: dict = {}
log = logging.getLogger("mkdocs.plugins.sidebyside")


def on_config(config):
    """Load the runner's settings from the project holding mkdocs.yml."""
    _state["config"] = load_config(Path(config.config_file_path).parent)
    _state["execute"] = os.environ.get("SIDEBYSIDE_EXECUTE", "1") != "0"
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and not _state["execute"]:
        # Code-only notebooks get a rendering cache of their own, so that switching between
        # plain and full builds never evicts the other's rendered notebooks.
        jupyter.config["cache_dir"] = str(jupyter.config["cache_dir"]) + "-plain"
    return config


@event_priority(100)  # Before mkdocs-jupyter, so that it renders the generated notebooks.
def on_files(files: Files, config) -> Files:
    """Run (or load from the cache) every snippet; publish what the runs and pages produce."""
    sbs = _state["config"]
    try:
        topics = discover(sbs)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    results = {}
    if _state["execute"]:
        results, failures = run_all(sbs, all_snippets(topics))
        ran = sum(not r.cached for r in results.values())
        log.info("sidebyside: %d snippet(s) run, %d from the cache", ran, len(results) - ran)
        if failures:
            count = f"{len(failures)} snippet(s) failed"
            raise PluginError(count + ":\n" + "\n".join(str(e) for e in failures.values()))
        if problems := check_topics(topics, results):
            raise PluginError("frameworks disagree:\n" + "\n".join(problems))
    _state.update(topics=topics, results=results)

    def add(uri: str, source: Path | bytes | str) -> None:
        if isinstance(source, Path) and source.as_posix().endswith("/" + uri):
            # A real source folder, which mkdocs-jupyter needs to find a notebook's path.
            base = source.as_posix()[: -len(uri)]
            files.append(File(uri, base, config.site_dir, config.use_directory_urls))
        elif isinstance(source, Path):
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        else:
            files.append(File.generated(config, uri, content=source))

    for uri, path in publish.run_files(results).items():
        add(uri, path)
    downloads, links = publish.downloads(sbs, topics, results)
    for uri, path in downloads.items():
        add(uri, path)
    # Expand every page once now, so the figures that directives draw are known site files.
    pages_of: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            renderer = _expand(file.content_string, file.src_uri)
            for uri, content in renderer.generated.items():
                add(uri, content)
            for topic in renderer.used:
                pages_of.setdefault(topic, []).append(file.src_uri)
    thumbs, drawn = publish.thumbnails(topics, results)
    for uri, content in drawn.items():
        add(uri, content)
    add(pages.STATUS_PAGE, pages.status_page(sbs, topics, results))
    add(pages.GALLERY_PAGE, pages.gallery_page(sbs, topics, results, pages_of, thumbs, links))
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
    if page.file.src_uri.endswith(".ipynb"):
        # A notebook repeats its example's page: keep search results on the pages themselves.
        page.meta["search"] = {"exclude": True}
        return markdown
    return _expand(markdown, page.file.src_uri).markdown


def on_page_content(html: str, page, config, files) -> str:
    """Finish example code blocks; drop remote script loaders that notebooks bring along."""
    if page.file.src_uri.endswith(".ipynb"):
        return strip_remote_scripts(html)
    root = _state["config"].root
    return finish_code_blocks(html, lambda path: strip_markers((root / path).read_text()))
