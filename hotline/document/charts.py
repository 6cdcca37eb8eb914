"""Draw a Chart (hotline.document.model) as a PNG, with the embedded CJK font.

matplotlib with the Agg backend: no display, no system fonts, no network. The
same picture goes into the .docx, the .html (inline, base64) and the .pdf.
"""

from __future__ import annotations

import io
from functools import lru_cache

from hotline.document.fonts import CJK_FAMILY, cjk_font
from hotline.document.model import Chart

PALETTE = ("#c0392b", "#2e86c1", "#28b463", "#f39c12", "#8e44ad", "#16a085", "#7f8c8d", "#d35400")


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(str(cjk_font().path))
    plt.rcParams.update(
        {
            "font.family": CJK_FAMILY,
            "axes.unicode_minus": False,
            "svg.hashsalt": "hotline",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def png(chart: Chart, width_in: float = 6.4, height_in: float = 3.2, dpi: int = 150) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=dpi)
    try:
        _draw(ax, chart)
        ax.set_title(chart.title, fontsize=11)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _draw(ax, chart: Chart) -> None:
    labels = list(chart.labels)
    if chart.kind == "pie":
        values = list(chart.series[0][1])
        ax.pie(values, labels=labels, colors=PALETTE[: len(values)], autopct="%1.1f%%", textprops={"fontsize": 8})
        ax.axis("equal")
        return
    if chart.kind == "line":
        for (name, values), color in zip(chart.series, PALETTE, strict=False):
            ax.plot(labels, values, marker="o", color=color, label=name)
            for x, y in zip(labels, values, strict=True):
                ax.annotate(f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7)
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    elif chart.kind == "barh":
        name, values = chart.series[0]
        positions = range(len(labels))
        bars = ax.barh(list(positions), list(values), color=PALETTE[1])
        ax.set_yticks(list(positions), labels, fontsize=8)
        ax.invert_yaxis()
        ax.bar_label(bars, fmt="%g", fontsize=7, padding=2)
    else:
        name, values = chart.series[0]
        bars = ax.bar(labels, list(values), color=PALETTE[: len(labels)])
        ax.bar_label(bars, fmt="%g", fontsize=7, padding=2)
        ax.tick_params(axis="x", labelsize=8)
    ax.set_ylabel(chart.unit, fontsize=8) if chart.kind != "barh" else ax.set_xlabel(chart.unit, fontsize=8)
    if len(chart.series) > 1:
        ax.legend(fontsize=8)
