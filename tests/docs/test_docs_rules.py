"""``docs/rules.md`` explains every rule code, under the heading the bot links to."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from jamkit.core.codes import CODES
from jamkit.docs import rules

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_code_is_documented() -> None:
    text = (ROOT / rules.PATH).read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"\n### {code.code} {code.summary}\n" in text, f"{code.code} is not in rules.md"
        assert code.explanation in text


def test_every_code_anchor_is_the_id_of_its_heading_in_the_built_page() -> None:
    html = markdown.markdown(rules.page(), extensions=["toc", "tables", "fenced_code"])
    headings = {code: anchor for anchor, code in re.findall(r'<h3 id="([^"]+)">(JAM\d+) ', html)}
    assert headings == {c.code: c.anchor for c in CODES.values()}


def test_rules_md_shows_real_text_output() -> None:
    text = rules.page()
    assert re.search(r"^sprints/demo-sprint\.md:\d+:\d+: JAM102 ", text, flags=re.MULTILINE)
    assert re.search(r"^sprints/demo-sprint\.md:\d+:\d+: JAM108 ", text, flags=re.MULTILINE)
