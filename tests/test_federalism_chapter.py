"""Chapter 3 (federalism and the law) from the real data: the acts the timeline draws, the era labels, the
quantities as printed and the counts the prose gives."""
from types import SimpleNamespace

import pandas as pd
import pytest

from rusregions import data
from rusregions.present import federalism_chapter as fc
from conftest import csv_rows as rows

pytestmark = pytest.mark.usefixtures("close_figures")  # every figure a test draws is closed


@pytest.fixture(scope="module")
def chapter():
    return fc.FederalismChapter()


def test_era_and_years():
    assert [fc.era(x) for x in ("yeltsin", "putin", "both", pd.NA, None)] == \
        ["Yeltsin", "Putin", "both", "not placed", "not placed"]
    assert fc.years(1993, 1999) == "1993–1999"
    assert fc.years(2000, pd.NA) == "2000–present"
    assert fc.years(2000.0, None, open_end="") == "2000–"


def test_era_quantity_uses_the_shared_rule_and_keeps_the_sources_words():
    q = {r.quantity_id: r for r in data.load("era_quantities").itertuples()}
    assert fc.era_quantity(q["far_east_chinese_goods_share"]) == "60–70%"
    assert fc.era_quantity(q["yeltsin_era"]) == "1991–1999"
    assert fc.era_quantity(q["kaliningrad_embargo_price_change"]) == "2 times (doubling)"
    assert fc.era_quantity(q["mfa_reporting_frequency"]) == "quarterly, post factum"
    assert fc.era_quantity(SimpleNamespace(value=16.0, value_high=None, unit="count", value_text=None)) == "16"


def test_federal_acts_drop_events_programmes_regional_treaties_and_second_mentions():
    acts = data.load("legal_acts")
    federal = fc.federal_acts(acts)
    raw = rows("legal_acts")
    regional = {r["issuer"] for r in raw if r["kind"] == "treaty"} - {"Rossiyskaya Federatsiya", ""}
    candidates = [r for r in raw if r["year"] and r["kind"] not in ("event", "programme")
                  and r["issuer"] not in regional]
    twins = [r for r in candidates if r["same_act_as"]]
    assert len(twins) == 2  # the October 1995 act, described twice
    assert len(federal) == len(candidates) - 1
    assert twins[0]["act_id"] in set(federal.act_id) and twins[1]["act_id"] not in set(federal.act_id)
    shown = federal.set_index("act_id").shown
    assert shown[twins[0]["act_id"]].endswith(" (described twice)")
    assert sum(s.endswith("(described twice)") for s in shown) == 1


def test_explicit_pairings_counts_periods_and_stages_only(chapter):
    explicit = [r for r in rows("federalism_periods") if r["regime_pairing"] == "explicit" and r["kind"] != "regime"]
    assert len(explicit) == 2
    assert chapter.explicit_pairings().data == "twice"


def test_quantities_table_and_its_counts(chapter):
    raw = rows("era_quantities")
    table, lines = chapter.quantities_table()
    eras = [r["era"] for r in raw]
    assert lines[0] == (f"quantities placed in the Yeltsin era: {eras.count('yeltsin')}, in the Putin era: "
                        f"{eras.count('putin')}, spanning both: {eras.count('both')}, not placed: {eras.count('')}")
    assert lines[1] == f"of all {len(raw)}, {sum(r['unit'] == 'year' for r in raw)} are dates or date ranges " \
                       "rather than measured quantities"
    body = [line for line in table.data.splitlines() if line.startswith("| ")][1:]
    assert [b.split("|")[1].strip() for b in body] == sorted(
        (fc.era(e or None) for e in eras), key=fc.ERA_ORDER.index)


def test_tables_hold_every_row_of_their_file(chapter):
    assert chapter.periods_table().data.count("{cite:p}") == len(rows("federalism_periods"))
    listing = chapter.acts_listing()
    assert len(listing) == len(rows("legal_acts")) and list(listing.date)[-1] == "no date"
    assert chapter.acts_table().data.count("{cite:p}") == len(rows("legal_acts"))
    assert "| total " in chapter.acts_by_kind().data
    fixes = [r for r in rows("era_quantities") if r["value_corrected"]]
    assert chapter.corrections().data.count("{cite:p}") == len(fixes) == 1


def test_effects_cover_the_drawn_acts_and_their_twins(chapter):
    text = chapter.effects().data
    assert text.count("\n: ") == len(chapter.federal) + 1  # the act described twice appears under both names


def test_models_tables(chapter):
    models = rows("centre_region_models")
    two = [r for r in models if r["model_id"] in fc.MODELS]
    side = chapter.models_table().data
    assert len([line for line in side.splitlines() if line.startswith("| ")]) - 1 == len({r["dimension"] for r in two})
    assert chapter.examples_table().data.count("\n| ") == sum(bool(r["examples"]) for r in two)  # rows after the header
    sol = {r["model_label"] for r in models if r["model_id"].startswith("soldatos")}
    assert all(label in chapter.soldatos_table().data for label in sol)


def test_timeline_figure_plots_the_federal_acts(chapter):
    fig = chapter.timeline_figure()
    assert fig.name == "fig-federalism-timeline"
    assert list(fig.data.act_id) == list(chapter.federal.act_id) and set(fig.data.lane) == {"act"}
