"""Every message jamkit writes for readers is in every catalog, translated, with the same placeholders.

The messages are extracted from the code and the templates with Babel's own
extractors (as ``python -m jamkit.docs.catalogs`` does) and compared with each
shipped ``.po``; a new English message without its Portuguese fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from jamkit.core import i18n
from jamkit.docs import catalogs
from jamkit.docs.catalogs import extract, po_path, read, untranslated

TEMPLATE = extract()
LANGUAGES = catalogs.languages()
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%%")


def _strings(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, (list, tuple)) else (str(value),)


def test_brazilian_portuguese_is_shipped() -> None:
    assert "pt_BR" in LANGUAGES


def test_the_extraction_finds_the_sites_words_in_code_and_templates() -> None:
    ids = {m.id for m in TEMPLATE}
    assert {"Deadline", "Submit your project", "Register", "place %(n)s", "Online"} <= ids  # templates and Python
    assert ("%(num)d project", "%(num)d projects") in ids  # a plural, from a template's ngettext
    files = {path for m in TEMPLATE for path, _line in m.locations}
    assert "src/jamkit/site/theme/partials/copyright.html" in files and "src/jamkit/site/pages.py" in files


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    missing = [m.id for m in untranslated(read(language), TEMPLATE)]
    assert not missing, f"{po_path(language)} lacks (run `{catalogs.COMMAND}`, then translate): {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_catalog_holds_only_messages_the_code_still_uses(language: str) -> None:
    ids = {m.id for m in TEMPLATE}
    stale = [m.id for m in read(language) if m.id and m.id not in ids]
    assert not stale, f"{po_path(language)} has messages no code uses (run `{catalogs.COMMAND}`): {stale}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    wrong = []
    for message in read(language):
        if not message.id:
            continue
        wanted = sorted(_PLACEHOLDER.findall(_strings(message.id)[-1]))
        for string in _strings(message.string):
            if sorted(_PLACEHOLDER.findall(string)) != wanted:
                wrong.append((message.id, string))
    assert not wrong, wrong


def test_a_missing_translation_is_found(tmp_path: Path) -> None:
    """The check itself: a catalog that lacks one message, or has it only fuzzy, is reported."""
    catalog = Catalog(locale="pt_BR")
    for message in read("pt_BR"):
        if message.id and message.id != "Deadline":
            catalog.add(message.id, message.string, flags=["fuzzy"] if message.id == "Register" else ())
    assert {m.id for m in untranslated(catalog, TEMPLATE)} == {"Deadline", "Register"}


def test_the_check_command_passes_on_the_shipped_catalogs(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogs.main(["--check"]) == 0
    assert capsys.readouterr().err == ""


def test_catalogs_are_compiled_from_the_po_when_used() -> None:
    """No compiled file to forget: the .po is the catalog (a .mo is never shipped, so none can be stale)."""
    assert not list(catalogs.LOCALE_DIR.rglob("*.mo"))
    with i18n.speaking("pt-BR"):
        assert i18n._("Submit your project") == "Envie seu projeto"
