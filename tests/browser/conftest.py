"""The built book as a reader meets it: served over http, opened in headless Chromium.

Fixtures:

* ``html_dir``: the book built once per session with ``compendium.build.book.build()``;
* ``site``: the base URL of a throw-away ``http.server`` on 127.0.0.1 serving ``html_dir``
  (the search page loads its index with JavaScript and needs http, not ``file://``);
* ``browser``: Debian's Chromium (``/usr/bin/chromium``, or ``$COMPENDIUM_CHROMIUM``) driven by
  Playwright; Playwright's own browser downloads are never used;
* ``visits``: every page reachable from the landing page through the sidebar, each opened once,
  with what a reader's browser reported (console errors, failed requests, images, links, text)
  and a full-page screenshot in ``_build/screenshots/``;
* ``layouts``: each of those pages again on the three screens of ``browsing.SCREENS`` (1280 px,
  1366x768, a 390 px phone), with its layout measured (``browsing.LAYOUT_JS``), the files it
  requested, and a full-page screenshot per screen (``<page>-<screen>.png``); the measurements
  are also written to ``_build/screenshots/layout.json``.

Screenshots are taken with CSS transitions finished (``animations="disabled"``): capturing a whole
page resizes the view, and a screenshot taken while the sidebar's transition ran showed the page
shifted sideways, a state no reader sees.

The tests check generic properties of every visited page, so a page added to the table of
contents is checked without editing them.
"""
from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browsing import (CHROMIUM, CHROMIUM_ARGS, LAYOUT_JS, PAGE_FACTS_JS, SCREENS, VIEWPORT, Visit, load_lazy_images,
                      open_page, screenshot_name, site_path)
from compendium.build import book
from compendium.data import paths

@pytest.fixture(scope="session")
def html_dir(_default_runs) -> Path:
    assert book.build() == 0, "the book did not build; see the captured output"
    return paths.build_dir() / "html"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the test output is for failures, not for every request
        pass


@pytest.fixture(scope="session")
def site(html_dir):
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install -y chromium) "
                    "or set COMPENDIUM_CHROMIUM; `make test` installs it", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = paths.build_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


@pytest.fixture(scope="session")
def visits(browser, site, screenshot_dir) -> dict[str, Visit]:
    """Every page reachable from the landing page of each edition through the sidebar, by site path (the Spanish
    edition's under ``es/``)."""
    context = browser.new_context(viewport=VIEWPORT)
    found: dict[str, Visit] = {}
    queue = [site, f"{site}es/"]  # each index.html redirects to its edition's root document
    while queue:
        url = queue.pop(0)
        page, errors, failed = open_page(context, url)
        path = site_path(page.url, site)
        if path in found:
            page.close()
            continue
        facts = page.evaluate(PAGE_FACTS_JS)
        shot = screenshot_dir / screenshot_name(path)
        page.screenshot(path=str(shot), full_page=True, animations="disabled")
        found[path] = Visit(url=page.url, path=path, title=facts["title"], text=facts["text"], content=facts["content"],
                            html=facts["html"],
                            images=facts["images"], links=facts["links"], console_errors=errors,
                            failed_requests=failed, screenshot=shot)
        for link in facts["sidebar"]:
            target = urljoin(link, urlsplit(link).path)  # drop the fragment
            if site_path(target, site) not in found and target not in queue:
                queue.append(target)
        page.close()
    context.close()
    return found


@pytest.fixture(scope="session")
def layouts(browser, visits, screenshot_dir) -> dict[str, dict[str, dict]]:
    """Each visited page on each screen of ``SCREENS``: screen -> site path -> layout measurements.

    Each measurement (``LAYOUT_JS``) also holds ``requests``, the URLs the page asked for, and
    ``screenshot``, the full-page screenshot taken on that screen.
    """
    measured: dict[str, dict[str, dict]] = {}
    for screen, options in SCREENS.items():
        context = browser.new_context(**options)
        measured[screen] = {}
        for path, visit in visits.items():
            page = context.new_page()
            requests = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(visit.url, wait_until="load")
            page.wait_for_load_state("networkidle")
            load_lazy_images(page)
            layout = page.evaluate(LAYOUT_JS)
            shot = screenshot_dir / screenshot_name(path, screen)
            page.screenshot(path=str(shot), full_page=True, animations="disabled")
            measured[screen][path] = {**layout, "requests": requests, "screenshot": str(shot)}
            page.close()
        context.close()
    (screenshot_dir / "layout.json").write_text(json.dumps(measured, indent=1), encoding="utf-8")
    return measured


@pytest.fixture(scope="session")
def reader(browser):
    """A fresh browser context for tests that open pages themselves (search, accessibility)."""
    context = browser.new_context(viewport=VIEWPORT)
    yield context
    context.close()
