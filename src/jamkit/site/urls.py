"""The public site's URLs, as paths relative to the site root, and the links made from them.

The pages, the open data, the feed and the calendar all link through here, so
they cannot disagree about where a sprint, a project, a person or a report
lives; the names themselves come from the table of what a build writes
(``jamkit.files.outputs``). Where a page's file sits in the build is derived from its URL (in
``jamkit.site.pages``), never spelled again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from jamkit.core.model import Submission, is_https
from jamkit.files import outputs
from jamkit.files.layout import BROWSER_SLUG, Attachment, Remote, attachment, project_folder, scheme_of
from jamkit.upkeep.scaffold import browser_submission

# Where the pages are: the table of what a build writes (jamkit.files.outputs), which the rule on reserved names reads.
HOME = outputs.HOME
SPRINTS = outputs.SPRINTS
PUBLICATIONS = outputs.PUBLICATIONS
PEOPLE = outputs.PEOPLE
STATS = outputs.STATS
WINNERS = outputs.WINNERS
LAB = outputs.LAB
SITES = outputs.SITES
SEARCH = outputs.SEARCH  # Pagefind's results; the header's search box sends its query here as ?q=
FEED = outputs.FEED
CALENDAR = outputs.CALENDAR
SUBMIT = "submit/"  # the hand-written guide, docs/submit.md
ATTACH_REPORT = "submit/#attach-your-report-pdf"  # its browser steps for the report PDF
TEMPLATE_PROJECT = BROWSER_SLUG  # the browser template's project name, refused until renamed (JAM321)
JUDGING = "judging/"  # the hand-written guide, docs/judging.md


def sprint_url(slug: str) -> str:
    return f"{SPRINTS}{slug}/"


def project_url(ref: str) -> str:
    return f"{outputs.PROJECTS}{ref}/"


def person_url(github: str) -> str:
    return f"{PEOPLE}{github.lower()}/"


def cohort_url(slug: str) -> str:
    return f"{LAB}{slug}/"


def site_url(slug: str) -> str:
    """A local site's page; ``sites/`` is the map of them all."""
    return f"{SITES}{slug}/"


def site_kit_url(slug: str, sprint: str) -> str:
    """A local site's printable kit for one sprint it hosts: the room's agenda, criteria and submission link."""
    return f"{site_url(slug)}{sprint}/"


def site_calendar_url(slug: str) -> str:
    """The sprints a local site hosts, as an iCalendar file beside its page."""
    return f"{site_url(slug)}calendar.ics"


def sprint_calendar_url(slug: str) -> str:
    """One sprint's iCalendar file ("add to calendar"); ``calendar.ics`` holds them all."""
    return f"{outputs.CALENDARS}{slug}.ics"


def people_page_url(number: int) -> str:
    """The people index, page ``number`` (from 1); a GitHub handle cannot hold ``_``, so no person's page can clash."""
    return PEOPLE if number <= 1 else f"{PEOPLE}page_{number}/"


def api_url(name: str) -> str:
    """Open data, e.g. ``api/projects.json``."""
    return f"{outputs.API}{name}.json"


def attachment_url(page: str, found: Attachment) -> str:
    """A file of a content file's folder, published beside its page at ``page``; percent-encoded."""
    return page + quote(found.name)


def linkable(value: str) -> bool:
    """A value a page may put in ``href`` or ``src``: an https URL, or a path with no scheme at all.

    Decided on the final value, after every rewrite, the way a browser reads it:
    any scheme (``javascript:``, ``data:``, ``vbscript:``, ``http:``) makes the value a URL, and
    URLs must be https; a relative path may not hold a ':' (``probing/javascript:alert(1)``).
    """
    scheme = scheme_of(value)
    if scheme is not None:
        return scheme == "https" and is_https(value.strip())
    # No scheme yet, but a ':' in the path turns into one as soon as anything trims what precedes it.
    return ":" not in value.split("#", 1)[0].split("?", 1)[0]


def relative(here: str, target: str) -> str:
    """A link from the page at directory URL ``here`` to ``target``, both site-root relative.

    Relative links keep the site working under a sub-path (GitHub Pages project sites).
    Same result as ``posixpath.relpath`` on the two paths, without its trip to the working directory.
    """
    path, hash_, fragment = target.partition("#")
    start = [part for part in here.split("/") if part and part != "."]
    goal = [part for part in path.split("/") if part and part != "."]
    common = 0
    while common < min(len(start), len(goal)) and start[common] == goal[common]:
        common += 1
    rel = "/".join([".."] * (len(start) - common) + goal[common:]) or "."
    if path.endswith("/") or not path:
        rel = "./" if rel == "." else rel + "/"
    return rel + hash_ + fragment


def report_url(submission: Submission) -> str | None:
    """The report as readers reach it: an https URL as given, or the PDF beside the project page.

    None when the report names nothing that can be served (``jam check`` says why).
    """
    found = attachment(submission.path, submission.fields.report)
    if isinstance(found, Remote):
        return found.url if is_https(found.url) else None
    if isinstance(found, Attachment):
        url = attachment_url(project_url(submission.ref), found)
        return url if linkable(url) else None
    return None


class Links:
    """Turns site-relative paths into links: relative by default, absolute under ``site_url``."""

    def __init__(self, site_url: str | None = None) -> None:
        self.site_url = site_url.rstrip("/") + "/" if site_url else None

    @property
    def absolute(self) -> bool:
        return self.site_url is not None

    def __call__(self, path: str) -> str:
        """A link to ``path`` (relative to the site root); https URLs pass through."""
        if urlsplit(path).scheme:
            return path
        return urljoin(self.site_url, path) if self.site_url else path

    @property
    def host(self) -> str:
        """A name for this site in identifiers (calendar UIDs): its host, else ``jamkit``."""
        return (urlsplit(self.site_url).hostname or "jamkit") if self.site_url else "jamkit"


# --------------------------------------------------------------------------- the repository on GitHub

_GITHUB_REPO = re.compile(r"^https://github\.com/[A-Za-z0-9-]+/[A-Za-z0-9._-]+$")
_BRANCH = re.compile(r"^(?:edit|blob)/([^/]+)/")


@dataclass(frozen=True)
class Repository:
    """The site's repository on GitHub (``repo_url`` in ``mkdocs.yml``), and the web editor's URLs into it.

    GitHub's editor takes a prefilled new file (``/new/BRANCH?filename=…&value=…``);
    for someone without write access it forks the repository and opens a pull request.
    """

    url: str  # https://github.com/OWNER/REPO
    branch: str = "main"

    @classmethod
    def of(cls, repo_url: str | None, edit_uri: str | None = None) -> Repository | None:
        """From ``repo_url`` and ``edit_uri`` (``edit/BRANCH/docs/``); None unless it is a GitHub repository."""
        url = (repo_url or "").rstrip("/").removesuffix(".git")
        if not _GITHUB_REPO.match(url):
            return None
        found = _BRANCH.match(edit_uri or "")
        return cls(url, found.group(1) if found else "main")

    def new_file(self, path: str, text: str) -> str:
        """GitHub's editor on a new file ``path``, prefilled with ``text``."""
        return f"{self.url}/new/{quote(self.branch)}?filename={quote(path, safe='/')}&value={quote(text, safe='')}"

    def edit(self, path: str) -> str:
        """GitHub's editor on the existing file ``path``."""
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path, safe='/')}"

    def submit(self, sprint: str) -> str:
        """A new project file of ``sprint``, prefilled with the template whose marked fields a team fills in."""
        path, text = browser_submission(sprint)
        return self.new_file(path, text)

    @property
    def owner(self) -> str:
        """The repository's owner: a pull request from one of its own branches names no other."""
        return self.url.rsplit("/", 2)[1]

    def upload_report(self, sprint: str) -> str:
        """GitHub's upload page in a project's folder on a pull request's own branch, as a template.

        ``{owner}``, ``{branch}`` and ``{project}`` are filled in on the page (assets/jamkit-upload.js) from the
        branch the pull request names (``ada:patch-1``) and the project's name. The upload page of this repository
        would open a second pull request for a team without write access; a fork keeps the repository's name
        (GitHub's default when it forks), so only the owner changes.
        """
        server, _, name = self.url.rsplit("/", 2)
        folder = project_folder(f"{sprint}/{{project}}")
        return f"{server}/{{owner}}/{name}/upload/{{branch}}/{quote(folder, safe='/{}')}"
