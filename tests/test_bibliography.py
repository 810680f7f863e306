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
        assert row.year == int(parsed.entries[row.key].fields["year"])
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


def test_press_pages_get_their_outlet_and_the_year_in_their_address():
    assert bibliography.press_key("https://www.elclarinete.com.mx/x/") == "press_elclarinete"
    assert bibliography.press_year("https://jornada.com.mx/noticia/2023/05/16/politica/x") == "2023"
    assert bibliography.press_year("https://metronoticias.mx/190-mil-paisanos") == "n.d."
    assert "{La Jornada}" in bibliography.press_entry("https://jornada.com.mx/noticia/2023/05/16/x", ["returns"])
    with pytest.raises(DataError, match="a press source has no web address"):
        bibliography.press_key("not a url")


def test_names_and_special_characters_are_bibtex_safe():
    assert bibliography.bibtex_names("Verea, M.; Gobierno de México") == "Verea, M. and {Gobierno de México}"
    assert bibliography.escape("R&D 50% #1 a_b") == r"R\&D 50\% \#1 a\_b"


def test_a_reference_key_that_clashes_with_a_source_key_is_refused(tmp_path):
    copy = shutil.copytree(paths.data_dir(), tmp_path / "data")
    path = copy / "paper" / "references.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("verea2022,", "laraescamilla2024,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"references.csv: duplicate bibliography keys \['laraescamilla2024'\]"):
        bibliography.bibtex(copy)
