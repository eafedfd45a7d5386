"""The data package: valid, sourced, cited, checksummed, and independently valid for frictionless."""
import csv
import re

import pytest
from frictionless import Package

from conftest import DATA, ROOT, run_cli
from rusregions import catalogue, data
from rusregions.sources import check_provenance, load_source

RESOURCES = data.resource_names()
CSV_WITH_QUOTES = [r["path"] for r in data.read_descriptor()["resources"]
                   if any(f["name"] == "quote" for f in r["schema"]["fields"])]


def test_every_csv_in_data_is_described():
    described = {r["path"] for r in data.read_descriptor()["resources"]}
    assert {p.relative_to(DATA).as_posix() for p in DATA.rglob("*.csv")} == described


@pytest.mark.parametrize("name", RESOURCES)
def test_resource_is_valid(name):
    assert data.validate_resource(name, cached=False) == []  # read through Frictionless, whatever is remembered


def test_frictionless_validates_the_descriptor_and_every_file():
    report = Package(str(DATA / "datapackage.json")).validate()
    errors = [f"{t.name}: {e.message}" for t in report.tasks for e in t.errors]
    assert report.valid, "\n".join(errors[:20])


@pytest.mark.parametrize("path", CSV_WITH_QUOTES)
def test_every_row_quotes_its_source_on_the_right_page(path):
    assert check_provenance(DATA / path) == []


def test_every_cite_key_is_in_the_bibliography():
    keys = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8")))
    used = {}
    for path in CSV_WITH_QUOTES:
        with open(DATA / path, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                used.setdefault(row["cite_key"], path)
    assert {k: p for k, p in used.items() if k not in keys} == {}


def test_table_4_1_cells_are_exactly_the_shards_of_the_source():
    """Each region's printed cells, joined, are the digit shards of its row in the source."""
    table = data.load("table_4_1")
    source = load_source("002")
    for region, rows in table.groupby("region_id", sort=False):
        quote = rows["quote"].iloc[0]
        source.locate(quote)
        label_shards = rows["region_as_printed"].iloc[0].replace(" ", "")
        digits = re.sub(r"\s", "", quote)
        assert digits.startswith(label_shards[:4]), region
        printed = "".join(rows["printed"])
        assert digits.endswith(printed), f"{region}: {printed} not at the end of {digits}"
        assert all(float(p) == v for p, v in zip(rows["printed"], rows["value"]))


def test_the_catalogue_page_is_up_to_date():
    assert catalogue.PAGE.read_text(encoding="utf-8") == catalogue.render(), \
        "run: python -m rusregions catalogue"


def test_loading_never_writes_to_data():
    before = {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()}
    for name in RESOURCES:
        data.load(name)
    assert {p.name: p.stat().st_mtime_ns for p in DATA.iterdir()} == before
