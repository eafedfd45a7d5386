"""The chapter on regionalism today (sources 000 and 003): the Institute's agenda, the protest regions, the online
referenda and the views quoted. `Today()` loads the six resources; each method returns what one cell shows."""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from . import codelists, data
from .present.format import bullets, more_than, pretty
from .tables import md_table

# Column headers of the table of attributes shared by all referenda (the data's column -> the table's label).
SHARED = {"organiser_label": "Organiser", "mode": "Voting mode", "status": "Status (as the report gives it)",
          "binding": "Binding", "legal_status": "Legal status (as the report words it)",
          "voting_start_weekday": "Voting began (as printed)", "closes_as_printed": "Open until (as printed)",
          "year_inferred": "Year (inferred by the project)"}


def notes(resource: str) -> list[str]:
    """The source remarks the descriptor records for a resource (x-notes)."""
    return data.describe(resource).get("x-notes", [])


def grouped(frame: pd.DataFrame, by: str, heading, item) -> Markdown:
    """A bold heading per group (in the frame's order) and one bullet per row."""
    lines = []
    for key, grp in frame.groupby(by, observed=True, sort=False):
        lines += [f"**{heading(key)}**", ""] + [f"- {item(r)}" for r in grp.itertuples()] + [""]
    return Markdown("\n".join(lines))


class Today:
    def __init__(self):
        self.agenda, self.protests, self.ref, self.votes, self.events, self.views = (data.load(n) for n in (
            "institute_agenda", "protest_regions", "referenda_2023", "referenda_votes", "referenda_events",
            "expert_views"))
        # claim kinds in the order the page first uses them
        self.agenda["claim_type"] = pd.Categorical(self.agenda.claim_type, list(self.agenda.claim_type.unique()),
                                                   ordered=True)

    # --- the Institute ----------------------------------------------------------------------------------------
    def agenda_kinds(self) -> list:
        counts = self.agenda.groupby("claim_type", observed=True).agg(
            claims=("claim_id", "size"), topics=("topic", lambda s: ", ".join(dict.fromkeys(pretty(t) for t in s))))
        claims = grouped(self.agenda.sort_values("claim_type", kind="stable"), "claim_type",
                         lambda k: k.capitalize(), lambda r: r.claim)
        return [md_table(counts.rename_axis("Kind of claim").reset_index(), caption="Claims on the Institute's "
                         "'About us' page by kind and topic (data/institute_agenda.csv)."), claims]

    def years_and_figures(self) -> str:
        a = self.agenda
        dated, figs = a[a.year.notna()], a[a.value.notna()]
        years = "; ".join(f"{int(y)} ({pretty(t)})" for y, t in zip(dated.year, dated.topic))
        figures = "; ".join(f"{more_than(q)}{v:g} ({pretty(t)})" for v, q, t in zip(figs.value, figs.qualifier, figs.topic))
        return f"Years named on the page: {years}\nFigures named on the page: {figures}"

    def agenda_notes(self) -> Markdown:
        return Markdown("Source remarks recorded with the data:\n\n" + bullets(notes("institute_agenda")))

    # --- protests -----------------------------------------------------------------------------------------------
    def protest_table(self):
        p = self.protests
        return md_table(pd.DataFrame({"Order": p.position.to_numpy(), "Region as printed": p.label.to_numpy(),
                                      "Where named": [pretty(m) for m in p.mention],
                                      "List exhaustive": ["no" if not x else "yes" for x in p.list_exhaustive]}),
                        caption="Regions the Institute names as places of protest (data/protest_regions.csv).")

    def protest_summary(self) -> str:
        p = self.protests
        return (f"{(p.mention == 'protest_list').sum()} regions in the list, "
                f"{(p.mention == 'separate_mention').sum()} named separately; "
                f"exhaustive: {'yes' if p.list_exhaustive.any() else 'no'}")

    # --- the referenda ------------------------------------------------------------------------------------------
    def referenda_tables(self) -> list:
        ref = self.ref
        regions = md_table(pd.DataFrame({"Order": ref.list_position.to_numpy(),
                                         "Region as printed": ref.label.to_numpy(),
                                         "Remark in the data": ref.note.fillna("").to_numpy()}),
                           caption="Regions of the Post-Russia Forum's online referenda (data/referenda_2023.csv).")
        shared = {}
        for col, label in SHARED.items():
            vals = ref[col].unique()
            if len(vals) != 1:
                raise ValueError(f"referenda_2023: {col} differs between the referenda; it is no shared attribute")
            v = vals[0]
            shared[label] = (("yes" if v else "no (the report: 'non-binding')") if col == "binding"
                             else str(v).capitalize() if col == "voting_start_weekday" else str(v))
        return [regions, md_table(pd.DataFrame({"Attribute": list(shared), "Value": list(shared.values())}),
                                  caption="Attributes shared by all five referenda (data/referenda_2023.csv).")]

    def vote_figure(self) -> str:
        v = self.votes.iloc[0]
        q = more_than(v.qualifier).strip()
        return (f"{q} {v.value:,.0f} {v.unit} {pretty(v.measure).replace('votes ', '')} on the {pretty(v.time_scope)}, "
                f"{pretty(v.coverage)} together ({v.regions.replace('; ', ', ')})".strip() + "\n"
                f"qualifier as printed: '{'over' if q else ''}'; per-region breakdown: none; errata: "
                f"{'none' if pd.isna(v.erratum) else v.erratum}")

    def year_notes(self) -> Markdown:
        return Markdown(bullets(n for n in notes("referenda_2023") if "year" in n.lower() or "February" in n))

    def events_table(self):
        ev = self.events
        year = [f"{int(y)} (stated)" if pd.notna(y) else (f"{int(yi)} (inferred)" if pd.notna(yi) else "none")
                for y, yi in zip(ev.year, ev.year_inferred)]
        return md_table(pd.DataFrame({
            "Event": [pretty(t) for t in ev.event_type], "Date as printed": ev.date_as_printed.to_numpy(), "Year": year,
            "Actor": ev.actor.replace({"post_russia_forum": self.ref.organiser_label.iloc[0]}).to_numpy()}),
            caption="Dated events in the referenda report (data/referenda_events.csv).")

    def earliest_year(self) -> str:
        league = self.events.set_index("event_id").loc["league_of_nations_formed"]
        close = self.ref.iloc[0]
        earliest = int(league.year) + (1 if int(close.closing_month) < int(league.month) else 0)
        return (f"League founded: {int(league.year)}-{int(league.month):02d} (stated); vote closes on month "
                f"{int(close.closing_month)}, day {int(close.closing_day)}; earliest year consistent with the report: "
                f"{earliest}; year recorded in the data: {int(close.year_inferred)} (inferred)")

    def league_notes(self) -> Markdown:
        return Markdown(bullets(n for n in notes("referenda_events") if "six provinces" in n))

    # --- views --------------------------------------------------------------------------------------------------
    def holders(self) -> list:
        views = self.views
        holders = views.drop_duplicates("holder_id")
        stance = codelists.code_labels("stance")
        table = md_table(pd.DataFrame({
            "Holder": holders.holder_label.to_numpy(),
            "Affiliation (as given)": holders.affiliation.fillna("(none given)").to_numpy(),
            "Stance (data's label)": [stance[s] for s in holders.stance],
            "Views": [int((views.holder_id == h).sum()) for h in holders.holder_id]}),
            caption="Holders of the views quoted or paraphrased in the news report (data/expert_views.csv).")
        label = holders.set_index("holder_id").holder_label
        return [table, grouped(views, "holder_id", lambda h: label[h], lambda r: f"{r.view} *({pretty(r.view_type)})*")]

    def stance_counts(self) -> str:
        views = self.views
        stance = codelists.code_labels("stance")
        return ("; ".join(f"{stance[s]}: {n}" for s, n in views.stance.value_counts().sort_index().items())
                + f" (views); holders: {views.holder_id.nunique()}")

    def garbled(self) -> Markdown:
        noted = self.views[self.views.note.notna()]
        return Markdown(bullets(f"**{r.holder_label}**: {r.note}" for r in noted.itertuples()))
