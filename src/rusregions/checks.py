"""Check published shares and totals against the values they were computed from.

Sources print shares rounded to a few decimals, so a recomputed share rarely
matches to the last digit. The rule used throughout is the rounding rule:

* a printed figure with ``d`` decimals stands for any value within half a unit
  of its last decimal (``0.5 * 10**-d``);
* a published share is **consistent** when the share recomputed from its parts
  lies within that half unit of the printed figure;
* it is **truncated** when it is not consistent but equals the recomputed share
  cut (not rounded) to ``d`` decimals: the source dropped digits instead of
  rounding;
* otherwise it is **inconsistent**.

For lists of shares the tolerance is the sum of the half units of every printed
part (each may be off by its own half unit). A *complete* list (the source
gives the whole breakdown) must add up to 100 within that tolerance; a
*partial* list (the source names only the "main" items) must not exceed 100,
and what it leaves is reported.

Every function is pure and works on plain numbers, so the rules are tested on
crafted inputs in ``tests/test_checks.py``.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

CONSISTENT = "consistent"
TRUNCATED = "truncated, not rounded"
INCONSISTENT = "inconsistent"

ADDS_UP = "adds up"
DOES_NOT_ADD_UP = "does not add up"
PARTIAL = "partial list"
EXCEEDS = "exceeds the total"

_EPS = 1e-9  # absorbs binary floating-point noise at the tolerance boundary


def printed_decimals(text: str) -> int:
    """Number of decimals of a number as printed: '15' -> 0, '15.3' -> 1, '1,055.3' -> 1.

    Thousands separators (',') and surrounding spaces are ignored. Raises
    ValueError if the text is not a plain decimal number.
    """
    s = str(text).strip().replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", s):
        raise ValueError(f"{text!r} is not a printed decimal number")
    return len(s.partition(".")[2])


def half_unit(decimals: int) -> float:
    """Half a unit of the last printed decimal: the largest rounding error of a printed figure."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    return 0.5 * 10.0 ** -decimals


def share_of_total(part: float | Iterable[float], total: float) -> float:
    """Share of ``part`` in ``total``, in percent.

    ``part`` may be one number or several (e.g. a partner's exports and
    imports), which are added first. Raises ValueError for a total that is not
    positive or a negative part.
    """
    parts = [float(part)] if isinstance(part, (int, float)) else [float(p) for p in part]
    if not parts:
        raise ValueError("no part given")
    if any(p < 0 for p in parts):
        raise ValueError("parts must not be negative")
    if not total > 0:
        raise ValueError(f"total must be positive, got {total}")
    return 100.0 * sum(parts) / float(total)


def balance_from_shares(total: float, export_share: float, import_share: float) -> float:
    """Trade balance implied by a turnover and the export and import shares of it (in percent).

    exports - imports = total * (export share - import share) / 100.
    """
    if total < 0 or export_share < 0 or import_share < 0:
        raise ValueError("total and shares must not be negative")
    return float(total) * (float(export_share) - float(import_share)) / 100.0


def truncate(value: float, decimals: int) -> float:
    """Cut ``value`` to ``decimals`` decimals towards zero (what a source does when it drops digits)."""
    factor = 10.0 ** decimals
    return math.trunc(round(value * factor, 9)) / factor


@dataclass(frozen=True)
class Comparison:
    """A published figure against the figure recomputed from its parts."""

    published: float
    recomputed: float
    difference: float  # published - recomputed
    tolerance: float
    verdict: str

    def as_dict(self) -> dict:
        return asdict(self)


def compare(published: float, recomputed: float, decimals: int, slack: float = 0.0) -> Comparison:
    """Judge a published figure printed with ``decimals`` decimals against its recomputation.

    ``slack`` widens the tolerance by the uncertainty of the recomputation itself
    (when it was computed from rounded inputs); it is 0 by default.
    """
    if slack < 0:
        raise ValueError("slack must not be negative")
    published, recomputed = float(published), float(recomputed)
    tolerance = half_unit(decimals) + slack
    difference = published - recomputed
    if abs(difference) <= tolerance + _EPS:
        verdict = CONSISTENT
    elif math.isclose(truncate(recomputed, decimals), published, abs_tol=_EPS):
        verdict = TRUNCATED
    else:
        verdict = INCONSISTENT
    return Comparison(published, recomputed, difference, tolerance, verdict)


@dataclass(frozen=True)
class SumCheck:
    """Printed parts against the total they should make."""

    total: float  # sum of the parts
    expected: float
    difference: float  # total - expected
    tolerance: float
    remainder: float  # expected - total, what a partial list leaves
    verdict: str

    def as_dict(self) -> dict:
        return asdict(self)


def _decimals_per_part(decimals: int | Sequence[int], n: int) -> list[int]:
    if isinstance(decimals, int):
        return [decimals] * n
    decimals = list(decimals)
    if len(decimals) != n:
        raise ValueError(f"{len(decimals)} decimals given for {n} parts")
    return decimals


def sums_to(parts: Sequence[float], expected: float, decimals: int | Sequence[int] = 1,
            complete: bool = True, expected_decimals: int | None = None) -> SumCheck:
    """Check that printed ``parts`` add up to ``expected``.

    ``decimals`` is the number of printed decimals of every part (one int) or of
    each part (a sequence). ``expected_decimals`` is given when the expected
    total is itself a rounded printed figure (None: it is exact, like 100).
    With ``complete=False`` the parts are a partial list: they pass if they do
    not exceed the total, and the remainder is reported.
    """
    parts = [float(p) for p in parts]
    if not parts:
        raise ValueError("no parts given")
    tolerance = sum(half_unit(d) for d in _decimals_per_part(decimals, len(parts)))
    if expected_decimals is not None:
        tolerance += half_unit(expected_decimals)
    total = math.fsum(parts)
    difference = total - float(expected)
    if complete:
        verdict = ADDS_UP if abs(difference) <= tolerance + _EPS else DOES_NOT_ADD_UP
    else:
        verdict = PARTIAL if difference <= tolerance + _EPS else EXCEEDS
    return SumCheck(total, float(expected), difference, tolerance, -difference, verdict)


def sums_to_100(shares: Sequence[float], decimals: int | Sequence[int] = 1, complete: bool = True) -> SumCheck:
    """Check that printed percentage shares add up to 100 (see ``sums_to``)."""
    return sums_to(shares, 100.0, decimals=decimals, complete=complete)
