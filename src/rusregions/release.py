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
CHANGELOG = ROOT / "CHANGELOG.md"


class ReleaseError(RuntimeError):
    pass


def check_releasable(root: Path = ROOT) -> str:
    """The version to release, or ReleaseError saying why not."""
    v = (root / "VERSION").read_text(encoding="utf-8").strip()
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


def release() -> list[Path]:
    v = check_releasable()
    problems = data.validate_all()
    if problems:
        raise ReleaseError("data is invalid:\n" + "\n".join(map(str, problems)))
    build.build_html(strict=True, clean=True)
    pdf = build.build_pdf()
    build.build_html(strict=True)  # again, so the site carries the PDF it links to
    DIST.mkdir(exist_ok=True)
    out = [DIST / pdf_name(), DIST / f"russias-regions-{v}-html.zip", DIST / f"russias-regions-{v}-data.zip"]
    shutil.copy2(pdf, out[0])
    _zip_dir(build.BUILD / "html", out[1], f"russias-regions-{v}")
    _zip_dir(data.DATA_DIR, out[2], f"russias-regions-{v}-data")
    sums = DIST / f"russias-regions-{v}-SHA256SUMS.txt"
    sums.write_text("".join(f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}\n" for p in out))
    _mark_released(v)
    return out + [sums]


def _mark_released(v: str) -> None:
    """Turn [Unreleased] into the released version (then commit and tag: git tag v<version>)."""
    text = CHANGELOG.read_text(encoding="utf-8")
    today = dt.date.today().isoformat()
    CHANGELOG.write_text(text.replace("## [Unreleased]", f"## [Unreleased]\n\n## [{v}] - {today}", 1),
                         encoding="utf-8")
