"""The chapter on Sergounin's 1999 memo (source 001): dark side and promises, levels of cooperation, the programmes
and sums of the 1990s, the memo's other figures, and its national total beside the per-region figures of 002.

`Memo()` loads the resources; each method returns what one cell shows (a sentence to print, a table, Markdown, or a
list of items for `present.figures.show_all`).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
from IPython.display import Markdown

from . import codelists, data
from .present import agreement_charts
from .present.figures import Figure
from .present.format import definitions, money, more_than, pretty
from .tables import md_table

SOURCE = "Sergounin (1999)"


def org_short(label: str) -> str:
    """An organisation without its parenthesis ('Nordic Investment Bank (facility …)' -> 'Nordic Investment Bank'),
    except Interreg programmes, which the parenthesis names ('European Union (Interreg Barents)' -> 'EU Interreg
    Barents')."""
    inner = re.search(r"\((.*)\)$", label)
    if inner and "Interreg" in inner.group(1):
        return "EU " + inner.group(1)
    return re.sub(r" \(.*\)$", "", label)


def fact_period(r) -> str:
    """The years of a fact as the table prints them: '1991–1995', '1998', '1998 (by context)' or ''."""
    if pd.notna(r.period_start):
        return f"{int(r.period_start)}–{int(r.period_end)}"
    if pd.isna(r.year):
        return ""
    return f"{int(r.year)} (by context)" if "by context" in str(r.note) else str(int(r.year))


def fact_figure(r) -> str:
    """The figure of a fact in words: 'more than 300', '56 percent', or ''."""
    if pd.isna(r.value):
        return ""
    return f"{more_than(r.qualifier)}{r.value:g} {'percent' if str(r.unit) == 'percent' else ''}".strip()


class Memo:
    def __init__(self):
        self.promises, self.levels, self.facts, self.by_type, self.by_district = (data.load(n) for n in (
            "regionalism_promises", "regionalism_levels", "bright_side_facts", "agreements_by_region_type",
            "agreements_by_federal_district"))
        self.dark = self.promises[self.promises.kind == "dark_side"].sort_values("number")
        self.good = self.promises[self.promises.kind == "promise"].sort_values("number")
        self.prog = self._programmes()
        self.with_sum = self.prog[self.prog.amount.notna()]
        bt = self.by_type.copy()
        bt["value_used"] = bt.value_corrected.fillna(bt.value)
        bt["unit_used"] = bt.unit_corrected.fillna(bt.unit)
        self.bt = bt

    # --- dark side and promises ---------------------------------------------------------------------------------
    def promise_count(self) -> str:
        return f"{len(self.dark)} negative consequences conceded, {len(self.good)} promises argued"

    def dark_side(self) -> Markdown:
        return Markdown("\n".join(["**The dark side (as the memo lists it)**", ""]
                                  + [f"{n}. {s}" for n, s in zip(self.dark.number, self.dark.summary)]))

    def promise_items(self) -> list:
        good = self.good
        table = md_table(pd.DataFrame({
            "No.": good.number.astype(int).to_numpy(), "Promise": [pretty(x) for x in good.label],
            "Examples named": [len(str(e).split("; ")) if pd.notna(e) else 0 for e in good.examples]}),
            caption="Sergounin's six promises of regionalism and the number of examples the memo gives for each "
                    "(data/regionalism_promises.csv).")
        lines = []
        for r in good.itertuples():
            lines += [f"Promise {int(r.number)}: {pretty(r.label)}", f": {r.summary}", ""]
        return [table, Markdown("\n".join(lines))]

    # --- levels of cooperation ----------------------------------------------------------------------------------
    def level_summary(self) -> pd.DataFrame:
        """One row per level and kind of example, with the examples and their count, kinds in the data's order."""
        order = list(self.levels.subtype.unique())
        summary = (self.levels.groupby(["level_number", "level_label", "subtype"], sort=False)
                   .agg(examples=("example_label", lambda s: "; ".join(s)), n=("example_id", "size")).reset_index())
        summary["subtype"] = pd.Categorical(summary.subtype, categories=order, ordered=True)
        return summary.sort_values(["level_number", "subtype"])

    def examples_per_level(self) -> str:
        counts = self.level_summary().groupby("level_number").n.sum()
        return "examples per level: " + ", ".join(f"level {k}: {v}" for k, v in counts.items())

    def level_items(self) -> list:
        summary = self.level_summary()
        table = md_table(pd.DataFrame({"Level": summary.level_number.astype(int).to_numpy(),
                                       "Kind of example": [pretty(s) for s in summary.subtype],
                                       "n": summary.n.to_numpy()}),
                         caption="Examples the memo gives for each level of regional cooperation "
                                 "(data/regionalism_levels.csv).")
        lines = []
        for (number, label), grp in summary.groupby(["level_number", "level_label"], sort=True):
            lines += [f"**Level {int(number)}: {label}**", ""]
            lines += [f"- *{pretty(r.subtype)}*: {r.examples}" for r in grp.itertuples()] + [""]
        fig, plotted = agreement_charts.levels_of_cooperation(summary, SOURCE)
        return [table, Markdown("\n".join(lines)), Figure(
            fig, "fig-regionalism-levels", plotted,
            alt="Stacked horizontal bars of the number of examples Sergounin names at each of his three levels of "
                "regional cooperation, by kind of example.",
            caption="**Sergounin's three levels of regional cooperation.** Examples named in the memo (count). "
                    "Sergounin (1999), 'Levels of Regionalism'.")]

    def level_remarks(self):
        lv = self.levels
        notes = lv[lv.note.notna() & lv.note.str.contains("Federal|province|Printed", regex=True)]
        return md_table(pd.DataFrame({"Example": notes.example_label.to_numpy(),
                                      "Note in the data": notes.note.to_numpy()}),
                        caption="Source remarks recorded with the examples (data/regionalism_levels.csv, column note).")

    # --- programmes and sums ------------------------------------------------------------------------------------
    @staticmethod
    def _programmes() -> pd.DataFrame:
        prog = data.load("cooperation_programmes_1990s")
        prog["sum"] = [money(a, u).replace("%", " percent") for a, u in zip(prog.amount, prog.unit)]
        prog["when"] = [("" if pd.isna(y) else (f"{int(y)}-{int(m):02d}" if pd.notna(m) else str(int(y))))
                        for y, m in zip(prog.year, prog.month)]
        prog["remark"] = ""
        prog.loc[prog.equivalent_of.notna(), "remark"] = "same pledge as the NOK row; not additional"
        prog.loc[prog.instrument == "unspecified", "remark"] = "the memo omits the instrument"
        prog.loc[(prog.instrument == "capitalization") & prog.year.isna(), "remark"] = "not dated in the memo"
        return prog

    def programme_count(self) -> str:
        ws = self.with_sum
        return (f"{len(self.prog)} items named; {len(ws)} with a sum ({(ws.unit.str.startswith('ecu')).sum()} in ECU, "
                f"{(ws.unit == 'nok_million').sum()} in NOK, {(ws.unit == 'percent').sum()} a percentage)")

    def programme_table(self):
        prog = self.prog
        return md_table(pd.DataFrame({"Organisation": [org_short(x) for x in prog.organisation_label],
                                      "Item": [pretty(i) for i in prog.instrument], "Year": prog.when.to_numpy(),
                                      "Sum as printed": prog["sum"].to_numpy(), "Remark": prog.remark.to_numpy()}),
                        caption="Cooperation programmes, institutions and sums named by Sergounin (1999), in the "
                                "memo's order (data/cooperation_programmes_1990s.csv). Empty cells: the memo gives no "
                                "year or sum.")

    def sum_purposes(self) -> Markdown:
        ws = self.with_sum
        restated = ws[ws.equivalent_of.notna()].set_index("equivalent_of")["sum"]
        items = []
        for r in ws[ws.equivalent_of.isna()].itertuples():
            who = f" Recipient: {r.recipient}." if pd.notna(r.recipient) else " No recipient is named."
            also = (f" The memo adds the equivalent '{restated[r.item_id]}' in parentheses."
                    if r.item_id in restated else "")
            items.append((f"{r.sum} ({r.organisation_label}, {pretty(r.instrument)})", f"{r.purpose}.{who}{also}"))
        return Markdown(definitions(items))

    def ecu_sums(self) -> pd.DataFrame:
        """The sums in ECU, in ECU million, with their bar labels, smallest first."""
        ws = self.with_sum
        ecu = ws[ws.unit.str.startswith("ecu")].copy()
        ecu["ecu_million"] = np.where(ecu.unit == "ecu_thousand", ecu.amount / 1000, ecu.amount)
        # Bar labels are the rows' short_label (data); a new ECU row without one fails here, not drawn unnamed.
        missing = ecu.item_id[ecu.short_label.isna()]
        if not missing.empty:
            raise ValueError("sums in ECU with no short_label in cooperation_programmes_1990s.csv: "
                             f"{sorted(missing)}")
        ecu["label"] = ecu.short_label
        return ecu.sort_values("ecu_million")

    def sums_figure(self) -> Figure:
        ecu = self.ecu_sums()
        nok = self.prog.set_index("item_id").loc[ecu.loc[ecu.equivalent_of.notna(), "equivalent_of"]]
        fig, plotted = agreement_charts.programme_sums(ecu, nok["sum"].iloc[0], SOURCE)
        return Figure(fig, "fig-programme-sums", plotted,
                      alt="Horizontal bars on a log scale of the sums in ECU named in the memo for cooperation "
                          "programmes and funds, coloured by instrument.",
                      caption="**Sums named in the memo, in ECU as printed.** ECU million on a log scale; ECU 245 "
                              "thousand is drawn as 0.245 ECU million; no currency is converted. Sergounin (1999), "
                              "'Levels of Regionalism'.")

    def matching_rule(self) -> str:
        rule = self.prog[self.prog.instrument == "rule"].iloc[0]
        return f"Interreg matching-funds rule: partners provide {rule.amount:g} {rule.unit} ({rule.recipient})"

    # --- other figures ------------------------------------------------------------------------------------------
    def fact_items(self) -> list:
        facts = self.facts
        table = md_table(pd.DataFrame({
            "No.": range(1, len(facts) + 1), "Kind": facts.kind.to_numpy(), "Topic": [pretty(t) for t in facts.topic],
            "Region": list(facts.region_id.map(codelists.region_names()).fillna("")),
            "Partner": [pretty(t).replace(";", ",") for t in facts.partner.fillna("")],
            "When": [fact_period(r) for r in facts.itertuples()],
            "Figure": [fact_figure(r) for r in facts.itertuples()]}),
            caption="Other figures and dated events in Sergounin (1999) (data/bright_side_facts.csv); what each row "
                    "says is listed below.")
        flagged = facts[facts.note.notna() & facts.note.str.contains("base|Ambiguous", regex=True)]
        return [table, Markdown("\n".join(f"{i}. {d}" for i, d in enumerate(facts.description, start=1))),
                Markdown(definitions(zip(flagged.description, flagged.note)))]

    # --- the national total and the per-region figures ----------------------------------------------------------
    def by_type_items(self) -> list:
        bt = self.bt
        table = md_table(pd.DataFrame({
            "Group": bt.label_as_printed.to_numpy(),
            "Statistic printed": bt.statistic_as_printed.fillna("(none)").to_numpy(),
            "Published": [f"{v:g} ({pretty(u)})" for v, u in zip(bt.value, bt.unit)],
            "Corrected": [("" if pd.isna(v) else f"{v:g} ({pretty(u)})")
                          for v, u in zip(bt.value_corrected, bt.unit_corrected)]}),
            caption="Agreements by type of federal subject as published and as corrected "
                    "(data/agreements_by_region_type.csv). The figure uses the corrected unit.")
        err = bt[bt.erratum.notna()]
        total = self.facts.set_index("fact_id").loc["regional_foreign_agreements_1991_95"]
        fig, plotted = agreement_charts.national_and_per_region(total, bt, self.by_district.sort_values("rank"))
        errata = Markdown(definitions((f"Erratum ({r.label_as_printed})", r.erratum) for r in err.itertuples()))
        return [table, errata, Figure(
            fig, "fig-agreements-three-measures", plotted,
            alt="Three bar panels on separate axes: Sergounin's national total of agreements, and Reisinger and Yoo's "
                "agreements per region by type of subject and by federal district.",
            caption="**A national total and per-region figures: different measures, separate axes.** Left: Sergounin "
                    "(1999); middle and right: Reisinger and Yoo (2012, 15) as reported by Pietrasiak and Słowikowski "
                    "(2018).")]

    def district_summary(self) -> str:
        d = self.by_district
        fe = d.set_index("region_id").loc["far_eastern_federal_district"]
        top = d.sort_values("rank").iloc[0]
        return (f"Highest district figure reported (no statistic printed): {top.label_as_printed} {top.value:g}; "
                f"Far East: {fe.value:g} (rank {int(fe['rank'])} of {len(d)} districts reported)\n"
                f"Districts reported: {len(d)}; groups by type of subject: {len(self.by_type)}")

