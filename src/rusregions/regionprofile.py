"""The content of a region profile (chapters/templates/region_profile.ipynb), one function per section.

`Profile(region_id)` loads what the data hold about a region. Each section method returns the items to show, in
order: Markdown, tables, and `Figure`s (shown as numbered figures by `present.figures.show_all`). All text that
depends on the region is computed here, so a profile says "the sources give no ..." where they hold nothing.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown

from . import audit, codelists, data, index
from .plots import PALETTE, source_note
from .present.figures import Figure
from .present.format import bullets, country, listing, num, quantity, when
from .tables import md_table

CASE_FILES = ["case_study_indicators", "trade_partners", "trade_structure", "fdi_by_origin",
              "industry_structure", "diplomatic_presence", "twin_cities", "regional_partners"]
ECONOMY = CASE_FILES[:5]
TIES = CASE_FILES[5:]
MEASURE = {"per_capita": "per capita", "overall": "overall"}
FLOW = codelists.code_labels("flow")  # the trade flows' labels (codelists/codes.csv)
SOURCE = "Pietrasiak and Słowikowski (2018)"


def cites(df: pd.DataFrame, extra=("pietrasiak2018",)) -> str:
    """A {cite:p} role for the source and every work its rows credit, in order of first appearance."""
    keys = list(dict.fromkeys([*extra, *df["cite_key"]]))
    return "{cite:p}`" + ",".join(keys) + "`"


def sections(df: pd.DataFrame) -> str:
    s = list(dict.fromkeys(df["section"]))
    return ("section " if len(s) == 1 else "sections ") + ", ".join(s)


def nothing(what: str) -> str:
    return f"The sources give no {what}."


def notes_list(rows, item, heading: str = "Notes kept with the data:") -> Markdown | None:
    """The heading and one bullet per row (text from `item`), or None when there are no rows."""
    rows = list(rows)
    if not rows:
        return None
    return Markdown(heading + "\n\n" + bullets(item(x) for x in rows))


def _drop_empty(shown: pd.DataFrame) -> pd.DataFrame:
    return shown.loc[:, [c for c in shown if not (shown[c] == "").all()]]


class Profile:
    def __init__(self, region_id: str):
        self.regions = data.load("far_east_regions").sort_values("table_order").set_index("region_id")
        if region_id not in self.regions.index:
            raise ValueError(f"unknown region_id {region_id!r}; expected one of: {', '.join(self.regions.index)}")
        self.id = region_id
        self.slug = region_id.replace("_", "-")
        self.label = self.regions["label"].to_dict()
        self.name = self.label[region_id]
        self.n = len(self.regions)
        case = {name: data.load(name) for name in CASE_FILES}
        self.mine = {name: df[df["region_id"] == region_id].reset_index(drop=True) for name, df in case.items()}
        self.case_regions = [r for r in self.regions.index if any((df["region_id"] == r).any() for df in case.values())]
        self.table = data.load("table_4_1")
        self.claims = data.load("index_claims")
        self.leagues = data.load("region_leagues")
        self.fe = data.load("far_east_indicators")
        self.crosswalk = data.load("boundaries_crosswalk")
        self.comp = {m: index.components(self.table, m) for m in MEASURE}
        self.totals = {m: self.comp[m].sum(axis=1) for m in MEASURE}
        self.ranks = {m: index.rank(self.totals[m]) for m in MEASURE}
        findings = audit.audit(self.table)
        self.findings, self.own = findings, findings[findings["region"] == region_id]

    # --- at a glance -------------------------------------------------------------------------------------------
    def overview(self) -> list:
        r = self.regions.loc[self.id]
        counts = {
            "table_4_1": (self.table["region_id"] == self.id).sum(),
            "index_claims": (self.claims["region_id"] == self.id).sum(),
            "boundaries_crosswalk": (self.crosswalk["region_id"] == self.id).sum(),
            **{name: len(df) for name, df in self.mine.items()},
            "region_leagues": (self.leagues["region_id"] == self.id).sum(),
            "far_east_indicators": (self.fe["region_id"] == self.id).sum(),
        }
        glance = pd.DataFrame([{"data file": f"`{name}.csv`", "contents": data.describe(name)["title"],
                                "rows": int(n)} for name, n in counts.items()])
        empty = [name for name, n in counts.items() if n == 0]
        return [Markdown(
            f"{self.name} is a federal subject of the type *{r['subject_type'].replace('_', ' ')}*, row "
            f"{r['table_order']} of the {self.n} in Table 4.1 {{cite:p}}`pietrasiak2018`. Of the {len(counts)} data "
            f"files that can mention it, {len(counts) - len(empty)} do and {len(empty)} hold nothing about it."),
            md_table(glance, caption=f"What data/ holds about {self.name}: rows per file.")]

    # --- the index -----------------------------------------------------------------------------------------------
    def scores(self) -> pd.DataFrame:
        rows = []
        for c, cname in {**index.COMPONENT_LABELS, "total": "Total (sum of the four)"}.items():
            row = {"component": cname}
            for m, mlabel in MEASURE.items():
                col = self.totals[m] if c == "total" else self.comp[m][c]
                row[f"{mlabel} score"] = col[self.id]
                row[f"{mlabel} rank"] = index.rank(col)[self.id]
            rows.append(row)
        return pd.DataFrame(rows)

    def index_section(self) -> list:
        name, rid, ranks = self.name, self.id, self.ranks
        printed = self.table[(self.table["region_id"] == rid) & (self.table["indicator"] == "total")].set_index("measure")
        gap = max(abs(printed.loc[m, "value"] - self.totals[m][rid]) for m in MEASURE)
        labels = index.COMPONENT_LABELS
        best = {m: listing([labels[c] for c, v in self.comp[m].loc[rid].items() if v == self.comp[m].loc[rid].max()])
                for m in MEASURE}
        text = (f"{name} ranks **{ranks['per_capita'][rid]} of {self.n} per capita** and "
                f"**{ranks['overall'][rid]} of {self.n} overall**. Its highest component score is for "
                + (f"{best['per_capita']} on both measures." if best["per_capita"] == best["overall"] else
                   f"{best['per_capita']} per capita and {best['overall']} overall.")
                + f" The printed totals ({printed.loc['per_capita', 'printed']} per capita, "
                f"{printed.loc['overall', 'printed']} overall) " + ("equal the recomputed ones." if gap < 0.005 else
                f"differ from the recomputed ones by at most {gap:.2f} index points."))
        out = [Markdown(text), md_table(self.scores(), caption=f"{name} in Table 4.1: scores (index points, leader = "
                                                                 f"100) and ranks among the {self.n} regions."),
               self._claim()]
        return out + self._audit()

    def _claim(self) -> Markdown:
        claims, name = self.claims, self.name
        claim = claims[claims["region_id"] == self.id]
        if claim.empty:
            groups = listing(sorted(c.replace("_", " ") for c in claims["claim"].unique()))
            return Markdown(f"The authors' summary of the table names {name} in neither of its groups ({groups} "
                            f"regions) {{cite:p}}`pietrasiak2018`.")
        kind = claim["claim"].iloc[0]
        k = (claims["claim"] == kind).sum()
        named = listing([self.label[x] for x in claims.loc[claims["claim"] == kind, "region_id"]])
        held = []
        for m, mlabel in MEASURE.items():
            rk = self.ranks[m][self.id]
            ok = rk <= k if kind == "most_internationalized" else rk > self.n - k
            held.append(f"{mlabel} (rank {rk}): {'borne out' if ok else 'not borne out'}")
        return Markdown(f"The authors count {name} among the {kind.replace('_', ' ')} regions of the district "
                        f"({named}) {{cite:p}}`pietrasiak2018`. Checked against the recomputed ranks: "
                        f"{'; '.join(held)}.")

    def _audit(self) -> list:
        name, own = self.name, self.own
        if own.empty:
            return [Markdown(f"The consistency audit of Table 4.1 (`python -m rusregions audit`) flags no cell of "
                             f"{name}'s row; it flags {len(self.findings)} cell(s) of other regions.")]
        out = [Markdown(f"The consistency audit of Table 4.1 (`python -m rusregions audit`) flags {len(own)} cell(s) "
                        f"of {name}'s row: the printed score cannot be reconciled with its twin on the other measure. "
                        "The audit cannot tell which of the two is wrong. The table and the figure below show the "
                        "published scores; the figure marks the implied value with a hollow circle."),
               md_table(own[["indicator", "published_value", "expected_value"]].rename(columns={
                   "published_value": "published", "expected_value": "implied by the per-capita twin"}),
                   caption=f"Cells of {name}'s row flagged by the audit.")]
        for f in own.itertuples():
            c = f.indicator.removesuffix("_overall") if f.indicator.endswith("_overall") else None
            text = f"- `{f.indicator}`: {f.reason}."
            if c in index.COMPONENT_LABELS:
                alt = self.comp["overall"].copy()
                alt.loc[self.id, c] = f.expected_value
                alt_rank, now = index.rank(alt.sum(axis=1))[self.id], self.ranks["overall"][self.id]
                text += (f" If this overall cell were the wrong one and took the implied value, {name}'s overall "
                         f"total would be {alt.sum(axis=1)[self.id]:.1f} instead of "
                         f"{self.totals['overall'][self.id]:.1f}, and its overall rank "
                         f"{'would stay ' + str(now) if alt_rank == now else f'{alt_rank} instead of {now}'}.")
            out.append(Markdown(text))
        return out

    def index_figure(self) -> Figure:
        name, rid = self.name, self.id
        fig, axes = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
        ypos = range(len(index.COMPONENT_LABELS))
        rows = []
        for ax, (m, mlabel) in zip(axes, MEASURE.items()):
            others = self.comp[m].drop(index=rid)
            for y, c in zip(ypos, index.COMPONENT_LABELS):
                ax.scatter(others[c], [y] * len(others), s=40, color=PALETTE[6], alpha=0.8,
                           label="other regions" if y == 0 else None, zorder=2)
                v = self.comp[m].loc[rid, c]
                ax.scatter([v], [y], s=110, color=PALETTE[1], edgecolor="white", label=name if y == 0 else None,
                           zorder=3)
                ax.annotate(f"{v:.1f}", (v, y), xytext=(0, 9), textcoords="offset points", ha="center", fontsize=8,
                            color=PALETTE[1], fontweight="bold")
                rows += [{"measure": m, "component": c, "region_id": r, "score": s}
                         for r, s in self.comp[m][c].items()]
                flag = self.own[self.own["indicator"] == f"{c}_{m}"]
                if not flag.empty:  # the audit's implied value for a flagged cell
                    e = float(flag["expected_value"].iloc[0])
                    ax.plot([v, e], [y, y], ls=":", color=PALETTE[1], zorder=1)
                    ax.scatter([e], [y], s=110, facecolor="none", edgecolor=PALETTE[1], linewidth=1.5, zorder=3,
                               label="value implied by the audit")
                    rows.append({"measure": m, "component": c, "region_id": f"{rid} (implied by the audit)",
                                 "score": e})
            ax.set_yticks(list(ypos), list(index.COMPONENT_LABELS.values()))
            ax.set_ylim(len(index.COMPONENT_LABELS) - 0.4, -0.6)
            ax.set_xlim(-5, 108)
            ax.set_title(mlabel.capitalize())
            ax.set_xlabel("score (index points, leader = 100)")
        legend = {}
        for ax in axes:
            for handle, text in zip(*ax.get_legend_handles_labels()):
                legend.setdefault(text, handle)
        axes[1].legend(list(legend.values()), [textwrap.fill(t, 22) for t in legend], loc="upper left",
                       bbox_to_anchor=(1.02, 1.0), fontsize=8)
        fig.suptitle(f"{name} among the {self.n} regions of Table 4.1, 2013", fontweight="bold")
        source_note(fig, f"{SOURCE}, Table 4.1, published scores; data/table_4_1.csv"
                         + ("; implied value: rusregions.audit" if not self.own.empty else ""))
        return Figure(fig, f"fig-{self.slug}-index", pd.DataFrame(rows),
                      alt=f"Dot plots of the four component scores per capita and overall, {name} highlighted "
                          f"among the {self.n} regions of Table 4.1.",
                      caption=f"**{name} among the {self.n} regions of Table 4.1, 2013.** Published component "
                              f"scores (index points, leader = 100); {SOURCE}, Table 4.1.")

    def locator_map(self) -> Figure:
        """Where the region lies: Natural Earth boundaries, the region highlighted among the nine."""
        from . import maps

        fig = maps.region_locator(self.id, figsize=(5.5, 4.4))
        plotted = pd.DataFrame({"region_id": list(self.label)}).assign(
            per_capita_rank=lambda d: d.region_id.map(self.ranks["per_capita"]),
            highlighted=lambda d: d.region_id == self.id)
        return Figure(fig, f"fig-{self.slug}-locator", plotted,
                      alt=f"A map of the nine Far East regions of Table 4.1 with {self.name} highlighted.",
                      caption=f"**Where {self.name} lies.** Natural Earth boundaries (public domain), simplified; "
                              "they predate the 2005–2008 mergers of federal subjects. The CSV lists the nine "
                              "regions with their per-capita rank in Table 4.1.")

    def _partner_figure(self, shares: pd.DataFrame) -> Figure:
        flows = list(dict.fromkeys(shares["flow"]))
        fig, axes = plt.subplots(1, len(flows), figsize=(min(10, max(6.5, 3.4 * len(flows) + 1)), 3.2),
                                 squeeze=False, sharex=True)
        for ax, flow in zip(axes[0], flows):
            part = shares[shares["flow"] == flow]
            ax.barh(part["partner_label"], part["share_percent"], color=PALETTE[0])
            ax.invert_yaxis()
            ax.set_title(f"{FLOW[flow]}, {when(part.iloc[0])}", fontsize=10)
            ax.set_xlabel("share of the flow, %")
            ax.set_xlim(0, 100)
            ax.bar_label(ax.containers[0], labels=[num(v) for v in part["share_percent"]], fontsize=8, padding=2)
        fig.suptitle(f"{self.name}: main partners' shares of trade", fontweight="bold")
        source_note(fig, f"{SOURCE}, section 4.13, as published; data/trade_partners.csv")
        return Figure(fig, f"fig-{self.slug}-trade-partners", shares[["flow", "partner", "share_percent"]],
                      alt=f"Horizontal bars of the main partners' shares of {self.name}'s "
                          f"{listing(FLOW[f] for f in flows)}, in percent.",
                      caption=f"**{self.name}: main partners' shares of trade.** Percent of the flow named, as "
                              f"published; {SOURCE}, section 4.13.")

    # --- case studies ----------------------------------------------------------------------------------------------
    def economy(self) -> list:
        name, mine = self.name, self.mine
        cases = listing(self.label[x] for x in self.case_regions)
        if self.id not in self.case_regions:
            return [Markdown(f"The sources give no case-study data for {name}. The case studies cover {cases} only, "
                             "so there are no figures here on the region's economy, trade or foreign investment.")]
        if all(mine[n].empty for n in ECONOMY):
            return [Markdown(f"The sources give no case-study data on the economy, trade or investment of {name}: "
                             "no indicators, trade partners, trade structure, breakdown of foreign investment or "
                             "industry structure.")]
        return [Markdown(f"The case studies cover {cases}."), *self._indicators(), *self._partners(),
                *self._shares("trade_structure", "Exports and imports by product",
                              f"breakdown of {name}'s exports or imports by product", "flow"),
                *self._shares("fdi_by_origin", "Foreign direct investment by origin and sector",
                              f"breakdown of foreign direct investment in {name}", "dimension"),
                *self._shares("industry_structure", "Industry by sector",
                              f"breakdown of {name}'s industrial production by sector", None)]

    def _indicators(self) -> list:
        df = self.mine["case_study_indicators"]
        if df.empty:
            return [Markdown("**Indicators.** " + nothing(f"case-study indicators for {self.name}"))]
        shown = _drop_empty(pd.DataFrame({
            "indicator": df["label"], "when": [when(row) for _, row in df.iterrows()],
            "as published": [quantity(x.value, x.unit, x.value_high, x.qualifier) for x in df.itertuples()],
            "corrected": [quantity(x.value_corrected, x.unit_corrected) for x in df.itertuples()]}))
        err = df[df["erratum"].notna()]
        return [Markdown(f"**Indicators.** {len(df)} figures from {sections(df)} of the chapter {cites(df)}, "
                         "in the order the text gives them."),
                md_table(shown, caption=f"{self.name}: case-study indicators as published."),
                notes_list(err.itertuples(), lambda x: f"*{x.label}*: published "
                           f"{quantity(x.value, x.unit, x.value_high, x.qualifier)}, read as "
                           f"{quantity(x.value_corrected, x.unit_corrected)}. {x.erratum}", heading="Corrections:")]

    def _partners(self) -> list:
        df = self.mine["trade_partners"]
        if df.empty:
            return [Markdown("**Trade partners.** " + nothing(f"trade partners of {self.name}"))]
        shown = _drop_empty(pd.DataFrame({
            "flow": df["flow"].map(FLOW), "year": [when(row) for _, row in df.iterrows()],
            "partner": df["partner_label"], "share, %": [num(v) for v in df["share_percent"]],
            "value": [quantity(x.value, x.unit) for x in df.itertuples()],
            "corrected share, %": [num(v) for v in df["value_corrected"]]}))
        out = [Markdown(f"**Trade partners.** {df['partner'].nunique()} partner(s) named for "
                        f"{listing(FLOW[f] for f in dict.fromkeys(df['flow']))} in {sections(df)} {cites(df)}, "
                        "in the order the text lists them"
                        + ("; shares are of the flow named." if df["share_percent"].notna().any() else
                           "; the text gives no shares.")),
               md_table(shown, caption=f"{self.name}: trade partners as published."),
               notes_list(df[df["note"].notna() | df["erratum"].notna()].itertuples(),
                          lambda x: f"{x.partner_label}, {FLOW[x.flow]}: "
                                    + " ".join(t for t in (x.erratum, x.note) if not pd.isna(t)))]
        shares = df[df["share_percent"].notna()]
        return out + ([self._partner_figure(shares)] if not shares.empty else [])

    def _shares(self, name: str, lead: str, what: str, by: str | None) -> list:
        df = self.mine[name]
        if df.empty:
            return [Markdown(f"**{lead}.** " + nothing(what))]
        keys = list(dict.fromkeys(df[by])) if by else [None]
        out = []
        for k in keys:
            part = df if k is None else df[df[by] == k]
            out.append(pd.DataFrame({
                "breakdown": "" if k is None else FLOW.get(k, k.replace("_", " ")), "item": part["label"],
                "when": [when(row) if "year" in part else str(row["as_of"]) for _, row in part.iterrows()],
                "share, %": part["share_percent"]}))
        shown = pd.concat(out, ignore_index=True)
        if by is None:
            shown = shown.drop(columns="breakdown")
        sums = listing(f"{(df if k is None else df[df[by] == k])['share_percent'].sum():.1f}%"
                       + ("" if k is None else f" ({FLOW.get(k, k.replace('_', ' '))})") for k in keys)
        return [Markdown(f"**{lead}.** From {sections(df)} {cites(df)}. The listed shares sum to {sums}."),
                md_table(shown, floatfmt="g", caption=f"{self.name}: {lead.lower()}, shares as published."),
                notes_list(df[df["note"].notna()].itertuples(), lambda x: f"{x.label}: {x.note}")]

    def ties(self) -> list:
        name, mine = self.name, self.mine
        if self.id not in self.case_regions:
            return [Markdown(f"The sources give no case-study data for {name}, so there is nothing here on foreign "
                             "missions in the region, diplomatic visits, twin cities or partner provinces and "
                             "organisations.")]
        if all(mine[n].empty for n in TIES):
            return [Markdown(f"The sources give no case-study data on {name}'s foreign ties: no foreign missions or "
                             "diplomatic visits, no twin cities and no partner provinces, organisations or other "
                             "partners.")]
        return [*self._missions(), *self._twins(), *self._regional_partners()]

    def _missions(self) -> list:
        df = self.mine["diplomatic_presence"]
        if df.empty:
            return [Markdown("**Foreign missions and visits.** "
                             + nothing(f"foreign missions in {self.name} or diplomatic visits to it"))]
        counts = [f"{n} {what}" for n, what in (((df["kind"] == "standing_mission").sum(), "standing mission(s)"),
                                                 ((df["kind"] == "visit").sum(), "diplomatic visit(s)")) if n]
        lines = []
        for (k, t), g in df.groupby(["kind", "mission_type"], sort=False):
            years = sorted({num(y, "year") for y in g["year"].dropna()})
            lines.append(f"- *{t.replace('_', ' ')}*{' in ' + ', '.join(years) if years else ''} ({len(g)}): "
                         + ", ".join(g["label"]))
        return [Markdown(f"**Foreign missions and visits.** {listing(counts)} listed in {sections(df)} {cites(df)}, "
                         "by type:\n\n" + "\n".join(lines)),
                notes_list(df[df["note"].notna()].itertuples(), lambda x: f"{x.label}: {x.note}")]

    def _twins(self) -> list:
        df = self.mine["twin_cities"]
        if df.empty:
            return [Markdown("**Twin cities.** " + nothing(f"twin cities for the cities of {self.name}"))]
        shown = pd.DataFrame({"city": df["city"].str.title(), "twin city": df["partner_label"],
                              "country": df["partner_country"].map(country)})
        per_city = "; ".join(f"{c.title()}: {n}" for c, n in df.groupby("city", sort=False).size().items())
        return [Markdown(f"**Twin cities.** Twin cities listed in {sections(df)} {cites(df)} ({per_city})."),
                md_table(shown, caption=f"{self.name}: twin cities as listed."),
                notes_list(df[df["note"].notna()].itertuples(), lambda x: f"{x.partner_label}: {x.note}")]

    def _regional_partners(self) -> list:
        df = self.mine["regional_partners"]
        if df.empty:
            return [Markdown("**Partner provinces, organisations and others.** "
                             + nothing(f"partner provinces, organisations or other partners of {self.name}"))]
        shown = _drop_empty(pd.DataFrame({
            "relation": df["relation"].str.replace("_", " "), "partner": df["label"],
            "kind": df["partner_level"].str.replace("_", " "), "country": df["partner_country"].map(country),
            "year": [num(y, "year") for y in df["year"]]}))
        return [Markdown(f"**Partner provinces, organisations and others.** {len(df)} partner(s) named in "
                         f"{sections(df)} {cites(df)}."),
                md_table(shown, caption=f"{self.name}: partners as named."),
                notes_list(df[df["note"].notna()].itertuples(), lambda x: f"{x.label}: {x.note}")]

    # --- leagues and other figures -----------------------------------------------------------------------------------
    def league(self) -> list:
        name, rid, leagues = self.name, self.id, self.leagues
        row = leagues[leagues["region_id"] == rid]
        fe_in = leagues[leagues["region_id"].isin(self.regions.index)]
        if row.empty:
            others = listing([f"{self.label[x.region_id]} ({x.league_label_as_printed})" for x in fe_in.itertuples()])
            return [Markdown(f"{name} does not appear in any of the leagues as the chapter lists them. The Far East "
                             f"regions that do are {others}.")]
        x = row.iloc[0]
        peers = [self.label[p] for p in fe_in.loc[fe_in["league_id"] == x["league_id"], "region_id"] if p != rid]
        text = (f"{name} is listed in the {x['group_as_printed']}, “{x['league_label_as_printed']}”, of the "
                f"{leagues['league_id'].nunique()} leagues, which run from the most to the least internationalised "
                f"{{cite:p}}`{x['cite_key']},pietrasiak2018`. The chapter characterises the league's regions as "
                f"follows (paraphrased): {x['league_description']}")
        text += (f" Other Far East regions in the same league: {listing(peers)}." if peers else
                 " No other Far East region of Table 4.1 is in the same league.")
        text += (f" In Table 4.1 {name} ranks {self.ranks['per_capita'][rid]} of {self.n} per capita and "
                 f"{self.ranks['overall'][rid]} overall.")
        if not pd.isna(x["flag"]):
            text += f" Note kept with the data: {x['flag']}"
        return [Markdown(text)]

    def other_figures(self) -> list:
        fe = self.fe
        df = fe[fe["region_id"] == self.id].reset_index(drop=True)
        district = (fe["region_id"] == "far_eastern_federal_district").sum()
        if df.empty:
            return [Markdown(f"The sources give no other figure for {self.name} alone; {district} of the chapter's "
                             "Far East statistics refer to the Federal District as a whole.")]
        shown = pd.DataFrame({
            "figure": df["label"], "when": [when(row) for _, row in df.iterrows()],
            "value": [quantity(x.value, x.unit, x.value_high, x.qualifier) for x in df.itertuples()],
            "source": [f"{{cite:t}}`{k}`" for k in df["cite_key"]]})
        return [Markdown(f"{len(df)} figure(s) from {sections(df)} of the chapter refer to {self.name} alone "
                         f"{{cite:p}}`pietrasiak2018`; {district} more refer to the Federal District as a whole."),
                md_table(shown, caption=f"{self.name}: further figures quoted in the chapter."),
                notes_list(df[df["note"].notna() | df["erratum"].notna()].itertuples(),
                           lambda x: f"{x.label}: " + " ".join(t for t in (x.erratum, x.note) if not pd.isna(t)))]
