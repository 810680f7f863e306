"""The compendium's error types: each message names what was wrong, where, and what was expected."""
from __future__ import annotations


class CompendiumError(Exception):
    """Base class of every error the compendium raises on purpose."""


class DataError(CompendiumError, ValueError):
    """A data file is missing, malformed, or breaks its schema in ``datapackage.json``.

    The message names the file and, where they apply, the row, the column, the value found
    and what was expected. Rows are counted from 1 for the first data row; the file line is
    the row number plus one (the header is line 1).
    """

    def __init__(self, path, problem, *, row=None, column=None, value=None, expected=None):
        self.path, self.problem = str(path), problem
        self.row, self.column, self.value, self.expected = row, column, value, expected
        where = [self.path]
        if row is not None:
            where.append(f"row {row} (line {row + 1})")
        if column is not None:
            where.append(f"column '{column}'")
        message = ", ".join(where) + f": {problem}"
        if value is not None:
            message += f"; found {value!r}"
        if expected is not None:
            message += f"; expected {expected}"
        super().__init__(message)


class ParameterError(CompendiumError, ValueError):
    """A chapter was given a parameter it does not declare, or a value of the wrong kind."""


class ChapterError(CompendiumError):
    """A chapter name that does not exist, or a chapter whose execution failed."""
