"""Figures of the all-Russia comparison chapter."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch, Rectangle

from ..plots import PALETTE, source_note
from .format import num

FE = PALETTE[1]


def league_tiles(lg: pd.DataFrame, LEAGUE_NAME: dict, CHAPTER: str):  # noqa: N803
    """One column of tiles per league, regions as printed; Far East regions filled, flagged entries dashed,
    entries that are not federal subjects hatched."""
    fig, ax = plt.subplots(figsize=(10, 6.2))
    W, H = 0.94, 0.82
    for col, (rank, members) in enumerate(lg.groupby("league_rank", sort=True)):
        head = LEAGUE_NAME[members.league_id.iloc[0]]
        ax.text(col + W / 2, 0.45, f"{head}\n(printed: “{members.league_label_as_printed.iloc[0]}”)",
                ha="center", va="bottom", fontsize=9.5, fontweight="bold")
        for row, (_, r) in enumerate(members.iterrows()):
            y = -row - 1
            face = FE if r.fe else "#dbe5f1"
            ax.add_patch(Rectangle((col, y), W, H, facecolor=face,
                                   edgecolor="#333333" if pd.notna(r.flag) else face,
                                   ls="--" if pd.notna(r.flag) else "-", lw=1.1,
                                   hatch="///" if not r.is_federal_subject else None))
            name = textwrap.fill(r.region_as_printed + (" *" if pd.notna(r.flag) else ""), 22)
            ax.text(col + W / 2, y + H / 2, name, ha="center", va="center", fontsize=8.2,
                    color="white" if r.fe else "black", fontweight="bold" if r.fe else "normal",
                    bbox=None if r.is_federal_subject else dict(facecolor="white", edgecolor="none", pad=1.5))
    nmax = lg.groupby("league_rank").size().max()
    ax.set_xlim(-0.05, 4.0); ax.set_ylim(-nmax - 0.1, 1.4)
    ax.axis("off")
    ax.legend(handles=[Patch(facecolor=FE, label="Far East region (Far Eastern Federal District, Table 4.1)"),
                       Patch(facecolor="#dbe5f1", label="other region"),
                       Patch(facecolor="white", edgecolor="#333333", ls="--", label="* entry flagged in the data notes"),
                       Patch(facecolor="white", edgecolor="#333333", hatch="///", label="not a federal subject")],
              loc="lower right", fontsize=8.5, frameon=True)
    ax.set_title("Dem'yanenko's four leagues of regional internationalization, regions as printed")
    source_note(fig, "Dem'yanenko (2013, 199), after Zubarevich (2012), as cited in " + CHAPTER +
                      "; data/region_leagues.csv. Order within a league is the order printed, not a ranking.")
    return fig


def agreements_by_type(vals: pd.DataFrame, fe_types: pd.Series, fe_district: pd.Series, TYPE_LABEL: dict,  # noqa: N803
                       OTHER: str, CHAPTER: str):  # noqa: N803
    """Agreements per region by type of subject (rows of `vals`, in TYPE_LABEL order), the number of Far East
    regions of each type under the bars, and the Far Eastern district's figure as a dashed line."""
    order = list(TYPE_LABEL)
    fig, ax = plt.subplots(figsize=(8, 4.6))
    x = range(len(order))
    ax.bar(x, vals.value, color=OTHER, width=0.6)
    for i, (rt, r) in enumerate(vals.iterrows()):
        stat = {"median": "printed as a median", "total": "printed as a 'total'"}.get(r.statistic_as_printed,
                                                                                  "no statistic printed")
        ax.text(i, r.value + 1.2, f"{num(r.value)}\n({stat})", ha="center", va="bottom", fontsize=8.5)
    ax.set_xticks(list(x))
    ax.set_xticklabels([f"{TYPE_LABEL[rt]}\nFar East regions of this type: {int(fe_types.get(rt, 0))}"
                        .replace("Republics and autonomous okrugs", "Republics and\nautonomous okrugs")
                        for rt in order], fontsize=9)
    ax.axhline(fe_district.value, color=FE, lw=2, ls="--")
    ax.annotate(f"Far Eastern Federal District: {num(fe_district.value)} per region\n(no statistic printed; an average implied; next section)",
                xy=(1.5, fe_district.value), xytext=(1.5, vals.value.max() * 0.45), color=FE, ha="center",
                fontsize=9, fontweight="bold", arrowprops=dict(arrowstyle="->", color=FE))
    ax.set_ylim(0, vals.value.max() * 1.25)
    ax.set_ylabel("international agreements per region\n(statistic differs by group; see table)")
    ax.set_title("International agreements per region, by type of federal subject")
    source_note(fig, "Reisinger and Yoo (2012, 15) as cited in " + CHAPTER +
                      "; data/agreements_by_region_type.csv; Far Eastern district line: "
                      "data/agreements_by_federal_district.csv; regions by type: data/far_east_regions.csv")
    return fig
