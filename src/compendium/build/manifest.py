"""A manifest of what the chapters produce, so two builds can be compared byte for byte.

For each executed chapter the manifest records the SHA-256 of its glued values (each value and
the whole set) and of every figure or image it outputs; for the built book, the SHA-256 of every
HTML page (``pages``, by path under ``_build/html``), so a page that differs from the one the
same inputs built before is seen too. Timestamps, durations and kernel metadata are left out on
purpose: they change on every run and no reader sees them. Two runs of the same chapters on the
same inputs must give the same manifest; :func:`differences` says where two manifests part.

``python -m compendium book`` writes ``_build/manifest.json`` after each successful build.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import nbformat

from compendium.build import outputs
from compendium.data import paths

MANIFEST_VERSION = 2  # 2: adds the pages of the built book
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _canonical(value) -> bytes:
    """A value as canonical JSON bytes (sorted keys; anything not JSON as its ``repr``)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr).encode("utf-8")


def _image_bytes(mime: str, payload) -> bytes:
    text = "".join(payload) if isinstance(payload, list) else payload
    if mime == "image/svg+xml":
        return text.encode("utf-8")
    return base64.b64decode(text)


def chapter_entry(notebook) -> dict:
    """The manifest entry of one executed chapter (a path or an ``nbformat`` notebook).

    ``figures`` is keyed ``cell<N>-output<M>.<ext>``: the 1-based code cell and output numbers,
    so a difference points at the cell that produced it.
    """
    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(Path(notebook), as_version=4)
    glued = outputs.glued_values(notebook)
    figures = {}
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for cell_number, cell in enumerate(code_cells, 1):
        for output_number, output in enumerate(cell.get("outputs", []), 1):
            for mime in IMAGE_TYPES:
                if mime in output.get("data", {}):
                    extension = mime.split("/")[1].split("+")[0]
                    name = f"cell{cell_number}-output{output_number}.{extension}"
                    figures[name] = _sha256(_image_bytes(mime, output["data"][mime]))
    return {
        "glued_values_sha256": _sha256(_canonical(glued)),
        "glued": {key: _sha256(_canonical(value)) for key, value in sorted(glued.items())},
        "figures": figures,
    }


def page_hashes(html: Path) -> dict[str, str]:
    """The SHA-256 of every page of a built book, by its path under ``html`` (not the theme's templates in
    ``_static/`` or the other ``_`` folders Sphinx fills)."""
    html = Path(html)
    return {page.relative_to(html).as_posix(): _sha256(page.read_bytes()) for page in sorted(html.rglob("*.html"))
            if not page.relative_to(html).parts[0].startswith("_")}


def build_manifest(notebooks: dict[str, Path], html: Path | None = None) -> dict:
    """The manifest of several executed chapters, given as ``{chapter name: notebook path}``, and of the
    pages of the book built from them in ``html`` (if given)."""
    found = {"version": MANIFEST_VERSION,
             "chapters": {name: chapter_entry(path) for name, path in sorted(notebooks.items())}}
    if html is not None:
        found["pages"] = page_hashes(html)
    return found


def manifest_path() -> Path:
    """Where the book build writes its manifest."""
    return paths.build_dir() / "manifest.json"


def write(notebooks: dict[str, Path], path: Path | None = None, html: Path | None = None) -> Path:
    """Write the manifest of ``notebooks`` (``{chapter: path}``) and of the pages in ``html`` to ``path``
    (default ``_build/manifest.json``)."""
    path = Path(path or manifest_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_manifest(notebooks, html), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def refresh_pages(html: Path, path: Path | None = None) -> Path | None:
    """Record again the pages of ``html`` in the manifest at ``path`` (after a step that rewrote pages); None without one."""
    path = Path(path or manifest_path())
    if not path.is_file():
        return None
    found = json.loads(path.read_text(encoding="utf-8"))
    found["pages"] = page_hashes(html)
    path.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def differences(first: dict, second: dict) -> list[str]:
    """Where two manifests differ, one line each (empty when they are identical)."""
    found = []
    chapters_a, chapters_b = first.get("chapters", {}), second.get("chapters", {})
    for name in sorted(set(chapters_a) | set(chapters_b)):
        if name not in chapters_a or name not in chapters_b:
            found.append(f"chapter '{name}' is in only one manifest")
            continue
        a, b = chapters_a[name], chapters_b[name]
        for kind in ("glued", "figures"):
            for key in sorted(set(a[kind]) | set(b[kind])):
                if a[kind].get(key) != b[kind].get(key):
                    what = "glued value" if kind == "glued" else "figure"
                    found.append(f"chapter '{name}': {what} '{key}' differs "
                                 f"({a[kind].get(key, 'absent')[:12]} vs {b[kind].get(key, 'absent')[:12]})")
    pages_a, pages_b = first.get("pages", {}), second.get("pages", {})
    for page in sorted(set(pages_a) | set(pages_b)):
        if pages_a.get(page) != pages_b.get(page):
            found.append(f"page '{page}' differs ({pages_a.get(page, 'absent')[:12]} vs {pages_b.get(page, 'absent')[:12]})")
    return found
