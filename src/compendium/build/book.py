"""Build the HTML book from the executed chapters.

The book is never executed by Jupyter Book itself: the runner executes the chapters (and skips
those whose inputs are unchanged), then this module stages a copy of the book source in
``_build/book-source/`` in which each chapter's MyST notebook is replaced by its executed
``.ipynb``, and runs ``jupyter-book build`` on it with warnings as errors and nitpicky
references. Staged files are rewritten only when their content changes, so Sphinx rebuilds
only the pages whose chapter changed. The HTML lands in ``_build/html``.

Staging also writes what the book needs and the repository does not keep: the bibliography
generated from the data package (``references.bib``), the CSV behind every figure and table
(``_data/``, taken from the executed notebooks), the package's source for the code links
(``_code/``), the book's stylesheet, and a ``_config.yml`` whose repository and launch buttons
follow the one repository setting (``repository.url``: empty means no buttons).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from compendium.present import bibliography
from compendium.present import citation
from compendium.present import downloads
from compendium.build import manifest
from compendium.data import paths
from compendium.build import runner
from compendium.build.report import report

BOOK_FILES = ("_toc.yml",)
STYLESHEET = """/* The compendium's additions to the book theme. */
.compendium-data { font-size: 0.85em; margin-top: -0.5em; }
.compendium-data-sources { font-size: 0.85em; }
.compendium-data-sources li { margin-bottom: 0.4em; }
/* Data tables are dense: a slightly smaller face lets most of them fit the text column. */
table.compendium-table { font-size: 0.88em; }
table.compendium-table th, table.compendium-table td { padding: 0.3em 0.45em; }
/* myst-nb bolds every glued value; glued numbers take the weight of the text around them, so bold marks only the few the text bolds. */
span.pasted-text { font-weight: inherit; }
"""


def staging_dir() -> Path:
    """The staged book source."""
    return paths.build_dir() / "book-source"


def _sync(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _write(text: str, target: Path) -> None:
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def staged_config(root: Path | None = None) -> dict:
    """``_config.yml`` as the build uses it: buttons that need the repository only when it has an address."""
    root = Path(root or paths.repo_root())
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    has_repository = bool(citation.repository_url(root))
    html = config.setdefault("html", {})
    html["use_repository_button"] = html["use_issues_button"] = has_repository
    if not has_repository:
        config["launch_buttons"] = {key: (False if key == "thebe" else "")
                                    for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "thebe")}
    sphinx = config.setdefault("sphinx", {}).setdefault("config", {})
    sphinx["html_static_path"] = ["_static"]
    sphinx["html_css_files"] = ["compendium.css"]
    return config


def generated_files(executed: dict[str, Path]) -> dict[str, str]:
    """Files the staged source needs beyond the repository's: path in the staging folder -> text."""
    files = {"_config.yml": yaml.safe_dump(staged_config(), sort_keys=False, allow_unicode=True),
             "references.bib": bibliography.bibtex(),
             "_static/compendium.css": STYLESHEET}
    for notebook in executed.values():
        files.update(downloads.files_in_notebook(nbformat.read(notebook, as_version=4)))
    package_dir = Path(__file__).resolve().parents[1]
    for module in sorted(package_dir.rglob("*.py")):
        relative = module.relative_to(package_dir).as_posix()
        files[f"{downloads.CODE_FOLDER}/compendium/{relative}"] = module.read_text(encoding="utf-8")
    return files


def stage(executed: dict[str, Path]) -> Path:
    """Copy the book source into the staging folder, chapters as executed notebooks; return it."""
    root, target = paths.repo_root(), staging_dir()
    wanted = set()
    for name in BOOK_FILES:
        _sync(root / name, target / name)
        wanted.add(target / name)
    for relative, text in generated_files(executed).items():
        _write(text, target / relative)
        wanted.add(target / relative)
    for source in paths.chapters_dir().rglob("*"):
        if not source.is_file() or "__pycache__" in source.parts or source.name.startswith("."):
            continue
        relative = source.relative_to(root)
        if source.suffix == ".md" and source.stem in executed and source.parent == paths.chapters_dir():
            destination = target / relative.with_suffix(".ipynb")
            _sync(executed[source.stem], destination)
        else:
            destination = target / relative
            _sync(source, destination)
        wanted.add(destination)
    for stale in [p for p in target.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
    return target


def remove_orphan_pages(source: Path, html: Path) -> list[Path]:
    """Delete HTML pages whose source document no longer exists; return them.

    Sphinx drops a removed document from its environment but leaves its old page in the
    output, where a reader (or a link checker) would still find it.
    """
    documents = {p.relative_to(source).with_suffix("") for p in source.rglob("*") if p.suffix in (".md", ".ipynb")}
    orphans = []
    for page in html.rglob("*.html"):
        relative = page.relative_to(html).with_suffix("")
        if relative.parts[0].startswith("_") or str(relative) in ("genindex", "search", "index"):
            continue
        if relative not in documents:
            page.unlink()
            orphans.append(page)
    return orphans


def jupyter_book_command(source: Path, rewrite_all: bool = False) -> list[str]:
    """The ``jupyter-book build`` call: warnings are errors, references are checked (nitpicky).

    ``rewrite_all`` makes Sphinx rewrite every page, not only those whose source changed.
    """
    executable = Path(sys.executable).with_name("jupyter-book")
    return [str(executable), "build", str(source), "--path-output", str(paths.repo_root()),
            "--warningiserror", "--nitpick", "--keep-going", "--quiet"] + (["--all"] if rewrite_all else [])


def _package_stamp() -> Path:
    return paths.build_dir() / "html" / ".compendium-package"


def package_changed_since_last_build() -> bool:
    """True when the helper package's code differs from the code that built the current HTML.

    The package holds Sphinx extensions (theme fixes, citation tags): a change to them changes
    every page, including pages whose source did not change and Sphinx would otherwise keep.
    """
    stamp = _package_stamp()
    return not stamp.is_file() or stamp.read_text(encoding="utf-8") != runner.package_digest()


def build(force: bool = False, jobs: int | None = None) -> int:
    """Execute the chapters whose inputs changed, stage the source and build the HTML; return the exit code."""

    results = runner.run(None, {}, jobs=jobs, force=force)
    if report(results):
        print("The book was not built: fix the failing chapters first.", file=sys.stderr)
        return 1
    source = stage({r.chapter: r.notebook for r in results})
    completed = subprocess.run(jupyter_book_command(source, rewrite_all=package_changed_since_last_build()),
                               cwd=paths.repo_root())
    if completed.returncode:
        print("jupyter-book build failed (warnings count as errors); see the messages above.", file=sys.stderr)
        return completed.returncode
    _package_stamp().write_text(runner.package_digest(), encoding="utf-8")
    remove_orphan_pages(source, paths.build_dir() / "html")
    manifest.write({r.chapter: r.notebook for r in results})  # output hashes, to compare two builds
    print(f"The book is in {paths.build_dir() / 'html' / 'index.html'}")
    return 0
