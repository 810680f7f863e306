"""The built pages' markup: valid HTML (the Nu HTML checker), a proper root page, a description on
every page, images that say their size and load lazily, no deprecated ARIA and no pandas leftovers."""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from compendium.data import paths

IMG_TAG = re.compile(r"<img\b[^>]*>")


def _pages(html_dir):
    return [html_dir / "index.html", *sorted((html_dir / "chapters").glob("*.html"))]


def test_the_root_page_is_a_proper_page_that_sends_the_reader_on(html_dir):
    text = (html_dir / "index.html").read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>"), text[:200]
    assert re.search(r'<html lang="[a-z]{2}', text), "the root page has no language"
    assert re.search(r"<title>[^<]+</title>", text), "the root page has no title"
    icon = re.search(r'<link rel="icon" href="([^"]+)"', text)
    assert icon and (html_dir / icon.group(1)).is_file(), "the root page names no icon, or one that is not there"
    refresh = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', text)
    assert refresh and (html_dir / refresh.group(1)).is_file(), "the root page does not send the reader on at once"
    assert f'href="{refresh.group(1)}"' in text, "the root page has no link for a browser that does not follow the refresh"


def test_every_page_has_a_description(html_dir):
    missing = [page.name for page in _pages(html_dir)
               if not re.search(r'<meta name="description" content="[^"]{20,}"', page.read_text(encoding="utf-8"))]
    assert not missing, f"pages without a meta description: {missing}"


def test_every_image_says_its_size_and_loads_lazily(html_dir):
    problems = []
    for page in _pages(html_dir):
        for tag in IMG_TAG.findall(page.read_text(encoding="utf-8")):
            if not (re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag)):
                problems.append(f"{page.name}: {tag[:120]} has no width and height")
            if 'loading="lazy"' not in tag:
                problems.append(f"{page.name}: {tag[:120]} is not lazily loaded")
    assert not problems, "\n".join(problems)


def test_no_deprecated_aria_role_and_no_pandas_markup(html_dir):
    problems = []
    for page in _pages(html_dir):
        text = page.read_text(encoding="utf-8")
        for leftover in ('role="doc-biblioentry"', "<style scoped>", '<table border="1"'):
            if leftover in text:
                problems.append(f"{page.name}: {leftover}")
    assert not problems, "\n".join(problems)


def test_the_nu_html_checker_finds_no_error(html_dir):
    """The Nu HTML checker (npm vnu-jar, run with Java) reports no error on any page."""
    jar = paths.repo_root() / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.is_file():
        pytest.fail(f"the Nu HTML checker is not installed ({jar} missing): run `npm ci` (make test does)", pytrace=False)
    if shutil.which("java") is None:
        pytest.skip("no Java to run the Nu HTML checker: install Debian's default-jre-headless")
    completed = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always",
                                *map(str, _pages(html_dir)), str(html_dir / "search.html")],
                               capture_output=True, text=True, timeout=600)
    messages = json.loads(completed.stderr or "{}").get("messages", [])
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]} line {m.get('lastLine')}: {m.get('message')}"
              for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors[:30])
