"""The HTML as a reader meets it, in real headless Chromium (Debian's package)."""
import functools
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
