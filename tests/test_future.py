"""The Future research chapter: the paper's lines ahead, each beside the book's evidence, with the chapters' figures."""
from __future__ import annotations

import re

import yaml

from compendium.analyses import conclusions
from compendium.data import paths
from compendium.present.words import future as future_words


def test_glue_strings_are_the_conclusions_figures():
    texts = future_words.glue_strings(conclusions.measures())
    assert set(texts) == set(future_words.KEYS)
    assert (texts["r_latest"], texts["r_like_change"]) == ("154,203", "\u221210.6%")
    assert (texts["c_returns_year"], texts["c_returns_per_osse"], texts["c_osse"]) == ("205,604", "3.4", "61,000")
    assert (texts["m_enadid_earlier"], texts["m_enadid_later"]) == ("761,000", "1,200,000")
    assert (texts["g_population_verdict"], texts["g_population_surplus_region"]) == ("rejects", "Southeast")


def test_glue_strings_format_the_conclusions_figures_as_that_chapter_does():
    from compendium.present.words import conclusions as conclusions_words

    m = conclusions.measures()
    english = conclusions_words.glue_strings(m)
    assert future_words.glue_strings(m) == {key: english[key] for key in future_words.KEYS}


def test_glue_strings_in_spanish_keep_the_numbers_and_translate_the_words():
    texts = future_words.glue_strings(conclusions.measures(), "es")
    assert set(texts) == set(future_words.KEYS)
    assert (texts["r_latest"], texts["r_like_change"], texts["u_hei_share"]) == ("154,203", "\u221210.6\u00a0%",
                                                                                  "30.9\u00a0%")
    assert (texts["g_population_verdict"], texts["g_population_surplus_region"]) == ("rechaza", "Sureste")
    assert texts["n_nodess_when"] == "a septiembre de 2024"
    table = future_words.evidence_table(texts, links=False, lang="es")
    assert list(table.columns) == ["Lo que propone el artículo", "Lo que dice la evidencia del libro", "Capítulos"]
    assert "la región Sureste tenía 1.81 veces" in table.iloc[1, 1]


def test_the_table_has_each_line_of_the_paper_in_order():
    texts = future_words.glue_strings(conclusions.measures())
    table = future_words.evidence_table(texts, links=False)
    assert list(table["What the paper proposes"]) == list(future_words.LINES.values())
    assert list(table["Chapters"]) == ["returns, business_models", "nodess", "diaspora", "immigration",
                                       "immigration, diaspora"]
    assert "Sembrando Vida" in table.iloc[3, 0] and "work-visa" in table.iloc[4, 0]
    assert "{doc}`returns`, {doc}`business_models`" in future_words.evidence_table(texts).iloc[0, 2]
    assert all(texts[k] in " ".join(table.iloc[:, 1]) for k in ("r_latest", "n_nodess_latest", "t_world", "t_cards"))


def test_the_chapter_follows_conclusions_in_the_table_of_contents():
    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"] for part in toc["parts"] if part["caption"] == "Chapters" for c in part["chapters"]]
    assert chapters[chapters.index("chapters/conclusions") + 1] == "chapters/future"


def test_the_chapter_glues_the_figures_it_shows(glued):
    g = glued("future")
    assert set(g) == set(future_words.KEYS) | {f"{key}__es" for key in future_words.KEYS}  # both editions
    assert g["g_population_verdict__es"] == "rechaza"
    conclusions_glued = glued("conclusions")
    assert all(g[k] == conclusions_glued[k] for k in future_words.KEYS)


def test_the_chapter_covers_the_papers_future_research_with_citations(executed):
    notebook = executed("future")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for topic in ("Remittances and cooperatives", "Two social programmes", "A work-visa scheme",
                  "The emergency the paper expects", "Questions and exercises"):
        assert f"## {topic}" in text or f"### {topic}" in text, topic
    cited = set(re.findall(r"\{cite:[tp]\}`([^`]+)`", text))
    assert {"laraescamilla2024", "gobmx2024bienestar", "fresneda2022", "martinez2021", "sandoval2021",
            "parrini2021"} <= cited
    links = set(re.findall(r"\{doc\}`([^`]+)`", text))
    assert {"returns", "business_models", "nodess", "diaspora", "immigration", "conclusions"} <= links
    assert "Key points" in text.split("## ")[0]
    assert re.search(r"make run CHAPTERS=\"future\" PARAMS=\"-p data_dir ", text)
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1 and "remove-cell" in parameters[0].metadata["tags"]
