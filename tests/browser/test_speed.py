"""What lets a page paint soon on a phone: little to fetch before the first paint, one stylesheet,
no script in the way, and no restyling of the whole page once it is shown.

Lighthouse (``python -m compendium bench``) scores the pages on a simulated slow phone; these tests
check, on every built page, the causes its audits found, so that they fail on the build and not
only in the benchmark.
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browsing import SCREENS, load_lazy_images
from compendium.build.book_theme import joined_stylesheets, stylesheets

# Bytes (gzip-compressed, as a web host sends them) a phone fetches before it can paint the page:
# the HTML and what its <head> makes the browser wait for. At Lighthouse's mobile 1.6 Mbit/s, 80 kB
# take 0.4 s; the theme's nine stylesheets alone were 75 kB.
FIRST_PAINT_BUDGET = 80_000
# Inline scripts in the <head> read DOCUMENTATION_OPTIONS as they run: its file may not wait.
SCRIPTS_THAT_MAY_BLOCK = {"documentation_options.js"}
HEAD = re.compile(r"<head>(.*?)</head>", re.DOTALL)
TAG = re.compile(r"<(link|script)\b([^>]*)>")
ATTRIBUTE = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?""")


def _pages(html_dir: Path, search: bool = True) -> list[Path]:
    """The pages Lighthouse audits (the root page and the chapters) and, with ``search``, the search page,
    which loads its search scripts and index in order before it can search."""
    return [html_dir / "index.html", *([html_dir / "search.html"] if search else []),
            *sorted((html_dir / "chapters").glob("*.html"))]


def _attributes(text: str) -> dict[str, str]:
    return {name.lower(): (double if double is not None else single or "") for name, double, single in ATTRIBUTE.findall(text)}


def blocking_files(page: Path) -> tuple[list[Path], list[str]]:
    """The local files a page's <head> makes the browser fetch before its first paint (stylesheets for
    every medium, scripts without ``defer`` or ``async``), and the ones it names that are not there."""
    head = HEAD.search(page.read_text(encoding="utf-8"))
    found, missing = [], []
    for kind, text in TAG.findall(head.group(1) if head else ""):
        attributes = _attributes(text)
        if kind == "link" and attributes.get("rel") == "stylesheet" and attributes.get("media", "all") == "all":
            address = attributes.get("href", "")
        elif kind == "script" and attributes.get("src") and not {"defer", "async"} & set(attributes) \
                and attributes.get("type") != "module":
            address = attributes["src"]
        else:
            continue
        target = (page.parent / unquote(urlsplit(address).path)).resolve()
        (found if target.is_file() else missing).append(target if target.is_file() else address)
    return found, missing


def test_each_page_links_at_most_one_stylesheet_for_its_first_paint(html_dir):
    problems = []
    for page in _pages(html_dir):
        files, missing = blocking_files(page)
        sheets = [f.name for f in files if f.suffix == ".css"]
        if len(sheets) > 1:
            problems.append(f"{page.name}: {len(sheets)} stylesheets before the first paint: {sheets}")
        problems += [f"{page.name}: links {address}, which is not in the site" for address in missing]
    assert not problems, "\n".join(problems)


def test_no_script_file_in_a_head_holds_up_the_page(html_dir):
    problems = [f"{page.name}: {script.name} has neither defer nor async"
                for page in _pages(html_dir, search=False) for script in blocking_files(page)[0]
                if script.suffix == ".js" and script.name not in SCRIPTS_THAT_MAY_BLOCK]
    assert not problems, "\n".join(problems)


def test_what_a_phone_fetches_before_the_first_paint_fits_the_budget(html_dir):
    sizes = {}
    for page in _pages(html_dir, search=False):
        files = [page, *blocking_files(page)[0]]
        sizes[page.name] = sum(len(gzip.compress(f.read_bytes(), compresslevel=6)) for f in files)
    over = {name: size for name, size in sizes.items() if size > FIRST_PAINT_BUDGET}
    assert not over, f"over {FIRST_PAINT_BUDGET:,} bytes (gzip) before the first paint: {over}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_is_in_the_light_or_dark_theme_before_any_script_file_runs(browser, site, scheme):
    """The head's inline script resolves the "auto" mode; the theme's script, run later, then has
    nothing to change (changing it restyles every element of a laid-out page)."""
    context = browser.new_context(color_scheme=scheme)  # a first visit: nothing stored yet
    page = context.new_page()
    page.route(re.compile(r".*\.js(\?.*)?$"), lambda route: route.abort())
    page.goto(site + "chapters/index.html", wait_until="load")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    context.close()


# The joined stylesheet draws the pages exactly as the stylesheets it joins.

LOOKS = [("chapters/index.html", "1280", "light"), ("chapters/returns.html", "390", "light"),
         ("chapters/returns.html", "1280", "dark"), ("search.html?q=NODESS", "1280", "light")]
# Every element's box and every computed style property, of the element and its ::before and ::after
# (the icons), as one fingerprint per element. A full-page screenshot of a long page is not used:
# Chromium rasterises its edges a little differently from one capture to the next.
STYLE_PRINT_JS = """() => Array.from(document.querySelectorAll('html, body, body *')).map((element) => {
  const styles = [null, '::before', '::after'].map((pseudo) => Array.from(getComputedStyle(element, pseudo)).sort()
    .map((name) => name + ':' + getComputedStyle(element, pseudo).getPropertyValue(name)).join(';'));
  const box = element.getBoundingClientRect();
  return [element.tagName + (element.id ? '#' + element.id : '') + '.' + element.className,
          [box.x, box.y + scrollY, box.width, box.height].join(','), styles.join('|')];
})"""


@pytest.mark.parametrize("path, screen, scheme", LOOKS)
def test_the_joined_stylesheet_draws_a_page_as_the_theme_stylesheets_do(browser, site, html_dir, path, screen, scheme):
    named = stylesheets.BUNDLE_FILE.findall((html_dir / urlsplit(path).path).read_text(encoding="utf-8"))
    assert len(named) == 1, f"{path} links {len(named)} joined stylesheets"
    sources = stylesheets.joined_sources((html_dir / stylesheets.BUNDLE_DIR / named[0]).read_text(encoding="utf-8"))
    assert len(sources) > 1, "the joined stylesheet names the stylesheets it joins"
    link = re.compile(r'<link rel="stylesheet" href="((?:\.\./)*)' + re.escape(f"{stylesheets.BUNDLE_DIR}/{named[0]}") + '" />')

    def unjoined(route):
        response = route.fetch()
        body = link.sub(lambda m: "\n".join(f'<link rel="stylesheet" href="{m.group(1)}{s}" />' for s in sources),
                        response.text())
        route.fulfill(response=response, body=body)

    looks = []
    for theme_stylesheets in (False, True):
        context = browser.new_context(**SCREENS[screen], color_scheme=scheme)
        page = context.new_page()
        if theme_stylesheets:
            page.route(re.compile(r".*\.html(\?.*)?$"), unjoined)
        page.goto(site + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        load_lazy_images(page)
        looks.append((page.screenshot(animations="disabled"), page.evaluate(STYLE_PRINT_JS)))
        context.close()
    (joined_shot, joined), (theme_shot, theme) = looks
    assert len(joined) == len(theme), f"{path}: {len(joined)} elements with the joined stylesheet, {len(theme)} without"
    for (name, box, style), (_, theme_box, theme_style) in zip(joined, theme):
        assert box == theme_box, f"{path} at {screen} ({scheme}): {name} at {box}, with the theme's own stylesheets {theme_box}"
        if style != theme_style:
            changed = sorted(set(style.split(";")) ^ set(theme_style.split(";")))[:6]
            pytest.fail(f"{path} at {screen} ({scheme}): {name} is styled differently: {changed}")
    # Boxes and computed styles above are compared exactly; the pixels of the first screen may differ in a few
    # anti-aliased glyph edges from one paint to the next (seen under load), so a handful of pixels is allowed.
    changed, total = _pixels_changed(joined_shot, theme_shot)
    assert changed <= total * 0.001, (f"{path} at {screen} ({scheme}): the first screen looks different "
                                      f"({changed} of {total} pixels)")


def _pixels_changed(first: bytes, second: bytes) -> tuple[int, int]:
    """How many pixels differ between two PNG screenshots of the same size, and how many there are."""
    import io

    from PIL import Image, ImageChops

    a, b = (Image.open(io.BytesIO(shot)).convert("RGB") for shot in (first, second))
    assert a.size == b.size, f"screenshots of different sizes: {a.size} and {b.size}"
    difference = ImageChops.difference(a, b).convert("L").point(lambda value: 255 if value else 0)
    return difference.histogram()[255], a.size[0] * a.size[1]


# The joining itself, on small inputs.

def test_a_rule_stays_when_the_site_can_use_it():
    css = ('/*! licence */@charset "utf-8";.used{a:1}.unused{b:2}.used .unused,div.used>p{c:3}'
           '@media (max-width:10px){.unused{d:4}.used:hover{e:5}}@font-face{font-family:x}'
           'html[data-theme="dark"] .used:not(.unused){f:6}.bs-tooltip-auto .used{g:7}#main a[href^="x,y"]{h:8}')
    names = stylesheets.site_names(['<html><div class="used" id="main"><p><a href="x">'], ["el.classList.add('shown')"])
    kept = stylesheets.purged(css, names)
    assert ".used{a:1}" in kept and ".unused{" not in kept
    assert "div.used>p{c:3}" in kept and ".used .unused" not in kept  # the selector the site can use, alone
    assert "@media (max-width:10px){.used:hover{e:5}}" in kept and "@font-face{font-family:x}" in kept
    assert 'html[data-theme="dark"] .used:not(.unused){f:6}' in kept  # what :not() excludes is not needed
    assert ".bs-tooltip-auto .used{g:7}" in kept  # Bootstrap builds these class names from pieces
    assert '#main a[href^="x,y"]{h:8}' in kept and "/*! licence */" in kept and "@charset" not in kept
    assert ".shown" in names and "shown" in names and "#shown" in names


def test_a_joined_stylesheet_finds_its_fonts_and_images_from_its_own_folder():
    css = '.a{background:url(../vendor/font.woff2)}.b{background:url("file.png")}.c{background:url(data:image/png;base64,AA)}'
    assert stylesheets.rebased(css, "_static/styles/theme.css", "_static/styles/joined.css") == css.replace(
        "url(../vendor/font.woff2)", 'url("../vendor/font.woff2")')
    moved = stylesheets.rebased(css, "_static/basic.css", "_static/styles/joined.css")
    assert 'url("../../vendor/font.woff2")' in moved and 'url("../file.png")' in moved and "url(data:image" in moved


def test_a_page_links_its_stylesheets_for_every_medium_as_one_file():
    head = ('<link href="../_static/basic.css" rel="stylesheet" />\n'
            '<link rel="stylesheet" type="text/css" href="../_static/pygments.css?v=1" />\n'
            '<link rel="stylesheet" href="../_static/print.css" media="print" />\n'
            '<link rel="icon" href="../_static/favicon.svg"/>\n'
            '<link rel="stylesheet" type="text/css" href="../_static/compendium.css?v=2" />\n')
    joined, bundle, sources = joined_stylesheets(head, "chapters/nodess", lambda name, _: "../" + name)
    assert sources == ["_static/basic.css", "_static/pygments.css", "_static/compendium.css"]
    assert bundle == stylesheets.bundle_name(sources, ["", "v=1", "v=2"])
    assert joined.startswith(f'<link rel="stylesheet" href="../{bundle}" />')
    assert 'media="print"' in joined and 'rel="icon"' in joined and "basic.css" not in joined and "pygments" not in joined
    assert stylesheets.bundle_name(sources, ["", "v=1", "v=3"]) != bundle  # a changed stylesheet, a new file
