"""Sphinx extension for the two editions: a language switch on every page, hreflang links, outputs kept as shown.

* The English edition is the root of ``_build/html``, the Spanish one ``_build/html/es/``. Every
  page links the same page of the other edition (relative links, so the book works from disk)
  with a switch at the top of the article, and names both in ``<link rel="alternate"
  hreflang>`` tags; ``<html lang>`` follows the ``language`` of the build.
* A chapter's outputs (tables, data blocks, glued furniture) are already in the edition's
  language (:mod:`compendium.build.editions`), and hold numbers that must never become
  messages of a catalogue: the text inside a cell's outputs is marked untranslatable, before
  Sphinx's translation and its message extraction see it. A figure's caption and an image's
  alt text come from the cell's metadata, in English, and are translated like the prose.
"""
from __future__ import annotations

import html

from docutils import nodes
from sphinx.transforms import SphinxTransform

from compendium.present.i18n import LANGUAGES, _, gettext_noop

EDITION_FOLDER = {"en": "", "es": "es/"}
"""Where each edition lives under ``_build/html``."""
SWITCH_LABELS = {"en": "Read this page in English", "es": "Leer esta página en español"}
"""Each switch in the language it leads to, so that its reader recognises it."""
SWITCH_CLASS = "compendium-language-switch"


def edition_language(app) -> str:
    """The edition a build makes: its ``language`` (English unless it is one of the others)."""
    language = (app.config.language or "en").split("_")[0]
    return language if language in LANGUAGES else "en"


def page_link(pagename: str, from_lang: str, to_lang: str) -> str:
    """The relative link from ``pagename`` in the ``from_lang`` edition to the same page in ``to_lang``."""
    up = "../" * pagename.count("/") + ("../" if EDITION_FOLDER[from_lang] else "")
    return f"{up}{EDITION_FOLDER[to_lang]}{pagename}.html"


class KeepOutputsAsShown(SphinxTransform):
    """Mark the text of every notebook cell output untranslatable (a figure's caption stays translatable)."""

    default_priority = 10  # before sphinx.transforms.i18n.Locale (20)

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if container.get("nb_element") != "cell_code_output":
                continue
            for node in container.findall(nodes.TextElement):
                if isinstance(node, nodes.caption) and isinstance(node.parent, nodes.figure):
                    continue
                if any(isinstance(a, nodes.caption) and isinstance(a.parent, nodes.figure) for a in _ancestors(node)):
                    continue
                node["translatable"] = False


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def add_language_links(app, pagename, templatename, context, doctree):
    """The hreflang links in the head and, on pages with content, the switch at the top of the article."""
    here = edition_language(app)
    links = "\n".join(f'<link rel="alternate" hreflang="{lang}" href="{html.escape(page_link(pagename, here, lang))}" />'
                      for lang in LANGUAGES)
    context["metatags"] = context.get("metatags", "") + "\n" + links + "\n"
    if "body" not in context or doctree is None:
        return
    switches = []
    for lang in LANGUAGES:
        if lang == here:
            continue
        label = SWITCH_LABELS[lang]
        switches.append(f'<a href="{html.escape(page_link(pagename, here, lang))}" hreflang="{lang}" lang="{lang}">'
                        f'{html.escape(label)}</a>')
    aria = html.escape(_("Language", here))
    context["body"] = (f'<nav class="{SWITCH_CLASS}" aria-label="{aria}">' + " · ".join(switches) + "</nav>\n"
                       + context["body"])


THEME_WORDS = (gettext_noop("Scroll sideways to see every column."),)
"""Words the book's theme (:mod:`compendium.build.book_theme`) writes into a page's body, in English."""


def translate_theme_words(app, pagename, templatename, context, doctree):
    """The theme's own words in the edition's language (after the theme has written them into the body)."""
    lang = edition_language(app)
    if lang == "en" or "body" not in context:
        return
    for english in THEME_WORDS:
        context["body"] = context["body"].replace(english, html.escape(_(english, lang)))


def reference_style(name: str, lang: str) -> str:
    """The citation style of the text in ``lang``: ``author_year_round`` becomes ``author_year_round_es``, which
    joins two authors with "y" ("Nava y López (2024)")."""
    return name if lang == "en" else f"{name}_{lang}"


def register_reference_styles(app) -> None:
    """Register the Spanish variant of the reference style the English edition uses (its authors joined by "y")."""
    import dataclasses

    from sphinxcontrib.bibtex.plugin import find_plugin, register_plugin
    from sphinxcontrib.bibtex.style.referencing import PersonStyle

    group = "sphinxcontrib.bibtex.style.referencing"
    name = app.config.bibtex_reference_style
    for lang in LANGUAGES[1:]:
        if name.endswith(f"_{lang}"):
            name = name[: -len(lang) - 1]
    english = find_plugin(group, name)
    for lang in LANGUAGES[1:]:
        joined = f" {_('and', lang)} "
        person = dataclasses.field(default_factory=lambda joined=joined: PersonStyle(sep2=joined, last_sep=joined))
        style = dataclasses.make_dataclass(f"{english.__name__}_{lang}", [("person", PersonStyle, person)],
                                           bases=(english,))
        register_plugin(group, reference_style(name, lang), style, force=True)


def setup(app):
    app.connect("config-inited", lambda app, config: register_reference_styles(app))
    app.add_transform(KeepOutputsAsShown)
    app.connect("html-page-context", add_language_links)
    app.connect("html-page-context", translate_theme_words, priority=950)  # the theme writes its words at 900
    return {"parallel_read_safe": True, "parallel_write_safe": True}
