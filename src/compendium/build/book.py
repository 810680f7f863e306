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

Two editions are built from the one execution (:mod:`compendium.build.editions`): the English
staged in ``_build/book-source/`` and built into ``_build/html/``, the Spanish staged in
``_build/book-source-es/`` (with ``language: es`` and the chapters' catalogues from
``locale/es/``) and built into ``_build/es/html/``, then copied to ``_build/html/es/``. The two
Sphinx builds run at the same time.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from compendium.present import bibliography
from compendium.present import citation
from compendium.present import downloads
from compendium.build import editions
from compendium.build import language_switch
from compendium.build import lock
from compendium.build import manifest
from compendium.build import pages
from compendium.build import pdf_links
from compendium.data import paths
from compendium.build import runner
from compendium.build.report import report
from compendium.present import i18n

BOOK_FILES = ("_toc.yml",)


def staging_dir(lang: str = "en") -> Path:
    """The staged book source of an edition."""
    return paths.build_dir() / ("book-source" if i18n.check_lang(lang) == "en" else f"book-source-{lang}")


def html_dir(lang: str = "en") -> Path:
    """Where an edition's pages are read: ``_build/html`` (English) and ``_build/html/<lang>``."""
    html = paths.build_dir() / "html"
    return html if i18n.check_lang(lang) == "en" else html / lang


def sphinx_output_dir(lang: str) -> Path:
    """Where Sphinx writes an edition (the Spanish one apart from the English, then copied into it)."""
    return html_dir("en") if lang == "en" else paths.build_dir() / lang / "html"


def locale_dir() -> Path:
    """The catalogues: ``locale/<lang>/LC_MESSAGES/`` (the chapters' prose, and ``compendium.po`` for Python's words)."""
    return paths.repo_root() / "locale"


_WRITTEN: list[Path] = []  # staged files written by the current staging, to know whether Sphinx has work


def _sync(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    # copyfile, not copy2: the staged file must be newer than the page built from its old content,
    # however old the file it copies is (an executed notebook restored from a backup, say).
    shutil.copyfile(source, target)
    _WRITTEN.append(target)


def _write(content: str | bytes, target: Path) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content  # bytes: a figure's PNG
    if target.is_file() and target.read_bytes() == data:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    _WRITTEN.append(target)


def staged_config(root: Path | None = None, lang: str = "en") -> dict:
    """``_config.yml`` as the build uses it: buttons that need the repository only when it has an address;
    for the Spanish edition, ``language: es``, its title and the numbering words in Spanish."""
    root = Path(root or paths.repo_root())
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    if i18n.check_lang(lang) != "en":
        config["title"] = i18n._(config["title"], lang)
        sphinx_config = config.setdefault("sphinx", {}).setdefault("config", {})
        sphinx_config["language"] = lang
        sphinx_config["numfig_format"] = {kind: i18n._(text, lang)
                                          for kind, text in sphinx_config.get("numfig_format", {}).items()}
        sphinx_config["bibtex_default_style"] = bibliography.STYLE_NAMES[lang]  # "y", "s. f."
        sphinx_config["bibtex_reference_style"] = language_switch.reference_style(
            sphinx_config.get("bibtex_reference_style", "author_year"), lang)
    has_repository = bool(citation.repository_url(root))
    config.pop("site", None)  # the compendium's own setting, read by compendium.present.citation
    html = config.setdefault("html", {})
    html["use_repository_button"] = html["use_issues_button"] = has_repository
    if not has_repository:
        config["launch_buttons"] = {key: (False if key == "thebe" else "")
                                    for key in ("binderhub_url", "jupyterhub_url", "colab_url", "deepnote_url", "thebe")}
    return config


def edition_notebooks(executed: dict[str, Path], lang: str) -> dict[str, nbformat.NotebookNode]:
    """Each executed chapter as the ``lang`` edition shows it."""
    return {name: editions.edition_notebook(nbformat.read(path, as_version=4), lang, name)
            for name, path in executed.items()}


def staged_toc(lang: str) -> str:
    """``_toc.yml`` for an edition: the parts' captions in its language."""
    text = (paths.repo_root() / "_toc.yml").read_text(encoding="utf-8")
    if lang == "en":
        return text
    toc = yaml.safe_load(text)
    for part in toc.get("parts", []):
        if "caption" in part:
            part["caption"] = i18n._(part["caption"], lang)
    return yaml.safe_dump(toc, sort_keys=False, allow_unicode=True)


def generated_files(executed: dict[str, Path], lang: str = "en",
                    notebooks: dict[str, nbformat.NotebookNode] | None = None) -> dict[str, str | bytes]:
    """Files the staged source of an edition needs beyond the repository's: path in the staging folder -> text
    (or PNG bytes)."""
    files = {"_config.yml": yaml.safe_dump(staged_config(lang=lang), sort_keys=False, allow_unicode=True),
             "references.bib": bibliography.bibtex(lang=lang)}
    if lang != "en":
        files["_toc.yml"] = staged_toc(lang)
    notebooks = notebooks if notebooks is not None else edition_notebooks(executed, lang)
    for notebook in notebooks.values():
        files.update(downloads.files_in_notebook(notebook))
    for page in sorted(paths.chapters_dir().glob("*.md")):
        record = citation.page_record(page.stem, lang=lang)
        files[citation.csl_json_path(record)] = citation.csl_json_text(record)
    package_dir = Path(__file__).resolve().parents[1]
    for module in sorted(package_dir.rglob("*.py")):
        relative = module.relative_to(package_dir).as_posix()
        files[f"{downloads.CODE_FOLDER}/compendium/{relative}"] = module.read_text(encoding="utf-8")
    return files


def has_cite_block(page: Path) -> bool:
    """True when a page writes its own "Cite this ..." section (the chapters do, in their last cell)."""
    return any(line.startswith("## Cite this") for line in page.read_text(encoding="utf-8").splitlines())


def cite_section(name: str, lang: str = "en") -> str:
    """The "Cite this page" (or "Cite this book") section staging adds to a page that has none, in ``lang``."""
    return f"## {citation.heading(name, lang=lang)}\n\n{citation.cite_block_markdown(name, lang=lang)}"


def stage(executed: dict[str, Path], lang: str = "en", cite_sections: bool = True,
          target: Path | None = None) -> Path:
    """Copy the book source into the staging folder of the ``lang`` edition (or ``target``), chapters as executed
    notebooks showing that edition; return it. ``cite_sections=False`` leaves out the "Cite this page" sections
    staging adds (the catalogues are extracted without them: each edition writes its own in its language)."""
    root, target = paths.repo_root(), Path(target or staging_dir(lang))
    notebooks = edition_notebooks(executed, lang)
    wanted = set()
    for name in BOOK_FILES if lang == "en" else ():  # other editions write their own (generated_files)
        _sync(root / name, target / name)
        wanted.add(target / name)
    for relative, text in generated_files(executed, lang, notebooks).items():
        _write(text, target / relative)
        wanted.add(target / relative)
    if lang != "en":
        # The chapters' catalogues; Sphinx compiles each into a .mo beside it, kept between builds (a new
        # .mo would make Sphinx read every page again).
        for catalogue in sorted((locale_dir() / lang).rglob("*.po")):
            if catalogue.name == f"{i18n.DOMAIN}.po":
                continue
            destination = target / "locale" / catalogue.relative_to(locale_dir())
            _sync(catalogue, destination)
            wanted.update({destination, destination.with_suffix(".mo")})
    for source in paths.chapters_dir().rglob("*"):
        if not source.is_file() or "__pycache__" in source.parts or source.name.startswith("."):
            continue
        relative = source.relative_to(root)
        if source.suffix == ".md" and source.stem in executed and source.parent == paths.chapters_dir():
            destination = target / relative.with_suffix(".ipynb")
            notebook = notebooks[source.stem]
            if cite_sections and not has_cite_block(source):
                # a fixed cell id: the staged copy is rewritten (and the page rebuilt) only when the block changes
                notebook.cells.append(nbformat.v4.new_markdown_cell(cite_section(source.stem, lang),
                                                                    id="compendium-cite"))
            _write(nbformat.writes(notebook) + "\n", destination)
        elif (cite_sections and source.suffix == ".md" and source.parent == paths.chapters_dir()
              and not has_cite_block(source)):
            destination = target / relative
            _write(source.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + cite_section(source.stem, lang) + "\n",
                   destination)
        else:
            destination = target / relative
            _sync(source, destination)
        wanted.add(destination)
    for stale in [p for p in target.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
        _WRITTEN.append(stale)
    return target


def stage_changed(executed: dict[str, Path], lang: str = "en") -> tuple[Path, bool]:
    """:func:`stage`, and whether it changed any staged file."""
    _WRITTEN.clear()
    target = stage(executed, lang)
    return target, bool(_WRITTEN)


def _editions_stamp() -> Path:
    return paths.build_dir() / "html" / ".compendium-editions"


def editions_digest(languages) -> str:
    """A hash of what a build of ``languages`` depends on beyond the staged sources: the package's files of every
    kind (theme templates, styles and scripts as well as code) and the editions built."""
    import hashlib

    digest = hashlib.sha256(" ".join(languages).encode())
    package_dir = Path(__file__).resolve().parents[1]
    for path in sorted(p for p in package_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def nothing_to_build(languages, changed: bool) -> bool:
    """True when no staged file changed and the last build was of the same editions with the same package: Sphinx
    would only read its environment and write nothing, so the build skips it (a no-change rebuild)."""
    stamp = _editions_stamp()
    if changed or not stamp.is_file():
        return False
    if any(not (sphinx_output_dir(lang) / "index.html").is_file() for lang in languages):
        return False
    return stamp.read_text(encoding="utf-8") == editions_digest(languages)


def remove_orphan_pages(source: Path, html: Path) -> list[Path]:
    """Delete HTML pages whose source document no longer exists; return them.

    Sphinx drops a removed document from its environment but leaves its old page in the
    output, where a reader (or a link checker) would still find it. The other editions'
    folders (``_build/html/es``) are theirs.
    """
    documents = {p.relative_to(source).with_suffix("") for p in source.rglob("*") if p.suffix in (".md", ".ipynb")}
    orphans = []
    for page in html.rglob("*.html"):
        relative = page.relative_to(html).with_suffix("")
        if relative.parts[0].startswith("_") or str(relative) in ("genindex", "search", "index"):
            continue
        if relative.parts[0] in i18n.LANGUAGES[1:] and html == html_dir("en"):
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


def sphinx_command(source: Path, lang: str = "en", rewrite_all: bool = False, builder: str = "html") -> list[str]:
    """The Sphinx build of an edition: ``jupyter-book build`` for the English HTML, otherwise the same build
    with its own output folder (:mod:`compendium.build.sphinx_build`)."""
    if lang == "en" and builder == "html":
        return jupyter_book_command(source, rewrite_all=rewrite_all)
    output = sphinx_output_dir(lang) if builder == "html" else paths.build_dir() / builder
    doctrees = paths.build_dir() / (lang if builder == "html" else builder) / ".doctrees"
    return ([sys.executable, "-m", "compendium.build.sphinx_build", str(source), str(output), str(doctrees), builder]
            + (["--all"] if rewrite_all else []))


def _sphinx(source: Path, rewrite_all: bool, lang: str = "en") -> int:
    return _sphinx_editions({lang: source}, rewrite_all)


def _sphinx_editions(sources: dict[str, Path], rewrite_all: bool) -> int:
    """Build the editions' HTML, all at once (one process each); return the first failing exit code, else 0."""
    running = {lang: subprocess.Popen(sphinx_command(source, lang, rewrite_all), cwd=paths.repo_root())
               for lang, source in sources.items()}
    failed = 0
    for lang, process in running.items():
        if process.wait():
            print(f"the {lang!r} edition's Sphinx build failed (warnings count as errors); see the messages above.",
                  file=sys.stderr)
            failed = failed or process.returncode
    return failed


def mirror(source: Path, target: Path) -> None:
    """Make ``target`` a copy of the folder ``source``, writing only the files that differ."""
    wanted = set()
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        destination = target / path.relative_to(source)
        wanted.add(destination)
        if destination.is_file() and destination.stat().st_size == path.stat().st_size \
                and destination.read_bytes() == path.read_bytes():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    if target.is_dir():
        for stale in [p for p in target.rglob("*") if p.is_file() and p not in wanted]:
            stale.unlink()


def _rebuild_stale_pages(source: Path, html: Path, lang: str = "en") -> list[pages.StalePage]:
    """Check every chapter page against its notebook; rebuild the stale ones once; return those still stale."""
    stale = pages.stale_pages(source, html)
    if not stale:
        return []
    for problem in stale:
        print(f"rebuilding a stale page: {problem}", file=sys.stderr)
        problem.notebook.touch()  # newer than the page: Sphinx rebuilds it
    if _sphinx(source, rewrite_all=False, lang=lang):
        return stale
    return pages.stale_pages(source, html)


def chosen_editions(languages=None) -> tuple[str, ...]:
    """The editions a build makes: ``languages``, else ``$COMPENDIUM_EDITIONS`` (e.g. ``en``), else all."""
    chosen = languages or [l for l in os.environ.get("COMPENDIUM_EDITIONS", "").replace(",", " ").split() if l]
    return tuple(i18n.check_lang(l) for l in (chosen or i18n.LANGUAGES))


def build(force: bool = False, jobs: int | None = None, lock_mode: str | None = None, languages=None) -> int:
    """Execute the chapters whose inputs changed, stage both editions and build their HTML; return the exit code.

    Holds the build lock throughout; ``lock_mode`` (``wait`` or ``refuse``, default
    ``$COMPENDIUM_LOCK`` or ``wait``) says what to do when another build holds it. ``languages``
    (default: every edition, or ``$COMPENDIUM_EDITIONS``) chooses the editions built; English
    is always among them.
    """
    languages = chosen_editions(languages)
    if "en" not in languages:
        languages = ("en",) + languages
    with lock.hold(lock_mode):
        results = runner.run(None, {}, jobs=jobs, force=force)
        if report(results):
            print("The book was not built: fix the failing chapters first.", file=sys.stderr)
            return 1
        notebooks = {r.chapter: r.notebook for r in results}
        staged = {lang: stage_changed(notebooks, lang) for lang in languages}
        sources = {lang: source for lang, (source, _changed) in staged.items()}
        html = paths.build_dir() / "html"
        if not nothing_to_build(languages, any(changed for _source, changed in staged.values())):
            _editions_stamp().unlink(missing_ok=True)  # written again only when this build succeeds
            code = _sphinx_editions(sources, rewrite_all=package_changed_since_last_build())
            if code:
                return code
        still_stale = [problem for lang, source in sources.items()
                       for problem in _rebuild_stale_pages(source, sphinx_output_dir(lang), lang)]
        if still_stale:
            for problem in still_stale:
                print(f"error: {problem}", file=sys.stderr)
            print("The book is not complete: the pages above do not match their executed notebooks. "
                  "Run `make clean` and build again.", file=sys.stderr)
            return 1
        _package_stamp().write_text(runner.package_digest(), encoding="utf-8")
        for lang, source in sources.items():
            remove_orphan_pages(source, sphinx_output_dir(lang))
            pages.remove_unused_files(sphinx_output_dir(lang))
            if lang != "en":
                mirror(sphinx_output_dir(lang), html_dir(lang))
        pdf_links.link(html)  # the print edition's PDFs, when `make pdf` made them; no link otherwise
        manifest.write(notebooks, html=html)  # output and page hashes, to compare two builds
        _editions_stamp().write_text(editions_digest(languages), encoding="utf-8")
    print(f"The book is in {html / 'index.html'}" + "".join(
        f" and {html_dir(lang) / 'index.html'}" for lang in languages if lang != "en"))
    return 0
