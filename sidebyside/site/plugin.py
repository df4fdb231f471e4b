"""The `sidebyside` MkDocs plugin: run every snippet, publish what the runs made, expand pages.

Registered as the `sidebyside` entry point of `mkdocs.plugins` (pyproject.toml) and listed
under `plugins:` in mkdocs.yml. The work happens in the layers below: `run/` runs snippets,
`content/` renders Markdown and notebooks from what they recorded, `site/publish.py` decides
which files the site gets. Set SIDEBYSIDE_EXECUTE=0 to build without running snippets.

`mkdocs serve` does not wait for runs: it serves what the cache holds at once and
`site/background.py` runs the rest in the background. MkDocs keeps a plugin that has an
`on_startup` event across serve rebuilds, so the background runner lives on the instance.
"""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config as MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

from sidebyside.content import layout, pages, proofs
from sidebyside.content.compare import check_topics
from sidebyside.content.directives import DIRECTIVE, DirectiveError, check, expand, parse
from sidebyside.content.render import Renderer, topic_markers
from sidebyside.core.config import Config, load_config
from sidebyside.core.discover import all_snippets, discover
from sidebyside.core.results import Result
from sidebyside.run.runner import run_all
from sidebyside.site import fence, publish
from sidebyside.site.background import Background
from sidebyside.site.notebook_pages import strip_remote_scripts

log = logging.getLogger("mkdocs.plugins.sidebyside")
# Material's offline plugin loads a Web Worker shim from unpkg unless a polyfill names it; the
# offline copy serves the one npm installs (`nox -s offline`, `nox -s tests`) at
# layout.SEARCH_SHIM_URI.
SEARCH_SHIM_SOURCE = Path(".cache/npm/node_modules/iframe-worker/shim/index.js")


class PluginOptions(MkDocsConfig):
    """The plugin's options in mkdocs.yml (the runner's own settings are in pyproject.toml)."""

    # The folder whose pyproject.toml holds [tool.sidebyside]; default: mkdocs.yml's folder.
    project = c.Optional(c.Dir(exists=True))
    # `mkdocs serve`: show pages at once and run missing snippets in the background (False:
    # wait for every run first, as `mkdocs build` does).
    serve_in_background = c.Type(bool, default=True)


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


def required_extensions(config) -> list[str]:
    """Return what mkdocs.yml's `markdown_extensions` lacks for the pages this plugin writes."""
    names = set(config.markdown_extensions)
    options = config.mdx_configs
    problems = [
        f"add `{name}` (the pages use it)"
        for name in ("admonition", "attr_list", "md_in_html", "pymdownx.details")
        if name not in names
    ]
    if options.get("pymdownx.highlight", {}).get("line_spans") != fence.LINE_SPANS:
        problems.append(f"set `pymdownx.highlight: line_spans: {fence.LINE_SPANS}`")
    if not options.get("pymdownx.tabbed", {}).get("alternate_style"):
        problems.append("set `pymdownx.tabbed: alternate_style: true` (the side-by-side view)")
    fences = options.get("pymdownx.superfences", {}).get("custom_fences", [])
    if not any(f.get("format") is fence.format_snippet for f in fences):
        problems.append(
            f"add the `{fence.NAME}` fence under `pymdownx.superfences: custom_fences` "
            f"(name: {fence.NAME}, class: {fence.CLASS}, format: "
            "!!python/name:sidebyside.site.fence.format_snippet, validator: "
            "!!python/name:sidebyside.site.fence.validate)"
        )
    return problems


class SideBySidePlugin(BasePlugin[PluginOptions]):
    """Run the snippets and render the examples of a side-by-side site."""

    def __init__(self) -> None:
        self.state: BuildState | None = None
        self.serving = False  # `mkdocs serve`: outputs stream in from background runs.
        self.background = Background()

    def _state(self) -> BuildState:
        if self.state is None:
            raise PluginError("sidebyside: on_config did not run")
        return self.state

    def streams_outputs(self) -> bool:
        """Say whether this build serves at once and leaves missing runs to the background."""
        state = self._state()
        return self.serving and self.config.serve_in_background and state.config.execute

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Note whether this process serves the site (then snippets run in the background)."""
        if command == "serve":
            self.serving = True
            # SIGTERM stops the server as Ctrl-C does, so that on_shutdown ends background runs.
            signal.signal(signal.SIGTERM, signal.default_int_handler)

    def on_shutdown(self) -> None:
        """Serve: start no further background run, so that the server can exit."""
        self.background.stop()

    def on_serve(self, server, *, config, builder):
        """Rebuild when background runs deliver outputs (they touch a file in this folder)."""
        if self.streams_outputs():
            server.watch(str(self.background.watch_folder(self._state().config)))
        return server

    @event_priority(100)  # Before Material's offline plugin, which reads the polyfills.
    def on_config(self, config):
        """Check the Markdown extensions; load the runner's settings from pyproject.toml."""
        show_runner_log()
        if problems := required_extensions(config):
            raise PluginError("sidebyside: in mkdocs.yml, " + "; ".join(problems))
        project = self.config.project or Path(config.config_file_path).parent
        try:
            settings = load_config(Path(project))
        except ValueError as exc:  # One line naming the file or variable, no traceback.
            raise PluginError(str(exc)) from exc
        offline = config.plugins.get("material/offline")
        self.state = BuildState(
            config=settings,
            repo_url=config.repo_url,
            offline_copy=bool(offline is not None and offline.config.enabled),
        )
        if self.state.offline_copy:
            polyfills = config.extra.get("polyfills", [])
            config.extra["polyfills"] = [*polyfills, layout.SEARCH_SHIM_URI]
        return config

    def on_pre_build(self, *, config) -> None:
        """Note when the build starts (serve paces its rebuild requests by the build time)."""
        self._state().started = time.perf_counter()

    @event_priority(100)  # Before mkdocs-jupyter, so that it renders the generated notebooks.
    def on_files(self, files: Files, *, config) -> Files:
        """Run (or load from the cache) every snippet; publish what the runs and pages made."""
        state = self._state()
        try:
            state.topics = discover(state.config)
        except ValueError as exc:
            raise PluginError(str(exc)) from exc
        state.results, state.expanded = {}, {}
        self._check_pages(files)  # Before any snippet runs: a typo costs seconds, not a run.
        if self.streams_outputs():
            state.results = self._snapshot()
        elif state.config.execute:
            state.results = self._run_everything()
        self._publish(files, config)
        return files

    def _run_everything(self) -> dict[str, Result]:
        """Run every snippet not in the cache; fail on the first failed run."""
        state = self._state()
        began = time.perf_counter()
        results, failures = run_all(state.config, all_snippets(state.topics))
        ran = [r for r in results.values() if not r.cached]
        log.info(
            "sidebyside: %d snippet(s) run, %d from the cache; run phase %.1f s, "
            "run times add up to %.1f s over %d job(s)",
            len(ran),
            len(results) - len(ran),
            time.perf_counter() - began,
            sum(r.seconds for r in ran),
            state.config.jobs,
        )
        if failures:
            count = f"{len(failures)} snippet(s) failed"
            raise PluginError(count + ":\n" + "\n".join(str(e) for e in failures.values()))
        self._frameworks_disagree(check_topics(state.topics, results))
        return results

    def _snapshot(self) -> dict[str, Result]:
        """Serve: return the stored results, queue the rest in the background, note both."""
        state = self._state()
        shot = self.background.snapshot(state.config, state.topics)
        state.pending = shot.pending
        state.failed = {sid: str(error) for sid, error in shot.failures.items()}
        if shot.pending or shot.failures:
            log.info(
                "sidebyside: %d output(s) from the cache, %d pending, %d failed",
                len(shot.results),
                len(shot.pending),
                len(shot.failures),
            )
        self._frameworks_disagree(check_topics(state.topics, shot.results))
        return shot.results

    def _frameworks_disagree(self, problems: list[str]) -> None:
        """The one policy for disagreements: a build fails; serve warns and keeps serving.

        Either way the pages show each compared value with its ✓ or ✗ (the agreement box and
        the translation table are titled by what their rows show).
        """
        if not problems:
            return
        message = "frameworks disagree:\n" + "\n".join(problems)
        if self.serving:
            log.warning("sidebyside: %s", message)
        else:
            raise PluginError(message)

    def _publish(self, files: Files, config) -> None:
        """Add the runs' files, downloads, notebooks, MNIST files, figures and generated pages."""
        state = self._state()
        sbs, results = state.config, state.results

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
            downloads, links = publish.write_downloads(
                sbs, state.topics, results, config.site_url, pending=state.pending
            )
            readers = publish.mnist_files(config.site_url)
        except ValueError as exc:
            raise PluginError(str(exc)) from exc
        log.info(
            "sidebyside: %d notebook(s) written with their runs' outputs, none executed",
            sum(1 for s in all_snippets(state.topics) if s.id in results),
        )
        streaming = self.streams_outputs()
        for uri, path in downloads.items():
            if streaming and uri.endswith(".ipynb"):  # Downloads only, no pages.
                files.append(publish.RawFile.generated(config, uri, content=path.read_bytes()))
            else:
                add(uri, path)
        for uri, source in readers.items():  # The MNIST files and loader downloads fetch.
            if isinstance(source, Path):  # Copied as they are: PROVENANCE.md is no page.
                files.append(publish.RawFile.generated(config, uri, abs_src_path=str(source)))
            else:
                add(uri, source)
        if state.offline_copy:
            shim = sbs.root / SEARCH_SHIM_SOURCE
            if not shim.is_file():
                raise PluginError(
                    f"{shim} is missing: the offline copy's search needs it; install it with "
                    "`npm install --prefix .cache/npm iframe-worker@1.0.4` (nox -s offline does)"
                )
            add(layout.SEARCH_SHIM_URI, shim.read_bytes())
        # Expand every page once, here, so the figures that directives draw are site files;
        # on_page_markdown then hands MkDocs the stored expansion.
        pages_of: dict[str, list[str]] = {}
        for file in files.documentation_pages():
            if file.src_uri.endswith(".md"):
                source, _ = get_data(file.content_string)  # The page without front matter.
                renderer = self.expand_page(source, file.src_uri)
                state.expanded[file.src_uri] = (source, renderer)
                for uri, content in renderer.generated.items():
                    add(uri, content)
                for topic in renderer.used:
                    pages_of.setdefault(topic, []).append(file.src_uri)
        thumbs, drawn = publish.thumbnails(state.topics, results)
        for uri, content in drawn.items():
            add(uri, content)
        claims = {uri: proofs.count_claims(source) for uri, (source, _) in state.expanded.items()}
        add(layout.STATUS_PAGE, pages.status_page(sbs, state.topics, results, claims))
        gallery = pages.gallery_page(sbs, state.topics, results, pages_of, thumbs, links)
        add(layout.GALLERY_PAGE, gallery)

    def _check_pages(self, files: Files) -> None:
        """Fail, naming each page and line, on a directive that would not render."""
        state = self._state()
        handlers = Renderer(state.config, state.topics, {}, "", execute=False).handlers()
        problems = []
        for file in files.documentation_pages():
            if file.src_uri.endswith(".md"):
                source, _ = get_data(file.content_string)
                found = check(source, handlers, set(state.topics))
                if not found:
                    found = self._check_proofs(source)
                problems += [f"docs/{file.src_uri}: {problem}" for problem in found]
        if problems:
            raise PluginError("page directives to fix:\n" + "\n".join(problems))

    def _check_proofs(self, source: str) -> list[str]:
        """Return a message for each proof marker or mark of a page that would not render."""
        state = self._state()
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

    def expand_page(self, markdown: str, src_uri: str) -> Renderer:
        """Expand the directives of one page; the renderer keeps what it generated."""
        state = self._state()
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

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """Replace the directive lines of a page with rendered Markdown."""
        if page.file.src_uri.endswith(".ipynb"):
            # A notebook repeats its example's page: keep search results on the pages.
            page.meta["search"] = {"exclude": True}
            return markdown
        source, renderer = self._state().expanded.get(page.file.src_uri, (None, None))
        if renderer is None or source != markdown:  # A page another plugin added or changed.
            renderer = self.expand_page(markdown, page.file.src_uri)
        return renderer.markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """Drop the remote script loaders that rendered notebooks bring along."""
        if page.file.src_uri.endswith(".ipynb"):
            return strip_remote_scripts(html)
        return html

    def on_post_build(self, *, config) -> None:
        """Serve: start the background runs once the pages are written (never before)."""
        if self.streams_outputs():
            self.background.last_build = time.perf_counter() - self._state().started
            self.background.start(self._state().config)


def show_runner_log() -> None:
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
