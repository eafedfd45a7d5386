"""Maps of Russia's Far East from Natural Earth boundaries (data/russia_boundaries.csv).

Regions are matched to the report's region ids only through data/boundaries_crosswalk.csv
(code and name must both match). Maps are drawn with shapely and matplotlib in an
Albers equal-area projection, so areas compare truthfully. Every map carries the
boundary note: the borders predate the 2005-2008 mergers of federal subjects.
"""
from __future__ import annotations

from functools import lru_cache

import matplotlib as mpl
import matplotlib.patheffects  # noqa: F401  (mpl.patheffects)
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely import wkt
from shapely.geometry import MultiPolygon

from . import data

BORDERS_NOTE = ("Boundaries: Natural Earth (public domain), simplified; they predate the 2005–2008 mergers "
                "of Russia's federal subjects.")
OTHER = "#e3e3e3"       # subjects outside the report
EDGE = "#ffffff"
HIGHLIGHT = "#c55a11"   # house palette (rusregions.plots)
FAR_EAST = "#1f4e79"


class MapError(ValueError):
    """The boundaries do not match the crosswalk, or values name unknown regions."""


@lru_cache(maxsize=2)
def boundaries(data_dir=data.DATA_DIR) -> pd.DataFrame:
    """Every feature with its shapely geometry and, for the nine regions, its region_id."""
    shapes = data.load("russia_boundaries", data_dir)
    crosswalk = data.load("boundaries_crosswalk", data_dir)
    shapes["ne_name"] = shapes["ne_name"].fillna("")
    merged = shapes.merge(crosswalk[["region_id", "ne_id", "ne_name"]], on=["ne_id", "ne_name"], how="left",
                          indicator=True)
    matched = set(merged.loc[merged["_merge"] == "both", "region_id"])
    lost = sorted(set(crosswalk["region_id"]) - matched)
    if lost:
        raise MapError(f"no boundary in data/russia_boundaries.csv for {', '.join(lost)}: "
                       "check ne_id and ne_name in data/boundaries_crosswalk.csv")
    twice = merged["region_id"].dropna().duplicated()
    if twice.any():
        raise MapError(f"region(s) matched twice: {', '.join(merged['region_id'].dropna()[twice])}")
    merged["geometry"] = merged["geometry_wkt"].map(wkt.loads)
    return merged.drop(columns=["_merge", "geometry_wkt"]).copy()


# --- projection -----------------------------------------------------------------------

def albers(lon, lat, lon0: float, lat0: float, lat1: float, lat2: float):
    """Albers equal-area conic on the sphere (Snyder 1987, eq. 14-1 to 14-6), in earth radii."""
    lon, lat = np.radians(lon), np.radians(lat)
    lon0, lat0, lat1, lat2 = map(np.radians, (lon0, lat0, lat1, lat2))
    n = (np.sin(lat1) + np.sin(lat2)) / 2
    c = np.cos(lat1) ** 2 + 2 * n * np.sin(lat1)
    rho = np.sqrt(c - 2 * n * np.sin(lat)) / n
    rho0 = np.sqrt(c - 2 * n * np.sin(lat0)) / n
    theta = n * (lon - lon0)
    return rho * np.sin(theta), rho0 - rho * np.cos(theta)


RUSSIA = dict(lon0=100, lat0=60, lat1=52, lat2=68)
FAR_EAST_VIEW = dict(lon0=150, lat0=60, lat1=48, lat2=68)


def _path(shape, proj: dict) -> MplPath:
    polys = shape.geoms if isinstance(shape, MultiPolygon) else [shape]
    paths = []
    for poly in polys:
        for ring in [poly.exterior, *poly.interiors]:
            lon, lat = np.asarray(ring.coords).T
            x, y = albers(lon, lat, **proj)
            paths.append(MplPath(np.column_stack([x, y]), closed=True))
    return MplPath.make_compound_path(*paths)


def _draw(ax, frame: pd.DataFrame, colours: dict, proj: dict) -> dict:
    """Draw every feature; colours maps region_id to a colour, the rest are grey. Returns the patches by region."""
    patches = {}
    for _, row in frame.iterrows():
        rid = row["region_id"] if isinstance(row["region_id"], str) else None
        patch = PathPatch(_path(row["geometry"], proj), facecolor=colours.get(rid, OTHER), edgecolor=EDGE,
                          linewidth=0.4 if rid is None else 0.8, zorder=2 if rid else 1)
        ax.add_patch(patch)
        if rid:
            patches[rid] = patch
    ax.set_aspect("equal")
    ax.set_axis_off()
    return patches


def _extent(ax, shapes, proj: dict, margin: float = 0.04) -> None:
    xs, ys = [], []
    for shape in shapes:
        minx, miny, maxx, maxy = shape.bounds
        lon = np.linspace(minx, maxx, 20)
        lat = np.linspace(miny, maxy, 20)
        x, y = albers(*np.meshgrid(lon, lat), **proj)
        xs += [x.min(), x.max()]
        ys += [y.min(), y.max()]
    dx, dy = max(xs) - min(xs), max(ys) - min(ys)
    ax.set_xlim(min(xs) - margin * dx, max(xs) + margin * dx)
    ax.set_ylim(min(ys) - margin * dy, max(ys) + margin * dy)


# Labels of small regions stand outside them, at this longitude and latitude, with a leader line.
CALLOUTS = {"jewish_autonomous_oblast": (124.0, 45.5), "sakhalin_oblast": (151.0, 47.5),
            "primorsky_krai": (140.5, 43.0), "amur_oblast": (120.0, 50.5)}
SHORT = {"sakha_republic": "Sakha (Yakutia)", "khabarovsk_krai": "Khabarovsk", "kamchatka_krai": "Kamchatka",
         "primorsky_krai": "Primorsky", "amur_oblast": "Amur", "magadan_oblast": "Magadan",
         "sakhalin_oblast": "Sakhalin", "jewish_autonomous_oblast": "Jewish AO",
         "chukotka_autonomous_okrug": "Chukotka"}
HALO = [mpl.patheffects.withStroke(linewidth=2.2, foreground="white")]


def _label_point(shape, proj: dict) -> tuple[float, float]:
    largest = max(shape.geoms, key=lambda p: p.area) if isinstance(shape, MultiPolygon) else shape
    pt = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
    x, y = albers(pt.x, pt.y, **proj)
    return float(x), float(y)


def _label(ax, rid: str, text: str, shape, proj: dict, **kw) -> None:
    xy = _label_point(shape, proj)
    if rid in CALLOUTS:
        at = tuple(float(v) for v in albers(*CALLOUTS[rid], **proj))
        ax.annotate(text, xy, xytext=at, ha="center", va="center", zorder=4, path_effects=HALO,
                    arrowprops=dict(arrowstyle="-", color="#444444", lw=0.7), **kw)
    else:
        ax.annotate(text, xy, ha="center", va="center", zorder=4, path_effects=HALO, **kw)


def _note(fig, source: str | None) -> None:
    text = BORDERS_NOTE if not source else f"Source: {source}. {BORDERS_NOTE}"
    fig.text(0.01, -0.01, text, ha="left", va="top", fontsize=7.5, color="#444444", wrap=True)


def _labels() -> dict:
    return data.load("far_east_regions").set_index("region_id")["label"].to_dict()


# --- the three maps -------------------------------------------------------------------

def locator(figsize=(8, 4.6)):
    """The nine regions of the report within Russia, each labelled. Returns the figure."""
    frame = boundaries()
    labels = _labels()
    fig, ax = plt.subplots(figsize=figsize)
    _draw(ax, frame, {rid: FAR_EAST for rid in labels}, RUSSIA)
    _extent(ax, frame["geometry"], RUSSIA, margin=0.01)
    nine = frame.dropna(subset=["region_id"]).set_index("region_id")
    for n, rid in enumerate(labels, start=1):
        x, y = _label_point(nine.loc[rid, "geometry"], RUSSIA)
        ax.annotate(str(n), (x, y), ha="center", va="center", fontsize=7, fontweight="bold", zorder=3,
                    path_effects=HALO)
    blank = mpl.patches.Patch(color="none")
    handles = [mpl.patches.Patch(color=FAR_EAST), mpl.patches.Patch(color=OTHER)] + [blank] * len(labels)
    names = ["The nine regions of the report", "Other federal subjects"] + [
        f"{n}  {labels[rid]}" for n, rid in enumerate(labels, start=1)]
    ax.legend(handles, names, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=8,
              frameon=False, handlelength=1.2, columnspacing=1.5)
    ax.set_title("The nine regions of Russia's Far East in this report")
    _note(fig, None)
    fig.tight_layout()
    return fig


def choropleth(values: pd.Series, title: str, label: str, source: str | None = None, cmap: str = "viridis",
               fmt: str = "{:.1f}", figsize=(8, 6)):
    """The nine regions coloured by one value each (a Series indexed by region_id), value printed on each.

    Neighbouring subjects are drawn grey for context. Returns the figure.
    """
    frame = boundaries()
    nine = frame.dropna(subset=["region_id"]).set_index("region_id")
    unknown = sorted(set(values.index) - set(nine.index))
    if unknown:
        raise MapError(f"values for unknown region id(s): {', '.join(map(str, unknown))}")
    missing = sorted(set(nine.index) - set(values.index))
    if missing:
        raise MapError(f"no value for region(s): {', '.join(missing)}")
    values = values.astype(float)
    norm = mpl.colors.Normalize(vmin=float(values.min()), vmax=float(values.max()))
    colormap = mpl.colormaps[cmap]
    colours = {rid: colormap(norm(v)) for rid, v in values.items()}
    fig, ax = plt.subplots(figsize=figsize)
    _draw(ax, frame, colours, FAR_EAST_VIEW)
    _extent(ax, nine["geometry"], FAR_EAST_VIEW)
    for rid, v in values.items():
        _label(ax, rid, f"{SHORT[rid]}\n{fmt.format(v)}", nine.loc[rid, "geometry"], FAR_EAST_VIEW, fontsize=7.5)
    bar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=colormap), ax=ax, shrink=0.6, pad=0.01)
    bar.set_label(label)
    ax.set_title(title)
    _note(fig, source)
    fig.tight_layout()
    return fig


def region_locator(region_id: str, figsize=(3.2, 2.6)):
    """A small map: one region highlighted among the nine. Returns the figure."""
    frame = boundaries()
    nine = frame.dropna(subset=["region_id"])
    if region_id not in set(nine["region_id"]):
        raise MapError(f"unknown region id {region_id!r}; see data/far_east_regions.csv")
    colours = {rid: ("#9dc3e6" if rid != region_id else HIGHLIGHT) for rid in nine["region_id"]}
    fig, ax = plt.subplots(figsize=figsize)
    _draw(ax, frame, colours, FAR_EAST_VIEW)
    _extent(ax, nine["geometry"], FAR_EAST_VIEW)
    ax.set_title(f"{_labels()[region_id]} in Russia's Far East", fontsize=9)
    fig.text(0.01, 0.0, "Natural Earth boundaries; they predate the 2005–2008 mergers.", fontsize=6,
             color="#444444", va="top")
    fig.tight_layout()
    return fig


def table_4_1_totals(measure: str) -> pd.Series:
    """The published Table 4.1 total score of each region for one measure (per_capita or overall)."""
    table = data.load("table_4_1")
    rows = table[(table["indicator"] == "total") & (table["measure"] == measure)]
    if rows.empty:
        raise MapError(f"no total for measure {measure!r} in data/table_4_1.csv")
    return rows.set_index("region_id")["value"].astype(float)
