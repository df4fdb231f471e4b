"""Draw exported series of several frameworks into one reproducible SVG."""

from __future__ import annotations

import functools
import hashlib
import io
import json
from importlib import metadata
from pathlib import Path

from sidebyside.core.files import write_atomic

STYLES = ("-o", "--s", ":^")


def line_plot(
    series: dict[str, dict], x: str, ys: list[str], title: str = "", cache: Path | None = None
) -> bytes:
    """Plot `ys` against `x` for every label in `series` (label -> dict of columns), one panel each.

    The SVG is byte-identical for identical input: fixed hash salt and no date in its metadata.
    With a `cache` folder, a plot drawn once for the same input is read back, not drawn again.
    """
    arguments = (json.dumps(series, sort_keys=True), x, tuple(ys), title)
    if cache is None:
        return _draw(*arguments)
    digest = hashlib.sha256(repr((arguments, metadata.version("matplotlib"))).encode())
    path = cache / f"{digest.hexdigest()[:32]}.svg"
    if not path.is_file():
        write_atomic(path, _draw(*arguments))
    return path.read_bytes()


@functools.lru_cache(maxsize=64)  # A page is expanded twice per build; draw each plot once.
def _draw(series_json: str, x: str, ys: tuple[str, ...], title: str) -> bytes:
    import matplotlib  # Imported here: a build without plots never pays for it.

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    series = json.loads(series_json)
    plt.rcParams["svg.hashsalt"] = "sidebyside"
    fig, axes = plt.subplots(1, len(ys), figsize=(4.2 * len(ys), 3.2), squeeze=False)
    for ax, y in zip(axes[0], ys, strict=True):
        for style, (label, columns) in zip(STYLES, series.items(), strict=False):
            ax.plot(columns[x], columns[y], style, label=label, markersize=4)
        ax.set_xlabel(x.replace("_", " "))
        ax.set_title(y.replace("_", " "))
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()
