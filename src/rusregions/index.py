"""Index maths for Table 4.1: totals, ranks and how stable the ranks are."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .audit import COMPONENTS, wide


def components(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Region x component scores for one measure (per_capita or overall)."""
    w = wide(table)
    out = w[[(c, measure) for c in COMPONENTS]]
    out.columns = COMPONENTS
    return out


def totals(table: pd.DataFrame) -> pd.DataFrame:
    """Published totals beside the totals recomputed from the four components."""
    w = wide(table)
    rows = []
    for measure in ("per_capita", "overall"):
        recomputed = components(table, measure).sum(axis=1)
        for region in w.index:
            published = w.loc[region, ("total", measure)]
            rows.append(dict(region_id=region, measure=measure, published=published,
                             recomputed=round(recomputed[region], 2),
                             difference=round(published - recomputed[region], 2) + 0.0))  # no "-0.0"
    return pd.DataFrame(rows)


def rank(scores: pd.Series) -> pd.Series:
    """1 = most internationalized; ties share the better rank."""
    return scores.rank(ascending=False, method="min").astype(int)


def aggregations(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Scores of each region under alternative, equally defensible aggregations.

    sum: the published method (sum of the four scaled components);
    mean_rank: equal weight to each component's rank (lower is better, so negated);
    geometric: geometric mean of (score + 1), which punishes a weak component;
    drop_<c>: the sum without component c.
    """
    comp = components(table, measure)
    out = pd.DataFrame(index=comp.index)
    out["sum"] = comp.sum(axis=1)
    out["mean_rank"] = -comp.rank(ascending=False, method="average").mean(axis=1)
    out["geometric"] = np.exp(np.log(comp + 1).mean(axis=1)) - 1
    for c in COMPONENTS:
        out[f"drop_{c}"] = comp.drop(columns=c).sum(axis=1)
    return out


def rank_table(table: pd.DataFrame) -> pd.DataFrame:
    """Ranks of every region under every aggregation, for both measures."""
    frames = []
    for measure in ("per_capita", "overall"):
        agg = aggregations(table, measure).apply(rank)
        agg.columns = [f"{measure}:{c}" for c in agg.columns]
        frames.append(agg)
    return pd.concat(frames, axis=1)


def rank_correlations(table: pd.DataFrame, method: str = "spearman") -> pd.Series:
    """Correlation of each scheme's ranks with the published per-capita ranking."""
    ranks = rank_table(table)
    base = ranks["per_capita:sum"]
    return ranks.corrwith(base, method=method).drop("per_capita:sum").rename(f"{method} vs published per capita")
