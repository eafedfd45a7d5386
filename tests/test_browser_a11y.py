"""Every page against axe-core at desktop and phone width, in real headless Chromium (Debian's package).

The chapters are checked by test_browser_a11y_chapters.py, the other pages here: pytest-xdist gives each worker
whole files, and two files of about equal length let both workers check pages beside test_browser.py.
"""
import re
from urllib.parse import urljoin

import pytest

from conftest import toc_pages
from test_browser import PHONE, browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
VIOLATIONS_ONLY = {"resultTypes": ["violations"]}
CHAPTERS = [p for p in toc_pages() if re.fullmatch(r"chapters/\d\d_\w+", p)]


def check_page(browser, site, page_path):
    """axe-core (as shipped by axe-playwright-python), every rule, every impact level, at desktop width and
    then, in the same page resized, at phone width (the theme's layout follows the width by CSS alone).

    Every rule still checks every node; resultTypes only spares axe from building a selector for each node
    that passes (axe-core's API docs, "Performance"), which halves its time on the long tables."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(urljoin(site, f"{page_path}.html"), wait_until="networkidle")
    found = {1280: violations(page)}
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(500)  # the theme re-marks scrollable regions 300 ms after a resize (debounced)
    found[PHONE["width"]] = violations(page)
    page.close()
    assert found == {1280: [], PHONE["width"]: []}


def violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in Axe().run(page, options=VIOLATIONS_ONLY).response["violations"]]


@pytest.mark.parametrize("page_path", [p for p in toc_pages() if p not in CHAPTERS])
def test_page_has_no_accessibility_violation(browser, site, page_path):
    check_page(browser, site, page_path)


def test_the_check_finds_what_is_wrong_deep_in_a_long_table(browser):
    """The same check on a page that fails: a missing alt text and pale text in the last of 500 rows."""
    rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(499))
    page = browser.new_page()
    page.set_content(f"<!doctype html><html lang='en'><head><title>t</title></head><body><main><h1>t</h1><table>"
                     f"<tr><th>n</th><th>text</th></tr>{rows}<tr><td><img src='data:,'></td>"
                     f"<td style='color:#ccc;background:#fff'>pale</td></tr></table></main></body></html>")
    found = violations(page)
    page.close()
    assert found == [
        "color-contrast (serious): Elements must meet minimum color contrast ratio thresholds at "
        "[['tr:nth-child(501) > td:nth-child(2)']]",
        "image-alt (critical): Images must have alternative text at [['img']]"]
