"""Figures of the border-regions chapter. Each function draws one figure and returns (fig, plotted numbers)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..plots import PALETTE, source_note
from .agreement_charts import FE_DISTRICT, district_bars
from .format import pretty

# colour of each reading, in the order of borderregions.READINGS
READING_COLOUR = {"consistent": PALETTE[2], "mixed": PALETTE[3], "in tension": PALETTE[1],
                  "not addressed": PALETTE[6]}


def border_districts(d: pd.DataFrame, border: pd.Series):
    """Agreements per region by district (rows in plotting order), the Far East annotated with its border with
    China (a row of far_east_indicators)."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    district_bars(ax, d, horizontal=True, legend_loc="center right")
    far = d.set_index("region_id").loc[FE_DISTRICT]
    ypos = list(d.region_id).index(FE_DISTRICT)
    ax.annotate(f"border with China: {border.value:,.0f} km,\nthe longest (as the chapter states)",
                xy=(far.value + 1.1, ypos - 0.12), xytext=(far.value + 3, ypos - 0.45), fontsize=8, va="center",
                arrowprops=dict(arrowstyle="->", color="#444444"))
    ax.set_xlabel("international agreements per region (mean implied by the source)")
    ax.set_xlim(0, d.value.max() * 1.2)
    ax.set_title("Agreements per region in the five federal districts reported")
    source_note(fig, "Reisinger and Yoo (2012, 15) as reported by Pietrasiak and Słowikowski (2018); "
                "data/agreements_by_federal_district.csv, data/far_east_indicators.csv")
    return fig, d[["region_id", "label_as_printed", "value", "caveat"]]


def abstract_claims(readings: pd.DataFrame):
    """A dot per claim of the abstract (rows: factor_id, label, kind, evidence_rows, reading) in the column of its
    reading, sized by the number of evidence rows; a line between kinds of claim."""
    fig, ax = plt.subplots(figsize=(8, 4.8))
    kinds = list(readings.kind)
    xs = [list(READING_COLOUR).index(r) for r in readings.reading]  # an unknown reading fails here
    ys = np.arange(len(readings))
    ax.scatter(xs, ys, s=[60 + 40 * n for n in readings.evidence_rows],
               c=[READING_COLOUR[r] for r in readings.reading], zorder=3)
    ax.set_yticks(ys, [f"{pretty(lab)} ({k})" for lab, k in zip(readings.label, kinds)], fontsize=8)
    ax.set_xticks(range(len(READING_COLOUR)), list(READING_COLOUR))
    ax.set_xlim(-0.5, len(READING_COLOUR) - 0.5)
    ax.invert_yaxis()
    for y in ys[1:]:
        if kinds[y] != kinds[y - 1]:
            ax.axhline(y - 0.5, color="#888888", lw=0.8)
    ax.set_xlabel("this report's reading of the Far East evidence (dot size: number of evidence rows)")
    ax.set_title("The abstract's claims held against the Far East case")
    source_note(fig, "abstract: data/border_region_factors.csv; evidence: data/interview_findings.csv, "
                "data/activity_conditions.csv, data/border_functions.csv, data/agreements_by_federal_district.csv; "
                "reading: this report")
    return fig, readings
