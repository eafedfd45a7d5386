"""The case-study helpers on the real data: tables remember what they show, checks are logged, ties counted."""
import pandas as pd
import pytest

from rusregions import casestudies, checks, data


def test_indicators_track_every_row_shown():
    ind = casestudies.Indicators()
    assert ind.v("sakhalin_oblast.gross_regional_product") == 647.8
    ind.table("sakhalin_oblast", ["forest_cover"], "caption")
    shown = set(ind.rows[(ind.rows.region_id == "sakhalin_oblast") & (ind.rows.indicator == "forest_cover")].id)
    assert shown and shown <= ind.shown
    assert "sakhalin_oblast.gross_regional_product" in ind.shown
    rest = ind.rest_table("the rest")
    assert rest is not None and ind.not_shown().empty  # after the rest table nothing is left out
    assert ind.rest_table("again") is None


def test_decimals_are_read_as_printed():
    ind = casestudies.Indicators()
    assert ind.dec("sakhalin_oblast.gross_regional_product") == 1  # printed 647.8


def test_check_log_counts_verdicts_and_failures():
    log = casestudies.CheckLog({"r": "Region"})
    log.share("r", "rounded", 10.0, 1, 10.04)
    log.share("r", "off", 10.0, 1, 12.0)
    log.sums("r", "complete", [50.0, 50.0], 1)
    log.sums("r", "partial", [40.0, 40.0], 1, complete=False)
    assert log.verdicts().to_dict() == {checks.CONSISTENT: 1, checks.ADDS_UP: 1, checks.PARTIAL: 1,
                                        checks.INCONSISTENT: 1}
    assert list(log.failed().check) == ["off"]
    assert log.summary() == "4 checks: 1 consistent; 1 adds up; 1 partial list; 1 inconsistent."
    assert log.rows[-1]["verdict"] == "partial list (leaves 20.00)"


def test_ties_reject_a_kind_with_no_column():
    dip, twins, partners = (data.load(n) for n in ("diplomatic_presence", "twin_cities", "regional_partners"))
    tp = data.load("trade_partners")
    m = casestudies.ties(dip, twins, partners, tp)
    assert list(m.columns) == casestudies.TIE_KINDS and (m.sum(axis=1) > 0).all()
    twins = twins.assign(city=twins.city.where(twins.index > 0, "magadan"))
    with pytest.raises(ValueError, match=r"kinds of tie with no column in the chart: \['Magadan: twin city'\]"):
        casestudies.ties(dip, twins, partners, tp)


def test_trade_by_partner_adds_the_rest():
    share = pd.DataFrame({"row": [0], "share_percent": [50.0]}, index=["china"])
    t = casestudies.trade_by_partner(share, pd.Series({"china": 30.0}), pd.Series({"china": 20.0}), 40.0, 60.0, 100.0)
    assert list(t.partner) == ["China", "all others (computed)"]
    assert t["exports (USD m)"].tolist() == [30.0, 10.0] and t["share recomputed (%)"].tolist() == [50.0, 50.0]
