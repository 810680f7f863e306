"""The glossary: the paper's abbreviations as printed, with the compendium's explanations beside them.

The entries come from two datasets: the paper's list of abbreviations (``abbreviations``, as
printed) and the compendium's additions (``glossary_terms``: original Spanish names, meanings in
the book's words, notes on the paper's translations, and terms the paper uses without
explaining). :func:`glossary_markdown` writes them as a Sphinx ``{glossary}``, so a chapter links
a term with ``{term}`INAES```; :func:`terms_used` writes the line at the end of each chapter that
links the abbreviations it uses.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from compendium.data import loaders
from compendium.data import paths


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def entries(data_dir=None) -> pd.DataFrame:
    """One row per glossary term: term, kind, original_name, meaning, paper_meaning, note; sorted by term."""
    paper = loaders.load_abbreviations(data_dir).rename(columns={"abbreviation": "term", "meaning": "paper_meaning"})
    extra = loaders.load_glossary_terms(data_dir)
    frame = extra.merge(paper, on="term", how="outer")
    frame["kind"] = frame["kind"].fillna("abbreviation")
    frame["meaning"] = frame["meaning"].fillna(frame["paper_meaning"])
    frame = frame.fillna("")
    return frame.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)[
        ["term", "kind", "original_name", "meaning", "paper_meaning", "note"]]


def definition(row) -> str:
    """The text of one glossary entry."""
    text = _text(row["meaning"])
    if _text(row["original_name"]):
        text += f" (*{_text(row['original_name'])}*)"
    text += "."
    paper = _text(row["paper_meaning"])
    if paper and paper != _text(row["meaning"]):
        text += f" The paper's list of abbreviations: \"{paper}\"."
    elif paper:
        text += " As in the paper's list of abbreviations."
    if _text(row["note"]):
        text += " " + _text(row["note"])
    return text


def glossary_markdown(data_dir=None) -> str:
    """Every entry as a MyST ``{glossary}`` directive."""
    fence = "`" * 3
    body = "\n".join(f"{row['term']}\n  {definition(row)}\n" for _, row in entries(data_dir).iterrows())
    return f"{fence}{{glossary}}\n{body}{fence}\n"


def terms_in(text: str, data_dir=None) -> list[str]:
    """The abbreviations of the glossary that ``text`` uses, in glossary order (whole words, exact case)."""
    frame = entries(data_dir)
    found = []
    for term in frame.loc[frame["kind"] == "abbreviation", "term"]:
        if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text):
            found.append(term)
    return found


def terms_used(name: str, data_dir=None):
    """A line linking every abbreviation chapter ``name`` uses to its glossary entry (Markdown)."""
    from IPython.display import Markdown

    path = Path(paths.chapters_dir()) / f"{name}.md"
    terms = terms_in(path.read_text(encoding="utf-8"), data_dir)
    if not terms:
        return Markdown("")
    links = ", ".join(f"{{term}}`{t}`" for t in terms)
    return Markdown(f"**Abbreviations in this chapter** (see the {{ref}}`glossary`): {links}.")
