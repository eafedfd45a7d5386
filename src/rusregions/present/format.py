"""Numbers, quantities, periods and labels as the report prints them: one rule each, used by every chapter.

The rounding rule (`num`): thousands separated, at most three decimals, no trailing zeros, so a published
value prints as the source printed it (0.125 stays 0.125, 12.50 becomes 12.5) and a computed one is cut to
three decimals. Years print without separator. Where a sentence compares a computed value with a printed one
to a stated precision, pass `decimals`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from ..units import UNITS

MAX_DECIMALS = 3

# How each unit of data/ reads after a number ("12%" takes no space; "" = a bare number).
UNIT_TEXT = {
    "count": "", "percent": "%", "percentage_points": "percentage points", "index_points": "points",
    "ratio": "times", "year": "", "km": "km", "km2": "km²", "person": "people", "person_thousand": "thousand people",
    "person_million": "million people", "usd_million": "USD million", "usd_billion": "USD billion",
    "usd_trillion": "USD trillion", "rub_trillion": "RUB trillion", "rub_billion": "RUB billion",
    "rub_thousand": "RUB thousand", "rub_per_kwh": "RUB per kWh", "ecu_million": "ECU million",
    "ecu_thousand": "ECU thousand", "nok_million": "NOK million", "tonne_thousand": "thousand t",
    "tonne_million": "million t", "m3_billion": "billion m³", "agreements_per_region": "agreements per region",
    "votes": "votes", "visits": "visits",
}
assert set(UNIT_TEXT) == set(UNITS), "every unit of units.UNITS needs its display text"

# Codes whose title-cased form is wrong; every other code is title-cased ("south_korea" -> "South Korea").
COUNTRY_OVERRIDES = {"ebrd": "EBRD", "european_union": "European Union"}


def _missing(v) -> bool:
    return v is None or (not isinstance(v, str) and pd.isna(v))


def num(value, unit: str | None = None, decimals: int | None = None) -> str:
    """A number as the report prints it (see the module docstring); "" for a missing value."""
    if _missing(value):
        return ""
    v = float(value)
    if unit == "year":
        return str(int(v))
    if decimals is not None:
        return f"{v:,.{decimals}f}"
    text = f"{v:,.{MAX_DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def unit_text(unit) -> str:
    """Display text of a unit; an unknown unit is a KeyError, so a typo cannot print silently."""
    return "" if _missing(unit) else UNIT_TEXT[unit]


def quantity(value, unit=None, high=None, qualifier=None) -> str:
    """Value or range with qualifier and unit: '12.5%', '66–75%', 'almost 50 RUB billion', '2.8 times'."""
    if _missing(value):
        return "" if _missing(qualifier) else str(qualifier)
    text = num(value, unit) + ("" if _missing(high) else "–" + num(high, unit))
    u = unit_text(unit)
    text = text + u if u == "%" else f"{text} {u}".strip()
    return text if _missing(qualifier) else f"{qualifier} {text}"


def _year(v) -> str:
    return str(int(v)) if isinstance(v, float) else str(v)


def when(row: Mapping) -> str:
    """Year, period or dates of a data row; 'not stated' where the source gives none.

    Reads whichever of these columns the row has: period_as_printed (the source's own wording wins), period_start and
    period_end (an open end prints as '2014–', an
    unknown start as 'to 2025'), year, date_start and date_end.
    """
    get = row.get if hasattr(row, "get") else (lambda k, d=None: getattr(row, k, d))
    parts = []
    text, start, end, year = (get(k) for k in ("period_as_printed", "period_start", "period_end", "year"))
    if not _missing(text):
        parts.append(str(text))
    elif not _missing(start):
        same = not _missing(end) and _year(end) == _year(start)
        parts.append(_year(start) if same else f"{_year(start)}–{'' if _missing(end) else _year(end)}")
    elif not _missing(end):
        parts.append(f"to {_year(end)}")
    elif not _missing(year):
        parts.append(_year(year))
    d0, d1 = get("date_start"), get("date_end")
    if not _missing(d0):
        d = str(d0) + ("" if _missing(d1) else f" to {d1}")
        parts.append(f"({d})" if parts else d)
    return " ".join(parts) or "not stated"


def pretty(code) -> str:
    """A snake_case code as words ('soviet_era' -> 'Soviet era'); proper adjectives keep their capital."""
    if _missing(code):
        return ""
    return str(code).replace("_", " ").replace("soviet", "Soviet")


def country(code) -> str:
    """Display name of a country (or partner) code: 'south_korea' -> 'South Korea'; '' when missing."""
    if _missing(code):
        return ""
    return COUNTRY_OVERRIDES.get(code, str(code).replace("_", " ").title())


def listing(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def count_word(n: int, capital: bool = False) -> str:
    """A count as a sentence writes it: words up to twelve, digits above ('Two checks fail', '14 checks')."""
    n = int(n)
    text = _WORDS[n] if 0 <= n < len(_WORDS) else f"{n:,}"
    return text[:1].upper() + text[1:] if capital else text


CURRENCIES = ("USD", "RUB", "ECU", "NOK")


def money(value, unit) -> str:
    """A sum with its currency first, as prose writes it: 'ECU 245 thousand', 'USD 1.5 billion'; other units
    as `quantity` writes them ('40%')."""
    if _missing(value):
        return ""
    text = unit_text(unit)
    cur, _, scale = text.partition(" ")
    if cur not in CURRENCIES:
        return quantity(value, unit)
    return f"{cur} {num(value)} {scale}".strip()


def more_than(qualifier) -> str:
    """The data's qualifier 'more_than' as the words before a number ('more than '); '' for any other or none."""
    return "more than " if str(qualifier) == "more_than" else ""


def definitions(pairs: Iterable[tuple]) -> str:
    """A MyST definition list: 'term\\n: definition\\n' for each (term, definition), a blank line between."""
    return "\n".join(f"{term}\n: {text}\n" for term, text in pairs)


def bullets(items: Iterable) -> str:
    """A Markdown list, one '- item' line each."""
    return "\n".join(f"- {i}" for i in items)
