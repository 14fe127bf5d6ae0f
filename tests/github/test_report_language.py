"""The bot speaks the site's language: ``theme.language`` of mkdocs.yml words its comment and commit status.

Verdict documents of every outcome are reported in Brazilian Portuguese through
``python -m jamkit.github --dry-run`` (the module the workflow runs, given the
repository's mkdocs.yml) and through ``build_report``; no English sentence of
the bot's may be left, only what the verdict quotes (messages of the checks,
file names) and the names of labels and commands.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jamkit.core import i18n
from jamkit.core.verdict import from_json
from jamkit.docs.catalogs import extract, read
from jamkit.github.report import Context, build_report
from tests.helpers.verdicts import SHA, problem, verdict_doc

ROOT = Path(__file__).resolve().parents[2]
PT = Context(repo="Codertocat/Hello-World", head_sha=SHA, run_url="https://example.org/run/1", language="pt_BR")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
# Names that stay as they are: commands, labels, and GitHub's own buttons (its interface may be in English).
KEPT = ("jam check --pr", "jam check", "pull request", "needs-changes", "ready", "late", "Files changed", "Edit file")
KEPT += ("Commit changes",)

VERDICTS = {
    "needs-changes": verdict_doc([problem(), problem(severity="warning", line=3)]),
    "ready": verdict_doc([problem(severity="warning")]),
    "clean": verdict_doc(),
    "late": verdict_doc([problem("LATE ...", code="JAM307", fix="...")], late=True, protected=True),
    "not-open": verdict_doc([problem("Not started ...", code="JAM308", fix="...")], not_open=True),
    "many": verdict_doc([problem(line=n) for n in range(1, 60)], projects=[f"demo-sprint/p{n}" for n in range(12)]),
}


@functools.cache
def _bot_phrases() -> dict[str, str]:
    """The English phrases of the bot's messages (between placeholders) that their translation does not share."""
    catalog = read("pt_BR")
    found = {}
    for message in extract():
        if not any(path == "src/jamkit/github/report.py" for path, _line in message.locations):
            continue
        translated = catalog.get(message.id)
        assert translated is not None
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in _PLACEHOLDER.split(msgid):
                piece = piece.strip(" .,:;()!-*>|#`")
                if len(piece) >= 4 and piece not in KEPT and not any(piece in s for s in strings):
                    found[piece] = msgid
    return found


def _english_left(text: str) -> dict[str, str]:
    for name in KEPT:
        text = text.replace(name, " ")
    phrases = _bot_phrases().items()
    return {piece: msgid for piece, msgid in phrases if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text)}


def _dry_run(tmp_path: Path, verdict: str, language: str) -> tuple[dict[str, Any], str]:
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("\n  language: en\n", f"\n  language: {language}\n"), encoding="utf-8")
    (tmp_path / "verdict.json").write_text(verdict, encoding="utf-8")
    args = ["--verdict", "verdict.json", "--repo", "Codertocat/Hello-World", "--pr", "1", "--sha", SHA, "--dry-run"]
    done = subprocess.run(
        [sys.executable, "-m", "jamkit.github", *args], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    head, _, body = done.stdout.partition("\n")
    return json.loads(head), body


def test_the_bot_reads_the_language_from_the_repositorys_mkdocs_yml(tmp_path: Path) -> None:
    status, body = _dry_run(tmp_path, VERDICTS["needs-changes"], "pt-BR")
    assert body.splitlines()[1] == "## ✋ jam check: algumas mudanças são necessárias"
    assert "Obrigado pelo seu envio! O `jam check` encontrou **1 erro** a corrigir e 1 aviso em 1 arquivo." in body
    assert "### Próximos passos" in body and "| | Arquivo | Código | Problema | Como corrigir |" in body
    assert status["description"] == "1 erro em 1 arquivo: veja o comentário do bot no pull request"
    assert "'title' is missing" in body  # the checks' own messages are quoted as they are
    assert not _english_left(body + status["description"])


def test_an_english_mkdocs_yml_keeps_the_bots_english(tmp_path: Path) -> None:
    status, body = _dry_run(tmp_path, VERDICTS["needs-changes"], "en")
    assert "Thanks for your submission! `jam check` found **1 error** to fix and 1 warning in 1 file." in body
    assert status["description"] == "1 error in 1 file: see the bot's comment on the pull request"


@pytest.mark.parametrize("outcome", list(VERDICTS))
def test_every_outcome_is_worded_in_portuguese(outcome: str) -> None:
    report = build_report(from_json(VERDICTS[outcome]), PT)
    left = _english_left(report.body + "\n" + report.body_replacing_edited + "\n" + report.description)
    assert not left, f"English left in the {outcome} comment: {left}\n\n{report.body}"
    assert i18n.language() == i18n.ENGLISH  # the report spoke Portuguese only while it was made


def test_a_missing_or_unreadable_mkdocs_yml_means_english(tmp_path: Path) -> None:
    assert i18n.mkdocs_language(tmp_path / "mkdocs.yml") == "en"
    (tmp_path / "mkdocs.yml").write_bytes(b"theme:\n  language: \xff\n")
    assert i18n.mkdocs_language(tmp_path / "mkdocs.yml") == "en"
    (tmp_path / "mkdocs.yml").write_text("theme:\n  name: material\nextra:\n  language: pt-BR\n", encoding="utf-8")
    assert i18n.mkdocs_language(tmp_path / "mkdocs.yml") == "en"  # only theme.language counts
