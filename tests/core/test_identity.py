"""People compared as people mean them: one handle, one name, however written."""

from __future__ import annotations

from jamkit.core.identity import handle_key, name_key, person_key


def test_handles_compare_without_case_or_at() -> None:
    assert handle_key(" @Bea ") == handle_key("bea") == "bea"


def test_names_compare_without_case_accents_or_extra_spaces() -> None:
    assert name_key("  José   Núñez ") == name_key("jose nunez") == "jose nunez"
    assert name_key("Fazl") != name_key("Fazl Barez")


def test_a_person_written_family_name_first_is_the_same_person() -> None:
    assert person_key("Sato, Kenji") == person_key("  KENJI  sató") == "kenji sato"
    assert person_key("Kenji Sato, PhD, MBA") == "kenji sato, phd, mba"  # two commas: not a name turned round
    assert person_key("Sato,") == "sato,"
