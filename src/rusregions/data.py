"""Load and validate the data package in data/.

`load(name)` is the only way notebooks read data: it validates the resource
against data/datapackage.json first and raises DataError listing every problem,
each naming the file, the row (as numbered in the CSV, header = row 1) and the
column. Nothing here writes to data/ except `update_checksums`, a deliberate
maintainer step.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pandas as pd

# jsonschema imports rfc3987_syntax when it is installed (Jupyter pulls it in), which compiles 39 grammars, about
# 3 s on every start, for IRI formats that Frictionless never checks (it uses no format checker).
if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

from frictionless import Checklist, Dialect, FrictionlessException, Package, checks  # noqa: E402
from frictionless.formats import CsvControl  # noqa: E402

from .units import UNITS
from .version import ROOT

DATA_DIR = ROOT / "data"
DESCRIPTOR = "datapackage.json"
UNIT_COLUMNS = ("unit", "unit_corrected")
MAX_BYTES = 250_000_000  # a data file larger than this is refused unread (the largest today is ~0.1 MB)
MAX_PROBLEMS = 20  # per file: after this many, only count the rest
FIELD_LIMIT = 100_000  # characters in one CSV cell; more means an unclosed quote or a broken file


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


class DataError(ValueError):
    """A data file does not match its description; str() lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _file_problem(path: Path, label: str, inside: Path | None = None) -> Problem | None:
    """Why `path` cannot be read as a data file (None if it can): missing, not a regular file,
    a symlink leading out of `inside`, too large, or unreadable."""
    if not path.exists():
        if path.is_symlink():
            return Problem(label, None, None, f"is a symlink to {os.readlink(path)}, which does not exist")
        return Problem(label, None, None, "no such file (restore it from git, or fix the path in "
                                          f"{DESCRIPTOR})" if inside is not None else "no such file")
    if inside is not None and not path.resolve().is_relative_to(inside.resolve()):
        return Problem(label, None, None, f"is a symlink leading outside the data folder (to {path.resolve()}); "
                                          "data files must be real files inside it")
    if path.is_dir():
        return Problem(label, None, None, "is a directory, not a file")
    if not path.is_file():
        return Problem(label, None, None, "is not a regular file (a device, pipe or socket); "
                                          "data files must be ordinary files")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Problem(label, None, None, f"is {size / 1e6:.1f} MB, over the limit of {MAX_BYTES / 1e6:.0f} MB "
                                          "for one data file; it was not read")
    if not os.access(path, os.R_OK):
        return Problem(label, None, None, "cannot be read (permission denied); check its permissions")
    return None


def _descriptor_problems(descriptor) -> list[Problem]:
    """What makes a parsed datapackage.json unusable: the parts this module relies on."""
    def bad(msg):
        return Problem(DESCRIPTOR, None, None, msg + "; restore it from git or fix it by hand")

    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [bad("has no list of 'resources'")]
    problems = []
    for i, res in enumerate(descriptor["resources"], start=1):
        if not isinstance(res, dict):
            problems.append(bad(f"resource {i} is not an object"))
            continue
        label = f"resource {i}" + (f" ({res['name']!r})" if isinstance(res.get("name"), str) else "")
        for key in ("name", "path"):
            if not isinstance(res.get(key), str) or not res[key]:
                problems.append(bad(f"{label} has no '{key}'"))
        fields = res.get("schema", {}).get("fields") if isinstance(res.get("schema"), dict) else None
        if not isinstance(fields, list) or not fields:
            problems.append(bad(f"{label} has no 'schema' with 'fields'"))
            continue
        for j, f in enumerate(fields, start=1):
            if not isinstance(f, dict) or not isinstance(f.get("name"), str):
                problems.append(bad(f"{label}, field {j} has no 'name'"))
            elif f.get("type") not in _DTYPES:
                problems.append(bad(f"{label}, field {f['name']!r} has type {f.get('type')!r}, "
                                    f"expected one of {sorted(_DTYPES)}"))
    return problems


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    """data_dir/datapackage.json, parsed and checked; DataError (one line per problem) if unusable."""
    path = Path(data_dir) / DESCRIPTOR
    problem = _file_problem(path, DESCRIPTOR)
    if problem is not None:
        if problem.message == "no such file":
            problem = Problem(DESCRIPTOR, None, None, f"no such file in {data_dir}")
        raise DataError([problem])
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError([Problem(DESCRIPTOR, None, None, f"is not valid UTF-8 (byte {exc.start}); "
                                                         "save it as UTF-8")]) from None
    except json.JSONDecodeError as exc:
        raise DataError([Problem(DESCRIPTOR, None, None, f"is not valid JSON: {exc.msg} at line {exc.lineno}, "
                                                         f"column {exc.colno}")]) from None
    problems = _descriptor_problems(descriptor)
    if problems:
        raise DataError(problems)
    return descriptor


def resource_names(data_dir: Path = DATA_DIR) -> list[str]:
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def _resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource named {name!r} in {DESCRIPTOR}")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


class _Collector:
    """The problems of one file, keeping the first MAX_PROBLEMS and counting the rest."""

    def __init__(self, fname: str):
        self.fname = fname
        self.kept: list[Problem] = []
        self.more = 0

    def add(self, row, column, message) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(Problem(self.fname, row, column, message))
        else:
            self.more += 1

    def result(self) -> list[Problem]:
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


# --- validation: Frictionless checks the structure, the project's rules are added on top ------------------------

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
    if kind == "blank-row":
        return n, None, "is blank; delete the empty line"
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


def _stream(resource, res: dict, path: Path, out: _Collector, paths: dict) -> Problem | None:
    """Read the file once through Frictionless, row by row, adding its errors and the project's rules to `out`;
    the problem that stopped the reading, if one did."""
    fname, names = res["path"], [f["name"] for f in res["schema"]["fields"]]
    sums = [(c, set(c["parts"]) | {c["total"]}, {}) for c in res.get("x-checks", [])]
    checklist = Checklist(checks=[checks.table_dimensions(min_rows=1)]).connect(resource)
    with resource:
        if not (resource.labels or resource.fragment):
            return Problem(fname, None, None, f"file is empty; expected the header {names} and at least one row")
        if resource.header.errors:
            return Problem(fname, 1, None, _header_problem(resource.labels, names))
        for row in resource.row_stream:
            wrong_width = [e for e in row.errors if e.type in ("extra-cell", "missing-cell")]
            if wrong_width:
                out.add(row.row_number, None, f"has {len(wrong_width[0].cells)} cells, expected {len(names)}")
                continue
            for error in row.errors:
                out.add(*_message(error, row, resource.schema, paths))
            _project_rules(row, out, sums)
        for check, _, groups in sums:
            for problem in _check_sum(groups, check):
                out.add(*problem)
        ends = [error for check in checklist for error in check.validate_end()]
        for error in sorted(ends, key=lambda e: e.type != "table-dimensions"):  # "no rows" first: it explains the rest
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


def validate_resource(name: str, data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem of one resource (at most MAX_PROBLEMS listed); an empty list means it is valid.

    Frictionless checks the structure: the header, types, constraints, unique values, primary and foreign keys,
    the checksum. The project's rules are added on top: allowed units, shares, plain decimals, published totals
    against their parts. The file is streamed: memory grows with the keys and the rows of sum checks, not the file.
    """
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    res = _resource(descriptor, name)
    path, fname = data_dir / res["path"], res["path"]
    out = _Collector(fname)
    for f in res["schema"]["fields"]:
        if "unit" in f and f["unit"] not in UNITS:
            out.add(None, f["name"], f"unit {f['unit']!r} in {DESCRIPTOR} is not allowed")
    problem = _file_problem(path, fname, inside=data_dir)
    if problem is not None:
        return out.result() + [problem]
    resource = _package(str(data_dir), json.dumps(descriptor)).get_resource(name)
    csv.field_size_limit(FIELD_LIMIT)  # Frictionless sets its own limit, far higher, when it is imported
    try:
        problem = _stream(resource, res, path, out, {r["name"]: r["path"] for r in descriptor["resources"]})
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


def validate_all(data_dir: Path = DATA_DIR) -> list[Problem]:
    return [p for name in resource_names(data_dir) for p in validate_resource(name, data_dir)]


def resource_for(path: str | Path) -> tuple[str, Path]:
    """(resource name, data folder) of a CSV named on the command line; DataError if it is not one.

    The folder is the one the path names, symlinks not followed, so a link in data/ is judged as a
    file of data/ (and refused if it leads outside it).
    """
    path = Path(os.path.abspath(path))
    data_dir = path.parent
    if not path.exists() and not path.is_symlink():
        raise DataError([Problem(str(path), None, None, "no such file")])
    if not (data_dir / DESCRIPTOR).exists():
        raise DataError([Problem(path.name, None, None, f"no {DESCRIPTOR} beside this file")])
    for res in read_descriptor(data_dir)["resources"]:
        if os.path.abspath(data_dir / res["path"]) == str(path):
            return res["name"], data_dir
    raise DataError([Problem(path.name, None, None, f"file is not described in {DESCRIPTOR}")])


def validate_path(path: str | Path) -> list[Problem]:
    """Validate one CSV against the datapackage.json that sits beside it."""
    try:
        name, data_dir = resource_for(path)
    except DataError as exc:
        return exc.problems
    return validate_resource(name, data_dir)


def update_checksums(data_dir: Path = DATA_DIR, names: list[str] | None = None) -> list[str]:
    """Record sha256 and size of the named data files (default: every one), after validating them.

    A deliberate maintainer step after an intended change. Refuses (DataError) if any of them
    has a problem other than its checksum: a broken file must not be blessed. Written atomically.
    """
    from .fsutil import atomic_write_text

    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    names = names if names is not None else [r["name"] for r in descriptor["resources"]]
    problems = [p for n in names for p in validate_resource(n, data_dir)
                if not p.message.startswith("checksum mismatch")]
    if problems:
        raise DataError(problems)
    changed = []
    for name in names:
        res = _resource(descriptor, name)
        path = data_dir / res["path"]
        new = "sha256:" + sha256(path)
        if res.get("hash") != new:
            changed.append(res["name"])
        res["hash"] = new
        res["bytes"] = path.stat().st_size
    atomic_write_text(data_dir / DESCRIPTOR, json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n")
    return changed


# --- loading -------------------------------------------------------------------


def load(name: str, data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The resource as a DataFrame, after validation (DataError if invalid)."""
    problems = validate_resource(name, data_dir)
    if problems:
        raise DataError(problems)
    res = _resource(read_descriptor(data_dir), name)
    dtypes = {f["name"]: _DTYPES[f["type"]] for f in res["schema"]["fields"]}
    df = pd.read_csv(Path(data_dir) / res["path"], dtype="string", keep_default_na=False, na_values=[""])
    for col, dtype in dtypes.items():
        if dtype == "boolean":
            df[col] = df[col].map({"true": True, "false": False}).astype("boolean")
        elif dtype != "string":
            df[col] = pd.to_numeric(df[col]).astype(dtype)
    df.attrs["resource"] = res
    return df


def describe(name: str, data_dir: Path = DATA_DIR) -> dict:
    """The resource's descriptor (title, fields, units, sources, notes)."""
    return _resource(read_descriptor(data_dir), name)
