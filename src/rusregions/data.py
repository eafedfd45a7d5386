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
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .units import UNITS

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DESCRIPTOR = "datapackage.json"
UNIT_COLUMNS = ("unit", "unit_corrected")


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


class DataError(ValueError):
    """A data file does not match its description; str() lists every problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def read_descriptor(data_dir: Path = DATA_DIR) -> dict:
    return json.loads((Path(data_dir) / DESCRIPTOR).read_text(encoding="utf-8"))


def resource_names(data_dir: Path = DATA_DIR) -> list[str]:
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def _resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource named {name!r} in {DESCRIPTOR}")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


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

def validate_resource(name: str, data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem of one resource; an empty list means it is valid."""
    data_dir = Path(data_dir)
    res = _resource(read_descriptor(data_dir), name)
    path = data_dir / res["path"]
    fname = res["path"]
    fields = res["schema"]["fields"]
    names = [f["name"] for f in fields]
    missing_values = res["schema"].get("missingValues", [""])
    problems: list[Problem] = []

    for f in fields:
        if "unit" in f and f["unit"] not in UNITS:
            problems.append(Problem(fname, None, f["name"], f"unit {f['unit']!r} in {DESCRIPTOR} is not allowed"))
    if not path.exists():
        return problems + [Problem(fname, None, None, "file is missing")]

    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if header != names:
            extra = [h for h in header if h not in names]
            lost = [n for n in names if n not in header]
            detail = []
            if lost:
                detail.append(f"missing {lost}")
            if extra:
                detail.append(f"unexpected {extra}")
            if not detail:
                detail.append("columns out of order")
            problems.append(Problem(fname, 1, None, f"header does not match {DESCRIPTOR} ({'; '.join(detail)}); "
                                                    f"expected {names}"))
            return problems
        rows = []
        for rowno, cells in enumerate(reader, start=2):
            if len(cells) != len(names):
                problems.append(Problem(fname, rowno, None, f"has {len(cells)} cells, expected {len(names)}"))
                continue
            parsed = {}
            for f, cell in zip(fields, cells):
                if cell in missing_values:
                    if f.get("constraints", {}).get("required"):
                        problems.append(Problem(fname, rowno, f["name"], "value is required but missing"))
                    parsed[f["name"]] = None
                    continue
                try:
                    value = _parse(cell, f["type"])
                except ValueError as exc:
                    problems.append(Problem(fname, rowno, f["name"], str(exc)))
                    parsed[f["name"]] = None
                    continue
                for msg in _check_cell(value, f):
                    problems.append(Problem(fname, rowno, f["name"], msg))
                parsed[f["name"]] = value
            if parsed.get("unit") == "percent":
                for col in ("value", "value_high"):
                    v = parsed.get(col)
                    if isinstance(v, float) and not 0 <= v <= 100:
                        problems.append(Problem(fname, rowno, col, f"share {v} is outside 0-100 percent"))
            rows.append((rowno, parsed))

    key = res["schema"].get("primaryKey", [])
    if isinstance(key, str):
        key = [key]
    if key:
        seen: dict[tuple, int] = {}
        for rowno, parsed in rows:
            k = tuple(parsed.get(c) for c in key)
            if k in seen:
                problems.append(Problem(fname, rowno, ",".join(key),
                                        f"duplicate key {k} (first at row {seen[k]})"))
            else:
                seen[k] = rowno

    for check in res.get("x-checks", []):
        problems.extend(_check_sum(fname, rows, check))

    recorded = res.get("hash", "")
    if recorded:
        found = "sha256:" + sha256(path)
        if recorded != found:
            problems.append(Problem(fname, None, None,
                                    f"checksum mismatch: {DESCRIPTOR} records {recorded}, file has {found}; "
                                    "the file changed since it was recorded (if intended: "
                                    "python -m rusregions validate --update-checksums)"))
    return problems


def _check_sum(fname: str, rows: list, check: dict) -> list[Problem]:
    """A published total must equal the sum of its published parts within rounding.

    check = {"type": "sum", "key": column naming the part, "total": key value of the total row,
             "parts": [key values], "by": [grouping columns], "value": column, "tolerance": float}
    """
    groups: dict[tuple, dict] = {}
    for rowno, parsed in rows:
        g = tuple(parsed.get(c) for c in check["by"])
        groups.setdefault(g, {})[parsed.get(check["key"])] = (rowno, parsed.get(check["value"]))
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
            out.append(Problem(fname, rowno, check["value"],
                               f"total {total} for {label} does not match the sum of its parts "
                               f"{round(sum(parts), 4)} (tolerance {check['tolerance']})"))
    return out


def validate_all(data_dir: Path = DATA_DIR) -> list[Problem]:
    from .codelists import foreign_key_problems

    problems = [p for name in resource_names(data_dir) for p in validate_resource(name, data_dir)]
    return problems + foreign_key_problems(read_descriptor(data_dir), data_dir)


def validate_path(path: str | Path) -> list[Problem]:
    """Validate one CSV against the datapackage.json that sits beside it."""
    path = Path(path).resolve()
    data_dir = path.parent
    if not (data_dir / DESCRIPTOR).exists():
        return [Problem(path.name, None, None, f"no {DESCRIPTOR} beside this file")]
    for res in read_descriptor(data_dir)["resources"]:
        if (data_dir / res["path"]).resolve() == path:
            from .codelists import foreign_key_problems

            return validate_resource(res["name"], data_dir) + foreign_key_problems(
                read_descriptor(data_dir), data_dir, only=res["name"])
    return [Problem(path.name, None, None, f"file is not described in {DESCRIPTOR}")]


def update_checksums(data_dir: Path = DATA_DIR) -> list[str]:
    """Record sha256 and size of every data file (a deliberate maintainer step)."""
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    changed = []
    for res in descriptor["resources"]:
        path = data_dir / res["path"]
        new = "sha256:" + sha256(path)
        if res.get("hash") != new:
            changed.append(res["name"])
        res["hash"] = new
        res["bytes"] = path.stat().st_size
    (data_dir / DESCRIPTOR).write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return changed


# --- loading -------------------------------------------------------------------

_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


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
