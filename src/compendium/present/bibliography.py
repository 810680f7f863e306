"""The book's bibliography as BibTeX, generated from the data package.

Two inputs, no hand-kept ``.bib`` file to fall out of step:

* the paper's reference list, ``data/paper/references.csv`` (one entry per row, keyed by its
  ``key`` column);
* every outside source of the data package: the paper itself, the INAES profile, the INEGI
  census and each press page behind ``data/external/`` (keys in :data:`SOURCE_KEYS` and
  :func:`press_key`).

``python -m compendium book`` writes the result to ``references.bib`` in the staged book
source, where sphinxcontrib-bibtex reads it; chapters cite entries with ``{cite}`key```.

The list reads author-year, like the citations in the text ("Verea (2022)" in the text, "Verea,
M. (2022). La política migratoria ..." in the list): :func:`author_year_style` is the list's
pybtex style, and works by the same author in the same year get the letters APA gives them
(2017a, 2017b) in both places. Press pages get their headline and the date in their address;
their retrieval dates were not recorded when the figures were taken, and the list says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlparse

import pandas as pd

from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError
from compendium.present.i18n import _, fmt_date, gettext_noop

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
    "fronteraelite.com.mx": "Frontera Élite",
    "gobernantes.com": "Gobernantes (republishing La Jornada)",
}
"""Press outlets whose pages the external datasets quote (an unknown outlet is named by its host)."""

PRESS_HEADLINES = {
    "https://primeravueltanoticias.com/bajan-repatriaciones-desde-eu-por-tamaulipas":
        "Bajan repatriaciones desde EU por Tamaulipas",
    "https://www.elclarinete.com.mx/este-2023-aguascalientes-regreso-a-centenas-de-migrantes-centroamericanos-a-sus-paises/":
        "Este 2023 Aguascalientes regresó a centenas de migrantes centroamericanos a sus países",
    "https://metronoticias.mx/190-mil-paisanos-repatriados-se-quedaron-sin-el-sueno-americano-de-enero-y-noviembre-del-2024":
        "190 mil paisanos repatriados se quedaron sin el sueño americano de enero y noviembre del 2024",
    "https://jornada.com.mx/noticia/2023/05/16/politica/deportaciones-desde-mexico-cayeron-25-en-el-primer-trimestre-sg-4189":
        "Deportaciones desde México cayeron 25% en el primer trimestre: SG",
    "https://fronteraelite.com.mx/2024/02/17/migracion-irregular-en-mexico-salto-un-77-en-2023":
        "Migración irregular en México saltó un 77% en 2023",
}
"""Headlines of the press pages, read from their addresses (with the accents and signs the address drops).

The pages were not kept and their retrieval was not dated; a page whose address carries no
headline is described in brackets, as APA does for an untitled work (:func:`press_title`).
"""

SERIES_NAMES = {
    "repatriations_of_mexicans_from_us": gettext_noop("repatriations of Mexicans from the United States"),
    "returns_by_mexican_authority": gettext_noop("returns by the Mexican authority"),
    "irregular_migration_events": gettext_noop("irregular-migration events"),
    "repatriations_by_reception_point": gettext_noop("repatriations of Mexicans from the United States by reception "
                                                     "point"),
}
"""How the list names what the package takes from a press page (other series: their name with spaces);
translated with ``_``."""

RETRIEVAL_NOT_RECORDED = gettext_noop("retrieval date not recorded")
"""What the list says of a web page whose retrieval was not dated when its figures were taken (translated with ``_``)."""

UNDATED = gettext_noop("n.d.")
"""The year of an undated work, in English; the Spanish list writes it as the catalogue says (``s. f.``)."""

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


@dataclass
class Entry:
    """A bibliography entry before it is written as BibTeX: its type, key and fields."""

    kind: str
    key: str
    fields: dict = field(default_factory=dict)

    def bibtex(self) -> str:
        return entry(self.kind, self.key, self.fields)

    def first_author(self) -> str:
        return self.fields.get("author", "").split(" and ")[0].strip("{} ")


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def reference_entry(row, lang: str = "en") -> Entry:
    """The entry of one row of ``references.csv`` (an article when it has a journal and volume); the fields are
    the paper's as printed, the note the compendium adds is in ``lang``."""
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
            fields["note"] = _("Dated {date} in the paper's reference list", lang).format(
                date=escape(_text(row["date_as_printed"])))
    return Entry(kind, _text(row["key"]), fields)


def paper_entry() -> Entry:
    """The paper the compendium reproduces."""
    return Entry("article", PAPER_KEY, {
        "author": "Lara-Escamilla, Samuel and Nava-Pérez, María Teresa and López-Cortés, Ana Mónica "
                  "and Hernández-Muñoz, Mónica Angélica",  # as the paper's byline prints them
        "title": "{Social and solidarity economy, a strategy to address the migratory need and return of "
                 "Mexicans from the United States}",
        "journal": "Journal of Administration and Finance",
        "volume": "11", "number": "28", "pages": "1--12", "year": "2024",
        "doi": "10.35429/JAF.2024.11.28.5.1.12",
    })


def inaes_entry(lang: str = "en") -> Entry:
    """INAES's member profile, the source of the sector's headline figures (its title as the page gives it)."""
    return Entry("misc", "inaes_profile", {
        "author": "{Instituto Nacional de la Economía Social (INAES)}",
        "title": "{National Institute of Social Economy (INAES): member profile}",
        "howpublished": _("Member profile in an international social-economy network (member since September 2021)",
                          lang),
        "year": UNDATED, "url": "https://gsef-net.org/en/node/27841",
        "note": _("Undated web page; {retrieval}", lang).format(retrieval=_(RETRIEVAL_NOT_RECORDED, lang)),
    })


def census_entry(lang: str = "en") -> Entry:
    """INEGI's 2020 census, the source of the state populations."""
    return Entry("misc", "inegi_census2020", {
        "author": "{Instituto Nacional de Estadística y Geografía (INEGI)}",
        "title": "{Censo de Población y Vivienda 2020: Principales resultados por localidad (ITER)}",
        "year": "2020", "url": "https://www.inegi.org.mx/programas/ccpv/2020/",
        "note": _("State rows of the dataset as modified on {date}; used under INEGI's terms of use, with attribution",
                  lang).format(date=fmt_date("2022-05-19", lang, "d MMMM y" if lang == "en" else "long")),
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
    return match.group(1) if match else UNDATED


def press_date(url: str, lang: str = "en") -> str:
    """The publication date a page's address carries (``/2023/05/16/`` -> ``16 May 2023``), else ''."""
    match = re.search(r"/(20\d\d)/(\d\d)/(\d\d)(?:/|$)", url)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return ""
    day = f"{match.group(1)}-{match.group(2)}-{match.group(3)}"
    return fmt_date(day, lang, "d MMMM y" if lang == "en" else "long")


def series_text(series: list[str], lang: str = "en") -> str:
    """What the package takes from a press page, in words."""
    return ", ".join(_(SERIES_NAMES[name], lang) if name in SERIES_NAMES else name.replace("_", " ") for name in series)


def press_title(url: str, series: list[str], lang: str = "en") -> tuple[str, str]:
    """The title of a press page and where it comes from: its headline, or a description in brackets."""
    if url in PRESS_HEADLINES:
        return PRESS_HEADLINES[url], _("headline as in the page's address", lang)
    slug = unquote(urlparse(url).path.rstrip("/").rsplit("/", 1)[-1])
    if re.search(r"[a-z]-[a-z]", slug):
        return slug.replace("-", " ").capitalize(), _("headline as in the page's address, without its accents", lang)
    return (_("[Press report on {series}]", lang).format(series=series_text(series, lang)),
            _("no headline in the page's address", lang))


def press_retrieved(data_dir=None) -> dict[str, str]:
    """The date each press page was read, where the external data record one (``date_retrieved``)."""
    checkpoints = loaders.load_migration_series_checkpoints(data_dir)
    if "date_retrieved" not in checkpoints:
        return {}
    known = checkpoints.dropna(subset=["date_retrieved"]).drop_duplicates("source_url")
    return {url: str(pd.Timestamp(day).date()) for url, day in zip(known["source_url"], known["date_retrieved"])}


def press_entry(url: str, series: list[str], retrieved: str | None = None, lang: str = "en") -> Entry:
    """A press page quoting official statistics: outlet, headline, dates, and what the package takes from it."""
    host = urlparse(url).netloc
    title, title_source = press_title(url, series, lang)
    published = press_date(url, lang)
    published_text = (_("published {date} (the date in its address)", lang).format(date=published) if published
                      else _("undated", lang))
    retrieved_text = (_("retrieved {date}", lang).format(date=retrieved) if retrieved
                      else _(RETRIEVAL_NOT_RECORDED, lang))
    outlet = PRESS_OUTLETS.get(host, host)
    return Entry("misc", press_key(url), {
        "author": "{" + (_(outlet, lang) if outlet in PRESS_OUTLET_NOTES else outlet) + "}",
        "title": "{" + escape(title) + "}",
        "year": press_year(url), "url": url,
        "note": _("Press report quoting the Unidad de Política Migratoria (secondary evidence; {title_source}); "
                  "{published}; {retrieved}. The compendium takes from it: {series}", lang).format(
                      title_source=title_source, published=published_text, retrieved=retrieved_text,
                      series=escape(series_text(series, lang))),
    })


PRESS_OUTLET_NOTES = (gettext_noop("Gobernantes (republishing La Jornada)"),)
"""Outlets of :data:`PRESS_OUTLETS` whose name carries words of the compendium's (translated with ``_``)."""


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


def distinguish_same_author_and_year(entries: list[Entry]) -> list[Entry]:
    """Give works by the same first author in the same year the letters APA gives them (2017a, 2017b, by title)."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for item in entries:
        if item.fields.get("year", UNDATED) != UNDATED:
            groups.setdefault((item.first_author(), item.fields["year"]), []).append(item)
    for same in groups.values():
        if len(same) > 1:
            for letter, item in zip("abcdefghijklmnopqrstuvwxyz", sorted(same, key=lambda e: e.fields["title"].lower())):
                item.fields["year"] += letter
    return entries


def entries(data_dir=None, lang: str = "en") -> list[Entry]:
    """Every entry: the data sources first, then the paper's reference list in printed order.

    In ``lang``, the words the compendium adds (notes, descriptions, dates, an undated work's year); authors and
    titles stay as the sources print them."""
    parts = [paper_entry(), inaes_entry(lang), census_entry(lang)]
    read_on = press_retrieved(data_dir)
    parts += [press_entry(url, series, read_on.get(url), lang) for url, series in press_pages(data_dir).items()]
    references = loaders.load_references(data_dir).sort_values("printed_order")
    parts += [reference_entry(row, lang) for _i, row in references.iterrows()]
    parts = distinguish_same_author_and_year(parts)
    for item in parts:
        if item.fields.get("year") == UNDATED:
            item.fields["year"] = _(UNDATED, lang)
    return parts


def bibtex(data_dir=None, lang: str = "en") -> str:
    """The whole bibliography as BibTeX, in the order of :func:`entries` (the list sorts it by author and year)."""
    text = "\n".join(item.bibtex() for item in entries(data_dir, lang))
    keys = re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise DataError(descriptor.resource_path("references", data_dir), f"duplicate bibliography keys {duplicates}",
                        expected="keys that differ from each other and from the data sources' keys")
    return text


def keys(text: str) -> list[str]:
    """The entry keys of a BibTeX text, in order."""
    return re.findall(r"^@\w+\{([^,]+),", text, flags=re.M)


def citation_names(persons, lang: str = "en") -> str:
    """The authors as a citation in the text names them: one surname, two joined by "and" ("y"), or the first "et al."."""
    surnames = [" ".join(p.last_names).replace("{", "").replace("}", "") for p in persons]
    if len(surnames) > 2:
        return f"{surnames[0]} et al."
    return f" {_('and', lang)} ".join(surnames)


def plain_key(text: str) -> str:
    """A sorting key that files names as a reader looks them up: no braces, no accents, any case."""
    import unicodedata

    stripped = unicodedata.normalize("NFKD", text.replace("{", "").replace("}", ""))
    return "".join(c for c in stripped if not unicodedata.combining(c)).lower()


STYLE_NAME = "compendium_author_year"
"""The name under which :func:`author_year_style` is registered for ``bibtex_default_style``."""
STYLE_NAMES = {"en": STYLE_NAME, "es": f"{STYLE_NAME}_es"}
"""The list's style in each edition (the Spanish one joins the last two authors with "y", as APA in Spanish)."""


def author_year_style(lang: str = "en"):
    """The pybtex formatting style of the list in the ``lang`` edition: author-year, as APA lays it out.

    "Surname, I. (Year). Title. *Journal*, *volume*(issue), pages. https://doi.org/..." for
    articles; for other works the title in italics, then where it was published, the note (dates,
    what the compendium takes from it) and the address. Entries are sorted by author, year, title.
    """
    from pybtex.style.formatting import toplevel
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.formatting.unsrt import Style, dashify
    from pybtex.style.template import field as bib_field
    from pybtex.style.template import first_of, href, join, names, optional, optional_field, sentence, tag

    no_date = _("n.d.", lang)

    def sorting_key(item):
        # By the first author as printed (an institution's name without its protective braces), year, title.
        persons = item.persons.get("author", [])
        first = " ".join(persons[0].last_names) if persons else ""
        return (plain_key(first), item.fields.get("year", ""), plain_key(item.fields.get("title", "")))

    class AuthorYearLabels(BaseLabelStyle):
        """Labels that read as the citations in the text: "Verea, 2022", "Lara-Escamilla et al., 2024"."""

        def format_labels(self, sorted_entries):
            for item in sorted_entries:
                yield f"{citation_names(item.persons.get('author', []), lang)}, {item.fields.get('year', _(UNDATED, lang))}"

    class AuthorYearStyle(Style):
        default_sorting_style = "author_year_title"
        default_label_style = AuthorYearLabels

        def __init__(self, **kwargs):
            kwargs.setdefault("name_style", "lastfirst")
            kwargs.setdefault("abbreviate_names", True)
            super().__init__(**kwargs)
            self.sort = lambda entries: sorted(entries, key=sorting_key)

        def format_names(self, role, as_sentence=True):
            last = ", & " if lang == "en" else f" {_('and', lang)} "
            listed = names(role, sep=", ", sep2=last, last_sep=last)
            return sentence[listed] if as_sentence else listed

        def author_and_year(self):
            return join[self.format_names("author", as_sentence=False), " (", bib_field("year"), ")."]

        def format_web_refs(self, e):
            doi = join["https://doi.org/", bib_field("doi", raw=True)]
            url = bib_field("url", raw=True)
            return first_of[optional[href(doi)[doi]], optional[href(url)[url]]]

        def get_article_template(self, e):
            volume = optional[join[", ", tag("em")[bib_field("volume")], optional["(", bib_field("number"), ")"]]]
            return toplevel[
                self.author_and_year(),
                sentence[bib_field("title")],
                sentence[join[tag("em")[bib_field("journal")], volume], optional[bib_field("pages", apply_func=dashify)]],
                sentence[optional_field("note")],
                self.format_web_refs(e),
            ]

        def get_misc_template(self, e):
            return toplevel[
                self.author_and_year(),
                sentence[tag("em")[bib_field("title")]],
                sentence[optional_field("howpublished")],
                sentence[optional_field("note")],
                self.format_web_refs(e),
            ]

    return AuthorYearStyle
