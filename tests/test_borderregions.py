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
