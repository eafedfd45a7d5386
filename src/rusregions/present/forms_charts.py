"""Figures of the forms-and-conditions chapter: the typology tree and the grid of conditions."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .. import plots


def forms_tree(forms: pd.DataFrame, PERIOD_COLOURS: dict, SOURCE: str):  # noqa: N803
    """Tree of the forms of activity under the two typologies; boxes bordered by the period they are placed in."""
    TYPOLOGY = {"makarychev": "By geographic reach\n(Makarychev)", "direct_indirect": "By mode of engagement\n(direct / indirect)"}
    FILL = {"makarychev": "#dbe5f1", "direct_indirect": "#fbe5d6", "indirect_active_passive": "#e2efd9"}
    nodes = {"root": {"text": "Regional international\nactivity", "parent": None, "fill": "#d9d9d9", "example": False,
                      "period": None}}
    for typ, text in TYPOLOGY.items():
        nodes[typ] = {"text": text, "parent": "root", "fill": "#f2f2f2", "example": False, "period": None}
    for r in forms.itertuples():
        text = r.label if pd.isna(r.value) else f"{r.label}: {r.value}"
        nodes[r.form_id] = {"text": textwrap.fill(text, 24, break_on_hyphens=False), "parent": r.parent_form if pd.notna(r.parent_form) else r.typology,
                            "fill": "white" if r.row_type == "example" else FILL[r.typology],
                            "example": r.row_type == "example", "period": r.era if pd.notna(r.era) else None}
    children = {k: [c for c, n in nodes.items() if n["parent"] == k] for k in nodes}
    depth, row = {}, {}

    def layout(k, d=0):
        """Depth-first: leaves take consecutive rows, a parent sits level with the middle of its children."""
        depth[k] = d
        if not children[k]:
            row[k] = sum(1 for x in row if not children[x])
        else:
            ys = [layout(c, d + 1) for c in children[k]]
            row[k] = sum(ys) / len(ys)
        return row[k]


    layout("root")
    n_leaves = sum(1 for k in nodes if not children[k])
    fig, ax = plt.subplots(figsize=(10, 0.7 * n_leaves + 0.8))
    artists = {}
    for k, n in nodes.items():
        edge = PERIOD_COLOURS.get(n["period"], "#7f7f7f")
        artists[k] = ax.text(depth[k], -row[k], n["text"], ha="center", va="center", fontsize=9,
                             style="italic" if n["example"] else "normal", linespacing=1.1,
                             bbox=dict(boxstyle="round,pad=0.35", fc=n["fill"], ec=edge,
                                       lw=1.6 if n["period"] else 0.8, ls="--" if n["example"] else "-"))
    for k, n in nodes.items():
        if n["parent"]:
            ax.annotate("", xy=(0, 0.5), xycoords=artists[k], xytext=(1, 0.5), textcoords=artists[n["parent"]],
                        arrowprops=dict(arrowstyle="-", color="#7f7f7f", lw=0.8, shrinkA=4, shrinkB=4,
                                        connectionstyle="arc,angleA=0,angleB=180,armA=12,armB=12,rad=4"))
    ax.set_xlim(-0.55, max(depth.values()) + 0.55)
    ax.set_ylim(-(n_leaves - 1) - 0.6, 0.6)
    ax.axis("off")
    handles = [Patch(fc=FILL["makarychev"], ec="#7f7f7f", label="Makarychev's forms"),
               Patch(fc=FILL["direct_indirect"], ec="#7f7f7f", label="direct / indirect forms"),
               Patch(fc=FILL["indirect_active_passive"], ec="#7f7f7f", label="active / passive (the authors' own)"),
               Patch(fc="white", ec="#7f7f7f", ls="--", label="example given in the chapter"),
               Line2D([], [], color=PERIOD_COLOURS["1990s"], lw=2, label="border: placed in the 1990s"),
               Line2D([], [], color=PERIOD_COLOURS["after_2000"], lw=2, label="border: placed after 2000")]
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=True, facecolor="white", edgecolor="#cccccc")
    ax.set_title("Forms of Russian regions' international activity: two typologies")
    plots.source_note(fig, f"{SOURCE}, section 4.5, after Makarychev (1999); data/activity_forms.csv")
    return fig


def conditions_grid(conds: pd.DataFrame, order: dict, ROLE: dict, PERIOD: dict, SOURCE: str):  # noqa: N803
    """Conditions by period (columns) and internal/external criterion (rows), text coloured by effect."""
    ROLE_COLOURS = dict(zip(ROLE, [plots.PALETTE[0], plots.PALETTE[2], plots.PALETTE[1], plots.PALETTE[3],
                                   "#666666", plots.PALETTE[4]]))
    cols = [p for p in order if p in set(conds.era)]
    rows = ["internal", "external", None]
    ROW_LABEL = {"internal": "internal", "external": "external", None: "not classified"}
    TAG = {"structural": " [S]", "processual": " [P]"}
    cell = {}
    for p in cols:
        for r in rows:
            sel = conds[(conds.era == p) & ((conds.internal_external == r) if r else conds.internal_external.isna())]
            cell[(p, r)] = [(textwrap.fill("• " + c.label + TAG.get(c.structural_processual, ""), 36,
                                           subsequent_indent="   "), c.role) for c in sel.itertuples()]
    GAP = 0.35  # blank space between items, in lines
    heights = [max(sum(t.count("\n") + 1 + GAP for t, _ in cell[(p, r)]) for p in cols) for r in rows]
    fig, ax = plt.subplots(figsize=(10, 0.2 * sum(heights) + 1.9))
    y0 = 0
    for r, h in zip(rows, heights):
        ax.axhline(-y0 + 0.4, color="#bbbbbb", lw=0.8)
        ax.text(-0.03, -y0 - h / 2 + 0.5, ROW_LABEL[r], ha="right", va="center", fontsize=9.5, fontweight="bold",
                transform=ax.get_yaxis_transform())
        for j, p in enumerate(cols):
            y = -y0
            for text, role in cell[(p, r)]:
                ax.text(j + 0.04, y + 0.3, text, fontsize=9, va="top", color=ROLE_COLOURS[role], linespacing=1.15)
                y -= text.count("\n") + 1 + GAP
        y0 += h
    ax.axhline(-y0 + 0.4, color="#bbbbbb", lw=0.8)
    ax.set_xlim(0, len(cols))
    ax.set_ylim(-y0 + 0.35, 1.1)
    for j, p in enumerate(cols):
        ax.text(j + 0.04, 0.85, PERIOD[p], fontsize=10, fontweight="bold", va="center")
        if j:
            ax.axvline(j, color="#bbbbbb", lw=0.8)
    ax.axis("off")
    ax.legend(handles=[Line2D([], [], ls="", marker="o", color=ROLE_COLOURS[k], label=v) for k, v in ROLE.items()
                       if k in set(conds.role)],
              loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=6, fontsize=8, title="effect on regional activity "
              "(text colour); [S] structural, [P] processual", title_fontsize=8)
    ax.set_title("Conditions of regional international activity by period and criterion")
    plots.source_note(fig, f"{SOURCE}, sections 4.6, 4.7, 4.18; data/activity_conditions.csv")
    return fig
