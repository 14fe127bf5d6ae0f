"""The programme's language: jamkit's own words from gettext catalogs, and values formatted by the locale.

``theme.language`` in ``mkdocs.yml`` (MkDocs' and Material's own setting) names
the language; the site and the bot read it there. Catalogs are package data,
``jamkit/locale/<lang>/LC_MESSAGES/jamkit.po``, compiled with Babel when first
used, so no compiled file can go stale and nobody must remember a step.
English is the source language: its words are the msgids and its values keep
the house style of ``jamkit.core.wording``. Everything else formats dates,
numbers and money with Babel, and country names with pycountry's catalogs.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import io
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "jamkit"
ENGLISH = "en"
LOCALES = resources.files("jamkit") / "locale"

_language: contextvars.ContextVar[str] = contextvars.ContextVar("jamkit_language", default=ENGLISH)


def normal(tag: str | None) -> str:
    """ "pt-BR", "pt_br" or "pt_BR" -> "pt_BR"; anything unknown (or nothing) -> English."""
    if not tag:
        return ENGLISH
    try:
        return str(Locale.parse(str(tag).replace("-", "_")))
    except (ValueError, UnknownLocaleError):
        return ENGLISH


def catalog_path(language: str) -> resources.abc.Traversable:
    """Where the catalog of ``language`` lives (it may not exist)."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages jamkit ships a catalog for, English (the msgids) first."""
    found = sorted(d.name for d in LOCALES.iterdir() if d.is_dir() and catalog_path(d.name).is_file())
    return [ENGLISH, *found]


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` compiled in memory; its language alone, then its base ("pt"), then English."""
    for name in (language, language.split("_")[0]):
        po = catalog_path(name)
        if name != ENGLISH and po.is_file():
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=name, domain=DOMAIN)
            mo = io.BytesIO()
            write_mo(mo, catalog, use_fuzzy=False)
            mo.seek(0)
            return gettext.GNUTranslations(mo)
    return gettext.NullTranslations()


def language() -> str:
    """The language being spoken now (English unless inside ``speaking``)."""
    return _language.get()


def english() -> bool:
    return language() == ENGLISH


def locale() -> Locale:
    """Babel's locale of the language spoken now."""
    return Locale.parse(language())


@contextlib.contextmanager
def speaking(tag: str | None) -> Iterator[str]:
    """Within the block, ``_``, ``ngettext`` and ``jamkit.core.wording`` speak ``tag`` (e.g. "pt-BR")."""
    token = _language.set(normal(tag))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """``message`` in the language spoken now; English when its catalog lacks it."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message that agrees with ``n``, in the language spoken now."""
    return translations(language()).ngettext(singular, plural, n)


# `language:` among the indented lines under a top-level `theme:`
_THEME_LANGUAGE = re.compile(
    r"^theme:[ \t]*\n(?:(?:[ \t]+.*|[ \t]*)\n)*?[ \t]+language:[ \t]*[\"']?([A-Za-z_-]+)", re.MULTILINE
)


def mkdocs_language(config: Path) -> str:
    """``theme.language`` of an ``mkdocs.yml``, read as text (it may hold tags no safe YAML loader takes).

    What the bot speaks, as the site does; English when the file or the setting is missing.
    """
    try:
        found = _THEME_LANGUAGE.search(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ENGLISH
    return normal(found.group(1)) if found else ENGLISH


def N_(message: str) -> str:
    """Marks a constant for the catalog; it is translated where it is shown, with ``_``."""
    return message


def gettext_of(tag: str | None) -> gettext.NullTranslations:
    """The catalog of a language named as ``mkdocs.yml`` names it, for a template environment of its own."""
    return translations(normal(tag))


@cache
def _countries(language: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language, language.split("_")[0]])
    except OSError:
        return gettext.NullTranslations()


def country(english_name: str) -> str:
    """A country's name (ISO 3166-1, as pycountry writes it in English) in the language spoken now."""
    return english_name if english() else _countries(language()).gettext(english_name)
