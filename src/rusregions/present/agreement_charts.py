"""Charts of international agreements: per region by federal district (used by two chapters), the memo's sums,
and the national total beside the per-region figures."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..plots import ERA_COLOURS, PALETTE, source_note
from .format import num, pretty

FE_DISTRICT = "far_eastern_federal_district"
TYPE_TICK = {"federal_cities": "federal\ncities", "oblasts_and_krais": "oblasts and\n'countries'",
             "republics_and_autonomous_okrugs": "republics and\nautonomous\nokrugs"}  # as the sentence prints them
FE_COLOUR, OTHER_COLOUR = PALETTE[2], ERA_COLOURS["putin"]


def district_label(printed: str) -> str:
    """'The Far Eastern regions' -> 'Far Eastern'."""
    return printed.replace("The ", "").replace("the ", "").replace(" regions", "")


def district_bars(ax, d: pd.DataFrame, *, horizontal: bool = False, legend_loc: str = "upper right",
                  fontsize: float = 8):
    """Agreements per region by district (rows of agreements_by_federal_district, in plotting order): the Far
    Eastern district highlighted, districts the source says a capital 'boosts' hatched, values printed."""
    colours = [FE_COLOUR if i == FE_DISTRICT else OTHER_COLOUR for i in d.region_id]
    labels = [district_label(x) for x in d.label_as_printed]
    if horizontal:
        bars = ax.barh(labels, d.value, color=colours, height=0.6)
    else:
        bars = ax.bar(np.arange(len(d)), d.value, color=colours, width=0.6)
        ax.set_xticks(np.arange(len(d)), labels, rotation=25, ha="right")
    for b, cav in zip(bars, d.caveat):
        if pd.notna(cav):
            b.set_hatch("..")
            b.set_edgecolor("white")
    ax.bar_label(bars, labels=[num(v) for v in d.value], fontsize=fontsize, padding=2)
    ax.legend(handles=[Patch(facecolor=OTHER_COLOUR, hatch="..", edgecolor="white",
                             label="capital city 'boosts the average'"),
                       Patch(facecolor=FE_COLOUR, label="Far Eastern Federal District")],
              loc=legend_loc, fontsize=fontsize - 0.5 if not horizontal else fontsize)
    return bars


def national_and_per_region(total: pd.Series, bt: pd.DataFrame, d: pd.DataFrame):
    """Sergounin's national total (left) beside per-region figures by type (middle) and district (right)."""
    fig, (a0, a1, a2) = plt.subplots(1, 3, figsize=(10, 4.8), gridspec_kw={"width_ratios": [1, 2.1, 3.2]})
    a0.bar([0], [total.value], color=ERA_COLOURS["yeltsin"], width=0.55)
    a0.annotate("", xy=(0, total.value * 1.25), xytext=(0, total.value * 1.02),
                arrowprops=dict(arrowstyle="->", color=ERA_COLOURS["yeltsin"], lw=1.5))
    a0.text(0, total.value * 1.3, f"more than\n{num(total.value)}", ha="center", va="bottom", fontsize=9)
    a0.set_xticks([0], [f"all regions\n{int(total.period_start)}–{int(total.period_end)}"], fontsize=8)
    a0.set_xlim(-0.8, 0.8)
    a0.set_ylim(0, total.value * 1.75)
    a0.set_ylabel("agreements signed, national total (count)")
    a0.set_title("Sergounin (1999)", fontsize=10)

    x1 = np.arange(len(bt))
    a1.bar(x1, bt.value_used, color=ERA_COLOURS["putin"], width=0.6)
    stat = {"median": "median", "total": "printed\n'total'"}
    for x, v, s in zip(x1, bt.value_used, bt.statistic_as_printed):
        a1.text(x, v + 1.5, f"{num(v)}\n({stat.get(s, 'no statistic' + chr(10) + 'printed')})", ha="center",
                va="bottom", fontsize=7.5)
    a1.set_xticks(x1, [TYPE_TICK[t] for t in bt.region_type])  # a new type without a tick label fails here
    a1.tick_params(axis="x", labelsize=7.5)
    a1.set_ylim(0, bt.value_used.max() * 1.35)
    a1.set_ylabel("agreements per region")
    a1.set_title("By type of subject", fontsize=10)

    district_bars(a2, d)
    a2.tick_params(axis="x", labelsize=8)
    a2.set_ylim(0, d.value.max() * 1.25)
    a2.set_ylabel("agreements per region (mean implied)")
    a2.set_title("By federal district (five reported)", fontsize=10)
    fig.suptitle("A national total and per-region figures: different measures, separate axes", fontweight="bold")
    source_note(fig, "left: Sergounin (1999), data/bright_side_facts.csv; middle and right: Reisinger and Yoo "
                     "(2012, 15) as reported by Pietrasiak and Słowikowski (2018), data/agreements_by_region_type.csv, "
                     "data/agreements_by_federal_district.csv")
    plotted = pd.concat([
        pd.DataFrame({"panel": "national total", "group": "all regions", "value": [total.value]}),
        pd.DataFrame({"panel": "by type of subject", "group": bt.region_type, "value": bt.value_used}),
        pd.DataFrame({"panel": "by federal district", "group": d.region_id, "value": d.value})], ignore_index=True)
    return fig, plotted


def programme_sums(ecu: pd.DataFrame, nok_sum: str, source: str):
    """The memo's sums in ECU million on a log axis, coloured by instrument; the pledge's ECU twin hatched."""
    instruments = list(dict.fromkeys(ecu.sort_values("ecu_million", ascending=False).instrument))
    icol = dict(zip(instruments, PALETTE))
    fig, ax = plt.subplots(figsize=(9.5, 4.8))
    for y, (_, r) in enumerate(ecu.iterrows()):
        equivalent = pd.notna(r.equivalent_of)
        ax.barh(y, r.ecu_million, color="white" if equivalent else icol[r.instrument],
                edgecolor=icol[r.instrument], hatch="///" if equivalent else None, linewidth=1.2, height=0.65)
        text = f"{nok_sum} (memo: '{r['sum']}')" if equivalent else r["sum"]
        ax.text(r.ecu_million * 1.12, y, text, va="center", fontsize=8)
    ax.set_yticks(range(len(ecu)), ecu.label)
    ax.set_xscale("log")
    ax.set_xlim(0.1, 5000)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set_xlabel("sum as printed, ECU million (log scale)")
    ax.set_title("Sums named in the memo, in ECU as printed")
    handles = [Patch(facecolor=icol[i], label=pretty(i)) for i in instruments if i != "pledge"]
    handles.append(Patch(facecolor="white", edgecolor=icol["pledge"], hatch="///",
                         label="pledge (ECU figure the memo gives\nbeside the NOK pledge)"))
    ax.legend(handles=handles, title="instrument", loc="lower right", fontsize=8, title_fontsize=9)
    source_note(fig, source + ", 'Levels of Regionalism'; data/cooperation_programmes_1990s.csv. "
                "ECU 245 thousand is drawn as 0.245 ECU million; no currency is converted.")
    return fig, ecu[["item_id", "label", "instrument", "sum", "unit", "amount", "ecu_million"]]


def levels_of_cooperation(summary: pd.DataFrame, source: str):
    """Examples per level of cooperation (rows of summary: level_number, subtype as an ordered categorical, n),
    stacked by kind of example in the categorical's order."""
    order = list(summary.subtype.cat.categories)
    fig, ax = plt.subplots(figsize=(8, 3.4))
    colours = dict(zip(order, PALETTE))
    left = pd.Series(0, index=sorted(summary.level_number.unique()))
    for sub in order:
        part = summary[summary.subtype == sub].set_index("level_number").n.reindex(left.index, fill_value=0)
        if part.sum() == 0:
            continue
        ax.barh([f"Level {i}" for i in left.index], part.values, left=left.values, color=colours[sub],
                label=pretty(sub), height=0.6)
        left = left + part
    ax.invert_yaxis()
    ax.set_xlabel("examples named in the memo (count)")
    ax.set_title("Sergounin's three levels of regional cooperation")
    ax.legend(title="kind of example", bbox_to_anchor=(1.02, 1), loc="upper left", fontsize=8, title_fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    source_note(fig, source + ", 'Levels of Regionalism'; data/regionalism_levels.csv")
    return fig, summary[["level_number", "subtype", "n"]].rename(columns={"n": "examples"})
