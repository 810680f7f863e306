"""The "For the statistically minded" boxes as a reader meets them: closed, opened by a click or from the keyboard.

Each chapter keeps its derivations, test choices and robustness checks in collapsible boxes
(sphinx-design dropdowns, HTML ``<details>``) so that a first reading can skip them. A box must be
closed when the page opens, open on a click on its title, and be reachable and operable from the
keyboard alone: Tab reaches its title, Enter opens it.
"""
from __future__ import annotations

import pytest
import yaml

from browsing import open_page
from compendium.data import paths

TITLE = "For the statistically minded:"
BOX = "details.sd-dropdown"
MAX_TABS = 400  # more focusable elements than any page has before its last box

TOC = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
CHAPTERS = [c["file"] for part in TOC["parts"] if part["caption"] == "Chapters" for c in part["chapters"]]


def boxes(page):
    """The page's "For the statistically minded" boxes, as locators of their <details>."""
    found = page.locator(BOX).filter(has=page.locator("summary", has_text=TITLE))
    return [found.nth(i) for i in range(found.count())]


@pytest.fixture(scope="module")
def chapters_with_boxes(reader, site):
    """The chapters whose page has at least one box, with how many it has."""
    counts = {}
    for entry in CHAPTERS:
        page, _, _ = open_page(reader, f"{site}{entry}.html")
        counts[entry] = len(boxes(page))
        page.close()
    with_boxes = {entry: n for entry, n in counts.items() if n}
    assert with_boxes, f"no chapter has a '{TITLE}' box: {counts}"
    return with_boxes


def test_every_box_is_closed_when_the_page_opens_and_opens_on_a_click(reader, site, chapters_with_boxes):
    for entry in chapters_with_boxes:
        page, errors, _ = open_page(reader, f"{site}{entry}.html")
        try:
            for box in boxes(page):
                title = box.locator(":scope > summary").inner_text().strip()
                content = box.locator(":scope > .sd-summary-content")
                assert box.evaluate("d => d.open") is False, f"{entry}: '{title}' is open by default"
                assert not content.is_visible(), f"{entry}: the content of '{title}' shows while closed"
                box.locator(":scope > summary").click()
                assert box.evaluate("d => d.open") is True, f"{entry}: a click does not open '{title}'"
                content.wait_for(state="visible", timeout=5_000)
                box.locator(":scope > summary").click()
                assert box.evaluate("d => d.open") is False, f"{entry}: a second click does not close '{title}'"
            assert not errors, f"{entry}: console errors {errors}"
        finally:
            page.close()


def test_tab_reaches_the_first_box_and_enter_opens_it(reader, site, chapters_with_boxes):
    entry = next(iter(chapters_with_boxes))
    page, _, _ = open_page(reader, f"{site}{entry}.html")
    try:
        summary = boxes(page)[0].locator(":scope > summary")
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if summary.evaluate("s => s === document.activeElement"):
                break
        else:
            pytest.fail(f"{entry}: {MAX_TABS} presses of Tab never reach the title of the first box")
        page.keyboard.press("Enter")
        assert boxes(page)[0].evaluate("d => d.open") is True, f"{entry}: Enter does not open the focused box"
        assert boxes(page)[0].locator(":scope > .sd-summary-content").is_visible()
    finally:
        page.close()


def test_every_box_title_takes_the_focus_and_opens_with_enter(reader, site, chapters_with_boxes):
    for entry in chapters_with_boxes:
        page, _, _ = open_page(reader, f"{site}{entry}.html")
        try:
            for box in boxes(page):
                summary = box.locator(":scope > summary")
                title = summary.inner_text().strip()
                assert summary.evaluate("s => s.tabIndex") >= 0, f"{entry}: '{title}' cannot take the focus"
                summary.focus()
                page.keyboard.press("Enter")
                assert box.evaluate("d => d.open") is True, f"{entry}: Enter does not open '{title}'"
        finally:
            page.close()
