"""``python -m compendium``: the command line (:mod:`compendium.build.cli`)."""
from compendium.build.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
