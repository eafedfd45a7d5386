"""The content of chapter 1 (the internationalization index of Table 4.1), one method per section.

`IndexChapter()` loads Table 4.1 and the regions once; each section method returns the items to show, in order
(tables, Markdown, `Figure`s for `present.figures.show_all`). Verdicts the prose states are computed here.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from IPython.display import Markdown

from .. import audit, data, index, interactive, maps
from ..plots import PALETTE, source_note
from ..tables import md_table
from .figures import Figure
from .format import count_word, listing

SOURCE = "Pietrasiak and Słowikowski (2018), Table 4.1; data/table_4_1.csv"
MEASURES = {"per_capita": "per capita", "overall": "overall"}
COLUMNS = {**index.COMPONENT_LABELS, "total": "Total"}


class IndexChapter:
    def __init__(self):
        self.table = data.load("table_4_1")
        self.claims = data.load("index_claims")
        self.regions = data.load("far_east_regions").set_index("region_id")
        self.label = self.regions["label"].to_dict()
        self.ranks = index.total_ranks(self.table)
        self.cells, self.pops = audit.fit_populations(self.table)
        self.findings = audit.audit(self.table)

    # --- the table as published ---------------------------------------------------------------------------------
    def published(self):
        published = self.table.pivot_table(index="region_id", columns=["measure", "indicator"], values="value",
                                           sort=False)
        shown = pd.DataFrame({
            f"{COLUMNS[i]} {'p.c.' if m == 'per_capita' else 'overall'}": published[(m, i)]
            for i in COLUMNS for m in ("per_capita", "overall")
        })
        shown.index = [self.label[r] for r in shown.index]
        return interactive.table(shown.rename_axis("Region").reset_index(),
                                 caption="Table 4.1 as published: scores per capita (p.c.) and overall, 2013 (leader = "
                                         "100 on each component).")

    # --- do the totals add up? ------------------------------------------------------------------------------------
    def totals_verdict(self) -> Markdown:
        adds_up = not audit.check_totals(self.table)  # every total within rounding of its components
        return Markdown("The totals add up" if adds_up else "Not every total adds up")

    def totals(self) -> tuple[str, Markdown]:
        """A one-line summary and the table of published against recomputed totals."""
        tot = index.totals(self.table)
        tot["region"] = tot.region_id.map(self.label)
        tot["measure"] = tot.measure.str.replace("_", " ")
        line = (f"largest absolute difference: {tot.difference.abs().max():.2f} index points "
                f"over {len(tot)} published totals")
        return line, md_table(tot[["region", "measure", "published", "recomputed", "difference"]], floatfmt=".2f",
                              caption="Published totals against the sum of their components.")

    # --- rankings and the authors' reading --------------------------------------------------------------------
    def rankings(self) -> list:
        label = self.label
        check = index.claim_check(self.table, self.claims)
        rows = pd.DataFrame({"claim": check.claim.str.replace("_", " "),
                             "ranking": check.measure.map(MEASURES),
                             "regions named": [", ".join(sorted(label[x] for x in n)) for n in check.named],
                             "confirmed by the table": check.confirmed.map({True: "yes", False: "no"})})
        ranks = self.ranks.rename(columns={m: f"{w} rank" for m, w in MEASURES.items()})
        ranks = ranks.assign(region=ranks.index.map(label)).sort_values("per capita rank")
        return [md_table(rows, caption="The authors' claim against the recomputed rankings."),
                md_table(ranks[["region", "per capita rank", "overall rank"]],
                         caption="Ranks by total score (1 = most internationalized).")]

    def components_figure(self) -> Figure:
        order = self.ranks.sort_values("per_capita").index
        fig, axes = plt.subplots(1, 2, figsize=(10, 4.8), sharey=True)
        for ax, measure in zip(axes, MEASURES):
            comp = index.components(self.table, measure).loc[order].rename(index=self.label, columns=COLUMNS)
            comp.plot.barh(stacked=True, ax=ax, width=0.75, legend=(measure == "overall"))
            ax.set_title("Per capita" if measure == "per_capita" else "Overall")
            ax.set_xlabel("index points (sum of four components, each 0–100)")
            ax.invert_yaxis()
        axes[1].legend(title="Component", loc="lower right")
        fig.suptitle("Internationalization index of the Far East regions, 2013", fontweight="bold")
        source_note(fig, SOURCE)
        t = self.table
        return Figure(fig, "fig-index-components", t[t.indicator != "total"][["region_id", "measure", "indicator", "value"]],
                      alt="Stacked horizontal bars of the four component scores of each Far East region, per capita and "
                          "overall, regions ordered by their per-capita total.",
                      caption="**Internationalization index of the Far East regions, 2013.** Published component "
                              "scores (index points, leader = 100 on each). Pietrasiak and Słowikowski (2018), Table 4.1.")

    # --- maps ---------------------------------------------------------------------------------------------------------
    def locator(self) -> Figure:
        return Figure(maps.locator(), "fig-locator", self.regions[["table_order"]].reset_index(),
                      alt="A map of Russia with the nine Far East regions of Table 4.1 shaded and numbered in the order "
                          "of the table.",
                      caption="**The nine regions of Russia's Far East in this report.** Numbered in the order of Table "
                              "4.1; Natural Earth boundaries (public domain), simplified; they predate the 2005–2008 "
                              "mergers.")

    def index_maps(self) -> list[Figure]:
        out = []
        for measure, words in MEASURES.items():
            totals = maps.table_4_1_totals(measure)
            fig = maps.choropleth(totals, title=f"Internationalization index {words}, 2013 (total score)",
                                  label=f"total score {words} (sum of four components)", source=SOURCE)
            out.append(Figure(fig, f"fig-index-map-{measure.replace('_', '-')}",
                              totals.rename("total").rename_axis("region_id").reset_index(),
                              alt=f"A map of the nine Far East regions coloured by their published total index score "
                                  f"{words}, each region labelled with its score.",
                              caption=f"**Internationalization index {words}, 2013.** Published totals of Table 4.1 "
                                      "(sum of the four components); Natural Earth boundaries, simplified."))
        return out

    # --- the audit ---------------------------------------------------------------------------------------------
    def populations_figure(self) -> Figure:
        fig, ax = plt.subplots(figsize=(7, 3.8))
        p = self.pops.sort_values()
        ax.barh([self.label[r] for r in p.index], p.values, color=PALETTE[0])
        ax.set_xlabel("implied population relative to the largest region (= 1)")
        ax.set_title("Relative populations implied by Table 4.1")
        source_note(fig, SOURCE + "; robust fit by rusregions.audit")
        return Figure(fig, "fig-implied-populations", p.rename_axis("region_id").reset_index(),
                      alt="Horizontal bars of each region's population relative to the largest, as implied by the "
                          "ratio of its overall to its per-capita scores.",
                      caption="**Relative populations implied by Table 4.1.** Robust fit of log(overall / per capita) "
                              "by rusregions.audit; the largest region = 1.")

    def population_order(self) -> list[str]:
        """Region labels by implied population, largest first."""
        return [self.label[r] for r in self.pops.sort_values(ascending=False).index]

    def finding_cells(self) -> list[str]:
        """Each inconsistent cell in words: "Amur Oblast's overall FDI score", "Magadan Oblast's per capita total"."""
        out = []
        for r in self.findings.itertuples():
            measure = next(m for m in MEASURES if r.indicator.endswith("_" + m))
            component = r.indicator.removesuffix("_" + measure)
            what = f"{index.COMPONENT_NOUNS[component]} score" if component in index.COMPONENT_NOUNS else component
            out.append(f"{self.label[r.region]}'s {MEASURES[measure]} {what}")
        return out

    def audit_glue(self) -> dict[str, Markdown]:
        """The audit's results for the prose: population order, number of findings and the cells found."""
        return {"population_order": Markdown(listing(self.population_order())),
                "n_findings": Markdown(count_word(len(self.findings))),
                "finding_cells": Markdown(listing(self.finding_cells()))}

    def findings_table(self) -> tuple[str, Markdown]:
        f = self.findings
        shown = f.assign(region=f.region.map(self.label))[["region", "indicator", "published_value", "expected_value",
                                                          "reason"]]
        return (f"{len(f)} inconsistent cell(s) found",
                md_table(shown, caption="Cells of Table 4.1 that cannot be reconciled with their per-capita twins "
                                        "(`python -m rusregions audit`)."))

    def residuals_figure(self) -> Figure:
        implied = self.cells.dropna(subset=["fitted_log_ratio"]).copy()
        implied["region"] = implied.region_id.map(self.label)
        fig, ax = plt.subplots(figsize=(8, 4.2))
        sns.stripplot(data=implied, y="region", x="residual", hue="indicator", order=self.population_order(),
                      size=7, jitter=False, ax=ax)
        ax.axvline(0, color="#444444", lw=0.8)
        ax.set_xlabel("residual of log(overall / per capita) after the robust fit")
        ax.set_ylabel("")
        ax.set_title("Each cell against its region's implied population")
        ax.legend(title="component", loc="lower right")
        source_note(fig, SOURCE + "; robust fit by rusregions.audit")
        return Figure(fig, "fig-audit-residuals",
                      implied[["region_id", "indicator", "per_capita", "overall", "residual", "weight"]],
                      alt="Dots of each cell's residual after the robust fit, one row per region, coloured by component; "
                          "the cells far from zero are the ones the audit reports.",
                      caption="**Each cell against its region's implied population.** Residual of log(overall / per "
                              "capita) after the robust fit by rusregions.audit.")

    # --- stability of the ranking -------------------------------------------------------------------------------
    def stability_figure(self) -> Figure:
        rt = index.rank_table(self.table)
        rt.index = [self.label[r] for r in rt.index]
        rt = rt.loc[rt["per_capita:sum"].sort_values().index]
        fig, ax = plt.subplots(figsize=(10, 4.6))
        sns.heatmap(rt, annot=True, fmt="d", cmap="Blues_r", cbar=False, linewidths=0.5, ax=ax)
        ax.set_xlabel("aggregation (measure: scheme)")
        ax.set_ylabel("")
        ax.set_title("Rank of each region under alternative aggregations (1 = most internationalized)")
        plt.setp(ax.get_xticklabels(), rotation=40, ha="right")
        source_note(fig, SOURCE + "; aggregations by rusregions.index")
        return Figure(fig, "fig-rank-stability", rt.rename_axis("region").reset_index(),
                      alt="A heat map of each region's rank (rows) under each alternative aggregation (columns); the "
                          "top and bottom groups keep their places, the middle moves.",
                      caption="**Rank of each region under alternative aggregations** (1 = most internationalized). "
                              "Aggregations by rusregions.index.")

    def correlations(self):
        corr = pd.DataFrame({"Spearman": index.rank_correlations(self.table, "spearman"),
                             "Kendall": index.rank_correlations(self.table, "kendall")})
        return md_table(corr.rename_axis("scheme").reset_index(), floatfmt=".2f",
                        caption="Rank correlation of each scheme with the published per-capita ranking.")

    def stability_glue(self) -> dict[str, Markdown]:
        """How many schemes keep each of the authors' groups at its end of the ranking, and the verdict."""
        kept = index.claims_kept(self.table, self.claims).sum(axis=1)
        n = index.rank_table(self.table).shape[1]
        top, bottom = int(kept["most_internationalized"]), int(kept["least_internationalized"])
        survives = top > n / 2 and bottom > n / 2
        return {"top_kept": Markdown(f"{top} of the {n}"), "bottom_kept": Markdown(f"{bottom} of the {n}"),
                "rank_verdict": Markdown("survives the change of method" if survives
                                         else "does not survive the change of method")}
