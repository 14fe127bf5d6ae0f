"""What a build writes into the site, as one table, and where a repository file would land in it.

The site's URLs (``jamkit.site.urls``) are spelled from these names, and the rule on
reserved names (``jamkit.checks.pull_request.publishable``) refuses a file that would
land at, or under, one of them: a folder ``index.html/`` beside a project's page stops
every later build. Names are compared the way a case-insensitive, normalising file
system or web server compares them (``name_key``), so ``Index.HTML`` is ``index.html``.
``tests/files/test_outputs.py`` compares the table with what a real build writes.
"""

from __future__ import annotations

import unicodedata

from jamkit.core.model import is_slug
from jamkit.files.git.change import project_of

# --------------------------------------------------------------------------- the table

PAGE = "index.html"  # every page is the index of its directory URL
PAGE_SOURCE = "index.md"  # the virtual Markdown file of a generated page, beside it in the build
PAGE_FILES = (PAGE, PAGE_SOURCE)  # per page: no attachment may take these names

HOME = ""
SPRINTS = "sprints/"
PROJECTS = "projects/"
PUBLICATIONS = "publications/"
PEOPLE = "people/"
STATS = "stats/"
WINNERS = "winners/"
LAB = "lab/"
SITES = "sites/"  # local sites: the map, one page and one calendar per site
SEARCH = "search/"  # Pagefind's results page
TAGS = "tags/"  # Material's tags page
CALENDARS = "calendar/"  # one iCalendar file per sprint
SCHEMA = "schema/"
API = "api/"  # open data; docs/api.md may explain it at api/index.html
PAGEFIND = "pagefind/"  # the search index
ASSETS = "assets/"  # the theme's and jamkit's stylesheets, scripts and images
FEED = "feed.xml"
CALENDAR = "calendar.ics"
NOT_FOUND = "404.html"
SITEMAP = "sitemap.xml"
SITEMAP_PACKED = "sitemap.xml.gz"
TAGS_INDEX = "tags.json"  # Material's tags plugin
API_NAMES = ("sprints", "projects", "publications")

# Folders whose every file is the build's: generated pages (and the attachments beside them), search, assets.
OWNED = (
    SPRINTS,
    PROJECTS,
    PUBLICATIONS,
    PEOPLE,
    STATS,
    WINNERS,
    LAB,
    SITES,
    SEARCH,
    TAGS,
    CALENDARS,
    SCHEMA,
    PAGEFIND,
    ASSETS,
)
# Single files the build writes; nothing else may be one of them.
WRITTEN = (PAGE, NOT_FOUND, FEED, CALENDAR, SITEMAP, SITEMAP_PACKED, TAGS_INDEX, *(f"{API}{n}.json" for n in API_NAMES))

DOCS = "docs/"  # MkDocs' docs_dir: hand-written pages and their files
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs turns into a page


def name_key(name: str) -> str:
    """A name as case-insensitive, normalising storage sees it: NFKC, case-folded, trailing dots and spaces gone.

    Two names with one key are one file on macOS or Windows and behind many web servers.
    """
    return unicodedata.normalize("NFKC", name).casefold().rstrip(". ")


def path_key(path: str) -> str:
    return "/".join(name_key(part) for part in path.split("/"))


_OWNED_KEYS = {name_key(folder.rstrip("/")) for folder in OWNED}
_WRITTEN_KEYS = {path_key(name): name for name in WRITTEN}
_PAGE_KEYS = {name_key(name) for name in PAGE_FILES}


# --------------------------------------------------------------------------- where a repository file lands


def published_at(path: str) -> str | None:
    """The site path a repository file is published at, or None when the build does not publish it.

    A project's or sprint's attachment lands beside its page; a file of ``docs/``
    where MkDocs puts it (a Markdown page at its directory URL).
    """
    ref = project_of(path)
    parts = path.split("/")
    if ref is not None and len(parts) >= 4:
        return f"{PROJECTS}{ref}/{'/'.join(parts[3:])}"
    if len(parts) >= 3 and parts[0] == "sprints" and is_slug(parts[1]):
        return "/".join(parts)
    if path.startswith(DOCS) and len(parts) >= 2:
        return _docs_output(path[len(DOCS) :])
    return None


def _docs_output(rel: str) -> str:
    """Where MkDocs (``use_directory_urls``) writes ``docs/<rel>``."""
    folder, _, name = rel.rpartition("/")
    stem, dot, suffix = name.rpartition(".")
    if not dot or f".{suffix.lower()}" not in _MARKDOWN:
        return rel
    prefix = f"{folder}/" if folder else ""
    if stem.lower() in ("index", "readme"):
        return f"{prefix}{PAGE}"
    return f"{prefix}{stem}/{PAGE}"


def page_of(site_path: str) -> str | None:
    """The page folder a published attachment sits beside (``projects/<sprint>/<project>/``), else None."""
    parts = site_path.split("/")
    if parts[0] == PROJECTS.rstrip("/") and len(parts) >= 4:
        return "/".join(parts[:3]) + "/"
    if parts[0] == SPRINTS.rstrip("/") and len(parts) >= 3 and is_slug(parts[1]):
        return "/".join(parts[:2]) + "/"
    return None


def clash(site_path: str) -> str | None:
    """The output of the build that ``site_path`` would be, or sit under; None when it is free.

    An attachment may not take a page's own file names (``index.html``) beside its
    page; any other file may not be one of the build's files nor sit in one of its
    folders; and no name may vanish (only dots and spaces).
    """
    parts = site_path.split("/")
    if any(not name_key(part) for part in parts):
        return "a name of only dots and spaces, which some systems drop"
    page = page_of(site_path)
    if page is not None:
        first = parts[page.count("/")]
        if name_key(first) in _PAGE_KEYS:
            return f"the page {page}{PAGE}"
        return None
    written = _WRITTEN_KEYS.get(path_key(site_path))
    if written is not None:
        return written
    if name_key(parts[0]) in _OWNED_KEYS:
        return f"the folder {name_key(parts[0])}/, which the build fills"
    for name in WRITTEN:  # a folder named like a file the build writes
        if path_key(site_path).startswith(path_key(name) + "/"):
            return name
    return None
