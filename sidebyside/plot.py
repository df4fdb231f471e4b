"""Draw exported series of several frameworks into one reproducible SVG."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLES = ("-o", "--s", ":^")


def line_plot(series: dict[str, dict], x: str, ys: list[str], title: str = "") -> bytes:
    """Plot `ys` against `x` for every label in `series` (label -> dict of columns), one panel each.

    The SVG is byte-identical for identical input: fixed hash salt and no date in its metadata.
    """
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
