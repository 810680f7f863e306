"""Benchmark of the build: clean build, rebuilds, run-all, the test suite, page weight, and the floor.

Run with ``make bench`` (or ``python -m compendium bench``). It works on a throw-away copy of the
repository (chapters, data, book configuration, tests) so the real ``_build`` is left alone, and
prints one line per measurement with its ratio to the floor and its target:

* **floor**: what executing the chapters cannot beat on this machine - one empty notebook
  through the runner plus the import time of the libraries the chapters use, times the number
  of chapters, divided by the cores the runner uses;
* **clean build**: ``python -m compendium book`` from nothing (every chapter executed once, both
  editions' HTML built); target <= 30 s and <= 1.5x the floor;
* **clean English-only build**: the same with ``--editions en``, from nothing; the bilingual clean
  build must take <= 1.5x as long;
* **stock Jupyter Book build**: ``jupyter-book build`` of the same chapters and configuration with
  ``execute_notebooks: force`` (Jupyter Book executes each chapter itself, one after the other,
  one language); the bilingual clean build must take <= 1.2x as long;
* **no-change rebuild**: the same command again (every chapter cached, Sphinx has nothing to do);
  target <= 5 s;
* **one data file changed**: one data file's bytes changed, the book rebuilt; target: only the
  chapters that read the file (their ``.inputs.json`` records say which) re-execute;
* **run-all**: ``python -m compendium run --force`` (every chapter executed, no book build);
* **test suite**: ``python -m pytest -q`` on the copy (left out with ``COMPENDIUM_BENCH_TESTS=0``);
* **page weight**: each page's HTML plus the images it shows; target <= 1 MB. The theme's
  shared CSS, JavaScript and fonts are counted once, apart (a reader's browser caches them);
* **page audits**: every page of the built book served with gzip compression from 127.0.0.1
  (:class:`CompressingHandler`) and audited by Lighthouse (npm, pinned in ``package-lock.json``,
  driving Debian's chromium, headless) on its mobile and desktop presets; targets: performance
  >= 90 on mobile, accessibility, best practices and SEO 100. Then the Nu HTML checker (npm
  ``vnu-jar``, run with Debian's Java) on every page; target: no error. Left out with
  ``COMPENDIUM_BENCH_PAGES=0``; ``python -m compendium.build.benchmark pages [HTML_DIR]`` runs
  only these audits, on an existing build (``_build/html`` by default).

It is a script, not a test: timings vary with the machine and its load.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from compendium.data import paths
from compendium.build import runner

COPIED = ("_config.yml", "_toc.yml", "chapters", "data", "tests", "pyproject.toml", "package.json")
LINKED = ("node_modules",)  # installed once by npm ci; the copy's browser tests use it as it is
CHANGED_DATA_FILE = Path("data") / "paper" / "nodess_priority_themes.csv"
EMPTY_CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Empty

```{code-cell} ipython3
:tags: [parameters]
data_dir = "data"
```
"""
IMPORTS = "import pandas, seaborn, statsmodels.api, scipy.stats, matplotlib.pyplot, myst_nb, compendium.data"
CLEAN_BUILD_LIMIT, CLEAN_BUILD_RATIO, REBUILD_LIMIT, PAGE_LIMIT = 30.0, 1.5, 5.0, 1_000_000
BILINGUAL_RATIO, STOCK_RATIO = 1.5, 1.2  # the bilingual clean build against the English-only one and against stock
_EXECUTED_LINE = re.compile(r"^executed\s+(\S+)", re.MULTILINE)
CHROMIUM = os.environ.get("COMPENDIUM_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE_PRESETS = ("mobile", "desktop")
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Targets per preset and category, in Lighthouse's 0-100 points; desktop performance has none.
LIGHTHOUSE_TARGETS = {("mobile", "performance"): 90, **{(preset, category): 100 for preset in LIGHTHOUSE_PRESETS
                                                        for category in LIGHTHOUSE_CATEGORIES[1:]}}
LIGHTHOUSE_METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
                      "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
# Lighthouse's performance score moves from run to run with what else the machine does (its mobile
# preset multiplies the page's measured main-thread time by four): the mobile audit of each page
# is run this many times and the run with the median performance score is reported, as Lighthouse's
# own documentation advises. The desktop preset, which has no performance target, runs once.
LIGHTHOUSE_RUNS = {"mobile": int(os.environ.get("COMPENDIUM_LIGHTHOUSE_RUNS", "3")), "desktop": 1}


def _timed(command, env, cwd=None) -> tuple[float, str]:
    """Run ``command``; return its wall time and its standard output. A failing step stops the benchmark."""
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}")
    return elapsed, completed.stdout


def book_files() -> list[str]:
    """The files the build and the tests read: every file git tracks (``COPIED`` outside a git checkout)."""
    listed = subprocess.run(["git", "ls-files"], cwd=paths.repo_root(), capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        return [line for line in listed.stdout.splitlines() if not line.startswith("src/")]
    return list(COPIED)


def _copy_book(target: Path) -> None:
    # Tracked files rather than a fixed list, so a file the book starts to need (CITATION.cff, a
    # stylesheet) is in the copy without anyone remembering to add it here. The package itself is
    # imported from the installed checkout, so src/ is not copied.
    for name in book_files():
        source = paths.repo_root() / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for name in LINKED:
        if (paths.repo_root() / name).exists():
            (target / name).symlink_to(paths.repo_root() / name)


def executed_chapters(output: str) -> list[str]:
    """The chapters a ``compendium book``/``run`` output says it executed (not those it took from the cache)."""
    return sorted(_EXECUTED_LINE.findall(output))


def chapters_reading(path: Path, executed_dir: Path) -> list[str]:
    """The chapters whose last run read ``path``, from their ``.inputs.json`` records."""
    wanted = str(Path(path).resolve())
    readers = []
    for record in sorted(executed_dir.glob("*.inputs.json")):
        saved = json.loads(record.read_text(encoding="utf-8"))
        if wanted in saved.get("files_read", {}):
            readers.append(saved["chapter"])
    return sorted(readers)


def page_weights(html_dir: Path) -> tuple[dict[str, int], int]:
    """Bytes of each page under ``chapters/`` (its HTML plus the local images it shows), and of the shared assets."""
    weights = {}
    for page in sorted((html_dir / "chapters").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        total = page.stat().st_size
        for src in dict.fromkeys(re.findall(r'<img[^>]+src="([^"]+)"', html)):
            if urlsplit(src).scheme:
                continue
            image = (page.parent / unquote(urlsplit(src).path)).resolve()
            if image.is_file():
                total += image.stat().st_size
        weights[page.relative_to(html_dir).as_posix()] = total
    shared = sum(f.stat().st_size for f in (html_dir / "_static").rglob("*") if f.is_file())
    return weights, shared


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that sends text files gzip-compressed when the browser accepts it, as a web host does.

    Lighthouse run against Python's plain ``http.server`` measures every stylesheet and script at
    full size, which no reader's browser meets on a real host.
    """

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and accepts_gzip and content_type.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)  # what copyfile() reads the body from

    def log_message(self, *args):  # the benchmark prints results, not requests
        pass


@contextlib.contextmanager
def serve(html_dir: Path):
    """Serve ``html_dir`` with compression on a free port of 127.0.0.1; yield the site's base URL."""
    handler = functools.partial(CompressingHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def audited_pages(html_dir: Path) -> list[str]:
    """The pages the audits open, as site paths: the root page, then every chapter page."""
    return ["index.html"] + [page.relative_to(html_dir).as_posix() for page in sorted((html_dir / "chapters").glob("*.html"))]


def node_tool(name: str) -> Path:
    """A file of an npm package installed by ``npm ci`` (``node_modules/...``); stops the benchmark if it is missing."""
    path = paths.repo_root() / "node_modules" / name
    if not path.exists():
        raise SystemExit(f"benchmark: {path} is missing: run `npm ci` (make bench does)")
    return path


def lighthouse_command(url: str, preset: str) -> list[str]:
    """The Lighthouse call for ``url`` on its ``mobile`` (the default) or ``desktop`` preset, JSON on standard output."""
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking " \
            "--disable-component-update --disable-sync"
    command = [str(node_tool(".bin/lighthouse")), url, "--output=json", "--output-path=stdout", "--quiet",
               f"--chrome-flags={flags}", "--only-categories=" + ",".join(LIGHTHOUSE_CATEGORIES)]
    return command + (["--preset=desktop"] if preset == "desktop" else [])


def lighthouse_summary(report: dict) -> dict:
    """Scores (0-100), the main timings and the failing audits of one Lighthouse JSON report."""
    scores = {name: round(100 * category["score"]) if category.get("score") is not None else None
              for name, category in report["categories"].items()}
    audits = report["audits"]
    metrics = {short: audits[name].get("numericValue") for name, short in LIGHTHOUSE_METRICS.items() if name in audits}
    failing = sorted(name for category in report["categories"].values() if category["id"] != "performance"
                     for ref in category["auditRefs"]
                     if ref.get("weight") and (audits.get(ref["id"], {}).get("score") or 0) < 1
                     and audits.get(ref["id"], {}).get("scoreDisplayMode") in ("binary", "numeric")
                     for name in [ref["id"]])
    return {"scores": scores, "metrics": metrics, "failing": failing}


def run_lighthouse(url: str, preset: str) -> dict:
    """Audit ``url`` once on ``preset``; its summary (:func:`lighthouse_summary`)."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(lighthouse_command(url, preset), env=env, capture_output=True, text=True, timeout=600)
    if completed.returncode or not completed.stdout.strip():
        return {"error": (completed.stderr or completed.stdout)[-500:]}
    return lighthouse_summary(json.loads(completed.stdout))


def median_run(results: list[dict]) -> dict:
    """The run with the median performance score (the lower middle one of an even number), with every
    run's performance score under ``runs``; the first error when no run succeeded."""
    done = sorted((r for r in results if "error" not in r), key=lambda r: r["scores"].get("performance") or 0)
    if not done:
        return results[0]
    return {**done[(len(done) - 1) // 2], "runs": [r["scores"].get("performance") for r in results if "error" not in r]}


def audit_page(url: str, preset: str) -> dict:
    """Audit ``url`` on ``preset`` ``LIGHTHOUSE_RUNS[preset]`` times; the median run (:func:`median_run`)."""
    return median_run([run_lighthouse(url, preset) for _ in range(max(1, LIGHTHOUSE_RUNS.get(preset, 1)))])


def nu_messages(output: str, html_dir: Path) -> dict[str, list[str]]:
    """The Nu checker's errors (``--format json``) by page, as short lines."""
    found: dict[str, list[str]] = {}
    for message in json.loads(output or "{}").get("messages", []):
        if message.get("type") != "error":
            continue
        url = message.get("url", "")
        page = Path(unquote(urlsplit(url).path)).resolve()
        name = page.relative_to(html_dir.resolve()).as_posix() if page.is_relative_to(html_dir.resolve()) else url
        found.setdefault(name, []).append(f"line {message.get('lastLine', '?')}: {message.get('message', '')}")
    return found


def run_nu_checker(html_dir: Path, pages: list[str]) -> dict[str, list[str]]:
    """The Nu HTML checker (vnu.jar with Debian's Java) on ``pages``; errors by page (pages without error left out)."""
    command = ["java", "-jar", str(node_tool("vnu-jar/build/dist/vnu.jar")), "--format", "json", "--exit-zero-always",
               *[str(html_dir / page) for page in pages]]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=900)
    return nu_messages(completed.stderr, html_dir)


def audit_pages(html_dir: Path) -> dict:
    """Lighthouse on both presets and the Nu checker, for every page of ``html_dir``."""
    pages = audited_pages(html_dir)
    lighthouse = {}
    load_before = os.getloadavg()[0]
    with serve(html_dir) as site:
        for page in pages:
            for preset in LIGHTHOUSE_PRESETS:
                lighthouse[(page, preset)] = audit_page(site + page, preset)
    return {"lighthouse": lighthouse, "nu errors": run_nu_checker(html_dir, pages), "pages": pages,
            "load": (load_before, os.getloadavg()[0]), "cores": os.cpu_count() or 1}


def audit_report(audits: dict) -> str:
    """The page audits as a table: one row per page and preset, a verdict per target, then the Nu checker's errors."""
    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
    header = f"{'page':<30} {'preset':<8}" + "".join(f" {short[c]:>5}" for c in LIGHTHOUSE_CATEGORIES) + \
        f" {'FCP s':>6} {'LCP s':>6} {'TBT ms':>7} {'CLS':>5}  verdict"
    runs = LIGHTHOUSE_RUNS["mobile"]
    lines = ["Lighthouse (served gzip-compressed from 127.0.0.1; targets: performance >= 90 on mobile, "
             f"accessibility, best practices, SEO 100; mobile: the median of {runs} run(s), every run's "
             "performance in brackets):", header]
    if "load" in audits:
        lines.insert(1, f"machine load (1-minute average) {audits['load'][0]:.1f} before, {audits['load'][1]:.1f} after, "
                        f"on {audits.get('cores', '?')} cores: a busy machine lowers the performance scores")
    missed = 0
    for (page, preset), result in audits["lighthouse"].items():
        if "error" in result:
            missed += 1
            lines.append(f"{page:<30} {preset:<8} Lighthouse failed: {result['error'].strip().splitlines()[-1:]}")
            continue
        scores, metrics = result["scores"], result["metrics"]
        misses = [f"{short[c]} {scores.get(c)} < {target}" for (p, c), target in LIGHTHOUSE_TARGETS.items()
                  if p == preset and (scores.get(c) is None or scores[c] < target)]
        missed += bool(misses)
        cells = "".join(f" {scores.get(c) if scores.get(c) is not None else '-':>5}" for c in LIGHTHOUSE_CATEGORIES)
        timing = (f" {metrics.get('FCP', 0) / 1000:6.1f} {metrics.get('LCP', 0) / 1000:6.1f}"
                  f" {metrics.get('TBT', 0):7.0f} {metrics.get('CLS', 0):5.2f}")
        verdict = "met" if not misses else "MISSED: " + "; ".join(misses) + \
            (f" (failing: {', '.join(result['failing'])})" if result["failing"] else "")
        spread = f"  [{', '.join(map(str, result['runs']))}]" if len(result.get("runs", [])) > 1 else ""
        lines.append(f"{page:<30} {preset:<8}{cells}{timing}  {verdict}{spread}")
    errors = audits["nu errors"]
    total = sum(len(found) for found in errors.values())
    lines.append(f"Nu HTML checker: {total} error(s) on {len(audits['pages'])} pages; target 0: {_verdict(total == 0)}")
    for page, found in errors.items():
        lines.append(f"  {page}: {len(found)} error(s)")
        lines.extend(f"    {message}" for message in found[:5])
    lines.append(f"page audits: {len(audits['lighthouse']) - missed} of {len(audits['lighthouse'])} Lighthouse runs "
                 f"meet every target")
    return "\n".join(lines)


def stock_book(root: Path) -> list[str]:
    """Prepare a stock Jupyter Book 1 build of the copy in ``root`` (the same chapters and configuration, executed by
    Jupyter Book with ``execute_notebooks: force``); return its command."""
    import yaml

    from compendium.build import book
    from compendium.present import bibliography

    # A folder of its own with only the book's files: Sphinx walks the whole source folder, and the copy's
    # node_modules and data would make that walk, not the build, the measurement.
    source = root / "stock-source"
    shutil.copytree(root / "chapters", source / "chapters", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(root / "_toc.yml", source / "_toc.yml")
    config = book.staged_config(root)
    config["execute"] = {"execute_notebooks": "force", "timeout": 900}
    (source / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (source / "references.bib").write_text(bibliography.bibtex(), encoding="utf-8")
    executable = Path(sys.executable).with_name("jupyter-book")
    return [str(executable), "build", str(source), "--path-output", str(root / "stock"), "--quiet"]


def measure(tests: bool = True, pages: bool = True) -> dict:
    """Run every measurement in a temporary copy of the repository; return them by name."""
    python = sys.executable
    cores = os.cpu_count() or 1
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="compendium-bench-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "COMPENDIUM_ROOT": str(root)}

        (root / "empty" / "chapters").mkdir(parents=True)
        (root / "empty" / "chapters" / "empty.md").write_text(EMPTY_CHAPTER, encoding="utf-8")
        (root / "empty" / "data").symlink_to(paths.data_dir())
        empty_env = {**os.environ, "COMPENDIUM_ROOT": str(root / "empty")}
        results["empty notebook through the runner"], _ = _timed([python, "-m", "compendium", "run", "--force"], empty_env)
        results["library imports"], _ = _timed([python, "-c", IMPORTS], env)

        _copy_book(root)
        n_chapters = len(runner.discover(root / "chapters"))
        results["chapters"] = n_chapters
        results["cores"] = cores
        per_chapter = results["empty notebook through the runner"] + results["library imports"]
        results["floor"] = per_chapter * n_chapters / min(cores, n_chapters)

        book = [python, "-m", "compendium", "book"]
        results["clean English-only build"], _ = _timed(book + ["--editions", "en"], env)
        shutil.rmtree(root / "_build")
        results["clean build"], _ = _timed(book, env)
        results["no-change rebuild"], _ = _timed(book, env)
        changed = root / CHANGED_DATA_FILE
        results["changed file"] = CHANGED_DATA_FILE.as_posix()
        results["readers of the changed file"] = chapters_reading(changed, root / "_build" / "executed")
        text = changed.read_text(encoding="utf-8")
        if "Youth" not in text:
            raise SystemExit(f"benchmark: {CHANGED_DATA_FILE} no longer has the word 'Youth' to edit; choose another edit")
        # A trailing space: a valid file with the same data once read, but different bytes the cache must notice.
        changed.write_text(text.replace("Youth", "Youth ", 1), encoding="utf-8")
        results["one data file changed"], output = _timed(book, env)
        results["re-executed"] = executed_chapters(output)
        changed.write_text(text, encoding="utf-8")  # the rest runs on the data as shipped (the tests check its values)
        results["page weight"], results["shared assets"] = page_weights(root / "_build" / "html")
        if pages:
            results["page audits"] = audit_pages(root / "_build" / "html")
        results["run-all"], _ = _timed([python, "-m", "compendium", "run", "--force"], env)
        results["stock Jupyter Book build"], _ = _timed(stock_book(root), env, cwd=root)
        if tests:
            results["test suite"], _ = _timed([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], env, cwd=root)
    return results


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(results: dict) -> str:
    """The measurements as aligned lines, with each one's ratio to the floor and its target."""
    floor = results["floor"]
    width = 46

    def timing(name: str, target: str = "", ok: bool | None = None) -> str:
        line = f"{name:<{width}} {results[name]:6.1f} s  ({results[name] / floor:4.2f}x floor)"
        if target:
            line += f"  target {target}: {_verdict(ok)}"
        return line

    readers, redone = results["readers of the changed file"], results["re-executed"]
    clean = results["clean build"]
    lines = [f"machine: {results['cores']} cores; {results['chapters']} chapter notebooks",
             f"{'empty notebook through the runner':<{width}} {results['empty notebook through the runner']:6.1f} s",
             f"{'library imports':<{width}} {results['library imports']:6.1f} s",
             f"{'floor ((empty + imports) x chapters / cores)':<{width}} {floor:6.1f} s",
             timing("clean build", f"<= {CLEAN_BUILD_LIMIT:.0f} s and <= {CLEAN_BUILD_RATIO}x floor",
                    clean <= CLEAN_BUILD_LIMIT and clean <= CLEAN_BUILD_RATIO * floor),
             timing("clean English-only build"),
             timing("stock Jupyter Book build"),
             f"{'bilingual clean build / English-only':<{width}} {clean / results['clean English-only build']:6.2f}x"
             f"  target <= {BILINGUAL_RATIO}x: {_verdict(clean <= BILINGUAL_RATIO * results['clean English-only build'])}",
             f"{'bilingual clean build / stock Jupyter Book':<{width}} {clean / results['stock Jupyter Book build']:6.2f}x"
             f"  target <= {STOCK_RATIO}x: {_verdict(clean <= STOCK_RATIO * results['stock Jupyter Book build'])}",
             timing("no-change rebuild", f"<= {REBUILD_LIMIT:.0f} s", results["no-change rebuild"] <= REBUILD_LIMIT),
             timing("one data file changed", "only its readers re-execute", redone == readers),
             f"{'':<{width}} changed {results['changed file']}; read by {', '.join(readers) or 'no chapter'}; "
             f"re-executed {', '.join(redone) or 'nothing'}",
             timing("run-all")]
    if "test suite" in results:
        lines.append(timing("test suite"))
    lines.append(f"page weight (HTML + its images; target <= {PAGE_LIMIT / 1e6:.0f} MB each); "
                 f"the _static folder (theme CSS, JavaScript, fonts, shared by every page) {results['shared assets'] / 1e6:.2f} MB:")
    for page, size in results["page weight"].items():
        lines.append(f"  {page:<{width - 2}} {size / 1e6:6.2f} MB  {_verdict(size <= PAGE_LIMIT)}")
    if "page audits" in results:
        lines.append(audit_report(results["page audits"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure and print.

    ``COMPENDIUM_BENCH_TESTS=0`` in the environment leaves out the test suite and
    ``COMPENDIUM_BENCH_PAGES=0`` the page audits; the arguments ``pages [HTML_DIR]`` run only the
    page audits, on an existing build.
    """
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["pages"]:
        html_dir = Path(argv[1]) if len(argv) > 1 else paths.build_dir() / "html"
        print(audit_report(audit_pages(html_dir)))
        return 0
    print(report(measure(tests=os.environ.get("COMPENDIUM_BENCH_TESTS", "1") != "0",
                         pages=os.environ.get("COMPENDIUM_BENCH_PAGES", "1") != "0")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
