"""Render the data package for the book's Data appendix: a catalogue, and each dataset with its provenance and schema.

The appendix is split into pages of a reading length (:data:`PAGES`): the overview
(``chapters/data.md``) lists every dataset with where it came from and links to the page that
shows it; each page shows its datasets, with the columns and the rows collapsed.
"""
from __future__ import annotations

import html
from urllib.parse import quote

import pandas as pd

from compendium.data import loaders
from compendium.data import descriptor
from compendium.present.formatting import fmt_int
from compendium.present.i18n import _, descriptor_text, gettext_noop
from compendium.present.provenance import provenance_text
from compendium.present.tables import html_table

SCHEMA_COLUMNS = (gettext_noop("column"), gettext_noop("type"), gettext_noop("unit"), gettext_noop("description"),
                  gettext_noop("constraints"))
"""The headers of a dataset's table of columns, in English (translated with ``_``)."""


def _constraints(constraints: dict, lang: str) -> str:
    shown = []
    if constraints.get("required"):
        shown.append(_("required", lang))
    if constraints.get("unique"):
        shown.append(_("unique", lang))
    if "minimum" in constraints:
        shown.append(_("minimum {value}", lang).format(value=constraints["minimum"]))
    if "maximum" in constraints:
        shown.append(_("maximum {value}", lang).format(value=constraints["maximum"]))
    if "pattern" in constraints:
        shown.append(_("pattern {value}", lang).format(value=constraints["pattern"]))
    if "enum" in constraints:
        shown.append(_("one of: {values}", lang).format(values=", ".join(map(str, constraints["enum"]))))
    return "; ".join(shown)


def schema_table(entry: dict, lang: str = "en") -> pd.DataFrame:
    """The columns of a dataset: name, type, unit, description, constraints (headers and words in ``lang``; a
    column's name and type are the package's own and stay as they are)."""
    rows = [dict(zip(SCHEMA_COLUMNS, [field["name"], field["type"], descriptor_text(field.get("unit", ""), lang),
                                      descriptor_text(field.get("description", ""), lang),
                                      _constraints(field.get("constraints", {}), lang)]))
            for field in entry["schema"]["fields"]]
    return pd.DataFrame(rows, columns=list(SCHEMA_COLUMNS)).rename(columns={c: _(c, lang) for c in SCHEMA_COLUMNS})


def dataset_html(name: str, data_dir=None, lang: str = "en") -> str:
    """An HTML block for one dataset: title, description, provenance, licence, columns and rows."""
    entry = descriptor.resource(name, data_dir)
    frame = loaders.load(name, data_dir)
    licences = ", ".join(descriptor_text(l.get("title", ""), lang) or l.get("name", "") for l in entry.get("licenses", []))
    sources = "; ".join(html.escape(descriptor_text(s.get("title", ""), lang))
                        + (f" (<code>{html.escape(s['path'])}</code>)" if s.get("path") else "")
                        for s in entry.get("sources", []))
    key = entry["schema"].get("primaryKey", [])
    key = ", ".join([key] if isinstance(key, str) else key)
    rows = fmt_int(len(frame), lang)
    line = _("<code>{name}</code> &middot; file <code>data/{path}</code> &middot; {rows} rows &middot; key: {key}",
             lang).format(name=html.escape(name), path=html.escape(entry["path"]), rows=rows, key=html.escape(key))
    where = _("<em>Provenance:</em> {provenance}.<br><em>Source:</em> {sources}.<br><em>Licence:</em> {licences}.",
              lang).format(provenance=html.escape(provenance_text(entry, lang)), sources=sources,
                           licences=html.escape(licences))
    return "\n".join([
        f'<section class="compendium-dataset" id="dataset-{html.escape(name)}">',
        f"<h2>{html.escape(descriptor_text(entry['title'], lang))}</h2>",
        f"<p>{line}</p>",
        f"<p>{html.escape(descriptor_text(entry.get('description', ''), lang))}</p>",
        f"<p>{where}</p>",
        f"<details><summary>{_('Columns', lang)}</summary>", html_table(schema_table(entry, lang)), "</details>",
        f"<details><summary>{_('Data ({rows} rows, as transcribed)', lang).format(rows=rows)}</summary>",
        html_table(frame), "</details>",
        "</section>",
    ])


def datasets_by_document(data_dir=None) -> dict[str, list[str]]:
    """Resource names grouped by the document they come from, in descriptor order."""
    groups: dict[str, list[str]] = {}
    for entry in descriptor.read_descriptor(data_dir)["resources"]:
        groups.setdefault(entry.get("provenance", {}).get("document", "compendium"), []).append(entry["name"])
    return groups


PAGES = {
    "data_migration": (gettext_noop("The paper's migration figures"), [
        "us_states_2022", "origin_states_2022", "abroad_by_continent_2021", "abroad_totals_2021", "top_countries",
        "occupations_abroad", "sex_shares", "migration_events_mexico", "enadid_emigration", "repatriations_from_us",
        "repatriation_border_states", "repatriation_origin_brackets", "policy_timeline"]),
    "data_social_economy": (gettext_noop("The social economy: the paper's figures and the INAES profile"), [
        "osse_types", "osse_group_minimums", "nodess_actors", "nodess_counts", "nodess_regions_2022_2023",
        "nodess_region_states", "nodess_priority_themes", "nodess_ecosystems", "nodess_ecosystem_lines",
        "inaes_headline_figures", "inaes_facts"]),
    "data_external": (gettext_noop("Outside evidence"), [
        "census2020_state_population", "repatriations_by_reception_point", "migration_series_checkpoints",
        "outside_evidence"]),
    "data_reference": (gettext_noop("Reference lists"), [
        "abbreviations", "references", "glossary_terms", "mexican_states", "us_state_tiles", "mexican_state_tiles"]),
    "data_compendium": (gettext_noop("The compendium's own records"), [
        "corrections", "stated_totals", "osse_type_families", "migrant_integration_strategies", "audit_findings",
        "audit_osse_spellings"]),
    "data_claims": (gettext_noop("The claims registry"), ["claims", "audit_citations", "audit_abbreviation_expansions"]),
}
"""The pages of the Data appendix (file stems in ``chapters/``): title (translated with ``_``) and datasets, in the
order shown."""

OTHER_DATASETS_PAGE = "data_compendium"
"""The page that shows any dataset :data:`PAGES` does not place (a dataset added to a copy of the package)."""


def datasets_by_page(data_dir=None) -> dict[str, list[str]]:
    """Every dataset of the package on exactly one page of the appendix, page by page in :data:`PAGES` order."""
    names = descriptor.resource_names(data_dir)
    placed = {page: [n for n in listed if n in names] for page, (_, listed) in PAGES.items()}
    shown = {n for listed in placed.values() for n in listed}
    placed[OTHER_DATASETS_PAGE] += [n for n in names if n not in shown]
    return placed


def page_of(name: str, data_dir=None) -> str:
    """The appendix page that shows dataset ``name``."""
    for page, names in datasets_by_page(data_dir).items():
        if name in names:
            return page
    raise KeyError(f"no dataset {name!r} in the data package")


def dataset_link(name: str, data_dir=None) -> str:
    """The address of dataset ``name`` on its appendix page, relative to a page in ``chapters/``."""
    return f"{page_of(name, data_dir)}.html#dataset-{quote(name)}"


def catalogue_html(data_dir=None, lang: str = "en") -> str:
    """Every dataset, page by page: its title (linked to where it is shown), rows and provenance in one line."""
    rows = []
    for page, names in datasets_by_page(data_dir).items():
        rows.append(f'<tr><th colspan="3" scope="colgroup"><a href="{page}.html">{html.escape(_(PAGES[page][0], lang))}'
                    '</a></th></tr>')
        for name in names:
            entry = descriptor.resource(name, data_dir)
            rows.append(
                f'<tr id="dataset-{html.escape(name)}"><td><a href="{dataset_link(name, data_dir)}">'
                f"{html.escape(descriptor_text(entry['title'], lang))}</a><br><code>{html.escape(name)}</code></td>"
                f'<td style="text-align: right">{fmt_int(len(loaders.load(name, data_dir)), lang)}</td>'
                f"<td>{html.escape(provenance_text(entry, lang))}</td></tr>")
    head = (f'<thead><tr><th scope="col">{_("Dataset", lang)}</th><th scope="col">{_("Rows", lang)}</th>'
            f'<th scope="col">{_("Where it comes from", lang)}</th></tr></thead>')
    return f'<table class="compendium-table compendium-catalogue">{head}<tbody>{"".join(rows)}</tbody></table>'


def page_html(page: str, data_dir=None, lang: str = "en") -> str:
    """The datasets of one appendix page: a list of them, then each with its provenance, columns and rows."""
    if page not in PAGES:
        raise KeyError(f"no appendix page {page!r}; pages: {', '.join(PAGES)}")
    names = datasets_by_page(data_dir)[page]
    contents = "".join(f'<li><a href="#dataset-{html.escape(n)}">'
                       f'{html.escape(descriptor_text(descriptor.resource(n, data_dir)["title"], lang))}</a></li>'
                       for n in names)
    return "\n".join([f'<ul class="compendium-dataset-list">{contents}</ul>',
                      *(dataset_html(n, data_dir, lang) for n in names)])
