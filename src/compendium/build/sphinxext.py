"""A small Sphinx extension for the book: citation meta tags, Binder links to the chapters' sources.

* Every page gets Highwire-style ``citation_*`` meta tags (from :func:`compendium.present.citation.meta_tags`)
  describing the page as a chapter of the compendium (the landing page as the compendium itself),
  so reference managers pick up the chapter and indexers make no second record of the paper.
* Citations read as in APA, with round brackets: "Lara-Escamilla et al. (2024)" (the reference
  style ``author_year_round``, which sphinxcontrib-bibtex does not ship).
* The chapters are built from executed ``.ipynb`` copies, but the repository holds them as MyST
  markdown notebooks: a launch button (present only when ``repository.url`` is set) must open
  ``chapters/<name>.md``, which Binder opens as a notebook through jupytext.
"""
from __future__ import annotations

import functools

import html

from compendium.present import citation
from compendium.data import paths

SKIPPED_PAGES = {"genindex", "search", "py-modindex"}


def _title(app, pagename: str) -> str:
    node = app.env.titles.get(pagename)
    return node.astext() if node is not None else ""


def add_citation_tags(app, pagename, templatename, context, doctree):
    """Append the citation meta tags of ``pagename`` to the page's ``metatags``."""
    if doctree is None or pagename in SKIPPED_PAGES:
        return
    meta = citation.metadata(paths.repo_root())
    whole_book = pagename == app.config.root_doc
    language = (app.config.language or "en").split("_")[0]  # the edition: en or es
    tags = citation.meta_tags(_title(app, pagename), meta, whole_book=whole_book, lang=language)
    lines = "\n".join(f'<meta name="{name}" content="{html.escape(value, quote=True)}" />' for name, value in tags)
    context["metatags"] = context.get("metatags", "") + "\n" + lines + "\n"


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
    app.connect("html-page-context", launch_markdown_sources, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
