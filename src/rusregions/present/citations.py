"""Citation roles for generated text: a key missing from book/references.bib fails here, not in the build."""
from __future__ import annotations

import re
from functools import lru_cache

from ..version import ROOT

BIBFILE = ROOT / "book" / "references.bib"


@lru_cache(maxsize=1)
def bib_keys() -> frozenset[str]:
    text = BIBFILE.read_text(encoding="utf-8")
    return frozenset(re.findall(r"^@\w+\{([^,]+),", text, flags=re.M))


def cite(key: str) -> str:
    """A parenthetical citation role for `key`; KeyError names a key the bibliography does not hold."""
    if key not in bib_keys():
        raise KeyError(f"cite key {key!r} is not in book/references.bib")
    return f"{{cite:p}}`{key}`"
