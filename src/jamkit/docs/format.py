"""``docs/format.md``: every file kind, its fields (type, default, meaning) and a valid example.

The kinds come from ``jamkit.files.layout``, the fields and their meanings from the
pydantic models of ``jamkit.core.model``, the examples from ``jamkit.docs.example``.
"""

from __future__ import annotations

from jamkit.core.model import SLUG_MAX, SLUG_MIN, SLUG_RE
from jamkit.docs.example import EXAMPLES, example_of
from jamkit.docs.fields import field_table, human_name, introduction, nested_models
from jamkit.docs.page import header
from jamkit.files.layout import KINDS

PATH = "docs/format.md"

LAYOUT = """\
```text
sprints/<sprint>.md                  one sprint: front matter + description
sprints/<sprint>/                    optional: images, reviews.yaml (judges' reviews)
submissions/<sprint>/<project>.md    one project: front matter + write-up
submissions/<sprint>/<project>/      optional: its report PDF and images
publications/<slug>.md               one paper, preprint or post that grew out of sprint projects
people/<github>.md                   optional: a person's own profile and milestones, written by that person
lab/<cohort>.md                      optional: one fellowship cohort (maintainers)
sites/<site>.md                      optional: a local site that hosts sprints, written by its organisers
```"""

# kind name (jamkit.files.layout) -> (section title, introduction)
SECTIONS: dict[str, tuple[str, str]] = {
    "sprint": (
        "Sprint",
        "One file per sprint. The body is the sprint's description in Markdown. A sprint's status "
        "is derived from time, never stored: `upcoming` before `starts`, `live` until `ends`, `judging` "
        "until it has `awards`, then `finished`.",
    ),
    "submission": (
        "Submission",
        "One file per project, in the folder of its sprint. The body is the longer write-up in "
        "Markdown. Fields marked *maintainers only* are set by maintainers; a pull request from a team "
        "that changes them is refused.",
    ),
    "publication": (
        "Publication",
        "One file per paper, preprint or post that grew out of sprint projects. The body is its abstract in Markdown.",
    ),
    "profile": (
        "Profile",
        "Optional: a person's own profile, named after their GitHub login. Only that GitHub user, or a "
        "maintainer, may add or change it (JAM330); `jam new profile` writes one. The body is a short bio in "
        "Markdown. Milestones are shown on the person's page as self-reported. See [Your profile](profiles.md).",
    ),
    "cohort": (
        "Fellowship cohort",
        "One file per fellowship cohort, written by maintainers: the sprint teams taken on, their mentors and "
        "their milestones, and the publication each became. The body describes the cohort. See "
        "[Fellowship and outcomes](fellowship.md).",
    ),
    "site": (
        "Local site",
        "Optional: one file per local site (a hub) that hosts sprints, written by its organisers; "
        "`jam new site SLUG` writes one. Anyone may add a site that lists them as an organiser (JAM341); only its "
        "organisers, by GitHub handle, or a maintainer may change it (JAM340). A `hosts` entry may be added while "
        "the sprint is upcoming or live, unless the sprint sets `open_sites: false` (JAM342). Teams at the site write "
        "the file's slug in their `site`. The body describes the site (untrusted). See "
        "[Host a local site](organizers.md#host-a-local-site).",
    ),
    "reviews": (
        "Review",
        "`reviews.yaml` is a list of reviews, one per judge and project. Comments are shown on "
        "project pages once the sprint has awards.",
    ),
    "assignments": (
        "Assignment",
        "`assignments.yaml` says which judge reads which project. `jam judge assign` writes it (every "
        "project read by several judges, balanced loads, no conflicts of interest); maintainers may edit "
        "it by hand, and `jam check` applies the same conflict rules to it as to reviews.",
    ),
    "finals": (
        "Finalist ranking",
        "`finals.yaml` holds a finalist round: each judge's ranking of the projects whose places were too "
        "close to call, best first. `jam judge finalists SPRINT --write` writes it with the finalists in "
        "adjusted order; each judge reorders their own list. `jam award` then places the finalists by the "
        "rankings. `jam check` applies the same conflict rules to it as to reviews.",
    ),
}


def page() -> str:
    """The text of ``docs/format.md``."""
    out = [
        header("src/jamkit/core/model/fields.py", "src/jamkit/docs/format.py"),
        "# File formats",
        "",
        "A jamkit repository is plain files: Markdown with YAML front matter for sprints, projects and "
        "publications, and a YAML list for judges' reviews. `jam check` validates them with the rules "
        "in [Rule codes](rules.md). Unknown fields are errors, so a typo never goes unnoticed. Editors "
        "can validate as you type with the JSON Schemas at `/schema/sprint.json`, "
        "`/schema/submission.json`, `/schema/publication.json`, `/schema/profile.json`, `/schema/cohort.json` "
        "and `/schema/reviews.json`.",
        "",
        "## Layout",
        "",
        LAYOUT,
        "",
        "## Slugs",
        "",
        "Slugs (`<sprint>`, `<project>`, `<slug>`) are taken from the file name, never from front matter. "
        f"A slug is {SLUG_MIN} to {SLUG_MAX} characters: lowercase letters and digits, in words joined by "
        f"single hyphens (`{SLUG_RE.pattern}`), e.g. `interp-2026` or `probing-deception`. "
        "Ids (of criteria, judges and sites) follow the same rule but may also use `_`.",
        "",
        "Dates and times are ISO 8601. A date-time carries its UTC offset, e.g. "
        "`2026-03-13T17:00:00+00:00`. A sprint's `ends` may be a bare date, meaning 23:59:59 "
        "Anywhere on Earth (UTC-12) that day.",
        "",
    ]
    for kind in KINDS:
        title, intro = SECTIONS[kind.name]
        out += [f"## {title}: `{kind.pattern}`", "", intro, "", *field_table(kind.fields), ""]
        for inner in nested_models(kind.fields):
            out += [f"### {human_name(inner)}", "", introduction(inner), "", *field_table(inner), ""]
        path = example_of(kind)
        fence = "yaml" if path.endswith(".yaml") else "markdown"
        out += [f"### Example: `{path}`", "", f"```{fence}", EXAMPLES[path].rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"
