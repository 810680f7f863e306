"""The glossary: abbreviations, terms of migration and the social economy, and statistical terms.

The entries come from two datasets: the paper's list of abbreviations (``abbreviations``, as
printed) and the compendium's entries (``glossary_terms``: original Spanish names, meanings in
the book's words, notes on the paper's translations, the other names under which chapters write
a term, and the terms the paper uses without explaining). :func:`glossary_markdown` writes one
kind of entry as a Sphinx ``{glossary}``, so a chapter links a term with ``{term}`INAES```;
:func:`terms_used` writes the line at the end of each chapter that links the abbreviations and
terms it uses.

The Spanish edition (``lang="es"``) gives each entry its Spanish name first (the Spanish name in
``original_name``, else the term's translation in the catalogue) and keeps the English term as a
second name, so ``{term}`INAES``` and ``{term}`returns by the Mexican authority``` resolve in both
editions; meanings and notes come from the catalogue (:func:`compendium.present.i18n.data_text`),
and the paper's own English wording is quoted as printed, marked as English.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from compendium.data import loaders
from compendium.data import paths
from compendium.present.i18n import _, data_text

KINDS = ("abbreviation", "term", "statistical term")
"""The kinds of entry, in the order the glossary page lists them (a section each)."""


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def entries(data_dir=None) -> pd.DataFrame:
    """One row per glossary entry: term, kind, original_name, meaning, paper_meaning, note, aliases; sorted by term."""
    paper = loaders.load_abbreviations(data_dir).rename(columns={"abbreviation": "term", "meaning": "paper_meaning"})
    extra = loaders.load_glossary_terms(data_dir)
    frame = extra.merge(paper, on="term", how="outer")
    frame["kind"] = frame["kind"].fillna("abbreviation")
    frame["meaning"] = frame["meaning"].fillna(frame["paper_meaning"])
    frame = frame.fillna("")
    return frame.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)[
        ["term", "kind", "original_name", "meaning", "paper_meaning", "note", "aliases"]]


def names(row) -> list[str]:
    """The entry's term and its other names, in that order."""
    return [_text(row["term"])] + [a.strip() for a in _text(row["aliases"]).split(";") if a.strip()]


def spanish_name(row) -> str:
    """The entry's name in the Spanish edition: an abbreviation as it is, a term by its Spanish name."""
    if row["kind"] == "abbreviation":
        return _text(row["term"])
    return _text(row["original_name"]) or data_text(row["term"], "es")


def edition_names(row, lang: str = "en") -> list[str]:
    """The names an entry is listed under in the ``lang`` edition: the Spanish edition puts its Spanish name first
    and keeps the English ones (each name once, whatever its case)."""
    listed = names(row) if lang == "en" else [spanish_name(row)] + names(row)
    seen, unique = set(), []
    for name in listed:
        if name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique


def definition(row, lang: str = "en") -> str:
    """The text of one glossary entry."""
    if lang != "en":
        return _spanish_definition(row, lang)
    text, original = _text(row["meaning"]) + ".", _text(row["original_name"])
    if original and original.lower() != _text(row["term"]).lower():
        # An abbreviation stands for its Spanish name, so the name comes first; a term gives its Spanish word after.
        text = f"*{original}*: {text}" if row["kind"] == "abbreviation" else f"{text} In Spanish: *{original}*."
    paper = _text(row["paper_meaning"])
    if paper and paper != _text(row["meaning"]):
        text += f" The paper's list of abbreviations: \"{paper}\"."
    elif paper:
        text += " As in the paper's list of abbreviations."
    if _text(row["note"]):
        text += " " + _text(row["note"])
    return text


def _spanish_definition(row, lang: str) -> str:
    text = data_text(row["meaning"], lang) + "."
    original, term = _text(row["original_name"]), _text(row["term"])
    if row["kind"] == "abbreviation":
        # The Spanish meaning usually opens with the institution's own name: then it is not said twice.
        if original and original.lower() != term.lower() and not text.lower().startswith(original.lower()):
            text = f"*{original}*: {text}"
    elif spanish_name(row).lower() != term.lower():
        text += " " + _("In English: *{term}*.", lang).format(term=term)
    paper = _text(row["paper_meaning"])
    if paper and paper != _text(row["meaning"]):
        text += " " + _("The paper's list of abbreviations, in English: \"{wording}\".", lang).format(wording=paper)
    elif paper:
        text += " " + _("As in the paper's list of abbreviations.", lang)
    if _text(row["note"]):
        text += " " + data_text(row["note"], lang)
    return text


def glossary_markdown(data_dir=None, kind: str | None = None, lang: str = "en") -> str:
    """The entries of one kind (all, if none) as a MyST ``{glossary}`` directive; other names are listed under the term."""
    fence = "`" * 3
    frame = entries(data_dir)
    if kind is not None:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of glossary entry {kind!r}; kinds: {', '.join(KINDS)}")
        frame = frame[frame["kind"] == kind]
    rows = [row for _i, row in frame.iterrows()]
    if lang != "en":
        rows.sort(key=lambda row: edition_names(row, lang)[0].lower())
    body = "\n".join("\n".join(edition_names(row, lang)) + f"\n  {definition(row, lang)}\n" for row in rows)
    return f"{fence}{{glossary}}\n{body}{fence}\n"


def _prose(text: str) -> str:
    """A chapter's text without its code cells, on one line (a term may span a line break), apostrophes and dashes plain."""
    text = re.sub(r"^```\{code-cell\}.*?^```\s*$", "", text, flags=re.M | re.S)
    return " ".join(_plain_dashes(text).replace("\u2019", "'").split())


def _plain_dashes(text: str) -> str:
    # "Benjamini–Hochberg" and "Benjamini-Hochberg" are one name: en dashes match hyphens.
    return text.replace("\u2013", "-")


def _pattern(name: str, kind: str) -> re.Pattern:
    # Abbreviations match as written (INM, not "inm"); terms match in any case and in the plural.
    name = re.escape(_plain_dashes(name))
    if kind == "abbreviation":
        return re.compile(rf"(?<![\w-]){name}(?![\w-])")
    return re.compile(rf"(?<![\w-]){name}(?:s|es)?(?![\w-])", re.IGNORECASE)


def terms_in(text: str, data_dir=None) -> list[str]:
    """The glossary entries that ``text`` uses outside its code cells, under any of their names, in glossary order."""
    prose = _prose(text)
    return [row["term"] for _, row in entries(data_dir).iterrows()
            if any(_pattern(name, row["kind"]).search(prose) for name in names(row))]


def terms_line(text: str, data_dir=None, lang: str = "en") -> str:
    """The Markdown line linking every abbreviation and term ``text`` uses to its glossary entry ('' if none).

    ``text`` is the chapter's English source; in the Spanish edition each link shows the entry's Spanish name.
    """
    used = terms_in(text, data_dir)
    if not used:
        return ""
    table = entries(data_dir).set_index("term", drop=False)

    def link(term):
        shown = term if lang == "en" else spanish_name(table.loc[term])
        return f"{{term}}`{term}`" if shown == term else f"{{term}}`{shown} <{term}>`"

    groups = [", ".join(link(term) for term in used if table.loc[term, "kind"] == kind) for kind in KINDS]
    return (_("**Abbreviations and terms in this chapter**, explained in the {ref}`glossary`:", lang)
            + f" {'; '.join(g for g in groups if g)}.")


def terms_used(name: str, data_dir=None, lang: str = "en"):
    """The line linking every abbreviation and term chapter ``name`` uses to its glossary entry (Markdown).

    In both editions: ``glue.show(lambda lang: glossary.terms_used(name, data_dir, lang))``.
    """
    from IPython.display import Markdown

    path = Path(paths.chapters_dir()) / f"{name}.md"
    return Markdown(terms_line(path.read_text(encoding="utf-8"), data_dir, lang))
