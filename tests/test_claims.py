"""The claims ledger: every attributed claim in the prose has a row, every row holds against its source.

The bad-input tests feed the errors a reviewer actually found in this report (misquotations,
wrong credits, strength words the source does not carry) and assert the exact message.
"""
import csv

import pytest

from rusregions import claims
from rusregions.claims import Paragraph
from rusregions.sources import load_source

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



# --- where the quoted words stand, whose paragraph credits them, counts in words ---------------------------

VERY_LOW = ("and possibilities which are offered by having been a capital city of Russia.. What is noticeable is that "
            "the Russian Far East has a very low internationalization level, which is surprising. In spite of an "
            "attractive location regarding economic terms in the Northwest Asian")


def test_a_quotation_is_paged_where_its_quoted_words_stand(tmp_path):
    # c02-57 as it stood: the page on which the passage opens (154), not the one on which the quoted words stand.
    row = dict(claim_id="c02-57", chapter="02_all_russia_comparison", kind="quotation",
               claim='"A very low internationalization level"', source_id="002", section="4.7", page="154",
               quote=VERY_LOW, cite_key="pietrasiak2018")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c02-57): page is '154', the quoted words are on page 155"]
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, page="155"))) == []
    # A paraphrase of the same passage keeps the page on which the passage opens.
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, kind="paraphrase", claim="a very low level"))) == []


def test_a_quotation_that_runs_on_to_the_next_page_is_paged_where_it_begins(tmp_path):
    # The federalism quotation begins on p. 194 and ends on p. 195; the page column holds one integer.
    passage = ("“The Far East, just like other Russian regions, needs real not declaratory federalism,” as the "
               "abovementioned Amur was quoted saying.")
    row = dict(claim_id="c05-20", chapter="05_far_east", kind="quotation",
               claim='"The Far East, just like other Russian regions, needs real not declaratory federalism"',
               source_id="002", section="4.17", page="195", quote=passage, cite_key="moskalenko2015b")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c05-20): page is '195', the quoted words are on page 194"]
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, page="194"))) == []


def test_the_section_is_where_the_words_stand(tmp_path):
    # A passage opening in section 4.13.2 whose quoted words stand under the heading of 4.13.3; and the index
    # reading of section 4.12.2 given the number of its parent section.
    across = ("the annexation of Crimea by the Russian Federation. 4.13.3. Primorsky Krai In Primorsky Krai there "
              "are 226 companies of the extractive industry")
    reading = ("The research proves that Sakhalin Oblast, Khabarovsk Krai, and Primorsky Krai are the most "
               "internationalized.")
    rows = [dict(claim_id="c06-90", chapter="06_case_studies", kind="quotation",
                 claim='"226 companies of the extractive industry"', source_id="002", section="4.13.2",
                 page="181", quote=across, cite_key="pietrasiak2018"),
            dict(claim_id="c01-90", chapter="01_index_tables", kind="paraphrase",
                 claim="Sakhalin, Khabarovsk and Primorsky lead", source_id="002", section="4.12", page="172",
                 quote=reading, cite_key="pietrasiak2018")]
    assert claims.check_ledger(ledger_file(tmp_path, *rows)) == [
        "claims.csv:2 (c06-90): section is '4.13.2', the quoted words are in section '4.13.3'",
        "claims.csv:3 (c01-90): section is '4.12', passage is in section '4.12.2'"]
    rows[0]["section"], rows[1]["section"] = "4.13.3", "4.12.2"
    assert claims.check_ledger(ledger_file(tmp_path, *rows)) == []


US_TALKS = ("The US investments are not huge – USD 25 million, however, before 2014 there were talks that were to "
            "revive the US investment spirit. These talks are currently suspended and are as a result of the "
            "annexation of Crimea by the Russian Federation.")


def test_a_passage_whose_paragraph_cites_nothing_is_the_sources_own(tmp_path):
    # c06-11 as it stood: the last Khabarovsk paragraph carries no citation; the Ministry's passport of Primorsky,
    # cited in the next section, does not credit it.
    row = dict(claim_id="c06-11", chapter="06_case_studies", kind="quotation",
               claim='the US investment the same page calls "not huge"', source_id="002", section="4.13.2",
               page="180", quote=US_TALKS, cite_key="mid_khabarovsk_yao_2014")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c06-11): cite_key 'mid_khabarovsk_yao_2014' (Ministerstvo): the source paragraph of this "
        "passage cites no work; credit the source itself ('pietrasiak2018')"]
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, cite_key="pietrasiak2018"))) == []


def test_a_citation_in_the_next_paragraph_does_not_credit_the_passage(tmp_path):
    # The paragraph ends with its own foreign partners; the next one opens by citing Busygina and Lebedeva.
    passage = ("The Kremlin has now undoubtedly more to say than in the 1990s about a region’s interaction with "
               "their foreign partners.")
    row = dict(claim_id="c03-90", chapter="03_federal_relations", kind="paraphrase",
               claim="the Kremlin has more say over regions' foreign ties than in the 1990s", source_id="002",
               section="4.1", page="139", quote=passage, cite_key="busygina2008")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c03-90): cite_key 'busygina2008' (Busygina) is not the work the source credits for this "
        "passage"]
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, cite_key="pietrasiak2018"))) == []


def test_page_furniture_inside_a_paragraph_neither_ends_nor_credits_it(tmp_path):
    # The extraction sets footnote 1 ("… (Lee 2012).") in the middle of the Central Bank paragraph, at a page
    # foot; the paragraph goes on to cite Kryuchkova and her co-authors.
    passage = "the annual balance of direct investment in the Far Eastern Federal District was USD 3.9 trillion"
    row = dict(claim_id="c05-90", chapter="05_far_east", kind="paraphrase",
               claim="the annual balance of direct investment in the Far Eastern Federal District was USD 3.9 trillion",
               source_id="002", section="4.16", page="193", quote=passage, cite_key="lee2012")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c05-90): cite_key 'lee2012' (Lee) is not the work the source credits for this passage"]
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, cite_key="kryuchkova2016"))) == []
    # The footnote is a paragraph of its own, which Lee is credited for.
    footnote = "China was in 2012 the largest trading partner for the Russian Far East’s border regions"
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, claim="China was the largest trading partner",
                                                          quote=footnote, cite_key="lee2012"))) == []


def test_a_paragraph_runs_on_past_the_footnote_and_running_header_set_inside_it():
    # Source 002 as extracted: "… of regional international", a blank line, footnote 2, the running header of
    # p. 196, and "cooperation. All the rest …" — one paragraph of the printed book; the footnote is another.
    flat = load_source("002").flat
    assert claims.paragraph_text("002", flat.index("The first question concerned")) == (
        "The first question concerned the cause of development of international activity. From many various "
        "answers, respondents mostly indicated that border location is an essential motive of international "
        "cooperation and provides support to it. Globalization processes were often indicated as natural and "
        "objective conditions of development of regional international cooperation. All the rest were extremely "
        "rare, however, regionalization processes and external incentives can be distinguished.")
    assert claims.paragraph_text("002", flat.index("2 Interviews")) == ("2 Interviews were held between "
                                                                       "2015–2016 with 12 people.")


def _credited_only_to(tmp_path, row, other, other_name):
    """The row holds as it is, and the same passage credited to `other` is refused in the exact words."""
    assert claims.check_ledger(ledger_file(tmp_path, row)) == []
    assert claims.check_ledger(ledger_file(tmp_path, dict(row, cite_key=other))) == [
        f"claims.csv:2 ({row['claim_id']}): cite_key {other!r} ({other_name}) is not the work the source credits "
        "for this passage"]


def test_a_numbered_list_is_one_paragraph_with_its_closing_citation(tmp_path):
    # The four leagues are set as a numbered list that one citation of Dem'yanenko closes, after the fourth.
    passage = ("2. In the second group (league one) are regions that have an export- oriented economy or are "
               "connected with external economic institutions")
    row = dict(claim_id="cpr-07", chapter="region_profile", kind="quotation", claim='"league one" and so on',
               source_id="002", section="4.7", page="157", quote=passage, cite_key="demyanenko2013")
    _credited_only_to(tmp_path, row, other="zubarevich2012", other_name="Zubarevich")


def test_a_citation_by_body_and_title_without_a_year_credits_its_paragraph(tmp_path):
    # The source cites laws by issuer and title: "(Rossiyskaya Federatsiya, Konstitutsiya Rossiyskoy Federatsii)".
    passage = ("The federal centre is responsible for defence and national security, war and peace, defence "
               "industry and weapon trade")
    row = dict(claim_id="c03-90", chapter="03_federal_relations", kind="paraphrase",
               claim="the federal centre is responsible for defence and national security", source_id="002",
               section="4.4", page="145", quote=passage, cite_key="konstitutsiya")
    _credited_only_to(tmp_path, row, other="namchak2012", other_name="Namchak")


def test_a_passage_inside_a_citation_is_credited_by_that_citation(tmp_path):
    # A data row may quote the title a citation gives: the citation's author, before the passage, credits it.
    passage = "Kontseptsiya raboty MID Rossii po koordinatsii"
    row = dict(claim_id="c03-90", chapter="03_federal_relations", kind="paraphrase",
               claim="the concept of the ministry's work on coordination", source_id="002", section="4.9",
               page="162", quote=passage, cite_key="mid_kontseptsiya_2001")
    _credited_only_to(tmp_path, row, other="namchak2012", other_name="Namchak")


def test_the_government_cited_in_cyrillic_is_credited(tmp_path):
    # "(Правительствo Российской Федерации, Programma sotrudnichestva mezhdu regionami, 2009)"
    passage = ("The Program of the Far East and East Siberia of the Russian Federation and the Northeast region of "
               "the People’s Republic of China Cooperation in 2009–2018")
    row = dict(claim_id="c05-90", chapter="05_far_east", kind="paraphrase",
               claim="the 2009–2018 programme of cooperation", source_id="002", section="4.10", page="163",
               quote=passage, cite_key="pravitelstvo_programma_2009")
    _credited_only_to(tmp_path, row, other="karaganov2015", other_name="Karaganov")


def test_a_citation_left_without_its_full_stop_ends_its_paragraph():
    # "… participate in this conference (Ministerstvo …, O mezhdunarodnoy koferentsii „Neft’ i gaz Sakhalina”,
    # 2015)", a blank line, "Japan is the most significant trade partner …": two paragraphs of the printed book.
    flat = load_source("002").flat
    japan = claims.paragraph_text("002", flat.index("Japan is the most significant trade partner"))
    assert japan.startswith("Japan is the most significant") and japan.endswith("through Sakhalin Island was presented.")
    assert claims.paragraph_text("002", flat.index("the annual conference on Sakhalin")).endswith(
        "„Neft’ i gaz Sakhalina”, 2015)")
    # Table 4.1's headings, a bare year in parentheses, do not end a paragraph.
    assert claims.SENTENCE_END.search("(2013)") is None


def test_a_passage_that_leaves_out_the_words_crediting_it_is_reported(tmp_path):
    # The Japanese items are what "The Russian MOFA report shows": the paragraph names the work, the passage must too.
    passage = "the 19th Far East-Hokkaido common plenary meeting"
    row = dict(claim_id="c06-90", chapter="06_case_studies", kind="paraphrase",
               claim="the 19th Far East-Hokkaido common plenary meeting", source_id="002", section="4.13.1",
               page="177", quote=passage, cite_key="mid_otchet_sakhalin_2013")
    assert claims.check_ledger(ledger_file(tmp_path, row)) == [
        "claims.csv:2 (c06-90): cite_key 'mid_otchet_sakhalin_2013' (Ministerstvo) is not the work the source "
        "credits for this passage"]
    row["quote"] = "The Russian MOFA report shows that in 2013 many events that deepen cooperation took place, e.g. " + passage
    assert claims.check_ledger(ledger_file(tmp_path, row)) == []


MAKARYCHEV = ("Andrey Makarychev believes that in the case of Russia its following forms may be observed: 1) "
              "cross-border (trans-border) cooperation which takes place on the micro-regional level; 2) "
              "trans-regional paradiplomacy")


def test_a_count_in_words_the_passage_does_not_hold_is_reported(tmp_path):
    # c04-02 as it stood: three forms, but the passage stops at the second; c07-08: "half" for "50 percent"
    # without a word of why.
    rows = [dict(claim_id="c04-02", chapter="04_forms_and_conditions", kind="paraphrase",
                 claim="distinguishes three forms by geographic reach", source_id="002", section="4.5", page="147",
                 quote=MAKARYCHEV, cite_key="makarychev1999"),
            dict(claim_id="c07-08", chapter="07_bright_side", kind="paraphrase",
                 claim="the partners were able to provide half of the funds as matching funds", source_id="001",
                 quote="if the partners are able to provide 50 percent in matching funds", cite_key="sergounin1999"),
            dict(claim_id="c06-90", chapter="06_case_studies", kind="paraphrase",
                 claim="the krai produces a third of the Far East's industrial output", source_id="002",
                 section="4.13.2", page="179",
                 quote="Khabarovsk Krai produces one-quarter of the Far East industry production.",
                 cite_key="pietrasiak2018")]
    assert claims.check_ledger(ledger_file(tmp_path, *rows)) == [
        "claims.csv:2 (c04-02): the claim says 'three' but the passage does not",
        "claims.csv:3 (c07-08): the claim says 'half' but the passage does not",
        "claims.csv:4 (c06-90): the claim says 'a third' but the passage does not"]


def test_a_count_in_words_held_by_the_passage_or_justified_passes(tmp_path):
    rows = [dict(claim_id="c04-02", chapter="04_forms_and_conditions", kind="paraphrase",
                 claim="distinguishes three forms by geographic reach", source_id="002", section="4.5", page="147",
                 quote=MAKARYCHEV + " – the cooperation is implemented with regions that are not neighbours but are "
                 "part of states of adjacent territories; and 3) the macro-regional paradiplomacy",
                 cite_key="makarychev1999"),                                               # "three" as "3"
            dict(claim_id="c07-08", chapter="07_bright_side", kind="paraphrase",
                 claim="the partners were able to provide half of the funds as matching funds", source_id="001",
                 quote="if the partners are able to provide 50 percent in matching funds", cite_key="sergounin1999",
                 strength_note="half: the passage says 50 percent"),                       # justified
            dict(claim_id="c06-90", chapter="06_case_studies", kind="paraphrase",
                 claim="the krai produces a quarter of the Far East's industrial output", source_id="002",
                 section="4.13.2", page="179",
                 quote="Khabarovsk Krai produces one-quarter of the Far East industry production.",
                 cite_key="pietrasiak2018"),                                               # "a quarter"
            dict(claim_id="c06-91", chapter="06_case_studies", kind="paraphrase", claim="the krai has 6 twin cities",
                 source_id="002", section="4.13.2", page="178",
                 quote="Khabarovsk cooperates with six twin cities", cite_key="pietrasiak2018")]  # "6" as "six"
    assert claims.check_ledger(ledger_file(tmp_path, *rows)) == []


def test_a_claim_credited_to_a_work_its_paragraph_does_not_cite_is_reported(tmp_path):
    # c08-16 as it stood: the row credits the Ministry's passport of Primorsky (source 002 cites it for this
    # sentence), but chapter 8's paragraph says only "the chapter adds": a reader credits the book chapter.
    passage = "However, constant cooperation has not been provided"
    rows = ledger_file(tmp_path, dict(claim_id="c08-16", chapter="08_border_regions", kind="paraphrase",
                                      claim="constant cooperation has not been provided", source_id="002",
                                      section="4.13.3", page="182", quote=passage,
                                      cite_key="mid_pasport_primorsky_2013"))
    bad = Paragraph("chapters/08_border_regions.ipynb", "08_border_regions",
                    "The chapter adds that constant cooperation has not been provided.{claim}`c08-16` "
                    "Elsewhere the Ministry is cited {cite:p}`mid_khabarovsk_yao_2014`.")
    assert claims.check_prose(rows, [bad]) == [
        "chapters/08_border_regions.ipynb: c08-16 credits 'mid_pasport_primorsky_2013' but its paragraph does not "
        "cite it"]
    # A cite role listing several keys credits each of them.
    good = Paragraph("chapters/08_border_regions.ipynb", "08_border_regions",
                     "The Ministry found that constant cooperation has not been provided "
                     "{cite:p}`pietrasiak2018, mid_pasport_primorsky_2013`."
                     "{claim}`c08-16`")
    assert claims.check_prose(rows, [good]) == []
    # The source document's own claim needs no citation of it.
    rows[0]["cite_key"] = "pietrasiak2018"
    assert claims.check_prose(rows, [bad]) == []
