"""Codelists (data/codelists/): one id, name and order for every region, country, source and programme.

Chapters take labels and orders from here, never from dicts of their own, so a new region or source
appears everywhere at once. The foreign keys that point here are checked by Frictionless (rusregions.data).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .version import ROOT

CODELISTS = ROOT / "data" / "codelists"


@lru_cache(maxsize=None)
def _rows(name: str, folder: Path = CODELISTS) -> tuple[dict, ...]:
    with open(Path(folder) / f"{name}.csv", newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def region_names() -> dict[str, str]:
    """region_id -> display name, in display order."""
    rows = sorted(_rows("regions"), key=lambda r: int(r["display_order"]))
    return {r["region_id"]: r["name"] for r in rows}


def region_order() -> list[str]:
    return list(region_names())


def country_names() -> dict[str, str]:
    return {r["country_id"]: r["name"] for r in _rows("countries")}


def sources() -> dict[str, dict]:
    """source_id -> its row (file, label, short_label, kind, cite_key), in id order."""
    return {r["source_id"]: r for r in sorted(_rows("sources"), key=lambda r: r["source_id"])}


def source_labels(short: bool = False) -> dict[str, str]:
    return {k: r["short_label" if short else "label"] for k, r in sources().items()}


def source_documents() -> dict[str, str]:
    """source_id -> what the source documents, in a few words."""
    return {k: r["documents"] for k, r in sources().items()}


def programme_labels(short: bool = False) -> dict[str, str]:
    """programme_id -> label; with `short`, only the programmes that have a short label (for charts)."""
    if short:
        return {r["programme_id"]: r["short_label"] for r in _rows("programmes") if r["short_label"]}
    return {r["programme_id"]: r["label"] for r in _rows("programmes")}


def code_labels(field: str) -> dict[str, str]:
    """code -> label for the coded column `field` (flow, mission_type, relation, stance), in the codelist's order."""
    labels = {r["code"]: r["label"] for r in _rows("codes") if r["field"] == field}
    if not labels:
        raise KeyError(f"codelists/codes.csv labels no code of the column {field!r}")
    return labels


def district_name(region_id: str) -> str:
    """A federal district's short name: the codelist name without 'Federal District' ('Far Eastern')."""
    return region_names()[region_id].removesuffix(" Federal District")
