"""Shared wording helpers of present.format: qualifiers before numbers and definition lists."""
from rusregions import data
from rusregions.present.format import bullets, definitions, more_than


def test_more_than_reads_the_data_qualifier():
    votes = data.load("referenda_votes").iloc[0]
    assert more_than(votes.qualifier) == "more than "  # the report: 'over 130,000'
    assert more_than(None) == "" and more_than(float("nan")) == "" and more_than("about") == ""


def test_definitions_render_a_myst_definition_list():
    assert definitions([("NOK 300 million", "a pledge."), ("ECU 80 million", "capital.")]) == (
        "NOK 300 million\n: a pledge.\n\nECU 80 million\n: capital.\n")
    assert definitions([]) == ""


def test_bullets_make_a_markdown_list():
    assert bullets(["a", "b c"]) == "- a\n- b c"
    assert bullets([]) == ""
