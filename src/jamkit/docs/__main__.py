"""``python -m jamkit.docs``: rewrite the generated pages of ``docs/``, or with ``--check`` only say which are stale."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from jamkit.docs import PAGES, generated, stale
from jamkit.docs.page import COMMAND


def main(argv: Sequence[str] | None = None) -> int:
    """Exit 0 when the pages are (or now are) up to date, 1 when ``--check`` finds one stale."""
    parser = argparse.ArgumentParser(prog=COMMAND, description=f"Generate {', '.join(PAGES)} from the code.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a page is out of date; write nothing")
    parser.add_argument("--root", default=".", help="repository root (default: the current folder)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    pages = generated()
    out_of_date = stale(root, pages)
    if args.check:
        for path in out_of_date:
            print(f"{path} is out of date: run `{COMMAND}`", file=sys.stderr)
        return 1 if out_of_date else 0
    for path in out_of_date:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pages[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
