"""The ten chapters against axe-core, as test_browser_a11y.py checks every other page (a file of its own so that
the two pytest-xdist workers can share the pages)."""
import pytest

from test_browser import browser, site  # noqa: F401 (fixtures)
from test_browser_a11y import CHAPTERS, check_page

pytestmark = pytest.mark.browser


def test_the_chapters_are_the_ten_numbered_notebooks():
    assert [p.split("/")[1][:2] for p in CHAPTERS] == [f"{n:02d}" for n in range(1, 11)]


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_chapter_has_no_accessibility_violation(browser, site, page_path):
    check_page(browser, site, page_path)
