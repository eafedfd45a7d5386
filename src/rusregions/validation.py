"""Validation of one data file: Frictionless checks its structure, the project's rules are added on top.

Frictionless streams the file and checks the header, types, constraints, unique values, primary and foreign keys
and the checksum; its errors are put in the project's words (file, row, column, what to do). On top come the
project's rules: allowed units, shares within 0-100, plain decimals, published totals against their parts, and
that a row's cite_key is the work its source credits for its quote (the claims ledger's rule). Memory grows with
the keys and the rows of sum checks, not with the file.
"""
from __future__ import annotations

import csv
import json
import os
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from frictionless import Checklist, Dialect, FrictionlessException, Package, checks
from frictionless.formats import CsvControl

from . import claims
from .data import DESCRIPTOR, FIELD_LIMIT, MAX_PROBLEMS, UNIT_COLUMNS, DataError, Problem
from .sources import SourceError, load_source
from .units import UNITS

PROVENANCE = ("source_id", "quote", "cite_key")  # a resource with these columns says where each row comes from


class _Collector:
    """The problems of one file, keeping the first MAX_PROBLEMS and counting the rest."""

    def __init__(self, fname: str):
        self.fname = fname
        self.kept: list[Problem] = []
        self.more = 0
        self.stopped_at: int | None = None  # the row where reading stopped, once MAX_PROBLEMS were found

    def add(self, row, column, message) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(Problem(self.fname, row, column, message))
        else:
            self.more += 1

    def result(self) -> list[Problem]:
        if self.stopped_at is not None:
            return self.kept + [Problem(self.fname, self.stopped_at, None, f"reading stopped here, after "
                                        f"{MAX_PROBLEMS} problems; fix them and validate again")]
        if self.more:
            return self.kept + [Problem(self.fname, None, None, f"… and {self.more} more problem(s) in this file")]
        return list(self.kept)


def _shown(path: Path) -> str:
    """`path` as the user would type it: relative to the working directory if it is below it."""
    path = Path(os.path.abspath(path))
    return str(path.relative_to(Path.cwd())) if path.is_relative_to(Path.cwd()) else str(path)


def _first_undecodable(path: Path) -> tuple[int, int, int]:
    """(line, byte offset in the file, byte value) of the first byte that is not UTF-8."""
    offset = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError as exc:
                return lineno, offset + exc.start, line[exc.start]
            offset += len(line)
    return 0, offset, 0


def _first_malformed(path: Path) -> tuple[int, str]:
    """(row, reason) of the first CSV syntax error, which Frictionless reports without its place."""
    rowno = 1
    with open(path, newline="", encoding="utf-8") as fh:
        try:
            for rowno, _ in enumerate(csv.reader(fh, strict=True), start=1):
                pass
        except csv.Error as exc:
            reason = str(exc)
            if "field larger than field limit" in reason:
                reason = f"a cell is longer than {FIELD_LIMIT} characters"
            return rowno + 1, reason
    return rowno, "unknown"


def _header_problem(header: list[str], names: list[str]) -> str:
    extra = [h for h in header if h not in names]
    lost = [n for n in names if n not in header]
    detail = []
    if lost:
        detail.append(f"missing {lost}")
    if extra:
        detail.append(f"unexpected {extra}")
    if not detail:
        detail.append("columns out of order")
    return f"header does not match {DESCRIPTOR} ({'; '.join(detail)}); expected {names}"


class _StrictCsv(CsvControl):
    """Frictionless reads CSV leniently: a stray quote would silently swallow cells. Strict reading stops there."""

    def to_python(self):
        dialect = super().to_python()
        dialect.strict = True
        return dialect


@lru_cache(maxsize=4)
def _package(folder: str, descriptor_json: str) -> Package:
    """The Frictionless package of a data folder, built once per descriptor (it validates the descriptor)."""
    try:
        package = Package(json.loads(descriptor_json), basepath=folder)
    except FrictionlessException as exc:
        raise DataError([Problem(DESCRIPTOR, None, None, f"{e.message}; restore it from git or fix it by hand")
                         for e in exc.reasons or [exc.error]]) from None
    for resource in package.resources:
        resource.dialect = Dialect(controls=[_StrictCsv(delimiter=",", quote_char='"')])
    return package


_NOT_A = {"integer": "an integer", "year": "a year", "boolean": "a boolean (true/false)",
          "number": "a number (use '.' as decimal mark, no separators)"}
# Stricter than Frictionless, which also reads 1e5, NaN, +5 and 1_000: data/README.md's plain decimals.
_PLAIN = {"integer": re.compile(r"-?\d+"), "number": re.compile(r"-?\d+(\.\d+)?")}


def _not_a(cell, ftype: str) -> str:
    return f"{cell!r} is not {_NOT_A.get(ftype, f'a valid {ftype}')}"


def _first_at(note: str) -> str:
    return re.search(r"position (\d+)", note)[1]


def _message(error, row, schema, paths: dict) -> tuple:
    """(row, column, message) in the project's words for one Frictionless row or cell error."""
    n, kind = error.row_number, error.type
    if kind == "type-error":
        return n, error.field_name, _not_a(error.cell, schema.get_field(error.field_name).type)
    if kind == "constraint-error":
        name = re.match(r'constraint "(\w+)"', error.note)[1]
        limit = schema.get_field(error.field_name).constraints[name]
        return n, error.field_name, {
            "required": "value is required but missing",
            "enum": f"{error.cell!r} is not one of {limit}",
            "minimum": f"{error.cell} is below the minimum {limit}",
            "maximum": f"{error.cell} is above the maximum {limit}",
            "pattern": f"{error.cell!r} does not match the pattern {limit}",
        }.get(name, f"{error.cell!r} breaks the constraint {name} = {limit!r}")
    if kind == "unique-error":
        return n, error.field_name, (f"duplicate value {error.cell!r} (first at row {_first_at(error.note)}); "
                                     "the values of this column must be unique")
    if kind == "primary-key":
        key = tuple(row[c] for c in schema.primary_key)
        if set(key) == {None}:
            return n, ",".join(schema.primary_key), "the key is missing"
        return n, ",".join(schema.primary_key), f"duplicate key {key} (first at row {_first_at(error.note)})"
    if kind == "foreign-key":
        shown = error.field_cells[0] if len(error.field_cells) == 1 else tuple(error.field_cells)
        target = paths[error.reference_name]
        return n, ",".join(error.field_names), f"{shown!r} is not in {target} (add it there, or correct the id)"
    return n, getattr(error, "field_name", None), error.message


def _project_rules(row, out: _Collector, sums: list) -> None:
    """The project's rules for one row: allowed units, shares within 0-100, plain decimals, and the members
    of published totals (checked once the file is read)."""
    flagged = {e.field_name for e in row.errors if hasattr(e, "field_name")}
    for field, cell in zip(row.fields, row.cells):
        if cell in field.missing_values:
            continue
        if field.type in _PLAIN and field.name not in flagged and not _PLAIN[field.type].fullmatch(cell):
            out.add(row.row_number, field.name, _not_a(cell, field.type))
        if field.name in UNIT_COLUMNS and cell not in UNITS:
            out.add(row.row_number, field.name, f"unit {cell!r} is not allowed (see rusregions.units.UNITS)")
    if row.get("unit") == "percent":
        for col in ("value", "value_high"):
            v = row.get(col)
            if isinstance(v, Decimal) and col not in flagged and not 0 <= v <= 100:
                out.add(row.row_number, col, f"share {float(v)} is outside 0-100 percent")
    for check, wanted, groups in sums:
        if row.get(check["key"]) in wanted:
            g = tuple(row.get(c) for c in check["by"])
            v = row.get(check["value"])
            groups.setdefault(g, {})[row.get(check["key"])] = (row.row_number, None if v is None else float(v))


def _credit(row, out: _Collector) -> None:
    """The row's cite_key must be the work its source credits for its quote: named in the quote or in the first
    citation after it in the same paragraph of the source, or the source's own key (rusregions.claims.miscredit).
    Which page the quote is on is checked by rusregions.sources.check_provenance (tests/test_data.py)."""
    key, quote, cite = (row.get(c) for c in PROVENANCE)
    if not (key and quote and cite):
        return  # a missing value is reported as such
    try:
        source = load_source(key)
    except KeyError:
        return  # an unknown source_id: its foreign key says so
    except SourceError as exc:  # the source file is missing or unreadable
        out.add(row.row_number, "source_id", str(exc))
        return
    try:
        start = source.locate(quote)
    except SourceError:
        out.add(row.row_number, "quote", f"not found in source {key}; the quote must be the source's words verbatim")
        return
    if cite not in claims.bib_entries():
        out.add(row.row_number, "cite_key", f"{cite!r} is not in book/references.bib")
        return
    wrong = claims.miscredit(key, start, quote, cite)
    if wrong:
        out.add(row.row_number, "cite_key", f"{cite!r} {wrong}")


def _stream(resource, res: dict, path: Path, out: _Collector, paths: dict) -> Problem | None:
    """Read the file once through Frictionless, row by row, adding its errors and the project's rules to `out`;
    the problem that stopped the reading, if one did."""
    fname, names = res["path"], [f["name"] for f in res["schema"]["fields"]]
    sourced = all(c in names for c in PROVENANCE)
    sums = [(c, set(c["parts"]) | {c["total"]}, {}) for c in res.get("x-checks", [])]
    checklist = Checklist(checks=[checks.table_dimensions(min_rows=1)]).connect(resource)
    with resource:
        if not (resource.labels or resource.fragment):
            return Problem(fname, None, None, f"file is empty; expected the header {names} and at least one row")
        if resource.header.errors:
            return Problem(fname, 1, None, _header_problem(resource.labels, names))
        for row in resource.row_stream:
            whole_row = [e for e in row.errors if e.type in ("blank-row", "extra-cell", "missing-cell")]
            if whole_row:  # one problem for the row: its cells cannot be read one by one
                out.add(row.row_number, None, "is blank; delete the empty line" if whole_row[0].type == "blank-row"
                        else f"has {len(whole_row[0].cells)} cells, expected {len(names)}")
                continue
            for error in row.errors:
                out.add(*_message(error, row, resource.schema, paths))
            _project_rules(row, out, sums)
            if sourced:
                _credit(row, out)
            if out.more:  # as Frictionless' own error limit: each of its errors costs time, and a few say enough
                out.stopped_at = row.row_number
                return None
        for check, _, groups in sums:
            for problem in _check_sum(groups, check):
                out.add(*problem)
        ends = [error for check in checklist for error in check.validate_end()]
        for error in sorted(ends, key=lambda e: e.type != "table-dimensions"):  # "no rows" first: it says most
            if error.type == "table-dimensions":  # fewer than one row
                out.add(None, None, "has a header but no rows; the resource needs at least one")
            elif error.type == "hash-count":
                out.add(None, None, f"checksum mismatch: {DESCRIPTOR} records {res['hash']}, file has "
                                    f"sha256:{resource.stats.sha256}; the file changed since it was recorded "
                                    "(if intended: python -m rusregions validate --update-checksums "
                                    f"{_shown(path)})")
            elif error.type != "byte-count":  # a changed size is a changed checksum: said once
                out.add(None, None, error.message)
    return None


def _check_sum(groups: dict, check: dict) -> list[tuple]:
    """A published total must equal the sum of its published parts within rounding.

    check = {"type": "sum", "key": column naming the part, "total": key value of the total row,
             "parts": [key values], "by": [grouping columns], "value": column, "tolerance": float}
    groups = {grouping values: {key value: (row, value)}}
    """
    out = []
    for g, members in groups.items():
        if check["total"] not in members or any(p not in members for p in check["parts"]):
            continue
        rowno, total = members[check["total"]]
        parts = [members[p][1] for p in check["parts"]]
        if total is None or any(v is None for v in parts):
            continue
        if abs(sum(parts) - total) > check["tolerance"]:
            label = "/".join(str(x) for x in g)
            out.append((rowno, check["value"], f"total {total} for {label} does not match the sum of its parts "
                                               f"{round(sum(parts), 4)} (tolerance {check['tolerance']})"))
    return out


def problems(res: dict, descriptor: dict, data_dir: Path) -> list[Problem]:
    """Every problem of the resource described by `res` (at most MAX_PROBLEMS listed, then a count)."""
    path, fname = data_dir / res["path"], res["path"]
    out = _Collector(fname)
    for f in res["schema"]["fields"]:
        if "unit" in f and f["unit"] not in UNITS:
            out.add(None, f["name"], f"unit {f['unit']!r} in {DESCRIPTOR} is not allowed")
    resource = _package(str(data_dir), json.dumps(descriptor)).get_resource(res["name"])
    csv.field_size_limit(FIELD_LIMIT)  # Frictionless sets its own limit, far higher, when it is imported
    try:
        paths = {r["name"]: r["path"] for r in descriptor["resources"]} | {"": res["path"]}  # "": itself
        problem = _stream(resource, res, path, out, paths)
    except FrictionlessException as exc:  # the reading stopped; Frictionless does not say where, so find it
        if exc.error.type == "encoding-error":
            line, offset, byte = _first_undecodable(path)
            problem = Problem(fname, None, None, f"line {line}: byte 0x{byte:02x} at offset {offset} is not UTF-8; "
                                                 "save the file as UTF-8")
        elif isinstance(exc.__cause__, csv.Error):
            rowno, reason = _first_malformed(path)
            problem = Problem(fname, rowno, None, f"malformed CSV: {reason} (is a quote left unclosed?); "
                                                  "the rest was not read")
        else:
            problem = Problem(fname, None, None, exc.error.message)
    except OSError as exc:
        problem = Problem(fname, None, None, f"cannot be read: {exc.strerror or exc}")
    return out.result() + ([problem] if problem else [])
