"""Prizes written by hand, read as money: what counts, and what is named as not counted instead of guessed."""

from __future__ import annotations

import pytest

from jamkit.core.model import Award
from jamkit.figures.prizes import Money, Uncounted, award_worth, read_money


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("$2,000", 2000, "USD"),
        ("€1,000 (shared)", 1000, "EUR"),
        ("1,500 CHF", 1500, "CHF"),
        ("USD 500", 500, "USD"),
        ("$1.5k", 1500, "USD"),
        ("€1.000,50", 1000.5, "EUR"),
        ("2 000 EUR", 2000, "EUR"),
        ("£250 and a mug", 250, "GBP"),
        ("$1,000,000", 1_000_000, "USD"),
    ],
)
def test_written_amounts(text: str, amount: float, currency: str) -> None:
    assert read_money(text) == Money(amount, currency)


@pytest.mark.parametrize("text", ["Honorable mention", "1st place", "Compute credits", "A trip to the 2nd workshop"])
def test_text_without_money_is_worth_nothing(text: str) -> None:
    assert read_money(text) is None


@pytest.mark.parametrize("text", ["1000", "$500 + €200", "GPU 100", "Compute worth 3,000"])
def test_numbers_that_are_not_clearly_money_are_not_counted(text: str) -> None:
    assert read_money(text) == Uncounted("", "", text)


def test_an_award_without_text_is_worth_its_place_on_the_ladder() -> None:
    ladder = {1: Money(2000, "USD")}
    assert award_worth(Award(place=1, project="one"), ladder) == Money(2000, "USD")
    assert award_worth(Award(place=1, project="one", prize="1st place"), ladder) == Money(2000, "USD")
    assert award_worth(Award(place=1, project="one", prize="€900"), ladder) == Money(900, "EUR")
    assert award_worth(Award(place=2, project="one"), ladder) is None
    assert award_worth(Award(project="one", mention=True, prize="Honorable mention"), ladder) is None
