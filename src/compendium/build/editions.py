"""The two editions of one executed chapter: each keeps its own language's outputs and glued values.

A chapter is executed once and carries both languages (:mod:`compendium.present.glue`): glued
values under ``key`` (English) and ``key__es`` (Spanish), and outputs shown once per language,
tagged ``compendium_lang`` in their metadata. :func:`edition_notebook` makes the notebook one
edition is built from: outputs of the other language are dropped, and in the Spanish edition
every ``key__es`` takes the place of ``key``, so the prose (and its translation in the chapter's
catalogue) refers to the same key in both editions. A value glued in English only is shown as
it is in both.

Every ``{glue:text}`key``` role of the chapter's text is staged as
``{glue:text}`<chapter>.ipynb::key:s```: Sphinx translates a paragraph by parsing its translation
anew, outside the notebook, where a plain ``key`` finds no glued value (the role would render
empty with only a warning); the ``<chapter>.ipynb::key`` form is resolved after parsing, from
the values myst-nb saved for the page. Both editions are staged that way, so the messages of
the chapter's catalogue (taken from the English staging) match the Spanish source.
"""
from __future__ import annotations

import ast
import copy
import re

from compendium.present.glue import LANG_METADATA, VARIANT
from compendium.present.i18n import LANGUAGES, check_lang

SOURCE_LANGUAGE = LANGUAGES[0]
_GLUE_ROLE = re.compile(r"\{glue:(text|any|md|)\}`([^`:]+?)(:[^`:]*)?`")


def glue_name(output) -> str | None:
    """The key an output glues (myst-nb's ``scrapbook`` record), or None."""
    record = output.get("metadata", {}).get("scrapbook")
    return record.get("name") if record else None


def output_language(output) -> str | None:
    """The language an output was shown in (:func:`compendium.present.glue.show`), or None for both."""
    return output.get("metadata", {}).get(LANG_METADATA)


def split_variant(key: str) -> tuple[str, str | None]:
    """``('continent_gap', 'es')`` for ``continent_gap__es``; ``(key, None)`` for a key of the source language."""
    base, _, lang = key.rpartition(VARIANT)
    if base and lang in LANGUAGES[1:]:
        return base, lang
    return key, None


def staged_roles(text: str, chapter: str) -> str:
    """``text`` with every ``{glue:text}`key``` of the chapter's own values written ``{glue:text}`<chapter>.ipynb::key```."""
    def local(match):
        role, key, spec = match.group(1), match.group(2), match.group(3) or ":s"  # myst-nb splits the spec off first
        if "::" in key or role != "text":
            return match.group(0)
        return f"{{glue:text}}`{chapter}.ipynb::{key}{spec}`"

    return _GLUE_ROLE.sub(local, text)


def edition_notebook(notebook, lang: str, chapter: str):
    """A copy of the executed ``notebook`` of ``chapter`` as the ``lang`` edition shows it."""
    check_lang(lang)
    edition = copy.deepcopy(notebook)
    every_key = glued_keys(notebook)
    for cell in edition.cells:
        if cell.cell_type == "markdown":
            cell.source = staged_roles(cell.source, chapter)
            continue
        if cell.cell_type != "code":
            continue
        caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {})
        if isinstance(caption.get("caption"), str):
            caption["caption"] = staged_roles(caption["caption"], chapter)
        outputs = cell.get("outputs", [])
        kept = []
        for output in outputs:
            shown_in = output_language(output)
            if shown_in is not None and shown_in != lang:
                continue
            name = glue_name(output)
            if name is not None:
                base, variant = split_variant(name)
                if variant is not None and variant != lang:
                    continue  # another edition's text
                if variant is None and lang != SOURCE_LANGUAGE and f"{base}{VARIANT}{lang}" in every_key:
                    continue  # replaced by this edition's text
                if variant is not None:
                    output = copy.deepcopy(output)
                    output.metadata["scrapbook"]["name"] = base
            kept.append(output)
        cell.outputs = kept
    return edition


def glued_keys(notebook) -> set[str]:
    """Every key the notebook glues."""
    return {glue_name(o) for c in notebook.cells for o in c.get("outputs", []) if glue_name(o)}


def _shown(plain):
    """A glued value's ``text/plain`` as the page shows it: the string itself, not its Python repr."""
    try:
        value = ast.literal_eval(plain)
    except (ValueError, SyntaxError, TypeError):
        return plain
    return value if isinstance(value, str) else plain


def glued_by_language(notebook) -> dict[str, dict[str, str]]:
    """``{lang: {key: text}}`` of the values a notebook glued, as the pages show them, each language with the English
    value where it has none of its own (what each edition shows)."""
    values: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            name = glue_name(output)
            if name is None:
                continue
            text = output.get("data", {}).get(output["metadata"]["scrapbook"].get("mime_prefix", "") + "text/plain")
            base, variant = split_variant(name)
            values[variant or SOURCE_LANGUAGE][base] = _shown(text)
    for lang in LANGUAGES[1:]:
        values[lang] = {key: values[lang].get(key, text) for key, text in values[SOURCE_LANGUAGE].items()}
    return values
