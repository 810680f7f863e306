"""What publishing and archiving need, checked here since neither can run on this machine.

* ``.github/workflows/book.yml``: valid YAML with the shape GitHub Actions reads; it checks the
  repository out, runs ``make test``, uploads ``_build/html`` and deploys it to Pages; every
  command it runs is one the README documents, and every make target it calls exists.
* ``.zenodo.json``: the fields Zenodo needs to mint a DOI, in agreement with ``CITATION.cff``.
* ``LICENSE``: MIT for the code and CC BY 4.0 for the text, as README and CITATION.cff say.
"""
from __future__ import annotations

import json
import re

import yaml

from compendium.data import paths
from compendium.present import citation

ROOT = paths.repo_root()
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def workflow() -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def readme_commands() -> set[str]:
    """Every command in the README's ``sh`` blocks, comments removed, split at ``&&``."""
    commands = set()
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line:
                commands.add(line)
                commands.update(part.strip() for part in line.split("&&"))
    return commands


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M))


def test_the_workflow_tests_builds_and_publishes_the_book_to_pages():
    data = workflow()
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["test-and-build"], data["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in steps(build)]
    assert uses.index("actions/checkout") < uses.index("actions/upload-pages-artifact")
    runs = [step["run"] for step in steps(build) if "run" in step]
    assert runs.index("make test") < runs.index("make pdf"), "the PDFs are printed from the tested book"
    assert uses[-1] == "actions/upload-pages-artifact"
    [upload] = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact")]
    assert upload["with"]["path"] == "_build/html"
    assert deploy["needs"] == "test-and-build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    assert build["container"] == "debian:bookworm", "Debian 12: the README's machine, with Python 3.11 and chromium"
    for job in data["jobs"].values():
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), f"a step has both or neither of uses/run: {step}"
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_every_command_the_workflow_runs_is_documented_and_exists():
    documented, targets = readme_commands(), make_targets()
    for job in workflow()["jobs"].values():
        for step in steps(job):
            if "run" not in step:
                continue
            for line in step["run"].strip().splitlines():
                assert line.strip() in documented, f"the workflow runs {line!r}, which the README does not document"
                for target in re.findall(r"^make ([a-z-]+)", line.strip()):
                    assert target in targets, f"the workflow runs make {target}, which the Makefile lacks"
    assert "test" in targets and "pytest" in (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:")[1].split("\n\n")[0]


def test_the_readme_documents_the_workflows_commands_as_it_runs_them():
    install = next(s["run"] for s in steps(workflow()["jobs"]["test-and-build"]) if s.get("run", "").startswith("apt-get"))
    for package in ("python3", "python3-venv", "make", "nodejs", "npm", "chromium"):
        assert f" {package} " in f" {install} ", f"the workflow does not install {package}"


def test_zenodo_metadata_agree_with_citation_cff():
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    meta = citation.metadata()
    assert zenodo["title"] == meta.title
    assert zenodo["version"] == str(cff["version"]) and zenodo["publication_date"] == str(cff["date-released"])
    assert [c["name"] for c in zenodo["creators"]] == [citation.typographic(a["name"]) for a in cff["authors"]]
    assert zenodo["keywords"] == cff["keywords"]
    assert " ".join(zenodo["description"].split()) == " ".join(str(cff["abstract"]).split())
    assert zenodo["upload_type"] == "publication" and zenodo["publication_type"] == "book"
    assert zenodo["access_right"] == "open" and zenodo["license"] == "cc-by-4.0"
    [paper] = zenodo["related_identifiers"]
    assert paper == {"identifier": cff["references"][0]["doi"], "relation": "references", "scheme": "doi",
                     "resource_type": "publication-article"}


def test_the_licence_covers_code_and_text_as_readme_and_citation_cff_say():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in text and "Permission is hereby granted, free of charge" in text
    assert "CC BY 4.0" in text and "https://creativecommons.org/licenses/by/4.0/legalcode" in text
    assert "data/sources/" in text
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["license"] == ["MIT", "CC-BY-4.0"]
    assert "MIT License" in README and "CC BY 4.0" in README
