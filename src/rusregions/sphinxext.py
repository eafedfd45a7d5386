"""Sphinx extension: the stamp (version, git commit, build date) on every page and the PDF title page,
and the reader's experience: interactive tables served by the site, accessible roles, HTML-only
appendices, and PDF tables that wrap within the page.

Loaded through book/_config.yml (sphinx.extra_extensions), so the stamp comes
from one source, the VERSION file, whether the book is built by the CLI or by
`jupyter-book build book` directly.
"""
from __future__ import annotations

import re

import shutil
from pathlib import Path

from .version import build_stamp

ITABLES_DIR = "itables"  # under the site's _static/
HTML_ONLY = {"data_catalogue": "Data catalogue"}  # appendices the PDF names and links to, without their body


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


def _aria_roles(app, pagename, templatename, context, doctree):
    """docutils marks bibliography entries doc-biblioentry (deprecated in DPUB-ARIA 1.1) inside role=list:
    screen readers then find a list without items. They are list items."""
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe adds its inline config script once per read phase; a second copy is a JS error."""
    seen, kept = set(), []
    for script in context.get("script_files", []):
        key = (getattr(script, "filename", None) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def _itables_names() -> tuple[str, str]:
    """The global promise and the ready event that ITables' offline tables wait for."""
    from itables.javascript import _itables_ready_event, _itables_underscore_version

    return _itables_underscore_version(), _itables_ready_event()


def _itables_page(app, pagename, templatename, context, doctree):
    """Pages with an interactive table load ITables' bundle from this site, never from the network."""
    from .interactive import MARKER

    if MARKER in context.get("body", ""):
        app.add_js_file(f"{ITABLES_DIR}/loader.js", type="module")
        app.add_css_file(f"{ITABLES_DIR}/dt_bundle.css")


def _itables_files(app, exception):
    """Copy ITables' DataTables bundle into _static/ with a loader that imports it relative to itself."""
    if exception or app.builder.format != "html":
        return
    import itables

    dest = Path(app.outdir) / "_static" / ITABLES_DIR
    dest.mkdir(parents=True, exist_ok=True)
    src = Path(itables.__file__).parent / "html"
    for name in ("dt_bundle.js", "dt_bundle.css"):
        shutil.copyfile(src / name, dest / name)
    promise, event = _itables_names()
    (dest / "loader.js").write_text(
        "// Written by rusregions.sphinxext: the tables' library, served by this site.\n"
        f'window.{promise} = import(new URL("dt_bundle.js", import.meta.url).href);\n'
        f'window.{promise}.then(() => window.dispatchEvent(new Event("{event}")));\n', encoding="utf-8")


def _html_only_in_pdf(app, doctree, docname):
    """In the PDF an HTML-only appendix keeps its heading; its body becomes a sentence linking to the page."""
    if app.builder.format != "latex":
        return
    from docutils import nodes
    from sphinx import addnodes

    for start in doctree.findall(addnodes.start_of_file):
        if start.get("docname") not in HTML_ONLY:
            continue
        section = start.next_node(nodes.section)
        if section is None:
            continue
        target = f'{start["docname"]}.html'
        for child in list(section.children[1:]):
            section.remove(child)
        para = nodes.paragraph()
        para += nodes.Text(f"The {HTML_ONLY[start['docname']].lower()} is an appendix of the HTML edition only: "
                           "page ")
        para += nodes.reference("", target, refuri=target)
        para += nodes.Text(" of the report's website, beside this PDF (also in the release's HTML zip). "
                           "It lists every data file with its fields, units, checksum and source notes, "
                           "generated from data/datapackage.json.")
        section += para


LINE_CHARS = 80  # about what one line of the PDF holds at the table font size


# A wide character at the table font; a cell's padding (twice the 4pt tabcolsep set in book/_config.yml); text width.
CHAR_PT, PAD_PT, TEXT_PT = 6.0, 9.0, 420.0


def _column_weights(longest: list[int], word: list[int]) -> list[int]:
    """Column widths in thousandths of the line: in proportion to the content (long text wraps at 40
    characters), but never narrower than the column's longest word plus the cell's padding."""
    minimum = [(w * CHAR_PT + PAD_PT) / TEXT_PT for w in word]
    if sum(minimum) >= 1:  # too many long words to fit: widths in proportion to them
        return [max(1, round(1000 * m / sum(minimum))) for m in minimum]
    share = [min(n, 40) + 3 for n in longest]
    fixed: set[int] = set()
    while True:  # columns below their minimum get it; the others share what is left
        free = [i for i in range(len(share)) if i not in fixed]
        room = 1 - sum(minimum[i] for i in fixed)
        total = sum(share[i] for i in free) or 1
        frac = {i: (minimum[i] if i in fixed else room * share[i] / total) for i in range(len(share))}
        short = [i for i in free if frac[i] < minimum[i]]
        if not short:
            break
        fixed.update(short)
    return [max(1, round(1000 * frac[i])) for i in range(len(share))]


# In a table, an identifier such as event_id=league_of_nations_formed may break after "_", "=" and "/":
# otherwise one long id squeezes every other column of a narrow PDF table.
BREAKS = re.compile(r"\s+|(?<=[_=/])")


def _allow_breaks(entry) -> None:
    """Let LaTeX break an identifier after '_', '=' or '/' in this table cell (PDF only)."""
    from docutils import nodes

    for text in list(entry.findall(nodes.Text)):
        if not re.search(r"[_=/]\S", text) or isinstance(text.parent, (nodes.literal, nodes.raw)):
            continue
        parts = re.split(r"(?<=[_=/])(?=\S)", str(text))
        new = []
        for k, part in enumerate(parts):
            new.append(nodes.Text(part))
            if k < len(parts) - 1:
                new.append(nodes.raw("", r"\allowbreak{}", format="latex"))
        text.parent.replace(text, new)


def _latex_table_widths(app, doctree, docname):
    """Wide tables wrap inside the PDF's text width instead of running off the page.

    Sphinx sets long tables (over 30 rows) in `l` columns that never wrap; tabulary can overflow too.
    For a table whose text would not fit on one line, give each column a width in proportion to its
    content (Sphinx's `colwidths-given`): every column becomes a wrapping paragraph column.
    """
    if app.builder.format != "latex":
        return
    from docutils import nodes

    for table in doctree.findall(nodes.table):
        tgroup = next(table.findall(nodes.tgroup), None)
        if tgroup is None:
            continue
        colspecs = [c for c in tgroup.children if isinstance(c, nodes.colspec)]
        longest = [0] * len(colspecs)
        word = [0] * len(colspecs)
        for row in tgroup.findall(nodes.row):
            for i, entry in enumerate(e for e in row.children if isinstance(e, nodes.entry)):
                if i < len(colspecs):
                    text = entry.astext()
                    longest[i] = max(longest[i], len(text))
                    word[i] = max([word[i]] + [len(w) for w in BREAKS.split(text)])
                    _allow_breaks(entry)
        if sum(longest) <= LINE_CHARS:
            continue
        weights = _column_weights(longest, word)
        for colspec, weight in zip(colspecs, weights):
            colspec["colwidth"] = weight
        if "colwidths-given" not in table["classes"]:
            table["classes"].append("colwidths-given")


def _pybtex_plugins_once() -> None:
    """Register pybtex's installed plugins as runtime plugins, which it looks up first.

    Otherwise pybtex scans every installed package's metadata each time it looks a plugin up, and
    sphinxcontrib-bibtex looks one up for every citation it resolves: about 450 scans, a third of a cold
    build's Sphinx time. Installed plugins cannot change during a build."""
    from importlib.metadata import distributions

    from pybtex.plugin import register_plugin

    for ep in {(ep.group, ep.name): ep for d in distributions() for ep in d.entry_points
               if ep.group.startswith("pybtex.")}.values():
        register_plugin(ep.group, ep.name, ep.load(), force=True)


def setup(app):
    _pybtex_plugins_once()
    app.connect("config-inited", _stamp)
    app.connect("html-page-context", _dedupe_scripts)
    app.connect("html-page-context", _footer)
    app.connect("html-page-context", _aria_roles)
    app.connect("html-page-context", _itables_page, priority=400)  # before _dedupe_scripts copies the list
    app.connect("build-finished", _itables_files)
    app.connect("doctree-resolved", _html_only_in_pdf)
    app.connect("doctree-resolved", _latex_table_widths)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
