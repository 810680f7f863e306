"""Corrections of source errors, kept apart from the transcriptions.

``data/corrections.csv`` lists each correction: the resource, the row (by its key), the
column, the printed value, the value used instead, the reason and the evidence. Loaders return
the printed values; ``corrected=True`` applies the corrections and says which it applied.
"""
from __future__ import annotations

import pandas as pd

from compendium.data import descriptor
from compendium.data.errors import DataError
from compendium.data.schema import parse_value


def parse_row_key(text: str) -> dict[str, str]:
    """``"series=a; period=b"`` -> ``{"series": "a", "period": "b"}``."""
    pairs = {}
    for part in text.split("; "):
        name, sep, value = part.partition("=")
        if not sep:
            raise ValueError(text)
        pairs[name.strip()] = value
    return pairs


def _matches(frame: pd.DataFrame, key: dict[str, str]) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for name, value in key.items():
        mask &= frame[name].map(_cell_text) == value
    return mask


def _cell_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return str(value)


def apply_corrections(frame: pd.DataFrame, name: str, corrections: pd.DataFrame, source) -> pd.DataFrame:
    """Return a copy of ``frame`` (resource ``name``) with its corrections applied.

    The copy's ``attrs["corrections"]`` lists the correction ids applied. Each correction must
    find exactly one row and the printed value it names: if the transcription changed under it,
    the correction no longer describes the data and a :class:`DataError` says so.
    """
    fields = {f["name"]: f for f in descriptor.resource(name, source)["schema"]["fields"]}
    out = frame.copy()
    applied = []
    path = descriptor.resource_path("corrections", source)
    for number, row in enumerate(corrections.itertuples(index=False), 1):
        if row.resource != name:
            continue
        try:
            key = parse_row_key(row.row_key)
        except ValueError:
            raise DataError(path, "row_key is not 'field=value' pairs joined by '; '", row=number, column="row_key",
                            value=row.row_key) from None
        unknown = [k for k in [*key, row.column] if k not in fields]
        if unknown:
            raise DataError(path, f"names a column that {name} does not have", row=number, column="row_key/column",
                            value=", ".join(unknown), expected="one of " + ", ".join(fields))
        mask = _matches(out, key)
        if mask.sum() != 1:
            raise DataError(path, f"correction {row.correction_id} matches {int(mask.sum())} rows of {name}", row=number,
                            column="row_key", value=row.row_key, expected="exactly one row")
        current = _cell_text(out.loc[mask, row.column].iloc[0])
        if current != row.printed_value:
            raise DataError(path, f"correction {row.correction_id} expects the printed value {row.printed_value!r} "
                            f"in {name} ({row.row_key}), but the transcription holds {current!r}", row=number,
                            column="printed_value", value=row.printed_value,
                            expected="the value the transcription holds (update or remove the correction)")
        value = parse_value(row.corrected_value, fields[row.column]["type"])
        out.loc[mask, row.column] = pd.Timestamp(value) if fields[row.column]["type"] == "date" else value
        applied.append(row.correction_id)
    out.attrs = {**frame.attrs, "corrections": applied}
    return out
