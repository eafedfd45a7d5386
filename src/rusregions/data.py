"""Load and validate the data package in data/.

`load(name)` is the only way notebooks read data: it validates the resource
against data/datapackage.json first and raises DataError listing every problem,
each naming the file, the row (as numbered in the CSV, header = row 1) and the
column. Nothing here writes to data/ except `update_checksums`, a deliberate
maintainer step.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .version import ROOT

if TYPE_CHECKING:  # every command imports this module for DataError; pandas (0.45 s) only when data is loaded
    import pandas as pd

DATA_DIR = ROOT / "data"
VALIDATED = ROOT / "_build" / "validated"  # one empty file per fingerprint of a resource found valid
DESCRIPTOR = "datapackage.json"
UNIT_COLUMNS = ("unit", "unit_corrected")
MAX_BYTES = 250_000_000  # a data file larger than this is refused unread (the largest today is ~0.3 MB)
MAX_PROBLEMS = 20  # listed per file; one more stops the reading (as Frictionless' own error limit does)
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


def _fingerprint(res: dict, descriptor: dict, data_dir: Path) -> str:
    """A digest of everything a resource's validity depends on: the validating code, the descriptor, the bytes of
    its file and of the files its foreign keys point to, and for a resource with provenance columns the sources
    and the bibliography."""
    h = hashlib.sha256(res["name"].encode())
    for code in ("data.py", "validation.py", "units.py"):
        h.update(sha256(Path(__file__).with_name(code)).encode())
    if {"source_id", "quote", "cite_key"} <= {f["name"] for f in res["schema"]["fields"]}:
        # the credit of each row is checked against the sources and the bibliography, by the claims ledger's rule
        from .claims import BIB
        from .sources import SOURCE_FILES, sources_dir

        for path in [Path(__file__).with_name("claims.py"), Path(__file__).with_name("sources.py"), BIB,
                     *(sources_dir() / name for name in SOURCE_FILES.values())]:
            h.update(sha256(path).encode())
    h.update(importlib.metadata.version("frictionless").encode() + sha256(data_dir / DESCRIPTOR).encode())
    targets = {fk["reference"]["resource"] or res["name"] for fk in res["schema"].get("foreignKeys", [])}
    for r in descriptor["resources"]:
        if r["name"] == res["name"] or r["name"] in targets:
            h.update(sha256(data_dir / r["path"]).encode())
    return h.hexdigest()


def validate_resource(name: str, data_dir: Path = DATA_DIR, cached: bool = True) -> list[Problem]:
    """Every problem of one resource (at most MAX_PROBLEMS listed); an empty list means it is valid.

    Checked by rusregions.validation: Frictionless, then the project's rules. A resource found valid is
    remembered by its fingerprint in VALIDATED, so an unchanged file is not read again (reading the package
    through Frictionless costs seconds, and every notebook loads several files); the file checks run every time.
    """
    data_dir = Path(data_dir)
    descriptor = read_descriptor(data_dir)
    res = _resource(descriptor, name)
    problem = _file_problem(data_dir / res["path"], res["path"], inside=data_dir)
    if problem is not None:
        return [problem]
    try:
        known = VALIDATED / _fingerprint(res, descriptor, data_dir)
    except OSError:  # a file a foreign key points to is missing: its own validation says so
        known = None
    if cached and known is not None and known.exists():
        return []
    from . import validation  # imports Frictionless: only when a file must be read

    problems = validation.problems(res, descriptor, data_dir)
    if not problems and known is not None:
        try:
            known.parent.mkdir(parents=True, exist_ok=True)
            known.touch()
        except OSError:
            pass  # a read-only checkout validates every time
    return problems


def validate_all(data_dir: Path = DATA_DIR) -> list[Problem]:
    return [p for name in resource_names(data_dir) for p in validate_resource(name, data_dir)]


def resource_for(path: str | Path) -> tuple[str, Path]:
    """(resource name, data folder) of a CSV named on the command line; DataError if it is not one.

    The data folder is the nearest folder holding a datapackage.json: the file's own, or one above it, as for
    the codelists in data/codelists/. Folders are those the path names, symlinks not followed, so a link in
    data/ is judged as a file of data/ (and refused if it leads outside it).
    """
    path = Path(os.path.abspath(path))
    if not path.exists() and not path.is_symlink():
        raise DataError([Problem(str(path), None, None, "no such file")])
    data_dir = next((d for d in path.parents if (d / DESCRIPTOR).exists()), None)
    if data_dir is None:
        raise DataError([Problem(path.name, None, None, f"no {DESCRIPTOR} beside this file or in a folder above it")])
    for res in read_descriptor(data_dir)["resources"]:
        if os.path.abspath(data_dir / res["path"]) == str(path):
            return res["name"], data_dir
    raise DataError([Problem(path.name, None, None, f"file is not described in {data_dir.name}/{DESCRIPTOR}")])


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
    import pandas as pd

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
