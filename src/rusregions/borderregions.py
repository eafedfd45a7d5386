"""The border-regions chapter: this report's reading of each claim of the abstract (source 004) against the Far
East evidence, with the evidence cited by its data row so that each reading can be checked.

`Borders()` loads what the chapter shows; each of its methods returns what one cell shows (a sentence to print, a
table, Markdown, or a list of items for `present.figures.show_all`).
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import data
from .present import border_charts
from .present.figures import Figure
from .present.format import definitions, num, pretty, quantity, when
from .tables import md_table

READINGS = ("consistent", "mixed", "in tension", "not addressed")
# abstract item, evidence keys (interview findings 'q<question>.<finding>', activity conditions by id,
# 'border:<border function>', or 'agreements'), this report's reading
READING = [
    ("points_of_contact", ["q1.1", "q3.1", "border:contact"], "mixed"),
    ("common_problems", ["q3.1"], "consistent"),
    ("ethno_confessional_affinity", ["q3.2"], "in tension"),
    ("cultural_linguistic_affinity", ["q3.2"], "in tension"),
    ("federal_geopolitical_use", ["q2a.2", "q5.3", "centralization_instrumentalization"], "consistent"),
    ("compensating_function", ["q3.2"], "in tension"),
    ("diplomatic_agents", ["q5.2"], "consistent"),
    ("soft_power", [], "not addressed"),
    ("joint_projects_self_government", ["q4.3"], "in tension"),
    ("actorness", ["q2a.1", "q2a.2", "agreements"], "in tension"),
    ("interstate_dialogue", ["q5.1"], "consistent"),
    ("interdependence_despite_deglobalization", ["q1.2"], "consistent"),
    ("costs_federal_support", ["q2a.1", "q2b.1"], "in tension"),
]


def check_coverage(abstract: pd.DataFrame) -> None:
    """Every item of the abstract has exactly one reading, and no reading names an item it lacks."""
    read, items = sorted(i for i, _, _ in READING), sorted(abstract.item_id)
    if read != items:
        raise ValueError(f"readings and abstract items differ: no reading for {sorted(set(items) - set(read))}, "
                         f"reading without item {sorted(set(read) - set(items))}")


class Evidence:
    """Describes an evidence key by the data row it names; an unknown key is a KeyError."""

    def __init__(self, findings: pd.DataFrame, conditions: pd.DataFrame, border_functions: pd.DataFrame,
                 far: pd.Series, n_districts: int):
        self.findings = findings.assign(key=findings.question_id + "." + findings.finding_no.astype(str)).set_index("key")
        self.conditions, self.bf = conditions, border_functions.set_index("item_id")
        self.far, self.n_districts = far, n_districts

    def __call__(self, key: str) -> str:
        if key in self.findings.index:
            r = self.findings.loc[key]
            return f"interview {r.name} ({r.prevalence if pd.notna(r.prevalence) else 'no wording'})"
        if key in self.conditions.index:
            return f"condition '{self.conditions.loc[key, 'label']}' ({self.conditions.loc[key, 'cite_key']})"
        if key.startswith("border:"):
            r = self.bf.loc[key.split(":")[1]]
            return f"border function '{r.label}' ({pretty(r.dominance)}; {r.cite_key})"
        if key == "agreements":
            return (f"Far East {num(self.far.value)} agreements per region (rank {int(self.far['rank'])} of "
                    f"{self.n_districts})")
        raise KeyError(key)


FE_DISTRICT = "far_eastern_federal_district"
# The Far East figures the chapter tabulates, in the table's order (indicator ids of far_east_indicators).
PICK = ["border_length_with_china", "share_of_world_gdp", "share_of_world_trade", "foreign_investment_share_of_russia",
        "export_share_of_russia", "trade_share_china", "trade_share_japan", "trade_share_south_korea",
        "trade_decline_after_visa_regime"]
NEAR = ["china", "japan", "south_korea", "north_korea"]  # the countries the twin-city sentence names


class Borders:
    def __init__(self):
        self.abstract, self.findings, self.districts, self.fe, self.twins, self.bf = (data.load(n) for n in (
            "border_region_factors", "interview_findings", "agreements_by_federal_district", "far_east_indicators",
            "twin_cities", "border_functions"))
        self.sample = data.load("interview_sample").set_index("attribute")
        self.conditions = data.load("activity_conditions").set_index("condition_id")
        # factors, functions, findings: in the order the abstract's data list them
        self.abstract["kind"] = pd.Categorical(self.abstract.kind, list(self.abstract.kind.unique()), ordered=True)
        self.far = self.districts.set_index("region_id").loc[FE_DISTRICT]

    # --- the abstract -------------------------------------------------------------------------------------------
    def abstract_kinds(self) -> str:
        """'5 factors, 6 functions, 2 findings'."""
        ab = self.abstract.sort_values("kind", kind="stable")
        return ", ".join(f"{n} {k}s" for k, n in ab.kind.value_counts(sort=False).items())

    def abstract_items(self) -> list:
        ab = self.abstract.sort_values("kind", kind="stable")
        table = md_table(pd.DataFrame({"Kind": ab.kind.astype(str).to_numpy(), "Item": [pretty(x) for x in ab.label],
                                       "Term as printed": ab.term_as_printed.fillna("").to_numpy()}),
                         caption="Factors, functions and findings named in the abstract "
                                 "(data/border_region_factors.csv).")
        lines = []
        for kind, grp in ab.groupby("kind", observed=True, sort=False):
            lines += [f"**{kind.capitalize()}s**", ""]
            for r in grp.itertuples():
                note = f" *({r.note})*" if pd.notna(r.note) and "as printed" in r.note.lower() else ""
                lines += [pretty(r.label).capitalize(), f": {r.description}{note}", ""]
        return [table, Markdown("\n".join(lines))]

    # --- the Far East ---------------------------------------------------------------------------------------------
    def far_east_table(self):
        rows = self.fe[self.fe.indicator.isin(PICK)].copy()
        rows["order"] = rows.indicator.map({k: i for i, k in enumerate(PICK)})
        rows = rows.sort_values(["order", "region_id"], kind="stable")
        return md_table(pd.DataFrame({
            "Indicator": rows.label.to_numpy(), "Territory": [pretty(s) for s in rows.region_id],
            "Period": [when(r) for r in rows.itertuples()],
            "Value": [quantity(v, u) for v, u in zip(rows.value, rows.unit)], "Credited to": rows.cite_key.to_numpy()}),
            caption="The Far East as a border region: figures quoted by Pietrasiak and Słowikowski (2018) "
                    "(data/far_east_indicators.csv).")

    def districts_figure(self) -> Figure:
        fig, plotted = border_charts.border_districts(self.districts.sort_values("value"),
                                                      self.fe.set_index("indicator").loc["border_length_with_china"])
        return Figure(fig, "fig-border-districts", plotted,
                      alt="Horizontal bars of international agreements per region in the five federal districts "
                          "reported, the Far Eastern district highlighted with a note on its border with China.",
                      caption="**Agreements per region in the five federal districts reported.** Means implied by "
                              "the source; hatched: a capital city 'boosts the average'. Reisinger and Yoo (2012, 15) "
                              "as reported by Pietrasiak and Słowikowski (2018).")

    def district_rank(self) -> str:
        top = self.districts.sort_values("rank").iloc[0]
        return (f"Far East: {self.far.value:g} agreements per region, rank {int(self.far['rank'])} of "
                f"{len(self.districts)} districts reported; highest: {top.label_as_printed} {top.value:g}")

    def condition(self, condition_id: str) -> Markdown:
        r = self.conditions.loc[condition_id]
        return Markdown(definitions([(f"{r.label} (role in the chapter: *{pretty(r.role)}*)", r.description)]))

    def border_functions(self) -> list:
        bf = self.bf
        table = md_table(pd.DataFrame({
            "Kind": [pretty(k) for k in bf.kind], "Item": bf.label.str.strip("“”").to_numpy(),
            "Role or dominance": [pretty(x) for x in bf.dominance.fillna("")],
            "Regions named": bf.regions.fillna("").to_numpy(), "Credited to": bf.cite_key.to_numpy()}),
            caption="Functions and roles of Russia's borders in Pietrasiak and Słowikowski (2018), section 4.7 "
                    "(data/border_functions.csv).")
        own = bf[bf.kind.isin(["self_image", "border_status"])]
        return [table, Markdown(definitions(zip(own.label.str.strip("“”"), own.description)))]

    # --- the interviews -------------------------------------------------------------------------------------------
    def sample_text(self) -> str:
        s = self.sample
        n = int(s.loc["respondents", "value"])
        p0, p1 = int(s.loc["fieldwork_period", "period_start"]), int(s.loc["fieldwork_period", "period_end"])
        return f"{n} respondents, interviewed {p0}–{p1}; method: {s.loc['method', 'text']}"

    def findings_table(self):
        f = self.findings
        short = (f.finding.str.replace(r" \([^)]*\)", "", regex=True)
                 .str.split(r"[:;]", n=1, regex=True).str[0].str.strip())
        return md_table(pd.DataFrame({"Question": [pretty(t) for t in f.question_topic],
                                      "Answer (short)": short.to_numpy(),
                                      "Prevalence as worded": f.prevalence.fillna("(no wording)").to_numpy()}),
                        caption="Interview findings on the Far East's international activity, with the chapter's "
                                "prevalence wording (data/interview_findings.csv).")

    # --- the abstract against the evidence ------------------------------------------------------------------------
    def readings(self) -> pd.DataFrame:
        """One row per claim of the abstract: factor_id, label, kind, evidence_rows, reading (READING's order)."""
        check_coverage(self.abstract)
        A = self.abstract.set_index("item_id")
        return pd.DataFrame([{"factor_id": i, "label": A.loc[i, "label"], "kind": A.loc[i, "kind"],
                              "evidence_rows": len(ks), "reading": r} for i, ks, r in READING])

    def reading_items(self) -> list:
        readings = self.readings()
        evidence = Evidence(self.findings, self.conditions, self.bf, self.far, len(self.districts))
        table = md_table(pd.DataFrame({
            "Abstract": [f"{k}: {pretty(lab)}" for k, lab in zip(readings.kind, readings.label)],
            "Far East evidence": ["; ".join(evidence(k) for k in ks) or "none in the data" for _, ks, _ in READING],
            "Reading": readings.reading.to_numpy()}),
            caption="The abstract's claims against the Far East evidence (this report's reading).")
        F = evidence.findings  # interview findings by key, e.g. "q3.1"
        keys = sorted({k for _, ks, _ in READING for k in ks if k in F.index})
        cited = Markdown("Interview findings cited above:\n\n" + "\n".join(
            f"- **{k}** ({pretty(F.loc[k, 'question_topic'])}): {F.loc[k, 'finding']}" for k in keys))
        fig, plotted = border_charts.abstract_claims(readings)
        return [table, cited, Figure(
            fig, "fig-abstract-claims", plotted,
            alt="Dots placing each claim of the abstract on border regions against this report's reading of the Far "
                "East evidence: consistent, mixed, in tension or not addressed.",
            caption="**The abstract's claims held against the Far East case.** Dot size: number of evidence rows; "
                    "the reading is this report's.")]

    def reading_tally(self) -> str:
        tally = self.readings().reading.value_counts().reindex(list(READINGS), fill_value=0)
        return "; ".join(f"{k}: {v}" for k, v in tally.items()) + f" (of {len(READING)} claims)"

    # --- twin cities --------------------------------------------------------------------------------------------
    def twin_summary(self) -> str:
        tw = self.twins
        return (f"{tw.partner_country.isin(NEAR).sum()} of {len(tw)} twin cities are in China, Japan or the two "
                f"Koreas; {(tw.partner_country == 'united_states').sum()} in the United States")

    def twin_verdicts(self) -> tuple[str, str]:
        """How the prose describes the twin cities: the share near at hand ('Most'), and the United States against
        China and Japan ('as frequent a partner as China or Japan')."""
        tw = self.twins.partner_country
        near = int(tw.isin(NEAR).sum())
        share = "Most" if 2 * near > len(tw) else ("Half" if 2 * near == len(tw) else "Fewer than half")
        us, cj = int((tw == "united_states").sum()), [int((tw == c).sum()) for c in ("china", "japan")]
        us_is = ("as frequent a partner as" if all(us == n for n in cj) else "a more frequent partner than"
                 if all(us > n for n in cj) else "a less frequent partner than" if all(us < n for n in cj)
                 else "about as frequent a partner as")
        return share, us_is + " China or Japan"

    def twin_table(self):
        from myst_nb import glue
        for name, text in zip(("twins_near", "twins_us"), self.twin_verdicts()):
            glue(name, Markdown(text), display=False)
        tw = self.twins.groupby(["partner_country", "city"]).size().unstack(fill_value=0)
        tw = tw.assign(_n=tw.sum(axis=1)).sort_values(["_n"], ascending=False, kind="stable").drop(columns="_n")
        tw.index = [pretty(c).title() for c in tw.index]
        tw.columns = [c.capitalize() for c in tw.columns]
        tw["Total"] = tw.sum(axis=1)
        return md_table(tw.rename_axis("Partner country").reset_index(),
                        caption="Twin cities of Khabarovsk and Vladivostok by country (data/twin_cities.csv).")
