"""The regionalism-today chapter's helpers on the real data (sources 000 and 003)."""
import pytest

from rusregions.regionalismtoday import Today, notes


@pytest.fixture(scope="module")
def today():
    return Today()


def test_the_institute_page_by_kind_in_the_order_the_page_uses(today):
    counts, claims = today.agenda_kinds()
    rows = [line.split("|")[1:3] for line in counts.data.splitlines()[2:7]]
    assert [(k.strip(), int(n)) for k, n in rows] == [("purpose", 1), ("task", 1), ("assessment", 13), ("plan", 3),
                                                     ("media", 3)]
    assert claims.data.startswith("**Purpose**\n\n- The Institute states that its purpose is to study")
    assert today.years_and_figures() == ("Years named on the page: 1991 (research gap); 2019 (region expert)\n"
                                         "Figures named on the page: more than 80 (research gap)")
    assert today.agenda_notes().data.count("\n- ") == len(notes("institute_agenda")) > 0


def test_protests_and_the_vote(today):
    assert today.protest_summary() == "4 regions in the list, 1 named separately; exhaustive: no"
    assert today.vote_figure() == (
        "more than 130,000 votes registered on the first voting day, all five regions together (siberia, urals, "
        "kaliningrad, krasnodar, ingria)\nqualifier as printed: 'over'; per-region breakdown: none; errata: none")


def test_the_earliest_year_follows_from_the_league_and_the_closing_month(today):
    assert today.earliest_year() == ("League founded: 2022-05 (stated); vote closes on month 2, day 28; earliest year "
                                     "consistent with the report: 2023; year recorded in the data: 2023 (inferred)")


def test_shared_attributes_read_as_the_report_words_them(today):
    shared = today.referenda_tables()[1].data
    assert "| Binding  " in shared and "no (the report: 'non-binding')" in shared and "| Thursday" in shared


def test_an_attribute_that_differs_between_referenda_is_an_error():
    t = Today()
    t.ref.loc[1, "mode"] = "postal"
    with pytest.raises(ValueError, match="referenda_2023: mode differs between the referenda; it is no shared attribute"):
        t.referenda_tables()


def test_views_by_stance_and_holder(today):
    assert today.stance_counts() == ("analyst: fears conflict: 1; analyst: referenda as PR: 2; analyst: war may bring "
                                     "collapse: 2; supports independence: 4 (views); holders: 5")
    table, by_holder = today.holders()
    assert by_holder.data.startswith("**Stanislav Pavlovsky-Suslov**\n\n- Confident that a 'yes' vote")
    assert today.garbled().data.count("- **") == int(today.views.note.notna().sum()) == 5


def test_protests_events_and_the_source_remarks(today):
    assert today.protest_table().data.count("\n|") - 1 == len(today.protests) == 5
    events = today.events_table().data
    assert "| organisation founded | May 2022 " in events and "| 2023 (inferred) | Post-Russia Forum " in events
    assert today.year_notes().data.startswith("- The report gives no year:")
    assert today.league_notes().data.startswith("- 'the six provinces' that formed the League of Nations")
