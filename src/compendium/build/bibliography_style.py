"""Sphinx extension: the bibliography's list in author-year style, matching the citations in the text.

Registers :func:`compendium.present.bibliography.author_year_style` as a pybtex formatting style (the
plugins sphinxcontrib-bibtex formats its lists with) under
:data:`compendium.present.bibliography.STYLE_NAME`, the ``bibtex_default_style`` of ``_config.yml``.
"""
from __future__ import annotations


def setup(app):
    from pybtex.plugin import register_plugin

    from compendium.present.bibliography import STYLE_NAMES, author_year_style

    for lang, name in STYLE_NAMES.items():  # one per edition; the Spanish edition's config names its own
        register_plugin("pybtex.style.formatting", name, author_year_style(lang), force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
