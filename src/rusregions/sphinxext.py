"""Sphinx extension: stamp version, git commit and build date on every page and the PDF title page.

Loaded through book/_config.yml (sphinx.extra_extensions), so the stamp comes
from one source, the VERSION file, whether the book is built by the CLI or by
`jupyter-book build book` directly.
"""
from __future__ import annotations

from .version import build_stamp


def _stamp(app, config):
    s = build_stamp()
    config.version = config.release = s["version"]
    footer = (f'Version {s["version"]} · commit <code>{s["commit"]}</code> · built {s["date"]} · '
              f'<a href="{s["pdf_name"]}">PDF</a> · <a href="data_catalogue.html">data</a>')
    config.html_theme_options = {**config.html_theme_options, "extra_footer": footer}
    config.html_context = {**config.html_context, "rusregions_stamp": s}
    # `today` is the date on the PDF title page; the commit goes with it.
    config.today = f'{s["date"]} (commit {s["commit"]})'


def setup(app):
    app.connect("config-inited", _stamp)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
