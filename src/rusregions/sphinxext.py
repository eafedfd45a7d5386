"""Sphinx extension: stamp version, git commit and build date on every page and the PDF title page.

Loaded through book/_config.yml (sphinx.extra_extensions), so the stamp comes
from one source, the VERSION file, whether the book is built by the CLI or by
`jupyter-book build book` directly.
"""
from __future__ import annotations

from .version import build_stamp


def _stamp(app, config):
    s = app.rusregions_stamp = build_stamp()  # once per build: it runs git
    config.version = config.release = s["version"]
    # default_mode: without it the theme logs a console error on a first visit (empty storage).
    config.html_context = {**config.html_context, "default_mode": "light"}
    # `today` is the date on the PDF title page; the commit goes with it.
    config.today = f'{s["date"]} (commit {s["commit"]})'


def _footer(app, pagename, templatename, context, doctree):
    """Footer with links that resolve from every page, however deep."""
    s = app.rusregions_stamp
    pdf = context["pathto"](s["pdf_name"], 1)
    catalogue = context["pathto"]("data_catalogue")
    context["theme_extra_footer"] = (
        f'Version {s["version"]} · commit <code>{s["commit"]}</code> · built {s["date"]} · '
        f'<a href="{pdf}">PDF of the report</a> · <a href="{catalogue}">data catalogue</a>')


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe adds its inline config script once per read phase; a second copy is a JS error."""
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", None) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("config-inited", _stamp)
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("html-page-context", _footer)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
