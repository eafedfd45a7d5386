"""The content of chapter 3 (federalism and the law of paradiplomacy), one method per section.

`FederalismChapter()` loads the periods, acts, models and quantities once; each section method returns what the
chapter shows there (tables, Markdown, `Figure`s for `present.figures.show_all`).
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import data, timeline
from ..plots import source_note
from ..tables import md_table
from .citations import cite
from .figures import Figure
from .format import count_word, num, quantity

ERA = {"yeltsin": "Yeltsin", "putin": "Putin", "both": "both"}
NOT_PLACED = "not placed"
ERA_ORDER = ["Yeltsin", "both", "Putin", NOT_PLACED]
KIND = {"stage": "stage (two-stage scheme)", "period": "period (three-period scheme)", "regime": "political regime"}
PAIRING = {"explicit": "stated", "by_era": "follows from the era"}
# Row labels of the two models' comparison; a dimension without one is shown as its id in words.
DIMENSION = {"period": "Period", "dominant_pattern": "Dominant pattern", "legal_basis": "Legal basis",
             "initiator": "Who initiates", "mfa_coordination": "MFA coordination",
             "regional_autonomy": "Regional autonomy", "typical_conflicts": "Typical conflicts",
             "federal_agencies": "Federal agencies in the regions", "political_regime": "Political regime",
             "cooperative_examples": "Cooperation with the centre", "centre_attitude": "The centre's attitude",
             "use_of_regions": "Use of regions by the centre", "consolidation": "Consolidation"}
MODELS = ["decentralized", "centralized_coordinative"]


def era(code) -> str:
    """An era code as the tables print it; 'not placed' where the data leave it empty."""
    return NOT_PLACED if pd.isna(code) else ERA[code]


def years(start, end, open_end: str = "present") -> str:
    """'1993–1999', or '2000–present' for a period without an end."""
    return f"{int(start)}–{open_end if pd.isna(end) else int(end)}"


def era_quantity(r) -> str:
    """A quantity of data/era_quantities.csv as the table prints it: value or range with unit, the source's words
    in parentheses; the words alone where the source gives no number."""
    if pd.isna(r.value):
        return r.value_text
    text = quantity(r.value, r.unit, r.value_high)
    return text + (f" ({r.value_text})" if pd.notna(r.value_text) else "")


def federal_acts(acts: pd.DataFrame) -> pd.DataFrame:
    """The dated federal acts the timeline draws: no events, programmes or acts of regions (the issuers of
    regional treaties), and of two rows that describe the same act only the first, labelled 'described twice'."""
    regional = set(acts.loc[acts.kind == "treaty", "issuer"].dropna()) - {"Rossiyskaya Federatsiya"}
    federal = acts[acts.year.notna() & ~acts.kind.isin(["event", "programme"]) & ~acts.issuer.isin(regional)]
    kept = []
    for row in federal.itertuples():
        if pd.isna(row.same_act_as) or row.same_act_as not in kept:
            kept.append(row.act_id)
    federal = federal[federal.act_id.isin(kept)]
    twins = set(federal.same_act_as.dropna())
    return federal.assign(shown=[f"{lab} (described twice)" if a in twins or pd.notna(s) else lab
                                 for a, lab, s in zip(federal.act_id, federal.label, federal.same_act_as)])


class FederalismChapter:
    def __init__(self):
        self.periods = data.load("federalism_periods")
        self.acts = data.load("legal_acts")
        self.models = data.load("centre_region_models")
        self.quantities = data.load("era_quantities")
        self.federal = federal_acts(self.acts)

    def periods_table(self):
        p = self.periods
        shown = p.assign(
            scheme=p.kind.map(KIND),
            years=[years(s, e) for s, e in zip(p.start_year, p.end_year)],
            president=p.president.map(era),
            regime=p.regime.str.replace("_", " "),
            pairing=p.regime_pairing.map(PAIRING),
            source=p.cite_key.map(cite),
        )
        return md_table(shown[["scheme", "label", "years", "president", "regime", "pairing", "source"]],
                        caption="Periods of Russian federalism and the regime the authors pair with each, as printed. "
                                "'Pairing': whether the chapter itself pairs the regime with that period or the pairing "
                                "follows only from the president's era.")

    def explicit_pairings(self) -> Markdown:
        """How often the chapter pairs a regime with a period itself, as a word ('twice'); the regime rows, which
        carry their own regime, are not pairings."""
        p = self.periods
        n = int(((p.regime_pairing == "explicit") & (p.kind != "regime")).sum())
        return Markdown({1: "once", 2: "twice"}.get(n, f"{count_word(n)} times"))

    def timeline_figure(self) -> Figure:
        periods, federal = self.periods, self.federal
        study_end = self.quantities.set_index("quantity_id").loc["putin_era", "period_end"]
        fig, ax = timeline.draw_timeline(
            periods, federal, until=study_end + 1, label_col="shown",
            title=f"Russian federalism and the law of regional international activity, "
                  f"{periods.start_year.min()}–{study_end}")
        source_note(fig, "Pietrasiak and Słowikowski (2018), sections 4.1, 4.3, 4.4, 4.7, 4.8, 4.18; "
                         "data/federalism_periods.csv, data/legal_acts.csv, data/era_quantities.csv (study period)")
        plotted = (federal[["act_id", "year", "month", "kind", "era", "shown"]].assign(lane="act")
                   .rename(columns={"shown": "label"}))
        return Figure(fig, "fig-federalism-timeline", plotted,
                      alt="A timeline from the early 1990s: coloured bands for the stages, periods and political regimes "
                          "of Russian federalism above, and the dated federal acts on regions' international activity "
                          "as markers below.",
                      caption="**Russian federalism and the law of regional international activity.** Bands: periods as "
                              "the source dates them, coloured by president; markers: acts, coloured by era and shaped by "
                              "kind. Pietrasiak and Słowikowski (2018), sections 4.1, 4.3, 4.4, 4.7, 4.8, 4.18.")

    def acts_by_kind(self):
        acts = self.acts
        counts = pd.crosstab(acts.kind.str.replace("_", " "), acts.era.map(era), margins=True, margins_name="total")
        counts = counts[[c for c in ["Yeltsin", "Putin", NOT_PLACED, "total"] if c in counts.columns]]
        return md_table(counts.rename_axis("kind").reset_index(), caption="Acts, institutions and events named in "
                        "sections 4.1–4.11, by kind and era (rows of data/legal_acts.csv; the October 1995 act counts "
                        "twice, once per mention).")

    def acts_listing(self) -> pd.DataFrame:
        """Every row of data/legal_acts.csv in date order, undated rows last, as the tables print them."""
        acts = self.acts
        out = acts.assign(
            _sort=acts.year.fillna(9999) + acts.month.fillna(0) / 100,
            date=acts.date_as_printed.fillna("no date"),
            kind=acts.kind.str.replace("_", " "),
            era=acts.era.map(era),
            source=acts.cite_key.map(cite),
        ).sort_values("_sort", kind="stable")
        out["called"] = out.kind_as_printed.where(out.kind_as_printed.str.lower() != out.kind, "")
        return out

    def acts_table(self):
        return md_table(self.acts_listing()[["date", "label", "kind", "called", "era", "source"]],
                        caption="Every act, institution, programme and event of data/legal_acts.csv in date order "
                                "('called': the chapter's own word, where it differs from the normalised kind).")

    def effects(self) -> Markdown:
        dated, federal = self.acts_listing(), self.federal
        twins = set(federal.same_act_as.dropna())
        effects = dated[dated.act_id.isin(federal.act_id) | dated.act_id.isin(twins)]
        return Markdown("\n\n".join(f"{r.label}\n: {r.effect} {cite(r.cite_key)}" for r in effects.itertuples()))

    def corrections(self):
        fix = self.quantities[self.quantities.value_corrected.notna()]
        return md_table(pd.DataFrame({
            "quantity": fix.label, "published": fix.value.astype(int), "corrected": fix.value_corrected.astype(int),
            "reason": fix.erratum, "source": fix.cite_key.map(cite)}),
            caption="Published and corrected count (data/era_quantities.csv). This chapter counts from the list of acts "
                    "itself, so its tables and figure follow the corrected reading.")

    def models_table(self):
        two = self.models[self.models.model_id.isin(MODELS)]
        labels = two.drop_duplicates("model_id").set_index("model_id").model_label
        cells = two.assign(cell=[f"{d} {cite(k)}" for d, k in zip(two.description, two.cite_key)])
        side = cells.pivot(index="dimension", columns="model_id", values="cell")
        side = side.reindex(pd.unique(two.dimension))[MODELS].fillna("— (not described)")
        side.index = [DIMENSION.get(d, d.replace("_", " ")) for d in side.index]
        side.columns = [labels[c] for c in side.columns]
        return md_table(side.rename_axis("Dimension").reset_index(),
                        caption="The two models compared, dimension by dimension (data/centre_region_models.csv). '— "
                                "(not described)': the chapter describes this dimension for the other model only.")

    def examples_table(self):
        two = self.models[self.models.model_id.isin(MODELS)]
        ex = two[two.examples.notna()]
        return md_table(pd.DataFrame({"dimension": [DIMENSION.get(d, d) for d in ex.dimension],
                                      "model": ex.model_label, "examples": ex.examples}),
                        caption="Examples attached to the comparison (data/centre_region_models.csv).")

    def soldatos_table(self):
        sol = self.models[self.models.model_id.str.startswith("soldatos")]
        sol_side = sol.pivot(index="model_label", columns="dimension", values="description")
        return md_table(pd.DataFrame({"Soldatos' model": sol_side.index,
                                      "feature of the Russian model matched to it": sol_side["russian_feature"].values}),
                        caption="The Russian model as 'an amalgamation' of two of Soldatos' models "
                                "(data/centre_region_models.csv). The chapter does not define the two models, and the "
                                "matching of each feature to one of them follows only the order of its sentence.")

    def quantities_table(self) -> tuple[Markdown, list[str]]:
        """The table of every quantity by era, and two lines counting them by era and by kind."""
        q = self.quantities
        shown = q.assign(era=q.era.map(era), value_shown=[era_quantity(r) for r in q.itertuples()],
                         corrected=q.value_corrected.map(num), source=q.cite_key.map(cite))
        shown = shown.assign(_order=shown.era.map(ERA_ORDER.index)).sort_values("_order", kind="stable")
        n = shown.era.value_counts()
        lines = [f"quantities placed in the Yeltsin era: {n.get('Yeltsin', 0)}, in the Putin era: {n.get('Putin', 0)}, "
                 f"spanning both: {n.get('both', 0)}, not placed: {n.get(NOT_PLACED, 0)}",
                 f"of all {len(q)}, {q.unit.eq('year').sum()} are dates or date ranges rather than measured quantities"]
        table = md_table(shown[["era", "label", "value_shown", "corrected", "source"]]
                         .rename(columns={"value_shown": "as published"}),
                         caption="Every quantity of data/era_quantities.csv, by era. 'Corrected' is filled only where "
                                 "the published value is wrong (see above).")
        return table, lines
