"""What an award's prize is worth: a prize written by hand read as an amount and a currency.

Maintainers write an award's ``prize`` as text ("$2,000", "€1,000 (shared)",
"1,500 CHF", "USD 500", "$1.5k"); ``jam award`` writes it from the sprint's
``prizes`` ladder. The text decides when it names an amount; an award without
text is worth its place's ladder prize. Text that names no money at all
("Honorable mention", "Compute credits") is worth nothing; text with a number
that cannot be read as money is reported as not counted, never guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pycountry

from jamkit.core.model import Award, Sprint
from jamkit.core.wording import CURRENCY_SYMBOLS, place

SYMBOLS = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()} | {"US$": "USD", "¥": "JPY", "₹": "INR"}
_SYMBOL = "|".join(re.escape(s) for s in sorted(SYMBOLS, key=len, reverse=True))
_GROUPED = r"\d{1,3}(?:[,\u202f\u00a0' ]\d{3})+(?:\.\d+)?"  # 1,000.50
_GROUPED_EU = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"  # 1.000,50
_NUMBER = rf"{_GROUPED}|{_GROUPED_EU}|\d+(?:[.,]\d{{1,2}}(?!\d))?|\d+"
_MONEY = re.compile(
    rf"(?:(?P<sym>{_SYMBOL})\s*(?P<n1>{_NUMBER})\s*(?P<k1>[kK]\b)?"
    rf"|(?P<code1>\b[A-Z]{{3}})\s*(?P<n2>{_NUMBER})\s*(?P<k2>[kK]\b)?"
    rf"|(?P<n3>{_NUMBER})\s*(?P<k3>[kK]\b)?\s*(?P<code2>[A-Z]{{3}}\b|{_SYMBOL}))"
)
_DIGIT = re.compile(r"\d")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)  # "1st place" names a place, not money


@dataclass(frozen=True)
class Money:
    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True)
class Uncounted:
    """A written prize that holds a number jamkit cannot read as money; shown so that nobody is misled."""

    sprint: str
    project: str
    prize: str


def read_money(text: str) -> Money | Uncounted | None:
    """The one amount a prize's text names; None when it names no money; ``Uncounted`` when unclear.

    Unclear: a number without a currency, or two different amounts ("$500 + €200").
    """
    found = {money for m in _MONEY.finditer(text) if (money := _money(m)) is not None}
    if len(found) == 1:
        return found.pop()
    if found or _DIGIT.search(_ORDINAL.sub("", text)):
        return Uncounted("", "", text)
    return None


def _money(match: re.Match[str]) -> Money | None:
    """The match as money, if its currency is a real ISO 4217 code ("GPU 100" is not money)."""
    number = match["n1"] or match["n2"] or match["n3"]
    amount = _number(number)
    if match["k1"] or match["k2"] or match["k3"]:
        amount *= 1000
    code = match["code1"] or match["code2"] or match["sym"]
    currency = SYMBOLS.get(code, code)
    return Money(amount, currency) if pycountry.currencies.get(alpha_3=currency) else None


def _number(text: str) -> float:
    """A written number: "1,000.50", "1.000,50", "1 000", "2,5"."""
    if re.fullmatch(_GROUPED_EU, text) and "." in text:
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(re.sub(r"[^\d.]", "", text))


@dataclass(frozen=True)
class PrizeMoney:
    """Money awarded per currency, and the written prizes that could not be counted."""

    totals: dict[str, float]
    uncounted: tuple[Uncounted, ...]


def prize_money(sprints: Iterable[Sprint], counted: set[str]) -> PrizeMoney:
    """Per currency, what the awards of projects ``counted`` (``<sprint>/<project>`` refs) were worth.

    Each award is worth its written prize, else its place's ladder prize. Awards
    that share a place and are worth the same (two projects "€1,000 (shared)",
    or no text at all) split one prize: it counts once.
    """
    totals: dict[str, float] = defaultdict(float)
    uncounted: list[Uncounted] = []
    for sprint in sprints:
        ladder = {p.place: Money(p.amount, p.currency) for p in sprint.fields.prizes}
        seen: set[tuple[int | None, Money]] = set()
        for award in sprint.fields.awards:
            if f"{sprint.slug}/{award.project}" not in counted:
                continue
            worth = award_worth(award, ladder)
            if isinstance(worth, Uncounted):
                uncounted.append(Uncounted(sprint.slug, award.project, worth.prize))
            elif worth is not None and worth.amount > 0:
                key = (award.place, worth) if award.place is not None else (None, worth)
                if award.place is not None and key in seen:
                    continue
                seen.add(key)
                totals[worth.currency] += worth.amount
    return PrizeMoney(dict(sorted(totals.items())), tuple(uncounted))


def award_worth(award: Award, ladder: dict[int, Money]) -> Money | Uncounted | None:
    """The written prize if it names an amount or says there is none, else the place's ladder prize."""
    if award.prize and award.prize.strip() and award.prize.strip() != place(award.place):
        return read_money(award.prize)
    return ladder.get(award.place) if award.place is not None else None
