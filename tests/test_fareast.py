"""Far East chapter selections on the real data; a new dated programme reaches the timeline."""
import pandas as pd
import pytest

from rusregions import data, fareast


def test_timeline_takes_every_dated_post_soviet_programme():
    prog = data.load("federal_programmes")
    tl = fareast.timeline_items(prog, {})
    dated = prog[~prog.kind.isin(fareast.HISTORY) & prog[["year", "period_start", "period_end"]].notna().any(axis=1)]
    assert set(tl.id) == set(dated.programme_id)
    assert list(tl.sort) == sorted(tl.sort)  # earliest first
    ru_cn = tl.set_index("id").loc["ru_cn_regional_cooperation_programme_2009_2018"]
    assert (ru_cn.start, ru_cn.end) == (2009, 2018)  # placed by its period row
    assert tl.set_index("id").loc["ministry_far_east_development", "years"] == [2012, 2013]


def test_a_new_dated_row_appears_under_its_data_name():
    prog = data.load("federal_programmes")
    new = prog.iloc[[7]].assign(programme_id="new_programme", name="A new programme", year=2017)
    tl = fareast.timeline_items(pd.concat([prog, new], ignore_index=True), {})
    assert tl.set_index("id").loc["new_programme", "label"] == "A new programme"


def test_value_insists_on_one_row():
    fe = fareast.Indicators(data.load("far_east_indicators"))
    assert fe.value("territory_area") == 6215900
    with pytest.raises(LookupError, match=r"far_east_indicators: 0 rows for 'no_such', 'far_eastern_federal_district'"):
        fe.value("no_such")


def test_indicator_table_names_territories_as_the_codelist_does():
    import csv

    from rusregions.version import ROOT

    with open(ROOT / "data" / "codelists" / "regions.csv", newline="", encoding="utf-8") as fh:
        names = {r["region_id"]: r["name"] for r in csv.DictReader(fh)}
    fe = fareast.Indicators(data.load("far_east_indicators"))
    sel = fe.rows(["population_loss", "territory_area"], scope=None)
    shown = fe.table(sel, "Two indicators.").df
    assert list(shown.territory) == [names[r] for r in sel.region_id] == ["Siberia and the Far East",
                                                                           "Far Eastern Federal District"]
