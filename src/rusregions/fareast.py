"""Selections for the Far East chapter (sections 4.12–4.17): indicator rows, tables, and the policy timeline."""
from __future__ import annotations

import pandas as pd

from .present.format import quantity, when
from . import codelists, interactive

FE = "far_eastern_federal_district"
HISTORY = ("historical_event", "historical_plan")


class Indicators:
    """data/far_east_indicators.csv by indicator and territory."""

    def __init__(self, ind: pd.DataFrame):
        self.ind = ind

    def rows(self, indicators: list[str], scope: str | None = FE) -> pd.DataFrame:
        """Rows of these indicators (for one territory, or all with scope=None), in the order given."""
        ind = self.ind
        sel = ind[ind.indicator.isin(indicators) & ((ind.region_id == scope) if scope else True)].copy()
        sel["order"] = sel.indicator.map({k: i for i, k in enumerate(indicators)})
        return sel.sort_values(["order", "period_start"], na_position="first")

    def value(self, indicator: str, scope: str = FE, year=None) -> float:
        """The one value of an indicator for a territory (and year); anything but one row is an error."""
        sel = self.ind[(self.ind.indicator == indicator) & (self.ind.region_id == scope)]
        if year is not None:
            sel = sel[sel.period_start == year]
        if len(sel) != 1:
            raise LookupError(f"far_east_indicators: {len(sel)} rows for {indicator!r}, {scope!r}, year {year}")
        return float(sel.value.iloc[0])

    @staticmethod
    def table(sel: pd.DataFrame, caption: str):
        return interactive.table(pd.DataFrame({
            "indicator": sel.label, "territory": sel.region_id.map(codelists.region_names()),
            "period": [when(r) for r in sel.itertuples()],
            "published": [quantity(r.value, r.unit, r.value_high, r.qualifier) for r in sel.itertuples()]}),
            caption=caption)


def timeline_items(prog: pd.DataFrame, short: dict[str, str]) -> pd.DataFrame:
    """One row per post-Soviet programme, strategy, institution or event the data date, earliest first.

    Every dated programme is taken (a new data row appears on the timeline); `short` gives display labels, the
    data's `name` serves where it has none. A programme is placed by its first row with a period, else by its
    first row with a year; `years` lists every year its rows give.
    """
    dated = prog[~prog.kind.isin(HISTORY)
                 & (prog.year.notna() | prog.period_start.notna() | prog.period_end.notna())]
    items = []
    for pid, g in dated.groupby("programme_id", sort=False):
        periods = g[g.period_start.notna() | g.period_end.notna()]
        r = (periods if not periods.empty else g).iloc[0]
        years = sorted(int(y) for y in g.year.dropna())
        items.append({"id": pid, "label": short.get(pid, r["name"]), "kind": r.kind,
                      "start": r.period_start if pd.notna(r.period_start) else (years[0] if years else pd.NA),
                      "end": r.period_end if pd.notna(r.period_end) else pd.NA, "years": years})
    tl = pd.DataFrame(items)
    tl["sort"] = tl.start.fillna(tl.end).astype(float)
    return tl.sort_values(["sort", "label"]).reset_index(drop=True)
