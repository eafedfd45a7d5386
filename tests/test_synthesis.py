"""Placing data rows in periods (synthesis chapter)."""
from rusregions import synthesis

BINS = [("before 1990", None, 1989), ("1990s", 1990, 1999), ("2000s", 2000, None)]


def test_a_row_counts_in_every_period_its_years_touch():
    assert synthesis.row_bins([1995], BINS) == ["1990s"]
    assert synthesis.row_bins([1985, 2003], BINS) == ["before 1990", "1990s", "2000s"]
    assert synthesis.row_bins([1999, 2000], BINS) == ["1990s", "2000s"]
    assert synthesis.row_bins([], BINS) == [synthesis.UNDATED]


def test_every_source_row_is_placed():
    frames, own = synthesis.source_frames()
    assert own and not set(own) & set(frames)
    rec = synthesis.rows_by_bin(frames, BINS)
    assert rec.drop_duplicates(["resource", "id"]).shape[0] >= max(len(df) for df in frames.values())
    assert set(rec.bin) <= {b[0] for b in BINS} | {synthesis.UNDATED}
