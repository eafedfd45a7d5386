"""The content of chapter 4 (forms and conditions of regional international activity), one method per section.

`FormsChapter()` loads the chapter's classifications once; each method returns the table, figure or line the
chapter shows there. Labels are the data's codes in words (`pretty`) except where a code needs other words.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from .. import data, plots
from ..tables import md_table
from . import forms_charts
from .citations import cite
from .figures import Figure
from .format import pretty

SOURCE = "Pietrasiak and Słowikowski (2018)"
PERIOD_COLOURS = {"1990s": plots.ERA_COLOURS["yeltsin"], "after_2000": plots.ERA_COLOURS["putin"]}
CONDITION_ORDER = {"1990s": 0, "after_2000": 1, "general": 2}
CULTURE_ORDER = {"1990s": 0, "both": 1, "after_2000": 2, "unspecified": 3}
# Words for codes whose plain form (`pretty`) would mislead or read badly.
PERIOD_WORDS = {"unspecified": "not dated"}
ROLE = {"driver": "drives activity", "context": "forms the context", "constraint": "constrains",
        "ambivalent": "ambivalent", "no_effect": "no effect", "trend": "forecast trend"}
TOPIC = {"ngos_foreign_agents": "NGOs, 'foreign agents'", "cross_border_cooperation": "cross-border cooperation",
         "border_regime": "border regime", "nato_eu_enlargement": "NATO/EU enlargement"}
ACTOR = {"federal_elites_military": "federal elites (military)", "mfa_official_kuzmin": "MFA official (Kuzmin)",
         "mfa": "MFA", "fsb": "FSB", "kremlin": "Kremlin", "power_cohort": "'power cohort'",
         "russian_leaders": "Russian leaders"}
BORDER_KIND = {"function": "function of Russian borders", "country_border_role": "role of a particular border",
               "self_image": "self-image of border regions", "border_status": "border status"}


def period_words(code) -> str:
    """A period code in words: '1990s', 'after 2000', 'general', 'both', 'not dated'; '' where none is given."""
    return PERIOD_WORDS.get(code, pretty(code)) if isinstance(code, str) else ""


def blank(s: pd.Series) -> pd.Series:
    """A column with its missing values shown as empty cells."""
    return s.astype("object").where(s.notna(), "")


def classification_counts(conds: pd.DataFrame) -> dict[str, int]:
    """How many conditions the chapter classifies on both criteria, on one only and on neither."""
    sp, ie = conds.structural_processual.notna(), conds.internal_external.notna()
    return {"both": int((sp & ie).sum()), "one": int((sp ^ ie).sum()), "neither": int((~sp & ~ie).sum())}


class FormsChapter:
    def __init__(self):
        self.forms = data.load("activity_forms")
        conditions = data.load("activity_conditions")
        self.categories = conditions[conditions.role == "category"]
        self.conds = conditions[conditions.role != "category"]
        self.turovskiy = data.load("turovskiy_models")
        self.factors = data.load("internationalization_factors")
        self.culture = data.load("strategic_culture")
        self.borders = data.load("border_functions")

    # --- forms ------------------------------------------------------------------------------------------------------
    def makarychev_table(self):
        mak = self.forms[self.forms.typology == "makarychev"]
        return md_table(pd.DataFrame({"form": mak.label, "definition": mak.definition, "source": mak.cite_key.map(cite)}),
                        caption="Makarychev's geographic typology of regional international activity "
                                "(data/activity_forms.csv).")

    def direct_indirect_table(self):
        forms = self.forms
        label = forms.set_index("form_id").label
        di = forms[(forms.typology != "makarychev") & (forms.row_type == "form")]
        return md_table(pd.DataFrame({
            "form": di.label, "part of": blank(di.parent_form.map(label)), "definition": di.definition,
            "period": di.era.map(period_words), "source": di.cite_key.map(cite)}),
            caption="Direct and indirect forms, and the authors' active/passive split of indirect forms "
                    "(data/activity_forms.csv; 'period' is filled where the chapter places the form in time).")

    def examples_table(self):
        forms = self.forms
        label = forms.set_index("form_id").label
        ex = forms[forms.row_type == "example"]
        return md_table(pd.DataFrame({
            "example": ex.label, "illustrates": ex.parent_form.map(label),
            "number given": [("" if pd.isna(v) else str(v)) for v in ex.value],
            "period": ex.era.map(period_words), "source": ex.cite_key.map(cite)}),
            caption="The examples the chapter gives for the forms (data/activity_forms.csv).")

    def forms_figure(self) -> Figure:
        fig = forms_charts.forms_tree(self.forms, PERIOD_COLOURS, SOURCE)
        return Figure(fig, "fig-activity-forms",
                      self.forms[["form_id", "typology", "parent_form", "label", "value", "row_type", "era"]],
                      alt="A tree of the forms of regions' international activity under two typologies, Makarychev's "
                          "by geographic reach and the direct/indirect one, with the examples the chapter gives.",
                      caption="**Forms of Russian regions' international activity: two typologies.** Box borders mark "
                              "forms the chapter places in the 1990s or after 2000. Pietrasiak and Słowikowski (2018), "
                              "section 4.5, after Makarychev (1999).")

    # --- conditions --------------------------------------------------------------------------------------------------
    def categories_table(self):
        cats = self.categories
        return md_table(pd.DataFrame({"criterion": ["structural / processual"] * 2 + ["internal / external"] * 2,
                                      "category": cats.label.values, "description": cats.description.values,
                                      "source": cats.cite_key.map(cite).values}),
                        caption="The two criteria and their four categories (data/activity_conditions.csv).")

    def conditions_table(self):
        conds = self.conds
        shown = conds.assign(_o=conds.era.map(CONDITION_ORDER)).sort_values("_o", kind="stable")
        return md_table(pd.DataFrame({
            "condition": shown.label, "period": shown.era.map(period_words),
            "structural / processual": blank(shown.structural_processual),
            "internal / external": blank(shown.internal_external), "effect": shown.role.map(ROLE),
            "regions named": blank(shown.examples), "source": shown.cite_key.map(cite)}),
            caption="Conditions of regional international activity by period, with their class on each criterion where "
                    "the chapter states one (blank: not stated) and their effect (data/activity_conditions.csv).")

    def classification(self) -> tuple[str, object]:
        """A line counting how the conditions are classified, and the table by period and criterion."""
        conds, n = self.conds, classification_counts(self.conds)
        line = (f"{len(conds)} conditions: classified on both criteria {n['both']}, on one only {n['one']}, "
                f"on neither {n['neither']}")
        tab = pd.crosstab(conds.era.map(period_words), conds.internal_external.fillna("not stated"))
        tab = tab.reindex([period_words(p) for p in CONDITION_ORDER if period_words(p) in tab.index])
        return line, md_table(tab.rename_axis("period").reset_index(), caption="Conditions by period and by the "
                              "internal/external criterion (counts of rows of data/activity_conditions.csv, categories "
                              "excluded).")

    def classification_verdict(self) -> Markdown:
        """Whether most conditions are classified on one criterion only, and whether some are on neither."""
        n = classification_counts(self.conds)
        one = "most" if n["one"] > len(self.conds) / 2 else "some"
        neither = {0: "none"}.get(n["neither"], "some")
        return Markdown(f"{one} conditions are classified on one criterion only, and {neither} on neither")

    def conditions_figure(self) -> Figure:
        periods = {p: period_words(p) for p in CONDITION_ORDER}
        fig = forms_charts.conditions_grid(self.conds, CONDITION_ORDER, ROLE, periods, SOURCE)
        return Figure(fig, "fig-activity-conditions",
                      self.conds[["condition_id", "era", "internal_external", "structural_processual", "role", "label"]],
                      alt="A grid of the conditions of regions' international activity, by period (columns) and internal "
                          "or external criterion (rows), each coloured by its effect on regional activity.",
                      caption="**Conditions of regional international activity by period and criterion.** Text colour: "
                              "effect on regional activity; [S] structural, [P] processual. Pietrasiak and Słowikowski "
                              "(2018), sections 4.6, 4.7, 4.18.")

    # --- Turovskiy, Dem'yanenko, strategic culture, borders ----------------------------------------------------
    def turovskiy_table(self):
        t = self.turovskiy
        return md_table(pd.DataFrame({
            "model": t.label,
            "dominant in Russia": t.dominant_in_russia.map({True: "yes", False: "no"}),
            "characterisation in the chapter": t.description.astype("object").where(t.description.notna(),
                                                                                   "— (named, not defined)"),
            "source": t.cite_key.map(cite)}),
            caption="Turovskiy's models of regional international activity (data/turovskiy_models.csv).")

    def factors_table(self):
        g = self.factors.sort_values(["group_rank", "factor_order"])
        g = g.assign(factor=[f + (f" ({c.replace(';', ',')})" if pd.notna(c) else "")
                             for f, c in zip(g.factor_as_printed, g.categories)])
        summary = (g.groupby(["group_rank", "group_id"], sort=True)
                   .agg(factors=("factor", "; ".join), n=("factor", "size"), key=("cite_key", "first")).reset_index())
        return md_table(pd.DataFrame({"group": summary.group_rank.astype(str) + ". "
                                      + summary.group_id.str.replace("_", "-"),
                                      "number of factors": summary.n, "factors as printed": summary.factors,
                                      "source": summary.key.map(cite)}),
                        caption="Dem'yanenko's groups of factors of regional internationalisation "
                                "(data/internationalization_factors.csv).")

    def culture_tables(self) -> list:
        culture = self.culture
        topic = culture.topic.map(lambda t: TOPIC.get(t, pretty(t)))
        c = culture.assign(_o=culture.era.map(CULTURE_ORDER), topic_shown=topic).sort_values("_o", kind="stable")
        views = md_table(pd.DataFrame({"period": c.era.map(period_words), "actor": c.actor.map(lambda a: ACTOR.get(a, pretty(a))),
                                       "topic": c.topic_shown, "view": c.view, "source": c.cite_key.map(cite)}),
                         caption="Views of the federal elites on regional international activity and its context, by "
                                 "period (data/strategic_culture.csv; 'both': the chapter presents the view as holding "
                                 "before and after 2000; 'not dated': 'later' or no time given).")
        tab = pd.crosstab(topic, culture.era.map(period_words))
        tab = tab[[period_words(p) for p in CULTURE_ORDER if period_words(p) in tab.columns]]
        return [views, md_table(tab.rename_axis("topic").reset_index(), caption="Views by topic and period (counts of "
                                "rows of data/strategic_culture.csv).")]

    def borders_table(self):
        b = self.borders
        return md_table(pd.DataFrame({"kind": b.kind.map(BORDER_KIND), "item": b.label,
                                      "role": b.dominance.map(pretty), "regions": blank(b.regions),
                                      "description": b.description, "source": b.cite_key.map(cite)}),
                        caption="Border functions, roles of particular borders and self-images of border regions "
                                "(data/border_functions.csv).")
