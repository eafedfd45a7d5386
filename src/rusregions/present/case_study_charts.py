"""Figures of the case-study chapter. Each function draws one figure and returns (fig, plotted numbers)."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..plots import PALETTE, source_note
from .figures import labelled_bars, stacked_shares
from .format import country, num

SOURCE = "Pietrasiak and Słowikowski (2018)"
PARTNER_COLOUR = {"japan": PALETTE[0], "south_korea": PALETTE[1], "china": PALETTE[2]}


def industry_breakdown(sak: pd.DataFrame, kh: pd.DataFrame):
    """Sakhalin's industry by activity (rows: dates, columns: activities) above Khabarovsk's by sector."""
    fig, (a1, a2) = plt.subplots(2, 1, figsize=(9, 4.6), gridspec_kw={"height_ratios": [2, 1.2]})
    left = np.zeros(len(sak))
    narrow = 0
    for j, col in enumerate(sak.columns):
        a1.barh(sak.index, sak[col], left=left, color=PALETTE[j], label=col, height=0.6)
        for i, val in enumerate(sak[col]):
            if val >= 6:
                a1.text(left[i] + val / 2, i, f"{num(val)}%", ha="center", va="center", color="white", fontsize=8)
            else:  # too narrow for a label inside: put it above the bar, the next one below
                above = narrow % 2 == 0
                a1.text(left[i] + val / 2, i - 0.33 if above else i + 0.33, f"{num(val)}%", ha="center",
                        va="bottom" if above else "top", fontsize=7.5)
                narrow += 1
        left += sak[col].values
    a1.invert_yaxis()
    a1.set_xlim(0, 100)
    a1.set_title("Sakhalin Oblast: industrial output by activity", fontsize=11)
    a1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8)
    a1.set_xticklabels([])
    left = 0.0
    sector_colours = plt.get_cmap("Pastel2").colors
    for j, (_, r) in enumerate(kh.iterrows()):
        a2.barh(["no year printed"], [r.share_percent], left=left, color=sector_colours[j], height=0.6)
        a2.text(left + r.share_percent / 2, 0, textwrap.fill(str(r.label), 12, break_long_words=False)
                + f"\n{num(r.share_percent)}%", ha="center", va="center", fontsize=7.5)
        left += r.share_percent
    a2.set_xlim(0, 100)
    a2.set_title("Khabarovsk Krai: industrial output by sector", fontsize=11)
    a2.set_xlabel("share of industrial output (%)")
    source_note(fig, f"{SOURCE}, sections 4.13.1–4.13.2, after the MFA passports of Sakhalin (2015) and Khabarovsk "
                     "(2014); data/case_study_indicators.csv, data/industry_structure.csv")
    plotted = pd.concat([
        sak.rename_axis("date").reset_index().melt(id_vars="date", var_name="part", value_name="share_percent")
        .assign(region="sakhalin_oblast"),
        pd.DataFrame({"region": "khabarovsk_krai", "date": "no year printed", "part": kh.label,
                      "share_percent": kh.share_percent})], ignore_index=True)
    return fig, plotted[["region", "date", "part", "share_percent"]]


def extraction_to_export(oil: pd.Series, coal: pd.Series, dest: pd.DataFrame, abroad_printed: float):
    """Oil stages (million t) beside coal stages and destinations (thousand t); the last bar is labelled with
    the coal sent abroad as printed."""
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4.2), gridspec_kw={"width_ratios": [1, 1.5]})
    labelled_bars(a1, oil.index, oil.values, horizontal=False)
    a1.set_ylabel("oil and gas condensate (million t)")
    a1.set_title("Oil and condensate", fontsize=11)
    a2.bar(coal.index, coal.values, color=[PALETTE[6], PALETTE[3], PALETTE[3]], width=0.6)
    abroad = "sent\nabroad"
    bottom = 0.0
    for _, r in dest.iterrows():
        a2.bar(abroad, r.value, bottom=bottom, color=PARTNER_COLOUR[r.partner], width=0.6,
               label=f"{r.partner_label} ({r.value:,.1f})")
        bottom += r.value
    for i, val in enumerate([*coal.values, abroad_printed]):
        a2.text(i, val + 60, num(val), ha="center", fontsize=9)
    a2.set_ylabel("coal (thousand t)")
    a2.set_ylim(0, coal.max() * 1.15)
    a2.set_title("Coal", fontsize=11)
    handles, names = a2.get_legend_handles_labels()  # top of the stack first
    a2.legend(handles[::-1], names[::-1], title="destination (thousand t)", fontsize=8, title_fontsize=8,
              loc="upper right")
    fig.suptitle("Sakhalin Oblast, 2014: from extraction to export", fontweight="bold")
    source_note(fig, f"{SOURCE}, section 4.13.1, after the MFA passport of Sakhalin (2015); 2013 coal = 2014 "
                     "extraction minus the printed increase; data/case_study_indicators.csv, data/trade_partners.csv")
    plotted = pd.concat([
        pd.DataFrame({"product": "oil_condensate", "stage": oil.index, "destination": "", "value": oil.values,
                      "unit": "tonne_million"}),
        pd.DataFrame({"product": "coal", "stage": [s.replace("\n", " ") for s in coal.index], "destination": "",
                      "value": coal.values, "unit": "tonne_thousand"}),
        pd.DataFrame({"product": "coal", "stage": "sent abroad", "destination": dest.partner, "value": dest.value,
                      "unit": "tonne_thousand"})], ignore_index=True)
    return fig, plotted


def partner_shares(shares: pd.DataFrame, flows: dict[str, str]):
    """Stacked partner shares (percent) of each flow; rows: flows, columns: partner codes."""
    fig, ax = plt.subplots(figsize=(9, 3.8))
    wide = shares.rename(index=flows, columns=country)
    stacked_shares(ax, wide, colours={country(p): c for p, c in PARTNER_COLOUR.items()},
                   fmt=lambda v: f"{v:.1f}")
    ax.set_xlabel("share (%)")
    ax.set_title("Sakhalin Oblast's partners, 2014")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=4, fontsize=8)
    source_note(fig, f"{SOURCE}, section 4.13.1, after the MFA passport of Sakhalin (2015); coal shares computed "
                     "from tonnes; data/trade_partners.csv")
    plotted = shares.rename_axis(index="flow", columns="partner").stack().rename("share_percent").reset_index()
    return fig, plotted


def fdi_by_country(orig: pd.DataFrame, stock: float, sector_note: str):
    """Shares of the FDI stock by investor country, with the unlisted remainder."""
    fig, ax = plt.subplots(figsize=(8, 3.6))
    names = [country(c) for c in orig.category] + ["not listed (computed)"]
    shares = orig.share_percent.tolist() + [100 - orig.share_percent.sum()]
    labelled_bars(ax, names, shares, colours=[PALETTE[0]] * len(orig) + [PALETTE[6]],
                  fmt=lambda s: f"{s:.1f}%  (USD {stock * s / 100:.1f} bn)")
    ax.set_xlim(0, 105)
    ax.set_xlabel(f"share of the FDI stock of USD {num(stock)} billion (%)")
    ax.set_title("Sakhalin Oblast: FDI stock by investor country, 1 January 2013")
    source_note(fig, f"{SOURCE}, section 4.13.1, after the MFA report on Sakhalin (2013); USD amounts computed "
                     f"from the shares; {sector_note}; data/fdi_by_origin.csv")
    plotted = pd.DataFrame({"investor_country": list(orig.category) + ["not_listed_computed"],
                            "share_percent": shares, "usd_billion": [stock * s / 100 for s in shares]})
    return fig, plotted


def reserves(res: pd.DataFrame):
    """Khabarovsk Krai's shares of Russia's reserves, by metal."""
    fig, ax = plt.subplots(figsize=(7, 3.2))
    labelled_bars(ax, res.metal, res.value, colours=PALETTE[3], suffix="%")
    ax.invert_yaxis()  # smallest at the bottom, as sorted
    ax.set_xlim(0, 60)
    ax.set_xlabel("share of Russia's reserves (%)")
    ax.set_title("Khabarovsk Krai: mineral reserves")
    source_note(fig, f"{SOURCE}, section 4.13.2, after the MFA passport of Khabarovsk (2014); no year printed; "
                     "data/case_study_indicators.csv")
    return fig, res[["metal", "value"]].rename(columns={"value": "share_of_russian_reserves_percent"})


def trade_by_partner(t: pd.DataFrame):
    """Exports and imports (USD million) by partner; t has columns partner, exports, imports."""
    fig, ax = plt.subplots(figsize=(8.5, 4.2))
    x = np.arange(len(t))
    for dx, col, colour in ((-0.2, "exports", PALETTE[0]), (0.2, "imports", PALETTE[1])):
        bars = ax.bar(x + dx, t[col], width=0.4, color=colour, label=col)
        ax.bar_label(bars, labels=[f"{v:,.0f}" for v in t[col]], fontsize=8, padding=2)
    ax.set_xticks(x, t.partner)
    ax.set_ylabel("USD million")
    ax.set_ylim(0, t[["exports", "imports"]].to_numpy().max() * 1.15)
    ax.set_title("Primorsky Krai: exports and imports by partner, 2014")
    ax.legend(loc="upper right")
    source_note(fig, f"{SOURCE}, section 4.13.3, after the MFA passport of Primorsky (2013); 'all others' = totals "
                     "minus the three partners listed; data/trade_partners.csv, data/case_study_indicators.csv")
    return fig, t.rename(columns={"exports": "exports_usd_million", "imports": "imports_usd_million"})


def trade_structure(groups: dict[str, pd.DataFrame]):
    """Main product groups of exports and of imports (percent), with what the lists leave."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    rows = []
    for ax, (flow, g), colour in zip(axes, groups.items(), [PALETTE[0], PALETTE[1]]):
        names = g.label.tolist() + ["not listed"]
        vals = g.share_percent.tolist() + [100 - g.share_percent.sum()]
        labelled_bars(ax, names, vals, colours=[colour] * len(g) + [PALETTE[6]], suffix="%")
        ax.set_xlim(0, 85)
        ax.set_xlabel(f"share of {flow}s (%)")
        ax.set_title(f"{flow.capitalize()}s", fontsize=11)
        ax.tick_params(axis="y", labelsize=8)
        rows += [{"flow": flow, "product_group": n, "share_percent": v} for n, v in zip(names, vals)]
    fig.suptitle("Primorsky Krai: structure of trade (no year printed)", fontweight="bold")
    source_note(fig, f"{SOURCE}, section 4.13.3, after the MFA passport of Primorsky (2013); 'not listed' = 100 "
                     "minus the groups printed; data/trade_structure.csv")
    return fig, pd.DataFrame(rows)


def ties_matrix(m: pd.DataFrame, groups: list[int]):
    """Dots: country (rows) x kind of tie (columns), sized by count; `groups` colours each column."""
    cols = list(m.columns)
    fig, ax = plt.subplots(figsize=(9.5, 0.2 * len(m) + 2.2))
    for i, c in enumerate(m.index):
        for j, col in enumerate(cols):
            n = m.loc[c, col]
            if n:
                ax.scatter(j, i, s=45 + 40 * (n - 1), color=PALETTE[groups[j]], zorder=3)
                if n > 1:
                    ax.text(j, i, str(n), ha="center", va="center", color="white", fontsize=7, zorder=4)
    ax.set_xticks(range(len(cols)), cols, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(m)), [country(c) for c in m.index], fontsize=7.5)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(m) - 0.5, -0.5)
    ax.set_title("Named foreign ties of the three regions, by country")
    ax.set_xlabel("kind of tie (number in a dot: count of items)")
    source_note(fig, f"{SOURCE}, sections 4.13.1–4.13.3; excludes the EBRD, the EU and the SCO; data/"
                     "diplomatic_presence.csv, twin_cities.csv, regional_partners.csv, trade_partners.csv")
    plotted = m.rename_axis(index="country", columns="tie").stack().rename("count").reset_index()
    return fig, plotted[plotted["count"] > 0]
