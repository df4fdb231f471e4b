"""The `sidebyside` MkDocs plugin: registered by name, options validated, mkdocs.yml checked."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from sidebyside.site.plugin import SideBySidePlugin, required_extensions

ROOT = Path(__file__).resolve().parents[2]


def _site_config(tmp_path: Path, change=None, plugin_options=None):
    """Load the project's mkdocs.yml, its text changed by `change`, from a copy in `tmp_path`."""
    text = (ROOT / "mkdocs.yml").read_text()
    # The file uses !ENV, !relative and !!python/name tags: edit the text, not a parsed copy.
    if change:
        text = change(text)
    if plugin_options is not None:
        options = yaml.safe_dump({"sidebyside": plugin_options}, default_flow_style=True).strip()
        text = text.replace("  - sidebyside  #", f"  - {options}  #", 1)
    for name in (
        "docs",
        "snippets",
        "mnist_data",
        "sidebyside",
        "pyproject.toml",
        "constraints.txt",
    ):
        (tmp_path / name).symlink_to(ROOT / name)  # What mkdocs.yml names must exist.
    path = tmp_path / "mkdocs.yml"
    path.write_text(text)
    return load_config(str(path))


def test_the_plugin_is_registered_and_the_site_needs_nothing_more(tmp_path):
    config = _site_config(tmp_path)
    plugin = config.plugins["sidebyside"]
    assert isinstance(plugin, SideBySidePlugin), "mkdocs.yml must list the `sidebyside` plugin"
    assert required_extensions(config) == []
    assert plugin.config.serve_in_background is True and plugin.config.project is None


FORMAT_LINE = "          format: !!python/name:sidebyside.site.fence.format_snippet\n"
# Each edit of mkdocs.yml, and the words the error must name.
BROKEN = {
    "line-spans": (("line_spans: __span", "line_spans: __line"), "line_spans"),
    "fence": ((FORMAT_LINE, ""), "`sbs` fence"),
    "tabbed": (("alternate_style: true", "alternate_style: false"), "alternate_style"),
    "md-in-html": (("  - md_in_html\n", ""), "md_in_html"),
}


@pytest.mark.parametrize(("swap", "named"), BROKEN.values(), ids=BROKEN.keys())
def test_on_config_names_what_mkdocs_yml_lacks(tmp_path, swap, named):
    config = _site_config(tmp_path, change=lambda text: text.replace(*swap, 1))
    assert any(named in problem for problem in required_extensions(config)), named
    with pytest.raises(PluginError, match=named):
        config.plugins["sidebyside"].on_config(config)


@pytest.mark.parametrize("options", [{"serve_in_background": "yes"}, {"project": "no/such"}])
def test_plugin_options_are_validated(tmp_path, options):
    with pytest.raises((ValidationError, ConfigurationError, Abort)):
        _site_config(tmp_path, plugin_options=options)


def test_an_unknown_plugin_option_is_reported():
    errors, warnings = SideBySidePlugin().load_config({"jobs": 2})
    assert not errors and any("jobs" in str(w) for w in warnings), warnings


def test_serve_waits_for_runs_when_background_is_off(tmp_path):
    config = _site_config(tmp_path, plugin_options={"serve_in_background": False})
    plugin = config.plugins["sidebyside"]
    plugin.on_config(config)
    before = signal.getsignal(signal.SIGTERM)
    try:
        plugin.on_startup(command="serve", dirty=False)
    finally:
        signal.signal(signal.SIGTERM, before)  # on_startup makes SIGTERM stop the server.
    assert plugin.serving and not plugin.streams_outputs(), "serve_in_background: false waits"
    plugin.config.serve_in_background = True
    assert plugin.streams_outputs() is plugin.state.config.execute
