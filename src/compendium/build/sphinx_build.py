"""Run Jupyter Book's Sphinx build with an output folder of our choosing (``python -m compendium.build.sphinx_build``).

``jupyter-book build`` always writes to ``<path-output>/_build/<builder>``; the Spanish edition
must land in a folder of its own and the catalogues' messages come from Sphinx's ``gettext``
builder. This calls the function ``jupyter-book build`` calls, with the same configuration
(the staged ``_config.yml`` and ``_toc.yml``), warnings as errors and nitpicky references.

Usage: ``python -m compendium.build.sphinx_build SOURCE OUTPUT DOCTREES [BUILDER] [--all]``.
"""
from __future__ import annotations

import sys
from pathlib import Path


def build(source: Path, output: Path, doctrees: Path, builder: str = "html", rewrite_all: bool = False) -> int:
    """Build ``source`` (a staged book) with ``builder`` into ``output``; return Sphinx's exit code."""
    from jupyter_book.sphinx import build_sphinx

    source = Path(source).resolve()
    overrides = {"external_toc_path": (source / "_toc.yml").as_posix(), "latex_individualpages": False,
                 "nitpicky": True}
    if builder == "gettext":
        # myst-nb renders no output for a builder it does not know: give gettext the HTML's choice of outputs, so
        # that a figure's image, and its alt text, reach the catalogue.
        from myst_nb.core.render import base_render_priority

        overrides["nb_mime_priority_overrides"] = [("gettext", mime, priority) for mime, priority
                                                   in base_render_priority()["html"].items()]
    result = build_sphinx(
        source, Path(output).resolve(), use_external_toc=True, noconfig=True,
        path_config=str(source / "_config.yml"),
        confoverrides=overrides,
        doctreedir=Path(doctrees).resolve(), builder=builder, warningiserror=True, keep_going=True,
        force_all=rewrite_all, quiet=True)
    if isinstance(result, Exception):
        print(f"sphinx build of {source} failed: {result}", file=sys.stderr)
        return 1
    return int(result)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    rewrite_all = "--all" in args
    args = [a for a in args if a != "--all"]
    if len(args) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    return build(*map(Path, args[:3]), *(args[3:]), rewrite_all=rewrite_all)


if __name__ == "__main__":
    sys.exit(main())
