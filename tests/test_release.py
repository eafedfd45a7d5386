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


def test_refuses_outside_a_git_checkout(tmp_path):
    """An exported copy (a tarball, `git archive`) has no history to release from."""
    export = tmp_path / "export"
    export.mkdir()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True)
    result = run_cli("release", cwd=export)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"release refused: {export} is not a git checkout; "
                                     "a release is built from a clean clone of the repository")
    assert sorted(p.name for p in export.iterdir() if p.name in ("dist", "_build")) == []


@pytest.mark.parametrize("text", ["0.3", "v0.3.0", "0.3.0 beta", "next"])
def test_refuses_a_version_that_is_not_semantic(clone, text):
    (clone / "VERSION").write_text(text + "\n")
    subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qam", "v"], cwd=clone, check=True)
    result = run_cli("release", cwd=clone)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"release refused: VERSION holds {text!r}, not a semantic version "
                                     "(MAJOR.MINOR.PATCH, e.g. 1.2.0)")
    assert not (clone / "dist").exists()


@pytest.mark.build  # a whole release: clean strict HTML, then the PDF (a minute or two)
def test_a_release_writes_only_under_dist(clone):
    """With the outputs stored in the notebooks, which nbval proves current in the same test run: the
    executing build is tested on a smaller book by test_reliability."""
    version = (clone / "VERSION").read_text().strip()
    changelog = (clone / "CHANGELOG.md").read_bytes()
    result = run_cli("release", "--stored-outputs", cwd=clone)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[-1].startswith(f"next: in CHANGELOG.md add '## [{version}] - ")
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=clone, capture_output=True,
                            text=True, check=True).stdout.splitlines()
    written = {line[3:] for line in status if "__pycache__" not in line}
    assert written == {"_build/", "dist/"}  # _build/ is the build's own, ignored; nothing tracked changed
    assert (clone / "CHANGELOG.md").read_bytes() == changelog
    names = sorted(p.name for p in (clone / "dist").iterdir())
    assert names == sorted([f"russias-regions-{version}.pdf", f"russias-regions-{version}-html.zip",
                            f"russias-regions-{version}-data.zip", f"russias-regions-{version}-SHA256SUMS.txt"])
