"""Region profiles: one executed notebook per Far East region, all generated from one template.

`generate()` runs chapters/templates/region_profile.ipynb through papermill once for every
region of data/far_east_regions.csv (in table order), with the parameter `region_id`, and
writes chapters/profiles/<region_id>.ipynb with its outputs. papermill's per-run metadata
(start and end times, durations, absolute paths, random cell ids) is stripped, so running it
twice on the same data and code gives byte-identical files. The CLI entry point is
`python -m rusregions profiles`.
"""
from __future__ import annotations

from pathlib import Path

import nbformat

from . import data
from . import warmkernel
from .execution import coalesce_streams, run_parallel
from .fsutil import write_notebook
from .version import ROOT

TEMPLATE = ROOT / "chapters" / "templates" / "region_profile.ipynb"
OUT_DIR = ROOT / "chapters" / "profiles"
PARAMETER = "region_id"
PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"  # papermill's tag for the cell it adds after the parameters cell
HIDE_TAG = "remove-cell"  # the injected cell is code, not content: keep it out of the book
TIMING_KEYS = ("start_time", "end_time", "duration", "exception")


def region_ids() -> list[str]:
    """The regions to profile: every row of far_east_regions, in the order of Table 4.1."""
    regions = data.load("far_east_regions").sort_values("table_order")
    return [str(r) for r in regions["region_id"]]


def profile_path(region_id: str) -> Path:
    return OUT_DIR / f"{region_id}.ipynb"


def _relative(path: str | Path) -> str:
    p = Path(path).resolve()
    try:
        return p.relative_to(ROOT).as_posix()
    except ValueError:
        return p.as_posix()


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove what differs from one papermill run to the next; hide the injected parameters cell."""
    meta = nb.metadata.get("papermill")
    if meta is not None:
        for key in TIMING_KEYS:
            meta.pop(key, None)
        for key in ("input_path", "output_path"):
            if meta.get(key):
                meta[key] = _relative(meta[key])
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)  # nbclient's per-cell timestamps
        tags = cell.metadata.get("tags", [])
        if INJECTED_TAG in tags:
            cell["id"] = INJECTED_TAG  # papermill makes up a random one
            if HIDE_TAG not in tags:
                cell.metadata["tags"] = [*tags, HIDE_TAG]
    return nb


def generate_one(region_id: str) -> Path:
    import papermill as pm

    out = profile_path(region_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    # No output path: papermill would write the half-run notebook over the old profile; write it once, atomically.
    nb = pm.execute_notebook(str(TEMPLATE), None, parameters={PARAMETER: region_id}, cwd=str(out.parent),
                             progress_bar=False, request_save_on_cell_execute=False, **warmkernel.client_options())
    nb.metadata.papermill["output_path"] = str(out)
    write_notebook(coalesce_streams(clean(nb)), out)
    return out


def is_generated(path: Path) -> bool:
    """True if `path` is a profile written by generate() (its papermill metadata names the template)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # not a notebook we can read: certainly not one we wrote
        return False
    return nb.metadata.get("papermill", {}).get("input_path") == _relative(TEMPLATE)


class UnknownRegion(ValueError):
    pass


def check_regions(only: list[str]) -> list[str]:
    """Every region id, in table order; UnknownRegion naming any of `only` that is not one."""
    ids = region_ids()
    unknown = [r for r in only if r not in ids]
    if unknown:
        raise UnknownRegion(f"no region {', '.join(map(repr, unknown))} in far_east_regions; the regions are: "
                         f"{', '.join(ids)}")
    return ids


def generate(only: list[str] | None = None) -> list[Path]:
    """(Re)write the profiles of `only` (default: every region), several at once. A run over every region
    also deletes the generated profiles of regions no longer in far_east_regions (see remove_stale)."""
    ids = check_regions(only or [])
    todo = [r for r in ids if r in only] if only else ids
    written = sorted(run_parallel(generate_one, [(r,) for r in todo]), key=lambda p: ids.index(p.stem))
    if not only:
        remove_stale(OUT_DIR, ids)
    return written


def remove_stale(out_dir: Path, ids: list[str]) -> list[Path]:
    """Delete the generated profiles in `out_dir` of regions not in `ids`. Any other notebook there is the
    user's, and is left alone."""
    stale = [p for p in sorted(out_dir.glob("*.ipynb")) if p.stem not in ids and is_generated(p)]
    for p in stale:
        p.unlink()
    return stale
