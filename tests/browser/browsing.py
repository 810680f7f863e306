"""Helpers of the browser tests: how Chromium is started, how a page is opened and what it reports."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("COMPENDIUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
SIDEBAR_LINKS = "nav.bd-docs-nav a.reference.internal"

# What a page reports about itself once loaded: every image and every link, as the browser resolved them.
PAGE_FACTS_JS = """() => ({
  title: document.title,
  text: (document.querySelector('main') || document.body).innerText,
  content: (document.querySelector('main') || document.body).textContent,
  html: document.documentElement.outerHTML,
  images: Array.from(document.images).map(img => ({
    src: img.currentSrc || img.src, alt: img.getAttribute('alt'),
    complete: img.complete, naturalWidth: img.naturalWidth})),
  links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
  sidebar: Array.from(document.querySelectorAll(%r)).map(a => a.href),
})""" % SIDEBAR_LINKS


@dataclass
class Visit:
    """One page as the browser saw it."""

    url: str
    path: str  # relative to the site root, e.g. "chapters/nodess.html"
    title: str = ""
    text: str = ""  # what is visible (innerText)
    content: str = ""  # all text, including collapsed parts a reader can open (textContent)
    html: str = ""
    images: list = field(default_factory=list)
    links: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    failed_requests: list = field(default_factory=list)
    screenshot: Path | None = None


def site_path(url: str, site: str) -> str:
    """The path of ``url`` inside the site (no query, no fragment), '' for another origin."""
    if not url.startswith(site):
        return ""
    return urlsplit(url).path.lstrip("/")


def open_page(context, url: str):
    """Open ``url`` in a new page of ``context``; return the page and the console errors and failed requests it logs."""
    page = context.new_page()
    errors, failed = [], []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, errors, failed


