"""Where the evidence lies in time: every data row placed in the periods its years touch (synthesis chapter)."""
from __future__ import annotations

import pandas as pd

from . import data

YEAR_COLS = ["year", "year_inferred", "period_start", "period_end", "start_year", "end_year"]
UNDATED = "undated"


def row_bins(years: list[int], bins: list[tuple]) -> list[str]:
    """Names of the bins (name, first year or None, last year or None) that the span of `years` touches."""
    if not years:
        return [UNDATED]
    lo, hi = min(years), max(years)
    return [name for name, a, b in bins if (a is None or hi >= a) and (b is None or lo <= b)]


def source_frames() -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every resource whose rows come from a source (column source_id), and the names of the others."""
    frames = {name: data.load(name) for name in data.resource_names()}
    # Left out: the report's own tables (no source_id), the codelists and the claims ledger (it records the prose).
    own = sorted(n for n, df in frames.items() if "source_id" not in df.columns
                 or df.attrs["resource"]["path"].startswith("codelists/") or n == "claims")
    return {n: df for n, df in frames.items() if n not in own}, own


def rows_by_bin(frames: dict[str, pd.DataFrame], bins: list[tuple]) -> pd.DataFrame:
    """One record per data row and bin it falls in: resource, source_id, bin, row id, last year (or None)."""
    records = []
    for name, df in frames.items():
        cols = [c for c in YEAR_COLS if c in df.columns]
        for _, r in df.iterrows():
            years = [int(r[c]) for c in cols if pd.notna(r[c])]
            for b in row_bins(years, bins):
                records.append({"resource": name, "source_id": r["source_id"], "bin": b, "id": str(r.iloc[0]),
                                "last": max(years) if years else None})
    return pd.DataFrame(records)
