"""``python -m jamkit.docs.catalogs``: jamkit's messages gathered from its code and templates into each catalog.

Every word jamkit writes for readers is marked (``_``, ``N_``, ``ngettext`` in
Python; ``_()``, ``ngettext()`` and ``{% trans %}`` in templates). Babel's
extractors gather them; each ``src/jamkit/locale/<lang>/LC_MESSAGES/jamkit.po``
is brought up to date (new messages added untranslated, gone ones dropped,
translations kept), and ``--check`` names the messages a catalog lacks.
docs/translating.md walks through adding a language.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from jamkit.core.i18n import DOMAIN, ENGLISH

PACKAGE = Path(__file__).resolve().parents[1]  # src/jamkit
LOCALE_DIR = PACKAGE / "locale"
COMMAND = "python -m jamkit.docs.catalogs"
# Templates run with jinja2.ext.i18n, new-style gettext and trimmed blocks (jamkit.site.render, the plugin's on_env).
JINJA = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trimmed": "true", "silent": "false"}
HEADER = (
    "# jamkit's own words in {language}. Run `python -m jamkit.docs.catalogs` after changing them "
    "(docs/translating.md)."
)
METHODS = [
    ("docs/**.py", "ignore"),
    ("**.py", "python"),
    ("site/templates/**.html", "jinja2"),
    ("site/theme/**.html", "jinja2"),
]


def extract() -> Catalog:
    """The messages of jamkit's code and templates, as a catalog without translations (a .pot)."""
    template = Catalog(domain=DOMAIN, project="jamkit", fuzzy=False)
    found = extract_from_dir(
        PACKAGE, METHODS, keywords=DEFAULT_KEYWORDS, options_map={"site/**.html": JINJA}, strip_comment_tags=True
    )
    for filename, line, message, comments, context in found:
        template.add(message, None, [(f"src/jamkit/{filename}", line)], auto_comments=comments, context=context)
    return template


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write(language: str, catalog: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=120, omit_header=False, sort_output=True, ignore_obsolete=True)


def update(language: str, template: Catalog | None = None) -> Catalog:
    """The catalog of ``language`` with every message of the code: new ones untranslated, gone ones dropped."""
    template = template or extract()
    path = po_path(language)
    if path.is_file():
        catalog = read(language)
    else:
        catalog = Catalog(locale=Locale.parse(language), domain=DOMAIN, project="jamkit", fuzzy=False)
        catalog.header_comment = HEADER.format(language=Locale.parse(language).english_name)
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    catalog.obsolete.clear()
    return catalog


def untranslated(catalog: Catalog, template: Catalog) -> Iterator[Message]:
    """The messages of ``template`` that ``catalog`` does not translate (a plural counts only with every form)."""
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = [] if found is None else (found.string if isinstance(found.string, (list, tuple)) else [found.string])
        if found is None or found.fuzzy or not strings or not all(strings):
            yield message


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE_DIR.iterdir() if po_path(p.name).is_file()) if LOCALE_DIR.is_dir() else []


def main(argv: Sequence[str] | None = None) -> int:
    """Bring every catalog (and ``--add LANG``'s new one) up to date; ``--check``: exit 1 naming what one lacks."""
    parser = argparse.ArgumentParser(prog=COMMAND, description="Update jamkit's translation catalogs.")
    parser.add_argument("--add", metavar="LANG", help="start a catalog for a language, e.g. pt_BR or de")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a message lacks a translation")
    args = parser.parse_args(argv)
    template = extract()
    wanted = sorted({*languages(), *([args.add] if args.add else [])} - {ENGLISH})
    lacking = 0
    for language in wanted:
        catalog = update(language, template)
        missing = list(untranslated(catalog, template))
        if args.check:
            for message in missing:
                where = ", ".join(f"{path}:{line}" for path, line in message.locations[:1])
                print(f"{po_path(language)}: no translation of {message.id!r} ({where})", file=sys.stderr)
        else:
            write(language, catalog)
            print(f"wrote {po_path(language)}: {len(missing)} message(s) to translate")
        lacking += len(missing)
    return 1 if args.check and lacking else 0


if __name__ == "__main__":
    sys.exit(main())
