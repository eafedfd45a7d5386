"""Analysis for the case-study chapter (section 4.13): the regions' indicators as printed, and a log of checks.

`Indicators` wraps data/case_study_indicators.csv: values by row, their printed decimals, and tables that
remember which rows they have shown, so `not_shown` can list every row no table took (a new data row then
appears in the chapter instead of silently dropping out). `CheckLog` collects every share and sum check of the
chapter (rules in `checks`) for the summary table and the verdict sentence under it.
"""
from __future__ import annotations

import pandas as pd

from . import checks, data
from .present.format import num, quantity, when
from . import interactive
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
    from .present.format import country
    m = m.assign(_k=(m > 0).sum(axis=1), _n=m.index.map(country)).sort_values(["_k", "_n"], ascending=[False, True])
    return m.drop(columns=["_k", "_n"])


def trade_by_partner(share: pd.DataFrame, ex: pd.Series, im: pd.Series, exports: float, imports: float,
                     total: float) -> pd.DataFrame:
    """Exports, imports, balance and shares by partner (rows of `share`, indexed by partner, with the data row
    number in `row`), plus 'all others' = the totals minus the partners listed."""
    from .present.format import country
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
