"""The generated reference docs are complete and committed up to date."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from jamkit import reference
from jamkit.diagnostics import CODES
from jamkit.load import load_catalog
from jamkit.rules import check

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "run `python -m jamkit.reference` and commit the result"


@pytest.mark.parametrize("path", [reference.FORMAT_MD, reference.RULES_MD, reference.API_MD])
def test_committed_docs_are_up_to_date(path: str) -> None:
    committed = ROOT / path
    assert committed.is_file(), f"{path} is missing: {REGENERATE}"
    assert committed.read_text(encoding="utf-8") == reference.generated()[path], f"{path} is out of date: {REGENERATE}"


def sections(markdown: str) -> dict[str, str]:
    """Heading text -> the text up to the next heading."""
    parts = re.split(r"^#{2,3} (.+)$", markdown, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_model_field_is_documented_in_its_section() -> None:
    text = (ROOT / reference.FORMAT_MD).read_text(encoding="utf-8")
    found = sections(text)
    titles = {top: f"{kind}: `{path}`" for kind, path, top in reference.FILE_KINDS}
    for cls in reference.all_models():
        title = titles.get(cls, reference.human_name(cls))
        assert title in found, f"format.md has no section for {cls.__name__}: {REGENERATE}"
        for name in cls.model_fields:
            assert f"| `{name}` |" in found[title], f"{cls.__name__}.{name} is not in format.md: {REGENERATE}"


def test_every_field_has_a_meaning() -> None:
    missing = [
        f"{cls.__name__}.{name}"
        for cls in reference.all_models()
        for name, info in cls.model_fields.items()
        if (cls.__name__, name) not in reference.MEANINGS and not info.description
    ]
    assert not missing, f"add these to MEANINGS in src/jamkit/reference.py: {missing}"
    tops = {top for _, _, top in reference.FILE_KINDS}
    unexplained = [
        c.__name__ for c in reference.all_models() if c not in tops and c.__name__ not in reference.MODEL_MEANINGS
    ]
    assert not unexplained, f"add these to MODEL_MEANINGS in src/jamkit/reference.py: {unexplained}"


def test_meanings_name_only_fields_that_exist() -> None:
    models = {cls.__name__: cls for cls in reference.all_models()}
    stale = [key for key in reference.MEANINGS if key[0] not in models or key[1] not in models[key[0]].model_fields]
    assert not stale, f"remove these from MEANINGS: {stale}"
    assert set(reference.MODEL_MEANINGS) <= set(models)


def test_every_nested_object_of_the_contract_is_documented() -> None:
    text = (ROOT / reference.FORMAT_MD).read_text(encoding="utf-8")
    for title in [
        "Member",
        "Judge",
        "Site",
        "Criterion",
        "Prize",
        "Schedule item",
        "Resource",
        "Partner",
        "Team size",
        "Scale",
        "Award",
        "Retraction",
        "Lab",
        "Link",
        "Author",
    ]:
        assert f"\n### {title}\n" in text


def test_every_rule_code_is_documented() -> None:
    reference.register_all_codes()
    text = (ROOT / reference.RULES_MD).read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"\n### {code.code} {code.summary}\n" in text, f"{code.code} is not in rules.md: {REGENERATE}"
        assert code.explanation in text


def test_rules_md_shows_real_text_output() -> None:
    text = reference.rules_md()
    assert re.search(r"^sprints/demo-sprint\.md:\d+:\d+: JAM102 ", text, flags=re.MULTILINE)
    assert re.search(r"^sprints/demo-sprint\.md:\d+:\d+: JAM108 ", text, flags=re.MULTILINE)


def test_examples_in_format_md_pass_jam_check(tmp_path: Path) -> None:
    reference.write_examples(tmp_path)
    catalog, found = load_catalog(tmp_path)
    found += check(catalog)
    assert found == []
    assert set(catalog.submissions) == {"interp-2026/probing-deception"}
    assert len(catalog.reviews["interp-2026"]) == 1


def test_type_names_are_readable() -> None:
    text = reference.format_md()
    assert "| `members` | yes | list of [member](#member) (at least 1) |" in text
    assert "| `registration` |  | https URL |" in text
    assert "| `team_size` |  | [team size](#team-size) | `{min: 1, max: 5}` |" in text
    assert "| `country` |  | country code (ISO 3166-1 alpha-2) |" in text


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jamkit.reference", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_check_mode_fails_on_stale_docs_and_write_mode_fixes_them(tmp_path: Path) -> None:
    stale = run_module("--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert "docs/format.md is out of date: run `python -m jamkit.reference`" in stale.stderr
    assert run_module(cwd=tmp_path).returncode == 0
    assert run_module("--check", cwd=tmp_path).returncode == 0
    (tmp_path / reference.RULES_MD).write_text("edited by hand\n", encoding="utf-8")
    again = run_module("--check", cwd=tmp_path)
    assert again.returncode == 1
    assert "docs/rules.md" in again.stderr
    assert "docs/format.md" not in again.stderr


def test_check_mode_passes_on_this_repository() -> None:
    assert run_module("--check", cwd=ROOT).returncode == 0, REGENERATE


@pytest.mark.parametrize("path", [reference.FORMAT_MD, reference.RULES_MD])
def test_in_page_links_reach_a_heading(path: str) -> None:
    html = markdown.markdown(reference.generated()[path], extensions=["toc", "tables", "fenced_code"])
    ids = set(re.findall(r'<h[1-6] id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets, "expected cross-links"
    assert targets <= ids, f"broken anchors: {targets - ids}"
