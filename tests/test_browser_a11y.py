"""Every page against axe-core at desktop and phone width, in real headless Chromium (Debian's package).

A file of its own so that pytest-xdist, which gives each worker whole files, can run it beside test_browser.py.
"""
from urllib.parse import urljoin

import pytest

from conftest import toc_pages
from test_browser import PHONE, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("page_path", toc_pages())
def test_page_has_no_accessibility_violation(browser, site, page_path):
    """axe-core (as shipped by axe-playwright-python), every rule, every impact level, at desktop width and
    then, in the same page resized, at phone width (the theme's layout follows the width by CSS alone)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(urljoin(site, f"{page_path}.html"), wait_until="networkidle")
    found = {}
    for width, height in ((1280, 900), (PHONE["width"], PHONE["height"])):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(500)  # the theme re-marks scrollable regions 300 ms after a resize (debounced)
        found[width] = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                        for v in axe.run(page).response["violations"]]
    page.close()
    assert found == {1280: [], PHONE["width"]: []}
