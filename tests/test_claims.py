"""The claims ledger: every attributed claim in the prose has a row, every row holds against its source.

The bad-input tests feed the errors a reviewer actually found in this report (misquotations,
wrong credits, strength words the source does not carry) and assert the exact message.
"""
import csv

import pytest

from rusregions import claims
from rusregions.claims import Paragraph

FIELDS = ["claim_id", "chapter", "kind", "claim", "source_id", "section", "page", "quote", "cite_key",
          "outside_ref", "strength_note"]


def ledger_file(tmp_path, *rows):
    """A real claims.csv holding the given rows (missing columns empty)."""
    path = tmp_path / "claims.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS)
        w.writeheader()
        for row in rows:
            w.writerow({f: row.get(f, "") for f in FIELDS})
    return claims.load_ledger(path)


# --- the book as it stands ---------------------------------------------------------

def test_every_ledger_row_holds_against_its_source():
    assert claims.check_ledger(claims.load_ledger()) == []


def test_every_marker_has_its_row_and_every_quotation_is_in_a_source():
    assert claims.check_prose(claims.load_ledger(), claims.paragraphs()) == []


def test_every_paragraph_that_cites_a_work_carries_a_claim_marker():
    assert claims.uncovered(claims.paragraphs()) == []


def test_the_ledger_covers_chapters_profiles_and_front_matter():
    chapters = {r["chapter"] for r in claims.load_ledger()}
    expected = {p.stem for p in claims.prose_files() if p.suffix == ".ipynb"} | {"intro"}
    assert expected <= chapters


def test_the_ledger_pages_are_up_to_date():
    assert claims.LEDGER_PAGE.read_text(encoding="utf-8") == claims.render_ledger(), \
        "run: python -m rusregions.claims"
    assert claims.BEYOND_PAGE.read_text(encoding="utf-8") == claims.render_beyond(), \
        "run: python -m rusregions.claims"


def test_every_outside_fact_is_on_the_beyond_page_with_its_reference():
    page = claims.BEYOND_PAGE.read_text(encoding="utf-8")
    outside = [r for r in claims.load_ledger() if r["kind"] == "outside"]
    assert outside, "the report states outside facts; they must be in the ledger"
    for r in outside:
        assert f"(outside-{r['claim_id']})=" in page and f"`{r['outside_ref']}`" in page


# --- real errors, fed back -------------------------------------------------------------

AEBR = ("the Euro regions which are considered to be a “central institutionalized form of cross-border "
        "cooperation” in Russia. Euro regions with Russian support are members of the Association of European "
        "Border Regions (Turovskiy 2011, 101)")


def test_a_claim_credited_to_the_wrong_work_is_reported(tmp_path):
    rows = ledger_file(tmp_path, dict(claim_id="c04-90", chapter="04_forms_and_conditions", kind="paraphrase",
                                      claim="Euroregions belong to the Association of European Border Regions",
                                      source_id="002", section="4.5", page="148", quote=AEBR, cite_key="mironow2010"))
    assert claims.check_ledger(rows) == [
        "claims.csv:2 (c04-90): cite_key 'mironow2010' (Mironow) is not the work the source credits for this passage"]


def test_the_right_credit_passes(tmp_path):
    rows = ledger_file(tmp_path, dict(claim_id="c04-90", chapter="04_forms_and_conditions", kind="paraphrase",
                                      claim="Euroregions belong to the Association of European Border Regions",
                                      source_id="002", section="4.5", page="148", quote=AEBR, cite_key="turovskiy2011"))
    assert claims.check_ledger(rows) == []


def test_an_outside_name_inside_quotation_marks_is_reported(tmp_path):
    passage = ("the financial requirement for the implementation of “The Strength of Siberia” project will not be "
               "given back in 30 years, according to Yuriy Moskalenko")
    rows = ledger_file(tmp_path, dict(claim_id="c05-90", chapter="05_far_east", kind="quotation",
                                      claim='the "Power of Siberia" pipeline would not pay for itself within 30 years',
                                      source_id="002", section="4.17", page="194", quote=passage,
                                      cite_key="moskalenko2015a"))
    assert claims.check_ledger(rows) == ["claims.csv:2 (c05-90): quotation 'Power of Siberia' is not in the passage"]
    prose = [Paragraph("chapters/05_far_east.ipynb", "05_far_east",
                       'Russia subsidises gas sales to China (the "Power of Siberia" pipeline would not pay).')]
    assert claims.check_prose([], prose) == [
        'chapters/05_far_east.ipynb: quotation not found in any source: "Power of Siberia"']


def test_a_quotation_credited_to_someone_the_source_does_not_name_is_reported(tmp_path):
    # The chapter gives the federalism quotation to "the abovementioned Amur", in a paragraph cited to Moskalenko
    # 2015b; crediting it to Moskalenko 2015a (the previous paragraph) is wrong.
    passage = ("“The Far East, just like other Russian regions, needs real not declaratory federalism,” as the "
               "abovementioned Amur was quoted saying.")
    rows = ledger_file(tmp_path, dict(claim_id="c05-91", chapter="05_far_east", kind="quotation",
                                      claim='"the Far East … needs real not declaratory federalism"',
                                      source_id="002", section="4.17", page="194", quote=passage,
                                      cite_key="moskalenko2015a"))
    assert claims.check_ledger(rows) == []  # the name is right: the check is on the work, see the next assertion
    rows[0]["cite_key"] = "madej2015"
    assert claims.check_ledger(rows) == [
        "claims.csv:2 (c05-91): cite_key 'madej2015' (Madej) is not the work the source credits for this passage"]


def test_part_of_a_word_is_not_a_quotation(tmp_path):
    rows = ledger_file(tmp_path, dict(claim_id="c06-91", chapter="06_case_studies", kind="quotation",
                                      claim='The authors find it "alarming" that industry has become more extractive',
                                      source_id="002", section="4.13.1", page="175",
                                      quote="Alarmingly, in the mentioned industries there is 93.4%",
                                      cite_key="pietrasiak2018"))
    assert claims.check_ledger(rows) == ["claims.csv:2 (c06-91): quotation 'alarming' is not in the passage"]


def test_means_where_the_source_prints_no_statistic_is_reported(tmp_path):
    passage = ("The North Caucasian regions with 3 agreements and the Far Eastern regions with 3.2 agreements bring "
               "up the rear (Reisinger and Yoo 2012, 15)")
    rows = ledger_file(tmp_path, dict(claim_id="c10-90", chapter="10_synthesis", kind="paraphrase",
                                      claim="the later figures are per-region means", source_id="002",
                                      section="4.7", page="154", quote=passage, cite_key="reisinger2012"))
    assert claims.check_ledger(rows) == ["claims.csv:2 (c10-90): the claim says 'means' but the passage does not"]


def test_a_number_the_passage_does_not_hold_is_reported(tmp_path):
    rows = ledger_file(tmp_path, dict(claim_id="c06-90", chapter="06_case_studies", kind="paraphrase",
                                      claim="a friendship and economic cooperation agreement of 2013",
                                      source_id="002", section="4.13.1", page="177",
                                      quote="Consultative Board on The Sakhalin Oblast and Hokkaido Prefecture "
                                            "Friendship Economic Cooperation Agreement",
                                      cite_key="mid_otchet_sakhalin_2013"))
    # Cut so, the passage also loses the words that credit the MOFA report ("The Russian MOFA report shows").
    assert claims.check_ledger(rows) == [
        "claims.csv:2 (c06-90): cite_key 'mid_otchet_sakhalin_2013' (Ministerstvo) is not the work the source "
        "credits for this passage",
        "claims.csv:2 (c06-90): the claim says '2013' but the passage does not"]


def test_a_passage_not_in_the_source_and_a_wrong_page_are_reported(tmp_path):
    rows = ledger_file(
        tmp_path,
        dict(claim_id="c05-92", chapter="05_far_east", kind="paraphrase", claim="transport from European Russia",
             source_id="002", section="4.10", page="160", quote="the cost of transport from European Russia",
             cite_key="zykov2007"),
        dict(claim_id="c05-93", chapter="05_far_east", kind="paraphrase", claim="Chinese goods",
             source_id="002", section="4.10", page="150", quote="Chinese goods make share of", cite_key="zykov2007"))
    assert claims.check_ledger(rows) == [
        "claims.csv:2 (c05-92): passage not found in source '002': 'the cost of transport from European Russia'",
        "claims.csv:3 (c05-93): page is '150', passage is on page 165"]


def test_outside_facts_and_inferences_must_say_what_they_are(tmp_path):
    passage = "federal cities take the leading role in concluding international agreements"
    rows = ledger_file(
        tmp_path,
        dict(claim_id="c02-90", chapter="02_all_russia_comparison", kind="outside",
             claim="the federal cities are Moscow and Saint Petersburg", source_id="002", section="4.7", page="153",
             quote=passage, cite_key="reisinger2012"),
        dict(claim_id="c02-91", chapter="02_all_russia_comparison", kind="inference",
             claim="the district figures are means", source_id="002", section="4.7", page="153", quote=passage,
             cite_key="reisinger2012"))
    assert claims.check_ledger(rows) == [
        "claims.csv:2 (c02-90): an outside fact needs its own reference in outside_ref",
        "claims.csv:3 (c02-91): an inference must be worded as one (e.g. 'implies', 'most likely', 'if')"]


def test_markers_rows_and_wording_must_agree(tmp_path):
    rows = ledger_file(
        tmp_path,
        dict(claim_id="c05-94", chapter="05_far_east", kind="paraphrase", claim="the district is losing people",
             source_id="002", quote="The population is successively decreasing", cite_key="pietrasiak2018"),
        dict(claim_id="c05-95", chapter="05_far_east", kind="paraphrase", claim="never marked",
             source_id="002", quote="The population is successively decreasing", cite_key="pietrasiak2018"))
    prose = [Paragraph("chapters/05_far_east.ipynb", "05_far_east",
                       "The authors describe a district that keeps its people.{claim}`c05-94` "
                       "Unknown.{claim}`c05-99` Outside.{outside}`c05-95`")]
    assert claims.check_prose(rows, prose) == [
        "chapters/05_far_east.ipynb: the claim of c05-94 is not worded so in the prose: 'the district is losing people'",
        "chapters/05_far_east.ipynb: marker {claim}`c05-99` has no row in claims.csv",
        "chapters/05_far_east.ipynb: the claim of c05-95 is not worded so in the prose: 'never marked'",
        "chapters/05_far_east.ipynb: c05-95 is of kind 'paraphrase'; mark outside facts with {outside} and only them"]
    assert claims.check_prose(rows, prose[:0]) == [
        "claims.csv: c05-94 is not marked anywhere in chapter '05_far_east'",
        "claims.csv: c05-95 is not marked anywhere in chapter '05_far_east'"]


def test_a_quotation_must_be_in_the_passage_of_its_paragraphs_claim(tmp_path):
    # "boost" is in a source (Sergounin's memo), but the paragraph's claim row quotes chapter 002.
    rows = ledger_file(tmp_path, dict(claim_id="c02-90", chapter="02_all_russia_comparison", kind="quotation",
                                      claim='"boost the average"', source_id="002", section="4.7", page="154",
                                      quote="Some regions like Moscow or Saint Petersburg “boost the average” of its "
                                            "districts.", cite_key="pietrasiak2018"))
    prose = [Paragraph("chapters/02_all_russia_comparison.ipynb", "02_all_russia_comparison",
                       'They "boost the average"{claim}`c02-90`; a median would not be "boosted".')]
    assert claims.check_prose(rows, prose) == [
        'chapters/02_all_russia_comparison.ipynb: quotation "boosted" (source 001) is in no passage of the claim '
        'rows marked in its paragraph']


def test_a_cited_paragraph_without_a_marker_is_uncovered():
    para = Paragraph("chapters/05_far_east.ipynb", "05_far_east",
                     "Out-migration in 2014 is credited to Madej {cite:p}`madej2015`.")
    assert claims.uncovered([para]) == [
        "chapters/05_far_east.ipynb: Out-migration in 2014 is credited to Madej {cite:p}`madej2015`.…"]



def test_the_books_attribution_sentences_carry_a_marker_or_citation():
    assert claims.unmarked_attributions(claims.paragraphs()) == []


def test_an_attribution_without_a_marker_is_reported():
    # Chapter 8 as it stood (excerpt): claims credited to the book chapter, none in the ledger.
    para = Paragraph("chapters/08_border_regions.ipynb", "08_border_regions",
                     "The Russian Far East is a border macro-region on any reading. The book chapter gives the length "
                     "of its border\nwith China and calls it the longest; it places the district next to the "
                     "Asia-Pacific economy. Yet the same chapter finds the Far East among the least "
                     "internationalized parts of Russia.")
    assert claims.unmarked_attributions([para]) == [
        'chapters/08_border_regions.ipynb: attribution without a claim marker: "Yet the same chapter finds the '
        'Far East among the least internationalized parts of Russia."']


def test_the_reports_own_framing_is_not_an_attribution():
    # Sentences of the book that name a source but report no claim of it.
    paras = [Paragraph("book/how_to_read.md", "how_to_read",
                       "- **Claims and attributions.** Sentences of the form *Zubarevich (2015) holds…* or *the "
                       "Institute states…* report a source's view; they are not the report's own conclusions."),
             Paragraph("book/how_to_read.md", "how_to_read",
                       "Where a value is evidently wrong, a corrected value appears beside it with the reason, and "
                       "the chapter says which one its figures use."),
             Paragraph("chapters/08_border_regions.ipynb", "08_border_regions", "## What the abstract claims"),
             Paragraph("chapters/05_far_east.ipynb", "05_far_east",
                       "The report gives their views as the chapter reports them; they are claims, not findings of "
                       "this report.")]
    assert claims.unmarked_attributions(paras) == []


@pytest.mark.parametrize("quote, found", [
    ("the Far East … needs real not declaratory federalism", "002"),   # ellipsis for omitted words
    ("Some regions like Moscow or Saint Petersburg 'boost the average' of its districts", "002"),  # nested quote
    ("left his euro-centrism", "002"),                                  # hyphen split by a line break
    ("Many analysts", "001"),
    ("then and now", None),                                             # a paraphrase put in quotation marks
    ("bright side", None),                                              # the source prints "Bright Side"
])
def test_find_quotation(quote, found):
    assert claims.find_quotation(quote) == found


def test_a_possessive_credit_without_a_marker_is_reported():
    # The profile template and chapter 4 as they stood: a named author's grouping and models, credited by a
    # possessive and a citation but with no ledger row. A citation names the work, not the claim.
    paras = [Paragraph("chapters/templates/region_profile.ipynb", "region_profile",
                       "It gathers everything the report's data hold about the region: the case-study figures of "
                       "section 4.13 of the chapter, its league in\nDem'yanenko's grouping of Russian regions and "
                       "the other statistics the chapter quotes for it {cite:p}`demyanenko2013`."),
             Paragraph("chapters/04_forms_and_conditions.ipynb", "04_forms_and_conditions",
                       "These are the authors' categories, built from the literature they cite; several are applied "
                       "unevenly or named without definition (Turovskiy's network and corporate models, Soldatos' "
                       "models in the chapter on federalism and the law), and none is measured in the source.")]
    assert claims.unmarked_attributions(paras) == [
        "chapters/templates/region_profile.ipynb: attribution without a claim marker: \"It gathers everything the "
        "report's data hold about the region: the case-study figures of section 4.13 of the chapter, its league in "
        "Dem'yanenko's grouping of Russian regions and the other statistics the chapter quotes for it "
        "{cite:p}`demyanenko2013`.\"",
        "chapters/04_forms_and_conditions.ipynb: attribution without a claim marker: \"These are the authors' "
        "categories, built from the literature they cite; several are applied unevenly or named without "
        "definition (Turovskiy's network and corporate models, Soldatos' models in the chapter on federalism and "
        "the law), and none is measured in the source.\""]


def test_a_possessive_that_names_a_work_or_carries_a_marker_is_not_reported():
    paras = [Paragraph("chapters/templates/region_profile.ipynb", "region_profile",
                       "This profile is one of a series generated from a single template, one for each region of the "
                       "Far Eastern Federal District in Pietrasiak and Słowikowski's Table 4.1."),
             Paragraph("chapters/10_synthesis.ipynb", "10_synthesis",
                       "Each period is documented by essentially one source: the 1990s by Sergounin's memo and by "
                       "the book chapter looking back."),
             Paragraph("chapters/05_far_east.ipynb", "05_far_east",
                       "They doubt that Zubarevich's geopolitical model describes what the centre actually "
                       "does{claim}`c05-24`, since her own analysis of the transfers points to inertia."),
             Paragraph("chapters/01_index_tables.ipynb", "01_index_tables",
                       "This chapter rebuilds the table from the data and checks the authors' reading of it.")]
    assert claims.unmarked_attributions(paras) == []

