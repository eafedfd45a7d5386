"""The report's reading of the border-regions abstract covers every item and cites real data rows."""
import pytest

from rusregions import borderregions, data


def _evidence():
    districts = data.load("agreements_by_federal_district")
    far = districts.set_index("region_id").loc["far_eastern_federal_district"]
    return borderregions.Evidence(data.load("interview_findings"),
                                  data.load("activity_conditions").set_index("condition_id"),
                                  data.load("border_functions"), far, len(districts))


def test_every_abstract_item_has_one_reading_and_every_key_names_a_row():
    borderregions.check_coverage(data.load("border_region_factors"))
    ev = _evidence()
    assert all(ev(k) for _, keys, _ in borderregions.READING for k in keys)
    assert {r for _, _, r in borderregions.READING} <= set(borderregions.READINGS)


def test_a_missing_item_and_an_unknown_key_are_errors():
    abstract = data.load("border_region_factors")
    with pytest.raises(ValueError, match=r"no reading for \['new_item'\]"):
        borderregions.check_coverage(abstract.assign(item_id=abstract.item_id.where(abstract.index > 0, "new_item")))
    with pytest.raises(KeyError):
        _evidence()("q9.9")


# --- the chapter's sections (rusregions.borderregions.Borders) on the real data -------------------------------

@pytest.fixture(scope="module")
def borders():
    import matplotlib
    matplotlib.use("Agg")
    return borderregions.Borders()


def test_the_abstract_by_kind_in_the_data_order(borders):
    assert borders.abstract_kinds() == "5 factors, 4 functions, 4 findings"
    table, described = borders.abstract_items()
    assert described.data.startswith("**Factors**\n\nProximity points of contact\n: Border regions are studied")


def test_the_far_east_table_prints_quantities_with_their_units(borders):
    text = borders.far_east_table().data
    assert "| Length of the border with China " in text and "| 4,250 km " in text
    assert text.count("| since 1992 ") == 3 and "| 7.5%  " in text


def test_sentences_computed_from_the_data(borders):
    assert borders.district_rank() == ("Far East: 3.2 agreements per region, rank 4 of 5 districts reported; "
                                       "highest: Northwest 19.8")
    assert borders.sample_text() == ("12 respondents, interviewed 2015–2016; method: in-depth interview (called a "
                                     "survey later in the text)")
    assert borders.twin_summary() == "11 of 18 twin cities are in China, Japan or the two Koreas; 4 in the United States"
    assert borders.condition("territory_size_barrier").data == (
        "Extension of territory (role in the chapter: *constraint*)\n: Russia's size makes distant cooperation costly, "
        "so regions cooperate mostly with nearby states and regions.\n")


def test_the_readings_tally_and_figure(borders):
    assert borders.reading_tally() == "consistent: 5; mixed: 1; in tension: 6; not addressed: 1 (of 13 claims)"
    table, cited, fig = borders.reading_items()
    assert fig.name == "fig-abstract-claims" and list(fig.data.factor_id) == [i for i, _, _ in borderregions.READING]
    keys = {k for _, ks, _ in borderregions.READING for k in ks if k.startswith("q")}
    assert cited.data.count("\n- **q") == len(keys) == 11  # each interview finding READING cites, once


def test_twin_cities_by_country_most_first(borders):
    lines = borders.twin_table().data.splitlines()
    assert lines[2].replace(" ", "") == "|China|2|2|4|" and lines[9].replace(" ", "") == "|NorthKorea|0|1|1|"


def test_the_twin_city_verdicts_the_prose_reads(borders):
    assert borders.twin_verdicts() == ("Most", "as frequent a partner as China or Japan")
    other = borderregions.Borders()
    us = other.twins.index[other.twins.partner_country == "united_states"]
    other.twins.loc[us[:2], "partner_country"] = "canada"  # two US twinnings fewer: 2 against China's and Japan's 4
    assert other.twin_verdicts() == ("Most", "a less frequent partner than China or Japan")
    other.twins.loc[other.twins.index[:6], "partner_country"] = "canada"
    assert other.twin_verdicts()[0] == "Fewer than half"


def test_border_functions_findings_and_the_districts_chart(borders):
    import matplotlib.pyplot as plt

    from rusregions.present import border_charts
    table, described = borders.border_functions()
    assert described.data.startswith("Window to the world\n: Border regions that")
    assert borders.findings_table().data.count("\n|") - 1 == len(borders.findings) == 16
    d = borders.districts.sort_values("value")
    fig, plotted = border_charts.border_districts(d, borders.fe.set_index("indicator").loc["border_length_with_china"])
    ax = fig.axes[0]
    assert [round(p.get_width(), 6) for p in ax.patches[:len(d)]] == list(d.value)
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("border with China")] == [
        "border with China: 4,250 km,\nthe longest (as the chapter states)"]
    plt.close(fig)
    fig, plotted = border_charts.abstract_claims(borders.readings())
    assert len(fig.axes[0].collections[0].get_offsets()) == len(borderregions.READING)
    plt.close(fig)


@pytest.fixture(autouse=True)
def _close_figures():
    # the sections draw figures that a notebook would show and close; here they are closed after each test
    yield
    import matplotlib.pyplot as plt
    plt.close("all")
