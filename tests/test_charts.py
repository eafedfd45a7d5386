"""Chapter figures drawn from the real data: what they plot is what they return for the CSV."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rusregions import data, fareast  # noqa: E402
from rusregions.present import agreement_charts, case_study_charts, far_east_charts  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_district_bars_highlight_the_far_east_and_hatch_the_caveats():
    d = data.load("agreements_by_federal_district").sort_values("rank")
    fig, ax = plt.subplots()
    bars = agreement_charts.district_bars(ax, d)
    fe = list(d.region_id).index(agreement_charts.FE_DISTRICT)
    assert matplotlib.colors.to_hex(bars[fe].get_facecolor()) == agreement_charts.FE_COLOUR.lower()
    assert [b.get_hatch() == ".." for b in bars] == list(d.caveat.notna())
    assert [t.get_text() for t in ax.texts] == [f"{v:g}" for v in d.value]


def test_partner_shares_returns_exactly_the_plotted_shares():
    tp = data.load("trade_partners")
    sk = tp[(tp.region_id == "sakhalin_oblast") & (tp.flow == "total_trade")]
    shares = sk.pivot(index="flow", columns="partner", values="share_percent")
    fig, plotted = case_study_charts.partner_shares(shares, {"total_trade": "all trade"})
    assert sorted(plotted.share_percent) == sorted(sk.share_percent)
    assert set(plotted.columns) == {"flow", "partner", "share_percent"}


def test_policy_timeline_draws_one_row_per_dated_programme():
    tl = fareast.timeline_items(data.load("federal_programmes"), {})
    fig, plotted = far_east_charts.policy_timeline(tl)
    assert len(fig.axes[0].get_yticklabels()) == len(tl) == len(plotted)
    assert list(plotted.label) == list(tl.label)


def test_a_tie_kind_colour_exists_for_every_kind_of_programme_on_the_timeline():
    tl = fareast.timeline_items(data.load("federal_programmes"), {})
    assert set(tl.kind) <= set(far_east_charts.KIND_COLOUR)


def test_reserves_figure_keeps_the_published_values():
    cs = data.load("case_study_indicators")
    res = cs[(cs.region_id == "khabarovsk_krai") & cs.indicator.str.startswith("share_of_russian_reserves_")]
    res = res.assign(metal=res.indicator.str.replace("share_of_russian_reserves_", "")).sort_values("value")
    fig, plotted = case_study_charts.reserves(res)
    pd.testing.assert_series_equal(plotted.share_of_russian_reserves_percent.reset_index(drop=True),
                                   res.value.reset_index(drop=True), check_names=False)
