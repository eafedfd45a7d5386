"""The seed reader: quotes are found, and printed pages of seed 002 come out right."""
import pytest

from rusregions.seeds import SeedError, check_provenance, load_seed


@pytest.mark.parametrize("quote, page", [
    ("Centre – regional relations are still present", 139),   # first page of the chapter
    ("The All-Russian part encompasses", 142),                # first line under the 142 running header
    ("within the entire macro-region?", 172),                 # last line before the table pages
    ("Sa kh a (Y ak ut ia ) R ep ub lic", 173),               # Table 4.1, first row (rotated shards)
    ("M ag ad an O bl as t", 174),                            # Table 4.1 continues on the next page
    ("Sakhalin GDP is RUB 647.8 billion", 175),
    ("Interviews were held between 2015–2016 with 12 people", 195),
    ("centralization of federal relations blatantly harms", 202),  # last page
])
def test_printed_pages_of_seed_002(quote, page):
    assert load_seed("002").page_of(quote) == page


def test_quotes_match_across_line_breaks_but_not_altered_text():
    seed = load_seed("001")
    assert seed.locate("Norway has pledged NOK 300 million (ECU 37 million)") > 0
    with pytest.raises(SeedError, match="quote not found"):
        seed.locate("Norway has pledged NOK 400 million")


def test_other_seeds_have_no_pages():
    assert load_seed("003").page_of("over 130,000 votes were registered") is None


def test_check_provenance_reports_a_wrong_page_and_a_missing_quote(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,seed,section,page,quote,cite_key\n"
                   "1,002,4.13.1,170,Sakhalin GDP is RUB 647.8 billion,pietrasiak2018\n"
                   "2,001,intro,,regionalization is a fiction,sergounin1999\n", encoding="utf-8")
    problems = check_provenance(bad)
    assert problems == [
        "bad.csv:2: page is '170', quote is on page '175'",
        "bad.csv:3: seed 001: quote not found: 'regionalization is a fiction'",
    ]
