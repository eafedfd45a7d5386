"""One house style for every figure: readable in HTML and in the PDF, sources under the plot."""
from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import seaborn as sns

PALETTE = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a9a9a9"]
ERA_COLOURS = {"yeltsin": "#2e75b6", "putin": "#c55a11", "after_2022": "#7030a0"}


def use_house_style() -> None:
    sns.set_theme(style="whitegrid", context="notebook", palette=PALETTE)
    mpl.rcParams.update({
        "figure.figsize": (8, 4.5), "figure.dpi": 110, "savefig.dpi": 200,
        "axes.titlesize": 12, "axes.titleweight": "bold", "axes.labelsize": 10,
        "axes.spines.top": False, "axes.spines.right": False,
        "font.family": "DejaVu Sans", "legend.frameon": False,
    })


def source_note(fig, text: str) -> None:
    """Print the source under the figure, as in a printed report."""
    fig.text(0.01, -0.02, f"Source: {text}", ha="left", va="top", fontsize=8, color="#444444", wrap=True)


def label_bars(ax, fmt: str = "{:.1f}") -> None:
    for container in ax.containers:
        ax.bar_label(container, labels=[fmt.format(v) for v in container.datavalues], fontsize=8, padding=2)


def finish(fig) -> None:
    fig.tight_layout()
    plt.show()
