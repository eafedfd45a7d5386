"""The bright-side chapter's helpers on Sergounin's memo as data/ holds it."""
import csv

import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402

from conftest import DATA  # noqa: E402
from rusregions.brightside import Memo, fact_figure, fact_period, org_short  # noqa: E402


@pytest.fixture(scope="module")
def memo():
    return Memo()


def test_counts_of_the_memo(memo):
    assert memo.promise_count() == "4 negative consequences conceded, 6 promises argued"
    assert memo.examples_per_level() == "examples per level: level 1: 3, level 2: 5, level 3: 17"
    assert memo.programme_count() == "22 items named; 10 with a sum (8 in ECU, 1 in NOK, 1 a percentage)"
    assert memo.matching_rule() == ("Interreg matching-funds rule: partners provide 50 percent (Norwegian and "
                                    "Russian regions)")
    assert memo.district_summary() == ("Highest district figure reported (no statistic printed): Northwest 19.8; "
                                       "Far East: 3.2 (rank 4 of 5 districts reported)\n"
                                       "Districts reported: 5; groups by type of subject: 3")


def test_kinds_of_example_keep_the_order_of_the_data(memo):
    assert list(memo.level_summary().subtype) == ["neighbouring_regions", "non_neighbouring_common_interests",
                                                  "subregional_association", "cross_border",
                                                  "bilateral_state_agreement", "trans_regional"]


def test_organisations_and_facts_as_the_tables_print_them(memo):
    assert org_short("European Union (Interreg Barents)") == "EU Interreg Barents"
    assert org_short("Nordic Investment Bank (facility established by the Nordic Council)") == "Nordic Investment Bank"
    assert [fact_period(r) for r in memo.facts.itertuples()] == [
        "1991–1995", "", "", "", "1992–1994", "1998", "1998 (by context)", "1998", "1998", "1998"]
    assert [fact_figure(r) for r in memo.facts.itertuples()][:5] == ["more than 300", "56 percent", "40 percent", "2", ""]


def test_the_sum_restated_in_ecu_is_named_beside_the_nok_pledge(memo):
    text = memo.sum_purposes().data
    assert text.startswith("NOK 300 million (Norway, pledge)\n: modernize the combine")
    assert "The memo adds the equivalent 'ECU 37 million' in parentheses." in text
    assert text.count("\n: ") == 9  # ten sums, the ECU twin of the pledge folded into its NOK row


def test_ecu_sums_in_million_smallest_first_and_a_new_row_needs_a_label(memo):
    ecu = memo.ecu_sums()
    assert ecu.ecu_million.tolist() == [0.245, 1.2, 1.8, 32.0, 36.0, 37.0, 80.0, 100.0]
    other = Memo()
    new = other.with_sum.item_id == "nefco_capitalization"
    other.with_sum = other.with_sum.assign(item_id=other.with_sum.item_id.where(~new, "nefco_new"),
                                           short_label=other.with_sum.short_label.mask(new))
    with pytest.raises(ValueError, match=r"sums in ECU with no short_label in cooperation_programmes_1990s.csv: "
                                         r"\['nefco_new'\]"):
        other.ecu_sums()
    # the bar labels are the data's, row by row
    rows = {r["item_id"]: r for r in csv.DictReader(open(DATA / "cooperation_programmes_1990s.csv", encoding="utf-8"))}
    assert ecu.label.tolist() == [rows[i]["short_label"] for i in ecu.item_id]
    assert "EU Interreg Barents: budget" in ecu.label.tolist()


def test_the_figures_carry_their_plotted_numbers(memo):
    table, definitions, fig = memo.level_items()
    assert fig.name == "fig-regionalism-levels" and fig.data.examples.sum() == 25
    assert memo.sums_figure().data.ecu_million.tolist() == [0.245, 1.2, 1.8, 32.0, 36.0, 37.0, 80.0, 100.0]
    *_, three = memo.by_type_items()
    assert three.data.panel.value_counts().to_dict() == {"by federal district": 5, "by type of subject": 3,
                                                         "national total": 1}


def _csv(name):
    import csv

    from conftest import ROOT
    with open(ROOT / "data" / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_lists_and_tables_follow_the_memo_order(memo):
    rows = _csv("regionalism_promises")
    dark = sorted((int(r["number"]), r["summary"]) for r in rows if r["kind"] == "dark_side")
    assert memo.dark_side().data.splitlines()[2:] == [f"{n}. {s}" for n, s in dark]
    table = memo.programme_table().data.splitlines()
    assert len(table) - 4 == len(_csv("cooperation_programmes_1990s"))  # header, rule, blank line, caption
    assert table[2].split("|")[1].strip() == "Norway" and "NOK 300 million" in table[2]
    table, described, flagged = memo.fact_items()
    assert described.data.count("\n") + 1 == len(_csv("bright_side_facts"))
    assert flagged.data.count("\n: ") == 2  # the two facts whose note flags a missing base or an ambiguity


def test_the_levels_chart_stacks_every_example():
    import matplotlib.pyplot as plt

    from rusregions.present import agreement_charts
    summary = Memo().level_summary()
    fig, plotted = agreement_charts.levels_of_cooperation(summary, "Sergounin (1999)")
    widths = sum(p.get_width() for p in fig.axes[0].patches)
    assert widths == len(_csv("regionalism_levels")) == plotted.examples.sum() == 25
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][0] == "neighbouring regions"
    plt.close(fig)


@pytest.fixture(autouse=True)
def _close_figures():
    # the sections draw figures that a notebook would show and close; here they are closed after each test
    yield
    import matplotlib.pyplot as plt
    plt.close("all")
