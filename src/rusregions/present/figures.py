"""The recurring figure kinds in the house style, and `show`, which makes any figure a numbered book figure.

`show(fig, name, data, alt=..., caption=...)` glues the figure under `name`, writes exactly the numbers it
plots to figure_data/<name>.csv beside the notebook, and displays a MyST `glue:figure` directive with that
label, the alt text and the caption ending in a link to the CSV. The directive is generated, not typed into a
Markdown cell, so a notebook run many times with different parameters (the region profiles) gets a label per
run, and the caption and its download cannot drift apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from ..fsutil import atomic_write_text
from ..plots import ERA_COLOURS, PALETTE, finish, label_bars, source_note, use_house_style  # noqa: F401 (re-export)
from ..timeline import draw_timeline  # noqa: F401 (re-export: the timeline kind)
from .format import num

FIGURE_DATA = "figure_data"  # beside the notebook; the book links it with the {download} role
NAME = re.compile(r"^fig-[a-z0-9]+(-[a-z0-9]+)*$")
OTHERS = "others / not listed"


def csv_path(name: str, folder: str | Path = ".") -> Path:
    return Path(folder) / FIGURE_DATA / f"{name}.csv"


def directive(name: str, alt: str, caption: str) -> str:
    """The MyST block that places glued figure `name`, numbered, with its label, alt text and data link."""
    for what, text in (("alt", alt), ("caption", caption)):
        if not text or not text.strip():
            raise ValueError(f"figure {name}: the {what} text is empty")
    if "\n" in alt:
        raise ValueError(f"figure {name}: the alt text must be one line")
    link = f"{{download}}`Data (CSV) <{FIGURE_DATA}/{name}.csv>`"
    return f"```{{glue:figure}} {name}\n:name: {name}\n:alt: {alt.strip()}\n\n{caption.strip()} {link}\n```"


def show(fig, name: str, data: pd.DataFrame, *, alt: str, caption: str, folder: str | Path = ".") -> None:
    """Show `fig` as book figure `name` (e.g. 'fig-sakhalin-coal') with `data`, the plotted numbers, as CSV."""
    if not NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like 'fig-words-in-lowercase'")
    if not isinstance(data, pd.DataFrame) or data.empty:
        raise ValueError(f"figure {name}: data must be the non-empty DataFrame of the plotted numbers")
    text = directive(name, alt, caption)
    path = csv_path(name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    # atomically: a build may copy the file while nbval re-runs this notebook in the same checkout
    atomic_write_text(path, data.to_csv(index=False, lineterminator="\n"))
    from myst_nb import glue  # imported here: the formatting helpers need no notebook machinery

    fig.tight_layout()
    glue(name, fig, display=False)
    plt.close(fig)
    display(Markdown(text))


def labelled_bars(ax, labels, values, *, fmt=num, horizontal: bool = True, colours=None, suffix: str = "",
                  height: float = 0.6):
    """Bars with their value printed at the end of each; the first label is on top (horizontal) or left."""
    labels, values = list(labels), [float(v) for v in values]
    colours = colours if colours is not None else PALETTE[0]
    if horizontal:
        bars = ax.barh(labels, values, color=colours, height=height)
        ax.invert_yaxis()
    else:
        bars = ax.bar(labels, values, color=colours, width=height)
    ax.bar_label(bars, labels=[fmt(v) + suffix for v in values], fontsize=8, padding=2)
    ax.margins(**({"x": 0.12} if horizontal else {"y": 0.12}))
    return bars


def stacked_shares(ax, shares: pd.DataFrame, *, colours=None, label_min: float = 5.0, others: bool = True,
                   fmt=num, suffix: str = "", height: float = 0.6):
    """One horizontal bar per row of `shares` (percent), one segment per column, first row on top.

    Segments of at least `label_min` carry their value; a row short of 100 gets a hatched 'others / not listed'
    segment when `others` is true, so an incomplete breakdown is visible, not hidden.
    """
    colours = colours or {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(shares.columns)}
    left = np.zeros(len(shares))
    ys = np.arange(len(shares))
    for col in shares.columns:
        vals = shares[col].fillna(0).to_numpy(dtype=float)
        ax.barh(ys, vals, left=left, color=colours[col], height=height, label=col)
        for y, x0, v in zip(ys, left, vals):
            if v >= label_min:
                ax.text(x0 + v / 2, y, fmt(v) + suffix, ha="center", va="center", color="white", fontsize=8)
        left += vals
    if others and (100 - left > 0.05).any():
        rest = np.where(100 - left > 0.05, 100 - left, 0)
        ax.barh(ys, rest, left=left, color="white", edgecolor="#999999", hatch="//", height=height, label=OTHERS)
    ax.set_yticks(ys, list(shares.index))
    ax.invert_yaxis()
    ax.set_xlim(0, max(100, float(left.max())))
    return ax


def long_form(frame: pd.DataFrame, index_name: str, columns_name: str, value_name: str) -> pd.DataFrame:
    """A wide frame (as plotted) in tidy form for its CSV: one row per plotted value."""
    out = frame.rename_axis(index=index_name, columns=columns_name).stack().rename(value_name).reset_index()
    return out


@dataclass
class Figure:
    """A drawn figure waiting to be shown: what `show` needs, as one value a function can return."""
    fig: object
    name: str
    data: pd.DataFrame
    alt: str
    caption: str


def show_all(items) -> None:
    """Display each item in order: a Figure through `show`, None skipped, anything else as it is."""
    for item in items:
        if item is None:
            continue
        if isinstance(item, Figure):
            show(item.fig, item.name, item.data, alt=item.alt, caption=item.caption)
        else:
            display(item)
