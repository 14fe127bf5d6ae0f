"""Every rule code of the file, field and reference groups: one failing and one passing case each.

Each case writes real files into the valid demo repository, runs the real `jam check`, and
checks the code and the exact line and column the diagnostic points at. The meta-test at the
end fails when a code of those groups has no case here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from jamkit.core.codes import CODES
from jamkit.upkeep.scaffold import SUBMISSION_BODY
from tests.helpers import COHORT, LOCAL_SITE, PDF, PUBLICATION, SPRINT, SUBMISSION, SUBMISSION_IN_COHORT

S = "sprints/demo-sprint.md"
P = "submissions/demo-sprint/probing.md"
B = "publications/a-paper.md"
R = "sprints/demo-sprint/reviews.yaml"
A = "sprints/demo-sprint/assignments.yaml"
ASSIGNMENT = "- judge: ada-judge\n  projects: [probing]\n"
FINALS = "sprints/demo-sprint/finals.yaml"
RANKING = "- judge: ada-judge\n  ranking: [probing]\n"
REVIEW = "- judge: ada-judge\n  project: probing\n  scores: {impact: 4, quality: 5}\n  comment: Solid.\n"


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the template"
    return text.replace(old, new, 1)


@dataclass
class Case:
    code: str
    name: str
    bad: dict[str, str | bytes]
    at: tuple[str, int, int]
    good: dict[str, str | bytes] = field(default_factory=dict)
    says: str = ""

    def __str__(self) -> str:
        return f"{self.code}-{self.name}"


H = "sites/leeds-hub.md"

WORDS_300 = " ".join(["word"] * 300)
GREW = "projects: [demo-sprint/probing]\n"  # a paper of another project, not this one
CO_AUTHORS = "  - {name: Bea Builder, github: bea}\n  - {name: Ada Judge}\n"  # the judge, by name only
RETRACTION = "retraction: {date: 2025-02-01, reason: Unsafe.}\n"

CASES = [
    # ------------------------------------------------------------------ reading files
    Case(
        "JAM001",
        "latin-1-byte",
        {P: SUBMISSION.encode().replace(b"We probe", b"Caf\xe9 probe")},
        (P, 6, 14),
        {P: edit(SUBMISSION, "We probe", "Café probe")},
        says="byte 0xe9",
    ),
    Case(
        "JAM002",
        "tab-indent",
        {P: edit(SUBMISSION, "    github: bea", "\tgithub: bea")},
        (P, 5, 1),
        {P: SUBMISSION},
        says="indented with a tab, and YAML indents with spaces only",
    ),
    Case(
        "JAM040",
        "body-nested-too-deep",
        {P: SUBMISSION + '<div markdown="1">\n' * 600 + "x\n" + "</div>\n" * 600},
        (P, 2, 1),
        {P: SUBMISSION + '<div markdown="1">\n' * 3 + "x\n" + "</div>\n" * 3},
        says="nests 600 levels deep",
    ),
    Case("JAM003", "no-front-matter", {P: "# Probing\n\nJust Markdown.\n"}, (P, 1, 1), {P: SUBMISSION}),
    Case("JAM004", "front-matter-list", {P: "---\n- title\n- members\n---\n"}, (P, 2, 1), {P: SUBMISSION}),
    Case(
        "JAM005",
        "duplicate-key",
        {P: edit(SUBMISSION, "site: london\n", "site: london\nsite: online\n")},
        (P, 9, 1),
        {P: edit(SUBMISSION, "site: london\n", "site: online\n")},
        says="'site' appears more than once",
    ),
    Case(
        "JAM006",
        "bad-file-name",
        {"submissions/demo-sprint/Probing_V2.md": SUBMISSION},
        ("submissions/demo-sprint/Probing_V2.md", 1, 1),
        {"submissions/demo-sprint/probing-v2.md": edit(SUBMISSION, "report.pdf", "https://example.org/r.pdf")},
    ),
    # ------------------------------------------------------------------ fields
    Case(
        "JAM101",
        "title-missing",
        {P: edit(SUBMISSION, "title: Probing for Deception\n", "")},
        (P, 2, 1),
        {P: edit(SUBMISSION, "title: Probing for Deception\n", "title: Probing\n")},
        says="missing required field 'title'",
    ),
    Case(
        "JAM102",
        "typo",
        {P: edit(SUBMISSION, "site: london", "sitte: london")},
        (P, 8, 1),
        {P: edit(SUBMISSION, "site: london", "team: Deception Hunters")},
        says="unknown field 'sitte'",
    ),
    Case(
        "JAM103",
        "format-not-allowed",
        {S: edit(SPRINT, "team_size:", "format: virtual\nteam_size:")},
        (S, 5, 1),
        {S: edit(SPRINT, "team_size:", "format: hybrid\nteam_size:")},
        says="'format' is 'virtual'",
    ),
    Case(
        "JAM104",
        "sprint-site-id-not-an-id",
        {S: edit(SPRINT, "{id: london,", "{id: London Hub,")},
        (S, 13, 6),
        {S: SPRINT},
        says="'London Hub' is not an id",
    ),
    Case(
        "JAM203",
        "project-site-not-an-id-lists-the-sites",
        {P: edit(SUBMISSION, "site: london", "site: London Hub")},
        (P, 8, 1),
        {P: edit(SUBMISSION, "site: london", "site: online")},
        says="'London Hub' is not a site of Demo Research Sprint",
    ),
    Case(
        "JAM105",
        "date-format",
        {S: edit(SPRINT, "ends: 2025-01-19", "ends: 19/01/2025")},
        (S, 4, 1),
        {S: edit(SPRINT, "ends: 2025-01-19", "ends: 2025-01-19T18:00:00+01:00")},
        says="not an ISO 8601 date-time",
    ),
    Case(
        "JAM106",
        "ends-before-starts",
        {S: edit(SPRINT, "ends: 2025-01-19", "ends: 2025-01-15")},
        (S, 4, 1),
        {S: edit(SPRINT, "ends: 2025-01-19", "ends: 2025-01-17T09:00:01+00:00")},
        says="is not after starts",
    ),
    Case(
        "JAM107",
        "http-code-link",
        {P: edit(SUBMISSION, "site: london", "site: london\ncode: http://github.com/bea/probing")},
        (P, 9, 1),
        {P: edit(SUBMISSION, "site: london", "site: london\ncode: https://github.com/bea/probing")},
        says="is not an https URL",
    ),
    Case(
        "JAM108",
        "at-sign-handle",
        {P: edit(SUBMISSION, "github: bea", "github: '@bea'")},
        (P, 5, 5),
        {P: edit(SUBMISSION, "github: bea", "github: Bea-B2")},
        says="'@bea' is not a GitHub handle",
    ),
    Case(
        "JAM109",
        "abstract-301-words",
        {P: edit(SUBMISSION, "We probe a small model for deceptive behaviour.", WORDS_300 + " more")},
        (P, 6, 1),
        {P: edit(SUBMISSION, "We probe a small model for deceptive behaviour.", WORDS_300)},
        says="301 words",
    ),
    Case(
        "JAM110",
        "no-member-on-github",
        {P: edit(SUBMISSION, "    github: bea\n", "")},
        (P, 3, 1),
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n  - name: Cy Nogithub\n")},
        says="no member has a GitHub handle",
    ),
    Case(
        "JAM111",
        "uk-is-not-a-code",
        {S: edit(SPRINT, "country: GB", "country: UK")},
        (S, 13, 50),
        {S: edit(SPRINT, "country: GB", "country: gb")},
        says="'UK' is not an ISO 3166-1 alpha-2",
    ),
    Case(
        "JAM112",
        "orcid",
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n    orcid: 1234-5678\n")},
        (P, 6, 5),
        {
            P: edit(
                SUBMISSION, "    github: bea\n", "    github: bea\n    orcid: https://orcid.org/0000-0002-1825-0097\n"
            )
        },
        says="not an ORCID iD",
    ),
    Case(
        "JAM113",
        "team-size-range",
        {S: edit(SPRINT, "{min: 1, max: 3}", "{min: 4, max: 3}")},
        (S, 5, 1),
        {S: edit(SPRINT, "{min: 1, max: 3}", "{min: 1, max: 1}")},
        says="min 4 is larger than max 3",
    ),
    Case(
        "JAM114",
        "criterion-id-twice",
        {S: edit(SPRINT, "{id: quality,", "{id: impact,")},
        (S, 8, 5),
        {S: edit(SPRINT, "{id: quality,", "{id: quality_2,")},
        says="'impact' id is used twice",
    ),
    # ------------------------------------------------------------------ references
    Case(
        "JAM201",
        "no-such-sprint",
        {"submissions/no-such-sprint/probing.md": edit(SUBMISSION, "report.pdf", "https://example.org/r.pdf")},
        ("submissions/no-such-sprint/probing.md", 2, 1),
        {"submissions/demo-sprint/probing-2.md": edit(SUBMISSION, "report.pdf", "https://example.org/r.pdf")},
        says="there is no sprint 'no-such-sprint'",
    ),
    Case(
        "JAM202",
        "team-too-big",
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n" + "  - name: Extra\n" * 3)},
        (P, 3, 1),
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n" + "  - name: Extra\n" * 2)},
        says="the team has 4 members",
    ),
    Case(
        "JAM203",
        "unknown-site",
        {P: edit(SUBMISSION, "site: london", "site: paris")},
        (P, 8, 1),
        {P: edit(SUBMISSION, "site: london", "site: online")},
        says="'paris' is not a site of Demo Research Sprint",
    ),
    Case(
        "JAM204",
        "report-missing",
        {P: edit(SUBMISSION, "report: report.pdf", "report: final.pdf")},
        (P, 7, 1),
        {
            P: edit(SUBMISSION, "report: report.pdf", "report: final.pdf"),
            "submissions/demo-sprint/probing/final.pdf": PDF,
        },
        says="submissions/demo-sprint/probing/final.pdf does not exist",
    ),
    Case(
        "JAM205",
        "publication-names-unknown-project",
        {B: edit(PUBLICATION, "[demo-sprint/probing]", "[demo-sprint/probing, demo-sprint/nope]")},
        (B, 8, 33),
        {
            B: edit(PUBLICATION, "[demo-sprint/probing]", "[demo-sprint/probing, demo-sprint/second]"),
            "submissions/demo-sprint/second.md": edit(SUBMISSION, "report.pdf", "https://example.org/r.pdf"),
        },
        says="'demo-sprint/nope' is not a project",
    ),
    Case(
        "JAM206",
        "review-judge",
        {R: edit(REVIEW, "judge: ada-judge", "judge: ada")},
        (R, 1, 3),
        {R: REVIEW},
        says="'ada' is not a judge of Demo Research Sprint",
    ),
    Case(
        "JAM207",
        "review-project",
        {R: edit(REVIEW, "project: probing", "project: probing-two")},
        (R, 2, 3),
        {R: REVIEW},
        says="'probing-two' is not a project of Demo Research Sprint",
    ),
    Case(
        "JAM208",
        "review-score-out-of-scale",
        {R: edit(REVIEW, "quality: 5", "quality: 6")},
        (R, 3, 23),
        {R: edit(REVIEW, "quality: 5", "quality: 1")},
        says="score 6 for 'quality' is outside the scale 1 to 5",
    ),
    Case(
        "JAM209",
        "review-twice",
        {R: REVIEW + REVIEW.replace("impact: 4", "impact: 2")},
        (R, 5, 3),
        {R: REVIEW},
        says="'ada-judge' already reviewed 'probing' (line 1)",
    ),
    Case(
        "JAM210",
        "review-by-a-judge-with-a-conflict",
        {R: REVIEW, S: edit(SPRINT, "github: ada-judge}", "github: ada-judge, conflicts: [probing]}")},
        (R, 1, 3),
        {R: REVIEW, S: edit(SPRINT, "github: ada-judge}", "github: ada-judge, conflicts: [other]}")},
        says="ada-judge may not review 'probing': Ada Judge lists 'probing' under their own conflicts",
    ),
    Case(
        "JAM211",
        "review-leaves-out-a-criterion",
        {R: edit(REVIEW, "{impact: 4, quality: 5}", "{impact: 4}")},
        (R, 3, 3),
        {R: REVIEW},
        says="ada-judge's review of 'probing' has no score for quality",
    ),
    Case(
        "JAM212",
        "assignment-names-an-unknown-judge",
        {A: edit(ASSIGNMENT, "judge: ada-judge", "judge: Ada Judg")},
        (A, 1, 3),
        {A: ASSIGNMENT},
        says="'Ada Judg' is not a judge of Demo Research Sprint",
    ),
    Case(
        "JAM213",
        "project-assigned-twice",
        {A: edit(ASSIGNMENT, "[probing]", "[probing, probing]")},
        (A, 2, 23),
        {A: ASSIGNMENT},
        says="'probing' is listed twice for ada-judge",
    ),
    Case(
        "JAM250",
        "finalist-ranking-names-an-unknown-project",
        {FINALS: edit(RANKING, "[probing]", "[probing, probign]")},
        (FINALS, 2, 22),
        {FINALS: RANKING},
        says="'probign' is not a project of Demo Research Sprint",
    ),
    Case(
        "JAM251",
        "a-judge-ranking-twice",
        {FINALS: RANKING + RANKING},
        (FINALS, 3, 3),
        {FINALS: RANKING},
        says="ada-judge already has a ranking (line 1)",
    ),
]

# ------------------------------------------------------------------ issue 8: hard limits, privacy, hazards
CASES += [
    Case(
        "JAM007",
        "front-matter-too-large",
        {P: edit(SUBMISSION, "site: london\n", "site: london\n" + "# padding\n" * 30_000)},
        (P, 2, 1),
        {P: SUBMISSION},
        says="front matter is larger than 256 KB",
    ),
    Case(
        "JAM008",
        "nul-byte-in-body",
        {P: edit(SUBMISSION, "The long write-up.", "The long\0 write-up.")},
        (P, 10, 9),
        {P: SUBMISSION},
        says="U+0000",
    ),
    Case(
        "JAM115",
        "email-in-body",
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up. Mail bea@example.org for prizes.")},
        (P, 10, 25),
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up. Ask @bea on GitHub.")},
        says="the body holds an e-mail address",
    ),
    Case(
        "JAM116",
        "hazard-keyword-in-body",
        {
            S: edit(SPRINT, "team_size:", "hazard_keywords: [gain of function]\nteam_size:"),
            P: edit(SUBMISSION, "The long write-up.", "The long write-up on Gain of Function."),
        },
        (P, 10, 22),
        {S: edit(SPRINT, "team_size:", "hazard_keywords: [gain of function]\nteam_size:"), P: SUBMISSION},
        says="mentions 'gain of function'",
    ),
    # ------------------------------------------------------------------ profiles and cohorts (issue 11)
    Case(
        "JAM130",
        "markup-in-profile-name",
        {"people/bea.md": '---\nname: "Bea [me](https://evil.example)"\n---\nBio.\n'},
        ("people/bea.md", 2, 1),
        {"people/bea.md": "---\nname: Bea Builder\n---\nBio.\n"},
        says="holds markup or a link",
    ),
    Case(
        "JAM230",
        "cohort-unknown-project",
        {"lab/spring.md": COHORT.replace("demo-sprint/probing", "demo-sprint/nothing")},
        ("lab/spring.md", 7, 5),
        {"lab/spring.md": COHORT, P: SUBMISSION_IN_COHORT},
        says="'demo-sprint/nothing' is not a project",
    ),
    Case(
        "JAM230",
        "cohort-unknown-publication",
        {"lab/spring.md": COHORT.replace("publication: a-paper", "publication: no-paper")},
        ("lab/spring.md", 9, 5),
        {"lab/spring.md": COHORT, P: SUBMISSION_IN_COHORT},
        says="'no-paper' is not a publication",
    ),
    Case(
        "JAM230",
        "cohort-unknown-mentor",
        {"lab/spring.md": COHORT.replace("mentor: ada-judge", "mentor: somebody")},
        ("lab/spring.md", 8, 5),
        {"lab/spring.md": COHORT, P: SUBMISSION_IN_COHORT},
        says="not one of the cohort's mentors",
    ),
    Case(
        "JAM231",
        "cohort-team-without-lab",
        {"lab/spring.md": COHORT},
        ("lab/spring.md", 7, 5),
        {"lab/spring.md": COHORT, P: SUBMISSION_IN_COHORT},
        says="but submissions/demo-sprint/probing.md has no `lab`",
    ),
    Case(
        "JAM231",
        "lab-names-a-cohort-that-does-not-list-it",
        {P: SUBMISSION_IN_COHORT, "lab/spring.md": COHORT.replace("demo-sprint/probing", "demo-sprint/other")},
        (P, 9, 27),
        {P: SUBMISSION_IN_COHORT, "lab/spring.md": COHORT},
        says="cohort 'spring' does not list this project",
    ),
    Case(
        "JAM203",
        "project-names-a-site-file-that-does-not-host-its-sprint",
        {P: edit(SUBMISSION, "site: london", "site: leeds-hub"), H: edit(LOCAL_SITE, "demo-sprint", "other-sprint")},
        (P, 8, 1),
        {P: edit(SUBMISSION, "site: london", "site: leeds-hub"), H: LOCAL_SITE},
        says="'leeds-hub' is not a site of Demo Research Sprint",
    ),
    Case(
        "JAM111",
        "site-unknown-country",
        {H: edit(LOCAL_SITE, "country: GB", "country: UK")},
        (H, 4, 1),
        {H: LOCAL_SITE},
        says="'UK' is not an ISO 3166-1 alpha-2 country code",
    ),
    Case(
        "JAM115",
        "site-body-with-a-phone-number",
        {H: edit(LOCAL_SITE, "We meet in Leeds.", "We meet in Leeds. Call +44 113 496 0000.")},
        (H, 12, 24),
        {H: LOCAL_SITE},
        says="the body holds a phone number",
    ),
    Case(
        "JAM240",
        "site-hosts-an-unknown-sprint",
        {H: edit(LOCAL_SITE, "sprint: demo-sprint", "sprint: demo-sprnt")},
        (H, 10, 6),
        {H: LOCAL_SITE},
        says="there is no sprint 'demo-sprnt'",
    ),
    Case(
        "JAM241",
        "site-unknown-time-zone",
        {H: edit(LOCAL_SITE, "Europe/London", "GMT+1")},
        (H, 5, 1),
        {H: LOCAL_SITE},
        says="'GMT+1' is not a known time zone",
    ),
    Case(
        "JAM242",
        "site-contact-is-an-email-address",
        {H: edit(LOCAL_SITE, "https://example.org/leeds/contact", "mailto:cara@example.org")},
        (H, 8, 1),
        {H: LOCAL_SITE},
        says="is an e-mail address",
    ),
    Case(
        "JAM242",
        "site-contact-url-carries-an-address",
        {H: edit(LOCAL_SITE, "leeds/contact", "form?to=cara@example.org")},
        (H, 8, 1),
        {H: LOCAL_SITE},
        says="is an e-mail address",
    ),
    Case(
        "JAM243",
        "site-without-an-organiser-on-github",
        {H: edit(LOCAL_SITE, "{name: Cara Coder, github: cara}", "{name: Cara Coder}")},
        (H, 6, 1),
        {H: LOCAL_SITE},
        says="no organiser has a GitHub handle",
    ),
    Case(
        "JAM244",
        "site-hosts-a-sprint-twice",
        {
            H: edit(
                LOCAL_SITE,
                "  - {sprint: demo-sprint, venue: Room 1}\n",
                "  - {sprint: demo-sprint}\n  - {sprint: demo-sprint}\n",
            )
        },
        (H, 11, 6),
        {H: LOCAL_SITE},
        says="'demo-sprint' is listed twice in hosts",
    ),
    Case(
        "JAM244",
        "site-file-named-like-an-inline-site",
        {"sites/london.md": LOCAL_SITE},
        ("sites/london.md", 10, 6),
        {H: LOCAL_SITE},
        says="already has a site with the id 'london'",
    ),
    Case(
        "JAM232",
        "award-names-retracted-work",
        {
            S: edit(SPRINT, "sites:", "awards:\n  - {place: 1, project: probing}\nsites:"),
            P: edit(
                SUBMISSION,
                "site: london\n",
                "site: london\nstatus: retracted\nretraction: {date: 2025-02-01, reason: Unsafe.}\n",
            ),
        },
        (S, 12, 16),
        {S: edit(SPRINT, "sites:", "awards:\n  - {place: 1, project: probing}\nsites:")},
        says="names 'probing', which is retracted",
    ),
]

# The write-up as readers see it (issue 9): cases that `jam check` (files and folders) now catches.
FIGURE = "submissions/demo-sprint/probing/figure.png"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
CASES += [
    Case(
        "JAM117",
        "http-link-in-body",
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up, see [data](http://example.org/data).")},
        (P, 10, 31),
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up, see [data](https://example.org/data).")},
        says="plain 'http://' address",
    ),
    Case(
        "JAM118",
        "scaffold-placeholder-write-up",
        {P: edit(SUBMISSION, "The long write-up.", "## Summary\n\n" + SUBMISSION_BODY.split("\n\n", 1)[1])},
        (P, 12, 1),
        {P: SUBMISSION},
        says="still the placeholder text",
    ),
    Case(
        "JAM118",
        "browser-template-mark",
        {P: edit(SUBMISSION, "title: Probing for Deception", "title: 'REPLACE: the title of your project'")},
        (P, 2, 1),
        {P: SUBMISSION},
        says="'title' is still the template's example",
    ),
    Case(
        "JAM123",
        "title-cut-by-a-comment",
        {P: edit(SUBMISSION, "title: Probing for Deception", "title: Probing for Deception #2 in long chats")},
        (P, 2, 30),
        {P: edit(SUBMISSION, "title: Probing for Deception", 'title: "Probing for Deception #2 in long chats"')},
        says="'title' is read as 'Probing for Deception'",
    ),
    Case(
        "JAM214",
        "missing-image-in-body",
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up.\n\n![Figure 1](figure.png)")},
        (P, 12, 13),
        {P: edit(SUBMISSION, "The long write-up.", "The long write-up.\n\n![Figure 1](figure.png)"), FIGURE: PNG},
        says="links submissions/demo-sprint/probing/figure.png, which does not exist",
    ),
    Case(
        "JAM214",
        "link-leaving-the-folder",
        {P: edit(SUBMISSION, "The long write-up.", "See [the code](../../../src/main.py).")},
        (P, 10, 16),
        {P: edit(SUBMISSION, "The long write-up.", "See [the code](https://github.com/o/r).")},
        says="is outside the project's folder",
    ),
    Case(
        "JAM215",
        "scaffold-note-in-the-folder",
        {"submissions/demo-sprint/probing/README.txt": "This folder holds the attachments.\n"},
        (P, 1, 1),
        {},
        says="README.txt is not an attachment",
    ),
    Case(
        "JAM216",
        "a-judges-name-without-a-handle-in-a-team",
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n  - name: 'Judge, Ada'\n")},
        (P, 6, 5),
        {
            P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n  - name: 'Judge, Ada'\n"),
            S: edit(SPRINT, "github: ada-judge}", "github: ada-judge, conflicts: [probing]}"),
        },
        says="the team lists Judge, Ada without a GitHub handle, the name of judge ada-judge",
    ),
    Case(
        "JAM217",
        "a-judge-in-a-team-of-the-sprint",
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n  - {name: A. J., github: ada-judge}\n")},
        (S, 10, 5),
        {P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n  - {name: A. J., github: ada-judge-2}\n")},
        says="ada-judge is a member of the team of 'probing' (GitHub @ada-judge), so may not judge any project",
    ),
    Case(
        "JAM218",
        "a-judge-sharing-an-affiliation",
        {
            S: edit(SPRINT, "github: ada-judge}", "github: ada-judge, affiliation: Judge Institute}"),
            P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n    affiliation: Judge  institute\n"),
        },
        (P, 6, 5),
        {
            S: edit(SPRINT, "github: ada-judge}", "github: ada-judge, affiliation: Judge Institute}"),
            P: edit(SUBMISSION, "    github: bea\n", "    github: bea\n    affiliation: Other Lab\n"),
        },
        says="Ada Judge shares an affiliation with Bea Builder (Judge  institute)",
    ),
    Case(
        "JAM221",
        "a-judge-who-co-authored-with-a-member-matched-by-name",
        {R: REVIEW, B: edit(PUBLICATION, "  - {name: Bea Builder, github: bea}\n", CO_AUTHORS).replace(GREW, "")},
        (R, 1, 3),
        {R: REVIEW, B: edit(PUBLICATION, "  - {name: Bea Builder, github: bea}\n", CO_AUTHORS.replace("Ada", "Cai"))},
        # (a paper that grew out of the project itself, written after the judging, is never a conflict)
        says="ada-judge's review of 'probing': Ada Judge co-authored a publication with Bea Builder in "
        f"{B}:5, matched by name only: to be confirmed by a maintainer",
    ),
]

IMPORT_ONLY = {"JAM219", "JAM220"}  # rows of a spreadsheet, not files: cases in tests/cli/commands/test_review.py


def write(repo, files: dict[str, str | bytes]) -> None:
    for path, content in files.items():
        repo.write(path, content)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_reports_its_code_at_the_line(case: Case, demo_repo, jam_check) -> None:
    write(demo_repo, case.bad)
    checked = jam_check(demo_repo)
    assert checked.exit_code == (0 if CODES[case.code].severity == "warning" else 1)
    assert case.at in checked.where(case.code), checked.diagnostics
    found = next(d for d in checked.diagnostics if (d["path"], d["line"], d["col"]) == case.at)
    assert case.says in found["message"]
    assert found["fix"], f"{case.code} gives no fix: {found}"


@pytest.mark.parametrize("case", CASES, ids=str)
def test_rule_accepts_the_fixed_file(case: Case, demo_repo, jam_check) -> None:
    write(demo_repo, case.good)
    checked = jam_check(demo_repo)
    assert checked.diagnostics == []
    assert checked.exit_code == 0


def test_every_file_field_and_reference_code_has_a_case() -> None:
    registered = {c.code for c in CODES.values() if c.group in {"file", "field", "reference"}}
    covered = {case.code for case in CASES} | IMPORT_ONLY
    assert registered <= covered, f"codes without a test case: {sorted(registered - covered)}"


# --------------------------------------------------------------------------- report


@pytest.mark.parametrize(
    ("report", "code", "says"),
    [
        ("missing.pdf", "JAM204", "submissions/demo-sprint/probing/missing.pdf does not exist"),
        ("../other/report.pdf", "JAM204", "is outside the project's folder"),
        ("../../../../etc/passwd", "JAM204", "is outside the project's folder"),
        ("/etc/passwd", "JAM204", "is outside the project's folder"),
        ("notes.txt", "JAM204", "submissions/demo-sprint/probing/notes.txt is not a PDF file"),
        ("http://example.org/report.pdf", "JAM107", "is not an https URL"),
        ("javascript:alert(1)", "JAM107", "is not an https URL"),
        ("data:application/pdf;base64,JVBERi0=", "JAM107", "is not an https URL"),
    ],
)
def test_report_problems_point_at_the_report_key(demo_repo, jam_check, report, code, says) -> None:
    demo_repo.write("submissions/demo-sprint/probing/notes.txt", "plain text, not a PDF")
    demo_repo.write("submissions/demo-sprint/other/report.pdf", PDF)
    demo_repo.write(P, edit(SUBMISSION, "report: report.pdf", f"report: '{report}'"))
    bad = jam_check(demo_repo).one(code)
    assert (bad["path"], bad["line"], bad["col"]) == (P, 7, 1)
    assert says in bad["message"]


def test_a_pdf_renamed_from_another_format_is_not_a_pdf(demo_repo, jam_check) -> None:
    demo_repo.write("submissions/demo-sprint/probing/report.pdf", b"PK\x03\x04 a .docx renamed")
    assert "is not a PDF file" in jam_check(demo_repo).one("JAM204")["message"]


@pytest.mark.parametrize(
    "report",
    ["https://arxiv.org/pdf/2401.00001", "./report.pdf", "submissions/demo-sprint/probing/report.pdf", "pdf/final.pdf"],
)
def test_report_accepted(demo_repo, jam_check, report) -> None:
    demo_repo.write("submissions/demo-sprint/probing/pdf/final.pdf", PDF)
    demo_repo.write(P, edit(SUBMISSION, "report: report.pdf", f"report: {report}"))
    assert jam_check(demo_repo).diagnostics == []


def test_report_symlink_out_of_the_repository_is_refused(demo_repo, jam_check, tmp_path) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(PDF)
    link = demo_repo.root / "submissions/demo-sprint/probing/report.pdf"
    link.unlink()
    link.symlink_to(outside)
    bad = jam_check(demo_repo).one("JAM204")
    assert (bad["line"], bad["message"]) == (
        7,
        "'report': submissions/demo-sprint/probing/report.pdf is a symbolic link",
    )


# --------------------------------------------------------------------------- references


def test_award_naming_an_unknown_project(demo_repo, jam_check) -> None:
    demo_repo.write(
        S, edit(SPRINT, "sites:", "awards:\n  - {place: 1, project: probing}\n  - {place: 2, project: nope}\nsites:")
    )
    bad = jam_check(demo_repo).one("JAM205")
    assert (bad["path"], bad["line"], bad["col"]) == (S, 13, 16)
    assert bad["message"] == "the award (2nd place) names 'nope', which is not a project of this sprint"


def test_project_awarded_twice(demo_repo, jam_check) -> None:
    demo_repo.write(
        S, edit(SPRINT, "sites:", "awards:\n  - {place: 1, project: probing}\n  - {place: 2, project: probing}\nsites:")
    )
    assert jam_check(demo_repo).where("JAM114") == [(S, 13, 5)]


def test_publication_project_must_be_sprint_slash_project(demo_repo, jam_check) -> None:
    demo_repo.write(B, edit(PUBLICATION, "[demo-sprint/probing]", "[probing]"))
    bad = jam_check(demo_repo).one("JAM104")
    assert (bad["line"], bad["col"]) == (8, 12)
    assert bad["fix"] == "write '<sprint>/<project>', e.g. 'interp-2025/probing-deception'"


def test_reference_to_a_broken_project_is_not_reported_twice(demo_repo, jam_check) -> None:
    demo_repo.write(P, "no front matter\n")
    assert jam_check(demo_repo).codes == ["JAM003"]


def test_review_naming_an_unknown_criterion(demo_repo, jam_check) -> None:
    demo_repo.write(R, edit(REVIEW, "quality: 5", "novelty: 5"))
    bad = jam_check(demo_repo).one("JAM208")
    assert (bad["line"], bad["col"]) == (3, 23)
    assert bad["message"] == "'novelty' is not a criterion of Demo Research Sprint"
    assert bad["fix"] == "use one of: impact, quality"


def test_review_score_below_the_scale(demo_repo, jam_check) -> None:
    demo_repo.write(S, edit(SPRINT, "judges:", "scale: {min: 0, max: 10}\njudges:"))
    demo_repo.write(R, edit(REVIEW, "quality: 5", "quality: -1"))
    bad = jam_check(demo_repo).one("JAM208")
    assert bad["message"] == "score -1 for 'quality' is outside the scale 0 to 10"


def test_review_judge_by_slug_of_name(demo_repo, jam_check) -> None:
    demo_repo.write(S, edit(SPRINT, "{name: Ada Judge, github: ada-judge}", "{name: Ada Judge}"))
    demo_repo.write(R, edit(REVIEW, "judge: ada-judge", "judge: ada-judge"))
    assert jam_check(demo_repo).diagnostics == []


def test_reviews_of_a_sprint_that_does_not_exist(demo_repo, jam_check) -> None:
    demo_repo.write("sprints/ghost-sprint/reviews.yaml", REVIEW)
    bad = jam_check(demo_repo).one("JAM201")
    assert (bad["path"], bad["line"]) == ("sprints/ghost-sprint/reviews.yaml", 1)


@pytest.mark.parametrize(
    "report",
    ["javascript:/x/;alert(1);x.pdf", "JaVaScRiPt:/x/;alert(1);x.pdf", "data:/x/;x.pdf", "vbscript:/x/;x.pdf"],
)
def test_report_shaped_like_a_script_url_is_a_url_and_refused(demo_repo, jam_check, report) -> None:
    """Finding 2: a real PDF committed at `javascript:/x/;alert(1);x.pdf` is still a javascript: URL to a browser."""
    demo_repo.write(f"submissions/demo-sprint/probing/{report}", PDF)
    demo_repo.write(P, edit(SUBMISSION, "report: report.pdf", f"report: '{report}'"))
    bad = jam_check(demo_repo).one("JAM107")
    assert "is not an https URL" in bad["message"]


def test_attachment_with_a_colon_is_refused(demo_repo, jam_check) -> None:
    """`x:y.pdf` is a file on disk, but a browser reads `x:` as a scheme: the name must change."""
    demo_repo.write("submissions/demo-sprint/probing/x:report.pdf", PDF)
    demo_repo.write(P, edit(SUBMISSION, "report: report.pdf", "report: 'probing/x:report.pdf'"))
    bad = jam_check(demo_repo).one("JAM204")
    assert "':'" in bad["message"] and "without ':'" in bad["fix"]
