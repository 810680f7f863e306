"""Build the HTML book from the executed chapters.

The book is never executed by Jupyter Book itself: the runner executes the chapters (and skips
those whose inputs are unchanged), then this module stages a copy of the book source in
``_build/book-source/`` in which each chapter's MyST notebook is replaced by its executed
``.ipynb``, and runs ``jupyter-book build`` on it with warnings as errors and nitpicky
references. Staged files are rewritten only when their content changes, and a rewritten file
gets the current time as its modification time (never the time of the file it copies: Sphinx
rebuilds a page only when its source is newer than its last build), so Sphinx rebuilds exactly
the pages whose chapter changed. The HTML lands in ``_build/html``.

After Sphinx, every chapter page is checked against its executed notebook
(:mod:`compendium.build.pages`): a page that does not show a value its notebook glued is rebuilt
once, and the build fails naming the page if it is still wrong. Images and downloads no page
links to any more are removed, and the manifest records a hash of every page. The whole build
holds the build lock (:mod:`compendium.build.lock`).

Staging also writes what the book needs and the repository does not keep: the bibliography
generated from the data package (``references.bib``), the CSV behind every figure and table
(``_data/``, taken from the executed notebooks), the package's source for the code links
(``_code/``), each page's citation as CSL-JSON (``_cite/``), a "Cite this page" section on the
pages that do not write one themselves (the appendices and the landing page), and a
``_config.yml`` whose repository and launch buttons follow the one repository setting
(``repository.url``: empty means no buttons).
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
from compendium.build import lock
from compendium.build import manifest
from compendium.build import pages
from compendium.build import pdf_links
from compendium.data import paths
from compendium.build import runner
from compendium.build.report import report

BOOK_FILES = ("_toc.yml",)


def staging_dir() -> Path:
    """The staged book source."""
    return paths.build_dir() / "book-source"


def _sync(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # copyfile, not copy2: the staged file must be newer than the page built from its old content,
    # however old the file it copies is (an executed notebook restored from a backup, say).
    shutil.copyfile(source, target)


def _write(content: str | bytes, target: Path) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content  # bytes: a figure's PNG
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def staged_config(root: Path | None = None) -> dict:
    """``_config.yml`` as the build uses it: buttons that need the repository only when it has an address."""
    root = Path(root or paths.repo_root())
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    has_repository = bool(citation.repository_url(root))
    config.pop("site", None)  # the compendium's own setting, read by compendium.present.citation
    html = config.setdefault("html", {})
    html["use_repository_button"] = html["use_issues_button"] = has_repository
    if not has_repository:
        config["launch_buttons"] = {key: (False if key == "thebe" else "")
                                    for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "thebe")}
    return config


def generated_files(executed: dict[str, Path]) -> dict[str, str | bytes]:
    """Files the staged source needs beyond the repository's: path in the staging folder -> text (or PNG bytes)."""
    files = {"_config.yml": yaml.safe_dump(staged_config(), sort_keys=False, allow_unicode=True),
             "references.bib": bibliography.bibtex()}
    for notebook in executed.values():
        files.update(downloads.files_in_notebook(nbformat.read(notebook, as_version=4)))
    for page in sorted(paths.chapters_dir().glob("*.md")):
        record = citation.page_record(page.stem)
        files[citation.csl_json_path(record)] = citation.csl_json_text(record)
    package_dir = Path(__file__).resolve().parents[1]
    for module in sorted(package_dir.rglob("*.py")):
        relative = module.relative_to(package_dir).as_posix()
        files[f"{downloads.CODE_FOLDER}/compendium/{relative}"] = module.read_text(encoding="utf-8")
    return files


def has_cite_block(page: Path) -> bool:
    """True when a page writes its own "Cite this ..." section (the chapters do, in their last cell)."""
    return any(line.startswith("## Cite this") for line in page.read_text(encoding="utf-8").splitlines())


def cite_section(name: str) -> str:
    """The "Cite this page" (or "Cite this book") section staging adds to a page that has none."""
    return f"## {citation.heading(name)}\n\n{citation.cite_block_markdown(name)}"


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
            if has_cite_block(source):
                _sync(executed[source.stem], destination)
            else:
                notebook = nbformat.read(executed[source.stem], as_version=4)
                # a fixed cell id: the staged copy is rewritten (and the page rebuilt) only when the block changes
                notebook.cells.append(nbformat.v4.new_markdown_cell(cite_section(source.stem), id="compendium-cite"))
                _write(nbformat.writes(notebook), destination)
        elif source.suffix == ".md" and source.parent == paths.chapters_dir() and not has_cite_block(source):
            destination = target / relative
            _write(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + cite_section(source.stem) + "\n",
                   destination)
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


def _sphinx(source: Path, rewrite_all: bool) -> int:
    completed = subprocess.run(jupyter_book_command(source, rewrite_all=rewrite_all), cwd=paths.repo_root())
    if completed.returncode:
        print("jupyter-book build failed (warnings count as errors); see the messages above.", file=sys.stderr)
    return completed.returncode


def _rebuild_stale_pages(source: Path, html: Path) -> list[pages.StalePage]:
    """Check every chapter page against its notebook; rebuild the stale ones once; return those still stale."""
    stale = pages.stale_pages(source, html)
    if not stale:
        return []
    for problem in stale:
        print(f"rebuilding a stale page: {problem}", file=sys.stderr)
        problem.notebook.touch()  # newer than the page: Sphinx rebuilds it
    if _sphinx(source, rewrite_all=False):
        return stale
    return pages.stale_pages(source, html)


def build(force: bool = False, jobs: int | None = None, lock_mode: str | None = None) -> int:
    """Execute the chapters whose inputs changed, stage the source and build the HTML; return the exit code.

    Holds the build lock throughout; ``lock_mode`` (``wait`` or ``refuse``, default
    ``$COMPENDIUM_LOCK`` or ``wait``) says what to do when another build holds it.
    """
    with lock.hold(lock_mode):
        results = runner.run(None, {}, jobs=jobs, force=force)
        if report(results):
            print("The book was not built: fix the failing chapters first.", file=sys.stderr)
            return 1
        notebooks = {r.chapter: r.notebook for r in results}
        source = stage(notebooks)
        html = paths.build_dir() / "html"
        code = _sphinx(source, rewrite_all=package_changed_since_last_build())
        if code:
            return code
        still_stale = _rebuild_stale_pages(source, html)
        if still_stale:
            for problem in still_stale:
                print(f"error: {problem}", file=sys.stderr)
            print("The book is not complete: the pages above do not match their executed notebooks. "
                  "Run `make clean` and build again.", file=sys.stderr)
            return 1
        _package_stamp().write_text(runner.package_digest(), encoding="utf-8")
        remove_orphan_pages(source, html)
        pages.remove_unused_files(html)
        pdf_links.link(html)  # the print edition's PDFs, when `make pdf` made them; no link otherwise
        manifest.write(notebooks, html=html)  # output and page hashes, to compare two builds
    print(f"The book is in {html / 'index.html'}")
    return 0
