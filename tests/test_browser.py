"""The HTML as a reader meets it, in real headless Chromium (Debian's package)."""
import functools
import re
import http.server
import threading
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT, toc_pages

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "_build" / "screenshots"


@pytest.fixture(scope="module")
def site(built_book):
    handler = functools.partial(_QuietHandler, directory=str(built_book["html"]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run `make setup` as root")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


@pytest.mark.parametrize("page_path", toc_pages())
def test_page_loads_cleanly(browser, site, page_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) and
            not r.url.startswith("data:") else None)
    url = urljoin(site, f"{page_path}.html")
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200
    heading = page.locator("main h1").first.inner_text().strip().rstrip("#").strip()
    assert heading and heading in page.title()
    assert errors == []
    assert outside == []
    broken_images = page.evaluate(
        "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    assert broken_images == []
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    for link in {l.split("#")[0] for l in links if l.startswith(site)}:
        target = ROOT / "_build" / "html" / urlparse(link).path.lstrip("/")
        if link.endswith("/"):
            target = target / "index.html"
        assert target.exists(), f"{page_path}: broken link {link}"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{page_path.replace('/', '__')}.png"), full_page=False)
    page.close()


# --- accessibility, phones, interactive tables ------------------------------------------------

PHONE = {"width": 390, "height": 844}


# Text that is cut off on a phone: wider than its own box (no wrapping) or than the screen, outside any box that
# scrolls sideways on purpose (wide tables, code).
_CLIPPED_JS = """() => {
  const vw = document.documentElement.clientWidth;
  const scrolls = el => { for (let e = el; e; e = e.parentElement) {
      const o = getComputedStyle(e).overflowX; if ((o === 'auto' || o === 'scroll') && e.clientWidth < vw) return true; }
    return false; };
  const out = [];
  const sel = ['h1', 'h2', 'h3', 'h4', 'p', 'li', 'figcaption', 'caption'].map(t => 'article ' + t).join(', ');
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || scrolls(el)) continue;
    if (el.scrollWidth > el.clientWidth + 1 || r.right > vw + 1)
      out.push(el.tagName + ': ' + el.innerText.slice(0, 60));
  }
  return {pageWidth: document.documentElement.scrollWidth, viewport: vw, clipped: out};
}"""


@pytest.mark.parametrize("page_path", toc_pages())
def test_on_a_phone_no_text_is_clipped_and_the_page_does_not_scroll_sideways(browser, site, page_path):
    page = browser.new_page(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page.goto(urljoin(site, f"{page_path}.html"), wait_until="networkidle")
    found = page.evaluate(_CLIPPED_JS)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone__{page_path.replace('/', '__')}.png"), full_page=False)
    page.close()
    assert found["clipped"] == []
    assert found["pageWidth"] <= found["viewport"]


def test_the_index_chapter_title_wraps_whole_on_a_phone(browser, site):
    page = browser.new_page(viewport=PHONE, is_mobile=True)
    page.goto(urljoin(site, "chapters/01_index_tables.html"), wait_until="networkidle")
    h1 = page.locator("main h1:visible").first
    box = h1.bounding_box()
    assert "internationalization" in h1.inner_text()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("h => h.scrollWidth <= h.clientWidth", h1.element_handle())
    page.close()


def test_interactive_table_sorts_and_searches_with_nothing_from_outside(browser, site):
    """The data catalogue's overview table (rusregions.interactive): ITables served by the site itself."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(site) and
            not r.url.startswith(("data:", "blob:")) else None)
    page.goto(urljoin(site, "data_catalogue.html"), wait_until="networkidle")
    table = page.locator("table.dataTable")
    table.wait_for(timeout=15000)
    n_resources = page.evaluate("() => document.querySelectorAll('main section > h2').length")
    rows = table.locator("tbody tr")
    assert rows.count() == min(n_resources, 25)  # 25 rows a page
    page.locator(".dt-search input").fill("crosswalk")
    page.wait_for_timeout(300)
    assert rows.count() == 1 and "boundaries_crosswalk" in rows.first.inner_text()
    page.locator(".dt-search input").fill("")
    table.locator("thead th").nth(2).click()  # the column "rows": ascending
    page.wait_for_timeout(300)
    assert table.locator("thead th").nth(2).inner_text().strip() == "rows"
    counts = [int(t) for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]
    assert counts == sorted(counts) and len(counts) > 1
    page.close()
    assert outside == []


def test_every_image_has_a_sentence_for_alt_text(browser, site):
    """Alt text says what a figure shows, as a sentence; a file name or an empty alt tells a blind reader nothing."""
    bad = []
    page = browser.new_page()
    for page_path in toc_pages():
        page.goto(urljoin(site, f"{page_path}.html"), wait_until="load")
        for alt, src in page.evaluate(
                "() => Array.from(document.querySelectorAll('main img')).map(i => [i.getAttribute('alt'), i.src])"):
            alt = (alt or "").strip()
            file_like = re.search(r"\.(png|jpe?g|svg|gif)\b|^_|^[\w./\\\\-]+$", alt)  # a path or a bare name
            if len(alt.split()) < 4 or file_like or not alt[0].isupper() or alt[-1] not in ".!?":
                bad.append(f"{page_path}: {src.rsplit('/', 1)[-1]} alt={alt!r}")
    page.close()
    assert bad == []


def test_chapter_figures_are_numbered_maps_included_each_with_its_data(browser, site):
    """Chapter 1 as a reader meets it: numbered figures (the maps among them), each offering exactly its CSV."""
    import re

    import nbformat

    nb = nbformat.read(ROOT / "chapters" / "01_index_tables.ipynb", as_version=4)
    text = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells if c.cell_type == "code"
                   for o in c.get("outputs", []))
    names = re.findall(r":name: (fig-[a-z0-9-]+)", text)
    assert {"fig-locator", "fig-index-map-per-capita", "fig-index-map-overall"} <= set(names)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(urljoin(site, "chapters/01_index_tables.html"), wait_until="networkidle")
    figures = page.evaluate("""Array.from(document.querySelectorAll('figure[id^="fig-"]')).map(f => ({
        id: f.id, number: (f.querySelector('.caption-number') || {}).textContent || '',
        alt: (f.querySelector('img') || {}).alt || '',
        csv: Array.from(f.querySelectorAll('figcaption a')).map(a => a.href).filter(h => h.endsWith('.csv'))}))""")
    assert [f["id"] for f in figures] == names
    numbers = [f["number"].strip() for f in figures]
    assert all(re.fullmatch(r"Fig\. [\d.]+", n) for n in numbers) and len(set(numbers)) == len(numbers), numbers
    assert next(f for f in figures if f["id"] == "fig-locator")["alt"].startswith("A map of Russia")
    for f in figures:
        assert len(f["csv"]) == 1, f
        response = page.request.get(f["csv"][0])
        assert response.status == 200
        assert response.text() == (ROOT / "chapters" / "figure_data" / f"{f['id']}.csv").read_text(encoding="utf-8")
    assert page.locator("table.rusregions-itable").count() >= 1  # Table 4.1 sorts and searches
    page.close()
