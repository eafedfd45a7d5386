"""Tables the reader can sort and search in the HTML book, and that print plain and complete in the PDF.

`table(df, caption=...)` returns one object with two representations:
- HTML: an ITables (DataTables) table. It loads no library itself and nothing from the
  network: rusregions.sphinxext copies ITables' bundle into the site's _static/ and loads it
  on every page that holds such a table (connected=False, so no request leaves the site).
- Markdown: the whole table as rusregions.tables.md_table renders it, which the PDF (LaTeX)
  build uses, as it never renders HTML.
"""
from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the Sphinx build imports this module for MARKER alone: pandas and itables load with a table
    import pandas as pd

MARKER = "rusregions-itable"  # rusregions.sphinxext loads the bundle on pages whose HTML contains it
_ids = itertools.count(1)


class Table:
    def __init__(self, df: pd.DataFrame, caption: str, floatfmt: str = ".1f", index: bool = False):
        self.df, self.caption, self.floatfmt, self.index = df, caption, floatfmt, index
        self.table_id = f"{MARKER}-{next(_ids)}"

    def __repr__(self) -> str:
        # the plain-text output stored in the notebook: stable, so re-executing an unchanged notebook changes nothing
        # (the default repr carries a memory address that differs on every run)
        return f"<interactive table: {self.caption}>"

    def _repr_html_(self) -> str:
        from itables import to_html_datatable

        df = self.df.reset_index() if self.index else self.df
        html = to_html_datatable(
            _rounded(df, self.floatfmt), caption=self.caption, table_id=self.table_id, connected=False,
            display_logo_when_loading=False, showIndex=False, classes="display compact " + MARKER,
            paging=len(df) > 25, pageLength=25, lengthMenu=[10, 25, 50, 100],
            layout={"topStart": None, "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
            language={"search": "Search this table:"}, autoWidth=False, allow_html=False,
            text_in_header_can_be_selected=False)  # a click on a column title sorts
        return f'<div class="rusregions-table-scroll">{html}</div>'

    def _repr_markdown_(self) -> str:
        from .tables import md_table

        return md_table(self.df, floatfmt=self.floatfmt, index=self.index, caption=self.caption).data


def _rounded(df: pd.DataFrame, floatfmt: str) -> pd.DataFrame:
    """Floats shown as in the PDF (same format), sorted as numbers by DataTables."""
    import pandas as pd

    digits = int(floatfmt.strip(".f")) if floatfmt.startswith(".") and floatfmt.endswith("f") else None
    if digits is None:
        return df
    return df.apply(lambda col: col.round(digits) if pd.api.types.is_float_dtype(col) else col)


def table(df: pd.DataFrame, caption: str, floatfmt: str = ".1f", index: bool = False) -> Table:
    """A sortable, searchable table in HTML; the complete plain table in the PDF."""
    if not caption:
        raise ValueError("a table needs a caption: say what it shows and where it comes from")
    return Table(df, caption, floatfmt=floatfmt, index=index)
