"""The Spanish catalogues are complete: every message translated, none fuzzy, none missing.

A page listed in ``locale/es/untranslated.txt`` may be incomplete while it waits for its
translation (the list must shrink: a listed page that is complete fails too). ``compendium`` in
that list stands for ``compendium.po``, the catalogue of the words Python writes.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from compendium.build import catalogues
from compendium.data import paths
from compendium.present import i18n

PYTHON_CATALOGUE = "compendium"


def _listed() -> set[str]:
    return set(catalogues.allowed_incomplete("es"))


def _catalogues() -> dict[str, Path]:
    """Every page's catalogue, and every other catalogue of the folder (``compendium``, ``sphinx`` for the theme's
    words), by name."""
    found = {page: catalogues.page_catalogue(page) for page in catalogues.book_pages()}
    folder = catalogues.locale_dir() / "es" / "LC_MESSAGES"
    found.update({p.relative_to(folder).with_suffix("").as_posix(): p for p in folder.rglob("*.po")})
    return found


@pytest.mark.parametrize("page", sorted(_catalogues()))
def test_every_catalogue_is_complete_unless_listed(page):
    path = _catalogues()[page]
    assert path.is_file(), f"{path}: missing; run `make catalogues` to create it"
    found = catalogues.problems(path)
    if page in _listed():
        assert found, (f"{path} is complete: remove {page!r} from locale/es/{catalogues.UNTRANSLATED_LIST}")
    else:
        assert not found, "\n".join(str(problem) for problem in found[:20]) + (
            f"\n... and {len(found) - 20} more" if len(found) > 20 else "")


def test_the_untranslated_list_names_only_pages_of_the_book():
    known = set(_catalogues())
    assert _listed() <= known, f"untranslated.txt names pages the book does not have: {sorted(_listed() - known)}"


def test_every_message_of_the_code_is_in_the_python_catalogue():
    from babel.messages.pofile import read_po

    with i18n.catalogue_path("es").open("rb") as handle:
        catalogue = read_po(handle)
    present = {(m.context, m.id) for m in catalogue if m.id}
    missing = [(context, message) for (context, message) in catalogues.python_messages() if (context, message) not in present]
    assert not missing, (f"{i18n.catalogue_path('es')}: missing {len(missing)} messages of the code, e.g. "
                         f"{missing[:5]}; run `make catalogues`")


def test_the_message_scanner_finds_literals_with_their_context(tmp_path):
    package = tmp_path / "compendium"
    package.mkdir()
    (package / "words.py").write_text(
        'from compendium.present.i18n import _, n_\n'
        'def f(lang, n):\n'
        '    return _("Hello {name}", lang) + i18n._("Total", lang, context="table") + n_("one row", "{n} rows", n, lang)\n',
        encoding="utf-8")
    found = catalogues.python_messages(package)
    assert {(None, "Hello {name}"), ("table", "Total"), (None, "one row"), (None, "{n} rows")} <= set(found)
    assert found[(None, "Hello {name}")] == ["compendium/words.py"]


def test_a_problem_names_the_file_and_the_message(tmp_path):
    path = tmp_path / "page.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                    '#, fuzzy\nmsgid "Changed paragraph"\nmsgstr "Párrafo"\n\nmsgid "New paragraph"\nmsgstr ""\n\n'
                    'msgid "Done"\nmsgstr "Hecho"\n', encoding="utf-8")
    found = [str(p) for p in catalogues.problems(path)]
    assert found == [f"{path}: fuzzy message 'Changed paragraph'", f"{path}: untranslated message 'New paragraph'"]


def test_every_message_of_the_pages_is_in_their_catalogues(_default_runs, tmp_path):
    """Sphinx's gettext builder on the English source as `make catalogues` stages it: each message must be in its
    page's catalogue."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    source = catalogues.message_source({name: result.notebook for name, result in _default_runs.items()})
    command = [sys.executable, "-m", "compendium.build.sphinx_build", str(source), str(tmp_path / "pot"),
               str(tmp_path / "doctrees"), "gettext"]
    assert subprocess.run(command, cwd=paths.repo_root()).returncode == 0
    missing = []
    for pot in sorted((tmp_path / "pot").rglob("*.pot")):
        page = pot.relative_to(tmp_path / "pot").with_suffix("").as_posix()
        if page in _listed():
            continue
        po = catalogues.page_catalogue(page)
        with pot.open("rb") as handle:
            wanted = {m.id for m in read_po(handle) if m.id}
        with po.open("rb") as handle:
            present = {m.id for m in read_po(handle) if m.id}
        missing += [f"{po}: missing message {message[:100]!r}" for message in sorted(wanted - present)]
    assert not missing, "\n".join(missing[:20]) + "\nrun `make catalogues` and translate the new entries"
