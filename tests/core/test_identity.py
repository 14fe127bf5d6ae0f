"""People compared as people mean them: one handle, one name, however written."""

from __future__ import annotations

from jamkit.core.identity import handle_key, name_key


def test_handles_compare_without_case_or_at() -> None:
    assert handle_key(" @Bea ") == handle_key("bea") == "bea"


def test_names_compare_without_case_accents_or_extra_spaces() -> None:
    assert name_key("  José   Núñez ") == name_key("jose nunez") == "jose nunez"
    assert name_key("Fazl") != name_key("Fazl Barez")
