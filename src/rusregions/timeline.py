"""A timeline of Russian federalism: period bands above, dated acts below.

`draw_timeline(periods, acts)` takes two data frames as `data.load` returns them:

- `periods`: rows of `federalism_periods` (columns `kind`, `label`, `start_year`, `end_year`, `president`);
  each value of `kind` ("stage", "period", "regime") becomes one lane of coloured bands.
- `acts`: a selection of rows of `legal_acts` (columns `year`, `month`, `kind`, `era` and a label column).

Conventions (state them in the figure's caption):

- The axis is continuous in years; a year printed as Y covers [Y, Y+1). A band printed "a–b" covers
  [a, b+1); an open end ("present") runs to `until`. Where two consecutive bands of a lane both claim a year
  (the source dates one period 1990–1993 and the next 1993–1999), the boundary is drawn in the middle of it.
- An act dated only by year is placed in the middle of that year; one with a month, in the middle of the month.
- Bands are coloured by president (`plots.ERA_COLOURS`); adjacent bands of the same era alternate in shade.
  Markers are coloured by the act's era and shaped by its kind.
- Act labels run rightwards from their marker and are stacked in as many rows as needed so that no two
  overlap and no leader line crosses a label; the figure grows in height to fit them.

Used by the federalism chapter and reusable by the synthesis; `act_position` and `band_spans` expose the two
placement rules for tests or for other figures.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .plots import ERA_COLOURS

LANE_TITLES = {"stage": "Two stages", "period": "Three periods", "regime": "Political regime"}
MARKERS = {"constitution": "D", "treaty": "s", "federal_law": "o", "decree": "^", "ordinance": "v",
           "concept": "P", "institution": "*", "programme": ">", "event": "X"}
NO_ERA = "#7f7f7f"


def act_position(year: int, month=None) -> float:
    """Position of an act on the year axis: mid-year, or mid-month where the month is known."""
    if month is None or pd.isna(month):
        return year + 0.5
    return year + (int(month) - 0.5) / 12


def band_spans(lane: pd.DataFrame, until: float) -> list[tuple[float, float]]:
    """[left, right) of each band of one lane, in the lane's row order (see module docstring)."""
    spans = []
    for _, row in lane.iterrows():
        right = until if pd.isna(row["end_year"]) else row["end_year"] + 1
        spans.append([float(row["start_year"]), float(right)])
    for prev, nxt in zip(spans, spans[1:]):
        if nxt[0] < prev[1]:  # a shared year: meet in its middle
            prev[1] = nxt[0] = (nxt[0] + prev[1]) / 2
    return [tuple(s) for s in spans]


def _years(row) -> str:
    end = "present" if pd.isna(row["end_year"]) else str(int(row["end_year"]))
    return f"{int(row['start_year'])}–{end}"


def draw_timeline(periods: pd.DataFrame, acts: pd.DataFrame, *, until: float, label_col: str = "label",
                  lanes=("stage", "period", "regime"), wrap: int = 22, width: float = 10, lane_height: float = 0.6,
                  title: str | None = None, band_wrap_years: float = 5, fontsize: float = 8):
    """Draw period bands (one lane per kind) and labelled act markers; return (fig, ax).

    until: right end of the axis and of open-ended bands (e.g. the last year studied + 1).
    label_col: column of `acts` used for the labels, wrapped at `wrap` characters.
    band_wrap_years: band labels are wrapped when the band is this many years wide or less.
    fontsize: size of the act labels (band labels are half a point larger).
    width, lane_height: figure width and height of one lane of bands, in inches; the figure's height follows
    from them and from the rows the act labels need.
    """
    fig, ax = plt.subplots(figsize=(width, 6))
    left = float(periods["start_year"].min())
    ax.set_xlim(left - 0.3, until + 0.6)
    lane_y = {kind: len(lanes) - i for i, kind in enumerate(lanes)}  # top lane highest

    for kind in lanes:
        lane = periods[periods["kind"] == kind].sort_values("start_year")
        y = lane_y[kind]
        last_era, shade = None, 0
        for (x0, x1), (_, row) in zip(band_spans(lane, until), lane.iterrows()):
            shade = shade + 1 if row["president"] == last_era else 0
            last_era = row["president"]
            open_end = pd.isna(row["end_year"])
            ax.barh(y, x1 - x0, left=x0, height=0.78, color=ERA_COLOURS[row["president"]],
                    alpha=0.95 if shade % 2 == 0 else 0.6, edgecolor="white", linewidth=1.5)
            if open_end:  # an arrow says the band runs on past the axis
                ax.annotate("", xy=(x1 + 0.45, y), xytext=(x1 - 0.05, y), annotation_clip=False,
                            arrowprops=dict(arrowstyle="-|>", color=ERA_COLOURS[row["president"]], lw=2))
            label = row["label"]
            if x1 - x0 <= band_wrap_years:
                label = textwrap.fill(label, 12, break_long_words=False)
            ax.text((x0 + x1) / 2, y, f"{label}\n{_years(row)}", ha="center", va="center",
                    fontsize=fontsize + 0.5, color="white", fontweight="bold", linespacing=1.1)

    # Act markers on a baseline, labels stacked below it, each running rightwards from its marker and set one
    # row below every label whose marker its text would cover: no leader line crosses a label and no labels
    # overlap. Sizes are measured in pixels once the layout is fixed; the y-axis is then scaled to fit the rows.
    base, top = 0.2, len(lanes) + 0.5
    ax.axhline(base, color="#444444", lw=0.8)
    acts = acts.assign(_x=[act_position(y, m) for y, m in zip(acts["year"], acts["month"])]).sort_values("_x", kind="stable")
    texts = [ax.text(x, base, textwrap.fill(str(label), wrap, break_long_words=False), ha="left", va="top",
                     fontsize=fontsize, linespacing=1.05) for x, label in zip(acts["_x"], acts[label_col])]
    _finish_axes(ax, periods, acts, lanes, left, until, base, title)
    ax.set_ylim(-len(lanes), top)  # provisional: keeps the unplaced labels inside the axes
    fig.tight_layout()
    renderer = fig.canvas.get_renderer()
    px_per_year = ax.bbox.width / (ax.get_xlim()[1] - ax.get_xlim()[0])
    sizes = [t.get_window_extent(renderer) for t in texts]
    widths = [b.width / px_per_year + 0.15 for b in sizes]
    rows = _stack(list(acts["_x"]), widths)
    gap = 5 * fig.dpi / 72
    heights = [max(sizes[i].height for i in range(len(texts)) if rows[i] == r) + gap
               for r in range(max(rows, default=-1) + 1)]
    label_px = sum(heights) + gap
    # Grow or shrink the figure so that the bands get lane_height inches per lane, then fit the y-axis.
    band_px = (len(lanes) + 0.5) * lane_height * fig.dpi
    fig.set_size_inches(width, fig.get_size_inches()[1] + (band_px + label_px - ax.bbox.height) / fig.dpi)
    fig.tight_layout()
    band_px = ax.bbox.height - label_px
    per_px = (top - (base - 0.15)) / band_px  # data units per pixel, vertically
    ax.set_ylim(base - 0.15 - label_px * per_px, top)
    for i, (t, (_, act)) in enumerate(zip(texts, acts.iterrows())):
        colour = NO_ERA if pd.isna(act["era"]) else ERA_COLOURS.get(act["era"], NO_ERA)
        y = base - 0.15 - sum(heights[:rows[i]]) * per_px
        t.set_y(y)
        ax.plot([act["_x"]] * 2, [base, y], color=colour, lw=0.7, zorder=3)
        ax.plot(act["_x"], base, marker=MARKERS.get(act["kind"], "o"), color=colour, mec="white", mew=0.8,
                ms=11 if act["kind"] == "institution" else 8, zorder=4, clip_on=False)
    return fig, ax


def _stack(xs, widths) -> list[int]:
    """Row of each rightward label: one below every label whose marker its text covers (placed from the right)."""
    rows = [0] * len(xs)
    for i in range(len(xs) - 1, -1, -1):
        covered = [rows[k] for k in range(i + 1, len(xs)) if xs[k] <= xs[i] + widths[i]]
        rows[i] = max(covered) + 1 if covered else 0
    return rows


def _finish_axes(ax, periods, acts, lanes, left, until, base, title):
    lane_y = {kind: len(lanes) - i for i, kind in enumerate(lanes)}
    ax.set_yticks([lane_y[k] for k in lanes] + [base], [LANE_TITLES.get(k, k) for k in lanes] + ["Acts"])
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.spines[["left", "top", "right", "bottom"]].set_visible(False)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xticks(range(int(left), int(until) + 1, 2))
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlabel("year (tick at 1 January)")
    eras = [e for e in ERA_COLOURS if e in set(periods["president"]) | set(acts["era"].dropna())]
    handles = [Patch(color=ERA_COLOURS[e], label=f"{e.capitalize()} era") for e in eras]
    handles += [Line2D([], [], ls="", marker=MARKERS[k], color=NO_ERA, label=k.replace("_", " "))
                for k in MARKERS if k in set(acts["kind"])]
    ax.legend(handles=handles, loc="lower right", fontsize=8, ncol=2, title="band colour · marker shape",
              title_fontsize=8, frameon=True, facecolor="white", edgecolor="#cccccc")
    if title:
        ax.set_title(title)
