"""Read results back from executed chapter notebooks: glued values, for tests and audits."""
from __future__ import annotations

import ast
from pathlib import Path

import nbformat


def glued_values(notebook) -> dict[str, object]:
    """Every value glued in an executed notebook, by key.

    ``notebook`` is a path or an ``nbformat`` notebook. Glued strings come back as ``str``;
    other values as the Python literal of their plain-text form when it is one, else that text.
    """
    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(Path(notebook), as_version=4)
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            text = output.get("data", {}).get(record.get("mime_prefix", "") + "text/plain")
            if text is None:
                values[record["name"]] = None
                continue
            try:
                values[record["name"]] = ast.literal_eval(text)
            except (ValueError, SyntaxError):
                values[record["name"]] = text
    return values
