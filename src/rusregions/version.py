"""One source for the version: the VERSION file at the repository root."""
from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
