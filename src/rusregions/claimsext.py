"""Sphinx roles that show the evidence behind a sentence.

{claim}`ID` renders a small bracketed link to the claim's entry in the claims ledger
(book/claims_ledger.md), which shows the source passage and page. {outside}`ID` marks a
fact from outside the sources with a dagger (†, visible in HTML and PDF) linking to its
entry on "Beyond the sources". An unknown ID is an unresolved reference: a strict build fails.
"""
from __future__ import annotations

from docutils import nodes
from sphinx import addnodes


def _link(label: str, text: str, css: str, lineno: int, inliner):
    ref = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget=label, refexplicit=True,
                                refwarn=True, refdoc=inliner.document.settings.env.docname)
    ref += nodes.inline(text, text)
    ref.line = lineno
    # Sphinx replaces the classes of the link text when it resolves the reference: style the wrapper.
    wrapper = nodes.inline(classes=[css])
    wrapper += ref
    return wrapper


def claim_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    cid = text.strip()
    return [_link(f"claim-{cid}", f"[{cid}]", "claim-ref", lineno, inliner)], []


def outside_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    cid = text.strip()
    return [_link(f"outside-{cid}", "†", "outside-ref", lineno, inliner)], []


CSS = """
.claim-ref { font-size: 0.7em; vertical-align: super; color: #6c757d; white-space: nowrap; }
.outside-ref { font-weight: bold; color: #b35900; }
"""


def _css(app):
    if app.builder.format == "html":
        import os

        static = os.path.join(app.outdir, "_static")
        os.makedirs(static, exist_ok=True)
        with open(os.path.join(static, "rusregions-claims.css"), "w", encoding="utf-8") as fh:
            fh.write(CSS)


def setup(app):
    app.add_role("claim", claim_role)
    app.add_role("outside", outside_role)
    app.add_css_file("rusregions-claims.css")
    app.connect("builder-inited", _css)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
