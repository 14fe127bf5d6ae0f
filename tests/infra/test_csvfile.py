"""CSV for spreadsheets (issue 23, class 4): formulas neutralised, numbers kept, one module writes them all."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import pytest

from jamkit.infra.csvfile import neutralised, restored, text
from tests.helpers import ROOT

SRC = ROOT / "src" / "jamkit"
FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]
WRITERS = {"writer", "DictWriter"}


def csv_writers(path: Path) -> list[int]:
    """The lines of ``path`` that reach the csv module's writers: ``csv.writer``, ``from csv import DictWriter``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = [a for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    modules = {"csv"} | {a.asname for a in imports if a.name == "csv" and a.asname}
    return [node.lineno for node in ast.walk(tree) if _writes(node, modules)]


def _writes(node: ast.AST, modules: set[str]) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr in WRITERS and isinstance(node.value, ast.Name) and node.value.id in modules
    if isinstance(node, ast.ImportFrom) and node.module == "csv":
        return bool({a.name for a in node.names} & {*WRITERS, "*"})
    return False


def test_only_csvfile_writes_csv() -> None:
    found = {
        f"{p.relative_to(ROOT)}:{line}"
        for p in sorted(SRC.rglob("*.py"))
        if p != SRC / "infra" / "csvfile.py"
        for line in csv_writers(p)
    }
    assert found == set(), "write CSV through jamkit.infra.csvfile.text, which neutralises formulas"
    assert csv_writers(SRC / "infra" / "csvfile.py")  # the finder finds the one that is allowed


def test_the_finder_sees_every_spelling(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import csv as c\nfrom csv import DictWriter\nw = c.writer(x)\nr = c.reader(x)\n")
    assert csv_writers(sample) == [2, 3]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_is_written_as_text_and_reads_back_as_it_was(formula: str) -> None:
    written = text([["name", "value"], [formula, 3]])
    rows = list(csv.reader(io.StringIO(written)))
    assert rows[1] == ["'" + formula, "3"]
    assert [restored(cell) for cell in rows[1]] == [formula, "3"]


def test_numbers_jamkit_writes_stay_numbers_and_plain_text_is_untouched() -> None:
    assert [neutralised(v) for v in (-2, -0.5, 0, 3.25, None, "-", "a=b", "'quoted", "P001")] == [
        "-2",
        "-0.5",
        "0",
        "3.25",
        "",
        "'-",
        "a=b",
        "'quoted",
        "P001",
    ]
    assert restored("'quoted") == "'quoted" and restored("'") == "'" and restored("''=1") == "''=1"
