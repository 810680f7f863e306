"""The Data appendix in both editions: the compendium's words translated, the data as transcribed."""
from __future__ import annotations

from compendium.present import appendix


def test_a_dataset_block_in_spanish_translates_the_words_around_the_data():
    english = appendix.dataset_html("us_states_2022")
    spanish = appendix.dataset_html("us_states_2022", lang="es")
    assert "<summary>Columns</summary>" in english and "<summary>Columnas</summary>" in spanish
    assert "<em>Provenance:</em>" in english and "<em>Procedencia:</em>" in spanish
    assert "Data (51 rows, as transcribed)" in english and "Datos (51 filas, tal como se transcribieron)" in spanish
    assert "<th>descripción</th>" in spanish and "<th>description</th>" in english
    # the rows are the data as transcribed: the same table in both editions
    assert english.split("<details>")[-1].split("</summary>", 1)[1] == spanish.split("<details>")[-1].split("</summary>", 1)[1]


def test_the_catalogue_in_spanish_names_every_page_in_spanish():
    spanish = appendix.catalogue_html(lang="es")
    assert "Las cifras migratorias del artículo" in spanish and "El registro de afirmaciones" in spanish
    assert '<th scope="col">Conjunto de datos</th>' in spanish
    assert spanish.count('<tr id="dataset-') == appendix.catalogue_html().count('<tr id="dataset-')
