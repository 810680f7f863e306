"""One loader per dataset of the data package, each validating the file on load.

Every loader takes ``data_dir`` (default ``data/``; a chapter passes its ``data_dir``
parameter) and returns a pandas DataFrame whose columns follow the schema in
``datapackage.json``. Transcriptions come back exactly as printed; loaders of resources with
known source errors accept ``corrected=True`` to apply ``corrections.csv`` (the ids applied
are in ``frame.attrs["corrections"]``). A file that breaks its schema, or has another number
of rows than its ``expected_rows`` or lacks a row the chapters look up (its ``required_keys``),
raises :class:`~compendium.data.errors.DataError`.
"""
from __future__ import annotations

import pandas as pd

from compendium.data import descriptor
from compendium.data.corrections import apply_corrections
from compendium.data.errors import DataError
from compendium.data.schema import validate_resource


def load(name: str, data_dir=None, *, corrected: bool = False) -> pd.DataFrame:
    """Load and validate resource ``name``; with ``corrected=True`` apply its corrections."""
    entry = descriptor.resource(name, data_dir)
    path = descriptor.resource_path(name, data_dir)
    frame = validate_resource(path, entry)
    descriptor.note_read(path)
    frame.attrs = {"resource": name, "title": entry["title"], "path": entry["path"], "corrections": []}
    if corrected:
        frame = apply_corrections(frame, name, load("corrections", data_dir), data_dir)
    return frame


# --- The paper: Lara-Escamilla et al. (2024) -------------------------------------------------

def load_us_states_2022(data_dir=None, *, corrected=False):
    """Table 1: Mexicans by US state (consular IDs issued in 2022): state, mexican_population, men, women."""
    return load("us_states_2022", data_dir, corrected=corrected)


def load_origin_states_2022(data_dir=None):
    """Table 2: Mexicans in the US by Mexican state of origin (consular IDs issued in 2022)."""
    return load("origin_states_2022", data_dir)


def load_abroad_by_continent_2021(data_dir=None):
    """Mexicans abroad outside the US by continent in 2021, with the printed shares."""
    return load("abroad_by_continent_2021", data_dir)


def load_abroad_totals_2021(data_dir=None):
    """The world total of Mexicans abroad in 2021 and the total outside the United States."""
    return load("abroad_totals_2021", data_dir)


def load_top_countries(data_dir=None):
    """The ten countries with the most Mexicans in 2021 and in May 2023."""
    return load("top_countries", data_dir)


def load_occupations_abroad(data_dir=None):
    """Occupational groups of Mexicans abroad with their printed shares."""
    return load("occupations_abroad", data_dir)


def load_sex_shares(data_dir=None):
    """Printed shares of women and men, abroad and among the Mexicans of Table 1."""
    return load("sex_shares", data_dir)


def load_migration_events_mexico(data_dir=None, *, corrected=False):
    """Figures 1 and 2: irregular-migration events and returns by the Mexican authority, by period."""
    return load("migration_events_mexico", data_dir, corrected=corrected)


def load_enadid_emigration(data_dir=None):
    """ENADID 2023: emigrants from Mexico in 2013-2018 and 2018-2023."""
    return load("enadid_emigration", data_dir)


def load_repatriations_from_us(data_dir=None, *, corrected=False):
    """Repatriation events of Mexicans from the US for the two periods the paper prints."""
    return load("repatriations_from_us", data_dir, corrected=corrected)


def load_repatriation_border_states(data_dir=None):
    """The border states the paper names as the main reception points."""
    return load("repatriation_border_states", data_dir)


def load_repatriation_origin_brackets(data_dir=None):
    """States of origin of repatriated Mexicans with their printed share brackets."""
    return load("repatriation_origin_brackets", data_dir)


def load_policy_timeline(data_dir=None):
    """Laws, programmes, initiatives and plans the paper cites, with their years."""
    return load("policy_timeline", data_dir)


def load_osse_types(data_dir=None):
    """The 24 forms of OSSE that can receive INAES support, in printed order."""
    return load("osse_types", data_dir)


def load_osse_group_minimums(data_dir=None):
    """Minimum group size of social groups and legally established OSSE."""
    return load("osse_group_minimums", data_dir)


def load_nodess_actors(data_dir=None):
    """Actors promoting the SSE by type, 2019-2020 and 2020-2021."""
    return load("nodess_actors", data_dir)


def load_nodess_counts(data_dir=None):
    """Number of NODESS (and pre-NODESS in process) at each date printed."""
    return load("nodess_counts", data_dir)


def load_nodess_regions_2022_2023(data_dir=None):
    """The NODESS of 2022-2023 by region."""
    return load("nodess_regions_2022_2023", data_dir)


def load_nodess_region_states(data_dir=None):
    """The states of each NODESS region, as listed."""
    return load("nodess_region_states", data_dir)


def load_nodess_priority_themes(data_dir=None):
    """The NODESS priority themes, split at the commas of the printed list."""
    return load("nodess_priority_themes", data_dir)


def load_nodess_ecosystems(data_dir=None):
    """The eight NODESS ecosystems with their numerals."""
    return load("nodess_ecosystems", data_dir)


def load_nodess_ecosystem_lines(data_dir=None):
    """The lines of work of each NODESS ecosystem."""
    return load("nodess_ecosystem_lines", data_dir)


def load_abbreviations(data_dir=None):
    """The paper's list of abbreviations."""
    return load("abbreviations", data_dir)


def load_references(data_dir=None):
    """The paper's reference list, printed text and parsed fields."""
    return load("references", data_dir)


def load_stated_totals(data_dir=None, *, corrected=False):
    """Totals, a difference and a threshold the paper states in its prose (``corrected=True``: with C05)."""
    return load("stated_totals", data_dir, corrected=corrected)


# --- The INAES profile ----------------------------------------------------------------------

def load_inaes_headline_figures(data_dir=None):
    """The social sector's headline figures from the INAES profile."""
    return load("inaes_headline_figures", data_dir)


def load_inaes_facts(data_dir=None):
    """Legal basis and status of INAES from its profile."""
    return load("inaes_facts", data_dir)


# --- Reference and external data -------------------------------------------------------------

def load_mexican_states(data_dir=None):
    """The 32 Mexican states: INEGI code, names as each source writes them, NODESS region."""
    return load("mexican_states", data_dir)


def load_census2020_state_population(data_dir=None):
    """Census 2020 population by state (external: INEGI)."""
    return load("census2020_state_population", data_dir)


def load_repatriations_by_reception_point(data_dir=None):
    """Repatriations by reception point, Jan-Sep 2023 and 2024 (external, secondary: press quoting UPM)."""
    return load("repatriations_by_reception_point", data_dir)


def load_migration_series_checkpoints(data_dir=None):
    """Other periods of the official migration series (external, secondary: press quoting UPM)."""
    return load("migration_series_checkpoints", data_dir)


def load_osse_type_families(data_dir=None):
    """The OSSE forms grouped into families: osse_type, family, rationale (compiled by the compendium)."""
    return load("osse_type_families", data_dir)


def load_glossary_terms(data_dir=None):
    """Terms and abbreviations the glossary explains: term, kind, original_name, meaning, note (compiled by the compendium)."""
    return load("glossary_terms", data_dir)


def load_migrant_integration_strategies(data_dir=None):
    """The paper's strategies for integrating migrants: who acts, what, for whom, reference key (paraphrased)."""
    return load("migrant_integration_strategies", data_dir)


def load_us_state_tiles(data_dir=None):
    """Tile-grid layout of the US states (compiled by the compendium): state as in Table 1, usps, row, col."""
    return load("us_state_tiles", data_dir)


def load_mexican_state_tiles(data_dir=None):
    """Tile-grid layout of the Mexican states (compiled by the compendium): cve_ent, iso_code, row, col."""
    return load("mexican_state_tiles", data_dir)


def load_corrections(data_dir=None):
    """The corrections of source errors the compendium applies."""
    return load("corrections", data_dir)


# --- The source audit -------------------------------------------------------------------------

def load_claims(data_dir=None):
    """The registry of the sources' quantitative claims, with tolerance, recomputation and status."""
    return load("claims", data_dir)


def load_audit_findings(data_dir=None):
    """The findings of the source audit; their texts are templates whose ``{name:spec}`` placeholders ``compendium.present.audit_texts`` fills from each finding's evidence."""
    return load("audit_findings", data_dir)


def load_audit_osse_spellings(data_dir=None):
    """Each place the sources write the abbreviation OSSE, with the spelling used (audit finding A16)."""
    return load("audit_osse_spellings", data_dir)


def load_outside_evidence(data_dir=None):
    """Pages found outside the sources that confirm, contradict or bear on a claim of the registry, one per row."""
    return load("outside_evidence", data_dir)


def load_audit_citations(data_dir=None):
    """Every citation and source note of the paper, with the reference-list entry it points to (audit finding A20)."""
    return load("audit_citations", data_dir)


def load_audit_abbreviation_expansions(data_dir=None):
    """Every place the paper spells out an abbreviation of its list, with the words as printed (audit finding A19)."""
    return load("audit_abbreviation_expansions", data_dir)


LOADERS = {name[len("load_"):]: obj for name, obj in list(globals().items())
           if name.startswith("load_") and callable(obj)}
"""Every named loader by resource name; the tests check it covers the whole package."""


def validate_package(data_dir=None) -> dict[str, pd.DataFrame]:
    """Load every resource of the package and check it as a whole; return the frames by name.

    Beyond each file on its own (:func:`load`): the descriptor must describe every dataset the
    chapters load (one per named loader), foreign keys must hold - a column whose values must
    all appear in a column of another resource (for example every state of Table 2 must be a
    Mexican state's ``name_table2``) - and every correction must still match the transcription it
    corrects.
    """
    names = descriptor.resource_names(data_dir)
    descriptor_path = descriptor.descriptor_path(data_dir)
    undescribed = [name for name in LOADERS if name not in names]
    if undescribed:
        raise DataError(descriptor_path, "the data package does not describe "
                        + ", ".join(repr(n) for n in undescribed), column="resources",
                        expected="an entry for every dataset the chapters load (copy it from the repository's "
                                 "data/datapackage.json)")
    frames = {name: load(name, data_dir) for name in names}
    for name, frame in frames.items():
        for key in descriptor.resource(name, data_dir)["schema"].get("foreignKeys", []):
            column, target = key["fields"], key["reference"]
            if target["resource"] not in frames:
                raise DataError(descriptor_path, f"resource {name!r} has a foreign key to a resource the package "
                                "does not describe", column=column, value=target["resource"],
                                expected="one of " + ", ".join(names))
            allowed = set(frames[target["resource"]][target["fields"]].dropna())
            for row, value in enumerate(frame[column], 1):
                if pd.notna(value) and value not in allowed:
                    raise DataError(descriptor.resource_path(name, data_dir), "the value is not in the referenced resource",
                                    row=row, column=column, value=value,
                                    expected=f"a value of {target['resource']}.{target['fields']}")
    corrections = frames["corrections"]
    for row, name in enumerate(corrections["resource"], 1):
        if name not in frames:
            raise DataError(descriptor.resource_path("corrections", data_dir), "the correction names a resource the "
                            "package does not describe", row=row, column="resource", value=name,
                            expected="one of " + ", ".join(names))
    for name in dict.fromkeys(corrections["resource"]):
        apply_corrections(frames[name], name, corrections, data_dir)
    return frames
