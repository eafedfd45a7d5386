"""Codelists (data/codelists/): one id, name and order for every region, country and source.

Chapters take labels and orders from here, never from dicts of their own, so a new region or source
appears everywhere at once. `foreign_key_problems` checks the foreign keys the descriptor declares
(Frictionless checks them too, in the tests; this is the fast path with the project's messages).
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


def foreign_key_problems(descriptor: dict, data_dir: Path, only: str | None = None) -> list:
    """A Problem for every value that a declared foreign key does not find in the resource it refers to
    (of every resource, or of the resource named `only`)."""
    from .data import Problem  # data imports nothing from here: no cycle at import time

    by_name = {r["name"]: r for r in descriptor["resources"]}
    keys: dict[tuple, set] = {}

    def values(resource: str, fields: tuple) -> set | None:
        """The key values of a resource; None if it cannot be read (its own validation says why)."""
        if (resource, fields) not in keys:
            try:
                with open(Path(data_dir) / by_name[resource]["path"], newline="", encoding="utf-8") as fh:
                    keys[(resource, fields)] = {tuple(row.get(f, "") for f in fields) for row in csv.DictReader(fh)}
            except (OSError, UnicodeDecodeError, csv.Error):
                keys[(resource, fields)] = None
        return keys[(resource, fields)]

    problems = []
    for res in descriptor["resources"]:
        if only is not None and res["name"] != only:
            continue
        for fk in res["schema"].get("foreignKeys", []):
            fields = tuple([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"])
            ref = {**fk["reference"], "resource": fk["reference"]["resource"] or res["name"]}  # "": itself
            ref_fields = tuple([ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"])
            if ref["resource"] not in by_name:
                problems.append(Problem(res["path"], None, ",".join(fields),
                                        f"foreign key refers to {ref['resource']!r}, which datapackage.json does not describe"))
                continue
            known = values(ref["resource"], ref_fields)
            rows = values(res["name"], fields) if known is not None else None
            if rows is None:
                continue  # a file that cannot be read is reported by its own validation
            with open(Path(data_dir) / res["path"], newline="", encoding="utf-8") as fh:
                for rowno, row in enumerate(csv.DictReader(fh), start=2):
                    value = tuple(row.get(f, "") for f in fields)
                    if all(v == "" for v in value):
                        continue  # a missing value is the field's own business (required or not)
                    if value not in known:
                        shown = value[0] if len(value) == 1 else value
                        problems.append(Problem(res["path"], rowno, ",".join(fields),
                                                f"{shown!r} is not in {by_name[ref['resource']]['path']} "
                                                f"(add it there, or correct the id)"))
    return problems


def district_name(region_id: str) -> str:
    """A federal district's short name: the codelist name without 'Federal District' ('Far Eastern')."""
    return region_names()[region_id].removesuffix(" Federal District")
