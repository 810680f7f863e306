"""A small Sphinx extension for the book: citation meta tags, Binder links to the chapters' sources.

* Every page gets Highwire-style ``citation_*`` meta tags (from :func:`compendium.present.citation.meta_tags`)
  describing the page as a part of the compendium (the landing page as the compendium itself),
  and, when the book has a ``site``, a canonical link; the DOIs a page mentions are kept from
  being read as the page's own (:func:`mask_dois`), so reference managers pick up the page and
  indexers make no second record of the paper.
* Citations read as in APA, with round brackets: "Lara-Escamilla et al. (2024)" (the reference
  style ``author_year_round``, which sphinxcontrib-bibtex does not ship).
* The chapters are built from executed ``.ipynb`` copies, but the repository holds them as MyST
  markdown notebooks: a launch button (present only when ``repository.url`` is set) must open
  ``chapters/<name>.md``, which Binder opens as a notebook through jupytext.
"""
from __future__ import annotations

import functools

import html
import re

from compendium.present import citation
from compendium.data import paths

SKIPPED_PAGES = {"genindex", "search", "py-modindex"}


def _title(app, pagename: str) -> str:
    node = app.env.titles.get(pagename)
    return node.astext() if node is not None else ""


def add_citation_tags(app, pagename, templatename, context, doctree):
    """Append the citation meta tags (and canonical link, with a site) of ``pagename`` to its ``metatags``."""
    if doctree is None or pagename in SKIPPED_PAGES:
        return
    meta = citation.metadata(paths.repo_root())
    record = citation.record(pagename, _title(app, pagename), meta)
    lines = [f'<meta name="{name}" content="{html.escape(value, quote=True)}" />'
             for name, value in citation.meta_tags(record)]
    if record.url:
        lines.append(f'<link rel="canonical" href="{html.escape(record.url, quote=True)}" />')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(lines) + "\n"


_TAG = re.compile(r"(<[^>]*>)")
_DOI_TEXT = re.compile(r"\b(10\.\d{4,})/")
_DOI_LINK = re.compile(r"""(href=["'][^"']*doi\.org/10\.\d{4,})/""")


def mask_dois(body: str) -> str:
    """The page's HTML with the DOIs it mentions shown and linked as before, but not detectable as its own.

    A reference manager looks for DOI patterns in a page's text and links and offers to save the
    work they name; on pages that cite the paper it would offer the paper instead of the page.
    A DOI in the text gets an invisible line-break opportunity (``<wbr>``) after its prefix, which
    splits the text node the pattern is searched in; a link to doi.org gets its slash escaped
    (``%2F``), which doi.org resolves the same. Text, copy and paste and the links are unchanged.
    """
    parts = _TAG.split(body)
    inside_code = False
    for i, part in enumerate(parts):
        if part.startswith("<"):
            if re.match(r"<(script|style)\b", part, re.I):
                inside_code = True
            elif re.match(r"</(script|style)\b", part, re.I):
                inside_code = False
            elif "doi.org/" in part:
                parts[i] = _DOI_LINK.sub(r"\1%2F", part)
        elif not inside_code:
            parts[i] = _DOI_TEXT.sub(r"\1<wbr>/", part)
    return "".join(parts)


def hide_cited_dois(app, pagename, templatename, context, doctree):
    """Apply :func:`mask_dois` to every page's body."""
    if isinstance(context.get("body"), str):
        context["body"] = mask_dois(context["body"])


def _retarget(buttons, pagename: str) -> None:
    for button in buttons or []:
        if isinstance(button, dict):
            url = button.get("url")
            # Launch links are absolute; the download button's link into _sources/ stays on the
            # .ipynb the build actually copies there.
            if isinstance(url, str) and url.startswith(("http://", "https://")) and url.endswith(f"{pagename}.ipynb"):
                button["url"] = url[: -len(".ipynb")] + ".md"
            _retarget(button.get("buttons"), pagename)


def launch_markdown_sources(app, pagename, templatename, context, doctree):
    """Point launch links at ``<page>.md`` when that is the file the repository holds."""
    if (paths.repo_root() / f"{pagename}.md").is_file():
        _retarget(context.get("header_buttons"), pagename)


def register_round_brackets() -> None:
    """Register the ``author_year_round`` reference style: author-year with round brackets."""
    import dataclasses

    from sphinxcontrib.bibtex.plugin import register_plugin
    from sphinxcontrib.bibtex.style.referencing import BracketStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    def round_brackets():
        return dataclasses.field(default_factory=lambda: BracketStyle(left="(", right=")"))

    @dataclasses.dataclass
    class AuthorYearRound(AuthorYearReferenceStyle):
        bracket_parenthetical: BracketStyle = round_brackets()
        bracket_textual: BracketStyle = round_brackets()
        bracket_author: BracketStyle = round_brackets()
        bracket_label: BracketStyle = round_brackets()
        bracket_year: BracketStyle = round_brackets()

    register_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_round", AuthorYearRound, force=True)


def remember_plugin_lookups() -> None:
    """Memoise pybtex's plugin lookup, which scans every installed entry point on each call.

    sphinxcontrib-bibtex looks a plugin up for every citation it resolves; profiling the build
    showed those scans taking about a sixth of a clean Sphinx build. Plugins are registered before
    the build starts and never change during it, so each lookup can be answered once.
    """
    import pybtex.plugin

    if not hasattr(pybtex.plugin.find_plugin, "cache_info"):
        pybtex.plugin.find_plugin = functools.lru_cache(maxsize=None)(pybtex.plugin.find_plugin)


class _DoctreeCache:
    """The build environment, but with each document's doctree unpickled once, for look-ups only."""

    def __init__(self, env):
        self._env, self._doctrees = env, {}

    def get_doctree(self, docname):
        if docname not in self._doctrees:
            self._doctrees[docname] = self._env.get_doctree(docname)
        return self._doctrees[docname]

    def __getattr__(self, name):
        return getattr(self._env, name)


def look_up_numref_targets_once() -> None:
    """Let ``{numref}`` read each target document once instead of once per reference.

    Sphinx 7 unpickles the whole target document for every ``{numref}`` only to learn what kind of
    node the label names (figure, table). The chapters' doctrees hold executed notebooks, and this
    alone took about 40% of a clean Sphinx build. The look-up only reads the tree, so a per-build
    cache of read-only trees gives the same numbers.
    """
    from sphinx.domains.std import StandardDomain

    original = StandardDomain._resolve_numref_xref
    if getattr(original, "_compendium_cached", False):
        return

    def resolve(self, env, fromdocname, builder, typ, target, node, contnode):
        cache = getattr(env, "_compendium_numref_cache", None)
        if cache is None:
            cache = env._compendium_numref_cache = _DoctreeCache(env)
        return original(self, cache, fromdocname, builder, typ, target, node, contnode)

    resolve._compendium_cached = True
    StandardDomain._resolve_numref_xref = resolve


def _forget_numref_cache(app, env, *args):
    # A new read phase may change any doctree: start the next write phase with an empty cache.
    if hasattr(env, "_compendium_numref_cache"):
        del env._compendium_numref_cache


def setup(app):
    register_round_brackets()
    remember_plugin_lookups()
    look_up_numref_targets_once()
    app.connect("env-before-read-docs", _forget_numref_cache)
    app.connect("html-page-context", add_citation_tags)
    app.connect("html-page-context", hide_cited_dois)
    app.connect("html-page-context", launch_markdown_sources, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
