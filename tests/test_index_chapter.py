"""Chapter 1 (Table 4.1) from the real data: ranks, the authors' claim, the audit's cells and the stability
of the ranking, checked against values computed here from data/table_4_1.csv and data/index_claims.csv."""
import csv

import pandas as pd
import pytest

from rusregions import data, index
from rusregions.present.figures import Figure
from rusregions.present.index_chapter import IndexChapter
from rusregions.version import ROOT

pytestmark = pytest.mark.usefixtures("close_figures")  # every figure a test draws is closed


@pytest.fixture(scope="module")
def chapter():
    return IndexChapter()


def raw_totals(measure):
    """Sum of the four printed components per region, read straight from the CSV."""
    sums = {}
    with open(ROOT / "data" / "table_4_1.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["measure"] == measure and row["indicator"] != "total":
                sums[row["region_id"]] = sums.get(row["region_id"], 0.0) + float(row["value"])
    return sums


def test_total_ranks_order_the_regions_by_their_summed_components():
    ranks = index.total_ranks(data.load("table_4_1"))
    for measure in ("per_capita", "overall"):
        sums = raw_totals(measure)
        by_score = sorted(sums, key=sums.get, reverse=True)
        assert list(ranks[measure].sort_values().index) == by_score
        assert sorted(ranks[measure]) == list(range(1, len(sums) + 1))  # no ties in Table 4.1


def test_ends_take_the_top_or_the_bottom():
    ranks = pd.Series({"a": 1, "b": 2, "c": 3, "d": 4})
    assert index.ends(ranks, "most_internationalized", 2) == {"a", "b"}
    assert index.ends(ranks, "least_internationalized", 1) == {"d"}


def test_claim_check_confirms_both_claims_on_both_totals():
    table, claims = data.load("table_4_1"), data.load("index_claims")
    check = index.claim_check(table, claims)
    assert list(zip(check.claim, check.measure)) == [
        ("least_internationalized", "per_capita"), ("least_internationalized", "overall"),
        ("most_internationalized", "per_capita"), ("most_internationalized", "overall")]
    assert check.confirmed.all()
    most = check[check.claim == "most_internationalized"].named.iloc[0]
    assert most == {"sakhalin_oblast", "khabarovsk_krai", "primorsky_krai"}


def test_claim_check_fails_a_claim_that_names_the_wrong_region():
    table, claims = data.load("table_4_1"), data.load("index_claims").copy()
    claims.loc[claims.region_id == "primorsky_krai", "region_id"] = "amur_oblast"
    check = index.claim_check(table, claims)
    assert not check[check.claim == "most_internationalized"].confirmed.any()
    assert check[check.claim == "least_internationalized"].confirmed.all()


def test_claims_kept_counts_the_schemes_that_keep_each_group():
    table, claims = data.load("table_4_1"), data.load("index_claims")
    kept = index.claims_kept(table, claims)
    rt = index.rank_table(table)
    assert list(kept.columns) == list(rt.columns)
    top = {"sakhalin_oblast", "khabarovsk_krai", "primorsky_krai"}
    expected = sum(set(rt.index[rt[c] <= 3]) == top for c in rt)
    assert kept.loc["most_internationalized"].sum() == expected == 8
    assert kept.loc["least_internationalized"].sum() == 12


def test_stability_glue_states_the_counts_and_the_verdict(chapter):
    glued = {k: v.data for k, v in chapter.stability_glue().items()}
    assert glued == {"top_kept": "8 of the 14", "bottom_kept": "12 of the 14",
                     "rank_verdict": "survives the change of method"}


def test_totals_verdict_and_summary_line(chapter):
    assert chapter.totals_verdict().data == "The totals add up"
    line, table = chapter.totals()
    assert line.endswith("over 18 published totals")
    assert "| Sakha (Yakutia) Republic" in table.data


def test_finding_cells_name_region_measure_and_component(chapter):
    assert chapter.finding_cells() == ["Sakha (Yakutia) Republic's overall student score",
                                       "Amur Oblast's overall FDI score",
                                       "Jewish Autonomous Oblast's overall tourist score"]
    glued = chapter.audit_glue()
    assert glued["n_findings"].data == "three"
    assert glued["population_order"].data.startswith(chapter.population_order()[0] + ", ")
    line, table = chapter.findings_table()
    assert line == "3 inconsistent cell(s) found"
    assert table.data.count("| Amur Oblast") == 1


def test_finding_cells_also_word_total_and_scale_findings():
    chapter = IndexChapter()
    chapter.findings = pd.DataFrame({"region": ["magadan_oblast", "amur_oblast"],
                                     "indicator": ["total_per_capita", "goods_trade_per_capita"]})
    assert chapter.finding_cells() == ["Magadan Oblast's per capita total", "Amur Oblast's per capita goods trade score"]


def test_population_order_is_largest_first(chapter):
    pops = chapter.pops
    assert [chapter.label[r] for r in pops.sort_values(ascending=False).index] == chapter.population_order()
    assert pops.max() == 1.0


def test_rankings_tables_mark_every_claim_confirmed(chapter):
    claims, ranks = chapter.rankings()
    assert claims.data.count("| yes ") == 4 and "| no " not in claims.data
    first = [line for line in ranks.data.splitlines() if line.startswith("| ")][1]  # after the header
    assert first.startswith("| Sakhalin Oblast")  # per-capita rank 1


def test_published_table_has_a_column_per_component_and_measure(chapter):
    shown = chapter.published().df
    assert list(shown.columns)[:3] == ["Region", "Students p.c.", "Students overall"]
    assert len(shown.columns) == 1 + 5 * 2 and len(shown) == 9


def test_figures_carry_exactly_the_plotted_numbers(chapter):
    comp = chapter.components_figure()
    assert isinstance(comp, Figure) and comp.name == "fig-index-components"
    assert len(comp.data) == 9 * 4 * 2 and set(comp.data.indicator) == set(index.COMPONENT_LABELS)
    pops = chapter.populations_figure()
    assert pops.data.set_index("region_id").implied_relative_population.equals(chapter.pops.sort_values())
    res = chapter.residuals_figure()
    assert len(res.data) == chapter.cells.fitted_log_ratio.notna().sum()
    stab = chapter.stability_figure()
    assert stab.data.shape == (9, 1 + 14) and stab.data.region.iloc[0] == "Sakhalin Oblast"
    assert [f.name for f in chapter.index_maps()] == ["fig-index-map-per-capita", "fig-index-map-overall"]
    assert chapter.locator().data.table_order.tolist() == list(range(1, 10))


def test_correlations_table_lists_every_scheme_but_the_published_one(chapter):
    rows = [line for line in chapter.correlations().data.splitlines() if line.startswith("| per_capita:")
            or line.startswith("| overall:")]
    assert len(rows) == 13 and not any(r.startswith("| per_capita:sum") for r in rows)
