"""Release: build from a clean tree and write dist/ with versioned artefacts and their checksums."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from . import build, data
from .version import ROOT, pdf_name, version

DIST = ROOT / "dist"


class ReleaseError(RuntimeError):
    pass


SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?")


def check_releasable(root: Path = ROOT) -> str:
    """The version to release, or ReleaseError saying why not."""
    inside = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, text=True)
    if inside.returncode or Path(inside.stdout.strip()).resolve() != root.resolve():
        raise ReleaseError(f"{root} is not a git checkout; a release is built from a clean clone of the repository")
    try:
        v = (root / "VERSION").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReleaseError(f"cannot read VERSION ({exc.__class__.__name__}); it must hold the version, e.g. 1.2.0")
    if not SEMVER.fullmatch(v):
        raise ReleaseError(f"VERSION holds {v[:40]!r}, not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.2.0)")
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    if dirty.strip():
        raise ReleaseError("the working tree is not clean; commit or stash first:\n" + dirty.rstrip())
    if re.search(rf"^## \[{re.escape(v)}\]", (root / "CHANGELOG.md").read_text(encoding="utf-8"), re.M):
        raise ReleaseError(f"version {v} is already released in CHANGELOG.md; bump VERSION first")
    return v


def _zip_dir(src: Path, dest: Path, prefix: str) -> None:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(src.rglob("*")):
            if path.is_file():
                zf.write(path, f"{prefix}/{path.relative_to(src)}")


def release(outputs: str = "execute") -> list[Path]:
    """Write the artefacts under dist/ (and nothing else outside _build/); the CHANGELOG entry and
    the tag are the maintainer's next step, printed by the command. `outputs="stored"` publishes the
    outputs saved in the notebooks, for a release made right after the test command proved them current."""
    v = check_releasable()
    problems = data.validate_all()
    if problems:
        raise ReleaseError("data is invalid:\n" + "\n".join(map(str, problems)))
    build.build_html(strict=True, clean=True, outputs=outputs)  # first and clean: strict sees every page's warnings
    pdf = build.build_pdf(outputs=outputs)  # also copies itself into the site, which links to it from every page
    DIST.mkdir(exist_ok=True)
    out = [DIST / pdf_name(), DIST / f"russias-regions-{v}-html.zip", DIST / f"russias-regions-{v}-data.zip"]
    shutil.copy2(pdf, out[0])
    _zip_dir(build.BUILD / "html", out[1], f"russias-regions-{v}")
    _zip_dir(data.DATA_DIR, out[2], f"russias-regions-{v}-data")
    sums = DIST / f"russias-regions-{v}-SHA256SUMS.txt"
    sums.write_text("".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in out))
    return out + [sums]


def next_steps(v: str) -> str:
    """What the maintainer does after a release: record it in CHANGELOG.md, commit, tag."""
    today = dt.date.today().isoformat()
    return (f"next: in CHANGELOG.md add '## [{v}] - {today}' below '## [Unreleased]', commit, "
            f"then `git tag v{v}`")
