"""Figures of the Far East chapter. Each function draws one figure and returns (fig, plotted numbers)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..plots import PALETTE, source_note
from .format import num, unit_text

SOURCE = "Pietrasiak and Słowikowski (2018)"
KIND_COLOUR = {"federal_programme": PALETTE[0], "federal_strategy": PALETTE[5],
               "intergovernmental_programme": PALETTE[1], "policy": PALETTE[4], "federal_institution": PALETTE[2],
               "legal_regime": PALETTE[3], "event": PALETTE[6], "membership": PALETTE[6],
               "policy_document": PALETTE[6]}
KIND_LEGEND = {"federal programme": PALETTE[0], "federal strategy": PALETTE[5], "programme with China": PALETTE[1],
               "policy": PALETTE[4], "institution": PALETTE[2], "legal regime": PALETTE[3],
               "event, membership": PALETTE[6]}


def shares_of_russia(shares: pd.DataFrame, territory: float):
    """Bars of the district's shares of Russia (columns group, label, value, colour), with the territory line."""
    fig, ax = plt.subplots(figsize=(8.5, 4.8))
    y = np.arange(len(shares))
    ax.barh(y, shares.value, color=shares.colour)
    ax.set_yticks(y, shares.label)
    ax.invert_yaxis()
    ax.axvline(territory, color="#444444", lw=0.9, ls="--")
    ax.text(territory + 1, len(shares) - 0.5, "territory share", fontsize=8, color="#444444", va="bottom")
    for yi, v in zip(y, shares.value):
        ax.text(v + 1, yi, f"{num(v)}%", va="center", fontsize=8)
    ax.set_xlim(0, 112)
    ax.set_xlabel("share of the Russian total (%)")
    ax.set_title("The Far East's share of Russia: land, resources, transport, economy")
    groups = shares.drop_duplicates("group")
    ax.legend([plt.Rectangle((0, 0), 1, 1, color=c) for c in groups.colour], list(groups.group), loc="lower right")
    source_note(fig, f"{SOURCE}, sections 4.7 and 4.12, after Ross (2002) and one joint citation of the "
                     "Human Development Report 2006/2007, Madej (2015) and a news report; no reference years printed; "
                     "data/far_east_indicators.csv")
    return fig, shares[["group", "indicator", "label", "value"]].rename(columns={"value": "share_percent"})


def budget(pol: pd.DataFrame, amounts: pd.DataFrame, district: dict[str, str]):
    """Regional-policy shares of two districts (left) and the Far East's amounts as corrected (right)."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9.5, 4.2), gridspec_kw={"width_ratios": [1, 1]})
    a1.bar([district[r] for r in pol.index], pol.value, color=[PALETTE[0], PALETTE[4]], width=0.55)
    for i, v in enumerate(pol.value):
        a1.text(i, v + 0.2, f"{v:.1f}%", ha="center", fontsize=9)
    a1.set_ylim(0, pol.value.max() * 1.25)
    a1.set_ylabel("share of federal regional-policy spending (%)")
    a1.set_title(f"Shares, {int(pol.period_start.iloc[0])}", fontsize=11)
    a2.bar([str(y) for y in amounts.index], amounts.value_corrected, color=PALETTE[0], width=0.55)
    for i, (v, pub, u) in enumerate(zip(amounts.value_corrected, amounts.value, amounts.unit)):
        a2.text(i, v + 4, f"{num(v)}\n(printed: {num(pub)} {unit_text(u)})", ha="center", fontsize=8)
    a2.set_ylim(0, amounts.value_corrected.max() * 1.3)
    a2.set_ylabel("federal spending on the Far East (RUB billion)")
    a2.set_xlabel("year")
    a2.set_title("Amounts, corrected to billions", fontsize=11)
    fig.suptitle("The Far East and the North Caucasus in the federal budget", fontweight="bold")
    source_note(fig, f"{SOURCE}, section 4.14, after Zubarevich (2015); amounts plotted as corrected "
                     "(RUB billion), see the table; data/federal_budget_shares.csv")
    plotted = pd.concat([
        pd.DataFrame({"district": pol.index, "measure": "share_of_federal_regional_policy_expenditure",
                      "year": pol.period_start.astype(int).values, "value": pol.value.values, "unit": "percent"}),
        pd.DataFrame({"district": "far_eastern_federal_district", "measure": "federal_budget_expenditure_amount",
                      "year": amounts.index, "value": amounts.value_corrected.values, "unit": "rub_billion"})],
        ignore_index=True)
    return fig, plotted


def investment_balance(dib: pd.DataFrame):
    """Annual balance of direct investment as corrected (USD billion), the part year hatched."""
    fig, ax = plt.subplots(figsize=(8, 4.4))
    partial = dib.quarter.notna()
    x = np.arange(len(dib))
    bars = ax.bar(x, dib.value_corrected, color=[PALETTE[5] if p else PALETTE[0] for p in partial], width=0.6)
    for bar, p in zip(bars, partial):
        if p:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    for xi, v in zip(x, dib.value_corrected):
        ax.text(xi, v + 0.08, num(v), ha="center", fontsize=9, fontweight="bold")
    ax.set_xticks(x, [f"{p}\nprinted as\n{num(v)} {unit_text(u)}" for p, v, u in
                      zip(dib.period_as_printed.str.replace("third quarter of ", "Q3 "), dib.value, dib.unit)], fontsize=8)
    ax.set_ylabel("balance of direct investment (USD billion)")
    ax.set_ylim(0, dib.value_corrected.max() * 1.2)
    ax.set_title("Direct investment balance of the Far Eastern Federal District")
    ax.legend([plt.Rectangle((0, 0), 1, 1, color=PALETTE[0]),
               plt.Rectangle((0, 0), 1, 1, facecolor=PALETTE[5], hatch="//", edgecolor="white")],
              ["calendar year", "to the third quarter of 2015 (probably January–September)"], loc="upper left")
    source_note(fig, f"{SOURCE}, section 4.16, Central Bank figures via Kryuchkova, Sapozhkov and Yedovina (2016); "
                     "plotted as corrected (USD billion; printed as 'trillion'); data/direct_investment_balance.csv")
    plotted = dib[["period_as_printed", "value", "unit", "value_corrected", "unit_corrected"]].rename(
        columns={"value": "value_printed", "unit": "unit_printed"})
    return fig, plotted


def policy_timeline(tl: pd.DataFrame):
    """Programmes as bars (periods), diamonds (single years) or arrows (open or start unknown)."""
    xmax = int(max(tl.end.dropna().max(), tl.start.dropna().max())) + 2
    fig, ax = plt.subplots(figsize=(10, 6.4))
    for i, r in tl.iterrows():
        c = KIND_COLOUR[r.kind]
        if pd.isna(r.start) and not pd.isna(r.end):  # only the end is known
            ax.plot([r.end + 1], [i], marker="|", ms=14, mew=3, color=c)
            ax.annotate("", xy=(r.end + 1, i), xytext=(r.end - 2, i), arrowprops=dict(arrowstyle="-", ls=":", color=c))
            ax.text(r.end - 2.2, i, "start not stated", ha="right", va="center", fontsize=7, color="#666666")
        elif not pd.isna(r.end):
            ax.barh(i, r.end - r.start + 1, left=r.start, height=0.5, color=c)
        elif not r.years:  # a start and no end or year: open-ended, runs on past the axis
            ax.annotate("", xy=(xmax - 0.5, i), xytext=(r.start, i), arrowprops=dict(arrowstyle="->", lw=4, color=c))
        else:
            for y in r.years:
                ax.plot([y + 0.5], [i], marker="D", ms=7, color=c)
        if len(r.years) > 1 and pd.isna(r.end):  # dated differently by different sources
            ax.text(max(r.years) + 1.4, i, f"(dated {r.years[0]} and {r.years[-1]})", va="center", fontsize=7,
                    color="#666666")
    ax.set_yticks(range(len(tl)), tl.label, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(1990, xmax)
    ax.set_xlabel("year")
    ax.set_title("Federal policy towards the Far East, 1990s–2020s")
    ax.legend([plt.Rectangle((0, 0), 1, 1, color=c) for c in KIND_LEGEND.values()], list(KIND_LEGEND),
              loc="upper right", fontsize=8, ncol=2, title="kind of item", title_fontsize=8)
    source_note(fig, f"{SOURCE}, sections 4.1, 4.12.1, 4.13.3, 4.14–4.17; data/federal_programmes.csv")
    plotted = tl[["id", "label", "kind", "start", "end"]].assign(years=[" ".join(map(str, y)) for y in tl.years])
    return fig, plotted
