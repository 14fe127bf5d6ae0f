"""Rule codes: all declared in one module, each with the anchor of its heading in docs/rules.md."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

import jamkit
from jamkit.core.codes import CODES
from jamkit.core.diagnostics import heading_id


@pytest.mark.parametrize(
    "title",
    ["JAM101 Required field missing", "JAM307 LATE: the sprint's deadline has passed", "Schedule item", "Ünïcode — ok"],
)
def test_heading_id_is_the_id_python_markdown_gives_the_heading(title: str) -> None:
    html = markdown.markdown(f"### {title}", extensions=["toc"])
    assert html.startswith(f'<h3 id="{heading_id(title)}">')


def test_a_code_links_to_its_own_heading() -> None:
    assert CODES["JAM101"].heading == "JAM101 Required field missing"
    assert CODES["JAM101"].anchor == "jam101-required-field-missing"
    assert CODES["JAM307"].anchor == "jam307-late-the-sprints-deadline-has-passed"


def test_importing_the_catalogue_alone_knows_every_code() -> None:
    """No module registers codes of its own, so nothing has to be imported first to know them all."""
    count = "from jamkit.core.codes import CODES; print(len(CODES))"
    alone = subprocess.run([sys.executable, "-c", count], capture_output=True, text=True, check=True).stdout
    everything = (
        "import importlib, pkgutil, jamkit\n"
        "for m in pkgutil.walk_packages(jamkit.__path__, 'jamkit.'): importlib.import_module(m.name)\n" + count
    )
    after_all = subprocess.run([sys.executable, "-c", everything], capture_output=True, text=True, check=True).stdout
    assert int(alone) == int(after_all) == len(CODES) > 40


def test_severity_and_the_slug_pattern_are_declared_once() -> None:
    """Every other module imports them from core, the lowest layer."""
    package = Path(jamkit.__file__).resolve().parent
    declared: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [*getattr(node, "targets", []), getattr(node, "target", None)]
            names = [t.id for t in targets if isinstance(t, ast.Name)]
            for name in names:
                if name.lstrip("_") in {"Severity", "SLUG_RE", "SEVERITIES"}:
                    declared.setdefault(name.lstrip("_"), []).append(str(path.relative_to(package)))
    assert declared == {
        "Severity": ["core/diagnostics.py"],
        "SEVERITIES": ["core/diagnostics.py"],
        "SLUG_RE": ["core/model/types.py"],
    }
