"""Placing data rows in periods (synthesis chapter)."""
from rusregions import synthesis

BINS = [("before 1990", None, 1989), ("1990s", 1990, 1999), ("2000s", 2000, None)]


def test_a_row_counts_in_every_period_its_years_touch():
    assert synthesis.row_bins([1995], BINS) == ["1990s"]
    assert synthesis.row_bins([1985, 2003], BINS) == ["before 1990", "1990s", "2000s"]
    assert synthesis.row_bins([1999, 2000], BINS) == ["1990s", "2000s"]
    assert synthesis.row_bins([], BINS) == [synthesis.UNDATED]


def test_every_source_row_is_placed():
    frames, own = synthesis.source_frames()
    assert own and not set(own) & set(frames)
    rec = synthesis.rows_by_bin(frames, BINS)
    assert rec.drop_duplicates(["resource", "id"]).shape[0] >= max(len(df) for df in frames.values())
    assert set(rec.bin) <= {b[0] for b in BINS} | {synthesis.UNDATED}


# --- the chapter's sections (rusregions.synthesis.Synthesis) on the real data --------------------------------

import csv  # noqa: E402

import pytest  # noqa: E402

from conftest import ROOT  # noqa: E402


def _rows(name):
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def syn():
    return synthesis.Synthesis()


def test_the_three_periods_come_from_the_data(syn):
    assert syn.period_text() == "1990s: 1990–1999; 2000–2016: 2000–2016; 2022 onwards: 2022–"
    assert [b[0] for b in syn.BINS] == ["before 1990", "1990s", "2000–2016", "2017–2021", "2022 onwards"]


def test_the_numbers_that_exist(syn):
    t = syn.numbers()
    assert list(t.Number) == ["more than 300", "8 / 1 (one pledge in both)", "2", "8", "65", "3.2", "9", "12", "14",
                              "2019", "2022-05", "more than 130,000", "more than 80", "5", "none"]
    # three of them counted again straight from the CSV files
    assert int(t.Number[13]) == len(_rows("protest_regions"))
    assert int(t.Number[6]) == len({r["region_id"] for r in _rows("table_4_1")})
    assert f"abstract's {len(_rows('border_region_factors'))} items" in t["What the number is"][14]


def test_every_source_row_lands_in_the_grid_once_per_period(syn):
    grid = syn.grid()
    assert list(grid.index) == ["000", "001", "002", "003", "004"]
    assert grid.loc["004"].to_dict() == {"before 1990": 0, "1990s": 0, "2000–2016": 0, "2017–2021": 0,
                                         "2022 onwards": 0, "undated": len(_rows("border_region_factors"))}


def test_what_each_source_documents_is_keyed_by_its_id(syn):
    text = syn.documents_table().data
    assert "|  000 | Institute of Russia's Regions, 'About us'     | the Institute's purpose" in text
    # the words are the sources codelist's `documents`, one row per source (a blank one fails validation:
    # tests/test_bad_inputs.py, sources__missing_documents.csv)
    for r in _rows("codelists/sources"):
        assert f"| {r['documents']}" in text


def test_rows_and_resources_per_source_and_the_rows_that_run_late(syn):
    counts, late = syn.source_tables()
    assert "| Abstract on border regions (undated)          |          13 |           1 |" in counts.data
    assert late.data.count("| federal_programmes |") == 3 and "energy_strategy_2030" in late.data
    assert list(syn.timeline_figure().data.period) == list(syn.PERIODS)


def test_the_heatmap_prints_every_count_of_the_grid(syn):
    import matplotlib.pyplot as plt

    from rusregions.present import synthesis_charts
    grid = syn.grid()
    fig = synthesis_charts.rows_heatmap(grid)
    assert sorted(int(t.get_text()) for t in fig.axes[0].texts) == sorted(grid.to_numpy().ravel().tolist())
    plt.close(fig)


@pytest.fixture(autouse=True)
def _close_figures():
    # the sections draw figures that a notebook would show and close; here they are closed after each test
    yield
    import matplotlib.pyplot as plt
    plt.close("all")
