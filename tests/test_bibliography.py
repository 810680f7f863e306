"""The bibliography is generated from the data package: every reference and every outside source, once."""
from __future__ import annotations

import shutil

import pybtex.database
import pytest

from compendium.present import bibliography
from compendium.data import loaders
from compendium.data import descriptor
from compendium.data import paths
from compendium.data.errors import DataError


@pytest.fixture(scope="module")
def bib():
    return bibliography.bibtex()


def test_the_bibliography_parses_and_keys_are_unique(bib):
    parsed = pybtex.database.parse_string(bib, "bibtex")
    keys = bibliography.keys(bib)
    assert len(keys) == len(set(keys)) == len(parsed.entries)


def test_every_reference_of_the_paper_is_an_entry(bib):
    references = loaders.load_references()
    parsed = pybtex.database.parse_string(bib, "bibtex")
    for row in references.itertuples():
        assert row.key in parsed.entries, f"reference {row.key} missing from the bibliography"
        assert row.year == int(parsed.entries[row.key].fields["year"].rstrip("ab"))  # 2017a: see the letters test
    verea = parsed.entries["verea2022"]
    assert verea.type == "article" and verea.fields["journal"] == "NORTEAMÉRICA" and verea.fields["volume"] == "17"


def test_every_outside_source_of_the_data_package_is_an_entry(bib):
    parsed = pybtex.database.parse_string(bib, "bibtex")
    urls = {e.fields.get("url") for e in parsed.entries.values()}
    assert parsed.entries[bibliography.PAPER_KEY].fields["doi"] == "10.35429/JAF.2024.11.28.5.1.12"
    for entry in descriptor.read_descriptor()["resources"]:
        for source in entry.get("sources", []):
            path = source.get("path", "")
            if path.startswith("http") and path not in bibliography.SOURCE_KEYS:
                assert path in urls, f"source of {entry['name']} missing: {path}"
    for url in loaders.load_migration_series_checkpoints()["source_url"].unique():
        assert url in urls, f"press page missing: {url}"
    for name in descriptor.resource_names():
        for key in bibliography.dataset_keys(name):
            assert key in parsed.entries, f"{name} cites {key}, which is not in the bibliography"


def test_press_pages_get_their_outlet_and_the_dates_in_their_address():
    assert bibliography.press_key("https://www.elclarinete.com.mx/x/") == "press_elclarinete"
    assert bibliography.press_year("https://jornada.com.mx/noticia/2023/05/16/politica/x") == "2023"
    assert bibliography.press_year("https://metronoticias.mx/190-mil-paisanos") == "n.d."
    assert bibliography.press_date("https://jornada.com.mx/noticia/2023/05/16/politica/x") == "16 May 2023"
    assert bibliography.press_date("https://periodicolarevelacion.com/2024/02/16") == "16 February 2024"
    assert bibliography.press_date("https://metronoticias.mx/190-mil-paisanos") == ""
    item = bibliography.press_entry("https://jornada.com.mx/noticia/2023/05/16/x", ["returns_by_mexican_authority"])
    assert item.fields["author"] == "{La Jornada}"
    assert "published 16 May 2023" in item.fields["note"] and "retrieval date not recorded" in item.fields["note"]
    assert item.fields["note"].endswith("The compendium takes from it: returns by the Mexican authority")
    with pytest.raises(DataError, match="a press source has no web address"):
        bibliography.press_key("not a url")


def test_every_press_page_of_the_package_has_its_full_headline_or_says_it_has_none(bib):
    parsed = pybtex.database.parse_string(bib, "bibtex")
    for url in bibliography.press_pages():
        entry = parsed.entries[bibliography.press_key(url)]
        title = entry.fields["title"].strip("{}")
        if url in bibliography.PRESS_HEADLINES:
            assert title == bibliography.escape(bibliography.PRESS_HEADLINES[url])
        else:
            assert title.startswith("[Press report on ") and "no headline" in entry.fields["note"], url
        read_on = bibliography.press_retrieved().get(url)
        assert (f"retrieved {read_on}" if read_on else "retrieval date not recorded") in entry.fields["note"], url
    assert bibliography.press_title("https://example.org/news/bajan-las-cifras", ["x"]) == (
        "Bajan las cifras", "headline as in the page's address, without its accents")


def test_works_by_the_same_author_in_the_same_year_get_letters_by_title(bib):
    parsed = pybtex.database.parse_string(bib, "bibtex")
    years = {key: parsed.entries[key].fields["year"] for key in
             ("gobmx2017oaxaca", "gobmx2017fomento", "gobmx2024red", "gobmx2024bienestar", "segob2015", "verea2022")}
    assert years == {"gobmx2017oaxaca": "2017a", "gobmx2017fomento": "2017b", "gobmx2024red": "2024a",
                     "gobmx2024bienestar": "2024b", "segob2015": "2015", "verea2022": "2022"}


@pytest.fixture(scope="module")
def formatted(bib):
    from pybtex.backends.plaintext import Backend

    style = bibliography.author_year_style()()
    entries = list(style.format_entries(pybtex.database.parse_string(bib, "bibtex").entries.values()))
    return [(e.key, e.label, e.text.render(Backend())) for e in entries]


def test_the_list_reads_author_year_as_apa_lays_it_out(formatted):
    by_key = {key: (label, text) for key, label, text in formatted}
    assert by_key["laraescamilla2024"] == (
        "Lara-Escamilla et al., 2024",
        "Lara-Escamilla, S., Nava-Pérez, M. T., López-Cortés, A. M., & Hernández-Muñoz, M. A. (2024). Social and "
        "solidarity economy, a strategy to address the migratory need and return of Mexicans from the United States. "
        "Journal of Administration and Finance, 11(28), 1–12. https://doi.org/10.35429/JAF.2024.11.28.5.1.12")
    assert by_key["calva2022"][0] == "Calva Sánchez and Carrión-Latorre, 2022"
    assert by_key["verea2022"][1].startswith("Verea, M. (2022). La política migratoria de Biden")
    assert by_key["gobmx2017oaxaca"][1].startswith("Gobierno de México (2017a). Con proyectos productivos")
    assert by_key["press_jornada"][1].startswith("La Jornada (2023). Deportaciones desde México cayeron 25% en el")


def test_the_list_is_in_alphabetical_order_of_first_author_then_year(formatted):
    labels = [label for _, label, _ in formatted]
    keys = [bibliography.plain_key(label.rsplit(", ", 1)[0]) for label in labels]
    assert keys == sorted(keys)
    assert labels.index("Gobierno de México, 2017a") < labels.index("Gobierno de México, 2017b") < labels.index(
        "Gobierno de México, 2024a")


def test_names_and_special_characters_are_bibtex_safe():
    assert bibliography.bibtex_names("Verea, M.; Gobierno de México") == "Verea, M. and {Gobierno de México}"
    assert bibliography.escape("R&D 50% #1 a_b") == r"R\&D 50\% \#1 a\_b"


def test_a_reference_key_that_clashes_with_a_source_key_is_refused(tmp_path):
    copy = shutil.copytree(paths.data_dir(), tmp_path / "data")
    path = copy / "paper" / "references.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("verea2022,", "laraescamilla2024,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"references.csv: duplicate bibliography keys \['laraescamilla2024'\]"):
        bibliography.bibtex(copy)


def test_the_spanish_list_words_the_compendiums_notes_in_spanish_and_keeps_the_sources_as_printed():
    english, spanish = bibliography.entries(), bibliography.entries(lang="es")
    assert [e.key for e in english] == [e.key for e in spanish]
    by_key = {e.key: e for e in spanish}
    assert by_key[bibliography.PAPER_KEY].fields == {e.key: e for e in english}[bibliography.PAPER_KEY].fields
    assert by_key["inaes_profile"].fields["year"] == "s. f."
    assert by_key["inaes_profile"].fields["note"] == "Página web sin fecha; fecha de consulta no registrada"
    item = bibliography.press_entry("https://jornada.com.mx/noticia/2023/05/16/x", ["returns_by_mexican_authority"],
                                    lang="es")
    assert "publicada el 16 de mayo de 2023" in item.fields["note"]
    assert item.fields["note"].endswith("El compendio toma de ella: devoluciones por la autoridad mexicana")
    assert item.fields["title"] == "{[Nota de prensa sobre devoluciones por la autoridad mexicana]}"  # no headline
    headline = next(url for url in bibliography.PRESS_HEADLINES if "jornada" in url)
    assert (bibliography.press_entry(headline, [], lang="es").fields["title"]
            == bibliography.press_entry(headline, []).fields["title"])  # a headline stays as printed
    pybtex.database.parse_string(bibliography.bibtex(lang="es"), "bibtex")


def test_the_spanish_list_labels_two_authors_with_y_and_an_undated_work_s_f():
    style = bibliography.author_year_style("es")()
    parsed = pybtex.database.parse_string(bibliography.bibtex(lang="es"), "bibtex").entries.values()
    labels = {e.key: e.label for e in style.format_entries(parsed)}
    assert labels["calva2022"] == "Calva Sánchez y Carrión-Latorre, 2022"
    assert labels["inaes_profile"] == "Instituto Nacional de la Economía Social (INAES), s. f."
    assert all(" and " not in label for label in labels.values())
