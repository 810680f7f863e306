"""Sphinx extension: fixes to the book theme for what a reader's browser meets.

Enabled in ``_config.yml`` (listed in ``sphinx.config.extensions``). The browser
tests (``tests/browser/``) found these on every page of the Jupyter Book 1 theme, and each is
fixed here rather than in a reader's head:

* **Label in Name (WCAG 2.5.3)**: the theme's search button and colour-mode switch have
  accessible names that leave out their visible text (axe-core: serious). ``templates/``
  overrides the two theme components with labels that match.
* **A script declared twice**: sphinx-thebe's inline configuration (``const THEBE_JS_URL``) is
  added to every page twice, so the second copy throws "Identifier has already been declared"
  in the console. Each page keeps one copy of each script.
* **An unset colour mode**: with no stored choice, the theme logs "Got invalid theme mode" on a
  reader's first visit. The default mode is set to ``auto`` (follow the system), which is what
  the theme falls back to anyway.
* **No favicon**: browsers ask for ``/favicon.ico`` and log a 404. The book gets a small icon.
* **A list without list items** (axe-core: critical): docutils wraps bibliography entries
  (``role="doc-biblioentry"``) in ``<div role="list">``, and a list role requires ``listitem``
  children. The bibliography keeps its entries' own role and drops the list role.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_MODE = "auto"


def _configure(app, config) -> None:
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    if not config.html_favicon:
        config.html_favicon = str(HERE / "static" / "favicon.svg")
    config.html_context = {"default_mode": DEFAULT_MODE, **config.html_context}


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


def _one_copy_of_each_script(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = unique_scripts(context["script_files"])


CITATION_LIST = '<div role="list" class="citation-list">'


def _no_list_role_on_citations(app, pagename, templatename, context, doctree) -> None:
    if CITATION_LIST in context.get("body", ""):
        context["body"] = context["body"].replace(CITATION_LIST, '<div class="citation-list">')


def setup(app):
    """Register the fixes with Sphinx."""
    app.connect("config-inited", _configure)
    app.connect("html-page-context", _one_copy_of_each_script, priority=900)
    app.connect("html-page-context", _no_list_role_on_citations, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
