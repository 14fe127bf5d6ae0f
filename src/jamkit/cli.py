"""The ``jam`` command: argument handling only; the work happens in the library.

Exit codes: 0 clean, 1 the content has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from jamkit import __version__
from jamkit.formats import FORMATS, render

OK, CONTENT_ERRORS, USAGE = 0, 1, 2


class UsageError(Exception):
    """The command was used wrongly; the message says how to use it instead."""


Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, Command] = {}


def find_root(start: Path) -> Path:
    """The repository root: the nearest folder upwards holding mkdocs.yml or sprints/."""
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / "sprints").is_dir():
            return folder
    return start


def relative_paths(root: Path, paths: Sequence[str]) -> list[str]:
    """Repository-relative posix paths for the files named (folders expand)."""
    result: list[str] = []
    for given in paths:
        full = Path(given).resolve()
        if not full.exists():
            raise UsageError(f"{given}: no such file or folder")
        try:
            rel = full.relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"{given}: not inside the repository {root}") from None
        if full.is_dir():
            result += [
                str(p.relative_to(root.resolve()).as_posix())
                for p in sorted(full.rglob("*"))
                if p.is_file() and (p.suffix == ".md" or p.name == "reviews.yaml")
            ]
        else:
            result.append(rel.as_posix())
    return result


def cmd_check(args: argparse.Namespace) -> int:
    from jamkit.load import load_catalog
    from jamkit.rules import check

    root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    only = relative_paths(root, args.paths) if args.paths else None
    catalog, found = load_catalog(root, only)
    found += check(catalog)
    if only is not None:
        wanted = set(only)
        found = [d for d in found if d.path in wanted]
    checked = len(only) if only is not None else len(catalog.present)
    print(render(found, args.format, checked))
    return CONTENT_ERRORS if any(d.severity == "error" for d in found) else OK


COMMANDS["check"] = cmd_check


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jam", description="Check and manage a jamkit repository of research sprints."
    )
    parser.add_argument("--version", action="version", version=f"jam {__version__}")
    parser.add_argument("--root", help="repository root (default: found from the current folder)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    check = sub.add_parser("check", help="validate the repository or the given files")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (default: everything)")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as err:
        print(f"jam {args.command}: {err}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: say so in one line, never a traceback
        if os.environ.get("JAM_DEBUG"):
            raise
        print(f"jam: internal error: {type(err).__name__}: {err} (set JAM_DEBUG=1 for details)", file=sys.stderr)
        return CONTENT_ERRORS


if __name__ == "__main__":
    sys.exit(main())
