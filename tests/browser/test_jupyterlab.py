"""A student re-runs a chapter in JupyterLab: changes a parameter, runs all cells, sees the change.

JupyterLab comes from ``.venv-lab``, made by the code ``make lab`` runs
(:func:`compendium.build.lab.ensure_environment`) when it is missing, and is served on 127.0.0.1
with a token. Chromium opens ``chapters/diaspora.md`` (jupytext shows it as a notebook), sets
``top_n`` in the parameters cell to another value by typing it, and chooses Run > Run All Cells.
The figure that highlights the ``top_n`` largest states must then differ from the one the chapter
drew with its default (its legend, text in the SVG, names the new number), while a figure that
does not depend on ``top_n`` is the same as the book's. Autosave
is off and nothing is saved: the chapter's file is unchanged at the end, and the server stopped.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from urllib.parse import unquote
from pathlib import Path

import pytest

from compendium.present.glue import LANG_METADATA

from browsing import VIEWPORT
from compendium.build import lab
from compendium.data import paths

ROOT = paths.repo_root()
CHAPTER = ROOT / "chapters" / "diaspora.md"
NEW_TOP_N = 9
CHANGED_FIGURE = "plot_states_bar(ax, printed, top_n"   # highlights the top_n largest US states
UNCHANGED_FIGURE = "plot_continents"                     # draws the continents, whatever top_n is
START_TIMEOUT = 180
RUN_TIMEOUT = int(os.environ.get("COMPENDIUM_LAB_RUN_TIMEOUT", "600"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    venv = lab.ensure_environment(ROOT)
    home = tmp_path_factory.mktemp("jupyter")
    settings = home / "settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}), encoding="utf-8")
    # A Jupyter of its own: no user kernel, setting or workspace of this machine's changes what it does.
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    port, token = _free_port(), secrets.token_hex(16)
    log = (home / "server.log").open("w")
    command = lab.lab_command(venv, ROOT, "--ip=127.0.0.1", f"--port={port}", "--no-browser",
                              f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            log.close()
            pytest.fail(f"JupyterLab did not start: {(home / 'server.log').read_text()[-3000:]}", pytrace=False)
        time.sleep(1)
    before = CHAPTER.read_bytes()
    yield {"url": url, "token": token, "port": port}
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
    log.close()
    assert not _port_open(port), "the JupyterLab server still answers after it was stopped"
    assert CHAPTER.read_bytes() == before, "JupyterLab changed chapters/diaspora.md"


def _svg_of_cell(cell) -> str:
    """The English figure of a cell (a chapter shows each figure once per edition, English first, as JupyterLab
    shows them too)."""
    svgs = [o for o in cell.get("outputs", []) if "image/svg+xml" in o.get("data", {})]
    [svg] = [o["data"]["image/svg+xml"] for o in svgs if o.get("metadata", {}).get(LANG_METADATA, "en") == "en"]
    assert svgs[0]["data"]["image/svg+xml"] == svg, "the English figure is not the first the cell shows"
    return svg if isinstance(svg, str) else "".join(svg)


def _svg_of_src(src: str) -> str:
    """The SVG text of an ``<img src="data:image/svg+xml,...">`` (how JupyterLab shows a figure's SVG)."""
    assert src and src.startswith("data:image/svg+xml,"), f"not an SVG figure: {src[:60]!r}"
    return unquote(src.split(",", 1)[1])


def _default_figures(executed) -> dict[str, str]:
    notebook = executed("diaspora")
    return {marker: _svg_of_cell(next(c for c in notebook.cells if c.cell_type == "code" and marker in c.source))
            for marker in (CHANGED_FIGURE, UNCHANGED_FIGURE)}


LAB_FIGURE_JS = """(marker) => {
  for (const cell of document.querySelectorAll('.jp-Notebook .jp-CodeCell')) {
    const source = cell.querySelector('.jp-InputArea .cm-content');
    if (source && source.textContent.includes(marker)) {
      const img = cell.querySelector('.jp-OutputArea-output img');
      return img ? img.getAttribute('src') : '';
    }
  }
  return null;
}"""

RUNNING_JS = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')].map(p => p.textContent.trim());
  return {cells: prompts.length, waiting: prompts.filter(p => p.includes('*')).length,
          done: prompts.filter(p => /\\[\\d+\\]/.test(p)).length,
          errors: document.querySelectorAll('.jp-Notebook [data-mime-type="application/vnd.jupyter.stderr"] .jp-RenderedText').length};
}"""


def _wait_for_run(page) -> dict:
    """Wait until every code cell shows an execution count; fail with what the page shows otherwise."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        state = page.evaluate(RUNNING_JS)
        if state["cells"] and not state["waiting"] and state["done"] == state["cells"]:
            return state
        if time.monotonic() > deadline:
            shot = paths.build_dir() / "screenshots" / "jupyterlab-diaspora-timeout.png"
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot))
            pytest.fail(f"the cells did not all run in {RUN_TIMEOUT} s: {state}; see {shot}", pytrace=False)
        page.wait_for_timeout(1000)


def test_a_student_changes_top_n_runs_all_and_sees_the_figure_change(jupyterlab, browser, executed):
    default = _default_figures(executed)
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(f"{jupyterlab['url']}/lab/tree/chapters/diaspora.md?token={jupyterlab['token']}")
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=START_TIMEOUT * 1000)
        # The chapter's kernel (the book's environment) must be up before a student can run anything.
        page.locator(".jp-StatusBar-Widget", has_text="Python 3 (compendium) | Idle").first.wait_for(
            timeout=START_TIMEOUT * 1000)

        # The student types the new value over the old one in the parameters cell.
        line = page.locator(".jp-CodeCell .cm-line", has_text="top_n = 5").first
        line.click()
        page.keyboard.press("Home")
        for _ in range(len("top_n = ")):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Shift+ArrowRight")
        page.keyboard.type(str(NEW_TOP_N))
        assert page.locator(".jp-CodeCell .cm-line", has_text=f"top_n = {NEW_TOP_N}  #").count() == 1

        page.locator(".lm-MenuBar-item", has_text="Run").first.click()
        page.locator(".lm-Menu-item:visible", has_text="Run All Cells").first.click()
        state = _wait_for_run(page)
        assert state["errors"] == 0, f"a cell failed in JupyterLab: {state}"

        changed = page.evaluate(LAB_FIGURE_JS, CHANGED_FIGURE)
        unchanged = page.evaluate(LAB_FIGURE_JS, UNCHANGED_FIGURE)
        screenshots = paths.build_dir() / "screenshots"
        screenshots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshots / "jupyterlab-diaspora.png"))
    finally:
        page.close()
    changed, unchanged = _svg_of_src(changed), _svg_of_src(unchanged)
    assert unchanged.strip() == default[UNCHANGED_FIGURE].strip(), \
        "a figure that does not depend on top_n differs from the book's: the comparison would mean nothing"
    assert changed.strip() != default[CHANGED_FIGURE].strip(), f"top_n = {NEW_TOP_N} did not change the figure"
    # The figure's legend (text in the SVG) names how many states it highlights.
    assert "The 5 largest (as printed)" in default[CHANGED_FIGURE]
    assert f"The {NEW_TOP_N} largest (as printed)" in changed and "The 5 largest" not in changed
