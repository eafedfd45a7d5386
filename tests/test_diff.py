"""Edition diff: releases found without tags, published values compared by primary key, on this repo's history."""
import io
import shutil
import subprocess

import pandas as pd
import pytest

from conftest import ROOT, run_cli
from rusregions import diff

RELEASE_0_1_0 = "d7edbd76f8849d012e175b9d6a863da79d0b205e"
SOURCES_RENAMED = "5538e90"  # the commit after 0.1.0 that renamed the column seed to source_id


def test_release_is_found_by_its_changelog_heading_and_version():
    assert diff.release_commit("0.1.0") == RELEASE_0_1_0
    assert ("0.1.0", RELEASE_0_1_0) in diff.releases()


def test_an_unreleased_version_is_refused_clearly():
    with pytest.raises(diff.DiffError, match=r"^no commit added '## \[9\.9\.9\]' to CHANGELOG.md: release 9.9.9 "
                                             r"is not in this history$"):
        diff.release_commit("9.9.9")


def test_renamed_provenance_column_is_not_a_change_of_published_values():
    d = diff.compare("release:0.1.0", SOURCES_RENAMED)
    assert d.values.empty
    assert d.fields_added == [] and d.fields_removed == []  # seed -> source_id is provenance
    assert d.resources_added == [] and d.resources_removed == []
    # The rename reworded four editorial remarks ("the seed" -> "the source"): counted, never shown.
    assert d.remarks_changed == 4
    assert "seed" not in diff.to_markdown(d, "0.1.0", "0.2.0")


def test_a_revision_before_the_data_package_is_refused_clearly():
    with pytest.raises(diff.DiffError, match="^edition 9a55145 has no data/datapackage.json: it predates"):
        diff.compare("9a55145", SOURCES_RENAMED)


def test_cli_refuses_an_unknown_revision():
    result = run_cli("diff", "no-such-rev", "HEAD")
    assert result.returncode == 1
    assert result.stderr.strip() == ("diff failed: unknown revision 'no-such-rev': give a commit, a tag, "
                                     "release:X.Y.Z or WORKTREE")


@pytest.fixture(scope="module")
def edited_clone(tmp_path_factory):
    """A clone of this repository whose data/ changes one value, drops one row and adds one (not committed)."""
    clone = tmp_path_factory.mktemp("clone") / "repo"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    shutil.rmtree(clone / "src")  # the package under test, not the clone's committed copy
    shutil.copytree(ROOT / "src", clone / "src")
    table = clone / "data" / "table_4_1.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    cells = lines[1].rstrip("\n").split(",")
    cells[header.index("value")] = "1.9"  # sakha_republic students per_capita: 0.9 in the source
    lines[1] = ",".join(cells) + "\n"
    del lines[2]  # sakha_republic students overall
    table.write_text("".join(lines), encoding="utf-8")
    regions = clone / "data" / "far_east_regions.csv"
    row = regions.read_text(encoding="utf-8").splitlines()[1].split(",")
    row[0], row[1] = "moscow_city", "Moscow"
    regions.write_text(regions.read_text(encoding="utf-8") + ",".join(row) + "\n", encoding="utf-8")
    return clone


def test_every_added_removed_and_changed_value_is_listed(edited_clone):
    clone = edited_clone
    result = run_cli("diff", "HEAD", "WORKTREE", "--csv", cwd=clone)
    assert result.returncode == 0, result.stderr
    values = pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)
    key = "region_id=sakha_republic, indicator=students, measure=overall"
    assert values[values.change == "changed"].values.tolist() == [
        ["table_4_1", "region_id=sakha_republic, indicator=students, measure=per_capita", "value",
         "changed", "0.9", "1.9"]]
    gone = values[values.change == "removed"]
    assert set(gone.key) == {key} and set(gone.field) == {"region_as_printed", "year", "value", "printed"}
    added = values[values.change == "added"]
    assert set(added.key) == {"region_id=moscow_city"}
    assert dict(zip(added.field, added.new))["label"] == "Moscow"
    assert not values.field.isin(diff.PROVENANCE).any()


def test_renamed_columns_and_region_ids_are_read_in_the_new_terms():
    """0.1.0 said `region`, `notes`, `scope` and `republic_of_bashkortostan`; 0.2.0 renamed them. A rename
    is not a published value that changed, so the value changes listed are the real ones: Hokkaido's year (the
    agreement is undated), and the 'League of Nations' row worded as the source prints it."""
    from rusregions import diff

    d = diff.compare("release:0.1.0", diff.WORKTREE)
    assert d.fields_added == ["legal_acts.programme_id", "cooperation_programmes_1990s.programme_id",
                              "cooperation_programmes_1990s.short_label"]
    assert d.fields_removed == []
    league = ("referenda_events", "event_id=league_of_nations_formed")
    assert list(d.values.itertuples(index=False, name=None)) == [
        ("regional_partners", "region_id=sakhalin_oblast, partner=hokkaido_prefecture, "
         "relation=friendship_economic_cooperation_agreement", "year", "changed", "2013", ""),
        (*league, "actor", "changed", "representatives of six provinces",
         "representatives of 'the six provinces' (not named)"),
        (*league, "description", "changed", "Representatives of six provinces formed the 'League of Nations' with "
         "the aim of 'disintegrating the Russian Federation and creating new states on its ruins'.",
         "In May 2022, representatives of 'the six provinces' formed the League of Nations with the aim of "
         "'disintegrating the Russian Federation and creating new states on its ruins'.")]
