"""Share checks (rusregions.checks) on crafted inputs whose answers are known."""
import math

import pytest

from rusregions import checks


# --- printed precision ---------------------------------------------------------

@pytest.mark.parametrize("text, decimals", [
    ("15", 0), ("15.3", 1), ("0.71", 2), ("29.0", 1), ("1,055.3", 1), (" 3134 ", 0), ("-2.50", 2),
])
def test_printed_decimals(text, decimals):
    assert checks.printed_decimals(text) == decimals


@pytest.mark.parametrize("text", ["", "abc", "15%", "1.2.3", "1e3"])
def test_printed_decimals_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        checks.printed_decimals(text)


def test_half_unit():
    assert checks.half_unit(0) == 0.5
    assert math.isclose(checks.half_unit(1), 0.05)
    assert math.isclose(checks.half_unit(2), 0.005)
    with pytest.raises(ValueError):
        checks.half_unit(-1)


# --- shares and balances ---------------------------------------------------------

def test_share_of_total():
    assert checks.share_of_total(25, 200) == 12.5
    assert checks.share_of_total([10, 15], 200) == 12.5  # parts are added first
    assert checks.share_of_total(0, 7) == 0.0
    assert checks.share_of_total(300, 200) == 150.0  # a part above the total is reported, not hidden


@pytest.mark.parametrize("part, total", [(1, 0), (1, -5), (-1, 10), ([2, -3], 10), ([], 10)])
def test_share_of_total_rejects_bad_input(part, total):
    with pytest.raises(ValueError):
        checks.share_of_total(part, total)


def test_balance_from_shares():
    assert math.isclose(checks.balance_from_shares(100, 60, 40), 20)
    assert math.isclose(checks.balance_from_shares(50, 50, 50), 0)
    assert math.isclose(checks.balance_from_shares(10, 30, 70), -4)  # a deficit is negative
    with pytest.raises(ValueError):
        checks.balance_from_shares(-1, 60, 40)


def test_truncate_cuts_instead_of_rounding():
    assert checks.truncate(15.38, 1) == 15.3
    assert checks.truncate(15.99, 0) == 15
    assert checks.truncate(0.3, 1) == 0.3  # no float noise (0.3 * 10 = 2.9999...)


# --- comparing a published figure with its recomputation ----------------------------------------

def test_compare_consistent_within_half_a_unit():
    c = checks.compare(49.2, 49.234, decimals=1)
    assert c.verdict == checks.CONSISTENT
    assert math.isclose(c.difference, 49.2 - 49.234)
    assert math.isclose(c.tolerance, 0.05)


def test_compare_boundary_is_inclusive():
    assert checks.compare(1.0, 1.05, decimals=1).verdict == checks.CONSISTENT
    assert checks.compare(1.0, 1.0501, decimals=1).verdict != checks.CONSISTENT


def test_compare_detects_truncation():
    # 15.38 rounds to 15.4; printing 15.3 drops the digit instead of rounding
    assert checks.compare(15.3, 15.38, decimals=1).verdict == checks.TRUNCATED


def test_compare_detects_inconsistency():
    assert checks.compare(15.3, 15.5, decimals=1).verdict == checks.INCONSISTENT
    assert checks.compare(95.7, 63.5, decimals=1).verdict == checks.INCONSISTENT


def test_compare_uses_the_printed_precision():
    assert checks.compare(15, 15.07, decimals=0).verdict == checks.CONSISTENT
    assert checks.compare(15.0, 15.07, decimals=1).verdict == checks.TRUNCATED
    assert checks.compare(15.0, 15.17, decimals=1).verdict == checks.INCONSISTENT


def test_compare_slack_widens_the_tolerance():
    assert checks.compare(15.4, 15.6, decimals=1).verdict == checks.INCONSISTENT
    assert checks.compare(15.4, 15.6, decimals=1, slack=0.2).verdict == checks.CONSISTENT
    with pytest.raises(ValueError):
        checks.compare(1, 1, decimals=1, slack=-0.1)


# --- lists of shares -------------------------------------------------------------------

def test_complete_list_adds_up():
    s = checks.sums_to_100([93.4, 4.3, 2.3], decimals=1)
    assert s.verdict == checks.ADDS_UP
    assert math.isclose(s.total, 100.0)
    assert math.isclose(s.tolerance, 0.15)
    assert checks.sums_to_100([33, 23, 18, 13, 13], decimals=0).verdict == checks.ADDS_UP


def test_tolerance_follows_each_parts_precision():
    shares = [95.7, 1, 3.1]  # 99.8: within 0.05 + 0.5 + 0.05 ...
    assert checks.sums_to_100(shares, decimals=[1, 0, 1]).verdict == checks.ADDS_UP
    # ... but not if every part had one decimal (tolerance 0.15)
    assert checks.sums_to_100(shares, decimals=1).verdict == checks.DOES_NOT_ADD_UP


def test_complete_list_that_does_not_add_up():
    s = checks.sums_to_100([50.0, 30.0, 10.0], decimals=1)
    assert s.verdict == checks.DOES_NOT_ADD_UP
    assert math.isclose(s.difference, -10.0)
    assert checks.sums_to_100([60.0, 50.0], decimals=1).verdict == checks.DOES_NOT_ADD_UP


def test_partial_list_reports_its_remainder():
    s = checks.sums_to_100([68.8, 18.9, 7.2, 3.6, 0.71], decimals=[1, 1, 1, 1, 2], complete=False)
    assert s.verdict == checks.PARTIAL
    assert math.isclose(s.remainder, 0.79)
    assert math.isclose(s.tolerance, 0.205)


def test_partial_list_cannot_exceed_the_total():
    assert checks.sums_to_100([60.0, 50.0], decimals=1, complete=False).verdict == checks.EXCEEDS


def test_sum_against_a_rounded_printed_total():
    coal = [781.0, 1055.3, 1297.7]
    assert checks.sums_to(coal, 3134, decimals=1, expected_decimals=0).verdict == checks.ADDS_UP
    assert checks.sums_to(coal, 3000, decimals=1, expected_decimals=0).verdict == checks.DOES_NOT_ADD_UP
    assert math.isclose(checks.sums_to(coal, 3134, decimals=1, expected_decimals=0).tolerance, 0.65)


def test_sums_to_rejects_bad_input():
    with pytest.raises(ValueError):
        checks.sums_to_100([])
    with pytest.raises(ValueError):
        checks.sums_to_100([50, 50], decimals=[1])


def test_results_convert_to_rows():
    row = checks.compare(49.2, 49.234, decimals=1).as_dict()
    assert set(row) == {"published", "recomputed", "difference", "tolerance", "verdict"}
    assert set(checks.sums_to_100([50, 50], decimals=0).as_dict()) == {
        "total", "expected", "difference", "tolerance", "remainder", "verdict"}
