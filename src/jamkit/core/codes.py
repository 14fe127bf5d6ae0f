"""The catalogue of rule codes, in numeric order: one constant per code, declared once.

Every problem jamkit reports carries a stable code (``JAM101``...), and every
code is declared here, with its severity, the one-line summary and the
explanation that ``docs/rules.md`` shows, so documentation and behaviour cannot
drift apart and importing this module is enough to know them all. The hundreds
digit is the group (``GROUPS``). Rules make their diagnostics with
``Code.at``, so a diagnostic always has its code's severity; nothing outside
this module spells a code as a string (``tests/core/test_codes.py``).
"""

from __future__ import annotations

from jamkit.core.diagnostics import CODES, GROUPS, Code, code

__all__ = ["CODES", "GROUPS", "Code"]  # the registry, re-exported: the catalogue is the one place to look

# --------------------------------------------------------------------------- JAM0xx: reading files

NOT_UTF8 = code(
    "JAM001",
    "File is not UTF-8",
    "Content files must be UTF-8 text. A UTF-8 byte-order mark and Windows (CRLF) line "
    "endings are accepted. Re-save the file as UTF-8.",
)
YAML_SYNTAX = code(
    "JAM002",
    "YAML syntax error",
    "The front matter is not valid YAML. Tabs cannot indent YAML: use spaces. Quote values "
    "that contain `: ` or start with a special character; a key needs a space after its colon "
    "(`title: Probing`, not `title:Probing`), and the first line of a `|` or `>` text sets the indent of "
    "all its lines. A quote, `[` or `{` left open is reported where it "
    "opens, even when a later quote in the file closes it (YAML lets a quoted value run over lines, "
    "so the parser itself stops only after that later quote); a quote inside a quoted value, as in "
    "`title: 'It's done'`, is reported where it ends the value early, with how to write it (`''` "
    'inside single quotes, `\\"` inside double quotes, or the other kind of quotes around the value). '
    "The usual mistakes are said in plain words, and `jam check --fix` mends them when the fix has one meaning "
    "(the file then reads, and means the same whichever way it could be mended): a tab in the indentation "
    "(turned into spaces), a field indented a space or two off (lined up with the nearest field it reads "
    "under), a handle written `github: @bob` (the `@` dropped), and a value that holds `: ` or starts "
    "with `@`, `*`, `&` or a backtick (put in quotes; typographic quotes around it become straight ones).",
)
NO_FRONT_MATTER = code(
    "JAM003",
    "No front matter",
    "A content file starts with a line `---`, then YAML fields, then another `---` line, "
    "then the Markdown body. The file is empty, or its front matter is missing or not closed.",
)
NOT_MAPPING = code(
    "JAM004",
    "Wrong document structure",
    "The front matter must be `key: value` fields, not a list or a single value; "
    "`reviews.yaml` must be a list of reviews, each a set of `key: value` fields.",
)
DUPLICATE_KEY = code(
    "JAM005",
    "Duplicate key",
    "A key appears twice in the same mapping; YAML would silently keep only the last one. Remove or merge one of them.",
)
BAD_PATH = code(
    "JAM006",
    "File name or location is not valid",
    "Slugs come from file names: 3 to 64 lowercase letters, digits and single hyphens "
    "(`^[a-z0-9]+(-[a-z0-9]+)*$`). Sprints live at `sprints/<sprint>.md`, projects at "
    "`submissions/<sprint>/<project>.md`, publications at `publications/<slug>.md`.",
)
TOO_LARGE = code(
    "JAM007",
    "Over a hard limit",
    "Limits that keep every file quick to check and to publish, checked before the file is parsed "
    "where possible: a content file at most 4 MB, its front matter at most 256 KB and its body at most "
    "1 MB; a value at most 100,000 characters and a whole number at most 40 digits; at most 64 levels "
    "of nesting, 50,000 values (merged `<<` keys included), 1,000 aliases (`*name`) and 100 merge keys; "
    "a project at most 50 members, 50 tags and 100 links. A file or folder name is at most 128 bytes of "
    "UTF-8 and a path at most 255. Fix: shorten the file or the value, and write values out instead of "
    "repeating aliases.",
)
CONTROL_CHARACTER = code(
    "JAM008",
    "Invisible control character",
    "A NUL byte or another control character (other than tab and line breaks) in a file or a file name "
    "is refused: it is invisible in review, and breaks tools that read the text. Fix: delete it (retype "
    "the line if your editor does not show it) or rename the file.",
)
BODY_UNRENDERABLE = code(
    "JAM040",
    "Body cannot be rendered",
    "The Markdown below the front matter is rendered for the site within limits: at most 256 KB, "
    "32 levels of nested lists, quotes or HTML blocks, 4,000 `[` characters, and 2 seconds. A body "
    "beyond them would stop the site from building, so the check refuses it and a build shows a "
    "placeholder instead. Fix: flatten the nesting, remove stray brackets, shorten the text and put "
    "the full version in the report.",
)

# --------------------------------------------------------------------------- JAM1xx: fields and values

MISSING = code(
    "JAM101",
    "Required field missing",
    "A required field is absent. `docs/format.md` lists the required fields of each file.",
)
UNKNOWN = code(
    "JAM102",
    "Unknown field",
    "The field is not part of the format, often a typo; the message suggests the nearest "
    "known field. Unknown fields are errors so that typos never go unnoticed. `jam check --fix` renames "
    "a field only when it misspells exactly one known field (case, `-` for `_`, one letter added, dropped, "
    "changed or swapped; two for long names): `abstarct` becomes `abstract`. What people write for another "
    "field (`repo`, `authors`, `summary`, `keywords`, `location`, `paper`, `demo`...) gets a hint saying "
    "where it belongs, and is never renamed: `repo` may be code or a report, and only the team knows. A "
    "team's hints never offer the fields only maintainers may set.",
)
WRONG_TYPE = code(
    "JAM103",
    "Wrong type or value",
    "The value has the wrong type (text, number, list, mapping) or is outside the allowed values or range.",
)
BAD_SLUG = code(
    "JAM104",
    "Not a slug or id",
    "Ids and slugs are lowercase letters, digits and hyphens (ids may also use `_`).",
)
BAD_DATE = code(
    "JAM105",
    "Date or time not valid",
    "Dates are ISO 8601: `2026-03-14T09:00:00+00:00` (a date-time must carry its UTC offset). "
    "A sprint's `ends` may be a bare date, meaning 23:59:59 Anywhere on Earth (UTC-12).",
)
DATE_ORDER = code(
    "JAM106",
    "Sprint ends before it starts",
    "`ends` (the submission deadline) must be later than `starts`.",
)
NOT_HTTPS = code(
    "JAM107",
    "URL is not https",
    "Every link must be a full `https://` address: plain http, `javascript:` and relative links are refused.",
)
BAD_GITHUB = code(
    "JAM108",
    "GitHub handle not valid",
    "A GitHub handle is 1 to 39 letters, digits and single hyphens, with no `@` and no URL.",
)
ABSTRACT_LONG = code(
    "JAM109",
    "Abstract too long",
    "The abstract is plain text of at most 300 words. Put the longer write-up in the body.",
)
NO_GITHUB_MEMBER = code(
    "JAM110",
    "No member with a GitHub handle",
    "At least one member needs `github:` so the team can be reached and can edit its entry.",
)
BAD_COUNTRY = code(
    "JAM111",
    "Country code not valid",
    "`country` is an ISO 3166-1 alpha-2 code such as `GB`, `US`, `KE` or `IN`.",
)
BAD_IDENTIFIER = code(
    "JAM112",
    "ORCID or licence not valid",
    "`orcid` is written `0000-0002-1825-0097`; `license` is an SPDX id such as `CC-BY-4.0`.",
)
BAD_RANGE = code(
    "JAM113",
    "Range not valid",
    "In `team_size` and `scale`, `min` must not exceed `max`; an award has a `place`, or is a `mention`, not both.",
)
DUPLICATE_ID = code(
    "JAM114",
    "Duplicate id",
    "Ids of criteria, judges and sites must be unique within a sprint, and each project may receive one award.",
)
CONTACT_DETAILS = code(
    "JAM115",
    "E-mail address or phone number",
    "Submissions, publications and local sites' files are published for anyone to read and copy, so they carry no "
    "e-mail addresses or phone numbers, in any field, in the body, or in a text file of the project's "
    "folder (`notes.txt`, and any `.md`, `.csv` or `.json` that is published with it): people are reached "
    "through their GitHub handle (`github:`) or ORCID (`orcid:`). The text is read as a reader sees it: "
    "`bea&#64;example.org`, `bea&commat;example.org`, `bea@example\\.org`, `bea [at] example [dot] org`, "
    "an address with an invisible character in it or split by emphasis are addresses; so are addresses "
    "with non-ASCII letters (`josé@exemplo.com.br`). A phone "
    "number is one in the international form (`+55 11 91234-5678`, `+44 20 7946 0958`), digits after a "
    "word such as phone, tel or WhatsApp, or a national form such as `(555) 123-4567` or "
    "`555-123-4567`; dates, times, DOIs, arXiv ids, ISBNs, ORCID iDs, money and version numbers are "
    "not. A maintainer who needs an address on record may keep it in a maintainer-only field. Fix: "
    "remove the address or number.",
)
HAZARD_KEYWORD = code(
    "JAM116",
    "Possibly hazardous content (warning)",
    "A warning, not an error: the project's title, abstract or body mentions one of the sprint's "
    "`hazard_keywords`. If the work may be hazardous (it could help someone cause serious harm), do not "
    "publish it in a public pull request: follow the private lane in `docs/policies.md` (private "
    "vulnerability reporting or a maintainer's private contact, and a public stub with `report` "
    "withheld). If the match is harmless, nothing needs to change.",
    severity="warning",
)
HTTP_LINK = code(
    "JAM117",
    "Plain http link in the write-up",
    "Links and images in a project's write-up use `https://`: a plain `http://` link is refused by "
    "browsers on the https site (images) or warns readers (links). Fix: write `https://` (`jam check "
    "--fix` does it); if the site has no https version, link an archived copy.",
)
PLACEHOLDER = code(
    "JAM118",
    "Placeholder text left in",
    "`jam new` and the browser's prefilled file write placeholder text for the team to replace: the "
    "write-up's first paragraph, and every `REPLACE:` mark. Published as is, it would read as the "
    "team's own words. Fix: replace it with your text, or delete it.",
)
COMMENT_CUT = code(
    "JAM123",
    "Value cut short by a comment (warning)",
    "In YAML, ` #` after a value starts a comment, so `title: Refusal drift #2 in long conversations` "
    "is read as the title `Refusal drift`, and the rest is lost without a word. jamkit warns when the "
    "comment starts right after a text value and the `#` is followed by a letter or digit (as in `#2` or "
    "`#ai`), which is almost always part of the text. Fix: put the whole value in quotes "
    '(`title: "Refusal drift #2 in long conversations"`); if it really is a comment, write a space after '
    "the `#`.",
    severity="warning",
)
MARKUP_IN_NAME = code(
    "JAM130",
    "Markup in a name",
    "A profile's `name` is shown on every page that shows the person, in titles, lists and search, so it is "
    "plain text: no `<`, `>`, backticks, Markdown links or URLs. Fix: write the name as people say it; put "
    "links under `links:`.",
)

# --------------------------------------------------------------------------- JAM2xx: references between files

UNKNOWN_SPRINT = code(
    "JAM201",
    "Sprint does not exist",
    "A project lives in `submissions/<sprint>/`, and `sprints/<sprint>.md` must exist.",
)
TEAM_SIZE = code(
    "JAM202",
    "Team size outside the sprint's bounds",
    "The number of members must lie within the sprint's `team_size` (default 1 to 5).",
)
UNKNOWN_SITE = code(
    "JAM203",
    "Unknown site",
    "`site` must be the `id` of one of the sprint's `sites`, or the slug of a local site's file "
    "(`sites/<site>.md`) whose `hosts` lists the sprint.",
)
REPORT_MISSING = code(
    "JAM204",
    "Report not found",
    "`report` is a PDF file inside the project's folder `submissions/<sprint>/<project>/`, or an "
    "https URL. Write the file's path inside that folder (`report.pdf`, `docs/report.pdf`); the path "
    "from the repository root (`submissions/<sprint>/<project>/report.pdf`) and the path from the "
    "Markdown file (`<project>/report.pdf`) mean the same file. Paths that leave the folder, start "
    "with `/`, use `\\`, `..`, `?`, `#` or `%`, or name a hidden file are refused, because the site "
    "could not serve them. The file must exist and be a real PDF.",
)
UNKNOWN_PROJECT = code(
    "JAM205",
    "Unknown project",
    "A publication's `projects` and a sprint's `awards` must name projects that exist, as "
    "`<sprint>/<project>` and `<project>` respectively.",
)
REVIEW_JUDGE = code(
    "JAM206",
    "Review names an unknown judge",
    "`judge` in `reviews.yaml` must be the `id` of one of the sprint's judges (the id "
    "defaults to the judge's GitHub handle, else a slug of the name).",
)
REVIEW_PROJECT = code(
    "JAM207",
    "Review names an unknown project",
    "`project` in `reviews.yaml` must be the slug of a project of the same sprint.",
)
REVIEW_SCORE = code(
    "JAM208",
    "Review score not valid",
    "Each key of `scores` must be a criterion `id` of the sprint, and each score must lie within the sprint's `scale`.",
)
REVIEW_TWICE = code(
    "JAM209",
    "Judge reviews a project twice",
    "Each judge reviews a project at most once in `reviews.yaml`: a second review would count "
    "that judge twice in the project's score (`jam award`). Merge the two reviews into one.",
)
CONFLICT = code(
    "JAM210",
    "Judge has a conflict of interest",
    "A judge may not review, or be assigned, a project they have a conflict of interest with: a member of "
    "its team (matched on GitHub handle), the organiser of the site the team worked at, a project listed "
    "in the judge's own `conflicts`, or a member the repository shows the judge worked with in the three "
    "years before the sprint's end (matched on GitHub handles): a team of an earlier sprint they shared, a "
    "publication they wrote together (`publications/`), or mentoring in a fellowship cohort (`lab/`, either "
    "way). The message names the file and line of that record. Give the project to another judge.",
)
REVIEW_INCOMPLETE = code(
    "JAM211",
    "Review leaves out a criterion",
    "A review scores every criterion of the sprint, so that all projects are compared on the same footing; "
    "a missing score would let the other criteria decide alone.",
)
ASSIGNMENT_REF = code(
    "JAM212",
    "Assignment names an unknown judge or project",
    "In `assignments.yaml`, `judge` is the `id` of one of the sprint's judges and each of `projects` is the "
    "slug of a project of the same sprint.",
)
ASSIGNED_TWICE = code(
    "JAM213",
    "Assigned twice",
    "Each judge appears once in `assignments.yaml`, and lists each project once: a second entry would "
    "count the same reading twice in `jam judge status`.",
)
MISSING_LINKED_FILE = code(
    "JAM214",
    "Link or image to a missing file",
    "A link or image in the write-up names a file of the project's folder "
    "(`submissions/<sprint>/<project>/`, written as in `report`) that does not exist, or that the "
    "site cannot serve as written: the page would show a broken image or a dead link. Fix: add the "
    "file to the folder, or correct the path.",
)
UNLINKED_FILE = code(
    "JAM215",
    "File in a project folder that is not an attachment (warning)",
    "A warning: every file of a project's folder is published beside the project's page. The "
    "project page shows its PDFs and images as attachments; a text note (such as the `README.txt` "
    "older versions of `jam new` wrote) that nothing links is published with no context. Fix: "
    "delete it, or link it from the write-up.",
    severity="warning",
)
NAME_ONLY_CONFLICT = code(
    "JAM216",
    "Team member with a judge's name, to be confirmed by a maintainer (warning)",
    "A warning: a member of the team has the name of one of the sprint's judges (compared without case, "
    'accents or extra spaces; "Sato, Kenji" is "Kenji Sato"), but no GitHub handle shows it is the judge. '
    "Anyone can write a name into a team, so a name alone does not keep the judge away: `jam judge assign` "
    "may still give the judge the project. Fix: a maintainer who confirms it is the judge adds the project "
    "to the judge's `conflicts` in the sprint file (then it is honoured, and this warning goes); the team "
    "can add the member's `github` handle.",
    severity="warning",
)
JUDGE_IN_TEAM = code(
    "JAM217",
    "Judge is a member of a project in the sprint",
    "A judge whose GitHub handle is listed as a member of a project of the sprint takes part in the sprint "
    "they judge: they are refused outright, for every project, and `jam judge assign` gives them none. "
    "Fix: take the judge off the sprint's `judges`, or, if the team listed them by mistake, take them off "
    "the team's `members`.",
)
SHARED_AFFILIATION = code(
    "JAM218",
    "Judge shares an affiliation with a team member (warning)",
    "A warning: the judge's `affiliation` is the same as a team member's (compared without case, accents or "
    "extra spaces). It is not a conflict by itself, so the judge may still be assigned the project. Fix: "
    "if the two work together, a maintainer adds the project to the judge's `conflicts`.",
    severity="warning",
)
AMBIGUOUS_JUDGE = code(
    "JAM219",
    "Spreadsheet row names a judge ambiguously",
    "In `jam review import`, a row's judge is matched by id, GitHub handle, full name, or a first name only "
    "one judge has. A value that fits two judges (one judge's id and another's handle, or a first name two "
    "judges share) could put the scores under the wrong judge, so the row is refused. Fix: write the "
    "judge's id in that cell.",
)
OTHER_JUDGES_ROW = code(
    "JAM220",
    "A judge's score sheet has a row for another judge",
    "A file named after a judge (`<judge>.csv`, as `jam judge status --templates` writes them) is that "
    "judge's score sheet: `jam review import` adds or changes only that judge's reviews from it, so a "
    "sheet cannot overwrite another judge's scores. Fix: delete the row, or import the other judge's "
    "scores from their own sheet.",
)
HISTORY_BY_NAME = code(
    "JAM221",
    "Judge worked with a team member, matched by name only (warning)",
    "A warning: a record of the three years before the sprint's end (an earlier sprint's team, a "
    "publication's authors, a fellowship cohort's mentoring) puts the judge together with a member of the "
    "team, but a name, not a GitHub handle on both sides, is what matches them, so it may be a namesake. The "
    "message names the record's file and line. It does not keep the judge away. Fix: a maintainer who "
    "confirms it adds the project to the judge's `conflicts` in the sprint file; the records can add the "
    "people's `github` handles, which make it binding (JAM210).",
    severity="warning",
)
COHORT_REFERENCE = code(
    "JAM230",
    "Cohort names an unknown project, publication or mentor",
    "A team in `lab/<cohort>.md` names a sprint project that exists (`<sprint>/<project>`), at most once per "
    "cohort; its `publication` is the slug of a file in `publications/`; its `mentor` is the `github` (or "
    "`name`) of one of the cohort's `mentors`. Fix: correct the reference, or add the missing file or mentor.",
)
FELLOWSHIP_DISAGREES = code(
    "JAM231",
    "A project's `lab` and the cohorts disagree",
    "Who is in the fellowship has one answer: a team listed in a cohort `lab/<cohort>.md` has `lab: {status, "
    "cohort: <cohort>}` in its project file, and a project whose `lab` names a cohort is listed in that "
    "cohort's `teams`. Otherwise the Impact page, the outcomes table and the cohort page count different "
    "projects. Fix: add the missing `lab` (or `teams` entry), or correct the cohort it names.",
)
AWARD_WITHDRAWN = code(
    "JAM232",
    "An award names a retracted or embargoed project",
    "A warning: the sprint's `awards` name a project that readers cannot see (retracted, or under embargo), so "
    "its place is shown as withdrawn (retracted) or left out until the embargo ends, while the prize stays listed. "
    "Fix: if the place should pass to another project, run `jam award SPRINT --write` again or edit `awards`; "
    "otherwise leave it: the page says the place was withdrawn.",
    severity="warning",
)
SITE_SPRINT = code(
    "JAM240",
    "A local site hosts a sprint that does not exist",
    "Each `hosts` entry of `sites/<site>.md` names a sprint by its slug, and `sprints/<sprint>.md` must exist. "
    "Fix: correct the slug (the message suggests the nearest), or remove the entry.",
)
BAD_TIMEZONE = code(
    "JAM241",
    "Unknown time zone",
    "A site's `timezone` is an IANA time zone name such as `Europe/London` or `America/Sao_Paulo` (the names "
    "Python's `zoneinfo` knows), not an offset or an abbreviation such as `GMT+1` or `BRT`: the site's page shows "
    "each sprint's schedule in it, with the changes of summer time. Fix: write the zone of the site's city.",
)
CONTACT_EMAIL = code(
    "JAM242",
    "Contact is an e-mail address",
    "A site's `contact` is the https URL of a contact form or page. An e-mail address (`mailto:`, or anything "
    "that reads as `name@domain`) would be published for anyone to copy, and mirrors keep it after it is "
    "changed. Fix: link a form (a sign-up form, a page of your group) instead.",
)
NO_GITHUB_ORGANIZER = code(
    "JAM243",
    "No organiser with a GitHub handle",
    "At least one of a site's `organizers` needs `github:`: only its organisers (by GitHub handle) may change "
    "the site's file, so a site without one could be changed by maintainers only. Fix: add your handle.",
)
SITE_TWICE = code(
    "JAM244",
    "A sprint's site is named twice",
    "A site's file lists each sprint once in `hosts`, and its slug is not also the `id` of one of that sprint's "
    "own `sites`: a project's `site` must name one place. Fix: merge the two `hosts` entries, or rename the "
    "site file (or the sprint's inline site).",
)
FINALS_REF = code(
    "JAM250",
    "Finalist ranking names an unknown judge or project",
    "In `finals.yaml`, `judge` is the `id` of one of the sprint's judges and each of `ranking` is the slug "
    "of a project of the same sprint. `jam judge finalists SPRINT --write` writes the template with the "
    "right ids. Fix: correct the id or slug (the message suggests the likeliest judge).",
)
RANKED_TWICE = code(
    "JAM251",
    "Ranked twice",
    "Each judge appears once in `finals.yaml`, and ranks each project once: a second entry, or a project "
    "listed twice, would count one judge's opinion twice in the finalist round. Fix: keep one entry per "
    "judge and one place per project.",
)

# --------------------------------------------------------------------------- JAM3xx: pull-request policy
# Applied by `jam check --pr` to the change `BASE...HEAD` (jamkit.checks.pull_request.policy). A
# maintainer (`--maintainer`) is exempt from JAM301-JAM308, JAM318-JAM319 and JAM340-JAM343; the others apply
# to all.

PR_PATH = code(
    "JAM301",
    "File outside the project's area",
    "A pull request from a team may add or change only `submissions/<sprint>/<project>.md` and "
    "files inside `submissions/<sprint>/<project>/`. Sprints, publications, docs and other "
    "repository files are changed by maintainers. Fix: take the file out of the pull request "
    "(`git restore --source=origin/main -- PATH`), or ask a maintainer to make that change.",
)
PR_PROTECTED = code(
    "JAM302",
    "Protected file changed",
    "`mkdocs.yml`, `pyproject.toml`, `requirements.txt`, `hooks/`, `src/`, `scripts/`, `tests/`, `.github/`, "
    "`.ci/` and "
    "other dot-files run as code when the site is built or CI runs, so a pull request that touches "
    "them is never trusted and is flagged for maintainer review (label `maintainer-review`). Fix: "
    "remove those files from a submission's pull request; open a separate issue or pull request "
    "for changes to the tooling.",
)
PR_TWO_PROJECTS = code(
    "JAM303",
    "More than one project in one pull request",
    "Each pull request changes exactly one project, so that its members can be checked and it "
    "can be merged on its own. A rename from one sprint or project to another touches two "
    "projects. Fix: split the pull request, one per project; ask a maintainer to move a project "
    "between sprints.",
)
PR_NOT_MEMBER = code(
    "JAM304",
    "Only the project's members may change it",
    "Changing, renaming or deleting an existing project needs the pull request's author to be "
    "listed with `github:` in the project's `members` on the base branch (compared without "
    "regard to case). Adding yourself to `members` in the same pull request grants nothing. "
    "Fix: ask a listed member to open the pull request, or a maintainer to add you first.",
)
PR_AUTHOR_NOT_LISTED = code(
    "JAM305",
    "New project does not list its author",
    "Whoever opens the pull request that adds a project must be one of its `members`, with "
    "their GitHub handle in `github:`, so that they can later edit it. Fix: add yourself to "
    "`members` (`- {name: Your Name, github: your-handle}`).",
)
PR_MAINTAINER_FIELD = code(
    "JAM306",
    "Maintainer-only field",
    "`status`, `retraction`, `embargo_until` and `lab` are set by maintainers (for example "
    "with `jam retract`). A team may not add them to a new project nor change or remove them "
    "in an existing one. Fix: restore the field as it is on the base branch (or leave it out "
    "of a new project) and ask a maintainer if it needs to change.",
)
PR_LATE = code(
    "JAM307",
    "LATE: the sprint's deadline has passed",
    "Adding or changing a project after its sprint's `ends` (plus the grace period, `--grace` "
    "or `grace_hours` in `[tool.jamkit]`, default 0 hours) is late. The time is the pull "
    "request event's time that CI passes as `--now`, never a commit date. The pull request is "
    "labelled `late` and its verdict is LATE, waiting for the organisers (not NEEDS "
    "CHANGES): organizers decide whether to accept it. Fix: nothing to fix; wait for an organizer.",
)
PR_NOT_OPEN = code(
    "JAM308",
    "Sprint not open for submissions",
    "A project can be submitted only to a sprint that exists on the base branch "
    "(`sprints/<sprint>.md`) and has started. Fix: check the sprint's slug in the folder name "
    "`submissions/<sprint>/`, or wait until the sprint starts.",
)
PR_FILE_TYPE = code(
    "JAM309",
    "Attachment type not allowed",
    "A project's folder may hold PDF files and PNG, JPEG, GIF or WebP images, recognised by "
    "their content (magic bytes), with a matching extension (`.pdf`, `.png`, `.jpg`/`.jpeg`, "
    "`.gif`, `.webp`), and short UTF-8 `.txt` notes. SVG is refused because it can carry "
    "scripts that would run on the site's origin; other formats (archives, notebooks, HTML, "
    "Markdown) are refused because they are not shown safely. Fix: export figures as PNG, "
    "the report as PDF, and link code and data with `code:` or `links:`.",
)
PR_SYMLINK = code(
    "JAM310",
    "Symbolic link or submodule",
    "Files in a pull request must be regular files: a symbolic link could point at files "
    "outside the repository (such as `/etc/passwd`) when the site is built, and a submodule "
    "pulls in another repository. Fix: replace the link with a copy of the file itself.",
)
PR_EXECUTABLE = code(
    "JAM311",
    "Executable file",
    "Attachments must not be programs: a file with the executable mode (100755) or whose "
    "content is an ELF, Mach-O or Windows program or a `#!` script is refused, whatever its "
    "name. Fix: remove the executable bit (`git update-index --chmod=-x PATH`) or the program; "
    "link code with `code:` instead.",
)
PR_TOO_LARGE = code(
    "JAM312",
    "File too large",
    "Limits per file: 20 MB for a PDF, 5 MB for an image, 64 KB for a `.txt` note, 1 MB for the "
    "project's Markdown file. Maintainers can change the first three in `[tool.jamkit]` of "
    "`pyproject.toml` (`max_pdf_mb`, `max_image_mb`). Fix: compress the PDF or image, or link a "
    "large file with an https URL.",
)
PR_PROJECT_TOO_LARGE = code(
    "JAM313",
    "Project folder too large",
    "All files of a project's folder together may take at most 30 MB (`max_project_mb` in "
    "`[tool.jamkit]`). Fix: remove or compress attachments, or link them with https URLs.",
)
PR_ORPHAN = code(
    "JAM314",
    "Attachment without its project",
    "Files in `submissions/<sprint>/<project>/` belong to the project described by "
    "`submissions/<sprint>/<project>.md`, which must exist in the pull request's head. Fix: "
    "add the project file (`jam new submission SPRINT SLUG`), or move the files to the folder "
    "named after your project's file.",
)
PR_MERGE_CONFLICT = code(
    "JAM315",
    "Criss-cross history that does not merge cleanly",
    "When a pull request's history and the base branch have several merge bases (a criss-cross "
    "merge), GitHub merges against all of them, so the change is read against that merge "
    "(`git merge-tree`): what the merge would change on the base branch is what is checked. If "
    "the merge conflicts, the change cannot be read reliably and is refused. Fix: rebase the "
    "branch onto the base branch (`git rebase origin/main`) so it has one merge base.",
)
PR_RESERVED_NAME = code(
    "JAM316",
    "Name the build writes",
    "The site publishes a project's folder beside its page (`projects/<sprint>/<project>/`), a sprint's folder "
    "beside the sprint's page and `docs/` at the site's root, so no file or folder there may be named like "
    "something the build writes itself: `index.html` or `index.md` beside a page, and at the root the pages' "
    "folders (`sprints/`, `projects/`, `people/`, `publications/`, `stats/`, `winners/`, `lab/`, `search/`, "
    "`tags/`), `api/*.json`, `schema/`, `calendar/`, `calendar.ics`, `feed.xml`, `pagefind/`, `assets/`, "
    "`sitemap.xml`, `404.html` and `index.html`. Names are compared as case-insensitive, normalising systems "
    "compare them (`Index.HTML` is `index.html`, trailing dots and spaces do not count), so two names in one "
    "folder that differ only that way are refused too, and so is a name of only dots and spaces. The build "
    "leaves such a file out and warns. Fix: rename the file or folder (for example `index.html/` to "
    "`figures/`), and update the links to it.",
)
PR_PROJECT_FILES = code(
    "JAM317",
    "Too many files in one project",
    "A project's folder may hold at most 50 files (`max_project_files` in `[tool.jamkit]` of `pyproject.toml`); "
    "every file is copied into the site and searched on every build. Fix: keep the report and the figures the "
    "page shows, and link the rest (data, code, more figures) with https URLs under `links:`.",
)
PR_TOO_MANY_FILES = code(
    "JAM318",
    "Pull request changes too many files",
    "A team's pull request may add or change at most 100 files (`max_pr_files` in `[tool.jamkit]`), so that it "
    "can be reviewed and checked quickly. Fix: take the files the project does not need out of the pull "
    "request, or link them with https URLs.",
)
PR_TOO_BIG = code(
    "JAM319",
    "Pull request too large",
    "The files a team's pull request adds or changes may take at most 40 MB together (`max_pr_mb` in "
    "`[tool.jamkit]`). Fix: compress the PDF and images, or link large files with https URLs.",
)
PR_TEMPLATE_NAME = code(
    "JAM321",
    "Project still has the template's name",
    "The **Submit your project** button on a live sprint's page opens GitHub's editor on "
    "`submissions/<sprint>/your-project-name.md`. The file's name is the project's slug and its web address "
    "(`/projects/<sprint>/<project>/`) for ever, so a project, or a file in its folder, still under the "
    "template's name is refused, whoever sends it. Fix, in the browser: open the file (**Files changed**, `⋯`, "
    "**Edit file**), click the file name at the top of the editor, type your project's slug, e.g. "
    "`refusal-drift.md`, and commit to the same branch; move an uploaded file by deleting it and uploading it "
    "again into your project's folder. On the command line: `git mv`.",
)
PR_NOT_PROFILE_OWNER = code(
    "JAM330",
    "Only the person may change their profile",
    "`people/<github>.md` is a person's own profile: only the GitHub user it is named after (compared without "
    "regard to case), or a maintainer, may add, change, rename or delete it. A profile has no folder of "
    "attachments: link pictures and pages with https URLs under `links:`. Fix: take the file out of the pull "
    "request, or ask that person to open it; to write your own profile, run `jam new profile`.",
)


PR_NOT_SITE_ORGANIZER = code(
    "JAM340",
    "Only a site's organisers may change it",
    "`sites/<site>.md` belongs to the people in its `organizers` with a `github:` handle on the base branch "
    "(compared without regard to case), and to maintainers: only they may change, rename or delete it. "
    "Adding yourself to `organizers` in the same pull request grants nothing. Fix: ask one of its organisers "
    "to open the pull request, or to add you first.",
)
PR_SITE_AUTHOR_NOT_LISTED = code(
    "JAM341",
    "New site does not list its author",
    "Anyone may add a local site, as long as they list themselves as one of its `organizers` with their "
    "GitHub handle, so that they can edit it later. Fix: add `- {name: Your Name, github: your-handle}` "
    "to `organizers`.",
)
PR_SITE_SPRINT_CLOSED = code(
    "JAM342",
    "Sprint not open to new local sites",
    "A site may add or change its `hosts` entry for a sprint only while the sprint is upcoming or live, "
    "and only if the sprint (as on the base branch) exists and does not set `open_sites: false`. "
    "Fix: take the entry out, or ask a maintainer to add it.",
)
PR_SITE_FOLDER = code(
    "JAM343",
    "File outside a site's own file",
    "A local site is one file, `sites/<site>.md`: it has no folder of attachments. Fix: take the file out of "
    "the pull request; link pictures and pages with https URLs in the body or `url`.",
)


# --------------------------------------------------------------------------- pydantic

_BY_ERROR_TYPE = {
    "missing": MISSING,
    "extra_forbidden": UNKNOWN,
    "jam_slug": BAD_SLUG,
    "jam_datetime": BAD_DATE,
    "jam_date_order": DATE_ORDER,
    "jam_https": NOT_HTTPS,
    "jam_github": BAD_GITHUB,
    "jam_abstract": ABSTRACT_LONG,
    "jam_no_github": NO_GITHUB_MEMBER,
    "jam_country": BAD_COUNTRY,
    "jam_orcid": BAD_IDENTIFIER,
    "jam_license": BAD_IDENTIFIER,
    "jam_range": BAD_RANGE,
    "jam_timezone": BAD_TIMEZONE,
    "jam_contact": CONTACT_EMAIL,
    "jam_no_organizer_github": NO_GITHUB_ORGANIZER,
}


def for_error_type(error_type: str) -> Code:
    """The code for a pydantic validation error type; anything else is a type error."""
    return _BY_ERROR_TYPE.get(error_type, WRONG_TYPE)
