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


# Display names of the components, as the chapters and profiles head their columns, and the word for one in a
# sentence ("the overall student score").
COMPONENT_LABELS = {"students": "Students", "fdi": "FDI", "goods_trade": "Goods (E+I)", "tourists": "Tourists"}
COMPONENT_NOUNS = {"students": "student", "fdi": "FDI", "goods_trade": "goods trade", "tourists": "tourist"}


def total_ranks(table: pd.DataFrame) -> pd.DataFrame:
    """Each region's rank by its recomputed per-capita and overall total (1 = most internationalized)."""
    return pd.DataFrame({m: rank(components(table, m).sum(axis=1)) for m in ("per_capita", "overall")})


def ends(ranks: pd.Series, claim: str, k: int) -> set:
    """The k regions at the top (claim 'most_internationalized') or the bottom (any other claim) of a ranking."""
    if claim == "most_internationalized":
        return set(ranks[ranks <= k].index)
    return set(ranks[ranks > len(ranks) - k].index)


def claim_check(table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """For each claim of data/index_claims.csv and each total: the regions named and whether they are exactly
    the top (or bottom) of the recomputed ranking."""
    ranks = total_ranks(table)
    rows = []
    for claim, group in claims.groupby("claim"):
        named = set(group.region_id)
        for measure in ranks:
            rows.append({"claim": claim, "measure": measure, "named": named,
                         "confirmed": ends(ranks[measure], claim, len(named)) == named})
    return pd.DataFrame(rows)


def claims_kept(table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Under each alternative aggregation (columns of `rank_table`), whether each claim's regions are still
    exactly its top (or bottom) group. Rows: claims; columns: schemes; values: bool."""
    rt = rank_table(table)
    return pd.DataFrame({claim: {scheme: ends(rt[scheme], claim, len(g)) == set(g.region_id) for scheme in rt}
                         for claim, g in claims.groupby("claim")}).T
