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


# The book theme's rewriting of pages, on small inputs (compendium.build.book_theme).

def test_a_description_comes_from_the_key_points_first_sentences():
    from docutils.core import publish_doctree

    from compendium.build.book_theme import page_description

    with_points = publish_doctree("""
Title
=====

An opening paragraph with more than five words in it.

.. admonition:: Key points

   - Returns rose in 2024. The rest explains why.
   - The paper's 2023 total covers nine months only. See Table 2.
""")
    assert page_description(with_points) == "Returns rose in 2024. The paper's 2023 total covers nine months only."
    assert page_description(with_points, limit=30) == "Returns rose in 2024."
    without = publish_doctree("Title\n=====\n\nShort.\n\nThe first paragraph of the page, by Lara-Escamilla et al. (2024). Then more.\n")
    assert page_description(without) == "The first paragraph of the page, by Lara-Escamilla et al. (2024). Then more."
    assert page_description(without, limit=70) == "The first paragraph of the page, by Lara-Escamilla et al. (2024)."


def test_images_get_their_size_and_lazy_loading():
    from compendium.build.book_theme import sized_images

    body = '<p>x</p><img alt="a" src="../_images/f.png" /><img alt="b" src="g.png" width="10" height="5" />'
    fixed = sized_images(body, lambda src: (800, 600) if src.endswith("f.png") else None)
    assert '<img alt="a" src="../_images/f.png" width="800" height="600" loading="lazy" decoding="async" />' in fixed
    assert '<img alt="b" src="g.png" width="10" height="5" loading="lazy" decoding="async" />' in fixed


def test_image_sizes_are_read_from_png_and_svg_files(tmp_path):
    from PIL import Image

    from compendium.build.book_theme import image_size

    Image.new("RGB", (321, 123)).save(tmp_path / "f.png")
    (tmp_path / "f.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="432pt" height="216pt"></svg>')
    (tmp_path / "g.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480"></svg>')
    assert image_size(tmp_path / "f.png") == (321, 123)
    assert image_size(tmp_path / "f.svg") == (576, 288)
    assert image_size(tmp_path / "g.svg") == (640, 480)
    assert image_size(tmp_path / "missing.png") is None


def test_the_body_loses_deprecated_roles_and_pandas_markup_and_gains_scroll_cues():
    from compendium.build.book_theme import clean_body, with_scroll_hints

    body = ('<div role="list" class="citation-list"><div class="citation" id="x" role="doc-biblioentry">A</div></div>'
            '<div class="output text_html"><div>\n<style scoped>\n .dataframe th {}\n</style>\n'
            '<table border="1" class="dataframe">\n  <thead>\n    <tr style="text-align: right;">\n      <th></th>\n'
            '      <th>kind</th>')
    cleaned = with_scroll_hints(clean_body(body))
    assert "role=" not in cleaned and "<style" not in cleaned and 'border="1"' not in cleaned
    assert "<td></td>\n      <th>kind</th>" in cleaned
    assert cleaned.count('<p class="compendium-scroll-hint">') == 1
    assert '<p class="compendium-scroll-hint">Scroll sideways to see every column.</p><div class="output text_html">' in cleaned


def test_the_icon_font_and_theme_stylesheet_keep_only_the_icons_used():
    from compendium.build.book_theme import icon_codepoints, trimmed_stylesheet, used_icons

    css = ('.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-atom:before{content:"\\f5d2"}'
           '.fa-lg{font-size:1.25em}html{--pst-icon-info-circle:"\uf05a"}')
    used = used_icons(css, '<i class="fa-solid fa-navicon"></i> fa-lg')
    assert used == {"navicon"}
    assert icon_codepoints(css, '<i class="fa-solid fa-navicon"></i>') == {0xF0C9, 0xF05A}
    trimmed = trimmed_stylesheet(css, used)
    assert ".fa-bars:before,.fa-navicon:before" in trimmed and "fa-atom" not in trimmed and ".fa-lg{" in trimmed


def test_the_root_page_is_built_from_the_title_and_the_landing_page():
    from compendium.build.book_theme import root_page

    page = root_page("chapters/index.html", "A & B", "What the book is.", "_static/favicon.svg", "es")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"es\">")
    assert "<title>A &amp; B</title>" in page and '<meta name="description" content="What the book is.">' in page
    assert '<meta http-equiv="refresh" content="0; url=chapters/index.html">' in page
    assert '<a href="chapters/index.html">' in page and '<link rel="icon" href="_static/favicon.svg">' in page
