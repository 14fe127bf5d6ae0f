"""The catalogue of rule codes: in numeric order, each code's severity declared once, no code spelled elsewhere."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jamkit.core import codes
from jamkit.core.codes import CODES
from jamkit.core.diagnostics import code
from jamkit.core.model import Position

PACKAGE = Path(codes.__file__).resolve().parents[1]
CATALOGUE = Path(codes.__file__).resolve()
_A_CODE = re.compile(r"^JAM\d{3}$")


def test_the_catalogue_is_in_numeric_order() -> None:
    assert list(CODES) == sorted(CODES)
    declared = [value.code for value in vars(codes).values() if isinstance(value, codes.Code)]
    assert declared == sorted(declared) == list(CODES)


def test_declaring_a_code_out_of_order_or_twice_is_refused() -> None:
    before = dict(CODES)
    with pytest.raises(ValueError, match="numeric order"):
        code("JAM100", "Too early", "Declared after JAM3xx codes.")
    with pytest.raises(ValueError, match="declared twice"):
        code(max(CODES), "Again", "The last code, a second time.")
    with pytest.raises(ValueError, match="three digits"):
        code("JAM4000", "Bad", "Not a code.")
    assert before == CODES


def test_a_codes_group_is_its_hundreds_digit() -> None:
    groups = {"0": "file", "1": "field", "2": "reference", "3": "policy"}
    assert all(c.group == groups[c.code[3]] for c in CODES.values())


def test_the_warnings_are_declared_with_their_codes() -> None:
    assert {c.code for c in CODES.values() if c.severity == "warning"} == {
        "JAM116",
        "JAM123",
        "JAM215",
        "JAM216",
        "JAM218",
        "JAM221",
        "JAM232",
    }
    assert codes.HAZARD_KEYWORD.severity == codes.UNLINKED_FILE.severity == "warning"


@pytest.mark.parametrize("found", [codes.HAZARD_KEYWORD, codes.UNLINKED_FILE, codes.UNKNOWN, codes.PR_LATE])
def test_a_diagnostic_takes_its_codes_severity(found: codes.Code) -> None:
    made = found.at("sprints/demo.md", Position(3, 5), "message", "fix")
    assert (made.code, made.severity, made.line, made.col) == (found.code, found.severity, 3, 5)


def test_the_catalogue_loads_without_the_content_model() -> None:
    """The bot reads codes and verdicts; neither needs pydantic."""
    script = "import sys, jamkit.core.codes, jamkit.core.verdict; sys.exit('pydantic' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", script], check=False).returncode == 0


def _spelled_codes(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [f"{path.relative_to(root)}:{line}: {text}" for line, text in found if _A_CODE.match(text)]


def test_no_code_is_spelled_as_a_string_outside_the_catalogue() -> None:
    """Compare with the constants (``d.code == codes.UNKNOWN.code``), so a renumbered code cannot be missed."""
    spelled = [
        hit
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != CATALOGUE
        for hit in _spelled_codes(path, PACKAGE.parent)
    ]
    assert spelled == []


def test_the_scan_finds_a_spelled_code(tmp_path: Path) -> None:
    module = tmp_path / "jamkit" / "rule.py"
    module.parent.mkdir()
    module.write_text('"""JAM102 in a docstring is prose."""\nFIXABLE = ("JAM102",)\n', encoding="utf-8")
    assert [hit.rsplit(": ", 1)[1] for hit in _spelled_codes(module, tmp_path)] == ["JAM102"]
