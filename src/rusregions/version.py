"""The project folder (found by its marker files) and the one source for the version: its VERSION file."""
from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path

MARKERS = ("VERSION", "book/_config.yml")  # together, they mark the report's project folder


class ProjectRootError(RuntimeError):
    """No folder holds the project's marker files."""


def find_root(*starts: Path) -> Path:
    """The project folder: the nearest folder holding every MARKER, above the first of `starts` that has one.

    By default, above this package's own folder (a checkout, or an editable install), then above the working
    directory (an installed copy, run inside the project)."""
    starts = tuple(Path(s).resolve() for s in starts) or (Path(__file__).resolve().parent, Path.cwd())
    for start in starts:
        for folder in (start, *start.parents):
            if all((folder / marker).is_file() for marker in MARKERS):
                return folder
    raise ProjectRootError(f"no project folder found: no folder above {' or '.join(map(str, starts))} holds "
                           f"{' and '.join(MARKERS)}; run the command inside the report's folder")


ROOT = find_root()


def version() -> str:
    """The VERSION file's text; "unknown" if it cannot be read (release checks it strictly)."""
    try:
        return (ROOT / "VERSION").read_text(encoding="utf-8").strip() or "unknown"
    except (OSError, UnicodeDecodeError):
        return "unknown"


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def build_date() -> str:
    # SOURCE_DATE_EPOCH makes builds reproducible when set.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch else _dt.datetime.now(_dt.timezone.utc)
    return when.strftime("%Y-%m-%d")


def pdf_name() -> str:
    return f"russias-regions-{version()}.pdf"


def build_stamp() -> dict:
    return {"version": version(), "commit": git_commit(), "date": build_date(), "pdf_name": pdf_name()}
