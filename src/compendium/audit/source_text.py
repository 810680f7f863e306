"""The two source texts as the data package keeps them, and the lines its references point to.

``data/sources/`` holds exact copies of the plain-text versions of the paper and the INAES
profile; ``datapackage.json`` names each under ``documents`` with its ``text_copy``. Every line
reference of the package (``text_lines`` of the claims, of the audit files and of each
resource's provenance) is written as ``117``, ``117; 126`` or ``175-186`` (ranges inclusive) and
counts lines from 1. This module reads the copies and resolves those references, so a test can
check that each one points to a line holding what it says.
"""
from __future__ import annotations

import re

from compendium.data import descriptor, paths
from compendium.data.errors import DataError

LINE_SPEC = re.compile(r"^\d+(?:-\d+)?(?:; \d+(?:-\d+)?)*$")
"""A line reference: numbers or inclusive ranges joined by '; '."""


def text_path(document: str, data_dir=None):
    """The text copy of ``document`` (``paper`` or ``inaes_profile``)."""
    documents = descriptor.read_descriptor(data_dir).get("documents", {})
    if document not in documents:
        raise DataError(paths.data_dir(data_dir) / descriptor.DESCRIPTOR, f"no document named {document!r}",
                        expected="one of " + ", ".join(documents))
    return paths.data_dir(data_dir) / documents[document]["text_copy"]


def lines(document: str, data_dir=None) -> list[str]:
    """The lines of ``document``'s text copy, without line ends; line N is ``lines(...)[N - 1]``."""
    path = text_path(document, data_dir)
    if not path.is_file():
        raise DataError(path, "text copy not found", expected="the exact copy of the source named in datapackage.json")
    descriptor.note_read(path)
    return path.read_text(encoding="utf-8").splitlines()


def line_numbers(spec: str) -> list[int]:
    """``'117; 126'`` -> ``[117, 126]``; ``'175-178'`` -> ``[175, 176, 177, 178]``."""
    spec = str(spec).strip()
    if not LINE_SPEC.match(spec):
        raise ValueError(f"not a line reference: {spec!r} (expected numbers or ranges joined by '; ', as '117; 126-128')")
    numbers = []
    for part in spec.split("; "):
        first, _, last = part.partition("-")
        numbers.extend(range(int(first), int(last or first) + 1))
    return numbers


def text_at(document: str, spec: str, data_dir=None) -> str:
    """The lines ``spec`` points to in ``document``, joined by newlines; a line past the end raises DataError."""
    text = lines(document, data_dir)
    wanted = line_numbers(spec)
    beyond = [n for n in wanted if n > len(text)]
    if beyond:
        raise DataError(text_path(document, data_dir), f"line {beyond[0]} does not exist",
                        expected=f"a line from 1 to {len(text)}")
    return "\n".join(text[n - 1] for n in wanted)


def fragments(as_printed: str) -> list[str]:
    """The literal pieces of a quotation: ``'A ... B'`` -> ``['A', 'B']``; an editorial ``[note]`` is left out."""
    without_notes = re.sub(r"\s*\[[^\]]*\]\s*", " ... ", str(as_printed))
    return [piece.strip() for piece in without_notes.split("...") if piece.strip()]


def squeeze(text: str) -> str:
    """``text`` with every run of white space (tabs of a table, line ends) made one space."""
    return re.sub(r"\s+", " ", str(text)).strip()


def unmark(text: str) -> str:
    """The words of a line without the Markdown of the text copy: ``[Verea \\(2022\\)](#)`` -> ``Verea (2022)``, ``*et al.*`` -> ``et al.``."""
    return str(text).replace("](#)", "").replace("[", "").replace("\\", "").replace("*", "")


def missing_fragments(document: str, spec: str, as_printed: str, data_dir=None) -> list[str]:
    """The pieces of ``as_printed`` not found in the lines ``spec`` points to (empty when the reference holds).

    White space is compared loosely (a table's tabs match a space) and the copy's Markdown marks
    (links, escapes, emphasis) are set aside; letters and case are compared exactly.
    """
    text = squeeze(unmark(text_at(document, spec, data_dir)))
    return [piece for piece in fragments(as_printed) if squeeze(piece) not in text]


def occurrences(document: str, pattern: str, data_dir=None, *, first: int = 1, last: int | None = None) -> list[tuple[int, int]]:
    """``(line, times)`` for each line from ``first`` to ``last`` where the regular expression ``pattern`` occurs."""
    compiled = re.compile(pattern)
    text = lines(document, data_dir)
    last = len(text) if last is None else last
    found = []
    for number in range(first, last + 1):
        times = len(compiled.findall(text[number - 1]))
        if times:
            found.append((number, times))
    return found
