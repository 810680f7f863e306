"""Shared fixtures: chapters executed once per test session through the real runner.

``executed(name)`` returns the executed notebook of a chapter with default parameters (the runner's
``_build/executed`` folder, so its cache is shared with ``make book``); ``executed(name, **params)``
runs it with other parameters into a temporary folder. ``glued(name, **params)`` returns the
chapter's glued values by key; ``built_book`` the built HTML book. A chapter that fails makes the calling test fail with the runner's
message (chapter, cell, error).
"""
from __future__ import annotations

import nbformat
import pytest

from compendium.build import outputs
from compendium.build import runner


@pytest.fixture(scope="session")
def _default_runs():
    results = runner.run(None, {})
    return {r.chapter: r for r in results}


@pytest.fixture(scope="session")
def executed(_default_runs, tmp_path_factory):
    cache = {}

    def _executed(name: str, **params):
        if not params:
            result = _default_runs[name]
        else:
            key = (name, tuple(sorted(params.items())))
            if key not in cache:
                [cache[key]] = runner.run([name], params, output_dir=tmp_path_factory.mktemp(name))
            result = cache[key]
        if result.status == "failed":
            pytest.fail(result.message, pytrace=False)
        return nbformat.read(result.notebook, as_version=4)

    return _executed


@pytest.fixture(scope="session")
def built_book(_default_runs):
    """The HTML book, built once per session (after the chapters ran): the folder ``_build/html``."""
    from compendium.build import book
    from compendium.data import paths

    assert book.build() == 0, "the book did not build; see the captured output"
    return paths.build_dir() / "html"


@pytest.fixture(scope="session")
def glued(executed):
    def _glued(name: str, **params):
        return outputs.glued_values(executed(name, **params))

    return _glued
