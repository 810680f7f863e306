"""Render the data package for the book's Data appendix: each dataset with its provenance and schema."""
from __future__ import annotations

import html

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
        f"<p><strong>{html.escape(entry['title'])}</strong> &middot; <code>{html.escape(name)}</code> &middot; "
        f"file <code>data/{html.escape(entry['path'])}</code> &middot; {len(frame)} rows &middot; key: {html.escape(key)}</p>",
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
