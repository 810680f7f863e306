"""Sphinx extension: the bibliography's list in author-year style, matching the citations in the text.

Registers :func:`compendium.present.bibliography.author_year_style` as a pybtex formatting style (the
plugins sphinxcontrib-bibtex formats its lists with) under
:data:`compendium.present.bibliography.STYLE_NAME`, the ``bibtex_default_style`` of ``_config.yml``.
"""
from __future__ import annotations


def setup(app):
    from pybtex.plugin import register_plugin

    from compendium.present.bibliography import STYLE_NAME, author_year_style

    from compendium.present.i18n import LANGUAGES

    lang = getattr(app.config, "language", None) or "en"  # each edition is built by its own Sphinx process
    register_plugin("pybtex.style.formatting", STYLE_NAME, author_year_style(lang if lang in LANGUAGES else "en"),
                    force=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
