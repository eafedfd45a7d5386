"""The border-regions chapter: this report's reading of each claim of the abstract (source 004) against the Far
East evidence, with the evidence cited by its data row so that each reading can be checked."""
from __future__ import annotations

import pandas as pd

from .present.format import num, pretty

READINGS = ("consistent", "mixed", "in tension", "not addressed")
# abstract item, evidence keys (interview findings 'q<question>.<finding>', activity conditions by id,
# 'border:<border function>', or 'agreements'), this report's reading
READING = [
    ("points_of_contact", ["q1.1", "q3.1", "border:contact"], "mixed"),
    ("common_problems", ["q3.1"], "consistent"),
    ("ethno_confessional_affinity", ["q3.2"], "in tension"),
    ("cultural_linguistic_affinity", ["q3.2"], "in tension"),
    ("federal_geopolitical_use", ["q2a.2", "q5.3", "centralization_instrumentalization"], "consistent"),
    ("compensating_function", ["q3.2"], "in tension"),
    ("diplomatic_agents", ["q5.2"], "consistent"),
    ("soft_power", [], "not addressed"),
    ("joint_projects_self_government", ["q4.3"], "in tension"),
    ("actorness", ["q2a.1", "q2a.2", "agreements"], "in tension"),
    ("interstate_dialogue", ["q5.1"], "consistent"),
    ("interdependence_despite_deglobalization", ["q1.2"], "consistent"),
    ("costs_federal_support", ["q2a.1", "q2b.1"], "in tension"),
]


def check_coverage(abstract: pd.DataFrame) -> None:
    """Every item of the abstract has exactly one reading, and no reading names an item it lacks."""
    read, items = sorted(i for i, _, _ in READING), sorted(abstract.item_id)
    if read != items:
        raise ValueError(f"readings and abstract items differ: no reading for {sorted(set(items) - set(read))}, "
                         f"reading without item {sorted(set(read) - set(items))}")


class Evidence:
    """Describes an evidence key by the data row it names; an unknown key is a KeyError."""

    def __init__(self, findings: pd.DataFrame, conditions: pd.DataFrame, border_functions: pd.DataFrame,
                 far: pd.Series, n_districts: int):
        self.findings = findings.assign(key=findings.question_id + "." + findings.finding_no.astype(str)).set_index("key")
        self.conditions, self.bf = conditions, border_functions.set_index("item_id")
        self.far, self.n_districts = far, n_districts

    def __call__(self, key: str) -> str:
        if key in self.findings.index:
            r = self.findings.loc[key]
            return f"interview {r.name} ({r.prevalence if pd.notna(r.prevalence) else 'no wording'})"
        if key in self.conditions.index:
            return f"condition '{self.conditions.loc[key, 'label']}' ({self.conditions.loc[key, 'cite_key']})"
        if key.startswith("border:"):
            r = self.bf.loc[key.split(":")[1]]
            return f"border function '{r.label}' ({pretty(r.dominance)}; {r.cite_key})"
        if key == "agreements":
            return (f"Far East {num(self.far.value)} agreements per region (rank {int(self.far['rank'])} of "
                    f"{self.n_districts})")
        raise KeyError(key)
