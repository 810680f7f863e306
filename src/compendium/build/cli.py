"""Command line: ``python -m compendium run|list|book|pdf|validate|bench``.

Examples::

    python -m compendium list
    python -m compendium run                          # every chapter, default parameters
    python -m compendium run diaspora -p top_n 10     # one chapter, another parameter value
    python -m compendium book                         # run what changed, then build the HTML book
    python -m compendium pdf                          # print the built book to PDF (whole and by chapter)

Exit codes: 0 done; 1 a chapter or the book build failed; 2 bad input (an unknown chapter or
parameter, a value out of range, a data file that breaks the data package); 3 another build
holds this checkout's lock and ``--no-wait`` (or ``COMPENDIUM_LOCK=refuse``) was given;
130 interrupted (Ctrl-C).
"""
from __future__ import annotations

import argparse
import sys

from compendium.build.lock import BuildLocked
from compendium.build.report import report
from compendium.data.errors import CompendiumError


def _run(args) -> int:
    from compendium.build import runner

    parameters = dict(args.parameter or [])
    results = runner.run(args.chapters, parameters, output_dir=args.output_dir, jobs=args.jobs, force=args.force,
                         lock_mode=args.lock_mode)
    return report(results)


def _list(args) -> int:
    from compendium.build import runner

    chapters = runner.discover()
    width = max(map(len, chapters), default=0)

    def shown(chapter, name, default):
        allowed = ""
        if name in chapter.choices:
            allowed = f" (one of: {', '.join(chapter.choices[name])})"
        elif name in chapter.ranges:
            allowed = f" ({runner.describe_range(chapter, name)})"
        elif name == "alpha":
            allowed = " (between 0 and 0.5)"
        return f"{name}={default!r}{allowed}"

    for chapter in chapters.values():
        print(f"{chapter.name:<{width}}  " + ", ".join(shown(chapter, k, v) for k, v in chapter.defaults.items()))
    return 0


def _book(args) -> int:
    from compendium.build import book

    return book.build(force=args.force, jobs=args.jobs, lock_mode=args.lock_mode)


def _pdf(args) -> int:
    from compendium.build import pdf

    return pdf.build(lock_mode=args.lock_mode)


def _validate(args) -> int:
    from compendium.data import loaders

    frames = loaders.validate_package(args.data_dir)
    print(f"{len(frames)} resources valid in {args.data_dir or 'data/'}")
    return 0


def _bench(args) -> int:
    from compendium.build import benchmark

    return benchmark.main()


def _lab(args) -> int:
    from compendium.build import lab

    return lab.main(args.options)


def _add_lock_options(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--wait", dest="lock_mode", action="store_const", const="wait",
                       help="if another build is running in this checkout, wait for it (the default)")
    group.add_argument("--no-wait", dest="lock_mode", action="store_const", const="refuse",
                       help="if another build is running in this checkout, stop at once (exit code 3)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compendium", description=__doc__.split("\n\n")[0],
                                     epilog="Set COMPENDIUM_LOCK=refuse to make --no-wait the default.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="execute chapters with papermill")
    run.add_argument("chapters", nargs="*", help="chapter names (default: all); see 'list'")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="set a chapter parameter (repeatable)")
    run.add_argument("--output-dir", help="where executed notebooks go (default: _build/executed, "
                     "or _build/runs/<parameters> when -p is given)")
    run.add_argument("--jobs", type=int, help="chapters executed at once (default: number of cores)")
    run.add_argument("--force", action="store_true", help="execute even if the inputs are unchanged")
    _add_lock_options(run)
    run.set_defaults(func=_run)

    lst = sub.add_parser("list", help="list the chapters and their parameters")
    lst.set_defaults(func=_list)

    bk = sub.add_parser("book", help="execute changed chapters and build the HTML book into _build/html")
    bk.add_argument("--force", action="store_true", help="re-execute every chapter")
    bk.add_argument("--jobs", type=int, help="chapters executed at once (default: number of cores)")
    _add_lock_options(bk)
    bk.set_defaults(func=_book)

    pdf = sub.add_parser("pdf", help="print the built book (each edition) to PDF, whole and chapter by chapter, "
                         "into _build/pdf, and link the PDFs from the HTML book")
    _add_lock_options(pdf)
    pdf.set_defaults(func=_pdf)

    val = sub.add_parser("validate", help="validate every dataset against datapackage.json")
    val.add_argument("--data-dir", help="data folder (default: data/)")
    val.set_defaults(func=_validate)

    lab = sub.add_parser("lab", help="open the chapters as notebooks in JupyterLab (installed into .venv-lab on first use)")
    lab.add_argument("options", nargs=argparse.REMAINDER, help="options passed to 'jupyter lab'")
    lab.set_defaults(func=_lab)

    bench = sub.add_parser("bench", help="time the clean build, the no-change rebuild and the run of all chapters")
    bench.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BuildLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except CompendiumError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"interrupted: 'python -m compendium {args.command}' stopped (Ctrl-C); a chapter that was running "
              "is re-executed next time", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
