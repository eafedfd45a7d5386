"""Interactive tables: sortable in HTML with nothing loaded from outside, complete in the PDF's Markdown."""
import re

import pytest

from rusregions import data, interactive


def test_html_is_an_itables_table_that_loads_nothing_itself():
    table = data.load("table_4_1")[["region_as_printed", "indicator", "measure", "value"]]
    html = interactive.table(table, caption="Table 4.1 cells.")._repr_html_()
    assert interactive.MARKER in html  # rusregions.sphinxext then loads the bundle from _static
    assert "new ITable(" in html
    assert not re.search(r"""(src|import)\s*[=(]?\s*["']https?:""", html)  # no script or module from a server
    assert "Table 4.1 cells." in html


def test_markdown_for_the_pdf_has_every_row_and_the_caption():
    table = data.load("table_4_1")[["region_as_printed", "indicator", "measure", "value"]]
    md = interactive.table(table, caption="Table 4.1 cells.")._repr_markdown_()
    body = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(body) == len(table) == 90
    assert md.rstrip().endswith("*Table 4.1 cells.*")


def test_each_table_gets_its_own_id():
    df = data.load("far_east_regions")[["region_id", "label"]]
    assert interactive.table(df, caption="a.").table_id != interactive.table(df, caption="b.").table_id


def test_a_table_without_caption_is_refused():
    with pytest.raises(ValueError, match="^a table needs a caption: say what it shows and where it comes from$"):
        interactive.table(data.load("far_east_regions"), caption="")


def test_plain_text_form_names_the_caption_not_a_memory_address():
    # The notebook stores this text; an address would change on every run and leave a diff.
    df = data.load("far_east_regions")[["region_id", "label"]]
    assert repr(interactive.table(df, caption="The regions.")) == "<rusregions.interactive.Table: The regions.>"
