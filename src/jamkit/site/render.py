"""Page HTML: Jinja2 templates with autoescape, and Markdown bodies made safe.

Bodies of submissions are untrusted: Python-Markdown passes raw HTML,
``javascript:`` links and ``attr_list`` event handlers straight through, so every
body is rendered and then cleaned with nh3 (an allow-list sanitizer). Every
front-matter value reaches the page through Jinja2's autoescape; nothing is
marked safe except the sanitizer's output. Images from other servers in a body
are then shown as links (``jamkit.site.outside``), unless the plugin's
``image_hosts`` trusts their host.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import Any

import jinja2
import nh3
from markupsafe import Markup

from jamkit.checks.content.bodies import Unrenderable, convert
from jamkit.core import i18n, wording
from jamkit.core.i18n import N_
from jamkit.core.model import Sprint, Submission
from jamkit.files.layout import Attachment, attachment
from jamkit.site import pages as p
from jamkit.site import urls
from jamkit.site.index import Index
from jamkit.site.outside import LINK_REL, images_as_links
from jamkit.site.qr import qr_svg
from jamkit.site.results import prize_shown
from jamkit.site.vocabulary import status_word, word

URL_SCHEMES = {"https"}
UNRENDERED = N_("This text could not be shown: it is too large or too deeply nested.")
_HEADING = re.compile(r"<(/?)h([1-5])>")
_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
# Classes a body may keep: Material's admonition styles, nothing that could imitate the site's own chrome.
ADMONITION_KINDS = {"note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug"}
ALLOWED_CLASSES = {"div": {"admonition", *ADMONITION_KINDS, "example", "quote"}, "p": {"admonition-title"}}


# --------------------------------------------------------------------------- markdown


URL_ATTRIBUTES = {"href", "src", "cite", "action", "formaction", "poster", "srcset", "xlink:href", "background"}


def _url_filter(owner: str | None) -> Callable[[str, str, str], str | None]:
    """Decides every URL once: rewrite it, then keep the final value only if it is https or has no scheme.

    Links to files of the owner's folder, in any spelling ``jamkit.files.layout``
    accepts, point beside the page. nh3 checks schemes before this filter runs,
    so the value this filter returns is checked here, never the one it was given.
    """

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in URL_ATTRIBUTES:
            return value
        final = value
        if owner is not None:
            found = attachment(owner, value)
            if isinstance(found, Attachment):
                final = urls.attachment_url("", found)  # relative to the owner's own page
        return final if urls.linkable(final) else None

    return keep


def markdown_html(text: str, owner: str | None = None, image_hosts: Collection[str] = ()) -> Markup:
    """Markdown rendered, sanitized, headings moved one level down (the page owns the h1).

    ``owner`` is the content file the text comes from: links to its attachments
    lead to their copies beside its page. Images from hosts outside ``image_hosts`` become links.
    """
    html = convert(text or "")
    if isinstance(html, Unrenderable):  # `jam check` reports it (JAM040); the build logs it and goes on
        return Markup('<p class="jam-unrendered"><em>{}</em></p>').format(i18n._(UNRENDERED))
    clean = nh3.clean(
        html,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_url_filter(owner),
    )
    clean = images_as_links(clean, image_hosts)
    return Markup(_HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", clean))


@jinja2.pass_context
def _markdown_filter(context: jinja2.runtime.Context, text: str, owner: str | None = None) -> Markup:
    """``| markdown`` in templates: the page's ``image_hosts`` (from the plugin's settings) decide outside images."""
    return markdown_html(text, owner, context.get("image_hosts", ()))


def bibtex(sub: Submission, sprint: Sprint, site_url: str | None) -> str:
    """A @misc entry; LaTeX specials are escaped so the entry compiles."""

    def tex(text: str) -> str:
        return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(text.split()))

    lines = [
        f"@misc{{{sub.sprint}-{sub.slug},",
        f"  title = {{{tex(sub.fields.title)}}},",
        f"  author = {{{' and '.join(tex(m.name) for m in sub.fields.members)}}},",
        f"  year = {{{sprint.deadline_aoe.year}}},",
        f"  howpublished = {{{tex(sprint.fields.title)}}},",
    ]
    if sub.fields.team:
        note = i18n._("Team: %(team)s") % {"team": sub.fields.team}
        lines.append(f"  note = {{{tex(note)}}},")
    if site_url:
        lines.append(f"  url = {{{site_url.rstrip('/')}/{urls.project_url(sub.ref)}}},")
    lines.append("}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- templates


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("jamkit.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # `_()`, `{% trans %}` and `ngettext()` in templates speak the language of the page being drawn (Renderer).
    env.install_gettext_callables(gettext=i18n._, ngettext=i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = True
    env.filters.update(
        utc=wording.utc_time,
        zone_time=wording.zone_time,
        day=wording.day,
        deadline=wording.deadline,
        number=wording.number,
        score=wording.score,
        place=wording.place,
        prize_shown=prize_shown,
        plural=wording.plural,
        noun=wording.noun,
        money=wording.money,
        country_name=p.country_name,
        markdown=_markdown_filter,
        word=word,
        qr=qr_svg,
    )
    env.globals.update(
        urls=urls,
        sprint_url=urls.sprint_url,
        project_url=urls.project_url,
        person_url=urls.person_url,
        status_word=status_word,
    )
    return env


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")  # what ``urllib.parse.urlsplit`` takes for a scheme


def href(here: str, target: str) -> str:
    """What ``link`` in templates writes: a URL as it is, a site path relative to the page at ``here``."""
    return target if _SCHEME.match(target) else urls.relative(here, target)


class Renderer:
    """Draws generated pages; ``link`` in templates turns a site path into a relative href (URLs pass through)."""

    def __init__(
        self,
        index: Index,
        site_url: str | None,
        repo: urls.Repository | None = None,
        image_hosts: Collection[str] = (),
        language: str = i18n.ENGLISH,
    ) -> None:
        self.index = index
        self.site_url = site_url or None
        self.repo = repo  # the site's GitHub repository: submit buttons and edit links
        self.image_hosts = tuple(image_hosts)  # hosts whose images bodies may show (`image_hosts` in mkdocs.yml)
        self.language = language  # `theme.language` in mkdocs.yml: jamkit's words and values on every page

    def render(self, page: p.SitePage) -> str:
        here = page.url
        context: dict[str, Any] = {
            "page": page,
            "ix": self.index,
            "link": lambda target: href(here, target),
            "now": self.index.now,
            "bibtex": lambda sub, sprint: bibtex(sub, sprint, self.site_url),
            "repo": self.repo,
            "image_hosts": self.image_hosts,
            **page.context,
        }
        with i18n.speaking(self.language):
            return environment().get_template(page.template).render(context)
