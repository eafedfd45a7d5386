"""The synthesis chapter's timeline of evidence: one lane per source document, two lanes of periods."""
from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

import seaborn as sns

from .. import codelists, plots, timeline
from .format import more_than


def rows_heatmap(grid):
    """Counts of data rows, sources (rows, labelled) by periods (columns)."""
    fig, ax = plt.subplots(figsize=(9, 3.6))
    sns.heatmap(grid, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=0.6, linecolor="white", ax=ax,
                annot_kws={"fontsize": 9})
    ax.set_xlabel("period the row refers to (years of the fact, not of publication)")
    ax.set_ylabel("")
    ax.set_title("Data rows per source and period (count)")
    plt.setp(ax.get_xticklabels(), rotation=0, fontsize=8.5)
    plt.setp(ax.get_yticklabels(), fontsize=8.5)
    plots.source_note(fig, "all resources of data/datapackage.json; a row counts in each period its years touch")
    return fig


def evidence_timeline(*, periods, putin, PERIODS, votes, agr, programmes, t_year, fw, n_resp, fe_dated, rex,  # noqa: N803
                      league, ref):
    """Draw the timeline from the rows and periods the chapter computed; return the figure."""
    end = int(votes.year_inferred) + 1
    fig, ax = plt.subplots(figsize=(10, 5.4))
    SHORT = {k: v.replace(" & ", " &\n") for k, v in codelists.source_labels(short=True).items()}
    LANES = ["federalism", "report", *SHORT]
    ylab = {"federalism": "Periods of\nfederalism (002)", "report": "This chapter's\nperiods",
            **{k: f"Source {k}:\n{v}" for k, v in SHORT.items()}}
    Y = {k: len(LANES) - i for i, k in enumerate(LANES)}

    # lane 1: the book chapter's three periods, drawn with the house timeline's conventions
    fp = periods[periods.kind == "period"].sort_values("start_year")
    studied_to = int(putin.period_end) + 1
    for (x0, x1), (_, r) in zip(timeline.band_spans(fp, studied_to), fp.iterrows()):
        ax.barh(Y["federalism"], x1 - x0, left=x0, height=0.7, color=plots.ERA_COLOURS[r.president], alpha=0.85,
                edgecolor="white")
        ax.text((x0 + x1) / 2, Y["federalism"], r.label.replace("Parade of ", "Parade of\n")
                .replace("Asymmetric ", "Asymmetric\n"),
                ha="center", va="center", color="white", fontsize=7, fontweight="bold")
    ax.annotate("", xy=(studied_to + 1.2, Y["federalism"]), xytext=(studied_to, Y["federalism"]),
                arrowprops=dict(arrowstyle="-|>", ls="--", color=plots.ERA_COLOURS["putin"]))
    ax.text(studied_to + 1.4, Y["federalism"], "'present'", va="center", fontsize=7.5, color="#444444")

    # lane 2: this chapter's periods
    colours = [plots.ERA_COLOURS["yeltsin"], plots.ERA_COLOURS["putin"], plots.ERA_COLOURS["after_2022"]]
    for (name, (a, b)), c in zip(PERIODS.items(), colours):
        right = (b + 1) if b is not None else end + 1
        ax.barh(Y["report"], right - a, left=a, height=0.7, color=c, alpha=0.35, edgecolor=c)
        ax.text((a + right) / 2, Y["report"], name.replace(" onwards", "\nonwards"), ha="center", va="center",
                fontsize=8, fontweight="bold")


    def mark(lane, year, month=None, text="", inferred=False, colour="#333333", dy=0.28):
        x = timeline.act_position(year, month)
        ax.plot(x, Y[lane], marker="o", ms=7, mfc="white" if inferred else colour, mec=colour, mew=1.5, zorder=4)
        if text:
            ax.text(x, Y[lane] + dy, text, ha="center", va="bottom", fontsize=7.2)


    def span(lane, a, b, text, colour):
        ax.plot([a, b + 1], [Y[lane]] * 2, color=colour, lw=5, solid_capstyle="butt", alpha=0.8, zorder=3)
        ax.text((a + b + 1) / 2, Y[lane] + 0.22, text, ha="center", va="bottom", fontsize=7.2)


    c90, c00, c22 = colours
    # source 001
    span("001", int(agr.period_start), int(agr.period_end), f"{more_than(agr.qualifier)}{agr.value:g} agreements", c90)
    for _, r in programmes[programmes.year.notna()].iterrows():
        mark("001", int(r.year), r.month, colour=c90)
    ax.text(timeline.act_position(int(programmes.year.max())) + 0.6, Y["001"], "dated programmes", va="center",
            fontsize=7.2)
    # source 002
    mark("002", t_year, colour=c00)
    ax.text(timeline.act_position(t_year) - 0.4, Y["002"] + 0.1, f"Table 4.1 ({t_year})", ha="right", va="bottom",
            fontsize=7.2)
    span("002", int(fw.period_start), int(fw.period_end), f"{n_resp} interviews", c00)
    for y in sorted(set(int(v) for v in fe_dated.period_start)):
        ax.plot(timeline.act_position(y), Y["002"] - 0.25, marker="|", ms=7, color=c00)
    ax.text(PERIODS["1990s"][0] + 4, Y["002"] - 0.5,
            "| = start year of a dated Far East figure", ha="left", va="center", fontsize=7, color="#555555")
    # source 000
    mark("000", int(rex.year), text=f"Region.Expert (since {int(rex.year)})", colour=c22)
    # source 003
    mark("003", int(league.year), int(league.month), text="League founded", colour=c22)
    close = ref.iloc[0]
    mark("003", int(close.year_inferred), int(close.closing_month), colour=c22, inferred=True)
    ax.text(timeline.act_position(int(league.year), int(league.month)) - 0.6, Y["003"],
            f"referenda (hollow: year inferred),\n{more_than(votes.qualifier)}{votes.value:,.0f} votes on the first day",
            ha="right", va="center", fontsize=7.2)
    # source 004
    ax.text(PERIODS["1990s"][0], Y["004"], "no date in the source", va="center", fontsize=7.5, style="italic",
            color="#555555")

    ax.set_yticks([Y[k] for k in LANES], [ylab[k] for k in LANES], fontsize=8)
    ax.set_ylim(0.4, len(LANES) + 0.6)
    x_left = min(PERIODS["1990s"][0], int(fe_dated.period_start.min())) - 0.5
    ax.set_xlim(x_left, end + 2.5)
    ax.set_xticks(range(PERIODS["1990s"][0], int(end) + 1, 5))
    ax.set_xlabel("year (a dot sits mid-year, or mid-month where the month is known)")
    ax.grid(axis="y", visible=False)
    ax.set_title("Periods and dated evidence, by source")
    ax.legend(handles=[Line2D([], [], ls="", marker="o", color="#333333", label="dated item"),
                       Line2D([], [], ls="", marker="o", mfc="white", mec="#333333", label="inferred date"),
                       Line2D([], [], lw=5, color="#777777", label="period covered")],
              loc="lower right", fontsize=7.5, frameon=True, facecolor="white", edgecolor="#cccccc")
    plots.source_note(fig, "data/federalism_periods.csv, era_quantities.csv, bright_side_facts.csv, "
                      "cooperation_programmes_1990s.csv, table_4_1.csv, interview_sample.csv, far_east_indicators.csv, "
                      "institute_agenda.csv, referenda_2023.csv, referenda_events.csv, referenda_votes.csv")
    return fig
