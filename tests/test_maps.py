"""Maps: the crosswalk, the boundaries and the drawn maps (real data, real matplotlib)."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rusregions import data, maps  # noqa: E402

REGIONS = list(data.load("far_east_regions")["region_id"])


def test_crosswalk_covers_exactly_the_nine_regions():
    crosswalk = data.load("boundaries_crosswalk")
    assert sorted(crosswalk["region_id"]) == sorted(REGIONS)


def test_every_region_matches_exactly_one_boundary_by_code_and_name():
    frame = maps.boundaries()
    assert sorted(frame["region_id"].dropna()) == sorted(REGIONS)


def test_the_known_defects_of_the_source_are_mapped_explicitly():
    by_region = data.load("boundaries_crosswalk").set_index("region_id")
    assert by_region.loc["magadan_oblast", "ne_name"] == "Maga Buryatdan"
    assert by_region.loc["jewish_autonomous_oblast", "ne_name"] == "Yevrey"
    assert by_region.loc["primorsky_krai", "ne_name"] == "Primor'ye"
    assert by_region.loc["chukotka_autonomous_okrug", "ne_id"] == "RU."


def test_geometries_are_valid_and_lie_where_the_regions_are():
    frame = maps.boundaries()
    assert frame["geometry"].map(lambda g: g.is_valid and not g.is_empty).all()
    nine = frame.dropna(subset=["region_id"]).set_index("region_id")["geometry"]
    # The Far East lies east of Lake Baikal (108 E); Sakhalin and Kamchatka are the islands and the peninsula
    # east of the mainland regions; Chukotka, crossing 180 degrees, is one piece in the 0-360 longitudes.
    assert all(g.centroid.x > 120 for g in nine)
    assert nine["sakhalin_oblast"].centroid.x > nine["khabarovsk_krai"].centroid.x
    assert nine["chukotka_autonomous_okrug"].bounds[2] > 180
    assert nine["sakha_republic"].area == max(g.area for g in nine)


def test_boundaries_file_stays_small():
    assert (data.DATA_DIR / "russia_boundaries.csv").stat().st_size < 400_000


def _coloured(fig) -> dict:
    """Face colours of the drawn patches by their region, as matplotlib holds them."""
    ax = fig.axes[0]
    return [tuple(p.get_facecolor()) for p in ax.patches]


def test_choropleth_colours_each_of_the_nine_regions_by_its_value():
    values = maps.table_4_1_totals("per_capita")
    fig = maps.choropleth(values, "title", "score")
    faces = _coloured(fig)
    grey = matplotlib.colors.to_rgba(maps.OTHER)
    coloured = [f for f in faces if f != grey]
    assert len(coloured) == 9
    # The highest value gets the top colour of the scale, the lowest the bottom.
    cmap = matplotlib.colormaps["viridis"]
    assert pytest.approx(cmap(1.0)) in coloured and pytest.approx(cmap(0.0)) in coloured
    texts = " ".join(t.get_text() for t in fig.axes[0].texts)
    for v in values:
        assert f"{v:.1f}" in texts
    assert "predate the 2005–2008 mergers" in " ".join(t.get_text() for t in fig.texts)
    plt.close(fig)


def test_table_4_1_totals_are_the_published_totals():
    table = data.load("table_4_1")
    overall = maps.table_4_1_totals("overall")
    expected = table[(table.indicator == "total") & (table.measure == "overall")].set_index("region_id")["value"]
    assert overall.to_dict() == expected.astype(float).to_dict()
    assert len(overall) == 9


def test_choropleth_refuses_values_for_unknown_or_missing_regions():
    values = maps.table_4_1_totals("overall")
    with pytest.raises(maps.MapError, match="values for unknown region id\\(s\\): moscow"):
        maps.choropleth(pd.concat([values, pd.Series({"moscow": 1.0})]), "t", "l")
    with pytest.raises(maps.MapError, match="no value for region\\(s\\): amur_oblast"):
        maps.choropleth(values.drop("amur_oblast"), "t", "l")


def test_locator_draws_the_nine_regions_in_one_colour():
    fig = maps.locator()
    faces = _coloured(fig)
    assert faces.count(matplotlib.colors.to_rgba(maps.FAR_EAST)) == 9
    assert len(faces) == len(maps.boundaries())
    plt.close(fig)


def test_region_locator_highlights_one_region():
    fig = maps.region_locator("sakhalin_oblast")
    assert _coloured(fig).count(matplotlib.colors.to_rgba(maps.HIGHLIGHT)) == 1
    assert "Sakhalin Oblast" in fig.axes[0].get_title()
    plt.close(fig)
    with pytest.raises(maps.MapError, match="unknown region id 'moscow'"):
        maps.region_locator("moscow")


def test_a_broken_crosswalk_is_refused_with_the_region_named(data_copy):
    path = data_copy / "boundaries_crosswalk.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Maga Buryatdan", "Magadan"), encoding="utf-8")
    data.update_checksums(data_copy)  # the copy is otherwise valid: only the match fails
    with pytest.raises(maps.MapError, match=r"^no boundary in data/russia_boundaries.csv for magadan_oblast: "
                                            r"check ne_id and ne_name in data/boundaries_crosswalk.csv$"):
        maps.boundaries(data_copy)
