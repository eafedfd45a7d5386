"""The presentation helpers: one rounding rule, one unit map, periods, labels, and the figure wrapper."""
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from rusregions import data  # noqa: E402
from rusregions.present import country, listing, num, pretty, quantity, when  # noqa: E402
from rusregions.present import figures  # noqa: E402
from rusregions.present.format import UNIT_TEXT, unit_text  # noqa: E402
from rusregions.units import UNITS  # noqa: E402


@pytest.mark.parametrize("value, expected", [
    (0.125, "0.125"),  # printed to three decimals: kept (was 0.12 in one chapter, 0.125 in another)
    (12.50, "12.5"),
    (12.0, "12"),
    (1234567, "1,234,567"),
    (1234.5678, "1,234.568"),  # computed: cut to three decimals
    (-0.0001, "0"),  # no "-0"
    (np.int64(7), "7"),
    ("3.40", "3.4"),
])
def test_num_one_rounding_rule(value, expected):
    assert num(value) == expected


def test_num_year_missing_and_fixed_decimals():
    assert num(2014.0, "year") == "2014"
    assert num(None) == "" and num(float("nan")) == "" and num(pd.NA) == ""
    assert num(0.1, decimals=2) == "0.10"


def test_every_unit_has_display_text_and_unknown_units_fail():
    assert set(UNIT_TEXT) == set(UNITS)
    with pytest.raises(KeyError):
        unit_text("percnt")


def test_every_unit_in_the_data_has_display_text():
    used = set()
    for name in data.resource_names():
        df = data.load(name)
        for col in (c for c in df.columns if c.startswith("unit")):
            used |= set(df[col].dropna().astype(str))
    assert used <= set(UNIT_TEXT), used - set(UNIT_TEXT)


@pytest.mark.parametrize("args, expected", [
    ((12.5, "percent"), "12.5%"),
    ((66, "percent", 75), "66–75%"),
    ((50, "percent", None, "almost"), "almost 50%"),
    ((2.8, "ratio"), "2.8 times"),
    ((1.5, "rub_billion"), "1.5 RUB billion"),
    ((40, "count"), "40"),
    ((2009, "year"), "2009"),
    ((None, "percent", None, "several"), "several"),
    ((None, "percent"), ""),
])
def test_quantity(args, expected):
    assert quantity(*args) == expected


@pytest.mark.parametrize("row, expected", [
    ({"period_as_printed": "mid-1990s", "period_start": 1994}, "mid-1990s"),
    ({"period_start": 2005, "period_end": 2009}, "2005–2009"),
    ({"period_start": 2014.0, "period_end": 2014.0}, "2014"),
    ({"period_start": 2014, "period_end": None}, "2014–"),
    ({"year": 2013.0}, "2013"),
    ({"period_start": None, "period_end": 2025.0}, "to 2025"),
    ({"year": None}, "not stated"),
    ({"date_start": "2014-03-16", "date_end": None}, "2014-03-16"),
    ({"year": 2014, "date_start": "2014-03-16", "date_end": "2014-03-17"}, "2014 (2014-03-16 to 2014-03-17)"),
])
def test_when(row, expected):
    assert when(row) == expected
    assert when(pd.Series(row, dtype=object)) == expected


def test_when_reads_itertuples_rows():
    row = next(pd.DataFrame([{"period_start": 2005, "period_end": 2009, "year": pd.NA}]).itertuples())
    assert when(row) == "2005–2009"


def test_labels():
    assert pretty("post_soviet_era") == "post Soviet era"
    assert pretty(None) == ""
    assert country("south_korea") == "South Korea"
    assert country("ebrd") == "EBRD"
    assert country(float("nan")) == ""
    assert listing(["a"]) == "a" and listing(["a", "b"]) == "a and b" and listing("abc") == "a, b and c"


def test_show_writes_csv_and_a_numbered_figure_directive(tmp_path, capsys, monkeypatch):
    shown = []
    monkeypatch.setattr(figures, "display", shown.append)
    fig, ax = plt.subplots()
    plotted = pd.DataFrame({"region": ["a", "b"], "share_percent": [12.5, 0.125]})
    figures.labelled_bars(ax, plotted.region, plotted.share_percent)
    figures.show(fig, "fig-test-bars", plotted, alt="Two bars: a at 12.5, b at 0.125.",
                 caption="**Shares.** As printed.", folder=tmp_path)
    assert pd.read_csv(tmp_path / "figure_data" / "fig-test-bars.csv").equals(plotted)
    text = shown[0].data
    assert text.splitlines()[:3] == ["```{glue:figure} fig-test-bars", ":name: fig-test-bars",
                                     ":alt: Two bars: a at 12.5, b at 0.125."]
    assert "**Shares.** As printed. {download}`Data (CSV) <figure_data/fig-test-bars.csv>`" in text
    out = capsys.readouterr().out  # the glue output (a mime bundle) goes to the notebook, nothing is printed
    assert "Traceback" not in out


@pytest.mark.parametrize("name, kwargs, message", [
    ("Fig 1", {}, "figure name 'Fig 1' must look like 'fig-words-in-lowercase'"),
    ("fig-x", {"alt": ""}, "figure fig-x: the alt text is empty"),
    ("fig-x", {"caption": " "}, "figure fig-x: the caption text is empty"),
    ("fig-x", {"alt": "two\nlines"}, "figure fig-x: the alt text must be one line"),
    ("fig-x", {"data": pd.DataFrame()}, "figure fig-x: data must be the non-empty DataFrame of the plotted numbers"),
])
def test_show_refuses_figures_without_label_alt_caption_or_data(tmp_path, name, kwargs, message):
    args = {"data": pd.DataFrame({"v": [1]}), "alt": "One bar.", "caption": "A bar.", **kwargs}
    fig = plt.figure()
    with pytest.raises(ValueError) as exc:
        figures.show(fig, name, args.pop("data"), folder=tmp_path, **args)
    assert str(exc.value) == message
    assert not (tmp_path / "figure_data").exists()
    plt.close(fig)


def test_stacked_shares_marks_an_incomplete_breakdown():
    fig, ax = plt.subplots()
    shares = pd.DataFrame({"japan": [60.0, 50.0], "china": [40.0, 20.0]}, index=["oil", "trade"])
    figures.stacked_shares(ax, shares)
    labels = [p.get_label() for p in ax.containers]
    assert labels == ["japan", "china", figures.OTHERS]
    others = ax.containers[-1]
    assert [round(b.get_width(), 6) for b in others] == [0.0, 30.0]
    assert [t.get_text() for t in ax.texts] == ["60", "50", "40", "20"]
    plt.close(fig)


def test_long_form():
    wide = pd.DataFrame({"x": [1, 2]}, index=["a", "b"])
    out = figures.long_form(wide, "row", "column", "value")
    assert json.loads(out.to_json(orient="records")) == [{"row": "a", "column": "x", "value": 1},
                                                          {"row": "b", "column": "x", "value": 2}]


def test_count_word():
    from rusregions.present import count_word
    assert count_word(2, capital=True) == "Two"
    assert count_word(0) == "no"
    assert count_word(12) == "twelve" and count_word(13) == "13" and count_word(1500) == "1,500"


def test_cite_checks_the_bibliography():
    from rusregions.present.citations import cite
    assert cite("pietrasiak2018") == "{cite:p}`pietrasiak2018`"
    with pytest.raises(KeyError, match="cite key 'nobody2099' is not in book/references.bib"):
        cite("nobody2099")


def test_money_puts_the_currency_first():
    from rusregions.present import money
    assert money(245, "ecu_thousand") == "ECU 245 thousand"
    assert money(1.5, "usd_billion") == "USD 1.5 billion"
    assert money(12.5, "percent") == "12.5%"
    assert money(None, "nok_million") == ""
