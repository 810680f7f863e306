"""The translation catalogues: update them from the English source, and say what is left to translate.

Two kinds of catalogue live in ``locale/<lang>/LC_MESSAGES/`` and are kept in the repository:

* ``compendium.po``: the words Python writes (:mod:`compendium.present.i18n`). Its messages are
  every literal passed to ``_()``, ``n_()`` or ``gettext_noop()`` in the package (found by
  reading the code, :func:`python_messages`), and the book's title, the parts of the table of
  contents and the numbering words ("Figure %s") of ``_config.yml`` and ``_toc.yml``;
* ``<page>.po`` (``chapters/diaspora.po``, ...): the prose of each page, as Sphinx's ``gettext``
  builder extracts it from the staged English source (:func:`update_page_catalogues`), merged
  by ``sphinx-intl`` so that translations already made are kept and a changed paragraph comes
  back fuzzy.

``python -m compendium catalogues`` (``make catalogues``) updates both; :func:`problems` lists
every entry that is missing, untranslated or fuzzy, by file and message (the tests fail on them,
except for the pages listed in ``locale/<lang>/untranslated.txt``).
"""
from __future__ import annotations

import ast
import datetime
import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from compendium.data import paths
from compendium.present import i18n

MARKERS = {"_": 1, "gettext_noop": 1, "n_": 2}
"""Functions whose literal arguments are messages, and how many of them (``n_``: singular and plural)."""
UNTRANSLATED_LIST = "untranslated.txt"
HEADER = ("# The words the compendium's Python code writes, in the Spanish (Mexico) edition.\n"
          "# Updated by `make catalogues` from the code; translate each msgstr (see README, Translating).")
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
WIDTH = 100


def locale_dir() -> Path:
    return paths.repo_root() / "locale"


def package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def python_messages(package: Path | None = None) -> dict[tuple[str | None, str], list[str]]:
    """``{(context, message): [where, ...]}`` for every literal message in the package's code, and the book's
    configuration words."""
    scanning_the_book = package is None
    package = Path(package or package_dir())
    found: dict[tuple[str | None, str], list[str]] = {}
    sources = [(module.relative_to(package.parent).as_posix(), module.read_text(encoding="utf-8"))
               for module in sorted(package.rglob("*.py"))]
    if scanning_the_book:
        sources += chapter_code()
    for where, code in sources:
        tree = ast.parse(code, filename=where)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in MARKERS:
                continue
            context = next((k.value.value for k in node.keywords if k.arg == "context"
                            and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str)), None)
            for argument in node.args[:MARKERS[name]]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found.setdefault((context, argument.value), []).append(where)  # no line numbers: they churn
    for message in configuration_messages():
        found.setdefault((None, message), []).append("_config.yml / _toc.yml")
    for text in descriptor_messages():
        found.setdefault(("datapackage", text), []).append("data/datapackage.json")
    for (dataset, column), texts in data_messages().items():
        for text in texts:
            found.setdefault(("data", text), []).append(f"data: {dataset}.{column}")
    return found


def descriptor_messages(data_dir=None) -> list[str]:
    """The texts of ``datapackage.json`` a reader sees (:data:`compendium.present.i18n.DESCRIPTOR_FIELDS`)."""
    from compendium.data import descriptor

    def values(node, path):
        head, _, rest = path.partition(".")
        value = node.get(head) if isinstance(node, dict) else None
        if isinstance(value, list):
            return [v for item in value for v in values(item, rest)] if rest else [str(v) for v in value]
        if rest:
            return values(value, rest) if isinstance(value, dict) else []
        return [str(value)] if value not in (None, "") and not isinstance(value, (dict, list)) else []

    found = set()
    for entry in descriptor.read_descriptor(data_dir).get("resources", []):
        for field in i18n.DESCRIPTOR_FIELDS:
            found.update(v.strip() for v in values(entry, field) if v.strip())
    return sorted(found)


def data_messages(data_dir=None) -> dict[tuple[str, str], list[str]]:
    """``{(dataset, column): [text, ...]}``: the texts of the data package's columns a reader sees as words
    (:data:`compendium.present.i18n.DATA_TEXTS`)."""
    import pandas as pd

    from compendium.data import descriptor

    found = {}
    for dataset, column in i18n.DATA_TEXTS:
        entry = descriptor.resource(dataset, data_dir)
        frame = pd.read_csv(paths.data_dir(data_dir) / entry["path"], dtype=str, keep_default_na=False)
        if column not in frame.columns:
            raise KeyError(f"i18n.DATA_TEXTS names column {column!r} of dataset {dataset!r}, which has columns "
                           f"{', '.join(frame.columns)}")
        found[(dataset, column)] = sorted({v.strip() for v in frame[column] if v.strip()})
    return found


def chapter_code() -> list[tuple[str, str]]:
    """``(chapters/<name>.md, code)`` for every chapter notebook: the code of its cells (captions written with
    ``i18n._(..., lang)`` are messages too)."""
    import jupytext

    found = []
    for path in sorted(paths.chapters_dir().glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "kernelspec:" not in text.split("\n---", 1)[0]:
            continue
        cells = [c.source for c in jupytext.reads(text, fmt="md:myst").cells if c.cell_type == "code"]
        code = "\n\n".join(cell for cell in cells if not cell.lstrip().startswith(("%", "!")))
        found.append((f"chapters/{path.name}", code))
    return found


def configuration_messages() -> list[str]:
    """The book's title, the parts' captions and the numbering words, which the Spanish edition translates."""
    root = paths.repo_root()
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    from compendium.present.citation import capitalise_subtitle

    # the title as the citations write it too (APA: capital after the colon)
    messages = [config["title"], " ".join(str(cff["title"]).split()), capitalise_subtitle(cff["title"])]
    messages += list(config.get("sphinx", {}).get("config", {}).get("numfig_format", {}).values())
    messages += [part["caption"] for part in toc.get("parts", []) if "caption" in part]
    return messages


def update_python_catalogue(lang: str = "es") -> Path:
    """Add every message of the code to ``locale/<lang>/LC_MESSAGES/compendium.po`` (keeping the translations made;
    dropping messages the code no longer has); return the file."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    path = i18n.catalogue_path(lang)
    template = Catalog(project="compendium", fuzzy=False, header_comment=HEADER, creation_date=FIXED_DATE,
                       revision_date=FIXED_DATE)
    for (context, message), where in sorted(python_messages().items(), key=lambda item: (item[0][1], item[0][0] or "")):
        template.add(message, context=context, auto_comments=[", ".join(sorted(set(where)))[:300]])
    if path.is_file():
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=i18n.LOCALES[lang])
        catalogue.update(template, no_fuzzy_matching=True)
    else:
        catalogue = Catalog(locale=i18n.LOCALES[lang], project="compendium", fuzzy=False)
        catalogue.update(template, no_fuzzy_matching=True)
    catalogue.fuzzy = False
    catalogue.header_comment = HEADER
    catalogue.creation_date = catalogue.revision_date = FIXED_DATE  # the file changes only when a message does
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=WIDTH, omit_header=False, sort_output=True, ignore_obsolete=True,
                 include_previous=False, include_lineno=False)
    return path


def message_source(executed: dict[str, Path]) -> Path:
    """The English source the pages' messages are extracted from: staged like the book's, in a folder of its own,
    without the "Cite this ..." sections staging adds (each edition writes those in its own language from
    :mod:`compendium.present.citation`, whose words are in ``compendium.po``)."""
    from compendium.build import book

    return book.stage(executed, "en", cite_sections=False, target=paths.build_dir() / "book-source-messages")


def update_page_catalogues(executed: dict[str, Path], lang: str = "es") -> list[Path]:
    """Extract the pages' messages from the staged English source (Sphinx's ``gettext`` builder) and merge them
    into ``locale/<lang>/LC_MESSAGES/<page>.po`` with sphinx-intl; return the catalogues."""
    from sphinx_intl import basic

    from compendium.build import book

    source = message_source(executed)
    pot = paths.build_dir() / "gettext"
    shutil.rmtree(pot, ignore_errors=True)
    command = book.sphinx_command(source, "en", rewrite_all=True, builder="gettext")
    if subprocess.run(command, cwd=paths.repo_root()).returncode:
        raise SystemExit("Sphinx's gettext builder failed; see the messages above")
    basic.update(str(locale_dir()), str(pot), (lang,), line_width=WIDTH, ignore_obsolete=True)
    found = sorted(p for p in (locale_dir() / lang / "LC_MESSAGES").rglob("*.po") if p.stem != i18n.DOMAIN)
    for path in found:
        steady_header(path)
    return found


def steady_header(path: Path) -> None:
    """Give a catalogue a header that changes only when its messages do (no creation time, not marked fuzzy)."""
    from babel.messages.pofile import read_po, write_po

    with path.open("rb") as handle:
        catalogue = read_po(handle)
    catalogue.fuzzy = False
    catalogue.project, catalogue.version = "compendium", "1"
    catalogue.creation_date = catalogue.revision_date = FIXED_DATE
    catalogue.header_comment = (f"# The Spanish (Mexico) translation of the page {path.stem} of the compendium.\n"
                                "# Updated by `make catalogues`; translate each msgstr (see README, Translating).")
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=WIDTH, ignore_obsolete=True, include_previous=False, include_lineno=False)
    if path.read_bytes() != buffer.getvalue():
        path.write_bytes(buffer.getvalue())


@dataclass(frozen=True)
class Problem:
    """An entry of a catalogue that the edition cannot use as it is."""

    path: Path
    message: str
    what: str  # "untranslated" or "fuzzy"

    def __str__(self) -> str:
        return f"{self.path}: {self.what} message {self.message[:120]!r}"


def problems(path: Path) -> list[Problem]:
    """Every untranslated or fuzzy entry of the catalogue ``path``."""
    from babel.messages.pofile import read_po

    with Path(path).open("rb") as handle:
        catalogue = read_po(handle)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy:
            found.append(Problem(Path(path), msgid, "fuzzy"))
        elif not all(strings):
            found.append(Problem(Path(path), msgid, "untranslated"))
    return found


def page_catalogue(page: str, lang: str = "es") -> Path:
    """The catalogue of a page (``chapters/diaspora``)."""
    return locale_dir() / lang / "LC_MESSAGES" / f"{page}.po"


def allowed_incomplete(lang: str = "es") -> list[str]:
    """The pages ``locale/<lang>/untranslated.txt`` allows to be incomplete (one page a line, ``#`` comments)."""
    path = locale_dir() / lang / UNTRANSLATED_LIST
    if not path.is_file():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def book_pages() -> list[str]:
    """Every page of the table of contents (``chapters/diaspora``, ...)."""
    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    found = [toc["root"]]
    for part in toc.get("parts", []):
        found += [entry["file"] for entry in part.get("chapters", [])]
    return found


def main(argv: list[str] | None = None) -> int:
    """``python -m compendium catalogues``: execute what changed, update every catalogue, list what is left."""
    from compendium.build import lock, runner
    from compendium.build.report import report

    lang = "es"
    python_catalogue = update_python_catalogue(lang)
    print(f"updated {python_catalogue.relative_to(paths.repo_root())}")
    with lock.hold(None):
        results = runner.run(None, {})
        if report(results):
            print("The catalogues of the pages were not updated: fix the failing chapters first.", file=sys.stderr)
            return 1
        page_files = update_page_catalogues({r.chapter: r.notebook for r in results}, lang)
    left = {path: problems(path) for path in [python_catalogue, *page_files]}
    for path, found in left.items():
        if found:
            print(f"{path.relative_to(paths.repo_root())}: {len(found)} to translate")
    return 0
