"""Chapter 2 (the Far East among Russia's regions) from the real data: names from the codelist, the median
test, the benchmark, the leagues and the sentences computed from them."""

import pytest

from rusregions import codelists
from rusregions.present import comparison_chapter as cc
from conftest import csv_rows as rows

pytestmark = pytest.mark.usefixtures("close_figures")  # every figure a test draws is closed


@pytest.fixture(scope="module")
def chapter():
    return cc.ComparisonChapter()


def test_district_name_comes_from_the_codelist():
    assert codelists.district_name("far_eastern_federal_district") == "Far Eastern"
    assert codelists.district_name("north_caucasian_federal_district") == "North Caucasian"
    assert codelists.district_name("northwestern_federal_district") == "Northwestern"
    with pytest.raises(KeyError):
        codelists.district_name("no_such_federal_district")


def test_league_name_ordinal_and_median():
    assert [cc.league_name(x) for x in ("super_league", "league_one", "league_three")] == \
        ["Super league", "League one", "League three"]
    assert [cc.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"]
    assert cc.could_be_median(65.0) and cc.could_be_median(12.5) and not cc.could_be_median(10.1)


def test_types_table_answers_the_median_question_per_row(chapter):
    table, notes = chapter.types_table()
    expected = ["yes" if float(r["value"]) * 2 % 1 == 0 else "no" for r in rows("agreements_by_region_type")]
    body = [line for line in table.data.splitlines() if line.startswith("| ")][1:]
    assert [line.rstrip(" |").rsplit("|", 1)[1].strip() for line in body] == expected == ["yes", "no", "yes"]
    assert notes.data.count("\n: ") >= 3


def test_fe_types_place_every_region_but_the_autonomous_oblast(chapter):
    counts = chapter.fe_types()
    types = [r["subject_type"] for r in rows("far_east_regions")]
    assert counts["oblasts_and_krais"] == sum(t in ("oblast", "krai") for t in types)
    assert counts.sum() == len(types) - types.count("autonomous_oblast")


def test_benchmark_range_is_the_mean_of_the_group_figures(chapter):
    per_type = {r["region_type"]: float(r["value"]) for r in rows("agreements_by_region_type")}
    group = {"krai": "oblasts_and_krais", "oblast": "oblasts_and_krais", "republic": "republics_and_autonomous_okrugs",
             "autonomous_okrug": "republics_and_autonomous_okrugs"}
    types = [r["subject_type"] for r in rows("far_east_regions")]

    def mean(fallback):
        return sum(per_type[group.get(t, fallback)] for t in types) / len(types)

    low, high = chapter.benchmark_range()
    assert (low, high) == pytest.approx(sorted([mean("oblasts_and_krais"), mean("republics_and_autonomous_okrugs")]))
    table, text = chapter.benchmark()
    assert f"between {low:.1f} and {high:.1f} agreements per region" in text.data


def test_districts_reading_and_figure(chapter):
    d = sorted(rows("agreements_by_federal_district"), key=lambda r: int(r["rank"]))
    text = chapter.districts_reading().data
    fe = next(r for r in d if r["region_id"] == "far_eastern_federal_district")
    assert text.startswith(f"The {codelists.district_name(d[0]['region_id'])} district leads with {float(d[0]['value']):g}")
    assert text.endswith(f"the Far East ranks {fe['rank']} of {len(d)}.")
    lower = [r for r in d if float(r["value"]) < float(fe["value"])]
    assert len(lower) == 1 and f"only the {codelists.district_name(lower[0]['region_id'])} district, at " in text
    fig = chapter.districts_figure()
    assert fig.name == "fig-agreements-by-district" and list(fig.data.value) == sorted(float(r["value"]) for r in d)
    table, notes = chapter.districts_table()
    assert table.data.count("| ") > len(d) and notes.data.startswith("Notes recorded with the data")


def test_unplaced_regions_are_those_in_no_league(chapter):
    placed = {r["region_id"] for r in rows("region_leagues")}
    regions = sorted(rows("far_east_regions"), key=lambda r: int(r["table_order"]))
    assert chapter.unplaced() == [r["label"] for r in regions if r["region_id"] not in placed]
    assert len(chapter.unplaced()) == 5


def test_league_index_reading(chapter):
    text = chapter.league_index_reading().data
    assert text.startswith("Of the 9 regions of Table 4.1, 4 appear in Dem'yanenko's leagues")
    assert "Sakha, in the super league, ranks only 6th per capita and 5th overall" in text
    assert "below both league-one regions on either total" in text


def test_league_oddities_count_the_flags(chapter):
    leagues = rows("region_leagues")
    oddities, line = chapter.league_oddities()
    flagged = [r for r in leagues if r["flag"]]
    assert line.startswith(f"{len(leagues)} regions are placed in a league")
    assert f"{len(flagged)} entries are flagged" in line
    assert oddities.data.count("\n: ") == len(flagged)


def test_shares_keep_the_chapter_order_and_the_sentence_their_values(chapter):
    sh = chapter.shares()
    assert list(sh.index) == cc.SHARES
    printed = {r["indicator"]: r["value"] for r in rows("far_east_indicators")
               if r["region_id"] == "far_eastern_federal_district" and r["indicator"] in cc.SHARES}
    text = chapter.shares_reading().data
    assert text.startswith(f"The district holds {float(printed['foreign_investment_share_of_russia']):g}% of the")
    fig = chapter.shares_figure()
    assert list(fig.data.share_percent) == [float(printed[k]) for k in cc.SHARES]
    table, notes = chapter.shares_table()
    assert "not stated" in table.data and notes.data.startswith("How the data reads")


def test_synopsis_and_its_figure(chapter):
    syn = chapter.synopsis()
    assert list(syn[cc.RANK_PC]) == list(range(1, 10))
    assert syn.League.to_dict()["sakha_republic"] == "Super league"
    fig = chapter.league_index_figure()
    assert list(fig.data.region_id) == list(syn.index) and fig.name == "fig-index-by-league"
    assert chapter.synopsis_table().data.count("| not placed") == 5


def test_types_and_league_figures_name_their_data(chapter):
    assert list(chapter.types_figure().data.region_type) == list(cc.TYPE_LABEL)
    fig = chapter.leagues_figure()
    assert len(fig.data) == len(rows("region_leagues")) and fig.data.fe.sum() == 4
    table, meaning = chapter.leagues_table()
    assert table.data.count("| Super league") == 1 and meaning.data.count("\n: ") == 4


def test_district_verdict_follows_rank_and_benchmark(chapter):
    assert chapter.district_verdict().data == ("it is near the bottom of the districts given, and below what the type "
                                               "of its regions would suggest")
    other = cc.ComparisonChapter()
    other.fe_district = other.fe_district.copy()
    other.fe_district["rank"], other.fe_district["value"] = 1, 1000.0
    assert other.district_verdict().data == ("it is near the top of the districts given, and above what the type "
                                             "of its regions would suggest")


def test_league_reading_turns_when_the_placements_change():
    import pandas as pd

    other = cc.ComparisonChapter()
    amur = other.lg[other.lg.region_id == "sakhalin_oblast"].assign(region_id="amur_oblast", league_id="league_three",
                                                                     league_rank=4)
    other.lg = pd.concat([other.lg[other.lg.region_id != "sakhalin_oblast"], amur], ignore_index=True)
    text = other.league_index_reading().data
    assert "all of them in the top two" not in text and "None is in the lower two" not in text
    assert "Amur Oblast in league three" in text
    assert "(Khabarovsk Krai, Primorsky Krai and Sakhalin Oblast) are not all among them" in text
