"""One home for wording: how jamkit's values are written for people and for the formats that carry them.

Messages, the site, the feed, the CLI and the bot all word values here, so a
place is "1st place" everywhere, a count agrees with its noun, and untrusted
text is made printable the same way. Words and values follow the language
spoken (``jamkit.core.i18n``): English keeps the house style below, other
languages are formatted by Babel.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_currency, format_decimal

from jamkit.core import i18n
from jamkit.core.i18n import N_, _

# XML 1.0 and iCalendar TEXT both refuse C0 controls other than tab, newline, carriage return.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
KB, MB = 1024, 1024 * 1024


# --------------------------------------------------------------------------- untrusted text


def clean(text: str) -> str:
    """Front matter is untrusted: drop characters that would make XML or iCalendar invalid."""
    return _CONTROL.sub("", text)


def valid_text(text: str) -> str:
    """Text every encoder accepts: a lone surrogate (from a file name that was not UTF-8) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """One line, no control characters: content is untrusted and may hold terminal escapes."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def shown(value: object, limit: int = 60) -> str:
    """A value as it can safely appear inside a one-line message: printable, and short."""
    text = printable(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- numbers


def noun(count: int, word: str, many: str | None = None) -> str:
    """The noun that agrees with ``count``: "project", "projects"; ``many`` where an s will not do ("entries")."""
    return i18n.ngettext(word, many or word + "s", count)


def plural(count: int, word: str, many: str | None = None) -> str:
    """A count and its noun: "1 project", "2 projects"."""
    return f"{count if i18n.english() else format_decimal(count, locale=i18n.locale())} {noun(count, word, many)}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


MENTION = N_("Honorable mention")


def place(n: int | None) -> str:
    """A prize place, the same on pages, badges, the feed and in the terminal: "1st place".

    An honorable mention has no place (``None``) and reads "Honorable mention".
    """
    if n is None:
        return _(MENTION)
    return f"{ordinal(n)} place" if i18n.english() else _("place %(n)s") % {"n": n}


def number(x: float) -> str:
    """2.0 -> "2", 0.25 -> "0.25": weights, scales and scores as people write them."""
    return f"{x:g}" if i18n.english() else format_decimal(x, locale=i18n.locale())


def score(x: float) -> str:
    """A score with two decimals, as the scores table shows it: "3.50" ("3,50" in Portuguese)."""
    return f"{x:.2f}" if i18n.english() else format_decimal(x, "0.00", locale=i18n.locale())


def money(amount: float, currency: str) -> str:
    """ "$2,000", "€1,000", "500 CHF": whole amounts without decimals, thousands separated by commas."""
    if not i18n.english():
        return _local_money(amount, currency)
    figure = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{figure}" if symbol else f"{figure} {currency}"


def _local_money(amount: float, currency: str) -> str:
    """The locale's own way ("US$ 2.000"), whole amounts still without decimals."""
    loc = i18n.locale()
    if not float(amount).is_integer():
        return format_currency(amount, currency, locale=loc)
    pattern = re.sub(r"\.0+", "", loc.currency_formats["standard"].pattern)
    return format_currency(amount, currency, format=pattern, locale=loc, currency_digits=False)


def size(n: int) -> str:
    """A file size: "1.5 MB", "120 KB"."""
    return f"{n / MB:.1f} MB" if n >= MB else f"{n / KB:.0f} KB"


# --------------------------------------------------------------------------- time


def utc_time(when: dt.datetime) -> str:
    """A moment for readers: "Fri 17 Jan 2025, 09:00 UTC"."""
    t = when.astimezone(dt.UTC)
    if not i18n.english():
        return format_datetime(t, "EEE d MMM y, HH:mm 'UTC'", tzinfo=dt.UTC, locale=i18n.locale())
    return f"{t:%a} {t.day} {t:%b} {t.year}, {t:%H:%M} UTC"


def zone_time(when: dt.datetime, zone: str) -> str:
    """A moment in a place's own time zone (IANA name): "Sat 14 Mar 2026, 09:00 GMT"."""
    t = when.astimezone(ZoneInfo(zone))
    return f"{t:%a} {t.day} {t:%b} {t.year}, {t:%H:%M} {t.tzname()}"


def utc_stamp(when: dt.datetime) -> str:
    """A moment in a message, sortable: "2026-03-16 12:00 UTC"."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def day(when: dt.date) -> str:
    """A day: "17 January 2025" (a date-time is read in UTC)."""
    d = when.astimezone(dt.UTC) if isinstance(when, dt.datetime) else when
    if not i18n.english():
        return format_date(d, "long", locale=i18n.locale())
    return f"{d.day} {d:%B} {d.year}"


def month(when: dt.date) -> str:
    """A month: "Jan 2025" ("jan. de 2025" in Portuguese)."""
    return f"{when:%b %Y}" if i18n.english() else format_skeleton("yMMM", when, locale=i18n.locale())


def deadline(when: dt.datetime) -> str:
    """A deadline as people say it, in its own time zone: "Sunday 21 January, 23:59 AoE"."""
    if not i18n.english():
        shown = format_date(when.date(), "full", locale=i18n.locale())
        return f"{shown}, {when:%H:%M} {when.tzname()}"
    return f"{when:%A} {when.day} {when:%B}, {when:%H:%M} {when.tzname()}"
