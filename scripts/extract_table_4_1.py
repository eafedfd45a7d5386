"""Rebuild Table 4.1 of source 002 from the vertical shards the PDF extraction left.

The rotated table came out as two-character shards ("16 1. 6" is 161.6). Cells
print one decimal, except three totals printed as integers ("31", "141",
"15"), which makes a shard run ambiguous ("31 9. 8" is 31 then 9.8). We parse
greedily on the one-decimal rule and, where a row comes out one value short,
split the single run that can be split at a shard boundary into two numbers.
Run once to write data/table_4_1.csv; tests then check the CSV against the source.
"""
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rusregions.sources import load_source  # noqa: E402

REGIONS = [  # (region_id, label as printed, shard label as extracted)
    ("sakha_republic", "Sakha (Yakutia) Republic", "Sa kh a (Y ak ut ia ) R ep ub lic"),
    ("khabarovsk_krai", "Khabarovsk Krai", "K ha ba ro vs k K ra i"),
    ("kamchatka_krai", "Kamchatka Krai", "K am ch at ka K ra i"),
    ("primorsky_krai", "Primorsky Krai", "Pr im or sk y K ra i"),
    ("amur_oblast", "Amur Oblast", "A m ur O bl as t"),
    ("magadan_oblast", "Magadan Oblast", "M ag ad an O bl as t"),
    ("sakhalin_oblast", "Sakhalin Oblast", "Sa kh al in O bl as t"),
    ("jewish_autonomous_oblast", "Jewish Autonomous Oblast", "Je w is h A ut on om ou s O bl as t"),
    ("chukotka_autonomous_okrug", "Chukotka Autonomous Okrug", "C hu ko tk a A ut on om ou s O kr ug"),
]
COLUMNS = [  # table columns 2-11, in printed order
    ("students", "per_capita"), ("students", "overall"),
    ("fdi", "per_capita"), ("fdi", "overall"),
    ("goods_trade", "per_capita"), ("goods_trade", "overall"),
    ("tourists", "per_capita"), ("tourists", "overall"),
    ("total", "per_capita"), ("total", "overall"),
]
NUMBER = re.compile(r"^\d+(\.\d)?$")


def parse_shards(shards: list[str]) -> list[str]:
    values, current = [], ""
    for shard in shards:
        current += shard
        if re.fullmatch(r"\d+\.\d", current) or len(shard) == 1:
            values.append(current)
            current = ""
    if current:
        values.append(current)
    return values


def split_short_row(shards: list[str], values: list[str]) -> list[str]:
    """One value short: find the unique run that splits into two numbers."""
    options = []
    for i, v in enumerate(values):
        for cut in range(2, len(v), 2):  # shard boundaries
            head, tail = v[:cut], v[cut:]
            if NUMBER.match(head) and NUMBER.match(tail):
                options.append(values[:i] + [head, tail] + values[i + 1:])
    if len(options) != 1:
        raise ValueError(f"ambiguous row {shards}: {options}")
    return options[0]


def main() -> None:
    source = load_source("002")
    flat = source.flat
    rows = []
    for n, (region_id, label, shard_label) in enumerate(REGIONS):
        start = flat.index(shard_label)
        nxt = [flat.index(r[2]) for r in REGIONS[n + 1:]] + [flat.index("So ur ce")]
        chunk = flat[start + len(shard_label):min(nxt)]
        chunk = re.sub(r"Małgorzata.*?1 2 3 4 5 6 7 8 9 10 11", "", chunk)  # page header inside Amur→Magadan gap
        shards = chunk.split()
        values = parse_shards(shards)
        if len(values) == len(COLUMNS) - 1:
            values = split_short_row(shards, values)
        assert len(values) == len(COLUMNS), (label, values)
        quote = shard_label + " " + " ".join(shards)
        page = source.page_of(quote)
        for (indicator, measure), printed in zip(COLUMNS, values):
            rows.append({
                "region_id": region_id, "region_as_printed": label, "indicator": indicator, "measure": measure,
                "year": 2013, "value": float(printed), "printed": printed,
                "source_id": "002", "section": "4.12.2", "page": page, "quote": quote, "cite_key": "pietrasiak2018",
            })
    out = Path(__file__).resolve().parents[1] / "data" / "table_4_1.csv"
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {out}")


if __name__ == "__main__":
    main()
