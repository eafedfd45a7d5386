"""Where the evidence lies in time: every data row placed in the periods its years touch (synthesis chapter)."""
from __future__ import annotations

import pandas as pd

from . import codelists, data
from .present.format import more_than
from .tables import md_table

YEAR_COLS = ["year", "year_inferred", "period_start", "period_end", "start_year", "end_year"]
UNDATED = "undated"


def row_bins(years: list[int], bins: list[tuple]) -> list[str]:
    """Names of the bins (name, first year or None, last year or None) that the span of `years` touches."""
    if not years:
        return [UNDATED]
    lo, hi = min(years), max(years)
    return [name for name, a, b in bins if (a is None or hi >= a) and (b is None or lo <= b)]


def source_frames() -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Every resource whose rows come from a source (column source_id), and the names of the others."""
    frames = {name: data.load(name) for name in data.resource_names()}
    # Left out: the report's own tables (no source_id), the codelists and the claims ledger (it records the prose).
    own = sorted(n for n, df in frames.items() if "source_id" not in df.columns
                 or df.attrs["resource"]["path"].startswith("codelists/") or n == "claims")
    return {n: df for n, df in frames.items() if n not in own}, own


def rows_by_bin(frames: dict[str, pd.DataFrame], bins: list[tuple]) -> pd.DataFrame:
    """One record per data row and bin it falls in: resource, source_id, bin, row id, last year (or None)."""
    records = []
    for name, df in frames.items():
        cols = [c for c in YEAR_COLS if c in df.columns]
        for _, r in df.iterrows():
            years = [int(r[c]) for c in cols if pd.notna(r[c])]
            for b in row_bins(years, bins):
                records.append({"resource": name, "source_id": r["source_id"], "bin": b, "id": str(r.iloc[0]),
                                "last": max(years) if years else None})
    return pd.DataFrame(records)


class Synthesis:
    """The synthesis chapter: the report's three periods, bounded by years the data hold, and the rows and numbers
    of every source placed in them. Each method returns what one cell shows."""

    def __init__(self):
        self.sources = codelists.source_labels()
        (self.periods, self.programmes, self.by_type, self.by_district, self.t41, self.fe, self.ref, self.agenda,
         self.protests, self.abstract, self.legal) = (data.load(n) for n in (
            "federalism_periods", "cooperation_programmes_1990s", "agreements_by_region_type",
            "agreements_by_federal_district", "table_4_1", "far_east_indicators", "referenda_2023",
            "institute_agenda", "protest_regions", "border_region_factors", "legal_acts"))
        self.eras = data.load("era_quantities").set_index("quantity_id")
        self.facts = data.load("bright_side_facts").set_index("fact_id")
        self.sample = data.load("interview_sample").set_index("attribute")
        self.votes = data.load("referenda_votes").iloc[0]
        self.events = data.load("referenda_events").set_index("event_id")
        # the report's three periods: the chapter's decentralisation stage, the years 002 studies for the Putin era,
        # and from the earliest year the referenda report states
        stage90 = self.periods.set_index("period_id").loc["decentralization"]
        self.putin = self.eras.loc["putin_era"]
        self.after = int(self.events.loc["league_of_nations_formed", "year"])
        self.PERIODS = {
            "1990s": (int(stage90.start_year), int(stage90.end_year)),
            "2000–2016": (int(self.putin.period_start), int(self.putin.period_end)),
            f"{self.after} onwards": (self.after, None),
        }
        P, after = self.PERIODS, self.after
        self.gap = f"{P['2000–2016'][1] + 1}–{after - 1}"
        self.BINS = [("before 1990", None, P["1990s"][0] - 1), ("1990s", *P["1990s"]), ("2000–2016", *P["2000–2016"]),
                     (self.gap, P["2000–2016"][1] + 1, after - 1), (f"{after} onwards", after, None)]
        self.frames, self.own = source_frames()
        self.rec = rows_by_bin(self.frames, self.BINS)

    def period_text(self) -> str:
        return "; ".join(f"{k}: {a}–{'' if b is None else b}" for k, (a, b) in self.PERIODS.items())

    def grid(self) -> pd.DataFrame:
        """Rows per source (index, in the codelist's order) and period (columns, 'undated' last)."""
        order = [b[0] for b in self.BINS] + [UNDATED]
        grid = self.rec.groupby(["source_id", "bin"]).size().unstack(fill_value=0).reindex(columns=order, fill_value=0)
        return grid.reindex(list(self.sources))

    def source_tables(self) -> list:
        S, rec = self.sources, self.rec
        n_rows = {s: sum(int((df.source_id == s).sum()) for df in self.frames.values()) for s in S}
        n_res = rec.groupby("source_id").resource.nunique().reindex(list(S))
        counts = md_table(pd.DataFrame({"Source": [S[s] for s in S], "Data rows": [n_rows[s] for s in S],
                                        "Resources": [int(n_res[s]) for s in S]}),
                          caption=f"Data rows and resources per source document ({len(self.frames)} resources; left "
                                  f"out, as not rows taken from a source: {', '.join(self.own)}).")
        late = rec[(rec.source_id == "002") & rec["last"].notna() & (rec["last"] > self.PERIODS["2000–2016"][1])]
        late = late.drop_duplicates("id")
        past = md_table(pd.DataFrame({"Row": late.id.to_numpy(), "Resource": late.resource.to_numpy(),
                                      "Runs to": late["last"].astype(int).to_numpy()}),
                        caption="Rows of source 002 whose years run past its study period.")
        return [counts, past]

    def grid_figure(self):
        from .present import synthesis_charts
        from .present.figures import Figure
        grid = self.grid()
        fig = synthesis_charts.rows_heatmap(grid.rename(index=self.sources))
        return Figure(fig, "fig-rows-by-source-period",
                      grid.rename_axis(index="source_id", columns="period").stack().rename("rows").reset_index(),
                      alt="A heat map of the number of data rows from each source document in each period.",
                      caption="**Data rows per source and period (count).** All resources of data/datapackage.json; "
                              "a row counts in each period its years touch.")

    def documents_table(self):
        documents = codelists.source_documents()  # required in the codelist: every source has one
        return md_table(pd.DataFrame({"Id": list(self.sources), "Source": list(self.sources.values()),
                                      "What it documents": [documents[s] for s in self.sources]}),
                        caption="The five source documents and what they document.")

    def _dated(self) -> dict:
        """The rows and counts the table of numbers and the timeline share."""
        fe_dated = self.fe[self.fe.period_start.notna()]
        return dict(agr=self.facts.loc["regional_foreign_agreements_1991_95"], t_year=int(self.t41.year.unique()[0]),
                    fe_dated=fe_dated, n_resp=int(self.sample.loc["respondents", "value"]),
                    fw=self.sample.loc["fieldwork_period"], league=self.events.loc["league_of_nations_formed"],
                    rex=self.agenda[self.agenda.year.notna() & (self.agenda.topic == "region_expert")].iloc[0])

    def numbers(self) -> pd.DataFrame:
        """The numbers that exist, by period and source, each computed from data/."""
        d, P = self._dated(), self.PERIODS
        agr, fw, league, rex = d["agr"], d["fw"], d["league"], d["rex"]
        sums = self.programmes[self.programmes.amount.notna()]
        n_ecu, n_nok = int(sums.unit.str.startswith("ecu").sum()), int((sums.unit == "nok_million").sum())
        periods = self.periods
        p90 = periods[(periods.kind == "period") & periods.end_year.notna() & (periods.end_year <= P["1990s"][1])]
        acts90 = self.legal[self.legal.year.between(*P["1990s"])]
        bt = self.by_type.assign(v=self.by_type.value_corrected.fillna(self.by_type.value))
        fc = bt.set_index("region_type").loc["federal_cities"]
        fed = self.by_district.set_index("region_id").loc["far_eastern_federal_district"]
        fe_dated = d["fe_dated"]
        fe_mid = fe_dated[(fe_dated.period_start >= P["2000–2016"][0]) &
                          (fe_dated.period_end.fillna(fe_dated.period_start) <= P["2000–2016"][1])]
        round80 = self.agenda[self.agenda.value.notna()].iloc[0]
        mid, late, votes = "2000–2016", f"{self.after} onwards", self.votes
        rows = [
            ("1990s", "001", f"regions' foreign agreements, {int(agr.period_start)}–{int(agr.period_end)} (national "
             "total)", f"{more_than(agr.qualifier)}{agr.value:g}"),
            ("1990s", "001", "programme sums printed in ECU / in NOK", f"{n_ecu} / {n_nok} (one pledge in both)"),
            ("1990s", "002", "periods of federalism dated within the decade", f"{len(p90)}"),
            ("1990s", "002", "legal acts and events dated within the decade", f"{len(acts90)}"),
            (mid, "002", "agreements per region, federal cities (median; period not stated)", f"{fc.v:g}"),
            (mid, "002", "agreements per region, Far Eastern district (no statistic printed, an average implied; "
             "period not stated)", f"{fed.value:g}"),
            (mid, "002", f"regions scored in Table 4.1 ({d['t_year']})", f"{self.t41.region_id.nunique()}"),
            (mid, "002", f"elite interviews, {int(fw.period_start)}–{int(fw.period_end)} (answers in words only)",
             f"{d['n_resp']}"),
            (mid, "002", "Far East figures dated within the period", f"{len(fe_mid)}"),
            (self.gap, "000", "Region.Expert published since", f"{int(rex.year)}"),
            (late, "003", "body of 'six provinces' founded", f"{int(league.year)}-{int(league.month):02d}"),
            (late, "003", f"votes on the first voting day, {len(self.ref)} regions together (year inferred: "
             f"{int(votes.year_inferred)})", f"{more_than(votes.qualifier)}{votes.value:,.0f}"),
            ("undated", "000", "regions the Institute says are overlooked (a round figure)",
             f"{more_than(round80.qualifier)}{round80.value:g}"),
            ("undated", "000", "regions named as places of protest (no dates or sizes)", f"{len(self.protests)}"),
            ("undated", "004", f"numbers among the abstract's {len(self.abstract)} items", "none"),
        ]
        return pd.DataFrame(rows, columns=["Period", "Source", "What the number is", "Number"])

    def numbers_table(self):
        return md_table(self.numbers(),
                        caption="The numbers that exist, by period and source (all computed from data/).")

    def timeline_figure(self):
        from .present import synthesis_charts
        from .present.figures import Figure
        d = self._dated()
        fig = synthesis_charts.evidence_timeline(
            periods=self.periods, putin=self.putin, PERIODS=self.PERIODS, votes=self.votes, agr=d["agr"],
            programmes=self.programmes, t_year=d["t_year"], fw=d["fw"], n_resp=d["n_resp"], fe_dated=d["fe_dated"],
            rex=d["rex"], league=d["league"], ref=self.ref)
        return Figure(fig, "fig-periods-by-source",
                      pd.DataFrame([{"lane": "report", "period": k, "start": a, "end": b}
                                    for k, (a, b) in self.PERIODS.items()]),
                      alt="A timeline with one lane per source document and two lanes of periods, showing the years "
                          "each source's dated evidence covers.",
                      caption="**Periods and dated evidence, by source.** A dot sits mid-year, or mid-month where the "
                              "month is known; hollow dots are inferred dates.")
