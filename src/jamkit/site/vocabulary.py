"""The words of the content's own vocabulary as pages show them: statuses, kinds, formats, in the page's language.

A value in a file stays as it is written (``under review``); only what a reader
sees is translated, by the catalog of ``jamkit.core.i18n``.
"""

from __future__ import annotations

from jamkit.core.i18n import N_, _

# Values of the content's own vocabulary (milestone, step and publication kinds, publication statuses), as pages show them.
WORDS = {
    value: value
    for value in (
        N_("fellowship"),
        N_("position"),
        N_("publication"),
        N_("award"),
        N_("talk"),
        N_("other"),
        N_("proposal"),
        N_("draft"),
        N_("internal review"),
        N_("submitted"),
        N_("accepted"),
        N_("published"),
        N_("sprint"),
        N_("paper"),
        N_("workshop"),
        N_("preprint"),
        N_("post"),
        N_("in preparation"),
        N_("under review"),
        N_("online"),
        N_("in-person"),
        N_("hybrid"),
    )
}


def word(value: str) -> str:
    """A value of the content's vocabulary ("under review") in the page's language; any other value as written."""
    return _(value) if value in WORDS else value


def status_word(status: str) -> str:
    """A status as a badge says it ("Upcoming"), in the page's language; assets/jamkit.js moves it on."""
    words = {
        "upcoming": _("Upcoming"),
        "live": _("Live"),
        "judging": _("Judging"),
        "finished": _("Finished"),
        "retracted": _("Retracted"),
    }
    return words.get(str(status), str(status).capitalize())
