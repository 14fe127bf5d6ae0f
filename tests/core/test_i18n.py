"""The programme's language: catalogs compiled from their .po, values in the locale, English left as it was."""

from __future__ import annotations

import datetime as dt

from jamkit.core import i18n, wording
from jamkit.core.i18n import _

FRIDAY = dt.datetime(2025, 1, 17, 9, 0, tzinfo=dt.UTC)


def test_mkdocs_spellings_of_a_language_name_one_catalog() -> None:
    assert {i18n.normal(tag) for tag in ("pt-BR", "pt_BR", "pt_br")} == {"pt_BR"}
    assert i18n.normal(None) == i18n.normal("") == i18n.normal("not a language!") == "en"
    assert "pt_BR" in i18n.languages() and i18n.languages()[0] == "en"


def test_speaking_a_language_lasts_only_for_its_block() -> None:
    with i18n.speaking("pt-BR"):
        assert _("Deadline") == "Prazo"
        assert i18n.ngettext("project", "projects", 2) == "projetos"
    assert _("Deadline") == "Deadline"


def test_a_language_without_a_catalog_reads_english() -> None:
    with i18n.speaking("de"):
        assert _("Deadline") == "Deadline"
        assert wording.place(1) == "place 1"  # the msgid: German has no catalog, Babel still formats
    with i18n.speaking("pt-PT"):  # no pt_PT catalog: its base language's would be used if there were one
        assert i18n.language() == "pt_PT"


def test_values_are_worded_by_the_locale_in_portuguese() -> None:
    with i18n.speaking("pt-BR"):
        assert wording.place(1) == "1º lugar"
        assert wording.place(None) == "Menção honrosa"
        assert wording.money(2000, "USD") == "US$\u00a02.000"  # a no-break space, as the locale writes it
        assert wording.money(1000, "EUR") == "€\u00a01.000"
        assert wording.money(2000.5, "BRL") == "R$\u00a02.000,50"
        assert wording.number(0.25) == "0,25"
        assert wording.score(3.5) == "3,50"
        assert wording.day(FRIDAY) == "17 de janeiro de 2025"
        assert wording.utc_time(FRIDAY) == "sex. 17 jan. 2025, 09:00 UTC"
        assert wording.deadline(FRIDAY) == "sexta-feira, 17 de janeiro de 2025, 09:00 UTC"
        assert wording.plural(0, "project") == "0 projetos"
        assert wording.plural(1, "project") == "1 projeto"
        assert wording.plural(1500, "project") == "1.500 projetos"
        assert i18n.country("United Kingdom") == "Reino Unido"


def test_english_keeps_the_house_style() -> None:
    assert wording.place(1) == "1st place"
    assert wording.money(2000, "USD") == "$2,000"
    assert wording.deadline(FRIDAY) == "Friday 17 January, 09:00 UTC"
    assert wording.utc_time(FRIDAY) == "Fri 17 Jan 2025, 09:00 UTC"
    assert wording.plural(1500, "project") == "1500 projects"
    assert i18n.country("United Kingdom") == "United Kingdom"
