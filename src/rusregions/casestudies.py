"""Analysis for the case-study chapter (section 4.13): the regions' indicators as printed, and a log of checks.

`Indicators` wraps data/case_study_indicators.csv: values by row, their printed decimals, and tables that
remember which rows they have shown, so `not_shown` can list every row no table took (a new data row then
appears in the chapter instead of silently dropping out). `CheckLog` collects every share and sum check of the
chapter (rules in `checks`) for the summary table and the verdict sentence under it.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import checks, codelists, data, interactive
from .present import case_study_charts as charts
from .present.figures import Figure
from .present.format import count_word, country, num, pretty, quantity, when
from .tables import md_table

VERDICT_ORDER = [checks.CONSISTENT, checks.ADDS_UP, checks.PARTIAL, checks.TRUNCATED, checks.INCONSISTENT,
                 checks.DOES_NOT_ADD_UP, checks.EXCEEDS]
FAILED = {checks.TRUNCATED, checks.INCONSISTENT, checks.DOES_NOT_ADD_UP, checks.EXCEEDS}


def raw(name: str) -> pd.DataFrame:
    """The resource's cells as printed (strings), row for row with data.load(name); used for printed decimals."""
    return pd.read_csv(data.DATA_DIR / data.describe(name)["path"], dtype=str, keep_default_na=False)


def decimals_of(name: str, column: str) -> pd.Series:
    """Printed decimals of each cell of `column` (<NA> where empty)."""
    return raw(name)[column].map(lambda s: checks.printed_decimals(s) if s else pd.NA)


def load_with_decimals(name: str, column: str = "share_percent") -> pd.DataFrame:
    """data.load(name) with a column `dec`: the printed decimals of `column`."""
    return data.load(name).assign(dec=decimals_of(name, column))


class Indicators:
    """data/case_study_indicators.csv, by row id, with printed decimals; tables remember what they showed."""

    def __init__(self):
        self.rows = load_with_decimals("case_study_indicators", "value")
        self.by_id = self.rows.set_index("id")
        self.shown: set[str] = set()

    def v(self, id_: str) -> float:
        """The published value of a row; the row counts as shown (a sentence or figure uses it)."""
        self.shown.add(id_)
        return float(self.by_id.loc[id_, "value"])

    def dec(self, id_: str) -> int:
        return int(self.by_id.loc[id_, "dec"])

    def erratum(self, id_: str) -> str:
        return str(self.by_id.loc[id_, "erratum"])

    def table(self, region: str, indicators: list[str], caption: str):
        """The region's rows of these indicators (in this order, then by year), as published and corrected."""
        sel = self.rows[(self.rows.region_id == region) & self.rows.indicator.isin(indicators)].copy()
        sel["order"] = sel.indicator.map({k: i for i, k in enumerate(indicators)})
        sel = sel.sort_values(["order", "year"])
        self.shown |= set(sel.id)
        return self._md(sel, caption)

    def not_shown(self, region: str | None = None) -> pd.DataFrame:
        rows = self.rows[~self.rows.id.isin(self.shown)]
        return rows if region is None else rows[rows.region_id == region]

    def rest_table(self, caption: str):
        """Every row no other table has shown (None when there is none): nothing in the data is left out."""
        rest = self.not_shown()
        if rest.empty:
            return None
        self.shown |= set(rest.id)
        return self._md(rest, caption)

    @staticmethod
    def _md(sel: pd.DataFrame, caption: str):
        t = pd.DataFrame({"indicator": sel.label, "year": [when(r) for r in sel.itertuples()],
                          "published": [quantity(r.value, r.unit, r.value_high, r.qualifier) for r in sel.itertuples()]})
        if sel.value_corrected.notna().any():
            t["corrected"] = [quantity(r.value_corrected, r.unit_corrected) for r in sel.itertuples()]
        return interactive.table(t, caption=caption)


class CheckLog:
    """Every check of a chapter, one row each, in the order made."""

    def __init__(self, region_labels: dict[str, str]):
        self.region_labels = region_labels
        self.rows: list[dict] = []

    def share(self, region, what, published, decimals, recomputed, slack=0.0) -> checks.Comparison:
        c = checks.compare(published, recomputed, decimals, slack)
        self.rows.append({"region": self.region_labels[region], "check": what,
                          "published": f"{published:.{decimals}f}", "recomputed": f"{recomputed:.2f}",
                          "difference": f"{c.difference:+.2f}", "tolerance": f"±{c.tolerance:.2f}",
                          "verdict": c.verdict})
        return c

    def sums(self, region, what, parts, decimals, expected=100.0, complete=True,
             expected_decimals=None) -> checks.SumCheck:
        s = checks.sums_to(parts, expected, decimals=decimals, complete=complete, expected_decimals=expected_decimals)
        verdict = s.verdict + (f" (leaves {s.remainder:.2f})" if s.verdict == checks.PARTIAL else "")
        self.rows.append({"region": self.region_labels[region], "check": what,
                          "published": ("" if complete else "≤ ") + num(expected),
                          "recomputed": f"{s.total:.2f}", "difference": f"{s.difference:+.2f}",
                          "tolerance": f"±{s.tolerance:.2f}", "verdict": verdict})
        return s

    def table(self, region_order: list[str]) -> pd.DataFrame:
        order = {self.region_labels[k]: i for i, k in enumerate(region_order)}
        return pd.DataFrame(self.rows).sort_values("region", key=lambda r: r.map(order), kind="stable")

    def verdicts(self) -> pd.Series:
        """Number of checks per verdict (a partial list's remainder dropped), in VERDICT_ORDER."""
        counts = pd.DataFrame(self.rows).verdict.str.replace(r" \(leaves .*\)", "", regex=True).value_counts()
        return pd.Series({k: int(counts[k]) for k in VERDICT_ORDER if k in counts})

    def summary(self) -> str:
        """'24 checks: 12 consistent; 9 adds up; …'."""
        return f"{len(self.rows)} checks: " + "; ".join(f"{n} {k}" for k, n in self.verdicts().items()) + "."

    def failed(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)[lambda t: t.verdict.isin(FAILED)]


BODIES = ("ebrd", "european_union", "shanghai_cooperation_organisation")  # not countries: left out of the ties chart
TIE_KINDS = ["Khabarovsk: mission", "Khabarovsk: twin city", "Khabarovsk: trade partner", "Primorsky: mission",
             "Primorsky: honorary consul", "Primorsky: visit 2014", "Vladivostok: twin city",
             "Primorsky: partner province", "Sakhalin: named partner"]
TIE_GROUP = [0, 0, 0, 1, 1, 1, 1, 1, 2]  # colour of each kind: Khabarovsk, Primorsky, Sakhalin


def ties(dip: pd.DataFrame, twins: pd.DataFrame, partners: pd.DataFrame, tp: pd.DataFrame) -> pd.DataFrame:
    """Country x kind-of-tie counts of every named foreign tie, countries with most kinds first."""
    tie = []
    for r in dip[~dip.country_or_body.isin(BODIES)].itertuples():
        region = "Khabarovsk" if r.region_id == "khabarovsk_krai" else "Primorsky"
        if r.kind == "visit":
            kind = "Primorsky: visit 2014"
        elif r.mission_type in ("honorary_consulate", "consulate_honorary_consul"):
            kind = f"{region}: honorary consul"
        else:
            kind = f"{region}: mission"
        tie.append((r.country_or_body, kind))
    tie += [(r.partner_country, f"{r.city.capitalize()}: twin city") for r in twins.itertuples()]
    tie += [(r.partner_country, "Primorsky: partner province")
            for r in partners[partners.relation == "partner_province"].itertuples()]
    tie += [(r.partner, "Khabarovsk: trade partner") for r in tp[tp.region_id == "khabarovsk_krai"].itertuples()]
    tie += [(r.partner_country, "Sakhalin: named partner")
            for r in partners[(partners.region_id == "sakhalin_oblast") & partners.partner_country.notna()].itertuples()]
    tie += [(r.partner, "Sakhalin: named partner")
            for r in tp[(tp.region_id == "sakhalin_oblast") & (tp.flow == "total_trade")].itertuples()]
    frame = pd.DataFrame(tie, columns=["country", "tie"])
    unknown = set(frame.tie) - set(TIE_KINDS)
    if unknown:
        raise ValueError(f"kinds of tie with no column in the chart: {sorted(unknown)}")
    m = frame.value_counts().unstack(fill_value=0).reindex(columns=TIE_KINDS, fill_value=0)
    m = m.assign(_k=(m > 0).sum(axis=1), _n=m.index.map(country)).sort_values(["_k", "_n"], ascending=[False, True])
    return m.drop(columns=["_k", "_n"])


def trade_by_partner(share: pd.DataFrame, ex: pd.Series, im: pd.Series, exports: float, imports: float,
                     total: float) -> pd.DataFrame:
    """Exports, imports, balance and shares by partner (rows of `share`, indexed by partner, with the data row
    number in `row`), plus 'all others' = the totals minus the partners listed."""
    printed = raw("trade_partners")["share_percent"]
    order = list(share.index)
    t = pd.DataFrame({
        "partner": [country(p) for p in order],
        "exports (USD m)": [ex[p] for p in order], "imports (USD m)": [im[p] for p in order],
        "balance (USD m)": [ex[p] - im[p] for p in order],
        "share published": [printed[share.loc[p, "row"]] + "%" for p in order],
        "share recomputed (%)": [checks.share_of_total([ex[p], im[p]], total) for p in order],
        "of exports (%)": [checks.share_of_total(ex[p], exports) for p in order],
        "of imports (%)": [checks.share_of_total(im[p], imports) for p in order],
    })
    oe, oi = exports - ex[order].sum(), imports - im[order].sum()
    other = {"partner": "all others (computed)", "exports (USD m)": oe, "imports (USD m)": oi,
             "balance (USD m)": oe - oi, "share published": "—",
             "share recomputed (%)": checks.share_of_total([oe, oi], total),
             "of exports (%)": checks.share_of_total(oe, exports), "of imports (%)": checks.share_of_total(oi, imports)}
    return pd.concat([t, pd.DataFrame([other])], ignore_index=True)


# --- the chapter, section by section ------------------------------------------------------------------------------

CASE_REGIONS = ["sakhalin_oblast", "khabarovsk_krai", "primorsky_krai"]
SHARE_OF_INDUSTRY = "_share_of_industry"
# Sakhalin's flows in the partners chart, in its order, with what the chart adds to the flow's label (codelists/
# codes.csv) about how its shares were read; a flow the data add fails loudly.
FLOWS = {"total_trade": "", "oil_export": "", "lng_export": " (reading)", "coal_export": " (computed)"}
# The tables of printed figures: region, indicators in the table's order, caption. Every row of these indicators
# is shown (any year); a row of an indicator no table names appears in the closing table of the rest.
TABLES = {
    "sakhalin_economy": ("sakhalin_oblast", [
        "gross_regional_product", "gross_regional_product_per_capita",
        "gross_regional_product_per_capita_ratio_to_rest_of_russia", "industry_share_of_gdp",
        "lng_share_of_world_production", "oil_gas_fields", "oil_gas_fields_big", "oil_gas_fields_unique",
        "forest_cover"], "Sakhalin Oblast: the economy, as published (section 4.13.1)."),
    "sakhalin_trade": ("sakhalin_oblast", [
        "foreign_trade_turnover", "export_share_of_trade", "import_share_of_trade", "trade_balance",
        "maritime_share_of_trade", "fuel_exports_volume", "fuel_exports_value"],
        "Sakhalin Oblast: foreign trade, as published (section 4.13.1)."),
    "sakhalin_investment": ("sakhalin_oblast", [
        "oil_gas_share_of_investment", "planned_private_investment_projects", "planned_private_investment_cost",
        "investment_support_agreement_adopted", "sea_ports", "port_terminals", "airports", "helicopter_landing_pads",
        "airports_transferred_to_oblast", "airport_programme_cost", "pipeline_length"],
        "Sakhalin Oblast: investment and infrastructure, as published and corrected (section 4.13.1)."),
    "khabarovsk": ("khabarovsk_krai", [
        "foreign_trade_turnover", "china_japan_south_korea_share_of_trade", "south_korea_share_of_trade",
        "investment_from_china_japan_south_korea", "investment_from_china_japan_south_korea_growth",
        "companies_with_foreign_capital", "chinese_investment", "us_investment", "eu_share_of_investment",
        "north_korean_capital_companies", "planned_korean_workers", "processing_share_of_industry",
        "share_of_far_east_industrial_output", "vanino_port_unloading_capacity", "suek_coal_terminal_capacity"],
        "Khabarovsk Krai: trade, investment and industry, as published and corrected (section 4.13.2)."),
    "primorsky": ("primorsky_krai", [
        "foreign_trade_turnover", "exports", "imports", "extractive_industry_companies",
        "processing_and_utilities_companies", "apec_summit_cost_usd", "apec_summit_cost_rub",
        "apec_cable_stayed_bridges"],
        "Primorsky Krai: economy and trade, as published and corrected (section 4.13.3)."),
}
# Counts printed in the profiles, each against the list of items it counts: region, what, printed row id (None:
# no count printed), how to count the listed items (missions of the region, twin cities of the city).
COUNTS = [
    ("khabarovsk_krai", "accredited diplomatic missions", "khabarovsk_krai.accredited_diplomatic_missions",
     ("missions", None)),
    ("khabarovsk_krai", "twin cities of Khabarovsk", "khabarovsk_krai.twin_cities_of_khabarovsk",
     ("twins", "khabarovsk")),
    ("primorsky_krai", "consulates-general (incl. PRC agency)", "primorsky_krai.accredited_consulates_general",
     ("missions", ["consulate_general", "consulate_general_agency"])),
    ("primorsky_krai", "consulates headed by honorary consuls", "primorsky_krai.consulates_headed_by_honorary_consuls",
     ("missions", ["consulate_honorary_consul"])),
    ("primorsky_krai", "honorary consulates", "primorsky_krai.honorary_consulates",
     ("missions", ["honorary_consulate"])),
    ("primorsky_krai", "twin cities of Vladivostok", None, ("twins", "vladivostok")),
]
AGREEMENTS = [  # Primorsky's agreements and contacts: what the table calls them, printed row id
    ("agreements with Chinese, Japanese and Mongolian provinces", "primorsky_krai.agreements_with_foreign_provinces"),
    ("memorandums with the same", "primorsky_krai.memorandums_with_foreign_provinces"),
    ("visits, meetings, initiatives: international level", "primorsky_krai.international_level_contacts.2013_2014"),
    ("visits, meetings, initiatives: regional administrative level",
     "primorsky_krai.regional_level_contacts.2013_2014")]
PASSPORT = "Pietrasiak and Słowikowski (2018)"


def stages_shrink(values) -> bool:
    """Each stage no larger than the one before it."""
    values = [float(x) for x in values]
    return all(b <= a for a, b in zip(values, values[1:]))


class CaseStudies:
    """The case-study chapter: each method makes the checks of one part of the chapter (logged in order, for the
    closing table) and returns what its cell shows, in order."""

    def __init__(self):
        self.ind = Indicators()
        self.v, self.dec = self.ind.v, self.ind.dec
        self.tp, self.ts, self.fdi, self.ind_s = (load_with_decimals(n) for n in (
            "trade_partners", "trade_structure", "fdi_by_origin", "industry_structure"))
        self.dip, self.twins, self.partners = (data.load(n) for n in (
            "diplomatic_presence", "twin_cities", "regional_partners"))
        self.missions = self.dip[self.dip.kind == "standing_mission"]
        self.region = data.load("far_east_regions").set_index("region_id")["label"].to_dict()
        self.log = CheckLog(self.region)
        self.glued: dict[str, str] = {}  # what the prose's {glue:md} roles will read, by name

    def glue(self, name: str, text: str) -> None:
        """Glue Markdown `text` under `name` for a {glue:md} role in the prose (not shown where glued)."""
        from myst_nb import glue
        self.glued[name] = text
        glue(name, Markdown(text), display=False)

    def table(self, key: str):
        region, indicators, caption = TABLES[key]
        return self.ind.table(region, indicators, caption)

    # --- Sakhalin ---------------------------------------------------------------------------------------------------
    def sakhalin_economy(self) -> list:
        v = self.v
        grp = v("sakhalin_oblast.gross_regional_product")
        grp_pc = v("sakhalin_oblast.gross_regional_product_per_capita")
        return [self.table("sakhalin_economy"), Markdown(
            f"The two GDP figures imply a population of {grp * 1e9 / (grp_pc * 1e3):,.0f} "
            f"(RUB {num(grp)} billion / RUB {num(grp_pc)} thousand), a plausible figure for the oblast; no population "
            "is printed to check it against, and neither GDP figure carries a year.")]

    def sakhalin_industry(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Sakhalin's industry by activity, and the printed decimals of each share: rows dates (years first, then
        the undated 'now'), columns activities, both in the data's order."""
        rows = self.ind.rows
        rows = rows[(rows.region_id == "sakhalin_oblast") & rows.indicator.str.endswith(SHARE_OF_INDUSTRY)]
        rows = rows.assign(kind=[pretty(i.removesuffix(SHARE_OF_INDUSTRY)) for i in rows.indicator],
                           date=["now (year not stated)" if pd.isna(y) else str(int(y)) for y in rows.year])
        self.ind.shown |= set(rows.id)
        dates = list(dict.fromkeys(rows.sort_values("year", na_position="last", kind="stable").date))
        wide = rows.pivot(index="date", columns="kind", values="value").reindex(index=dates,
                                                                              columns=list(dict.fromkeys(rows.kind)))
        decimals = rows.pivot(index="date", columns="kind", values="dec").reindex_like(wide)
        return wide.rename_axis(index=None, columns=None).astype(float), decimals.astype("Int64")

    def industry(self) -> list:
        sak, decimals = self.sakhalin_industry()
        for d in sak.index:
            parts = sak.loc[d].dropna()  # an activity the data give for one date only
            self.log.sums("sakhalin_oblast", f"industry by activity, {d}, sums to 100", parts.tolist(),
                          [int(x) for x in decimals.loc[d, parts.index]])
        kh = self.kh = self.ind_s[self.ind_s.region_id == "khabarovsk_krai"]
        self.log.sums("khabarovsk_krai", "industry by sector sums to 100", kh.share_percent.tolist(),
                      kh.dec.astype(int).tolist())
        adds_up = all(r["verdict"] == checks.ADDS_UP for r in self.log.rows[-(len(sak) + 1):])  # the ones just made
        self.glue("breakdowns_verdict", "Both breakdowns add up to 100" if adds_up else
                "Not every breakdown adds up to 100")
        fig, plotted = charts.industry_breakdown(sak, kh)
        return [Figure(fig, "fig-industry-by-activity", plotted,
                       alt="Stacked bars of the shares of industrial output: Sakhalin by activity in 2006 and now, "
                           "Khabarovsk by sector with no year.",
                       caption="**Industrial output by activity (Sakhalin Oblast) and by sector (Khabarovsk Krai).** "
                               "Shares in percent as published; Pietrasiak and Słowikowski (2018), sections "
                               "4.13.1–4.13.2, Sakhalin's after the MFA passport of Sakhalin (2015); the chapter "
                               "gives no source for Khabarovsk's.")]

    def khabarovsk_nonfuel(self) -> Markdown:
        kh = self.ind_s[self.ind_s.region_id == "khabarovsk_krai"]
        nonfuel = kh[kh.sector != "fuel_energy"].share_percent.sum()
        processing = self.v("khabarovsk_krai.processing_share_of_industry")
        self.glue("nonfuel_verdict", "add up to more than that share, so the two breakdowns use different "
                "classifications" if nonfuel > processing else "add up to no more than that share")
        return Markdown(f"Non-fuel sectors together: {num(nonfuel)}%; processing industry as printed: "
                        f"{num(processing)}% of industrial output.")

    def coal_destinations(self) -> pd.DataFrame:
        tp = self.tp
        coal = tp[(tp.region_id == "sakhalin_oblast") & (tp.flow == "coal_export")]
        return coal.sort_values("value", ascending=False)

    def oil_coal(self) -> list:
        v, dec = self.v, self.dec
        oil = pd.Series({stage: v(f"sakhalin_oblast.oil_condensate_{k}.2014")
                         for stage, k in (("extracted", "production"), ("sold", "sales"), ("exported", "exports"))})
        coal_prod, coal_ship, coal_abroad = (v(f"sakhalin_oblast.coal_{k}.2014")
                                             for k in ("production", "shipments", "exports_abroad"))
        coal = pd.Series({"extracted\n2013 (implied)":
                          coal_prod - v("sakhalin_oblast.coal_production_change_on_previous_year.2014"),
                          "extracted\n2014": coal_prod, "shipped\n('export')": coal_ship})
        dest = self.coal_destinations()
        self.log.sums("sakhalin_oblast", "coal by destination vs coal sent abroad (thousand t)", dest.value.tolist(),
                      decimals_of("trade_partners", "value").loc[dest.index].tolist(),
                      expected=coal_abroad, expected_decimals=dec("sakhalin_oblast.coal_exports_abroad.2014"))
        fig, plotted = charts.extraction_to_export(oil, coal, dest, coal_abroad)
        shrink = stages_shrink(oil) and stages_shrink([coal_prod, coal_ship, coal_abroad])
        total = dest.value.sum()
        stages = "Every stage is smaller" if shrink else "Not every stage is smaller"
        to_abroad = ("exactly the coal sent abroad" if round(total - coal_abroad, 6) == 0
                     else f"against {coal_abroad:,.1f} thousand t of coal sent abroad")
        sentence = (
            f"{stages} than the one before it: oil {num(oil.extracted)} ≥ {num(oil.sold)} ≥ {num(oil.exported)} "
            f"million t; coal {coal_prod:,.0f} ≥ {coal_ship:,.1f} ≥ {coal_abroad:,.0f} thousand t. The "
            f"{count_word(len(dest))} destinations add up to {total:,.1f} thousand t, {to_abroad}. Two "
            "oddities remain. The text calls the larger coal figure \"export\" although only part of it went abroad, so "
            "it is probably all shipments out of the oblast; and it calls the destinations \"the largest importers\" "
            "while listing them in ascending order. The passport also gives natural gas "
            f"({num(v('sakhalin_oblast.gas_production.2014'))} billion m³), LNG "
            f"({num(v('sakhalin_oblast.lng_production.2014'))} million t) and petroleum products "
            f"({num(v('sakhalin_oblast.petroleum_products_production.2014'))} thousand t) for 2014.")
        return [Figure(fig, "fig-sakhalin-oil-coal", plotted,
                       alt="Bars of Sakhalin's oil extracted, sold and exported and of coal extracted, shipped and "
                           "sent abroad in 2014, the last bar split by destination; each stage is smaller than the "
                           "one before.",
                       caption="**Sakhalin Oblast, 2014: from extraction to export.** Oil and condensate in million "
                               "tonnes, coal in thousand tonnes; 2013 coal is the 2014 extraction minus the printed "
                               "increase. Pietrasiak and Słowikowski (2018), section 4.13.1: oil extraction after the "
                               "MFA passport of Sakhalin (2015); the chapter gives no source for the sales, exports "
                               "and coal figures, which follow that citation."), Markdown(sentence)]

    def _trade_2014(self):
        v = self.v
        turnover = v("sakhalin_oblast.foreign_trade_turnover.2014")
        exp_sh = v("sakhalin_oblast.export_share_of_trade.2014")
        imp_sh = v("sakhalin_oblast.import_share_of_trade.2014")
        return turnover, exp_sh, imp_sh

    def sakhalin_trade(self) -> list:
        v, dec = self.v, self.dec
        turnover, exp_sh, imp_sh = self._trade_2014()
        balance = v("sakhalin_oblast.trade_balance.2014")
        self.log.sums("sakhalin_oblast", "export and import shares of trade sum to 100", [exp_sh, imp_sh],
                      [dec("sakhalin_oblast.export_share_of_trade.2014"),
                       dec("sakhalin_oblast.import_share_of_trade.2014")])
        self.log.share("sakhalin_oblast", "trade balance 2014 = turnover × (export − import share)", balance,
                       dec("sakhalin_oblast.trade_balance.2014"), checks.balance_from_shares(turnover, exp_sh, imp_sh))
        exports = turnover * exp_sh / 100
        return [self.table("sakhalin_trade"), Markdown(
            f"Implied exports: {num(turnover)} × {num(exp_sh)}% = USD {exports:.2f} billion; imports USD "
            f"{turnover * imp_sh / 100:.2f} billion; balance USD "
            f"{checks.balance_from_shares(turnover, exp_sh, imp_sh):.2f} billion against USD {num(balance)} billion "
            "printed.")]

    def sakhalin_flows(self) -> pd.DataFrame:
        """Sakhalin's rows of trade_partners, coal shares computed from tonnes; a flow not in FLOWS is an error."""
        sk = self.tp[self.tp.region_id == "sakhalin_oblast"].copy()
        unknown = set(sk.flow) - set(FLOWS)
        if unknown:
            raise ValueError(f"flows of Sakhalin in data/trade_partners.csv with no place in the chart: "
                             f"{sorted(unknown)}")
        abroad = self.v("sakhalin_oblast.coal_exports_abroad.2014")
        coal_share = {r.partner: checks.share_of_total(r.value, abroad) for r in self.coal_destinations().itertuples()}
        coal = sk.flow == "coal_export"
        sk.loc[coal, "share_percent"] = sk.loc[coal, "partner"].map(coal_share)
        return sk

    @staticmethod
    def partner_shares(sk: pd.DataFrame) -> pd.DataFrame:
        """Partners' shares (percent) by flow: rows in FLOWS' order, columns in charts.PARTNER_COLOUR's order (a
        partner with no colour there fails loudly)."""
        shares = sk.pivot(index="flow", columns="partner", values="share_percent")
        return shares.reindex(index=list(FLOWS), columns=sorted(shares.columns, key=list(charts.PARTNER_COLOUR).index))

    def partners_figure(self) -> list:
        sk = self.sakhalin_flows()
        for flow, what, complete in [("total_trade", "partner shares of trade", False),
                                     ("oil_export", "oil export destinations sum to 100", True),
                                     ("lng_export", "LNG buyers' shares", False)]:
            g = sk[sk.flow == flow]
            self.log.sums("sakhalin_oblast", what, g.share_percent.tolist(), g.dec.astype(int).tolist(),
                          complete=complete)
        label = codelists.code_labels("flow")
        flows = {f: label[f] + added for f, added in FLOWS.items()}
        fig, plotted = charts.partner_shares(self.partner_shares(sk), flows)
        return [Figure(fig, "fig-sakhalin-partners", plotted,
                       alt="Stacked bars of Japan's, South Korea's and China's shares of Sakhalin's trade, oil, LNG "
                           "and coal exports in 2014, with a hatched remainder where the partners listed do not make "
                           "100%.",
                       caption="**Sakhalin Oblast's partners, 2014.** Shares in percent; coal shares computed from "
                               "tonnes. Pietrasiak and Słowikowski (2018), section 4.13.1; the chapter gives no "
                               "source for these figures.")]

    def export_structure(self):
        ts = self.ts
        sx = ts[(ts.region_id == "sakhalin_oblast") & (ts.flow == "export")]
        self.log.sums("sakhalin_oblast", "export structure sums to 100", sx.share_percent.tolist(),
                      sx.dec.astype(int).tolist())
        fuel = sx[sx.product_group == "fuel_energy"].iloc[0]
        turnover, exp_sh, _ = self._trade_2014()
        c = self.log.share("sakhalin_oblast", "fuel-energy share vs fuel export value / implied exports",
                           fuel.share_percent, int(fuel.dec),
                           checks.share_of_total(self.v("sakhalin_oblast.fuel_exports_value.2014"),
                                                 turnover * exp_sh / 100))
        same_tonnage = (self.v("sakhalin_oblast.fuel_exports_volume.2014")
                        == self.v("sakhalin_oblast.oil_condensate_exports.2014"))
        self.glue("fuel_fit", "fits that share of the implied exports" if c.verdict not in FAILED else
                "does not fit that share of the implied exports" + (
                    "; since its tonnage equals the oil and condensate exported, it probably leaves LNG out"
                    if same_tonnage else ""))
        return md_table(pd.DataFrame({"product group": sx.label,
                                      "share of exports": [f"{num(x)}%" for x in sx.share_percent]}),
                        caption="Sakhalin Oblast: structure of exports, 2014, as published (section 4.13.1).")

    def fdi_figure(self) -> list:
        fdi, stock = self.fdi, self.v("sakhalin_oblast.fdi_stock.2013")
        orig = fdi[(fdi.region_id == "sakhalin_oblast") & (fdi.dimension == "investor_country")]
        self.log.sums("sakhalin_oblast", "FDI stock by investor country", orig.share_percent.tolist(),
                      orig.dec.astype(int).tolist(), complete=False)
        sector = fdi[fdi.dimension == "target_sector"].iloc[0]
        fig, plotted = charts.fdi_by_country(orig, stock, f"{num(sector.share_percent)}% of the stock went to the "
                                                          f"{sector.label}")
        return [Figure(fig, "fig-sakhalin-fdi", plotted,
                       alt="Horizontal bars of the shares of Sakhalin's FDI stock on 1 January 2013 by investor "
                           "country, the Netherlands far ahead, and the small remainder not listed.",
                       caption=f"**Sakhalin Oblast: FDI stock by investor country, 1 January 2013.** Shares of USD "
                               f"{num(stock)} billion; USD amounts computed from the shares. Pietrasiak and "
                               "Słowikowski (2018), section 4.13.1, after the MFA report on Sakhalin (2013).")]

    def investment(self) -> list:
        return [self.table("sakhalin_investment"),
                Markdown("**Airport programme.** " + self.ind.erratum("sakhalin_oblast.airport_programme_cost"))]

    def sakhalin_partners(self):
        sp = self.partners[self.partners.region_id == "sakhalin_oblast"]
        relation = codelists.code_labels("relation")
        return md_table(pd.DataFrame({"partner": sp.label,
                                      "country": [country(c) or "not stated" for c in sp.partner_country],
                                      "relation": [relation[r] for r in sp.relation],
                                      "year": [num(y, "year") for y in sp.year]}),
                        caption="Sakhalin Oblast: partners abroad named in the profile (section 4.13.1).")

    # --- Khabarovsk ---------------------------------------------------------------------------------------------------
    def khabarovsk(self) -> list:
        v = self.v
        table = self.table("khabarovsk")
        cjk = v("khabarovsk_krai.china_japan_south_korea_share_of_trade")
        kor = v("khabarovsk_krai.south_korea_share_of_trade")
        inv = v("khabarovsk_krai.investment_from_china_japan_south_korea.2005_2009")
        growth = v("khabarovsk_krai.investment_from_china_japan_south_korea_growth.2005_2009")
        return [table, Markdown(
            "**Trade 2009.** " + self.ind.erratum("khabarovsk_krai.foreign_trade_turnover.2009") + "\n\n"
            f"**Derived figures.** If the Korea of the {num(kor)}% share is the Republic of Korea, China and Japan "
            f"together account for {cjk - kor:.1f}% of trade (years not stated). Investment from the three countries "
            f"in 2005–2009, \"{num(growth)} times\" that of 1989–2004, implies about USD {inv / growth:,.0f} million in "
            "the earlier period. The SUEK coal terminal is said to handle more coal a year than the whole port of "
            "Vanino can unload; either the terminal lies outside the port figure or one of the two is wrong.")]

    def reserves_figure(self) -> list:
        cs = self.ind.rows
        res = cs[(cs.region_id == "khabarovsk_krai") & cs.indicator.str.startswith("share_of_russian_reserves_")]
        res = res.assign(metal=res.indicator.str.replace("share_of_russian_reserves_", "")).sort_values("value")
        self.ind.shown |= set(res.id)
        fig, plotted = charts.reserves(res)
        return [Figure(fig, "fig-khabarovsk-reserves", plotted,
                       alt="Horizontal bars of Khabarovsk Krai's shares of Russia's reserves of several metals, in "
                           "percent.",
                       caption="**Khabarovsk Krai: mineral reserves.** Share of Russia's reserves in percent, no year "
                               "printed. Pietrasiak and Słowikowski (2018), section 4.13.2; the chapter gives no "
                               "source for these figures.")]

    # --- Primorsky ----------------------------------------------------------------------------------------------------
    def _primorsky_totals(self):
        total = float(self.ind.by_id.loc["primorsky_krai.foreign_trade_turnover.2014", "value_corrected"])
        return total, self.v("primorsky_krai.exports.2014"), self.v("primorsky_krai.imports.2014")

    def primorsky(self) -> list:
        dec = self.dec
        total, pexp, pimp = self._primorsky_totals()
        self.log.sums("primorsky_krai", "exports + imports vs total trade (USD million)", [pexp, pimp],
                      [dec("primorsky_krai.exports.2014"), dec("primorsky_krai.imports.2014")],
                      expected=total, expected_decimals=dec("primorsky_krai.foreign_trade_turnover.2014"))
        return [self.table("primorsky"), Markdown(
            "**Trade total.** " + self.ind.erratum("primorsky_krai.foreign_trade_turnover.2014") + "\n\n"
            "**APEC summit.** " + self.ind.erratum("primorsky_krai.apec_summit_cost_usd"))]

    def primorsky_partners(self) -> list:
        total, pexp, pimp = self._primorsky_totals()
        pp = self.tp[self.tp.region_id == "primorsky_krai"]
        share = (pp[pp.flow == "total_trade"].sort_values("listed_order").rename_axis("row").reset_index()
                 .set_index("partner"))
        ex = pp[pp.flow == "export"].set_index("partner").value
        im = pp[pp.flow == "import"].set_index("partner").value
        for p in share.index:
            self.log.share("primorsky_krai", f"{country(p)} share of trade = (export + import) / total",
                           share.loc[p, "share_percent"], int(share.loc[p, "dec"]),
                           checks.share_of_total([ex[p], im[p]], total))
        self.log.sums("primorsky_krai", "partner shares of trade", share.share_percent.tolist(),
                      share.dec.astype(int).tolist(), complete=False)
        t = trade_by_partner(share, ex, im, pexp, pimp, total)
        table = md_table(t, floatfmt=("", ".1f", ".1f", ".1f", "", ".2f", ".1f", ".1f"),
                         caption="Primorsky Krai: trade by partner, 2014; values as published, shares published and "
                                 "recomputed (section 4.13.3). The Republic of Korea's share is corrected in the data "
                                 f"to {num(share.loc['south_korea', 'value_corrected'])}%.")
        fig, plotted = charts.trade_by_partner(
            t.rename(columns={"exports (USD m)": "exports", "imports (USD m)": "imports"})
            [["partner", "exports", "imports"]].replace({"partner": {"all others (computed)": "all others"}}))
        return [table, Figure(fig, "fig-primorsky-trade", plotted,
                              alt="Paired bars of Primorsky Krai's exports and imports in 2014 by partner, China "
                                  "largest in both and Japan selling far more than it buys.",
                              caption="**Primorsky Krai: exports and imports by partner, 2014.** USD million; 'all "
                                      "others' = totals minus the partners listed. Pietrasiak and Słowikowski (2018), "
                                      "section 4.13.3; the chapter gives no source for these figures.")]

    def primorsky_structure(self) -> list:
        ts = self.ts
        groups = {flow: ts[(ts.region_id == "primorsky_krai") & (ts.flow == flow)] for flow in ("export", "import")}
        for flow, g in groups.items():
            self.log.sums("primorsky_krai", f"{flow} structure (main groups listed)", g.share_percent.tolist(),
                          g.dec.astype(int).tolist(), complete=False)
        fig, plotted = charts.trade_structure(groups)
        return [Figure(fig, "fig-primorsky-trade-structure", plotted,
                       alt="Two panels of horizontal bars: the main product groups of Primorsky's exports and of its "
                           "imports in percent, with the share the lists leave out.",
                       caption="**Primorsky Krai: structure of trade (no year printed).** Shares in percent; 'not "
                               "listed' = 100 minus the groups printed. Pietrasiak and Słowikowski (2018), section "
                               "4.13.3; the chapter gives no source for these figures.")]

    # --- missions, twin cities, agreements -------------------------------------------------------------------------
    def listed(self, region: str, how: tuple) -> int:
        """How many items the data list for a printed count (see COUNTS)."""
        what, which = how
        if what == "twins":
            return int((self.twins.city == which).sum())
        m = self.missions[self.missions.region_id == region]
        return int(len(m) if which is None else m.mission_type.isin(which).sum())

    def counts(self):
        v = self.v
        t = pd.DataFrame([{"region": self.region[r], "what": w, "count printed": num(v(k)) if k else "none printed",
                           "listed": n, "verdict": ("match" if k and v(k) == n else ("mismatch" if k else
                                                                                      "no count to check"))}
                          for r, w, k, how in COUNTS for n in [self.listed(r, how)]])
        checked = t[t.verdict != "no count to check"]
        self.glue("counts_verdict", "Every printed count matches its list" if (checked.verdict == "match").all() else
                f"{count_word((checked.verdict == 'mismatch').sum(), capital=True)} of the {len(checked)} printed "
                "counts do not match their lists")
        return md_table(t, caption="Counts printed in the profiles against the items they list (sections "
                                   "4.13.2–4.13.3).")

    def ties_figure(self) -> list:
        fig, plotted = charts.ties_matrix(ties(self.dip, self.twins, self.partners, self.tp), TIE_GROUP)
        return [Figure(fig, "fig-foreign-ties", plotted,
                       alt="A dot matrix of countries against kinds of tie (missions, consuls, visits, twin cities, "
                           "partner provinces, trade partners) of the three regions; Japan, China and South Korea "
                           "fill most columns.",
                       caption="**Named foreign ties of the three regions, by country.** A dot is one kind of tie, "
                               "the number in it the count of items; the EBRD, the EU and the SCO are left out. "
                               "Pietrasiak and Słowikowski (2018), sections 4.13.1–4.13.3.")]

    def ties_lists(self) -> Markdown:
        lines = []
        for city, g in self.twins.groupby("city", sort=False):
            by_country = [f"{', '.join(h.partner_label)} ({country(c)})"
                          for c, h in g.groupby("partner_country", sort=False)]
            lines.append(f"- **{city.capitalize()}** ({len(g)}): " + "; ".join(by_country))
        mission = codelists.code_labels("mission_type")
        for region, g in self.missions.groupby("region_id", sort=False):
            types = [f"{mission[t]}: {', '.join(country(c) for c in h.country_or_body)}"
                     for t, h in g.groupby("mission_type", sort=False)]
            lines.append(f"- **Missions, {self.region[region]}** ({len(g)}): " + "; ".join(types))
        return Markdown("\n".join(lines))

    def agreements(self) -> list:
        ci, v = self.ind.by_id, self.v
        self.ind.shown |= {k for _, k in AGREEMENTS}
        t = pd.DataFrame({"what": [a for a, _ in AGREEMENTS], "period": [when(ci.loc[k]) for _, k in AGREEMENTS],
                          "published": [num(v(k)) for _, k in AGREEMENTS]})
        others = self.dip[self.dip.country_or_body.isin(BODIES)]
        return [md_table(t, caption="Primorsky Krai: agreements and contacts (section 4.13.3)."), Markdown(
            "Not shown in the chart: " + "; ".join(
                f"{r.label} ({'office' if r.kind == 'standing_mission' else 'visit ' + str(r.year)})"
                for r in others.itertuples()) + ".")]

    def rest(self):
        return self.ind.rest_table("Every other row of data/case_study_indicators.csv: figures of the profiles that no "
                                   "table, chart or sentence above uses (sections 4.13.1–4.13.3).")

    def checks_items(self) -> list:
        self.glue("n_failed", count_word(len(self.log.failed()), capital=True))
        return [Markdown(self.log.summary()),
                md_table(self.log.table(CASE_REGIONS), floatfmt=".2f",
                         caption="Published shares against the values they were computed from (this chapter's "
                                 "checks).")]
