"""The source reader: quotes are found, and printed pages of source 002 come out right."""
import pytest

from rusregions.sources import SourceError, check_provenance, load_source


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
def test_printed_pages_of_source_002(quote, page):
    assert load_source("002").page_of(quote) == page


def test_quotes_match_across_line_breaks_but_not_altered_text():
    source = load_source("001")
    assert source.locate("Norway has pledged NOK 300 million (ECU 37 million)") > 0
    with pytest.raises(SourceError, match="quote not found"):
        source.locate("Norway has pledged NOK 400 million")


def test_other_sources_have_no_pages():
    assert load_source("003").page_of("over 130,000 votes were registered") is None


def test_check_provenance_reports_a_wrong_page_and_a_missing_quote(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,source_id,section,page,quote,cite_key\n"
                   "1,002,4.13.1,170,Sakhalin GDP is RUB 647.8 billion,pietrasiak2018\n"
                   "2,001,intro,,regionalization is a fiction,sergounin1999\n", encoding="utf-8")
    problems = check_provenance(bad)
    assert problems == [
        "bad.csv:2: page is '170', quote is on page '175'",
        "bad.csv:3: source 001: quote not found: 'regionalization is a fiction'",
    ]


def test_manifest_lists_exactly_the_source_files_with_their_checksums():
    """sources/MANIFEST.sha256 is the record of the texts every quote is checked against."""
    import hashlib

    from rusregions.sources import SOURCE_FILES, sources_dir

    folder = sources_dir()
    listed = {}
    for line in (folder / "MANIFEST.sha256").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    on_disk = {p.name for p in folder.glob("*.txt")}
    assert set(listed) == on_disk == set(SOURCE_FILES.values())
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{name} changed"


def test_sources_are_read_from_the_repository_by_default(monkeypatch):
    from rusregions.sources import sources_dir
    from rusregions.version import ROOT

    monkeypatch.delenv("RUSREGIONS_SOURCES", raising=False)
    assert sources_dir() == ROOT / "sources"
