"""The book's bibliography as BibTeX, generated from the data package.

Two inputs, no hand-kept ``.bib`` file to fall out of step:

* the paper's reference list, ``data/paper/references.csv`` (one entry per row, keyed by its
  ``key`` column);
* every outside source of the data package: the paper itself, the INAES profile, the INEGI
  census and each press page behind ``data/external/`` (keys in :data:`SOURCE_KEYS` and
  :func:`press_key`).

``python -m compendium book`` writes the result to ``references.bib`` in the staged book
source, where sphinxcontrib-bibtex reads it; chapters cite entries with ``{cite}`key```.
"""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pandas as pd

from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError

PAPER_KEY = "laraescamilla2024"
"""The key of the paper the compendium reproduces."""

SOURCE_KEYS = {
    "https://doi.org/10.35429/JAF.2024.11.28.5.1.12": PAPER_KEY,
    "https://gsef-net.org/en/node/27841": "inaes_profile",
    "https://www.inegi.org.mx/programas/ccpv/2020/": "inegi_census2020",
}
"""Keys of the data package's sources that are documents, by address."""

PRESS_OUTLETS = {
    "primeravueltanoticias.com": "Primera Vuelta Noticias",
    "www.elclarinete.com.mx": "El Clarinete",
    "metronoticias.mx": "Metro Noticias",
    "jornada.com.mx": "La Jornada",
    "periodicolarevelacion.com": "Periódico La Revelación",
}
"""Press outlets whose pages the external datasets quote (an unknown outlet is named by its host)."""

_LATEX_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_"})


def escape(text: str) -> str:
    """Text safe inside a BibTeX field: LaTeX specials escaped, braces balanced-safe."""
    return str(text).replace("{", "(").replace("}", ")").translate(_LATEX_SPECIAL)


def bibtex_names(authors: str) -> str:
    """``'Verea, M.; Calva, L.'`` -> ``'Verea, M. and Calva, L.'``; an institution is kept whole in braces."""
    names = [a.strip() for a in str(authors).split(";") if a.strip()]
    return " and ".join(name if "," in name else "{" + name + "}" for name in names)


def entry(kind: str, key: str, fields: dict) -> str:
    """One BibTeX entry; empty fields are left out."""
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items() if value not in (None, ""))
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def reference_entry(row) -> str:
    """The BibTeX entry of one row of ``references.csv`` (an article when it has a journal and volume)."""
    title = "{" + escape(_text(row["title"])) + "}"
    fields = {"author": bibtex_names(_text(row["authors"])), "title": title, "year": _text(row["year"])}
    container, volume = _text(row["container"]), _text(row["volume"])
    if container and volume:
        kind = "article"
        fields.update(journal=escape(container), volume=volume, number=_text(row["issue"]),
                      pages=_text(row["pages"]).replace("-", "--"))
    else:
        kind = "misc"
        fields["howpublished"] = escape(container)
        if _text(row["date_as_printed"]):
            fields["note"] = "Dated " + escape(_text(row["date_as_printed"])) + " in the source"
    return entry(kind, _text(row["key"]), fields)


def paper_entry() -> str:
    """The paper the compendium reproduces."""
    return entry("article", PAPER_KEY, {
        "author": "Lara-Escamilla, Samuel and Nava-Pérez, María Teresa and López-Cortés, Ana Mónica "
                  "and Hernández-Muñoz, Mónica Angélica",  # as the paper's byline prints them
        "title": "{Social and solidarity economy, a strategy to address the migratory need and return of "
                 "Mexicans from the United States}",
        "journal": "Journal of Administration and Finance",
        "volume": "11", "number": "28", "pages": "1--12", "year": "2024",
        "doi": "10.35429/JAF.2024.11.28.5.1.12",
    })


def inaes_entry() -> str:
    """INAES's member profile, the source of the sector's headline figures."""
    return entry("misc", "inaes_profile", {
        "author": "{Instituto Nacional de la Economía Social (INAES)}",
        "title": "{National Institute of Social Economy (INAES): member profile}",
        "howpublished": "Member profile in an international social-economy network (member since September 2021)",
        "year": "n.d.", "url": "https://gsef-net.org/en/node/27841",
    })


def census_entry() -> str:
    """INEGI's 2020 census, the source of the state populations."""
    return entry("misc", "inegi_census2020", {
        "author": "{Instituto Nacional de Estadística y Geografía (INEGI)}",
        "title": "{Censo de Población y Vivienda 2020: Principales resultados por localidad (ITER)}",
        "year": "2020", "url": "https://www.inegi.org.mx/programas/ccpv/2020/",
        "note": "State rows; used under INEGI's terms of use, with attribution",
    })


def press_key(url: str) -> str:
    """A stable key for a press page: ``press_`` and its host without ``www.`` and the domain ending."""
    host = urlparse(url).netloc
    if not host:
        raise DataError("data/datapackage.json", f"a press source has no web address: {url!r}",
                        expected="an http(s) address of the page quoted")
    stem = host.removeprefix("www.").split(".")[0]
    return "press_" + re.sub(r"[^a-z0-9]+", "", stem.lower())


def press_year(url: str) -> str:
    """The publication year when the page's address carries a date (``/2023/05/16/``), else ``n.d.``."""
    match = re.search(r"/(20\d\d)/\d\d(?:/|$)", url)
    return match.group(1) if match else "n.d."


def press_entry(url: str, series: list[str]) -> str:
    """A press page quoting official statistics: outlet, address, and the series the package takes from it."""
    host = urlparse(url).netloc
    return entry("misc", press_key(url), {
        "author": "{" + PRESS_OUTLETS.get(host, host) + "}",
        "title": "{Press report quoting the Unidad de Política Migratoria}",
        "year": press_year(url), "url": url,
        "note": "Secondary evidence; the compendium takes from it: " + escape(", ".join(series).replace("_", " ")),
    })


def press_pages(data_dir=None) -> dict[str, list[str]]:
    """Every press page behind the external datasets, with the series or dataset taken from it."""
    pages: dict[str, list[str]] = {}
    checkpoints = loaders.load_migration_series_checkpoints(data_dir)
    for url, rows in checkpoints.groupby("source_url", sort=False):
        pages.setdefault(url, []).extend(dict.fromkeys(rows["series"]))
    for entry_ in descriptor.read_descriptor(data_dir)["resources"]:
        for source in entry_.get("sources", []):
            url = source.get("path", "")
            if url.startswith("http") and url not in SOURCE_KEYS:
                pages.setdefault(url, []).append(entry_["name"])
    return {url: list(dict.fromkeys(series)) for url, series in pages.items()}


def source_key(url: str) -> str:
    """The bibliography key of a data source's address."""
    return SOURCE_KEYS.get(url) or press_key(url)


def dataset_keys(name: str, data_dir=None) -> list[str]:
    """The bibliography keys of the sources of dataset ``name`` (empty for data the compendium compiled)."""
    entry_ = descriptor.resource(name, data_dir)
    keys = []
    for source in entry_.get("sources", []):
        url = source.get("path", "")
        if url.startswith("http"):
            keys.append(source_key(url))
        elif url == "see source_url":
            keys.extend(press_key(u) for u in loaders.load(name, data_dir)["source_url"].drop_duplicates())
    return list(dict.fromkeys(keys))


def bibtex(data_dir=None) -> str:
    """The whole bibliography: the data sources first, then the paper's reference list in printed order."""
    parts = [paper_entry(), inaes_entry(), census_entry()]
    parts += [press_entry(url, series) for url, series in press_pages(data_dir).items()]
    references = loaders.load_references(data_dir).sort_values("printed_order")
    parts += [reference_entry(row) for _, row in references.iterrows()]
    text = "\n".join(parts)
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise DataError(descriptor.resource_path("references", data_dir), f"duplicate bibliography keys {duplicates}",
                        expected="keys that differ from each other and from the data sources' keys")
    return text


def keys(text: str) -> list[str]:
    """The entry keys of a BibTeX text, in order."""
    return re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
