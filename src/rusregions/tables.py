"""Tables that render as real tables in both HTML and the PDF (Markdown, not a DataFrame repr)."""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown


def md_table(df: pd.DataFrame, floatfmt: str = ".1f", index: bool = False, caption: str | None = None) -> Markdown:
    # A "|" inside a cell would end it early in Markdown.
    df = df.apply(lambda col: col.str.replace("|", "/", regex=False) if col.dtype == "string" or col.dtype == object else col)
    text = df.to_markdown(index=index, floatfmt=floatfmt)
    if caption:
        text = f"{text}\n\n*{caption}*"
    return Markdown(text)
