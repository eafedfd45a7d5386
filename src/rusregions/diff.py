"""Compare the data package of two editions: every published value added, removed or changed.

An edition is a git revision (a commit, a tag, or `release:X.Y.Z`) or `WORKTREE`, the files in
data/ now. Files are read with `git show REV:data/...`, so nothing is checked out. Rows are
matched by each resource's primary key. A resource new or gone
as a whole is listed by name and row count, not value by value. Provenance columns (the source document, section,
page, quote and cite key) say where a value comes from, not what it is: a change there is not a
change of a published value, so they are left out. Renamed columns (`x-formerly` in the new
descriptor) and region ids (`former_ids` in the regions codelist) are read in the new terms. The editors' remarks (note, notes, erratum) are not published values either:
their changes are counted, not listed.

Releases are found without tags, which not every clone carries: release X.Y.Z is the commit
that added the heading `## [X.Y.Z]` to CHANGELOG.md, and its VERSION file must say X.Y.Z.
"""
from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import dataclass, field

import pandas as pd

from .version import ROOT

WORKTREE = "WORKTREE"
PROVENANCE = ("seed", "source_id", "section", "page", "quote", "cite_key")
EDITORIAL = ("note", "notes", "erratum")  # the editors' remarks on a value: counted, not listed
CHANGES = ("added", "removed", "changed")


class DiffError(ValueError):
    """A revision or release that cannot be read."""


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise DiffError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


# --- releases -------------------------------------------------------------------------

def releases() -> list[tuple[str, str]]:
    """(version, commit) of every release listed in CHANGELOG.md, newest first."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return [(v, release_commit(v)) for v in re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, flags=re.M)]


def release_commit(version: str) -> str:
    """The commit that set release VERSION: it added `## [VERSION]` to CHANGELOG.md and VERSION says so."""
    heading = f"## [{version}]"
    commits = _git("log", "--format=%H", "-S", heading, "--", "CHANGELOG.md").split()
    if not commits:
        raise DiffError(f"no commit added '{heading}' to CHANGELOG.md: release {version} is not in this history")
    commit = commits[-1]  # the oldest: the one that added it
    found = _git("show", f"{commit}:VERSION").strip()
    if found != version:
        raise DiffError(f"commit {commit[:7]} added '{heading}' to CHANGELOG.md but its VERSION says {found}")
    return commit


def previous_release(current: str | None = None) -> tuple[str, str]:
    """The newest release other than the current version (VERSION): what this edition is compared with."""
    current = current or (ROOT / "VERSION").read_text(encoding="utf-8").strip()
    for version, commit in releases():
        if version != current:
            return version, commit
    raise DiffError("CHANGELOG.md lists no release before this version")


def resolve(rev: str) -> str:
    """A revision as git or WORKTREE understands it; `release:X.Y.Z` becomes its release commit."""
    if rev == WORKTREE:
        return rev
    if rev.startswith("release:"):
        return release_commit(rev.split(":", 1)[1])
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").strip()
    except DiffError:
        raise DiffError(f"unknown revision {rev!r}: give a commit, a tag, release:X.Y.Z or {WORKTREE}") from None


# --- reading an edition ------------------------------------------------------------------

def _read(rev: str, path: str) -> str:
    if rev == WORKTREE:
        return (ROOT / path).read_text(encoding="utf-8")
    return _git("show", f"{rev}:{path}")


def read_package(rev: str) -> dict[str, tuple[dict, pd.DataFrame]]:
    """name -> (descriptor entry, every cell as text) for each resource of the edition."""
    rev = resolve(rev)
    try:
        descriptor = json.loads(_read(rev, "data/datapackage.json"))
    except DiffError:
        raise DiffError(f"edition {rev[:7]} has no data/datapackage.json: it predates the data package") from None
    package = {}
    for res in descriptor["resources"]:
        text = _read(rev, f"data/{res['path']}")
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        package[res["name"]] = (res, df)
    return package


# --- comparing ----------------------------------------------------------------------------

@dataclass
class EditionDiff:
    old: str
    new: str
    values: pd.DataFrame  # resource, key, field, change, old, new (resources in both editions)
    resources_added: list[str] = field(default_factory=list)    # "name (N rows)": listed whole, not value by value
    resources_removed: list[str] = field(default_factory=list)
    fields_added: list[str] = field(default_factory=list)    # "resource.field"
    fields_removed: list[str] = field(default_factory=list)
    remarks_changed: int = 0  # cells of note, notes or erratum that differ

    @property
    def empty(self) -> bool:
        return self.values.empty and not (self.resources_added or self.resources_removed or self.fields_added
                                          or self.fields_removed or self.remarks_changed)

    def summary(self) -> str:
        counts = self.values["change"].value_counts() if not self.values.empty else {}
        parts = [f"{counts.get(c, 0)} value(s) {c}" for c in CHANGES]
        extra = []
        if self.resources_added:
            extra.append(f"resource(s) added: {', '.join(self.resources_added)}")
        if self.resources_removed:
            extra.append(f"resource(s) removed: {', '.join(self.resources_removed)}")
        if self.fields_added:
            extra.append(f"field(s) added: {', '.join(self.fields_added)}")
        if self.fields_removed:
            extra.append(f"field(s) removed: {', '.join(self.fields_removed)}")
        if self.remarks_changed:
            extra.append(f"{self.remarks_changed} editorial remark(s) (note, erratum) reworded, added or removed")
        return "; ".join(parts + extra) + "."


def _key(res: dict) -> list[str]:
    key = res["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def _published(columns) -> list[str]:
    return [c for c in columns if c not in PROVENANCE]


def _key_text(key_cols: list[str], values) -> str:
    return ", ".join(f"{k}={v}" for k, v in zip(key_cols, values))


def compare_resource(name: str, old: tuple[dict, pd.DataFrame], new: tuple[dict, pd.DataFrame]):
    """Value changes of a resource in both editions, its published fields added and removed, remarks changed."""
    rows = []
    (old_res, old_df), (new_res, new_df) = old, new
    key_cols = _key(new_res)
    missing = [k for k in key_cols if k not in old_df.columns]
    if missing:
        raise DiffError(f"{name}: the old edition lacks the key column(s) {missing}; compare by hand")
    old_fields, new_fields = _published(old_df.columns), _published(new_df.columns)
    fields_added = [f"{name}.{f}" for f in new_fields if f not in old_fields]
    fields_removed = [f"{name}.{f}" for f in old_fields if f not in new_fields]
    shared = [f for f in new_fields if f in old_fields and f not in key_cols]
    remarks = 0
    o = old_df.set_index(key_cols)
    n = new_df.set_index(key_cols)
    cells = ([(k, f, "added", "", n.at[k, f]) for k in n.index.difference(o.index, sort=False)
              for f in new_fields if f not in key_cols and n.at[k, f] != ""]
             + [(k, f, "removed", o.at[k, f], "") for k in o.index.difference(n.index, sort=False)
                for f in old_fields if f not in key_cols and o.at[k, f] != ""]
             + [(k, f, "changed", o.at[k, f], n.at[k, f]) for k in n.index.intersection(o.index, sort=False)
                for f in shared if o.at[k, f] != n.at[k, f]])
    for k, f, change, before, after in cells:
        if f in EDITORIAL:  # a remark on a value, not a value: counted only
            remarks += 1
        else:
            rows.append((name, _key_text(key_cols, _tuple(k)), f, change, before, after))
    return rows, fields_added, fields_removed, remarks


def _tuple(k) -> tuple:
    return k if isinstance(k, tuple) else (k,)


def _in_new_terms(old: dict, new: dict) -> dict:
    """The old edition with its columns and region ids renamed as the new edition names them.

    A field that was renamed says so in the new descriptor (`x-formerly`), and a region whose id
    changed lists its earlier ids in the regions codelist (`former_ids`): a rename is not a change
    of a published value.
    """
    ids = {}
    if "regions" in new and "former_ids" in new["regions"][1].columns:
        for rid, former in zip(new["regions"][1]["region_id"], new["regions"][1]["former_ids"]):
            ids.update({f.strip(): rid for f in former.split(";") if f.strip()})
    out = {}
    for name, (res, df) in old.items():
        if name in new:
            renames = {old_name: f["name"] for f in new[name][0]["schema"]["fields"]
                       for old_name in f.get("x-formerly", []) if old_name in df.columns}
            df = df.rename(columns=renames)
            for col in ("region_id", "federal_district_id"):
                if col in df.columns:
                    df[col] = df[col].map(lambda v: ids.get(v, v))
        out[name] = (res, df)
    return out


def compare(old_rev: str, new_rev: str) -> EditionDiff:
    """Every published value added, removed or changed from edition OLD to edition NEW."""
    old, new = read_package(old_rev), read_package(new_rev)
    old = _in_new_terms(old, new)
    rows, fields_added, fields_removed, remarks = [], [], [], 0
    for name in [n for n in new if n in old]:
        r, fa, fr, rm = compare_resource(name, old[name], new[name])
        rows += r
        remarks += rm
        fields_added += fa
        fields_removed += fr
    values = pd.DataFrame(rows, columns=["resource", "key", "field", "change", "old", "new"])
    return EditionDiff(old_rev, new_rev, values,
                       resources_added=[f"{n} ({len(new[n][1])} rows)" for n in new if n not in old],
                       resources_removed=[f"{n} ({len(old[n][1])} rows)" for n in old if n not in new],
                       fields_added=fields_added, fields_removed=fields_removed, remarks_changed=remarks)


def against_previous_release() -> tuple[str, EditionDiff]:
    """The data now (data/ as built) against the previous release: (that release's version, the diff)."""
    version, commit = previous_release()
    return version, compare(commit, WORKTREE)


def to_markdown(d: EditionDiff, old_label: str, new_label: str) -> str:
    lines = [f"Compared: {old_label} → {new_label}. {d.summary()}", ""]
    if not d.values.empty:
        shown = d.values.rename(columns={"old": f"{old_label}", "new": f"{new_label}"})
        lines.append(shown.to_markdown(index=False))
    return "\n".join(lines)
