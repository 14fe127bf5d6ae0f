"""Where content lives: the kinds of file, how a repository is discovered, and every spelling of a report."""

from __future__ import annotations

import pytest

from jamkit.core.model import (
    Assignment,
    Cohort,
    FinalRanking,
    LocalSite,
    Profile,
    Publication,
    Review,
    Sprint,
    Submission,
)
from jamkit.files import layout
from jamkit.files.layout import (
    CONTENT_DIRS,
    KINDS,
    PUBLICATION,
    REVIEWS_FILE,
    SPRINT,
    Attachment,
    Refused,
    Remote,
    attachment,
    discover,
    kind_of,
    profile_of,
    project_folder,
    reviews_file,
    sprint_file,
    sprint_folder,
    sprint_projects,
    submission_file,
)
from tests.helpers import PDF, SUBMISSION

P = "submissions/demo-sprint/probing.md"
FOLDER = "submissions/demo-sprint/probing"

# --------------------------------------------------------------------------- kinds


@pytest.mark.parametrize(
    ("path", "kind", "parts"),
    [
        ("sprints/demo-sprint.md", SPRINT, {"slug": "demo-sprint"}),
        (P, layout.SUBMISSION, {"sprint": "demo-sprint", "slug": "probing"}),
        ("publications/a-paper.md", PUBLICATION, {"slug": "a-paper"}),
        ("sprints/demo-sprint/reviews.yaml", REVIEWS_FILE, {"sprint": "demo-sprint"}),
    ],
)
def test_each_kind_knows_its_files_and_the_slugs_they_carry(path, kind, parts) -> None:
    assert kind_of(path) is kind
    assert kind.parts(path) == parts
    assert kind.path(kind.key(path)) == path


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "docs/submit.md",
        "sprints/demo-sprint/banner.png",
        f"{FOLDER}/report.pdf",
        f"{FOLDER}/notes.md",
        "submissions/probing.md",
        "sprints/demo-sprint/other.yaml",
        "publications/a-paper/figure.png",
    ],
)
def test_other_files_are_not_content(path) -> None:
    assert kind_of(path) is None


def test_the_table_pairs_each_kind_with_its_model_and_record() -> None:
    assert [(k.name, k.pattern, k.record) for k in KINDS] == [
        ("sprint", "sprints/<sprint>.md", Sprint),
        ("submission", "submissions/<sprint>/<project>.md", Submission),
        ("publication", "publications/<slug>.md", Publication),
        ("reviews", "sprints/<sprint>/reviews.yaml", Review),
        ("assignments", "sprints/<sprint>/assignments.yaml", Assignment),
        ("finals", "sprints/<sprint>/finals.yaml", FinalRanking),
        ("profile", "people/<github>.md", Profile),
        ("cohort", "lab/<cohort>.md", Cohort),
        ("site", "sites/<site>.md", LocalSite),
    ]
    assert CONTENT_DIRS == ("sprints", "submissions", "publications", "people", "lab", "sites")
    assert [k.noun for k in KINDS] == [
        "sprint",
        "project",
        "publication",
        "reviews",
        "assignments",
        "finals",
        "profile",
        "cohort",
        "site",
    ]


def test_paths_are_spelled_in_one_place() -> None:
    assert sprint_file("demo-sprint") == "sprints/demo-sprint.md"
    assert sprint_folder("demo-sprint") == "sprints/demo-sprint"
    assert submission_file("demo-sprint/probing") == P
    assert project_folder("demo-sprint/probing") == FOLDER
    assert sprint_projects("demo-sprint") == "submissions/demo-sprint"
    assert reviews_file("demo-sprint") == "sprints/demo-sprint/reviews.yaml"


# --------------------------------------------------------------------------- discovery


def test_discovery_finds_content_and_leaves_attachments_alone(demo_repo) -> None:
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "")
    demo_repo.write("sprints/demo-sprint/banner.png", b"png")
    demo_repo.write(f"{FOLDER}/notes.md", "notes beside the report")
    demo_repo.write("submissions/demo-sprint/.hidden.md", "an editor's backup")
    found, problems = discover(demo_repo.root)
    assert found == ["publications/a-paper.md", "sprints/demo-sprint.md", "sprints/demo-sprint/reviews.yaml", P]
    assert problems == []


def test_misplaced_files_are_named_with_their_fix(demo_repo, jam_check) -> None:
    demo_repo.write("submissions/stray.md", SUBMISSION)
    demo_repo.write("submissions/Demo_Sprint/probing.md", SUBMISSION)
    demo_repo.write("submissions/demo-sprint/Probing_Two.md", SUBMISSION)
    demo_repo.write("publications/A.md", "")
    demo_repo.write("sprints/reviews.yaml", "")
    demo_repo.write("sprints/Old_Sprint/reviews.yaml", "")
    checked = jam_check(demo_repo)
    assert checked.exit_code == 1
    assert sorted((d["path"], d["message"], d["fix"]) for d in checked.diagnostics if d["code"] == "JAM006") == [
        ("publications/A.md", "'A' is not a valid publication slug", SLUG_FIX),
        ("sprints/Old_Sprint", "'Old_Sprint' is not a valid sprint slug", SLUG_FIX),
        (
            "sprints/reviews.yaml",
            "a reviews file sits directly in sprints/",
            "move it to sprints/<sprint>/reviews.yaml",
        ),
        ("submissions/Demo_Sprint", "'Demo_Sprint' is not a valid sprint slug", SLUG_FIX),
        (
            "submissions/demo-sprint/Probing_Two.md",
            "'Probing_Two' is not a valid project slug",
            SLUG_FIX,
        ),
        (
            "submissions/stray.md",
            "a project file sits directly in submissions/",
            "move it to submissions/<sprint>/<project>.md",
        ),
    ]


SLUG_FIX = "rename it: 3 to 64 lowercase letters, digits and single hyphens, e.g. 'my-project'"


# --------------------------------------------------------------------------- report spellings

# (as written, the file it names inside the project's folder)
ACCEPTED = [
    ("report.pdf", "report.pdf"),
    ("./report.pdf", "report.pdf"),
    ("docs/report.pdf", "docs/report.pdf"),
    ("./docs/report.pdf", "docs/report.pdf"),
    (f"{FOLDER}/report.pdf", "report.pdf"),
    (f"./{FOLDER}/docs/report.pdf", "docs/report.pdf"),
    ("probing/report.pdf", "report.pdf"),
    ("./probing/docs/report.pdf", "docs/report.pdf"),
    ("final report.pdf", "final report.pdf"),
    ("résumé.pdf", "résumé.pdf"),
]

OUTSIDE = (
    "is outside the project's folder",
    f"put the file in {FOLDER}/ and write its path inside that folder, e.g. report.pdf",
)
# (as written, the problem, the fix)
REFUSED = [
    ("../other/report.pdf", *OUTSIDE),
    ("../../../../etc/passwd", *OUTSIDE),
    ("/etc/passwd", *OUTSIDE),
    ("C:\\Users\\bea\\report.pdf", *OUTSIDE),
    ("C:/Users/bea/report.pdf", *OUTSIDE),
    ("submissions/demo-sprint/other/report.pdf", *OUTSIDE),
    ("sprints/demo-sprint/report.pdf", *OUTSIDE),
    (f"/{FOLDER}/report.pdf", "starts with '/'", f"write 'report.pdf', the path inside {FOLDER}/"),
    ("docs\\report.pdf", "uses '\\' between folders; links use '/'", "write 'docs/report.pdf'"),
    ("report.pdf?raw=1", "contains '?', which a link reads as the end of the file name", "write 'report.pdf'"),
    ("report.pdf#page=2", "contains '#', which a link reads as the end of the file name", "write 'report.pdf'"),
    (
        "final%20report.pdf",
        "contains a percent-escape; links would read the name differently",
        "write 'final report.pdf'",
    ),
    ("100%.pdf", "contains '%', which links read as an escape", "rename the file without '%' and write its name"),
    ("re\x07port.pdf", "contains an invisible or control character", "write 'report.pdf'"),
    ("docs/", "names a folder, not a file", "write the path of the file inside it, e.g. docs/report.pdf"),
    (".", "names a folder, not a file", "write the path of the file inside it, e.g. report.pdf"),
    ("probing/", "names a folder, not a file", "write the path of the file inside it, e.g. report.pdf"),
    (FOLDER, "names a folder, not a file", "write the path of the file inside it, e.g. report.pdf"),
    ("docs/../report.pdf", "is not written as the plain path (it has '..', '.' or '//')", "write 'report.pdf'"),
    ("docs//report.pdf", "is not written as the plain path (it has '..', '.' or '//')", "write 'docs/report.pdf'"),
    ("docs/./report.pdf", "is not written as the plain path (it has '..', '.' or '//')", "write 'docs/report.pdf'"),
    (
        ".report.pdf",
        "names a hidden file or folder ('.report.pdf'), which the site does not publish",
        "rename '.report.pdf' without the leading '.'",
    ),
    (
        ".drafts/report.pdf",
        "names a hidden file or folder ('.drafts'), which the site does not publish",
        "rename '.drafts' without the leading '.'",
    ),
]


@pytest.mark.parametrize(("written", "name"), ACCEPTED)
def test_accepted_spellings_name_one_file_in_the_project_folder(written, name) -> None:
    assert attachment(P, written) == Attachment(FOLDER, name)


@pytest.mark.parametrize("written", ["https://arxiv.org/pdf/2401.00001", "http://x.org/r.pdf", "javascript:alert(1)"])
def test_urls_are_left_to_the_https_rule(written) -> None:
    assert attachment(P, written) == Remote(written)


@pytest.mark.parametrize(("written", "problem", "fix"), REFUSED)
def test_refused_spellings_say_what_to_write(written, problem, fix) -> None:
    assert attachment(P, written) == Refused(problem, fix)


def test_a_sprint_names_its_own_folder() -> None:
    assert attachment("sprints/demo-sprint.md", "demo-sprint/banner.png") == Attachment(
        "sprints/demo-sprint", "banner.png"
    )


@pytest.mark.parametrize(("written", "problem", "fix"), REFUSED)
def test_jam_check_refuses_each_spelling_with_its_fix(demo_repo, jam_check, written, problem, fix) -> None:
    demo_repo.write("submissions/demo-sprint/other/report.pdf", PDF)
    demo_repo.write(f"{FOLDER}/docs/report.pdf", PDF)
    demo_repo.write(P, SUBMISSION.replace("report: report.pdf", f"report: {_yaml(written)}"))
    checked = jam_check(demo_repo)
    assert checked.exit_code == 1
    bad = checked.one("JAM204")
    assert (bad["path"], bad["line"], bad["message"], bad["fix"]) == (
        P,
        7,
        f"'report': '{_shown(written)}' {problem}",
        fix,
    )


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar, so that backslashes and control characters arrive as written."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\x{ord(c):02x}" for c in text) + '"'


def _shown(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def test_profiles_are_named_after_github_logins(demo_repo) -> None:
    demo_repo.write("people/Bea-B.md", "---\nname: Bea\n---\n")
    demo_repo.write("people/x.md", "---\nname: X\n---\n")  # a one-letter login is a login
    demo_repo.write("people/-bea.md", "---\nname: Bea\n---\n")
    demo_repo.write("people/bea--b.md", "---\nname: Bea\n---\n")
    demo_repo.write("people/bea/photo.png", b"png")
    found, problems = discover(demo_repo.root)
    assert [p for p in found if p.startswith("people/")] == [
        "people/-bea.md",
        "people/Bea-B.md",
        "people/bea--b.md",
        "people/x.md",
    ]
    assert [(d.path, d.code) for d in problems] == [("people/-bea.md", "JAM006"), ("people/bea--b.md", "JAM006")]
    assert all("GitHub login" in d.message and "people/<login>.md" in d.fix for d in problems)
    assert profile_of("people/Bea-B.md") == "Bea-B" and profile_of("people/bea/photo.png") == "bea"
    assert profile_of("peoples/bea.md") is None and profile_of("people") is None
