"""Where a dataset came from, in one sentence, from its entry in ``datapackage.json``.

Shared by the data block under each figure (:mod:`compendium.present.downloads`) and the Data
appendix (:mod:`compendium.present.appendix`).
"""
from __future__ import annotations

DOCUMENT_NAMES = {
    "paper": "Lara-Escamilla et al. (2024)",
    "inaes_profile": "INAES profile",
    "external": "External evidence",
    "compendium": "Compiled by the compendium",
}


def provenance_text(entry: dict) -> str:
    """One sentence saying where a dataset was transcribed from."""
    p = entry.get("provenance", {})
    parts = [DOCUMENT_NAMES.get(p.get("document"), p.get("document", "")), f"section: {p.get('section', '')}",
             p.get("location", "")]
    if p.get("page"):
        parts.append(f"page: {p['page']}")
    if p.get("text_lines"):
        parts.append(f"lines {p['text_lines']} of the plain-text copy")
    if p.get("original_source"):
        parts.append(f"original source: {p['original_source']}")
    if p.get("retrieved"):
        parts.append(p["retrieved"])
    return "; ".join(part for part in parts if part)
