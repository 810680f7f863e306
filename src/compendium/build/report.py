"""What a run of the chapters prints: one line per chapter, failures on standard error."""
from __future__ import annotations

import sys


def report(results) -> int:
    """Print one line per chapter; return 1 if any failed."""
    for result in results:
        if result.status == "failed":
            print(f"FAILED   {result.message}", file=sys.stderr)
        else:
            how = f"in {result.seconds:.1f} s" if result.status == "executed" else "(inputs unchanged)"
            print(f"{result.status:<8} {result.chapter} {how} -> {result.notebook}")
    failed = [r.chapter for r in results if r.status == "failed"]
    if failed:
        print(f"{len(failed)} of {len(results)} chapters failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0
