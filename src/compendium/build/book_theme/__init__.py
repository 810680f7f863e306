"""Sphinx extension: fixes to the book theme for what a reader's browser meets.

Enabled in ``_config.yml`` (listed in ``sphinx.config.extensions``). The browser tests
(``tests/browser/``) and the page audits of the benchmark (Lighthouse, the Nu HTML checker) found
these on the pages of the Jupyter Book 1 theme, and each is fixed here rather than in a reader's head:

Accessibility and valid HTML

* **Label in Name (WCAG 2.5.3)**: the theme's search button and colour-mode switch have
  accessible names that leave out their visible text (axe-core: serious). ``templates/``
  overrides the two theme components with labels that match.
* **A list without list items** (axe-core: critical) and **deprecated ARIA**: docutils wraps
  bibliography entries in ``<div role="list">`` and gives each ``role="doc-biblioentry"``, a role
  DPUB-ARIA 1.1 deprecates. The entries are plain ``div`` s of a plain ``div``.
* **pandas' own HTML**: a data frame shown as a cell's output carries ``<style scoped>`` (not valid
  HTML), ``border="1"`` (obsolete) and an empty header cell above the index (axe-core: empty table
  header). The style block and the attribute are dropped (the theme styles tables) and the corner
  cell becomes a ``td``.
* **The page's logo outside every landmark** (axe-core: region): the sidebar's book title is put
  in a ``nav`` labelled "Book" (``templates/navbar-logo.html``).

Speed on a phone

* **Icons without fontawesome.js**: pydata-sphinx-theme loads a 1.46 MB script on every page to
  turn ``<i class="fa-...">`` into SVG. The theme's stylesheet already draws the same icons with
  the Font Awesome font, so ``templates/layout.html`` leaves the script out and, after each build,
  :func:`write_icon_assets` writes a font of just the glyphs the pages use (a few kB) that
  ``static/compendium.css`` declares in place of the theme's 156 kB one, and a copy of the theme's
  stylesheet without the rules of the 1,900 icons the pages do not use, which the pages link instead.
* **One stylesheet, of the rules the site uses**: the theme's pages link nine stylesheets (about
  450 kB), each a request that holds up a phone's first paint, and most of their rules style
  components the book never shows. After each build they are joined, in order, into one file of
  ``_static/styles/`` holding only the rules the pages or scripts can use (:mod:`.stylesheets`);
  the pages link it in their place (a stylesheet for one medium, such as print, keeps its link).
* **No restyling of the whole page on a first visit**: the theme's inline script sets the colour
  theme to "auto" and its script, once the page is laid out, to "light" or "dark", which restyles
  every element; ``templates/layout.html`` resolves "auto" in the inline script.
* **Search scripts only on the search page**: the theme loads Sphinx's search scripts and the whole
  search index in every page's ``<head>`` for search-as-you-type, which the book does not use.
* **Scripts that do not block rendering**: the page's script files load with ``defer`` (each runs
  once the page is parsed, in order), except ``documentation_options.js``, which inline scripts read,
  and those of the search page, whose own search scripts (not deferred) call them.
* **Images with their size and lazy loading**: every ``<img>`` gets ``width`` and ``height``
  (from the image file; no layout shift while it loads) and ``loading="lazy"``.
* **A description**: each page gets ``<meta name="description">`` from its "Key points" box
  (the first sentences of its points), or else its first paragraph.
* **A proper root page**: ``index.html`` at the top of the site, which Jupyter Book writes as a bare
  redirect (no doctype, title, language or icon), is a small page that sends the reader on at once.

Layout (``static/compendium.css``)

* **One search box**: pydata-sphinx-theme 0.17 puts a search button in the header unless the
  theme options name ``navbar_persistent``; the book theme expects it empty (its sidebar has the
  search box), and with the button the header stays on wide screens and covers the sidebar's title.
* **Wide tables** scroll inside their box, and their captions wrap at the visible width. A line
  before each box says that it scrolls sideways; it is in the page from the start, taking its place,
  and ``static/compendium.js`` only makes it visible when the box does scroll (no new layout of the
  page). Figure and table captions are darker and of normal weight.

Smaller fixes

* **A script declared twice**: an inline script registered through ``app.add_js_file`` reaches
  the page twice. Each page keeps one copy of each script.
* **An unset colour mode**: with no stored choice, the theme logs "Got invalid theme mode" on a
  reader's first visit. The default mode is set to ``auto`` (follow the system).
* **No favicon**: browsers ask for ``/favicon.ico`` and log a 404. The book gets a small icon.
"""
from __future__ import annotations

import html
import posixpath
import re
import struct
from pathlib import Path

from docutils import nodes

from compendium.build.book_theme import stylesheets

HERE = Path(__file__).parent
STATIC = HERE / "static"
DEFAULT_MODE = "auto"
STYLESHEET = "compendium.css"
SCRIPT = "compendium.js"
ICON_FONT = "compendium-icons.woff"
# The theme's solid icon font, as the theme copies it into the built site's _static folder.
THEME_SOLID_FONT = Path("vendor", "fontawesome", "webfonts", "fa-solid-900.ttf")
THEME_STYLESHEET = Path("styles", "pydata-sphinx-theme.css")
# The theme's stylesheet without the rules of icons the site does not use, beside it (its font URLs are relative).
THEMED_STYLESHEET = Path("styles", "compendium-theme.css")
# Inline scripts read DOCUMENTATION_OPTIONS as they run: the file that defines it cannot wait.
BLOCKING_SCRIPTS = {"_static/documentation_options.js"}
DESCRIPTION_LENGTH = 200
KEY_POINTS = "key points"


def _configure(app, config) -> None:
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    config.html_static_path = [*config.html_static_path, str(STATIC)]
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")
    config.html_context = {"default_mode": DEFAULT_MODE, **config.html_context}
    # Read by pydata-sphinx-theme at builder-inited: set here, the header gets no second search box.
    config.html_theme_options = {"navbar_persistent": [], **(config.html_theme_options or {})}


# --- scripts ---------------------------------------------------------------------------------


def unique_scripts(scripts) -> list:
    """``scripts`` with later copies of the same script (same file, or same inline body) left out.

    An inline script registered through ``app.add_js_file(None, body=...)`` reaches the page twice,
    once from the registry (file name ``''``) and once from the builder (file name ``None``).
    """
    seen, kept = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(getattr(script, "filename", script) or ""), attributes.get("body"), attributes.get("src"))
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    return kept


def deferred(script):
    """``script`` loading with ``defer``, unless it is inline, already async or deferred, or read by inline scripts."""
    from sphinx.builders.html._assets import _JavaScript

    filename = str(getattr(script, "filename", "") or "")
    attributes = dict(getattr(script, "attributes", {}) or {})
    if not filename or filename in BLOCKING_SCRIPTS or "body" in attributes or {"async", "defer"} & set(attributes):
        return script
    return _JavaScript(filename, priority=script.priority, **attributes, defer="defer")


# Pages whose template adds blocking scripts after the page's script files, which need those to have
# run (the search page's searchtools.js calls doctools.js): their scripts stay as they are.
PAGES_WITH_OWN_SCRIPTS = {"search"}


def _page_scripts(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        scripts = unique_scripts(context["script_files"])
        if pagename not in PAGES_WITH_OWN_SCRIPTS:
            scripts = [deferred(script) for script in scripts]
        context["script_files"] = scripts


# --- the page's HTML -------------------------------------------------------------------------

CITATION_LIST = '<div role="list" class="citation-list">'
PANDAS_STYLE = re.compile(r"<style scoped>.*?</style>\s*", re.DOTALL)
PANDAS_TABLE = re.compile(r'<table border="1" class="dataframe')
PANDAS_CORNER = re.compile(r"(<table class=\"dataframe[^>]*>\s*<thead>\s*<tr[^>]*>\s*)<th></th>")
IMG_TAG = re.compile(r"<img\b([^>]*?)\s*/?>")


# Boxes that scroll sideways when their table is wider than the column: each gets the line that
# says so just before it, shown by compendium.js only when the box does scroll.
SCROLLING_BOXES = re.compile(r'(<div class="(?:pst-scrollable-table-container|output text_html)">)')
SCROLL_HINT = '<p class="compendium-scroll-hint">Scroll sideways to see every column.</p>'


def clean_body(body: str) -> str:
    """The page body without the ARIA roles and pandas markup the module docstring lists."""
    body = body.replace(CITATION_LIST, '<div class="citation-list">').replace(' role="doc-biblioentry"', "")
    body = PANDAS_STYLE.sub("", body)
    body = PANDAS_TABLE.sub('<table class="dataframe', body)
    return PANDAS_CORNER.sub(r"\1<td></td>", body)


def with_scroll_hints(body: str) -> str:
    """``body`` with a (hidden) scroll cue before every box that may scroll sideways."""
    return SCROLLING_BOXES.sub(SCROLL_HINT + r"\1", body)


def image_size(path: Path) -> tuple[int, int] | None:
    """Width and height in CSS pixels of a PNG, JPEG, GIF or SVG file; None when unknown."""
    try:
        if path.suffix.lower() == ".svg":
            return _svg_size(path.read_text(encoding="utf-8", errors="replace")[:2000])
        head = path.read_bytes()[:32]
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return struct.unpack(">II", head[16:24])
        from PIL import Image

        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, struct.error):
        return None


_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _svg_size(head: str) -> tuple[int, int] | None:
    tag = re.search(r"<svg\b[^>]*>", head)
    if not tag:
        return None
    sizes = []
    for name in ("width", "height"):
        found = re.search(rf'\s{name}="([\d.]+)(px|pt|in|cm|mm)?"', tag.group(0))
        if not found:
            break
        sizes.append(round(float(found.group(1)) * _UNITS[found.group(2) or ""]))
    if len(sizes) == 2:
        return sizes[0], sizes[1]
    box = re.search(r'viewBox="[\d.\-]+[ ,]+[\d.\-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"', tag.group(0))
    return (round(float(box.group(1))), round(float(box.group(2)))) if box else None


def sized_images(body: str, size_of) -> str:
    """``body`` with ``width``, ``height``, ``loading="lazy"`` and ``decoding="async"`` on every ``<img>``.

    ``size_of(src)`` gives an image's size or None; attributes already there are kept.
    """
    def fix(match) -> str:
        attributes = match.group(1)
        src = re.search(r'\ssrc="([^"]+)"', attributes)
        if src and " width=" not in attributes and " height=" not in attributes:
            size = size_of(html.unescape(src.group(1)))
            if size:
                attributes += f' width="{size[0]}" height="{size[1]}"'
        if " loading=" not in attributes:
            attributes += ' loading="lazy"'
        if " decoding=" not in attributes:
            attributes += ' decoding="async"'
        return f"<img{attributes} />"

    return IMG_TAG.sub(fix, body)


def _image_sources(app) -> dict[str, Path]:
    """Built image name (in ``_images/``) -> the source file Sphinx copies there."""
    images = getattr(app.builder, "images", {}) or {}
    return {dest: Path(app.srcdir, source) for source, dest in images.items()}


def _page_body(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body:
        return
    sources = _image_sources(app)

    def size_of(src: str):
        name = src.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
        return image_size(sources[name]) if name in sources else None

    context["body"] = with_scroll_hints(sized_images(clean_body(body), size_of))


# --- meta description ------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?][”’\")]?\s+(?=[A-ZÁÉÍÓÚÑ“‘\"])")
# Full stops that end an abbreviation or an initial, not a sentence ("et al. (2024)", "J. Smith").
_ABBREVIATION = re.compile(r"(?:\bet al|\be\.g|\bi\.e|\bcf|\bvs|\bFigs?|\bNo|\bpp?|\b[A-Z])\.$")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (whitespace collapsed)."""
    text = " ".join(text.split())
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[start:end.start() + 1]):
            continue
        found.append(text[start:end.end()].strip())
        start = end.end()
    return found + [text[start:]] if text[start:] else found


def shortened(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def fitted(parts: list[str], limit: int = DESCRIPTION_LENGTH) -> str:
    """As many of ``parts`` (sentences) as fit in ``limit`` characters; the first always, shortened if need be."""
    chosen = parts[:1]
    for part in parts[1:]:
        if len(" ".join(chosen + [part])) > limit:
            break
        chosen.append(part)
    return shortened(" ".join(chosen), limit)


def _is_key_points(admonition) -> bool:
    title = admonition.next_node(nodes.title)
    return title is not None and title.astext().strip().lower().startswith(KEY_POINTS)


def page_description(doctree, limit: int = DESCRIPTION_LENGTH) -> str:
    """A page's description: the first sentence of each of its key points, or else its first paragraph.

    The key points are the items (or, without a list, the paragraphs) of an admonition titled
    "Key points"; the first paragraph is the first of the page's prose with at least five words.
    Whole sentences are kept while they fit in ``limit`` characters.
    """
    for admonition in doctree.findall(nodes.Admonition):
        if not _is_key_points(admonition):
            continue
        blocks = list(admonition.findall(nodes.list_item)) or \
            [p for p in admonition.findall(nodes.paragraph) if not isinstance(p.parent, nodes.title)]
        points = [found[0] for found in (sentences(block.astext()) for block in blocks) if found]
        if points:
            return fitted(points, limit)
    for paragraph in doctree.findall(nodes.paragraph):
        if _in_prose(paragraph) and len(paragraph.astext().split()) >= 5:
            return fitted(sentences(paragraph.astext()), limit)
    return ""


_NOT_PROSE = (nodes.Admonition, nodes.table, nodes.figure, nodes.citation, nodes.footnote, nodes.field_list,
              nodes.sidebar, nodes.topic)


def _in_prose(node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, _NOT_PROSE) or "cell_output" in parent.get("classes", []):
            return False
        parent = parent.parent
    return True


def _description_tag(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    description = page_description(doctree)
    if description:
        tag = f'<meta name="description" content="{html.escape(description, quote=True)}" />'
        context["metatags"] = context.get("metatags", "") + "\n" + tag + "\n"


# --- stylesheets: one file, the rules the site uses ------------------------------------------

_LINK_TAG = re.compile(r"<link\b[^>]*>")
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): next(v for v in values if v is not None) for name, *values in _ATTRIBUTE.findall(tag)}


def joined_stylesheets(head: str, pagename: str, pathto) -> tuple[str, str, list[str]]:
    """``head`` with its stylesheets of ``_static/`` (those for every medium) linked as one file; that
    file's site path; and the site paths of the stylesheets it joins, in order. ``pathto(site_path, 1)``
    makes a link from the page.

    The file itself (:func:`stylesheets.bundle_name`) is written after the build; a stylesheet for
    one medium (``media="print"``) or from elsewhere keeps its own link.
    """
    sources, versions, page_dir = [], [], posixpath.dirname(pagename)

    def replace(match) -> str:
        attributes = _attributes(match.group(0))
        href = attributes.get("href", "")
        if attributes.get("rel", "").lower() != "stylesheet" or attributes.get("media", "all") != "all" \
                or re.match(r"[a-z][a-z0-9+.-]*:|/", href, re.IGNORECASE):
            return match.group(0)
        site_path = posixpath.normpath(posixpath.join(page_dir, href.split("?")[0].split("#")[0]))
        if not site_path.startswith("_static/"):
            return match.group(0)
        sources.append(site_path)
        versions.append(href.split("?", 1)[1] if "?" in href else "")
        return "\0"  # placeholder: the first becomes the joined file's link, the others go

    marked = _LINK_TAG.sub(replace, head)
    if not sources:
        return head, "", []
    bundle = stylesheets.bundle_name(sources, versions)
    link = f'<link rel="stylesheet" href="{html.escape(pathto(bundle, 1), quote=True)}" />'
    first = marked.index("\0")
    marked = marked[:first] + link + marked[first + 1:].replace("\0", "")
    return re.sub(r"\n\s*\n(\s*\n)+", "\n", marked), bundle, sources


def _page_stylesheets(app, pagename, templatename, context, doctree) -> None:
    bundles = app.__dict__.setdefault("_compendium_bundles", {})

    def join(head: str) -> str:
        joined, bundle, sources = joined_stylesheets(str(head), pagename, context["pathto"])
        if sources:
            bundles[bundle] = sources
        return joined

    context["compendium_stylesheets"] = join


def write_stylesheet_bundles(outdir: Path, bundles: dict[str, list[str]]) -> list[Path]:
    """Write each joined stylesheet of ``bundles`` (name -> its stylesheets), keeping the rules the site uses."""
    outdir = Path(outdir)
    static = outdir / "_static"
    pages = [page.read_text(encoding="utf-8", errors="replace") for page in outdir.rglob("*.html")]
    scripts = [script.read_text(encoding="utf-8", errors="replace")
               for script in [*static.glob("*.js"), *(static / "scripts").glob("*.js")] if script.name != "fontawesome.js"]
    names = stylesheets.site_names(pages, scripts)
    written = [stylesheets.write_bundle(outdir, bundle, sources, names) for bundle, sources in bundles.items()
               if all((outdir / source).is_file() for source in sources)]
    linked = set(stylesheets.BUNDLE_FILE.findall("\n".join(pages)))
    for old in (outdir / stylesheets.BUNDLE_DIR).glob("compendium-*.css"):
        if stylesheets.BUNDLE_FILE.fullmatch(old.name) and old.name not in linked:
            old.unlink()  # joined by an earlier build from stylesheets no page links any more
    return written


# --- after the build: the root page and the icon font ----------------------------------------


def _open_label(language: str) -> str:
    from compendium.present.i18n import LANGUAGES, _

    lang = language.split("_")[0]
    return _("Open the compendium", lang if lang in LANGUAGES else "en")


def root_page(target: str, title: str, description: str, favicon: str, language: str = "en") -> str:
    """The site's ``index.html``: a real page that sends the reader to ``target`` at once, with a link for those it does not."""
    title, target_attr = html.escape(title), html.escape(target, quote=True)
    description_tag = f'<meta name="description" content="{html.escape(description, quote=True)}">\n' if description else ""
    icon_tag = f'<link rel="icon" href="{html.escape(favicon, quote=True)}">\n' if favicon else ""
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(language, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}</title>\n{description_tag}{icon_tag}"
            f'<meta http-equiv="refresh" content="0; url={target_attr}">\n</head>\n'
            f'<body>\n<main>\n<h1>{title}</h1>\n<p><a href="{target_attr}">{html.escape(_open_label(language))}</a>.</p>\n'
            f"</main>\n</body>\n</html>\n")


def _write_root_page(app, exception) -> None:
    if exception is not None or app.builder.format != "html" or app.config.root_doc == "index":
        return
    root = app.config.root_doc
    description = page_description(app.env.get_doctree(root)) if root in app.env.all_docs else ""
    favicon = f"_static/{Path(app.config.html_favicon).name}" if app.config.html_favicon else ""
    title = app.config.html_title or app.config.project
    text = root_page(f"{root}.html", title, description, favicon, app.config.language or "en")
    index = Path(app.outdir, "index.html")
    if not index.is_file() or index.read_text(encoding="utf-8") != text:
        index.write_text(text, encoding="utf-8")


_ICON_RULE = re.compile(r'((?:\.fa-[\w-]+:before,?)+)\{content:"\\([0-9a-fA-F]{2,5})"\}')
_ICON_VARIABLE = re.compile(r'--pst-icon-[\w-]+:"([\ue000-\uf8ff])"')
_ICON_CLASS = re.compile(r"\bfa-([a-z0-9-]+)")


def icon_rules(theme_css: str) -> dict[str, int]:
    """Icon name -> character, from the theme stylesheet's ``.fa-<name>:before{content:"\\f0c9"}`` rules."""
    by_name = {}
    for rule in _ICON_RULE.finditer(theme_css):
        for name in re.findall(r"\.fa-([\w-]+):before", rule.group(1)):
            by_name[name] = int(rule.group(2), 16)
    return by_name


def used_icons(theme_css: str, used_text: str) -> set[str]:
    """The icon names that the class names in ``used_text`` (pages, scripts) ask for."""
    known = icon_rules(theme_css)
    return {name for name in _ICON_CLASS.findall(used_text) if name in known}


def icon_codepoints(theme_css: str, used_text: str) -> set[int]:
    """The icon characters the pages need: the icon classes named in ``used_text``, and the
    icons the theme's stylesheet draws by itself (``--pst-icon-*``: admonitions, download links)."""
    by_name = icon_rules(theme_css)
    used = {by_name[name] for name in used_icons(theme_css, used_text)}
    return used | {ord(char) for char in _ICON_VARIABLE.findall(theme_css)}


def trimmed_stylesheet(theme_css: str, names: set[str]) -> str:
    """The theme stylesheet without the rules of icons nobody uses (about 1,900 rules, 86 kB of the 397 kB)."""
    def keep(rule) -> str:
        return rule.group(0) if set(re.findall(r"\.fa-([\w-]+):before", rule.group(1))) & names else ""

    return _ICON_RULE.sub(keep, theme_css)


def _used_text(outdir: Path) -> str:
    static = outdir / "_static"
    pages = [page.read_text(encoding="utf-8", errors="replace") for page in outdir.rglob("*.html")]
    scripts = [script.read_text(encoding="utf-8", errors="replace")
               for script in (static / "scripts").glob("*.js") if script.name != "fontawesome.js"]
    return "\n".join(pages + scripts)


def write_icon_assets(outdir: Path) -> list[Path]:
    """Write the icon font and the trimmed theme stylesheet; return the files written.

    ``_static/compendium-icons.woff`` is the theme's solid icon font cut to the icons the site uses;
    ``_static/styles/compendium-theme.css`` (``THEMED_STYLESHEET``) is the theme's stylesheet
    without the rules of the icons it does not use; the pages link it in place of the theme's.
    """
    outdir = Path(outdir)
    static = outdir / "_static"
    source, css_file = static / THEME_SOLID_FONT, static / THEME_STYLESHEET
    if not (source.is_file() and css_file.is_file()):
        return []
    theme_css, used_text = css_file.read_text(encoding="utf-8"), _used_text(outdir)
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = []
    options.name_IDs = [0, 1, 2]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(icon_codepoints(theme_css, used_text)))
    subsetter.subset(font)
    font_file, trimmed_file = static / ICON_FONT, static / THEMED_STYLESHEET
    subset.save_font(font, str(font_file), options)
    trimmed = trimmed_stylesheet(theme_css, used_icons(theme_css, used_text))
    if not trimmed_file.is_file() or trimmed_file.read_text(encoding="utf-8") != trimmed:
        trimmed_file.write_text(trimmed, encoding="utf-8")
    return [font_file, trimmed_file]


def _after_build(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        write_icon_assets(Path(app.outdir))  # first: the joined stylesheet takes the trimmed theme stylesheet
        write_stylesheet_bundles(Path(app.outdir), getattr(app, "_compendium_bundles", {}))


def setup(app):
    """Register the fixes with Sphinx."""
    app.connect("config-inited", _configure)
    app.add_css_file(STYLESHEET, priority=900)
    app.add_js_file(SCRIPT, priority=900, defer="defer")
    app.connect("html-page-context", _page_scripts, priority=900)
    app.connect("html-page-context", _page_body, priority=900)
    app.connect("html-page-context", _page_stylesheets)
    app.connect("html-page-context", _description_tag)
    app.connect("build-finished", _write_root_page)
    # After the themes' own build-finished handlers, which write pygments.css and mystnb's stylesheet.
    app.connect("build-finished", _after_build, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
