"""A small Sphinx extension for the book: citation meta tags, Binder links to the chapters' sources.

* Every page gets Highwire-style ``citation_*`` meta tags (from :func:`compendium.citation.meta_tags`)
  describing the page as a chapter of the compendium (the landing page as the compendium itself),
  so reference managers pick up the chapter and indexers make no second record of the paper.
* Citations read as in APA, with round brackets: "Lara-Escamilla et al. (2024)" (the reference
  style ``author_year_round``, which sphinxcontrib-bibtex does not ship).
* The chapters are built from executed ``.ipynb`` copies, but the repository holds them as MyST
  markdown notebooks: a launch button (present only when ``repository.url`` is set) must open
  ``chapters/<name>.md``, which Binder opens as a notebook through jupytext.
"""
from __future__ import annotations

import html

from . import citation, paths

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
    tags = citation.meta_tags(_title(app, pagename), meta, whole_book=whole_book)
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


def setup(app):
    register_round_brackets()
    app.connect("html-page-context", add_citation_tags)
    app.connect("html-page-context", launch_markdown_sources, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
