"""Helpers of the browser tests: how Chromium is started, how a page is opened and what it reports."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from compendium.data import paths

CHROMIUM = os.environ.get("COMPENDIUM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
# The three screens of the readers: a laptop, the most common laptop screen (short: 768 px tall),
# a phone. Each name is the label of the screenshots and measurements taken at that size.
SCREENS = {
    "1280": {"viewport": {"width": 1280, "height": 800}},
    "1366x768": {"viewport": {"width": 1366, "height": 768}},
    "390": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
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
    # A request the browser cancels itself (net::ERR_ABORTED: the root page's icon when its refresh
    # moves on at once) is no missing file; a missing file answers with an HTTP error, caught below.
    page.on("requestfailed", lambda request: failed.append(f"{request.url} ({request.failure})")
            if "ERR_ABORTED" not in (request.failure or "") else None)
    page.on("response", lambda response: failed.append(f"{response.url} (HTTP {response.status})")
            if response.status >= 400 else None)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    load_lazy_images(page)
    return page, errors, failed


def load_lazy_images(page) -> None:
    """Load the page's lazily loaded images now, as a reader scrolling down would, and wait for them."""
    page.evaluate("""() => Promise.all(Array.from(document.images).map(img => {
        img.loading = 'eager';
        return img.complete ? null : new Promise(done => { img.onload = img.onerror = done; });
    }))""")




def toc_documents() -> list[str]:
    """Every document the table of contents lists (root first), as site paths of their pages."""
    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))

    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    walk(toc.get("chapters"))
    return [f"{Path(doc).with_suffix('').as_posix()}.html" for doc in found]


def screenshot_name(path: str, screen: str = "") -> str:
    """The screenshot file of the page at site path ``path`` (on ``screen``, when given)."""
    stem = "".join(c if c.isalnum() else "_" for c in Path(path).with_suffix("").as_posix())
    return f"{stem}-{screen}.png" if screen else f"{stem}.png"


# What a page's layout looks like once loaded: what sticks out of the viewport, each figure's
# rendered size (and, for SVG figures, the rendered size of every piece of text in them), the
# search boxes and the sidebar's title a reader can see, captions' colours, and wide boxes.
LAYOUT_JS = r"""async () => {
  const viewportWidth = document.documentElement.clientWidth;
  const visible = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) &&
    el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0;
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const clipped = el => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const overflowing = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || clipped(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > viewportWidth + 1) overflowing.push(`${describe(el)} (right edge at ${Math.round(box.right)} px)`);
  }

  const scaleOf = node => { const m = node.getScreenCTM(); return m ? Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)) : 1; };
  const textSizes = svg => Array.from(svg.querySelectorAll('text, tspan'))
    .filter(t => Array.from(t.childNodes).some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(t => ({text: t.textContent.trim().slice(0, 40), px: parseFloat(getComputedStyle(t).fontSize) * scaleOf(t)}));
  const measureSvgFile = async (url, width, height) => {
    const source = await (await fetch(url)).text();
    const svg = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute;left:0;top:0;opacity:0;pointer-events:none';
    svg.setAttribute('width', width); svg.setAttribute('height', height);
    holder.append(document.importNode(svg, true));
    document.body.append(holder);
    const sizes = textSizes(holder.firstElementChild);
    holder.remove();
    return sizes;
  };
  const figures = [];
  for (const figure of document.querySelectorAll('.bd-article figure')) {
    const graphic = figure.querySelector('img, svg, object');
    if (!graphic) continue;
    const box = graphic.getBoundingClientRect();
    const src = graphic.currentSrc || graphic.src || graphic.data || '';
    const isSvg = graphic.tagName.toLowerCase() === 'svg' || /\.svg(\?|#|$)/i.test(src) || src.startsWith('data:image/svg+xml');
    let text = null;
    if (graphic.tagName.toLowerCase() === 'svg') text = textSizes(graphic);
    else if (isSvg && box.width > 0) text = await measureSvgFile(src, box.width, box.height);
    figures.push({id: figure.id, kind: isSvg ? 'svg' : (src.split('?')[0].split('.').pop() || graphic.tagName.toLowerCase()),
                  src: src.split('/').pop(), left: box.left, right: box.right, width: box.width, height: box.height,
                  naturalWidth: graphic.naturalWidth || null, text});
  }

  const searchBoxes = Array.from(document.querySelectorAll('.search-button-field, .search-button, form.bd-search'))
    .filter(el => visible(el) && el.getBoundingClientRect().bottom > 0 && el.getBoundingClientRect().top < innerHeight)
    .map(describe);
  const title = document.querySelector('.bd-sidebar-primary .logo__title');
  let titleState = 'absent';
  if (title) {
    const box = title.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 10));
    titleState = !visible(title) ? 'hidden' : box.top < 0 || box.bottom > innerHeight ? `outside the window (top ${Math.round(box.top)} px)`
      : hit && (title.contains(hit) || hit.contains(title)) ? 'visible' : `covered by ${hit ? describe(hit) : 'nothing'}`;
  }

  const rgb = value => (value.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const backgroundOf = el => {
    for (let p = el; p; p = p.parentElement) {
      const color = rgb(getComputedStyle(p).backgroundColor);
      if (color.length >= 3 && (color.length < 4 || color[3] > 0)) return color;
    }
    return [255, 255, 255];
  };
  const captions = Array.from(document.querySelectorAll('.bd-article figcaption, .bd-article table > caption'))
    .filter(visible).map(el => {
      const style = getComputedStyle(el);
      const [fg, bg] = [luminance(rgb(style.color)), luminance(backgroundOf(el))];
      const box = el.getBoundingClientRect(), holder = el.closest('.pst-scrollable-table-container');
      return {caption: (el.textContent || '').trim().slice(0, 40), contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05),
              weight: Number(style.fontWeight), right: box.right,
              boxRight: holder ? holder.getBoundingClientRect().right : viewportWidth};
    });

  const wideBoxes = Array.from(document.querySelectorAll('.pst-scrollable-table-container, div.cell_output .output'))
    .filter(el => visible(el) && el.scrollWidth > el.clientWidth + 1)
    .map(el => ({box: describe(el), hint: !!(el.previousElementSibling && el.previousElementSibling.classList.contains('compendium-scroll-hint')
                 && visible(el.previousElementSibling))}));

  return {viewportWidth, scrollWidth: document.documentElement.scrollWidth, overflowing, figures, searchBoxes,
          titleState, captions, wideBoxes};
}"""
