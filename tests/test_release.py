"""The release command refuses what it must refuse, on a real clone."""
import subprocess

import pytest

from conftest import ROOT, run_cli


@pytest.fixture
def clone(tmp_path):
    dest = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    return dest


def test_refuses_a_dirty_tree(clone):
    (clone / "data" / "README.md").write_text("changed\n")
    result = run_cli("release", cwd=clone)
    assert result.returncode == 1
    assert "release refused: the working tree is not clean" in result.stderr
    assert not (clone / "dist").exists()


def test_refuses_a_version_already_released(clone):
    version = (clone / "VERSION").read_text().strip()
    changelog = clone / "CHANGELOG.md"
    changelog.write_text(changelog.read_text().replace("## [Unreleased]", f"## [Unreleased]\n\n## [{version}] - 2026-01-01"))
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "mark"], cwd=clone, check=True)
    result = run_cli("release", cwd=clone)
    assert result.returncode == 1
    assert f"release refused: version {version} is already released in CHANGELOG.md" in result.stderr
