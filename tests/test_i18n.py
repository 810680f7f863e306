"""The two languages: message lookup in the Spanish catalogue, formatting by locale, the editions' glued values."""
from __future__ import annotations

import datetime

import nbformat
import numpy as np
import pytest

from compendium.build import editions
from compendium.present import formatting, i18n
from compendium.present.i18n import _


def test_english_is_the_message_itself_and_spanish_comes_from_the_catalogue():
    assert _("Chapters", "en") == "Chapters"
    assert _("Chapters", "es") == "Capítulos"
    assert _("{low} to {high}", "es").format(low="1", high="2") == "1 a 2"


def test_a_missing_spanish_message_is_an_error_naming_the_message_and_the_file(monkeypatch):
    monkeypatch.delenv("COMPENDIUM_I18N_STRICT", raising=False)
    with pytest.raises(i18n.MissingTranslation) as caught:
        _("A sentence nobody translated", "es")
    assert "A sentence nobody translated" in str(caught.value) and "compendium.po" in str(caught.value)
    monkeypatch.setenv("COMPENDIUM_I18N_STRICT", "0")
    assert _("A sentence nobody translated", "es") == "A sentence nobody translated"


def test_an_unknown_language_is_refused():
    with pytest.raises(i18n.CompendiumError, match="expected one of en, es"):
        _("Chapters", "fr")


def test_fuzzy_and_empty_entries_are_not_used(tmp_path, monkeypatch):
    catalogue = tmp_path / "locale" / "es" / "LC_MESSAGES" / "compendium.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                         '#, fuzzy\nmsgid "Old"\nmsgstr "Viejo"\n\nmsgid "Empty"\nmsgstr ""\n\n'
                         'msgctxt "table header"\nmsgid "Total"\nmsgstr "Total (cuadro)"\n\n'
                         'msgid "Total"\nmsgstr "Total"\n', encoding="utf-8")
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    monkeypatch.delenv("COMPENDIUM_I18N_STRICT", raising=False)
    for message in ("Old", "Empty"):
        with pytest.raises(i18n.MissingTranslation):
            _(message, "es")
    assert _("Total", "es", context="table header") == "Total (cuadro)"
    assert _("Total", "es") == "Total"


def test_numbers_in_mexican_usage():
    assert formatting.fmt_int(np.int64(1234567), "es") == "1,234,567"
    assert formatting.fmt_num(1234.5, 1, "es") == "1,234.5"
    assert formatting.fmt_pct(0.125, 1, "es") == "12.5\u00a0%"
    assert formatting.fmt_pct(0.125, 1) == "12.5%"
    assert formatting.fmt_signed_pct(-0.106, 1, "es") == "\u221210.6\u00a0%"
    assert formatting.fmt_signed_int(-17784, "es") == "\u221217,784"
    assert formatting.level_text(0.05, "es") == "95\u00a0%"
    assert formatting.fmt_range(204579, 206633, lang="es") == "204,579 a 206,633"


def test_dates_and_money_by_locale():
    assert formatting.fmt_date(datetime.date(2023, 9, 30), "es") == "30 de septiembre de 2023"
    assert formatting.fmt_date("2023-09-30", "en") == "September 30, 2023"
    assert formatting.fmt_money(1234.4, "MXN", "es") == "$1,234"
    assert formatting.fmt_money(1234.4, "MXN", "en") == "MX$1,234"


def test_english_formatting_is_unchanged_by_babel():
    """Python rounds (as the hand-written formatting did); Babel only groups: 2.675 keeps Python's 2.67."""
    assert formatting.fmt_num(2.675, 2) == f"{2.675:,.2f}"
    assert formatting.fmt_pct(0.0002) == "0.0%" and formatting.fmt_signed_pct(-0.0002) == "\u22120.0%"
    assert formatting.fmt_int(-1234.6) == "-1,235"


def test_spanish_lists_join_with_y_and_e_before_an_i_sound():
    assert formatting.join_words(["Jalisco", "Michoacán", "Zacatecas"], lang="es") == "Jalisco, Michoacán y Zacatecas"
    assert formatting.join_words(["Guanajuato", "Hidalgo"], lang="es") == "Guanajuato e Hidalgo"
    assert formatting.join_words(["Oaxaca", "hierro"], lang="es") == "Oaxaca y hierro"
    assert formatting.join_words(["A", "B"]) == "A and B"


def _glue_output(name, text, lang=None):
    metadata = {"scrapbook": {"name": name, "mime_prefix": ""}}
    if lang:
        metadata["compendium_lang"] = lang
    return nbformat.v4.new_output("display_data", data={"text/plain": repr(text)}, metadata=metadata)


def _shown(lang, text):
    return nbformat.v4.new_output("display_data", data={"text/markdown": text}, metadata={"compendium_lang": lang})


def test_each_edition_keeps_its_own_outputs_and_glued_texts():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("")
    code.outputs = [_glue_output("gap", "1,234 short"), _glue_output("gap__es", "1,234 menos"),
                    _glue_output("total", "5,000"), _shown("en", "Table"), _shown("es", "Cuadro")]
    notebook.cells = [nbformat.v4.new_markdown_cell("The gap is {glue:text}`gap` of {glue:text}`total:s`."), code]
    english = editions.edition_notebook(notebook, "en", "diaspora")
    spanish = editions.edition_notebook(notebook, "es", "diaspora")
    assert english.cells[0].source == spanish.cells[0].source == \
        "The gap is {glue:text}`diaspora.ipynb::gap:s` of {glue:text}`diaspora.ipynb::total:s`."
    assert [o.data.get("text/plain") or o.data["text/markdown"] for o in english.cells[1].outputs] == \
        ["'1,234 short'", "'5,000'", "Table"]
    assert [(o.metadata.get("scrapbook", {}).get("name"), o.data.get("text/plain") or o.data["text/markdown"])
            for o in spanish.cells[1].outputs] == [("gap", "'1,234 menos'"), ("total", "'5,000'"), (None, "Cuadro")]
    assert notebook.cells[1].outputs[1].metadata["scrapbook"]["name"] == "gap__es"  # the executed notebook is untouched


def test_glued_values_by_language_fall_back_to_english():
    notebook = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("")
    code.outputs = [_glue_output("gap", "short"), _glue_output("gap__es", "menos"), _glue_output("total", "5,000")]
    notebook.cells = [code]
    assert editions.glued_by_language(notebook) == {"en": {"gap": "short", "total": "5,000"},
                                                     "es": {"gap": "menos", "total": "5,000"}}


def test_language_switch_links_lead_to_the_same_page_of_the_other_edition():
    from compendium.build.language_switch import page_link

    assert page_link("chapters/diaspora", "en", "es") == "../es/chapters/diaspora.html"
    assert page_link("chapters/diaspora", "es", "en") == "../../chapters/diaspora.html"
    assert page_link("index", "en", "es") == "es/index.html"
    assert page_link("index", "es", "en") == "../index.html"
