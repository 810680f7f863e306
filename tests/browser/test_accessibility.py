"""axe-core finds no serious or critical accessibility violation on any page of the built book.

axe-core comes from the npm registry (``package.json``, installed with ``npm ci``) and is injected
into each page the sidebar reaches, and into the search page showing results. Moderate and minor
findings fail only for the rules once found and fixed (``FIXED_RULES``), so they stay fixed.
"""
from __future__ import annotations

import pytest

from browsing import open_page
from compendium.data import paths

FAILING_IMPACTS = {"serious", "critical"}
# Moderate findings fixed before, by rule: an empty table header (pandas' corner cell above the
# index, in NODESS) and the book's title outside every landmark (the sidebar's logo link).
FIXED_RULES = {"empty-table-header", "region"}


@pytest.fixture(scope="session")
def axe_script():
    script = paths.repo_root() / "node_modules" / "axe-core" / "axe.min.js"
    if not script.is_file():
        pytest.fail(f"axe-core is not installed ({script} missing): run `npm ci` (make test does)", pytrace=False)
    return script


def axe_violations(context, url: str, script) -> list[dict]:
    """The violations axe-core reports for the page at ``url``, of any impact."""
    page, _, _ = open_page(context, url)
    try:
        if "search.html" in url:
            page.wait_for_function("() => document.querySelectorAll('#search-results ul.search li').length > 0",
                                   timeout=30_000)
        page.add_script_tag(path=str(script))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    return result["violations"]


def describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
    return (f"{violation['impact']} {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])} element(s), e.g. {targets})")


@pytest.fixture(scope="session")
def axe_results(visits, reader, site, axe_script) -> dict[str, list[dict]]:
    """Every violation axe-core reports, by page URL: each page of the sidebar and the search page with results."""
    urls = [visit.url for visit in visits.values()] + [f"{site}search.html?q=NODESS", f"{site}es/search.html?q=NODESS"]
    return {url: axe_violations(reader, url, axe_script) for url in urls}


def _report(axe_results, wanted) -> str:
    problems = {url: [describe(v) for v in found if wanted(v)] for url, found in axe_results.items()}
    return "\n".join(f"{url}:\n  " + "\n  ".join(lines) for url, lines in problems.items() if lines)


def test_no_serious_or_critical_accessibility_violation(axe_results):
    problems = _report(axe_results, lambda violation: violation.get("impact") in FAILING_IMPACTS)
    assert not problems, problems


def test_violations_fixed_before_stay_fixed(axe_results):
    problems = _report(axe_results, lambda violation: violation["id"] in FIXED_RULES)
    assert not problems, problems


def test_axe_detects_a_violation_it_should(reader, site, axe_script, tmp_path):
    """The check itself works: an image without alt text is reported as critical."""
    page = reader.new_page()
    try:
        page.set_content('<html lang="en"><head><title>t</title></head><body><main>'
                         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>')
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    assert "image-alt" in {v["id"] for v in result["violations"] if v["impact"] in FAILING_IMPACTS}
