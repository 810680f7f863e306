"""Command line: ``python -m compendium run|list|book|validate|bench``.

Examples::

    python -m compendium list
    python -m compendium run                          # every chapter, default parameters
    python -m compendium run diaspora -p top_n 10     # one chapter, another parameter value
    python -m compendium book                         # run what changed, then build the HTML book
"""
from __future__ import annotations

import argparse
import sys

from compendium.build.report import report
from compendium.data.errors import CompendiumError


def _run(args) -> int:
    from compendium.build import runner

    parameters = dict(args.parameter or [])
    results = runner.run(args.chapters, parameters, output_dir=args.output_dir, jobs=args.jobs, force=args.force)
    return report(results)


def _list(args) -> int:
    from compendium.build import runner

    for chapter in runner.discover().values():
        params = ", ".join(f"{k}={v!r}" + (f" (one of: {', '.join(chapter.choices[k])})" if k in chapter.choices else "")
                           for k, v in chapter.defaults.items())
        print(f"{chapter.name:<14} {params}")
    return 0


def _book(args) -> int:
    from compendium.build import book

    return book.build(force=args.force, jobs=args.jobs)


def _validate(args) -> int:
    from compendium.data import loaders

    frames = loaders.validate_package(args.data_dir)
    print(f"{len(frames)} resources valid in {args.data_dir or 'data/'}")
    return 0


def _bench(args) -> int:
    from compendium.build import benchmark

    return benchmark.main()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m compendium", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="execute chapters with papermill")
    run.add_argument("chapters", nargs="*", help="chapter names (default: all); see 'list'")
    run.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"),
                     help="set a chapter parameter (repeatable)")
    run.add_argument("--output-dir", help="where executed notebooks go (default: _build/executed, "
                     "or _build/runs/<parameters> when -p is given)")
    run.add_argument("--jobs", type=int, help="chapters executed at once (default: number of cores)")
    run.add_argument("--force", action="store_true", help="execute even if the inputs are unchanged")
    run.set_defaults(func=_run)

    lst = sub.add_parser("list", help="list the chapters and their parameters")
    lst.set_defaults(func=_list)

    bk = sub.add_parser("book", help="execute changed chapters and build the HTML book into _build/html")
    bk.add_argument("--force", action="store_true", help="re-execute every chapter")
    bk.add_argument("--jobs", type=int, help="chapters executed at once (default: number of cores)")
    bk.set_defaults(func=_book)

    val = sub.add_parser("validate", help="validate every dataset against datapackage.json")
    val.add_argument("--data-dir", help="data folder (default: data/)")
    val.set_defaults(func=_validate)

    bench = sub.add_parser("bench", help="time the clean build, the no-change rebuild and the run of all chapters")
    bench.set_defaults(func=_bench)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except CompendiumError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
