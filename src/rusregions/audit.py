"""Internal-consistency audit of an index table such as Table 4.1.

Three checks, each of which a correct table passes:

1. totals: each printed total equals the sum of its printed components within rounding;
2. scale: each component column is scaled so that its leader scores 100;
3. populations: an overall score and its per-capita twin differ only by the region's
   population and a per-indicator scale, so log(overall / per_capita) =
   log(population_r) + c_k. A robust fit (statsmodels RLM, Tukey biweight, so a bad
   cell cannot drag the rest) gives each region's implied population; a cell is
   inconsistent when the fit gives it no weight (an outlier beyond 4.685 robust
   scales) AND rounding the printed figures (each exact to +-0.05) cannot explain it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm

COMPONENTS = ["students", "fdi", "goods_trade", "tourists"]
HALF_UNIT = 0.05  # printed to one decimal
REJECTED = 0.01  # Tukey weight below which the robust fit has discarded a cell
FINDING_COLUMNS = ["table", "region", "indicator", "published_value", "expected_value", "reason"]


def wide(table: pd.DataFrame) -> pd.DataFrame:
    """Region x (indicator, measure) matrix of published scores."""
    return table.pivot_table(index="region_id", columns=["indicator", "measure"], values="value",
                             aggfunc="first", sort=False)


def check_totals(table: pd.DataFrame, name: str = "table_4_1") -> list[dict]:
    w = wide(table)
    out = []
    for measure in ("per_capita", "overall"):
        parts = w[[(c, measure) for c in COMPONENTS]].sum(axis=1)
        tol = HALF_UNIT * (len(COMPONENTS) + 1)
        for region, total in w[("total", measure)].items():
            if abs(total - parts[region]) > tol + 1e-9:
                out.append(dict(table=name, region=region, indicator=f"total_{measure}",
                                published_value=total, expected_value=round(parts[region], 2),
                                reason=f"total differs from the sum of its four components by "
                                       f"{total - parts[region]:+.2f} (rounding allows {tol:.2f})"))
    return out


def check_scale(table: pd.DataFrame, name: str = "table_4_1") -> list[dict]:
    w = wide(table)
    out = []
    for c in COMPONENTS:
        for measure in ("per_capita", "overall"):
            col = w[(c, measure)]
            if abs(col.max() - 100) > HALF_UNIT:
                out.append(dict(table=name, region=col.idxmax(), indicator=f"{c}_{measure}",
                                published_value=col.max(), expected_value=100.0,
                                reason="the leading region of a component should score 100"))
    return out


def fit_populations(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Robust two-way fit of log(overall/per_capita) = region effect + indicator effect.

    Returns the cells (with fitted expected overall values and residuals) and each
    region's implied population relative to the largest (= 1).
    """
    w = wide(table)
    rows = []
    for region in w.index:
        for c in COMPONENTS:
            pc, ov = w.loc[region, (c, "per_capita")], w.loc[region, (c, "overall")]
            rows.append(dict(region_id=region, indicator=c, per_capita=pc, overall=ov))
    cells = pd.DataFrame(rows)
    usable = (cells.per_capita > 0) & (cells.overall > 0)  # log needs both; zeros carry no ratio
    fit_cells = cells[usable].copy()
    fit_cells["log_ratio"] = np.log(fit_cells.overall / fit_cells.per_capita)
    X = pd.get_dummies(fit_cells[["region_id", "indicator"]], drop_first=True, dtype=float)
    X = sm.add_constant(X)
    model = sm.RLM(fit_cells["log_ratio"], X, M=sm.robust.norms.TukeyBiweight()).fit()
    fit_cells["fitted_log_ratio"] = model.fittedvalues
    fit_cells["residual"] = model.resid
    fit_cells["weight"] = model.weights
    fit_cells["expected_overall"] = fit_cells.per_capita * np.exp(fit_cells.fitted_log_ratio)
    regions = list(w.index)
    # The region whose dummy was dropped is the baseline, with effect 0.
    effects = {r: model.params.get(f"region_id_{r}", 0.0) for r in regions}
    pops = pd.Series({r: np.exp(e) for r, e in effects.items()})
    pops = pops / pops.max()
    pops.name = "implied_relative_population"
    out = cells.merge(fit_cells[["region_id", "indicator", "fitted_log_ratio", "residual", "weight",
                                 "expected_overall"]], on=["region_id", "indicator"], how="left")
    return out, pops


def _reachable(pc: float, ov: float, ratio: float) -> bool:
    """Can the printed pair (pc, ov) come from true values with ov/pc == ratio?"""
    lo_pc, hi_pc = max(pc - HALF_UNIT, 0.0), pc + HALF_UNIT
    lo_ov, hi_ov = max(ov - HALF_UNIT, 0.0), ov + HALF_UNIT
    return lo_pc * ratio <= hi_ov and hi_pc * ratio >= lo_ov


def check_populations(table: pd.DataFrame, name: str = "table_4_1") -> list[dict]:
    cells, _ = fit_populations(table)
    out = []
    for r in cells.dropna(subset=["fitted_log_ratio"]).itertuples():
        ratio = float(np.exp(r.fitted_log_ratio))
        if r.weight < REJECTED and not _reachable(r.per_capita, r.overall, ratio):
            factor = r.overall / r.expected_overall
            out.append(dict(table=name, region=r.region_id, indicator=f"{r.indicator}_overall",
                            published_value=r.overall, expected_value=round(r.expected_overall, 1),
                            reason=f"overall score is {factor:.2f} times what the region's implied population "
                                   f"and the per-capita score {r.per_capita} give; rounding cannot explain it"))
    return out


def audit(table: pd.DataFrame, name: str = "table_4_1") -> pd.DataFrame:
    """Every inconsistency found, one row each (empty frame: none)."""
    findings = check_totals(table, name) + check_scale(table, name) + check_populations(table, name)
    return pd.DataFrame(findings, columns=FINDING_COLUMNS)
