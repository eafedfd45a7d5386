"""The content of chapter 2 (the Far East among Russia's regions), one method per section.

`ComparisonChapter()` loads the chapter's data once; each section method returns the items to show, in order
(Markdown, tables, `Figure`s for `present.figures.show_all`). Sentences with numbers are computed here.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown
from matplotlib.patches import Patch

from .. import data, index
from ..codelists import district_name
from ..plots import PALETTE, source_note
from ..tables import md_table
from . import comparison_charts
from .figures import Figure
from .format import count_word, listing, num

FE, OTHER, MUTED = PALETTE[1], PALETTE[0], PALETTE[6]
CHAPTER = "Pietrasiak and Słowikowski (2018), section 4.7"
FE_DISTRICT = "far_eastern_federal_district"
# Reisinger and Yoo's three groups of federal subjects, in the order printed.
TYPE_LABEL = {"federal_cities": "Federal cities", "oblasts_and_krais": "Oblasts and krais",
              "republics_and_autonomous_okrugs": "Republics and autonomous okrugs"}
# Which group each constitutional type of the Far East's regions belongs to (the autonomous oblast fits none of
# the three; the benchmark counts it both ways).
TYPE_GROUP = {"krai": "oblasts_and_krais", "oblast": "oblasts_and_krais",
              "republic": "republics_and_autonomous_okrugs", "autonomous_okrug": "republics_and_autonomous_okrugs"}
NOT_PLACED = "not placed"
SHARES = ["foreign_investment_share_of_russia", "export_share_of_russia", "territory_share_of_russia"]
SHARE_SHORT = {"foreign_investment_share_of_russia": "Accumulated foreign\ninvestment",
               "export_share_of_russia": "Exports", "territory_share_of_russia": "Territory (for scale)"}
RANK_PC, RANK_OV = "Table 4.1 rank p.c.", "Table 4.1 rank overall"


def league_name(league_id: str) -> str:
    """The report's name of a league: 'super_league' -> 'Super league', 'league_one' -> 'League one'."""
    return league_id.replace("_", " ").capitalize()


def could_be_median(value: float) -> bool:
    """Whether a value can be the median of whole counts: it must end in .0 or .5."""
    return round(value * 2, 6) % 1 == 0


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


class ComparisonChapter:
    def __init__(self):
        self.types = data.load("agreements_by_region_type")
        self.districts = data.load("agreements_by_federal_district")
        self.leagues = data.load("region_leagues")
        self.fe_ind = data.load("far_east_indicators")
        self.table = data.load("table_4_1")
        self.fe_regions = data.load("far_east_regions").set_index("region_id")
        self.fe_district = self.districts.set_index("region_id").loc[FE_DISTRICT]
        self.year = int(self.table.year.dropna().unique()[0])  # reference year of Table 4.1
        self.t = self.types.assign(unit_used=self.types.unit_corrected.fillna(self.types.unit))
        self.d = self.districts.sort_values("rank").assign(District=lambda d: d.region_id.map(district_name))
        lg = self.leagues.sort_values(["league_rank", "order_in_league"]).copy()
        self.lg = lg.assign(fe=lg.region_id.isin(set(self.fe_regions.index)))

    # --- agreements by type of subject ----------------------------------------------------------------------------
    def types_table(self) -> list:
        t = self.t
        shown = pd.DataFrame({
            "Group (as printed)": t.label_as_printed,
            "Statistic printed": t.statistic_as_printed.fillna("none"),
            "Value": t.value.map(num),
            "Unit printed": t.unit.str.replace("_", " "),
            "Unit used here": t.unit_used.str.replace("_", " "),
            "Median of whole counts possible?": t.value.map(could_be_median).map({True: "yes", False: "no"}),
        })
        notes = [f"{TYPE_LABEL[r.region_type]}\n: " + "\n: ".join(x for x in (r.erratum, r.note) if pd.notna(x)) + "\n"
                 for r in t.itertuples()]
        return [md_table(shown, floatfmt="g", caption="International agreements by type of federal subject, as "
                         "published (Reisinger and Yoo 2012, 15, cited in section 4.7). The last column asks whether the "
                         "value could be the median of whole numbers of agreements, which can only end in .0 or .5."),
                Markdown("Notes on each row (from `data/agreements_by_region_type.csv`):\n\n" + "\n".join(notes))]

    def fe_types(self) -> pd.Series:
        """How many Far East regions fall in each of Reisinger and Yoo's groups."""
        return self.fe_regions.subject_type.map(TYPE_GROUP).value_counts()

    def types_figure(self) -> Figure:
        vals = self.t.set_index("region_type").loc[list(TYPE_LABEL)]
        fig = comparison_charts.agreements_by_type(vals, self.fe_types(), self.fe_district, TYPE_LABEL, OTHER, CHAPTER)
        return Figure(fig, "fig-agreements-by-type",
                      vals.reset_index()[["region_type", "label_as_printed", "statistic_as_printed", "value", "unit"]],
                      alt="Bars of the number of international agreements per region for federal cities, oblasts and "
                          "krais, and republics and autonomous okrugs, with the Far Eastern district's figure as a "
                          "dashed line.",
                      caption="**International agreements per region, by type of federal subject.** The statistic "
                              "differs by group (see the table). Reisinger and Yoo (2012, 15) as cited in Pietrasiak and "
                              "Słowikowski (2018), section 4.7.")

    # --- agreements by federal district -----------------------------------------------------------------------
    def districts_table(self) -> list:
        d = self.d
        notes = self.districts.attrs["resource"]["x-notes"]
        return [md_table(pd.DataFrame({
            "Rank": d["rank"], "Federal district": d.District, "Printed as": d.label_as_printed,
            "Agreements per region": d.value, "Statistic (implied)": d.statistic_implied,
            "Caveat in the source": d.caveat.fillna("–"),
        }), floatfmt="g", caption="International agreements per region by federal district, as published (Reisinger "
                                  "and Yoo 2012, 15, cited in section 4.7)."),
            Markdown("Notes recorded with the data (`data/agreements_by_federal_district.csv`):\n\n"
                     + "\n".join(f"- {n}" for n in notes[1:]))]

    def districts_figure(self) -> Figure:
        dd = self.d.sort_values("value")
        fig, ax = plt.subplots(figsize=(8, 3.8))
        labels = [f"{n}{' †' if pd.notna(c) else ''}" for n, c in zip(dd.District, dd.caveat)]
        bars = ax.barh(labels, dd.value, color=[FE if i == FE_DISTRICT else OTHER for i in dd.region_id], height=0.6)
        for b, v in zip(bars, dd.value):
            ax.text(b.get_width() + 0.3, b.get_y() + b.get_height() / 2, num(v), va="center", fontsize=9)
        for tick, i in zip(ax.get_yticklabels(), dd.region_id):
            if i == FE_DISTRICT:
                tick.set_color(FE)
                tick.set_fontweight("bold")
        ax.set_xlim(0, dd.value.max() * 1.15)
        ax.set_xlabel("international agreements per region of the district (mean, as implied by the source)")
        ax.set_title("International agreements per region, by federal district")
        source_note(fig, "Reisinger and Yoo (2012, 15) as cited in " + CHAPTER +
                    "; data/agreements_by_federal_district.csv.\n"
                    "† The source warns that Moscow (Central) and Saint Petersburg (Northwestern) “boost the average” "
                    f"of their districts. Only {len(self.districts)} districts are given; the Volga, Ural and Siberian "
                    "districts are missing.")
        return Figure(fig, "fig-agreements-by-district", dd[["region_id", "label_as_printed", "value", "caveat"]],
                      alt="Horizontal bars of international agreements per region in each federal district the source "
                          "gives, the Far Eastern district highlighted near the bottom.",
                      caption="**International agreements per region, by federal district.** Means as implied by the "
                              "source; † the source warns that Moscow and Saint Petersburg boost their districts' "
                              "averages. Reisinger and Yoo (2012, 15) as cited in Pietrasiak and Słowikowski (2018), "
                              "section 4.7.")

    def districts_reading(self) -> Markdown:
        top, fe = self.d.iloc[0], self.fe_district
        lower = self.d[self.d.value < fe.value]
        if len(lower) == 1:
            below = f"only the {lower.District.iloc[0]} district, at {num(lower.value.iloc[0])}, is lower"
        else:
            below = f"{count_word(len(lower))} districts are lower"
        return Markdown(
            f"The {top.District} district leads with {num(top.value)} agreements per region, "
            f"{top.value / fe.value:.1f} times the Far Eastern district's {num(fe.value)}; {below}. The chapter's "
            f"phrase is that the two \"bring up the rear\" together, and it names the North Caucasus first, although "
            f"by value the Far East ranks {int(fe['rank'])} of {len(self.districts)}.")

    # --- the benchmark ---------------------------------------------------------------------------------------------
    def benchmark_range(self) -> tuple[float, float]:
        """The district's mean if each Far East region had its group's all-Russia figure: (low, high), the
        autonomous oblast counted once with each group it might belong to."""
        per_type = self.t.set_index("region_type").value
        grp = self.fe_regions.subject_type.map(TYPE_GROUP)
        low = grp.fillna("republics_and_autonomous_okrugs").map(per_type).mean()
        high = grp.fillna("oblasts_and_krais").map(per_type).mean()
        return min(low, high), max(low, high)

    def benchmark(self) -> list:
        per_type = self.t.set_index("region_type").value
        grp = self.fe_regions.subject_type.map(TYPE_GROUP)
        bench = (self.fe_regions.assign(group=grp.map(TYPE_LABEL).fillna("none (counted both ways)"))
                 .groupby("group", sort=True).label.agg(["count", lambda s: ", ".join(sorted(s))]))
        bench.columns = ["Regions", "Far East regions"]
        key_of = {label: key for key, label in TYPE_LABEL.items()}
        bench["All-Russia figure for the group"] = [num(per_type[key_of[g]]) if g in key_of else "–" for g in bench.index]
        low, high = self.benchmark_range()
        fe = self.fe_district.value
        return [md_table(bench.rename_axis("Group of Reisinger and Yoo").reset_index(),
                         caption="The Far East's regions (as in Table 4.1) by the groups of the first comparison."),
                Markdown(
            f"If its regions matched the figures for their types, the Far Eastern district would average between "
            f"{low:.1f} and {high:.1f} agreements per region; the published figure, {num(fe)}, is "
            f"{fe / high:.0%} to {fe / low:.0%} of that. On this reading the district's "
            f"low figure is not explained by its mix of oblasts, krais and republics: its regions conclude fewer "
            f"agreements than the all-Russia figures for their types. The benchmark is crude (it mixes two groupings of "
            f"one data set, statistics that may differ, and the district's regions as listed in Table 4.1), and it "
            f"should be read as an order of magnitude only.")]

    def district_verdict(self) -> Markdown:
        """Where the Far Eastern district stands among the districts given and against the benchmark, in words."""
        rank, n = int(self.fe_district["rank"]), len(self.districts)
        place = ("near the bottom" if rank > n - 2 else "near the top" if rank <= 2 else "in the middle")
        low, high = self.benchmark_range()
        value = self.fe_district.value
        against = "below" if value < low else "above" if value > high else "within the range of"
        return Markdown(f"it is {place} of the districts given, and {against} what the type of its regions would suggest")

    # --- the leagues ----------------------------------------------------------------------------------------------
    def leagues_table(self) -> list:
        lg = self.lg
        summary = (lg.groupby(["league_rank", "league_id"], sort=True)
                   .agg(printed=("league_label_as_printed", "first"), group=("group_as_printed", "first"),
                        n=("region_id", "size"),
                        fe=("region_as_printed", lambda s: ", ".join(s[lg.loc[s.index, "fe"]]) or "–"))
                   .reset_index())
        desc = lg.groupby("league_rank", sort=True).agg(league=("league_id", "first"),
                                                       text=("league_description", "first"))
        return [md_table(pd.DataFrame({
            "Rank": summary.league_rank, "League": summary.league_id.map(league_name),
            "Printed as": summary.printed + " (" + summary.group + ")", "Regions named": summary.n,
            "Far East regions": summary.fe,
        }), caption="Dem'yanenko's four leagues (Dem'yanenko 2013, 199, cited in section 4.7). The league names are "
                    "printed inconsistently; the report normalises them."),
            Markdown("What each league stands for (paraphrased in the data):\n\n" +
                     "\n".join(f"{league_name(r.league)}\n: {r.text}\n" for _, r in desc.iterrows()))]

    def leagues_figure(self) -> Figure:
        lg = self.lg
        fig = comparison_charts.league_tiles(lg, {i: league_name(i) for i in lg.league_id.unique()}, CHAPTER)
        return Figure(fig, "fig-leagues", lg[["league_rank", "league_id", "order_in_league", "region_as_printed",
                                              "region_id", "fe", "is_federal_subject"]],
                      alt="Four columns of tiles, one per Dem'yanenko league from the super league to league three, "
                          "each tile a region as printed, the Far East regions highlighted.",
                      caption="**Dem'yanenko's four leagues of regional internationalization, regions as printed.** Order "
                              "within a league is the order printed, not a ranking. Dem'yanenko (2013, 199), after "
                              "Zubarevich (2012), as cited in Pietrasiak and Słowikowski (2018), section 4.7.")

    def league_oddities(self) -> tuple[Markdown, str]:
        """The flagged entries as a definition list, and a one-line count of placements."""
        lg = self.lg
        flagged = lg[lg.flag.notna()]
        return (Markdown("\n".join(f"{r.region_as_printed} ({league_name(r.league_id).lower()})\n: {r.flag}\n"
                                   for _, r in flagged.iterrows())),
                f"{len(lg)} regions are placed in a league; {int(lg.fe.sum())} of them are Far East regions; "
                f"{len(flagged)} entries are flagged; {int((~lg.is_federal_subject).sum())} is not a federal subject.")

    # --- the Far East's shares ----------------------------------------------------------------------------------
    def shares(self) -> pd.DataFrame:
        ind = self.fe_ind
        return (ind[ind.indicator.isin(SHARES) & (ind.region_id == FE_DISTRICT)].set_index("indicator").loc[SHARES])

    def shares_table(self) -> list:
        sh = self.shares()
        return [md_table(pd.DataFrame({
            "Indicator": sh.label, "Far East share (%)": sh.value.map(num),
            "Reference year": sh.period_start.astype("string").fillna("not stated"),
            "Section": "§ " + sh.section, "Credited to": sh.cite_key,
        }), floatfmt="g", caption="The Far Eastern Federal District's shares of Russia, as printed in the chapter."),
            Markdown("How the data reads the two shares:\n\n" + "\n".join(
                f"{r.label}\n: {r.note}\n" for _, r in sh.iterrows() if pd.notna(r.note)))]

    def shares_figure(self) -> Figure:
        sh = self.shares()
        fig, ax = plt.subplots(figsize=(8, 3.6))
        y = list(range(len(sh)))[::-1]
        ax.barh(y, sh.value, color=[FE, FE, MUTED], height=0.6)
        for yi, v in zip(y, sh.value):
            ax.text(v + 0.6, yi, f"{num(v)}%", va="center", fontsize=9)
        ax.set_yticks(y)
        ax.set_yticklabels([SHARE_SHORT[i] for i in sh.index])
        ax.set_xlim(0, sh.value.max() * 1.15)
        ax.set_xlabel("Far Eastern Federal District's share of the Russian total (%)")
        ax.set_title("The Far East's shares of Russia's foreign investment, exports and territory")
        source_note(fig, "Ross (2002, 89); territory share under one joint citation of the Human Development "
                         "Report 2006/2007 (96), Madej (2015, 92) and a news report, as cited in Pietrasiak and "
                         "Słowikowski (2018), sections 4.7 and 4.12; data/far_east_indicators.csv. "
                         "No reference year is given for any of the three shares.")
        return Figure(fig, "fig-far-east-shares-of-russia",
                      sh.reset_index()[["indicator", "label", "value"]].rename(columns={"value": "share_percent"}),
                      alt="Horizontal bars of the Far Eastern district's shares of Russia's accumulated foreign "
                          "investment, exports and territory, in percent.",
                      caption="**The Far East's shares of Russia's foreign investment, exports and territory.** No "
                              "reference year is given for any of the three. Ross (2002, 89); the territory share under "
                              "one joint citation of the Human Development Report 2006/2007 (96), Madej (2015, 92) and a "
                              "news report; as cited in Pietrasiak and Słowikowski (2018), sections 4.7 and 4.12.")

    def shares_reading(self) -> Markdown:
        sh = self.shares().value
        pop = self.fe_ind.set_index("indicator").loc["population"]
        return Markdown(
            f"The district holds {num(sh['foreign_investment_share_of_russia'])}% of the accumulated foreign "
            f"investment and {num(sh['export_share_of_russia'])}% of the exports on "
            f"{num(sh['territory_share_of_russia'])}% of the territory. Ross's explanation points to "
            f"population, and the data holds the district's population ({pop.qualifier} {num(pop.value)} million, "
            f"without a reference year) but not Russia's, so a population share, and with it a test of whether the two "
            f"shares are low *per inhabitant*, cannot be computed here. Nor does the data hold the other districts' "
            f"shares, so the source's wording \"5% share of other federal districts\" cannot be checked against them.")

    # --- three views side by side ------------------------------------------------------------------------------
    def totals(self) -> tuple[pd.Series, pd.Series]:
        """Table 4.1 totals per capita and overall, recomputed from the components."""
        return (index.components(self.table, "per_capita").sum(axis=1),
                index.components(self.table, "overall").sum(axis=1))

    def synopsis(self) -> pd.DataFrame:
        """Each Far East region's type, league, Table 4.1 ranks and the authors' reading, by per-capita rank."""
        claims = data.load("index_claims").set_index("region_id").claim.str.replace("_", " ")
        pc, ov = self.totals()
        fr = self.fe_regions
        league_of = self.lg.set_index("region_id").league_id.map(league_name)
        return pd.DataFrame({
            "Region": fr.label,
            "Type": fr.subject_type.str.replace("_", " "),
            "League": league_of.reindex(fr.index).fillna(NOT_PLACED),
            RANK_PC: index.rank(pc),
            RANK_OV: index.rank(ov),
            "Authors' reading of Table 4.1": claims.reindex(fr.index).fillna("–"),
        }).sort_values(RANK_PC)

    def synopsis_table(self):
        return md_table(self.synopsis(), caption="The Far East's regions in Dem'yanenko's leagues and in Table 4.1 "
                        "(ranks recomputed from the per-capita and overall totals; 1 = most internationalized).")

    def league_index_figure(self) -> Figure:
        syn, (pc, ov) = self.synopsis(), self.totals()
        colour = {"Super league": PALETTE[1], "League one": "#f4b183", NOT_PLACED: "#bfbfbf"}
        fig, axes = plt.subplots(1, 2, figsize=(10, 4.4), sharey=True)
        order = syn.index
        for ax, (scores, title) in zip(axes, ((pc, "Per capita"), (ov, "Overall"))):
            ax.barh(list(syn.Region), scores.loc[order].values, color=[colour[x] for x in syn.League], height=0.65)
            ax.set_title(title)
        axes[0].invert_yaxis()  # shared y axis: invert once
        axes[1].legend(handles=[Patch(color=c, label=lab) for lab, c in colour.items()],
                       title="Dem'yanenko league", loc="lower right", frameon=True)
        fig.supxlabel("Table 4.1 total (index points: sum of four components, each 0–100)", fontsize=10)
        fig.suptitle("Far East regions: Table 4.1 index totals, coloured by Dem'yanenko league", fontweight="bold")
        source_note(fig, f"Pietrasiak and Słowikowski (2018), Table 4.1 ({self.year} data) and section 4.7 "
                         "(Dem'yanenko 2013); data/table_4_1.csv, data/region_leagues.csv. Regions ordered by the "
                         "per-capita total.")
        plotted = pd.DataFrame({"region_id": order, "per_capita_total": pc.loc[order].values,
                                "overall_total": ov.loc[order].values, "league": syn.League.loc[order].values})
        return Figure(fig, "fig-index-by-league", plotted,
                      alt="Two panels of horizontal bars of the Far East regions' Table 4.1 totals, per capita and "
                          "overall, coloured by their Dem'yanenko league.",
                      caption="**Far East regions: Table 4.1 index totals, coloured by Dem'yanenko league.** Regions "
                              "ordered by the per-capita total. Pietrasiak and Słowikowski (2018), Table 4.1 and section "
                              "4.7 (Dem'yanenko 2013).")

    def unplaced(self) -> list[str]:
        """The Far East regions that appear in no league, in the order of Table 4.1."""
        syn = self.synopsis()
        return [syn.Region[r] for r in self.fe_regions.sort_values("table_order").index if syn.League[r] == NOT_PLACED]

    def league_index_reading(self) -> Markdown:
        syn = self.synopsis()
        placed = syn[syn.League != NOT_PLACED]
        top3 = set(syn.index[syn[RANK_PC] <= 3]) | set(syn.index[syn[RANK_OV] <= 3])
        sakha = syn.loc["sakha_republic"]
        one = syn[syn.League == "League one"]
        below_all = all((sakha[c] > one[c]).all() for c in (RANK_PC, RANK_OV))
        leagues = [league_name(i) for i in self.lg.league_id.unique()]  # in league order
        by_league = listing(f"{listing(placed.Region[placed.League == lg])} in "
                            f"{lg.lower().replace('super', 'the super')}" for lg in leagues if lg in set(placed.League))
        if set(placed.League) <= {"Super league", "League one"}:
            where = f"all of them in the top two: {by_league}. None is in the lower two leagues."
        else:
            where = f"{by_league}."
        among = "are all among them" if top3 <= set(placed.index) else "are not all among them"
        return Markdown(
            f"Of the {len(syn)} regions of Table 4.1, {len(placed)} appear in Dem'yanenko's leagues, {where} "
            f"The regions that take the first {len(top3)} places of Table 4.1 on either total "
            f"({listing(sorted(self.fe_regions.label[r] for r in top3))}) {among}. The exception runs the "
            f"other way: Sakha, in the super league, ranks only {ordinal(int(sakha[RANK_PC]))} per capita and "
            f"{ordinal(int(sakha[RANK_OV]))} overall in Table 4.1"
            f"{', below both league-one regions on either total' if below_all else ''}. Table 4.1 uses {self.year} "
            f"data; the chapter gives no year for the leagues.")
