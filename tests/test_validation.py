"""Validation by Frictionless, remembered only while nothing it depends on changes."""
import json

from rusregions import data


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fingerprint(name, data_dir):
    descriptor = data.read_descriptor(data_dir)
    return data._fingerprint(data.describe(name, data_dir), descriptor, data_dir)


def test_a_valid_resource_is_remembered_and_read_again_once_changed(data_copy):
    assert data.validate_resource("far_east_regions", data_copy, cached=False) == []
    assert (data.VALIDATED / _fingerprint("far_east_regions", data_copy)).exists()
    _edit(data_copy / "far_east_regions.csv", "amur_oblast,", "amur,")
    assert not (data.VALIDATED / _fingerprint("far_east_regions", data_copy)).exists()
    found = [str(p) for p in data.validate_resource("far_east_regions", data_copy)]
    assert found[0] == ("far_east_regions.csv, row 6, column 'region_id': 'amur' is not in codelists/regions.csv "
                        "(add it there, or correct the id)")
    assert not (data.VALIDATED / _fingerprint("far_east_regions", data_copy)).exists()  # problems are not kept


def test_a_changed_codelist_reads_the_files_that_refer_to_it_again(data_copy):
    """protest_regions.csv is unchanged and was valid; a region it names is then dropped from the codelist."""
    assert data.validate_resource("protest_regions", data_copy) == []
    regions = data_copy / "codelists" / "regions.csv"
    dropped = next(ln for ln in regions.read_text(encoding="utf-8").splitlines()
                   if ln.startswith("bashkortostan_republic,"))
    _edit(regions, dropped + "\n", "")
    found = [str(p) for p in data.validate_resource("protest_regions", data_copy)]
    assert any(p.startswith("protest_regions.csv, row ") and p.endswith(
        "column 'region_id': 'bashkortostan_republic' is not in codelists/regions.csv (add it there, or correct "
        "the id)") for p in found), found


def test_a_changed_descriptor_reads_the_file_again(data_copy):
    desc = data_copy / "datapackage.json"
    dp = json.loads(desc.read_text(encoding="utf-8"))
    table = next(r for r in dp["resources"] if r["name"] == "table_4_1")
    value = next(f for f in table["schema"]["fields"] if f["name"] == "value")
    value["constraints"]["maximum"] = 100
    desc.write_text(json.dumps(dp, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    found = [str(p) for p in data.validate_resource("table_4_1", data_copy)]
    assert found and all(": " in p and "is above the maximum 100" in p for p in found), found


def test_a_changed_source_reads_the_files_that_quote_it_again(data_copy, tmp_path, monkeypatch):
    """A row's credit is checked against the source text: a resource with provenance columns is fingerprinted
    with the sources, one without them is not."""
    import shutil

    from rusregions.sources import sources_dir

    sources = tmp_path / "sources"
    shutil.copytree(sources_dir(), sources)
    monkeypatch.setenv("RUSREGIONS_SOURCES", str(sources))
    before = {name: _fingerprint(name, data_copy) for name in ("twin_cities", "countries")}
    text = next(sources.glob("002_*.txt"))
    text.write_text(text.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _fingerprint("twin_cities", data_copy) != before["twin_cities"]
    assert _fingerprint("countries", data_copy) == before["countries"]
