"""Sphinx extension: the appendices are lettered A, B, C ... instead of numbered on from the chapters.

The chapters are numbered (``numbered: 1`` on their part of ``_toc.yml``), so the book's own
figures and tables read "Figure 2.3", "Table 2.3" and cannot be taken for the paper's Table 1 or
Figure 2. An appendix left unnumbered would number its tables "Table 1", "Table 2" again; an
appendix numbered on from the chapters ("8. Source audit") reads like one more chapter. So the
appendices' part is numbered too, and once Sphinx has assigned the numbers this extension
replaces each appendix's chapter number by a letter, everywhere Sphinx keeps it: the page title,
the table of contents, the previous/next links, and its figure and table numbers ("Table B.1").

The part is found by its caption (``compendium_appendix_caption``, default "Appendices").
"""
from __future__ import annotations

from string import ascii_uppercase

from docutils import nodes


def appendix_documents(env, caption: str) -> list[str]:
    """The documents of the root's toctree captioned ``caption``, in order (sub-pages left out)."""
    from sphinx import addnodes

    root = env.get_doctree(env.config.root_doc)
    for toctree in root.findall(addnodes.toctree):
        if toctree.get("caption") == caption:
            return [reference for _, reference in toctree["entries"]]
    return []


def _relettered(number, chapter, letter):
    if number and number[0] == chapter:
        return (letter, *number[1:])
    return number


def letter_appendices(app, env) -> list[str]:
    """Replace each appendix's chapter number by its letter; return the documents changed (to rewrite)."""
    changed = []
    for letter, docname in zip(ascii_uppercase, appendix_documents(env, app.config.compendium_appendix_caption)):
        secnumbers = env.toc_secnumbers.get(docname)
        if not secnumbers or not secnumbers.get(""):
            continue  # the part is not numbered: nothing to reletter
        chapter = secnumbers[""][0]
        if chapter == letter:
            continue
        env.toc_secnumbers[docname] = {anchor: _relettered(number, chapter, letter)
                                       for anchor, number in secnumbers.items()}
        for reference in env.tocs[docname].findall(nodes.reference):
            if reference.get("secnumber"):
                reference["secnumber"] = list(_relettered(tuple(reference["secnumber"]), chapter, letter))
        title = env.titles.get(docname)
        if title is not None and title.get("secnumber"):
            title["secnumber"] = list(_relettered(tuple(title["secnumber"]), chapter, letter))
        for numbers in env.toc_fignumbers.get(docname, {}).values():
            for target, number in numbers.items():
                numbers[target] = _relettered(number, chapter, letter)
        changed.append(docname)
    return changed


def setup(app):
    app.add_config_value("compendium_appendix_caption", "Appendices", "env")
    # After Sphinx's own collector (priority 500) has assigned section and figure numbers.
    app.connect("env-get-updated", letter_appendices, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
