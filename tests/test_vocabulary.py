"""One vocabulary across data/: codelists, foreign keys and column names, checked over the descriptor."""
import json

import pytest
from frictionless import Package

from conftest import DATA, run_cli
from rusregions import codelists, data

DESCRIPTOR = data.read_descriptor()
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}
CODELISTS = {"regions": "region_id", "countries": "country_id", "sources": "source_id", "programmes": "programme_id"}
# Synonyms retired in favour of one name each (data/README.md, "One vocabulary").
RETIRED = {"notes": "note", "region": "region_id (an id) or region_as_printed (a printed name)",
           "subject_id": "region_id", "scope": "region_id", "seed": "source_id",
           "period_text": "period_as_printed", "date_text": "date_as_printed"}


def _fields(res):
    return [f["name"] for f in res["schema"]["fields"]]


def _fks(res):
    return {tuple(fk["fields"]): fk["reference"]["resource"] for fk in res["schema"].get("foreignKeys", [])}


def test_codelists_are_resources_of_the_package():
    for name, key in CODELISTS.items():
        assert RESOURCES[name]["path"] == f"codelists/{name}.csv"
        assert RESOURCES[name]["schema"]["primaryKey"] == [key]


@pytest.mark.parametrize("name", [n for n in RESOURCES if n not in CODELISTS])
def test_every_region_and_source_column_declares_its_foreign_key(name):
    res = RESOURCES[name]
    fields, fks = _fields(res), _fks(res)
    if "region_id" in fields:
        assert fks.get(("region_id",)) == "regions"
    if "source_id" in fields:
        assert fks.get(("source_id",)) == "sources"
    if "programme_id" in fields:
        assert fks.get(("programme_id",)) == "programmes"


@pytest.mark.parametrize("name", list(RESOURCES))
def test_no_retired_column_name(name):
    used = {f: RETIRED[f] for f in _fields(RESOURCES[name]) if f in RETIRED}
    assert used == {}, f"{name}: rename to {used}"


def test_the_sources_codelist_names_every_file_in_sources():
    from rusregions.sources import SOURCE_FILES, sources_dir

    assert sorted(SOURCE_FILES.values()) == sorted(p.name for p in sources_dir().glob("*.txt"))


def test_labels_and_orders_come_from_the_codelists():
    names = codelists.region_names()
    assert list(names)[:9] == list(data.load("far_east_regions").sort_values("table_order")["region_id"])
    assert names["primorsky_krai"] == "Primorsky Krai"
    assert codelists.country_names()["south_korea"] == "South Korea"
    assert codelists.source_labels(short=True)["001"] == "Sergounin"
    assert codelists.programme_labels()["interreg_barents"] == "Interreg Barents"
    short = codelists.programme_labels(short=True)
    assert short["energy_strategy_2030"] == "Energy Strategy (to 2030)"
    assert "russia_qing_interaction" not in short  # no chart prints it, so it has no short label


def test_every_programme_the_data_name_is_in_the_codelist_once():
    """The same programme keeps one id across resources (the 2009–2018 Russia–China programme in
    federal_programmes and legal_acts); the codelist holds the ids the data use and no others."""
    named = set()
    for name, res in RESOURCES.items():
        if name != "programmes" and "programme_id" in _fields(res):
            named |= set(data.load(name).programme_id.dropna())
    assert named == set(codelists.programme_labels())
    acts = data.load("legal_acts").set_index("act_id")
    assert acts.loc["programme_far_east_northeast_china_2009", "programme_id"] == (
        "ru_cn_regional_cooperation_programme_2009_2018")


def test_frictionless_rejects_an_unknown_region(tmp_path):
    """The real library, on a real copy of the package with one id that no codelist holds."""
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "far_east_regions.csv"
    path.write_text(path.read_text().replace("amur_oblast,", "amur,", 1))
    report = Package(str(tmp_path / "data" / "datapackage.json")).validate()
    errors = [(t.name, e.type) for t in report.tasks for e in t.errors]
    assert ("far_east_regions", "foreign-key") in errors


def test_validate_all_names_the_unknown_id(tmp_path):
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "far_east_regions.csv"
    path.write_text(path.read_text().replace("amur_oblast,", "amur,", 1))
    found = [str(p) for p in data.validate_all(tmp_path / "data") if "codelists" in str(p)]
    assert found == ["far_east_regions.csv, row 6, column 'region_id': 'amur' is not in codelists/regions.csv "
                     "(add it there, or correct the id)"]


# The coded columns codelists/codes.csv labels, and the resources that hold them.
CODED = {"flow": ["trade_partners", "trade_structure"], "mission_type": ["diplomatic_presence"],
         "relation": ["regional_partners"], "stance": ["expert_views"]}


@pytest.mark.parametrize("field", list(CODED))
def test_every_code_the_data_use_has_its_label(field):
    labels = codelists.code_labels(field)
    used = set().union(*(set(data.load(name)[field]) for name in CODED[field]))
    assert used <= set(labels), f"{field}: no label in codelists/codes.csv for {sorted(used - set(labels))}"


def test_the_codes_codelist_labels_only_the_coded_columns():
    assert {r["field"] for r in codelists._rows("codes")} == set(CODED)
    with pytest.raises(KeyError, match="codelists/codes.csv labels no code of the column 'region_id'"):
        codelists.code_labels("region_id")


def test_the_chapters_take_their_labels_from_the_codelists():
    """One label per code: the chapters and the profiles print the codelists' words, not their own."""
    from rusregions import casestudies, regionalismtoday, regionprofile, synthesis

    flow = codelists.code_labels("flow")
    assert regionprofile.FLOW == flow and flow["total_trade"] == "total trade"
    case = casestudies.CaseStudies()
    partners = case.partners_figure()[0].fig.axes[0]
    assert [t.get_text() for t in partners.get_yticklabels()] == [
        "total trade", "oil exports", "LNG exports (reading)", "coal exports (computed)"]
    relation = codelists.code_labels("relation")
    assert f"| {relation['friendship_economic_cooperation_agreement']}" in case.sakhalin_partners().data
    assert codelists.code_labels("mission_type")["consulate_general"] + ":" in case.ties_lists().data
    stance = codelists.code_labels("stance")
    assert f"{stance['pro_independence']}: " in regionalismtoday.Today().stance_counts()
    documents = codelists.source_documents()
    assert documents["004"] in synthesis.Synthesis().documents_table().data


def test_the_programmes_codelist_agrees_with_federal_programmes():
    """The codelist's label and kind are those of the item's first row in federal_programmes (its x-notes say so),
    so the two cannot drift apart."""
    rows = {r["programme_id"]: r for r in codelists._rows("programmes")}
    first = data.load("federal_programmes").drop_duplicates("programme_id")
    assert [(rows[p]["label"], rows[p]["kind"]) for p in first.programme_id] == list(zip(first.name, first.kind))
