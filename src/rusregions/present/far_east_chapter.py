"""The content of chapter 5 (the Far East macro-region and federal policy), one method per section.

`FarEastChapter()` loads the chapter's data once. Each section method returns the items to show, in order:
Markdown, tables and `Figure`s (shown by `present.figures.show_all`). Every sentence that states a number or a
verdict is computed here from the data, so it cannot go stale.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import checks, codelists, data, fareast
from ..plots import PALETTE
from ..tables import md_table
from . import far_east_charts as charts
from .figures import Figure
from .format import num, quantity, when

# Groups of the shares figure: the indicators of each, in order, and the group's colour.
SHARE_GROUPS = {"Land": (["territory_share_of_russia"], PALETTE[6]),
                "Resources": (["share_of_russian_output_tin", "share_of_russian_output_diamonds",
                               "share_of_russian_output_gold", "share_of_russian_output_fish"], PALETTE[1]),
                "Transport": (["share_of_russian_railway_lines", "share_of_russian_paved_roads"], PALETTE[2]),
                "Economy": (["foreign_investment_share_of_russia", "export_share_of_russia"], PALETTE[0])}
# Bar labels where the last word of the indicator id is not enough ("..._tin" -> "Tin").
SHARE_SHORT = {"share_of_russian_output_fish": "Fish resources", "share_of_russian_railway_lines": "Railway lines",
               "share_of_russian_paved_roads": "Paved roads",
               "foreign_investment_share_of_russia": "Accumulated foreign investment", "export_share_of_russia": "Exports"}
CN = "ru_cn_regional_cooperation_programme_2009_2018"
HISTORY_ORDER = ["russia_qing_interaction", "siberian_independence", "trans_siberian_railway", "far_eastern_republic",
                 "soviet_planned_development", "late_soviet_development_model", "soviet_scientists_regional_concepts"]


def quantity_each(values, units) -> list[str]:
    """`quantity` of each value with its unit (a column of values beside a column of units)."""
    return [quantity(v, u) for v, u in zip(values, units)]


class FarEastChapter:
    def __init__(self):
        self.ind = data.load("far_east_indicators")
        self.budget_rows = data.load("federal_budget_shares")
        self.dib = data.load("direct_investment_balance")
        self.prog = data.load("federal_programmes")
        self.sample = data.load("interview_sample")
        self.findings = data.load("interview_findings")
        self.fe = fareast.Indicators(self.ind)
        self.value = self.fe.value

    def fact(self, programme_id: str, fact: str, col: str = "amount"):
        """One fact of data/federal_programmes.csv (the first row of that programme and fact)."""
        p = self.prog
        return p[(p.programme_id == programme_id) & (p.fact == fact)][col].iloc[0]

    # --- territory, population and resources ------------------------------------------------------------------
    def territory(self) -> list:
        base = ["territory_area", "territory_share_of_russia", "territory_share_of_russia_rounded", "population",
                "energy_use_per_grp_vs_russian_average"]
        value = self.value
        area, pop = value("territory_area"), value("population")
        share, rounded = value("territory_share_of_russia"), value("territory_share_of_russia_rounded")
        return [self.fe.table(self.fe.rows(base), "The Far Eastern Federal District in figures, as published "
                                                   "(section 4.12)."),
                Markdown(f"Population density implied by the two figures: {pop * 1e6:,.0f} persons / {area:,.0f} km² = "
                         f"**{pop * 1e6 / area:.2f} persons per km²**. The same paragraph gives the territory as "
                         f"{num(share)}% of Russia and, a few lines later, as one third ({rounded:.1f}%); the second "
                         f"is a loose restatement of the first.")]

    def shares(self) -> pd.DataFrame:
        """The indicators of the shares figure: group, indicator, colour, value and bar label."""
        return pd.DataFrame([{"group": g, "indicator": k, "colour": c, "value": self.value(k),
                              "label": SHARE_SHORT.get(k, k.split("_")[-1].capitalize())}
                             for g, (keys, c) in SHARE_GROUPS.items() for k in keys])

    def shares_figure(self) -> Figure:
        fig, plotted = charts.shares_of_russia(self.shares(), self.value("territory_share_of_russia"))
        return Figure(fig, "fig-far-east-shares", plotted,
                      alt="Horizontal bars of the Far East's shares of Russia's territory, of tin, diamonds, gold and "
                          "fish, of railway lines and paved roads, and of foreign investment and exports, against the "
                          "territory share.",
                      caption="**The Far East's share of Russia: land, resources, transport, economy.** Percent of the "
                              "Russian total; no reference years printed. Pietrasiak and Słowikowski (2018), sections 4.7 "
                              "and 4.12, after Ross (2002) and one joint citation of the Human Development Report "
                              "2006/2007, Madej (2015) and a news report.")

    # --- demography and migration -------------------------------------------------------------------------------
    def demography(self) -> list:
        demo = ["out_migration", "out_migration_change_vs_same_period_previous_year", "population_loss",
                "population_left_share", "population_share_wanting_to_leave",
                "foreign_immigrants_share_of_in_migration", "gdp_growth_gap", "required_annual_growth_rate"]
        value = self.value
        h1_2016 = value("out_migration", year=2016)
        factor = value("out_migration_change_vs_same_period_previous_year", year=2016)
        y2014 = value("out_migration", year=2014)
        foreign = "foreign_immigrants_share_of_in_migration"
        return [self.fe.table(self.fe.rows(demo, scope=None),
                              "Population, migration and growth, as published (sections 4.12, 4.14, 4.17)."),
                Markdown(f"\"{num(factor)} times less\" implies that about **{h1_2016 * factor:.1f} thousand** people "
                         f"left in the first half of 2015 ({num(h1_2016)} × {num(factor)}; not printed in the source), "
                         f"against {y2014:,.0f} in the whole of 2014. The foreign share of in-migrants rose from "
                         f"{num(value(foreign, year=2005))}% to {num(value(foreign, year=2014))}%.")]

    # --- setting, trade partners, the China border ----------------------------------------------------------------
    def setting(self):
        ind = self.ind
        sel = ind[ind.indicator.isin(["share_of_world_gdp", "share_of_world_trade", "border_length_with_china",
                                      "chinese_goods_share_of_local_markets",
                                      "transport_tariff_share_of_goods_transport_cost"])]
        return self.fe.table(sel, "The district's setting, as published (sections 4.10 and 4.12.1).")

    def trade_partners(self) -> list:
        ind = self.ind
        tp = ind[ind.indicator.str.startswith("trade_share_")].copy()
        tp["partner"] = tp.label.str.replace("Share of ", "").str.replace(" in the macro-region's trade", "")
        sum_check = checks.sums_to_100(tp.value.tolist(), decimals=0, complete=False)
        rank = ind[ind.indicator == "china_trade_partner_rank"]
        t = pd.concat([
            pd.DataFrame({"source": "Moskalenko (2015a)", "partner or statement": tp.partner,
                          "published": quantity_each(tp.value, tp.unit), "year": "not stated"}),
            pd.DataFrame({"source": "Lee (2012)", "partner or statement": "China: " + rank.qualifier + " (" +
                          rank.region_id.map(codelists.region_names()) + ")", "published": "rank only",
                          "year": rank.period_start.astype(str)}),
        ], ignore_index=True)
        return [md_table(t, caption="The macro-region's trade partners in two sources."),
                Markdown(f"The three shares Moskalenko gives add up to {sum_check.total:.0f}%, leaving "
                         f"{sum_check.remainder:.0f}% to all other partners ({sum_check.verdict}).")]

    def visa_regime(self):
        visa = self.ind[self.ind.indicator == "trade_decline_after_visa_regime"]
        abolished = self.fact("visa_free_regime_china", "abolished", "year")
        t = pd.DataFrame({"region": visa.region_id.map(codelists.region_names()),
                          "decline in trade": quantity_each(visa.value, visa.unit), "measured": visa.period_as_printed})
        return md_table(t, caption="Trade declines attributed to the abolition of the visa-free regime with China in "
                                   f"{abolished} (section 4.14).")

    # --- the federal budget -------------------------------------------------------------------------------------
    def budget_parts(self):
        """(regional-policy shares by district, the Far East's amounts by year, the general-subsidy floor row)."""
        b = self.budget_rows
        pol = b[b.measure == "share_of_federal_regional_policy_expenditure"].set_index("region_id")
        amounts = b[b.measure == "federal_budget_expenditure_amount"].set_index("period_start")
        floor = b[b.measure == "share_of_federal_general_subsidies"].iloc[0]
        return pol, amounts, floor

    def budget_table(self) -> list:
        b = self.budget_rows
        t = pd.DataFrame({
            "district": b.region_id.map(codelists.district_name), "measure": b.label,
            "period": [when(r) for r in b.itertuples()],
            "published": [quantity(r.value, r.unit, qualifier=r.qualifier) for r in b.itertuples()],
            "corrected": quantity_each(b.value_corrected, b.unit_corrected),
        })
        amounts = self.budget_parts()[1]
        return [md_table(t, caption="Federal budget shares and amounts, as published and corrected (section 4.14, "
                                    "after Zubarevich 2015)."),
                Markdown("**Why billions.** " + amounts.erratum.iloc[-1])]

    def budget_figure(self) -> Figure:
        pol, amounts, _ = self.budget_parts()
        fig, plotted = charts.budget(pol, amounts, {r: codelists.district_name(r) for r in pol.index})
        return Figure(fig, "fig-far-east-budget", plotted,
                      alt="Two bar panels: the Far East's and the North Caucasus's shares of federal regional-policy "
                          "spending, and the Far East's federal allocation by year in RUB billion as corrected.",
                      caption="**The Far East and the North Caucasus in the federal budget.** Shares in percent; amounts "
                              "plotted as corrected (RUB billion), with the printed figure under each. Pietrasiak and "
                              "Słowikowski (2018), section 4.14, after Zubarevich (2015).")

    def budget_reading(self) -> Markdown:
        pol, amounts, floor = self.budget_parts()
        fe, nc = pol.loc["far_eastern_federal_district", "value"], pol.loc["north_caucasian_federal_district", "value"]
        a13, a14 = amounts.loc[2013, "value_corrected"], amounts.loc[2014, "value_corrected"]
        if nc > fe:
            lead = (f"the North Caucasus received {nc - fe:.1f} percentage points *more* than the Far East ({num(nc)}% "
                    f"against {num(fe)}%). On this measure the North Caucasus is ahead, so the ranking of the Far East "
                    f"as \"second largest beneficiary\" must rest on another measure or period, which the chapter does "
                    f"not give.")
        else:
            lead = (f"the Far East received {fe - nc:.1f} percentage points more than the North Caucasus ({num(fe)}% "
                    f"against {num(nc)}%). On this measure the Far East is ahead of the North Caucasus.")
        return Markdown(
            f"In {int(pol.period_start.iloc[0])} {lead} The general-subsidy floor ({floor.qualifier} {num(floor.value)}%, "
            f"{int(floor.period_start)}–{int(floor.period_end)}) is a share of a different total and cannot be "
            f"compared with either. Read as billions, the Far East's allocation fell by {100 * (a13 - a14) / a13:.1f}% "
            f"from 2013 to 2014, and {num(a14)} billion at a {num(fe)}% share implies total regional-policy spending "
            f"of about RUB {a14 / fe * 100:,.0f} billion. The data hold no amount for the North Caucasus.")

    # --- direct investment -----------------------------------------------------------------------------------------
    def investment_decline(self) -> pd.Series:
        """Zubarevich's fall in investment in the district, percent by year."""
        return self.ind[self.ind.indicator == "investment_decline"].set_index("period_start").value

    def investment_table(self) -> list:
        dib = self.dib
        t = pd.DataFrame({"period": dib.period_as_printed, "published": quantity_each(dib.value, dib.unit),
                          "corrected": quantity_each(dib.value_corrected, dib.unit_corrected)})
        return [md_table(t, caption="Annual balance of direct investment in the Far Eastern Federal District, as "
                                    "published and corrected (section 4.16)."),
                Markdown("**Why billions** (the reason recorded for the first year; the others are alike). "
                         + dib.erratum.iloc[0])]

    def investment_figure(self) -> Figure:
        fig, plotted = charts.investment_balance(self.dib)
        return Figure(fig, "fig-far-east-investment-balance", plotted,
                      alt="Bars of the annual balance of direct investment in the Far Eastern Federal District in USD "
                          "billion as corrected, rising from year to year, the part-year 2015 bar hatched.",
                      caption="**Direct investment balance of the Far Eastern Federal District.** Plotted as corrected "
                              "(USD billion; printed as 'trillion'). Pietrasiak and Słowikowski (2018), section 4.16, "
                              "Central Bank figures via Kryuchkova, Sapozhkov and Yedovina (2016).")

    def investment_reading(self) -> Markdown:
        annual = self.dib[self.dib.quarter.isna()].set_index("year").value_corrected
        dec = self.investment_decline()
        part = self.dib[self.dib.quarter.notna()].value_corrected.iloc[0]
        exceeds = "already exceeds it" if part > annual[2014] else "does not yet reach it"
        return Markdown(
            f"The 2014 balance is {annual[2014] / annual[2013]:.1f} times that of 2013 and the part-year 2015 figure "
            f"{exceeds}; according to the Central Bank, as the authors cite it, this was careful growth rather "
            f"than a boom. Over the same years Zubarevich reports that overall investment in the district *fell*: by "
            f"{num(dec[2013])}% in 2013 and {num(dec[2014])}% in 2014.")

    # --- programmes, strategies, institutions ------------------------------------------------------------------
    def policy_timeline(self) -> Figure:
        fig, plotted = charts.policy_timeline(fareast.timeline_items(self.prog, codelists.programme_labels(short=True)))
        return Figure(fig, "fig-far-east-policy-timeline", plotted,
                      alt="A timeline from 1990 of federal programmes, strategies, institutions, legal regimes and "
                          "events for the Far East: bars for periods, diamonds for single years, arrows for open ends.",
                      caption="**Federal policy towards the Far East, 1990s–2020s.** Every programme, strategy, "
                              "institution and event the data date. Pietrasiak and Słowikowski (2018), sections 4.1, "
                              "4.12.1, 4.13.3, 4.14–4.17.")

    def key_facts(self) -> list:
        fact, value = self.fact, self.value
        joint, failed = fact(CN, "joint_projects"), fact(CN, "projects_not_achieved")
        cut = value("programme_funding_cut", scope="far_east_and_transbaikal")
        key = [
            ("Russia–China regional cooperation programme", "signed",
             str(fact(CN, "signed", "date")) + " (Medvedev and Hu Jintao)"),
            ("", "joint projects", num(joint)),
            ("", "projects not achieved (Gabuev)", f"{fact(CN, 'projects_not_achieved', 'qualifier')} {num(failed)} "
                                                   f"(over {100 * failed / joint:.1f}% of {num(joint)})"),
            ("", "task force for implementation", str(fact(CN, "task_force_established", "date_as_printed"))),
            ("Programme to 2013", "funding cut in the financial crisis", f"{num(cut)}% (APEC preparations exempt)"),
            ("Accelerated development zones (TOR)", "zones created (DAVE 2016)",
             num(value("accelerated_development_zones"))),
            ("", "draft federal law", str(fact("tor_accelerated_development_areas", "draft_law", "year"))),
            ("Free port", "planned for Vladivostok", "no year printed"),
            ("", "extension announced", str(fact("free_port_vladivostok", "extension_announced", "year"))
             + " (Chukotka, Kamchatka, Sakhalin)"),
        ]
        costs = self.prog[self.prog.fact == "cost"]
        t = pd.DataFrame({"project": costs.name.str.replace(", funded by Russian Railways", ""),
                          "published": quantity_each(costs.amount, costs.unit),
                          "corrected": quantity_each(costs.value_corrected, costs.unit_corrected)})
        return [md_table(pd.DataFrame(key, columns=["item", "fact", "as published"]),
                         caption="Key facts on the main instruments of federal policy (sections 4.14–4.16)."),
                md_table(t, caption="Costs of transport projects, as published and corrected (section 4.14; the "
                                    "reasons are in data/federal_programmes.csv).")]

    def history(self):
        prog = self.prog
        hist = prog[prog.kind.isin(fareast.HISTORY)]
        if set(hist.programme_id) != set(HISTORY_ORDER):
            raise ValueError(f"federal_programmes: historical items {sorted(set(hist.programme_id))} differ from "
                             f"the chapter's order {sorted(HISTORY_ORDER)}; add the new item to HISTORY_ORDER")
        hist = hist.set_index("programme_id").loc[HISTORY_ORDER].reset_index()
        hist["when"] = [r.date_as_printed if not pd.isna(r.date_as_printed) else str(r.year) for _, r in hist.iterrows()]
        return md_table(hist[["when", "name"]].rename(columns={"name": "event or plan"}),
                        caption="Earlier history of central plans for the Far East, as the authors recall it "
                                "(sections 4.12.1, 4.14).")

    # --- the critique ------------------------------------------------------------------------------------------
    def primorsky_prices(self) -> tuple[float, float, float, pd.Series]:
        """(target price, current price, target as % of current, the printed range row)."""
        target = self.value("electricity_price_investor_target", scope="primorsky_krai")
        now = self.value("electricity_price_current", scope="primorsky_krai")
        tariff = self.ind[self.ind.indicator == "electricity_tariff_investor_target_share_of_current"].iloc[0]
        return target, now, checks.share_of_total(target, now), tariff

    def primorsky_inside_range(self) -> bool:
        _, _, share, tariff = self.primorsky_prices()
        return bool(tariff.value <= share <= tariff.value_high)

    def prices_verdict(self) -> Markdown:
        """The sentence on the Primorsky prices against the printed range, as the data decide it."""
        if self.primorsky_inside_range():
            return Markdown("The Primorsky prices agree with the range printed in the same sentence")
        return Markdown("The Primorsky prices fall outside the range printed in the same sentence")

    def critique_figures(self):
        fact, value, dec = self.fact, self.value, self.investment_decline()
        joint, failed = fact(CN, "joint_projects"), fact(CN, "projects_not_achieved")
        target, now, share, tariff = self.primorsky_prices()
        inside = self.primorsky_inside_range()
        ministry = "ministry_far_east_development"
        pressure = ("pressure_on_chinese_business", "informal_pressure")
        claims = [
            ("Zubarevich (2015)", "fall in investment in the district",
             f"{num(dec[2013])}% (2013), {num(dec[2014])}% (2014)"),
            ("Gabuev (2015)", "projects of the programme with China not achieved",
             f"{fact(CN, 'projects_not_achieved', 'qualifier')} {num(failed)} of {num(joint)}"),
            ("Madej (2015)", "year the Far East ministry was set up",
             f"{fact(ministry, 'established_per_madej2015', 'year')} (the authors: {fact(ministry, 'established', 'year')})"),
            ("Blyakher and Vasil'yeva (2009)", "informal pressure on Chinese traders",
             f"{fact(*pressure, 'period_start')}–{fact(*pressure, 'period_end')}"),
            ("Korostikov (2016)", "China's share of direct investment in Russia",
             f"{num(value('chinese_share_of_direct_investment', scope='russia'))}% (2012–2013; base unclear)"),
            ("Moskalenko (2015a)", 'payback of "The Strength of Siberia" project',
             str(fact("power_of_siberia_pipeline", "payback_assessment", "date_as_printed"))),
            ("Fomicheva (2016); Bashkatova (2016)", "tariff investors would accept, share of current",
             f"{num(tariff.value)}–{num(tariff.value_high)}% by region"),
            ("Fomicheva (2016); Bashkatova (2016)", "Primorsky Krai: price per kWh, target vs current",
             f"RUB {num(target)} vs {num(now)} = {share:.1f}% ({'inside' if inside else 'outside'} the range)"),
            ("Alexseev (2002)", "companies in Nazdratenko's PAKT network",
             num(value("pakt_member_companies", scope="primorsky_krai"))),
        ]
        return md_table(pd.DataFrame(claims, columns=["source", "claim", "figure"]),
                        caption="Figures behind the critique, as the chapter reports them (sections 4.14–4.17).")

    # --- the interviews -------------------------------------------------------------------------------------------
    def interview_sample(self):
        s = self.sample.copy()
        s["description"] = [(f"{num(r.value)} {r.unit}s" if not pd.isna(r.value) else str(r.text))
                            for _, r in s.iterrows()]
        s["attribute"] = s.attribute.str.replace("_", " ")
        return md_table(s[["attribute", "description"]],
                        caption="The interview study as described by the authors (section 4.17, footnote 2).")

    def interview_findings(self) -> Markdown:
        lines = []
        for qid, g in self.findings.groupby("question_id", sort=False):
            lines.append(f"- **{qid.upper()}. {g.question.iloc[0]}**")
            for _, r in g.sort_values("finding_no").iterrows():
                how = f"*{r.prevalence}*" if not pd.isna(r.prevalence) else "*no prevalence given*"
                lines.append(f"  - {how}: {r.finding}")
        return Markdown("\n".join(lines))
