"""Validate a CSV file against its Table Schema in ``datapackage.json`` and return typed columns.

The descriptor follows the Frictionless Data Package / Table Schema standard. This module
implements the part of it the package uses: the types ``string``, ``integer``, ``number``,
``date`` and ``year``; the constraints ``required``, ``unique``, ``minimum``, ``maximum``,
``enum`` and ``pattern``; and the resource's ``primaryKey``. Every violation raises
:class:`~compendium.data.errors.DataError` naming the file, row, column, value and what was expected.

Two structural checks go beyond the standard, both declared on the resource in
``datapackage.json`` and checked by :func:`validate_resource` whenever the file is loaded:

* ``expected_rows``: the number of data rows (a transcribed table has as many rows as printed);
* ``required_keys``: the rows the chapters look up by name, e.g.
  ``{"fields": ["period", "country"], "values": [["2021", "United States"]], "used_by": "..."}``
  (or ``{"field": "state", "values": ["Zacatecas"], ...}`` for one column). Values are compared
  with the cell text as written in the file.

Files are read as UTF-8 with or without a byte-order mark (spreadsheet programs write one).
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from compendium.data.errors import DataError

_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_YEAR = re.compile(r"^[0-9]{4}$")

_EXPECTED = {
    "integer": "a whole number written with digits only (no separators)",
    "number": "a number written with digits and an optional decimal point",
    "date": "a date written YYYY-MM-DD",
    "year": "a four-digit year",
    "string": "text",
}


def parse_value(text: str, type_: str):
    """Parse one non-empty cell as the Table Schema ``type_``; raise ``ValueError`` if it is not one."""
    if type_ == "string":
        return text
    if type_ == "integer":
        if not _INTEGER.match(text):
            raise ValueError(text)
        return int(text)
    if type_ == "number":
        value = float(text)  # raises ValueError on anything float() rejects
        if text.strip().lower() in {"nan", "inf", "-inf", "+inf", "infinity", "-infinity"}:
            raise ValueError(text)
        return value
    if type_ == "date":
        return dt.date.fromisoformat(text)
    if type_ == "year":
        if not _YEAR.match(text):
            raise ValueError(text)
        return int(text)
    raise ValueError(f"unsupported type {type_}")


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Read a CSV file as text: the header and the data rows, checking every row has the header's width."""
    if not path.is_file():
        raise DataError(path, "file not found", expected="the CSV file the data package names for this resource")
    try:
        # utf-8-sig: a byte-order mark (Excel's "CSV UTF-8") is dropped instead of becoming part of the first name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle, strict=True))
    except UnicodeDecodeError as exc:
        raise DataError(path, f"not valid UTF-8 text ({exc.reason} at byte {exc.start})", expected="a UTF-8 encoded CSV file") from None
    except csv.Error as exc:
        raise DataError(path, f"malformed CSV ({exc})", expected="comma-separated values with balanced quotes") from None
    if not rows:
        raise DataError(path, "the file is empty", expected="a header row and data rows")
    header, body = rows[0], rows[1:]
    for number, row in enumerate(body, 1):
        if len(row) != len(header):
            raise DataError(path, f"the row has {len(row)} fields but the header has {len(header)}",
                            row=number, value=",".join(row), expected=f"{len(header)} comma-separated fields")
    return header, body


def _check_constraints(path, field, values, texts):
    name, constraints = field["name"], field.get("constraints", {})
    for row, (value, text) in enumerate(zip(values, texts), 1):
        if value is None:
            if constraints.get("required"):
                raise DataError(path, "a required value is missing", row=row, column=name, value=text,
                                expected=f"{_EXPECTED[field['type']]} ({field.get('description', name)})")
            continue
        if "minimum" in constraints and value < constraints["minimum"]:
            raise DataError(path, f"the value is below the minimum {constraints['minimum']}", row=row, column=name,
                            value=text, expected=f"a value of at least {constraints['minimum']}"
                            + (" (a count cannot be negative)" if constraints["minimum"] == 0 else ""))
        if "maximum" in constraints and value > constraints["maximum"]:
            raise DataError(path, f"the value is above the maximum {constraints['maximum']}", row=row, column=name,
                            value=text, expected=f"a value of at most {constraints['maximum']}")
        if "enum" in constraints and value not in constraints["enum"]:
            raise DataError(path, "the value is not one of the allowed values", row=row, column=name, value=text,
                            expected="one of " + ", ".join(repr(v) for v in constraints["enum"]))
        if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
            raise DataError(path, "the value does not match the pattern", row=row, column=name, value=text,
                            expected=f"text matching {constraints['pattern']}")
    if constraints.get("unique"):
        seen = {}
        for row, value in enumerate(values, 1):
            if value is None:
                continue
            if value in seen:
                raise DataError(path, f"duplicate value (first seen in row {seen[value]})", row=row, column=name,
                                value=value, expected="a value that appears once in this column")
            seen[value] = row


def _column(values, type_):
    if type_ == "integer" or type_ == "year":
        return pd.array(values, dtype="Int64") if None in values else pd.array(values, dtype="int64")
    if type_ == "number":
        return pd.array([float("nan") if v is None else v for v in values], dtype="float64")
    if type_ == "date":
        return pd.to_datetime(pd.Series(values, dtype="object"))
    return pd.array(values, dtype="str")


def _looks_like(found: str, name: str) -> bool:
    """True when header name ``found`` is ``name`` plus spaces or invisible characters around or inside it."""
    return found != name and "".join(ch for ch in found if ch.isprintable() and not ch.isspace()) == name


def _check_header(path: Path, header: list[str], names: list[str]) -> None:
    """The header must hold each schema name once and nothing else; messages show the names found with repr,
    so a trailing space or an invisible character (``'state '``, ``'\\u200bstate'``) can be seen."""
    missing = [name for name in names if name not in header]
    if missing:
        near = [f"{h!r} looks like {n!r} with spaces or invisible characters"
                for n in missing for h in header if _looks_like(h, n)]
        raise DataError(path, "missing column" + ("s" if len(missing) > 1 else "")
                        + (f" ({'; '.join(near)})" if near else ""), column=", ".join(missing),
                        value=header, expected="the header " + ",".join(names))
    extra = [name for name in header if name not in names]
    if extra:
        raise DataError(path, "unexpected column" + ("s" if len(extra) > 1 else ""), column=", ".join(extra),
                        value=header,
                        expected="the header " + ",".join(names) + " (add new columns to datapackage.json first)")
    if len(set(header)) != len(header):
        raise DataError(path, "a column name appears twice in the header", value=header,
                        expected="each of " + ",".join(names) + " once")


def validate_table(path: Path, schema: dict) -> pd.DataFrame:
    """Read ``path``, check it against ``schema`` (a Table Schema dict) and return a typed DataFrame.

    Columns come in the schema's order. Empty cells become missing values; integer columns
    with missing values use pandas' nullable ``Int64``.
    """
    header, body = read_rows(path)
    return _typed_frame(path, schema, header, body)


def validate_resource(path: Path, entry: dict) -> pd.DataFrame:
    """Read ``path`` and check it against its descriptor ``entry``: the schema, then ``expected_rows`` and
    ``required_keys`` (see the module docstring); return the typed DataFrame."""
    header, body = read_rows(path)
    frame = _typed_frame(path, entry["schema"], header, body)
    check_structure(path, entry, header, body)
    return frame


def _key_texts(spec: dict) -> tuple[list[str], list[tuple[str, ...]]]:
    """The columns and the key values of one ``required_keys`` entry, each key as a tuple of texts."""
    if "field" in spec:
        return [spec["field"]], [(str(value),) for value in spec["values"]]
    return list(spec["fields"]), [tuple(str(v) for v in value) for value in spec["values"]]


def check_structure(path: Path, entry: dict, header: list[str], body: list[list[str]]) -> None:
    """Check the row count and the looked-up keys a resource declares; raise :class:`DataError` naming the file,
    the column and the missing key."""
    expected = entry.get("expected_rows")
    if not body and expected:
        raise DataError(path, "the file has a header but no data rows",
                        expected=f"{expected} rows (expected_rows in datapackage.json)")
    for spec in entry.get("required_keys", []):
        fields, keys = _key_texts(spec)
        present = {tuple(row[header.index(f)] for f in fields) for row in body}
        for key in keys:
            if key not in present:
                shown = key[0] if len(key) == 1 else ", ".join(f"{f}={v}" for f, v in zip(fields, key))
                listing = "; ".join(k[0] if len(k) == 1 else ", ".join(k) for k in keys)
                raise DataError(path, f"no row has the key {shown!r}, which {spec.get('used_by', 'a chapter')} looks up",
                                column=", ".join(fields),
                                expected=f"a row for each of: {listing} (required_keys in datapackage.json)")
    if expected is not None and len(body) != expected:
        raise DataError(path, f"the file has {len(body)} data rows",
                        expected=f"{expected} rows, as the source prints them (expected_rows in datapackage.json; "
                                 "a copy of data/ with another number of rows must change it there)")


def _typed_frame(path: Path, schema: dict, header: list[str], body: list[list[str]]) -> pd.DataFrame:
    names = [field["name"] for field in schema["fields"]]
    _check_header(path, header, names)

    columns = {}
    for field in schema["fields"]:
        index, name, type_ = header.index(field["name"]), field["name"], field["type"]
        texts = [row[index] for row in body]
        values = []
        for row, text in enumerate(texts, 1):
            if text == "":
                values.append(None)
                continue
            try:
                values.append(parse_value(text, type_))
            except ValueError:
                raise DataError(path, f"the value is not of type {type_}", row=row, column=name, value=text,
                                expected=_EXPECTED[type_]) from None
        _check_constraints(path, field, values, texts)
        columns[name] = _column(values, type_)

    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    if key:
        seen = {}
        for row, values in enumerate(zip(*(columns[k] for k in key)), 1):
            if values in seen:
                shown = "; ".join(f"{k}={v}" for k, v in zip(key, values))
                raise DataError(path, f"duplicate primary key {shown} (first seen in row {seen[values]})", row=row,
                                column=", ".join(key), expected="each row to have its own key")
            seen[values] = row
    return pd.DataFrame(columns, index=pd.RangeIndex(len(body)))
