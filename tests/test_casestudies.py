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


# --- the chapter's sections (casestudies.CaseStudies) on the real data ------------------------------------------

import csv  # noqa: E402

import matplotlib  # noqa: E402

matplotlib.use("Agg")

from conftest import ROOT  # noqa: E402


def _csv(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_sakhalin_industry_takes_every_share_row_of_the_data():
    sak, decimals = casestudies.CaseStudies().sakhalin_industry()
    assert list(sak.index) == ["2006", "now (year not stated)"]
    assert list(sak.columns) == ["extraction", "processing", "production and sale"]
    printed = {r["id"]: float(r["value"]) for r in _csv("case_study_indicators")}
    assert sak.loc["2006", "extraction"] == printed["sakhalin_oblast.extraction_share_of_industry.2006"] == 72.9
    assert sak.loc["now (year not stated)"].tolist() == [93.4, 4.3, 2.3]
    assert (decimals == 1).all().all()


def test_a_new_share_row_joins_the_breakdown_instead_of_dropping_out():
    case = casestudies.CaseStudies()
    rows = case.ind.rows
    new = rows[rows.id == "sakhalin_oblast.processing_share_of_industry.2006"].assign(
        id="sakhalin_oblast.other_share_of_industry.2006", indicator="other_share_of_industry", value=1.0)
    case.ind.rows = pd.concat([rows, new], ignore_index=True)
    sak, _ = case.sakhalin_industry()
    assert list(sak.columns) == ["extraction", "processing", "production and sale", "other"]
    assert sak.loc["2006", "other"] == 1.0 and pd.isna(sak.loc["now (year not stated)", "other"])


def test_a_flow_the_partners_chart_has_no_place_for_is_an_error():
    case = casestudies.CaseStudies()
    shares = case.partner_shares(case.sakhalin_flows())
    assert shares.index.tolist() == list(casestudies.FLOWS) and shares.columns.tolist() == ["japan", "south_korea", "china"]
    coal = {r["partner"]: float(r["value"]) for r in _csv("trade_partners")
            if r["region_id"] == "sakhalin_oblast" and r["flow"] == "coal_export"}
    assert shares.loc["coal_export", "china"] == pytest.approx(100 * coal["china"] / sum(coal.values()))
    case.tp.loc[case.tp.region_id == "sakhalin_oblast", "flow"] = case.tp.flow.where(
        case.tp.flow != "lng_export", "gas_export")
    with pytest.raises(ValueError, match=r"flows of Sakhalin in data/trade_partners.csv with no place in the chart: "
                                         r"\['gas_export'\]"):
        case.sakhalin_flows()


def test_printed_counts_against_the_items_listed():
    case = casestudies.CaseStudies()
    twins, dip = _csv("twin_cities"), _csv("diplomatic_presence")
    kh_missions = sum(r["region_id"] == "khabarovsk_krai" and r["kind"] == "standing_mission" for r in dip)
    assert [case.listed(r, how) for r, _, _, how in casestudies.COUNTS] == [
        kh_missions, sum(r["city"] == "khabarovsk" for r in twins), 6, 2, 12, sum(r["city"] == "vladivostok" for r in twins)]
    table = case.counts().data
    assert table.count("| match ") == 5 and "| none printed    |       12 | no count to check |" in table


def test_the_stages_and_the_coal_sentence_are_computed():
    assert casestudies.stages_shrink([3, 2, 2]) and not casestudies.stages_shrink([1, 2])
    case = casestudies.CaseStudies()
    fig, sentence = case.oil_coal()
    assert sentence.data.startswith("Every stage is smaller than the one before it: oil ")
    coal = sum(float(r["value"]) for r in _csv("trade_partners")
               if r["region_id"] == "sakhalin_oblast" and r["flow"] == "coal_export")
    assert coal == 3134.0 and "add up to 3,134.0 thousand t, exactly the coal sent abroad." in sentence.data
    assert case.log.rows[-1]["verdict"] == checks.ADDS_UP


def test_the_closing_table_gathers_every_check_in_region_order():
    case = casestudies.CaseStudies()
    for section in (case.industry, case.oil_coal, case.sakhalin_trade, case.partners_figure, case.export_structure,
                    case.fdi_figure, case.primorsky, case.primorsky_partners, case.primorsky_structure):
        section()
    summary, table = case.checks_items()
    assert summary.data == case.log.summary() and summary.data.startswith(f"{len(case.log.rows)} checks: ")
    assert list(case.log.failed().check) == ["fuel-energy share vs fuel export value / implied exports",
                                             "South Korea share of trade = (export + import) / total"]


def test_the_verdicts_the_prose_reads_are_computed(capsys):
    case = casestudies.CaseStudies()
    case.industry()
    case.khabarovsk_nonfuel()
    case.sakhalin_trade()
    case.export_structure()
    case.counts()
    case.checks_items()
    assert case.glued == {
        "breakdowns_verdict": "Both breakdowns add up to 100",
        "nonfuel_verdict": "add up to more than that share, so the two breakdowns use different classifications",
        "fuel_fit": "does not fit that share of the implied exports; since its tonnage equals the oil and condensate "
                    "exported, it probably leaves LNG out",
        "counts_verdict": "Every printed count matches its list", "n_failed": "One"}  # Primorsky's check not yet made
    # the data behind the fuel verdict: the tonnage of fuel exported is the tonnage of oil and condensate exported
    printed = {r["id"]: r["value"] for r in _csv("case_study_indicators")}
    assert printed["sakhalin_oblast.fuel_exports_volume.2014"] == printed["sakhalin_oblast.oil_condensate_exports.2014"]


def test_every_section_of_the_chapter_shows_the_data_rows_it_names():
    case = casestudies.CaseStudies()
    printed = {r["id"]: float(r["value"]) for r in _csv("case_study_indicators") if r["value"]}
    table, population = case.sakhalin_economy()
    implied = printed["sakhalin_oblast.gross_regional_product"] * 1e9 / (
        printed["sakhalin_oblast.gross_regional_product_per_capita"] * 1e3)
    assert f"imply a population of {implied:,.0f} " in population.data and round(implied) == 492137
    reserves = case.reserves_figure()[0].data
    metals = [r for r in _csv("case_study_indicators") if r["indicator"].startswith("share_of_russian_reserves_")]
    assert len(reserves) == len(metals) and reserves.share_of_russian_reserves_percent.is_monotonic_increasing
    fdi = case.fdi_figure()[0].data
    assert fdi.share_percent.sum() == pytest.approx(100) and fdi.investor_country.iloc[-1] == "not_listed_computed"
    structure = case.primorsky_structure()[0].data
    imports = [float(r["share_percent"]) for r in _csv("trade_structure")
               if r["region_id"] == "primorsky_krai" and r["flow"] == "import"]
    assert structure[structure.flow == "import"].share_percent.iloc[-1] == pytest.approx(100 - sum(imports))
    lists = case.ties_lists().data
    assert f"- **Vladivostok** ({sum(r['city'] == 'vladivostok' for r in _csv('twin_cities'))}): " in lists
    table, others = case.agreements()
    published = [line.split("|")[-2].strip() for line in table.data.splitlines()[2:6]]
    assert published == [f"{printed[row_id]:g}" for _, row_id in casestudies.AGREEMENTS] == ["9", "3", "40", "113"]
    assert others.data.startswith("Not shown in the chart: European Bank for Reconstruction and Development (office)")
    for section in (case.industry, case.khabarovsk_nonfuel, case.oil_coal, case.sakhalin_trade, case.partners_figure,
                    case.export_structure, case.investment, case.sakhalin_partners, case.khabarovsk, case.primorsky,
                    case.primorsky_partners, case.counts, case.ties_figure):
        section()
    shown = set(case.ind.shown)
    rest = case.rest()
    all_ids = {r["id"] for r in _csv("case_study_indicators")}
    assert len(rest.df) == len(all_ids - shown) > 0 and case.ind.not_shown().empty  # nothing is left out


@pytest.fixture(autouse=True)
def _close_figures():
    # the sections draw figures that a notebook would show and close; here they are closed after each test
    yield
    import matplotlib.pyplot as plt
    plt.close("all")
