"""Chapter 5 (the Far East and federal policy) from the real data: the figures' numbers, the computed sentences
and the Primorsky verdict, checked against values read here from the CSVs."""

import pandas as pd
import pytest

from rusregions import data
from rusregions.present import far_east_chapter as fe
from conftest import csv_rows as rows

pytestmark = pytest.mark.usefixtures("close_figures")  # every figure a test draws is closed


def indicator(name, region="far_eastern_federal_district", year=None):
    (row,) = [r for r in rows("far_east_indicators") if r["indicator"] == name and r["region_id"] == region
              and (year is None or r["period_start"] == str(year))]
    return row


@pytest.fixture(scope="module")
def chapter():
    return fe.FarEastChapter()


def test_quantities_pairs_values_with_units():
    assert fe.quantity_each([12.5, 3, None], ["percent", "usd_billion", "percent"]) == ["12.5%", "3 USD billion", ""]


def test_fact_reads_one_programme_fact(chapter):
    (signed,) = [r for r in rows("federal_programmes") if r["programme_id"] == fe.CN and r["fact"] == "signed"]
    assert str(chapter.fact(fe.CN, "signed", "date")) == signed["date"]
    with pytest.raises(IndexError):
        chapter.fact(fe.CN, "no_such_fact")


def test_primorsky_price_share_and_verdict(chapter):
    target = float(indicator("electricity_price_investor_target", "primorsky_krai")["value"])
    now = float(indicator("electricity_price_current", "primorsky_krai")["value"])
    rng = indicator("electricity_tariff_investor_target_share_of_current")
    t, n, share, tariff = chapter.primorsky_prices()
    assert (t, n) == (target, now) and share == pytest.approx(100 * target / now)
    inside = float(rng["value"]) <= 100 * target / now <= float(rng["value_high"])
    assert chapter.primorsky_inside_range() is inside is True
    assert chapter.prices_verdict().data == "The Primorsky prices agree with the range printed in the same sentence"
    assert f"= {100 * target / now:.1f}% (inside the range)" in chapter.critique_figures().data


def test_the_verdict_turns_when_the_price_leaves_the_range():
    chapter = fe.FarEastChapter()
    ind = chapter.ind.copy()
    ind.loc[ind.indicator == "electricity_price_investor_target", "value"] = 3.3  # 97.6% of 3.38
    chapter.ind = ind
    chapter.fe = type(chapter.fe)(ind)
    chapter.value = chapter.fe.value
    assert not chapter.primorsky_inside_range()
    assert chapter.prices_verdict().data == "The Primorsky prices fall outside the range printed in the same sentence"


def test_territory_and_demography_sentences(chapter):
    area, pop = float(indicator("territory_area")["value"]), float(indicator("population")["value"])
    _, text = chapter.territory()
    assert f"**{pop * 1e6 / area:.2f} persons per km²**" in text.data
    h1 = float(indicator("out_migration", year=2016)["value"])
    factor = float(indicator("out_migration_change_vs_same_period_previous_year", year=2016)["value"])
    _, text = chapter.demography()
    assert f"about **{h1 * factor:.1f} thousand** people left in the first half of 2015" in text.data


def test_shares_take_every_grouped_indicator(chapter):
    shares = chapter.shares()
    keys = [k for keys, _ in fe.SHARE_GROUPS.values() for k in keys]
    assert list(shares.indicator) == keys
    assert list(shares.value) == [float(indicator(k)["value"]) for k in keys]
    assert shares.set_index("indicator").label["share_of_russian_output_tin"] == "Tin"
    fig = chapter.shares_figure()
    assert list(fig.data.share_percent) == list(shares.value)


def test_trade_partners_add_up_to_the_printed_shares(chapter):
    shares = [float(r["value"]) for r in rows("far_east_indicators") if r["indicator"].startswith("trade_share_")]
    table, text = chapter.trade_partners()
    assert text.data.startswith(f"The three shares Moskalenko gives add up to {sum(shares):.0f}%, leaving "
                                f"{100 - sum(shares):.0f}%")
    assert table.data.count("| Moskalenko (2015a)") == len(shares)


def test_budget_parts_reading_and_figure(chapter):
    budget = rows("federal_budget_shares")
    pol = {r["region_id"]: float(r["value"]) for r in budget
           if r["measure"] == "share_of_federal_regional_policy_expenditure"}
    text = chapter.budget_reading().data
    nc, far = pol["north_caucasian_federal_district"], pol["far_eastern_federal_district"]
    assert f"received {nc - far:.1f} percentage points *more*" in text
    amounts = {r["period_start"]: float(r["value_corrected"]) for r in budget
               if r["measure"] == "federal_budget_expenditure_amount"}
    assert f"fell by {100 * (amounts['2013'] - amounts['2014']) / amounts['2013']:.1f}%" in text
    fig = chapter.budget_figure()
    assert sorted(fig.data.value) == sorted([*pol.values(), *amounts.values()])
    table, why = chapter.budget_table()
    assert table.data.count("\n| ") == len(budget) and why.data.startswith("**Why billions.**")


def test_investment_sections(chapter):
    dib = rows("direct_investment_balance")
    annual = {r["year"]: float(r["value_corrected"]) for r in dib if not r["quarter"]}
    assert chapter.investment_reading().data.startswith(
        f"The 2014 balance is {annual['2014'] / annual['2013']:.1f} times that of 2013")
    assert list(chapter.investment_figure().data.value_corrected) == [float(r["value_corrected"]) for r in dib]
    table, _ = chapter.investment_table()
    assert table.data.count("USD trillion") == len(dib)
    assert chapter.investment_decline().to_dict() == {
        int(r["period_start"]): float(r["value"]) for r in rows("far_east_indicators")
        if r["indicator"] == "investment_decline"}


def test_policy_timeline_labels_and_history(chapter):
    fig = chapter.policy_timeline()
    labels = fig.data.set_index("id").label
    short = {r["programme_id"]: r["short_label"] for r in rows("codelists/programmes") if r["short_label"]}
    assert labels["visa_free_regime_china"] == short["visa_free_regime_china"]
    assert short["visa_free_regime_china"] == "Visa-free regime with China abolished"
    # every item on the timeline has the codelist's short label, or the data's name where the codelist has none
    names = dict(zip(chapter.prog.programme_id, chapter.prog.name))
    assert all(lab == short.get(pid, names[pid]) for pid, lab in labels.items())
    hist = chapter.history().data
    assert hist.index("Qing") < hist.index("Trans-Siberian")  # the chapter's order, not the file's
    assert hist.count("\n| ") == len(fe.HISTORY_ORDER)


def test_history_refuses_an_item_missing_from_the_order():
    chapter = fe.FarEastChapter()
    extra = chapter.prog[chapter.prog.programme_id == "russia_qing_interaction"].assign(programme_id="new_plan")
    chapter.prog = pd.concat([chapter.prog, extra], ignore_index=True)
    with pytest.raises(ValueError, match="add the new item to HISTORY_ORDER"):
        chapter.history()


def test_key_facts_setting_visa_and_interviews(chapter):
    facts, costs = chapter.key_facts()
    joint = [r for r in rows("federal_programmes") if r["programme_id"] == fe.CN and r["fact"] == "joint_projects"]
    assert f"| {float(joint[0]['amount']):g} " in facts.data
    assert costs.data.count("RUB trillion") == sum(r["fact"] == "cost" for r in rows("federal_programmes"))
    setting = {"share_of_world_gdp", "share_of_world_trade", "border_length_with_china",
               "chinese_goods_share_of_local_markets", "transport_tariff_share_of_goods_transport_cost"}
    assert len(chapter.setting().df) == sum(r["indicator"] in setting for r in rows("far_east_indicators"))
    assert "1994" in chapter.visa_regime().data
    sample = rows("interview_sample")
    assert chapter.interview_sample().data.count("\n| ") == len(sample)
    findings = rows("interview_findings")
    assert chapter.interview_findings().data.count("\n  - ") == len(findings)  # one sub-item per finding
    assert data.load("interview_findings").question_id.nunique() == chapter.interview_findings().data.count("- **")


def test_budget_and_investment_readings_turn_with_the_data():
    chapter = fe.FarEastChapter()
    b = chapter.budget_rows.copy()
    pol = b.measure == "share_of_federal_regional_policy_expenditure"
    b.loc[pol & (b.region_id == "far_eastern_federal_district"), "value"] = 13.0
    chapter.budget_rows = b
    assert "the Far East received 0.7 percentage points more than the North Caucasus" in chapter.budget_reading().data
    dib = chapter.dib.copy()
    dib.loc[dib.quarter.notna(), "value_corrected"] = 0.1
    chapter.dib = dib
    assert "the part-year 2015 figure does not yet reach it;" in chapter.investment_reading().data


def test_budget_and_investment_readings_on_the_data(chapter):
    assert "On this measure the North Caucasus is ahead" in chapter.budget_reading().data
    dib = rows("direct_investment_balance")
    part = [float(r["value_corrected"]) for r in dib if r["quarter"]][0]
    y2014 = [float(r["value_corrected"]) for r in dib if r["year"] == "2014" and not r["quarter"]][0]
    assert part > y2014 and "the part-year 2015 figure already exceeds it;" in chapter.investment_reading().data
