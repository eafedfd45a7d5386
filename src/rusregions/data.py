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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .units import UNITS

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
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


# --- cell parsing -----------------------------------------------------------

def _parse(value: str, ftype: str):
    """Parse one CSV cell; raise ValueError with a reader-friendly reason."""
    if ftype == "string":
        return value
    if ftype in ("integer", "year"):
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"{value!r} is not {'a year' if ftype == 'year' else 'an integer'}")
        return int(value)
    if ftype == "number":
        if not re.fullmatch(r"-?\d+(\.\d+)?", value):
            raise ValueError(f"{value!r} is not a number (use '.' as decimal mark, no separators)")
        return float(value)
    if ftype == "boolean":
        if value not in ("true", "false"):
            raise ValueError(f"{value!r} is not a boolean (true/false)")
        return value == "true"
    raise ValueError(f"unsupported field type {ftype!r} in {DESCRIPTOR}")


def _check_cell(value, field: dict) -> list[str]:
    c = field.get("constraints", {})
    out = []
    if "enum" in c and value not in c["enum"]:
        out.append(f"{value!r} is not one of {c['enum']}")
    if "minimum" in c and value < c["minimum"]:
        out.append(f"{value} is below the minimum {c['minimum']}")
    if "maximum" in c and value > c["maximum"]:
        out.append(f"{value} is above the maximum {c['maximum']}")
    if "pattern" in c and not re.fullmatch(c["pattern"], str(value)):
        out.append(f"{value!r} does not match the pattern {c['pattern']}")
    if field["name"] in UNIT_COLUMNS and value not in UNITS:
        out.append(f"unit {value!r} is not allowed (see rusregions.units.UNITS)")
    return out


# --- validation ---------------------------------------------------------------

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


def _parse_row(cells, fields, missing_values, rowno, out: _Collector) -> dict:
    parsed = {}
    for f, cell in zip(fields, cells):
        if cell in missing_values:
            if f.get("constraints", {}).get("required"):
                out.add(rowno, f["name"], "value is required but missing")
            parsed[f["name"]] = None
            continue
        try:
            value = _parse(cell, f["type"])
        except ValueError as exc:
            out.add(rowno, f["name"], str(exc))
            parsed[f["name"]] = None
            continue
        for msg in _check_cell(value, f):
            out.add(rowno, f["name"], msg)
        parsed[f["name"]] = value
    if parsed.get("unit") == "percent":
        for col in ("value", "value_high"):
            v = parsed.get(col)
            if isinstance(v, float) and not 0 <= v <= 100:
                out.add(rowno, col, f"share {v} is outside 0-100 percent")
    return parsed


def validate_resource(name: str, data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem of one resource (at most MAX_PROBLEMS listed); an empty list means it is valid.

    The file is read row by row: memory grows only with the primary keys (16 bytes each) and the
    rows that take part in a sum check, not with the file.
    """
    data_dir = Path(data_dir)
    res = _resource(read_descriptor(data_dir), name)
    path = data_dir / res["path"]
    fname = res["path"]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing_values = res["schema"].get("missingValues", [""])
    out = _Collector(fname)

    for f in fields:
        if "unit" in f and f["unit"] not in UNITS:
            out.add(None, f["name"], f"unit {f['unit']!r} in {DESCRIPTOR} is not allowed")
    problem = _file_problem(path, fname, inside=data_dir)
    if problem is not None:
        return out.result() + [problem]

    key = res["schema"].get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    seen: dict[bytes, int] = {}
    checks = [(c, set(c["parts"]) | {c["total"]}, {}) for c in res.get("x-checks", [])]
    n_rows, rowno = 0, 1
    csv.field_size_limit(FIELD_LIMIT)
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            reader = csv.reader(fh, strict=True)
            header = next(reader, None)
            if header is None:
                return out.result() + [Problem(fname, None, None, f"file is empty; expected the header {names} "
                                                                  "and at least one row")]
            if header != names:
                return out.result() + [Problem(fname, 1, None, _header_problem(header, names))]
            for rowno, cells in enumerate(reader, start=2):
                n_rows += 1
                if len(cells) != len(names):
                    out.add(rowno, None, f"has {len(cells)} cells, expected {len(names)}")
                    continue
                parsed = _parse_row(cells, fields, missing_values, rowno, out)
                if key:
                    k = hashlib.blake2b(repr(tuple(parsed.get(c) for c in key)).encode(), digest_size=16).digest()
                    if k in seen:
                        out.add(rowno, ",".join(key), f"duplicate key {tuple(parsed.get(c) for c in key)} "
                                                      f"(first at row {seen[k]})")
                    else:
                        seen[k] = rowno
                for check, wanted, groups in checks:
                    if parsed.get(check["key"]) in wanted:
                        g = tuple(parsed.get(c) for c in check["by"])
                        groups.setdefault(g, {})[parsed.get(check["key"])] = (rowno, parsed.get(check["value"]))
    except UnicodeDecodeError:
        line, offset, byte = _first_undecodable(path)
        return out.result() + [Problem(fname, None, None, f"line {line}: byte 0x{byte:02x} at offset {offset} is "
                                                          "not UTF-8; save the file as UTF-8")]
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = f"a cell is longer than {FIELD_LIMIT} characters"
        return out.result() + [Problem(fname, rowno + 1, None, f"malformed CSV: {reason} "
                                                               "(is a quote left unclosed?); the rest was not read")]
    except OSError as exc:
        return out.result() + [Problem(fname, None, None, f"cannot be read: {exc.strerror or exc}")]
    if n_rows == 0:
        out.add(None, None, "has a header but no rows; the resource needs at least one")

    for check, _, groups in checks:
        for rowno, column, message in _check_sum(groups, check):
            out.add(rowno, column, message)

    from .codelists import foreign_key_problems  # ids that no codelist holds

    for p in foreign_key_problems(read_descriptor(data_dir), data_dir, only=name):
        out.add(p.row, p.column, p.message)

    recorded = res.get("hash", "")
    if recorded:
        found = "sha256:" + sha256(path)
        if recorded != found:
            out.add(None, None, f"checksum mismatch: {DESCRIPTOR} records {recorded}, file has {found}; "
                                "the file changed since it was recorded (if intended: "
                                f"python -m rusregions validate --update-checksums {_shown(path)})")
    return out.result()


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
