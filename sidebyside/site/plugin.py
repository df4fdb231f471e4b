"""MkDocs hook: run every snippet before the pages are read, then expand page directives.

Thin on purpose: all work happens in the `sidebyside` package, which the tests call as well.
Set SIDEBYSIDE_EXECUTE=0 to build without running snippets (code only, no outputs).
`mkdocs serve` does not wait for the runs: it serves what the cache holds at once and
stream.py runs the rest in the background (pending outputs are marked on their pages).
"""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from sidebyside.content import layout, pages, proofs
from sidebyside.site import publish, background as stream
from sidebyside.site.codeblocks import finish_code_blocks
from sidebyside.content.compare import check_topics
from sidebyside.core.config import Config, load_config
from sidebyside.content.directives import DIRECTIVE, DirectiveError, check, expand, parse
from sidebyside.core.discover import all_snippets, discover
from sidebyside.site.notebook_pages import strip_remote_scripts
from sidebyside.content.render import Renderer, strip_markers, topic_markers
from sidebyside.core.results import Result
from sidebyside.run.runner import run_all

log = logging.getLogger("mkdocs.plugins.sidebyside")
# Material's offline plugin loads this Web Worker shim from unpkg unless a polyfill names it;
# the offline build serves the copy npm installs (`nox -s offline`, `nox -s tests`).
WORKER_SHIM = Path(".cache/npm/node_modules/iframe-worker/shim/index.js")


@dataclass
class BuildState:
    """What one build knows between MkDocs events."""

    config: Config
    repo_url: str | None = None  # Set in the pages workflow: Colab links need it.
    offline_copy: bool = False  # Material's offline plugin is on (`nox -s offline`).
    topics: dict = field(default_factory=dict)
    results: dict[str, Result] = field(default_factory=dict)
    expanded: dict[str, tuple[str, Renderer]] = field(default_factory=dict)  # By src_uri.
    pending: set[str] = field(default_factory=set)  # Serve: snippet ids still running.
    failed: dict[str, str] = field(default_factory=dict)  # Serve: failure message by id.
    started: float = 0.0  # When the build started (time.perf_counter()).


_build: BuildState | None = None


def _state() -> BuildState:
    if _build is None:
        raise PluginError("sidebyside: on_config did not run")
    return _build


def on_startup(command: str, dirty: bool) -> None:
    """Note whether this process serves the site (then snippets run in the background)."""
    if command == "serve":
        stream.serving.set()
        # SIGTERM stops the server as Ctrl-C does, so that on_shutdown ends background runs.
        signal.signal(signal.SIGTERM, signal.default_int_handler)


def on_serve(server, config, builder):
    """Rebuild when background runs deliver outputs (stream.py touches a file in this folder)."""
    if _state().config.execute:
        server.watch(str(stream.BACKGROUND.watch_folder(_state().config)))
    return server


def _show_runner_log() -> None:
    """Print the runner's progress lines and warnings as MkDocs prints its own log.

    A handler of its own, not MkDocs' logger: a `--strict` build would fail on the runner's
    warnings (a snippet left processes running), which are notes, not errors.
    """
    runner = logging.getLogger("sidebyside")
    if not runner.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        runner.addHandler(handler)
        runner.setLevel(logging.INFO)
        runner.propagate = False


@event_priority(100)  # Before Material's offline plugin, which reads the polyfills.
def on_config(config):
    """Load the runner's settings from the project holding mkdocs.yml."""
    global _build
    _show_runner_log()
    offline = config.plugins.get("material/offline")
    try:
        settings = load_config(Path(config.config_file_path).parent)
    except ValueError as exc:  # One line naming the file or variable, no traceback.
        raise PluginError(str(exc)) from exc
    _build = BuildState(
        config=settings,
        repo_url=config.repo_url,
        offline_copy=bool(offline is not None and offline.config.enabled),
    )
    if _build.offline_copy:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), layout.WORKER_SHIM]
    return config


@event_priority(100)  # Before mkdocs-jupyter, so that it renders the generated notebooks.
def on_files(files: Files, config) -> Files:
    """Run (or load from the cache) every snippet; publish what the runs and pages produce."""
    state = _state()
    sbs = state.config
    try:
        topics = discover(sbs)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    state.topics, state.results = topics, {}
    _check_pages(files)  # Before any snippet runs: a typo costs seconds, not a cold run.
    results = {}
    streaming = sbs.execute and stream.serving.is_set()
    if streaming:
        results = _snapshot(state, topics, config.site_url)
    elif sbs.execute:
        began = time.perf_counter()
        results, failures = run_all(sbs, all_snippets(topics))
        ran = [r for r in results.values() if not r.cached]
        log.info(
            "sidebyside: %d snippet(s) run, %d from the cache; run phase %.1f s, "
            "run times add up to %.1f s over %d job(s)",
            len(ran),
            len(results) - len(ran),
            time.perf_counter() - began,
            sum(r.seconds for r in ran),
            sbs.jobs,
        )
        if failures:
            count = f"{len(failures)} snippet(s) failed"
            raise PluginError(count + ":\n" + "\n".join(str(e) for e in failures.values()))
        if problems := check_topics(topics, results):
            raise PluginError("frameworks disagree:\n" + "\n".join(problems))
    state.topics, state.results, state.expanded = topics, results, {}

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
    for uri, text in publish.long_outputs(results).items():
        add(uri, text)
    try:  # Notebooks with the outputs their snippets' runs recorded: nothing runs again.
        downloads, links = publish.downloads(
            sbs, topics, results, config.site_url, pending=state.pending
        )
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    log.info(
        "sidebyside: %d notebook(s) written with their runs' outputs, none executed",
        sum(1 for topic in topics.values() for s in topic.snippets.values() if s.id in results),
    )
    for uri, path in downloads.items():
        if streaming and uri.endswith(".ipynb"):  # Files to download, no pages to render.
            files.append(publish.RawFile.generated(config, uri, content=path.read_bytes()))
        else:
            add(uri, path)
    try:  # The MNIST files and loader that the examples' downloads fetch from the site.
        readers = publish.mnist_files(config.site_url)
    except ValueError as exc:
        raise PluginError(str(exc)) from exc
    for uri, source in readers.items():
        if isinstance(source, Path):  # Copied as they are: PROVENANCE.md is no page.
            files.append(publish.RawFile.generated(config, uri, abs_src_path=str(source)))
        else:
            add(uri, source)
    if state.offline_copy:
        shim = sbs.root / WORKER_SHIM
        if not shim.is_file():
            raise PluginError(
                f"{shim} is missing: the offline copy's search needs it; install it with "
                "`npm install --prefix .cache/npm iframe-worker@1.0.4` (nox -s offline does)"
            )
        add(layout.WORKER_SHIM, shim.read_bytes())
    # Expand every page once, here, so the figures that directives draw are known site files;
    # on_page_markdown then hands MkDocs the stored expansion.
    pages_of: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            source, _ = get_data(file.content_string)  # The page without its front matter.
            renderer = _expand(source, file.src_uri)
            state.expanded[file.src_uri] = (source, renderer)
            for uri, content in renderer.generated.items():
                add(uri, content)
            for topic in renderer.used:
                pages_of.setdefault(topic, []).append(file.src_uri)
    thumbs, drawn = publish.thumbnails(topics, results)
    for uri, content in drawn.items():
        add(uri, content)
    claims = {uri: proofs.count_claims(source) for uri, (source, _) in state.expanded.items()}
    add(layout.STATUS_PAGE, pages.status_page(sbs, topics, results, claims))
    add(layout.GALLERY_PAGE, pages.gallery_page(sbs, topics, results, pages_of, thumbs, links))
    return files


def _check_pages(files: Files) -> None:
    """Fail, naming each page and line, on a directive that would not render."""
    state = _state()
    handlers = Renderer(state.config, state.topics, {}, "", execute=False).handlers()
    problems = []
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md"):
            source, _ = get_data(file.content_string)
            found = check(source, handlers, set(state.topics))
            if not found:
                found = _check_proofs(source)
            problems += [f"docs/{file.src_uri}: {problem}" for problem in found]
    if problems:
        raise PluginError("page directives to fix:\n" + "\n".join(problems))


def _check_proofs(source: str) -> list[str]:
    """Return a message for each proof marker or mark of a page that would fail to render."""
    state = _state()
    shown = {}
    try:
        for match in DIRECTIVE.finditer(source):
            directive = parse(match["call"], 0)
            if directive.name == "example" and directive.args:
                topic = state.topics[directive.args[0]]
                shown[topic.name] = topic_markers(state.config, topic)
    except proofs.ProofError as exc:
        return [str(exc)]
    return proofs.check(source, shown)


def on_pre_build(config) -> None:
    """Note when the build starts (serve paces its rebuild requests by the build time)."""
    _state().started = time.perf_counter()


def on_post_build(config) -> None:
    """Serve: start the background runs once the pages are written (never before)."""
    state = _state()
    if stream.serving.is_set() and state.config.execute:
        stream.BACKGROUND.last_build = time.perf_counter() - state.started
        stream.BACKGROUND.start(state.config)


def on_shutdown() -> None:
    """Serve: start no further background run, so that the server can exit."""
    stream.BACKGROUND.stop()


def _snapshot(state: BuildState, topics: dict, site_url: str | None) -> dict[str, Result]:
    """Serve: return the stored results, queue the rest in the background, note both."""
    shot = stream.BACKGROUND.snapshot(state.config, topics)
    state.pending = shot.pending
    state.failed = {sid: str(error) for sid, error in shot.failures.items()}
    if shot.pending or shot.failures:
        log.info(
            "sidebyside: %d output(s) from the cache, %d pending, %d failed",
            len(shot.results),
            len(shot.pending),
            len(shot.failures),
        )
    if problems := check_topics(topics, shot.results):
        log.warning("sidebyside: frameworks disagree:\n%s", "\n".join(problems))
    return shot.results


def _expand(markdown: str, src_uri: str) -> Renderer:
    state = _state()
    renderer = Renderer(
        state.config,
        state.topics,
        state.results,
        src_uri,
        state.config.execute,
        repo_url=state.repo_url,
        pending=state.pending,
        failed=state.failed,
    )
    labels = {fw.name: fw.label for fw in state.config.frameworks}
    try:
        expanded = expand(markdown, renderer.handlers())
        renderer.markdown = proofs.link(expanded, renderer.shown, labels)
    except (DirectiveError, proofs.ProofError) as exc:
        raise PluginError(f"docs/{src_uri}: {exc}") from exc
    return renderer


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Replace the directive lines of a page with rendered markdown."""
    if page.file.src_uri.endswith(".ipynb"):
        # A notebook repeats its example's page: keep search results on the pages themselves.
        page.meta["search"] = {"exclude": True}
        return markdown
    source, renderer = _state().expanded.get(page.file.src_uri, (None, None))
    if renderer is None or source != markdown:  # A page another plugin added or changed.
        renderer = _expand(markdown, page.file.src_uri)
    return renderer.markdown


def on_page_content(html: str, page, config, files) -> str:
    """Finish example code blocks; drop remote script loaders that notebooks bring along."""
    if page.file.src_uri.endswith(".ipynb"):
        return strip_remote_scripts(html)
    root = _state().config.root
    return finish_code_blocks(html, lambda path: strip_markers((root / path).read_text()))
