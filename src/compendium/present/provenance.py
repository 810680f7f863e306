"""Where a dataset came from, in one sentence, from its entry in ``datapackage.json``.

Shared by the data block under each figure (:mod:`compendium.present.downloads`) and the Data
appendix (:mod:`compendium.present.appendix`).
"""
from __future__ import annotations

import re

from compendium.present.i18n import _, descriptor_text, gettext_noop

DOCUMENT_NAMES = {
    "paper": gettext_noop("Lara-Escamilla et al. (2024)"),
    "inaes_profile": gettext_noop("INAES profile"),
    "external": gettext_noop("External evidence"),
    "compendium": gettext_noop("Compiled by the compendium"),
}


def lines_text(lines: str, lang: str = "en") -> str:
    """The line numbers of a provenance as the descriptor gives them, with its few words in ``lang``."""
    if lang == "en" or not re.search(r"[A-Za-z]", lines):
        return lines
    column = re.fullmatch(r"see the (\w+) column", lines)
    if column:
        return _("see the {column} column", lang).format(column=column[1])
    return lines.replace("INAES profile", _("INAES profile", lang)).replace("paper", _("paper", lang))


def provenance_text(entry: dict, lang: str = "en") -> str:
    """One sentence saying where a dataset was transcribed from (in ``lang``: the descriptor's texts through the
    catalogue)."""
    p = entry.get("provenance", {})
    document = p.get("document", "")
    parts = [_(DOCUMENT_NAMES[document], lang) if document in DOCUMENT_NAMES else descriptor_text(document, lang),
             _("section: {section}", lang).format(section=descriptor_text(p.get("section", ""), lang)),
             descriptor_text(p.get("location", ""), lang)]
    if p.get("page"):
        parts.append(_("page: {page}", lang).format(page=descriptor_text(p["page"], lang)))
    if p.get("text_lines"):
        parts.append(_("lines {lines} of the plain-text copy", lang).format(lines=lines_text(str(p["text_lines"]), lang)))
    if p.get("original_source"):
        parts.append(_("original source: {source}", lang).format(source=descriptor_text(p["original_source"], lang)))
    if p.get("retrieved"):
        parts.append(descriptor_text(p["retrieved"], lang))
    return "; ".join(part for part in parts if part)
