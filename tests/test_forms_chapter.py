"""Chapter 4 (forms and conditions) from the real data: period words, the count of how the conditions are
classified, and the tables and figures built from the classification files."""

import pandas as pd
import pytest

from rusregions.present import forms_chapter as fc
from conftest import csv_rows as rows

pytestmark = pytest.mark.usefixtures("close_figures")  # every figure a test draws is closed


@pytest.fixture(scope="module")
def chapter():
    return fc.FormsChapter()


def test_period_words():
    assert [fc.period_words(x) for x in ("1990s", "after_2000", "general", "both", "unspecified")] == \
        ["1990s", "after 2000", "general", "both", "not dated"]
    assert fc.period_words(pd.NA) == "" and fc.period_words(None) == ""


def test_blank_empties_missing_cells_only():
    assert fc.blank(pd.Series(["a", None, pd.NA])).tolist() == ["a", "", ""]


def test_classification_counts_from_the_file():
    conds = [r for r in rows("activity_conditions") if r["role"] != "category"]
    both = sum(bool(r["structural_processual"]) and bool(r["internal_external"]) for r in conds)
    neither = sum(not r["structural_processual"] and not r["internal_external"] for r in conds)
    counts = fc.classification_counts(fc.FormsChapter().conds)
    assert counts == {"both": both, "one": len(conds) - both - neither, "neither": neither}
    assert counts["one"] > len(conds) / 2 and counts["neither"] > 0  # what the chapter's sentence says


def test_classification_line_table_and_verdict(chapter):
    n = fc.classification_counts(chapter.conds)
    line, table = chapter.classification()
    assert line == (f"{len(chapter.conds)} conditions: classified on both criteria {n['both']}, on one only "
                    f"{n['one']}, on neither {n['neither']}")
    assert [x.split("|")[1].strip() for x in table.data.splitlines()[2:5]] == ["1990s", "after 2000", "general"]
    assert chapter.classification_verdict().data == ("most conditions are classified on one criterion only, and some "
                                                 "on neither")


def test_verdict_follows_the_data():
    chapter = fc.FormsChapter()
    chapter.conds = chapter.conds.assign(structural_processual="structural", internal_external="internal")
    assert chapter.classification_verdict().data == "some conditions are classified on one criterion only, and none on neither"


def test_tables_hold_their_rows(chapter):
    forms = rows("activity_forms")
    assert chapter.makarychev_table().data.count("{cite:p}") == sum(r["typology"] == "makarychev" for r in forms)
    assert chapter.examples_table().data.count("{cite:p}") == sum(r["row_type"] == "example" for r in forms)
    direct = [r for r in forms if r["typology"] != "makarychev" and r["row_type"] == "form"]
    assert chapter.direct_indirect_table().data.count("{cite:p}") == len(direct)
    assert chapter.categories_table().data.count("{cite:p}") == 4
    conds = [r for r in rows("activity_conditions") if r["role"] != "category"]
    table = chapter.conditions_table().data
    assert table.count("{cite:p}") == len(conds)
    periods = [x.split("|")[2].strip() for x in table.splitlines()[2:] if x.startswith("| ")]
    assert periods == sorted(periods, key=["1990s", "after 2000", "general"].index)
    assert chapter.turovskiy_table().data.count("{cite:p}") == len(rows("turovskiy_models"))
    assert chapter.borders_table().data.count("{cite:p}") == len(rows("border_functions"))


def test_factors_table_groups_and_counts(chapter):
    factors = rows("internationalization_factors")
    body = [line.strip("|").split("|") for line in chapter.factors_table().data.splitlines()[2:] if line.startswith("| ")]
    shown = {cells[0].strip().split(". ")[1]: int(cells[1]) for cells in body}
    assert shown == {g.replace("_", "-"): sum(r["group_id"] == g for r in factors) for g in {r["group_id"] for r in factors}}
    assert set(shown) == {"geographic", "socio-economic", "political-legal"}


def test_culture_tables_count_every_view(chapter):
    culture = rows("strategic_culture")
    views, counts = chapter.culture_tables()
    assert views.data.count("{cite:p}") == len(culture)
    cells = [int(c) for line in counts.data.splitlines()[2:] if line.startswith("| ")
             for c in line.strip("|").split("|")[1:]]
    assert sum(cells) == len(culture)
    assert "| NGOs, 'foreign agents'" in counts.data and "| MFA " in views.data


def test_figures_plot_the_files(chapter):
    forms = chapter.forms_figure()
    assert forms.name == "fig-activity-forms" and len(forms.data) == len(rows("activity_forms"))
    conds = chapter.conditions_figure()
    assert conds.name == "fig-activity-conditions" and len(conds.data) == len(chapter.conds)
