"""Index maths and the audit, on crafted tables whose answers are known."""
import numpy as np
import pandas as pd
import pytest

from rusregions import audit, index

POP = {"a": 2000, "b": 1500, "c": 900, "d": 600, "e": 300, "f": 120}
RAW_PER_CAPITA = {  # raw per-capita intensities of four components
    "students": [5, 9, 2, 7, 1, 4], "fdi": [30, 10, 45, 5, 12, 8],
    "goods_trade": [11, 3, 8, 14, 6, 2], "tourists": [2, 6, 4, 9, 3, 7],
}


def crafted(overrides=None):
    """A table built exactly as Table 4.1 is: per-capita and overall scores, each scaled to leader = 100."""
    regions = list(POP)
    rows = []
    for k, pc in RAW_PER_CAPITA.items():
        pc = np.array(pc, float)
        ov = pc * np.array([POP[r] for r in regions])
        for measure, raw in (("per_capita", pc), ("overall", ov)):
            scaled = np.round(raw / raw.max() * 100, 1)
            rows += [dict(region_id=r, indicator=k, measure=measure, value=v) for r, v in zip(regions, scaled)]
    t = pd.DataFrame(rows)
    for (r, k, m), v in (overrides or {}).items():
        t.loc[(t.region_id == r) & (t.indicator == k) & (t.measure == m), "value"] = v
    totals = t.groupby(["region_id", "measure"], sort=False)["value"].sum().round(1).reset_index()
    totals["indicator"] = "total"
    return pd.concat([t, totals], ignore_index=True)


def test_a_consistent_table_has_no_findings():
    assert audit.audit(crafted()).empty


def test_the_fit_recovers_relative_populations():
    _, pops = audit.fit_populations(crafted())
    expected = pd.Series(POP, dtype=float) / max(POP.values())
    assert np.allclose(pops[expected.index], expected, rtol=0.03)


def test_one_bad_cell_is_named_with_its_size_and_does_not_distort_the_rest():
    good = crafted()
    true = good[(good.region_id == "c") & (good.indicator == "fdi") & (good.measure == "overall")].value.item()
    bad = crafted({("c", "fdi", "overall"): round(true * 5, 1)})
    findings = audit.check_populations(bad)
    assert [(f["region"], f["indicator"]) for f in findings] == [("c", "fdi_overall")]
    assert findings[0]["expected_value"] == pytest.approx(true, rel=0.05)
    _, pops = audit.fit_populations(bad)
    assert pops["c"] == pytest.approx(POP["c"] / 2000, rel=0.05)


def test_a_total_that_does_not_add_up_is_reported():
    t = crafted()
    t.loc[(t.region_id == "e") & (t.indicator == "total") & (t.measure == "overall"), "value"] += 3
    findings = audit.check_totals(t)
    assert [(f["region"], f["indicator"]) for f in findings] == [("e", "total_overall")]
    assert "by +3.00" in findings[0]["reason"]


def test_rounding_alone_is_not_reported():
    t = crafted()
    t.loc[(t.region_id == "a") & (t.indicator == "total") & (t.measure == "per_capita"), "value"] += 0.2
    assert audit.check_totals(t) == []


def test_a_component_whose_leader_is_not_100_is_reported():
    t = crafted()
    t.loc[(t.indicator == "tourists") & (t.measure == "overall"), "value"] *= 0.9
    assert [f["indicator"] for f in audit.check_scale(t)] == ["tourists_overall"]


def test_ranks_totals_and_aggregations():
    t = crafted()
    tot = index.totals(t)
    assert tot.difference.abs().max() <= 0.1
    r = index.rank(pd.Series({"x": 10.0, "y": 30.0, "z": 30.0}))
    assert r.to_dict() == {"x": 3, "y": 1, "z": 1}
    agg = index.aggregations(t, "per_capita")
    comp = index.components(t, "per_capita")
    assert agg["sum"].equals(comp.sum(axis=1))
    assert np.allclose(agg["drop_fdi"], comp.drop(columns="fdi").sum(axis=1))
    assert np.allclose(agg["geometric"], np.exp(np.log(comp + 1).mean(axis=1)) - 1)
    corr = index.rank_correlations(t)
    assert corr["per_capita:geometric"] <= 1 and "per_capita:sum" not in corr
