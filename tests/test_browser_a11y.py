"""Every page against axe-core at desktop and phone width, in real headless Chromium (Debian's package).

A file of its own so that pytest-xdist, which gives each worker whole files, can run it beside test_browser.py.
"""
from urllib.parse import urljoin

import pytest

from conftest import toc_pages
from test_browser import PHONE, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, PHONE["width"]])
@pytest.mark.parametrize("page_path", toc_pages())
def test_page_has_no_accessibility_violation(browser, site, page_path, width):
    """axe-core (as shipped by axe-playwright-python), every rule, every impact level."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(urljoin(site, f"{page_path}.html"), wait_until="networkidle")
    violations = Axe().run(page).response["violations"]
    page.close()
    found = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
             for v in violations]
    assert found == []
