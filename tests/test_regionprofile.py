"""The region-profile content on the real data: a region with case studies and one without."""
import matplotlib

matplotlib.use("Agg")
import pytest  # noqa: E402
from IPython.display import Markdown  # noqa: E402

from rusregions.present.figures import Figure  # noqa: E402
from rusregions.regionprofile import Profile  # noqa: E402


def _text(items):
    return "\n".join(i.data for i in items if isinstance(i, Markdown))


def test_unknown_region_is_refused_with_the_valid_ids():
    with pytest.raises(ValueError, match=r"unknown region_id 'moscow'; expected one of: .*sakhalin_oblast"):
        Profile("moscow")


def test_a_case_study_region_gets_its_partner_figure_with_a_label_of_its_own():
    p = Profile("sakhalin_oblast")
    figs = [i for i in p.economy() if isinstance(i, Figure)]
    assert [f.name for f in figs] == ["fig-sakhalin-oblast-trade-partners"]
    assert set(figs[0].data.flow) >= {"total_trade", "oil_export"}
    assert p.scores().iloc[-1]["component"] == "Total (sum of the four)"


def test_a_region_without_case_data_says_so():
    p = Profile("magadan_oblast")
    assert "The sources give no case-study data for Magadan Oblast" in _text(p.economy())
    assert "The sources give no case-study data for Magadan Oblast" in _text(p.ties())
    where = p.locator_map()
    assert where.name == "fig-magadan-oblast-locator"
    assert where.data.highlighted.sum() == 1 and len(where.data) == p.n
