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
from compendium.present.provenance import provenance_text
from compendium.present.tables import html_table


def schema_table(entry: dict) -> pd.DataFrame:
    """The columns of a dataset: name, type, unit, description, constraints."""
    rows = []
    for field in entry["schema"]["fields"]:
        constraints = field.get("constraints", {})
        shown = []
        if constraints.get("required"):
            shown.append("required")
        if constraints.get("unique"):
            shown.append("unique")
        for key in ("minimum", "maximum", "pattern"):
            if key in constraints:
                shown.append(f"{key} {constraints[key]}")
        if "enum" in constraints:
            shown.append("one of: " + ", ".join(map(str, constraints["enum"])))
        rows.append({"column": field["name"], "type": field["type"], "unit": field.get("unit", ""),
                     "description": field.get("description", ""), "constraints": "; ".join(shown)})
    return pd.DataFrame(rows)


def dataset_html(name: str, data_dir=None) -> str:
    """An HTML block for one dataset: title, description, provenance, licence, columns and rows."""
    entry = descriptor.resource(name, data_dir)
    frame = loaders.load(name, data_dir)
    licences = ", ".join(l.get("title", l.get("name", "")) for l in entry.get("licenses", []))
    sources = "; ".join(html.escape(s.get("title", "")) + (f" (<code>{html.escape(s['path'])}</code>)" if s.get("path") else "")
                        for s in entry.get("sources", []))
    key = entry["schema"].get("primaryKey", [])
    key = ", ".join([key] if isinstance(key, str) else key)
    return "\n".join([
        f'<section class="compendium-dataset" id="dataset-{html.escape(name)}">',
        f"<h2>{html.escape(entry['title'])}</h2>",
        f"<p><code>{html.escape(name)}</code> &middot; file <code>data/{html.escape(entry['path'])}</code> &middot; "
        f"{len(frame)} rows &middot; key: {html.escape(key)}</p>",
        f"<p>{html.escape(entry.get('description', ''))}</p>",
        f"<p><em>Provenance:</em> {html.escape(provenance_text(entry))}.<br><em>Source:</em> {sources}.<br>"
        f"<em>Licence:</em> {html.escape(licences)}.</p>",
        "<details><summary>Columns</summary>", html_table(schema_table(entry)), "</details>",
        f"<details><summary>Data ({len(frame)} rows, as transcribed)</summary>", html_table(frame), "</details>",
        "</section>",
    ])


def datasets_by_document(data_dir=None) -> dict[str, list[str]]:
    """Resource names grouped by the document they come from, in descriptor order."""
    groups: dict[str, list[str]] = {}
    for entry in descriptor.read_descriptor(data_dir)["resources"]:
        groups.setdefault(entry.get("provenance", {}).get("document", "compendium"), []).append(entry["name"])
    return groups


PAGES = {
    "data_migration": ("The paper's migration figures", [
        "us_states_2022", "origin_states_2022", "abroad_by_continent_2021", "abroad_totals_2021", "top_countries",
        "occupations_abroad", "sex_shares", "migration_events_mexico", "enadid_emigration", "repatriations_from_us",
        "repatriation_border_states", "repatriation_origin_brackets", "policy_timeline"]),
    "data_social_economy": ("The social economy: the paper's figures and the INAES profile", [
        "osse_types", "osse_group_minimums", "nodess_actors", "nodess_counts", "nodess_regions_2022_2023",
        "nodess_region_states", "nodess_priority_themes", "nodess_ecosystems", "nodess_ecosystem_lines",
        "inaes_headline_figures", "inaes_facts"]),
    "data_external": ("Outside evidence", [
        "census2020_state_population", "repatriations_by_reception_point", "migration_series_checkpoints",
        "outside_evidence"]),
    "data_reference": ("Reference lists", [
        "abbreviations", "references", "glossary_terms", "mexican_states", "us_state_tiles", "mexican_state_tiles"]),
    "data_compendium": ("The compendium's own records", [
        "corrections", "stated_totals", "osse_type_families", "migrant_integration_strategies", "audit_findings",
        "audit_osse_spellings"]),
    "data_claims": ("The claims registry", ["claims", "audit_citations", "audit_abbreviation_expansions"]),
}
"""The pages of the Data appendix (file stems in ``chapters/``): title and datasets, in the order shown."""

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


def catalogue_html(data_dir=None) -> str:
    """Every dataset, page by page: its title (linked to where it is shown), rows and provenance in one line."""
    rows = []
    for page, names in datasets_by_page(data_dir).items():
        rows.append(f'<tr><th colspan="3" scope="colgroup"><a href="{page}.html">{html.escape(PAGES[page][0])}</a></th></tr>')
        for name in names:
            entry = descriptor.resource(name, data_dir)
            rows.append(
                f'<tr id="dataset-{html.escape(name)}"><td><a href="{dataset_link(name, data_dir)}">'
                f"{html.escape(entry['title'])}</a><br><code>{html.escape(name)}</code></td>"
                f'<td style="text-align: right">{len(loaders.load(name, data_dir)):,}</td>'
                f"<td>{html.escape(provenance_text(entry))}</td></tr>")
    head = '<thead><tr><th scope="col">Dataset</th><th scope="col">Rows</th><th scope="col">Where it comes from</th></tr></thead>'
    return f'<table class="compendium-table compendium-catalogue">{head}<tbody>{"".join(rows)}</tbody></table>'


def page_html(page: str, data_dir=None) -> str:
    """The datasets of one appendix page: a list of them, then each with its provenance, columns and rows."""
    if page not in PAGES:
        raise KeyError(f"no appendix page {page!r}; pages: {', '.join(PAGES)}")
    names = datasets_by_page(data_dir)[page]
    contents = "".join(f'<li><a href="#dataset-{html.escape(n)}">{html.escape(descriptor.resource(n, data_dir)["title"])}</a></li>'
                       for n in names)
    return "\n".join([f'<ul class="compendium-dataset-list">{contents}</ul>', *(dataset_html(n, data_dir) for n in names)])
