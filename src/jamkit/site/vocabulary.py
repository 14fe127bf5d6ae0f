"""The words of the content's own vocabulary as pages show them: statuses, kinds, formats, in the page's language.

A value in a file stays as it is written (``under review``); only what a reader
sees is translated, by the catalog of ``jamkit.core.i18n``.
"""

from __future__ import annotations

from jamkit.core.i18n import N_, _, ngettext

# Values of the content's vocabulary (milestone, step and publication kinds, publication statuses), as pages show them.
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


def script_words() -> dict[str, str]:
    """What the scripts in ``assets/`` write in the browser, in the language spoken now (``jamkit.js``'s ``say``)."""
    words = {status: status_word(status) for status in ("upcoming", "live", "judging", "finished")}
    # The script picks "day" for 1 and "days" for any other number.
    words["day"], words["days"] = (ngettext("%(num)s day", "%(num)s days", n) for n in (1, 2))
    words["hour"], words["hours"] = (ngettext("%(num)s hour", "%(num)s hours", n) for n in (1, 2))
    words["minute"], words["minutes"] = (ngettext("%(num)s minute", "%(num)s minutes", n) for n in (1, 2))
    words |= {
        "starts_in": _("Starts in %(span)s"),
        "deadline_in": _("Deadline in %(span)s"),
        "your_time": _("(your time: %(when)s)"),
        "sprint_count": ngettext("%(num)s sprint", "%(num)s sprints", 1),
        "sprints_count": ngettext("%(num)s sprint", "%(num)s sprints", 2),
        "sprints_match": _("%(shown)s of %(total)s sprints match"),
        "people_match": _("%(shown)s of %(total)s people on this page"),
        "searching": _("Searching…"),
        "result": ngettext("%(num)s result", "%(num)s results", 1),
        "results": ngettext("%(num)s result", "%(num)s results", 2),
        "index_missing": _("The search index could not be loaded; build the site with scripts/build, which writes it."),
        "scroll": _("Scroll sideways to see every column →"),
        "kind_project": _("project"),
        "kind_sprint": _("sprint"),
        "kind_person": _("person"),
        "kind_publication": _("publication"),
    }
    return words
