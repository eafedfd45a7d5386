"""The five source documents (sources/) and how to quote them.

Every data row carries a verbatim quote from its source. This module finds the
quote in the source text and, for the book chapter (source 002), derives the page
of the printed original from the running headers and page breaks the
extraction left behind.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


def _source_files() -> dict[str, str]:
    """source_id -> file name, from data/codelists/sources.csv (the one list of sources)."""
    from .codelists import sources

    return {k: r["file"] for k, r in sources().items()}


SOURCE_FILES = _source_files()

# Running headers of source 002 carry the printed page number.
_EVEN_HEADER = re.compile(r"Słowikowski(\d{3})\s*$")
_ODD_HEADER = re.compile(r"^(\d{3})The International Activity")


class SourceError(LookupError):
    """A quote or a source file that cannot be found."""


def sources_dir() -> Path:
    """Where the source files are: $RUSREGIONS_SOURCES, else sources/ in the repository."""
    env = os.environ.get("RUSREGIONS_SOURCES")
    if env:
        return Path(env)
    from .version import ROOT

    return ROOT / "sources"


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space: quotes ignore line breaks."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Source:
    key: str
    text: str
    pages: tuple[int | None, ...]  # printed page of each character of `flat`
    flat: str

    def locate(self, quote: str) -> int:
        """Offset of `quote` in the normalised source text, or SourceError."""
        pos = self.flat.find(normalise(quote))
        if pos < 0:
            raise SourceError(f"source {self.key}: quote not found: {quote!r}")
        return pos

    def page_of(self, quote: str) -> int | None:
        """Printed page on which `quote` starts (source 002 only; None elsewhere)."""
        return self.pages[self.locate(quote)]


def _page_starts(lines: list[str]) -> list[int | None]:
    """Printed page of each line of source 002.

    A line that begins with a single space marks a new page in the extraction;
    running headers ("…Słowikowski142", "173The International…") fix the number.
    """
    header_at: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = _EVEN_HEADER.search(line) or _ODD_HEADER.match(line)
        if m:
            header_at[i] = int(m.group(1))
    if not header_at:
        return [None] * len(lines)
    breaks = [i for i, line in enumerate(lines) if re.match(r"^ \S.{8,}", line)]  # table shards are short
    first_header = min(header_at)
    # Count back from the first header: each earlier break opened one page.
    page = header_at[first_header] - sum(1 for b in breaks if b < first_header) - 1
    pages: list[int | None] = []
    for i, line in enumerate(lines):
        if i in header_at:
            page = header_at[i]
        elif i in breaks:
            page += 1
        pages.append(page)
    return pages


@lru_cache(maxsize=None)
def load_source(key: str) -> Source:
    path = sources_dir() / SOURCE_FILES[key]
    if not path.is_file():
        what = "missing" if not path.exists() else "not a regular file"
        raise SourceError(f"source file {what}: {path} (restore it from git, or set RUSREGIONS_SOURCES)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(f"source file {path} is not UTF-8 (byte {exc.start}); restore it from git") from None
    lines = text.split("\n")
    line_pages = _page_starts(lines) if key == "002" else [None] * len(lines)
    flat_parts: list[str] = []
    char_pages: list[int | None] = []
    for line, page in zip(lines, line_pages):
        words = line.split()
        if not words:
            continue
        chunk = " ".join(words)
        if flat_parts:
            flat_parts.append(" ")
            char_pages.append(page)
        flat_parts.append(chunk)
        char_pages.extend([page] * len(chunk))
    return Source(key, text, tuple(char_pages), "".join(flat_parts))


def check_provenance(csv_path: str | Path) -> list[str]:
    """Problems with the provenance columns of one data CSV (empty list: all good).

    Each row's `quote` must occur in its source (`source_id`); for source 002 the `page`
    column must equal the printed page on which the quote starts.
    """
    import csv

    problems = []
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for rowno, row in enumerate(csv.DictReader(fh), start=2):
            where = f"{Path(csv_path).name}:{rowno}"
            try:
                source = load_source(row["source_id"])
                page = source.page_of(row["quote"])
            except KeyError as exc:
                problems.append(f"{where}: missing column {exc}")
                continue
            except SourceError as exc:
                problems.append(f"{where}: {exc}")
                continue
            given = (row.get("page") or "").strip()
            expected = "" if page is None else str(page)
            if given != expected:
                problems.append(f"{where}: page is {given!r}, quote is on page {expected!r}")
    return problems


if __name__ == "__main__":  # python -m rusregions.sources data/x.csv [...]
    import sys

    found = [p for path in sys.argv[1:] for p in check_provenance(path)]
    print("\n".join(found) or "provenance OK")
    sys.exit(1 if found else 0)
