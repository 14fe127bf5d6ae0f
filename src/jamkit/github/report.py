"""What the bot says about a pull request, computed from the verdict of ``jam check --pr`` (``jamkit.core.verdict``).

Pure functions only (no network, no PyGithub), so the whole text of the comment,
the labels and the commit status are decided here and tested offline; ``bot``
only carries the result to GitHub.

The verdict is produced by trusted code, but it quotes untrusted text: file
names, YAML values and messages that echo them. Everything taken from it goes
through ``jamkit.github.markdown.inert`` before it reaches the comment, so a
crafted file name cannot ping ``@org/team``, cross-reference ``GH-12``, embed
an image or inject HTML through the bot's voice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from jamkit.core import i18n
from jamkit.core.codes import CODES
from jamkit.core.i18n import N_, _, ngettext
from jamkit.core.model.types import SLUG_RE
from jamkit.core.verdict import Change, Outcome, Problem, Verdict
from jamkit.github.markdown import inert

# The hidden first line of the bot's comment. It carries a hash of the rest of
# the body so that a later run can tell whether a person edited the comment, and
# (v2) the bot's own state, so that a later run needs no request to know it: the
# bot labels it last set and a key of the verdict the comment shows. The hash
# covers that state too, so a person editing the marker makes it "edited".
BOT_MARKER = "<!-- jamkit-bot"
_MARKER_RE = re.compile(
    r"\A<!-- jamkit-bot (?:v1|v2 (labels=[a-z0-9:,-]* key=[0-9a-f]{16})) sha256=([0-9a-f]{64}) -->\n"
)

STATUS_CONTEXT = "jam/verified"
STATUS_DESCRIPTION_MAX = 140  # GitHub rejects longer commit-status descriptions
COMMENT_MAX = 60_000  # GitHub's limit is 65,536 characters; keep a margin
MAX_ROWS = 50  # problems listed in the comment; the rest are counted
MESSAGE_MAX = 300  # characters of one quoted message
FIX_MAX = 500  # a fix may name a path and say both ways, in the browser and on the command line

SPRINT_PREFIX = "sprint:"
# The one install instruction for teams, as README.md and docs/submit.md give it.
CHECK_LOCALLY = N_("in a clone of the repository run `scripts/bootstrap && source .venv/bin/activate`")
LABEL_NAME_MAX = 50  # GitHub's limit on label names


@dataclass(frozen=True)
class LabelSpec:
    color: str
    description: str


# The labels the bot owns: it adds and removes these, and never touches others.
LABELS: dict[str, LabelSpec] = {
    "submission": LabelSpec("1d76db", "Adds or changes a project submission"),
    "ready": LabelSpec("0e8a16", "jam check passes; waiting for a maintainer"),
    "needs-changes": LabelSpec("d93f0b", "jam check found problems; see the bot's comment"),
    "late": LabelSpec("fbca04", "Changed after the sprint's submission deadline"),
    "not-open": LabelSpec("c5def5", "The sprint has not opened for submissions yet"),
    "maintainer-review": LabelSpec("b60205", "Touches files outside submissions/; a maintainer must review"),
}
SPRINT_LABEL_COLOR = "5319e7"

_SHA_RE = re.compile(r"^[0-9a-f]{40}$")
_CODE_RE = re.compile(r"^[A-Z]{3}[0-9]{3}$")


# --------------------------------------------------------------------------- labels and status


def sprint_label(slug: str) -> str:
    return (SPRINT_PREFIX + slug)[:LABEL_NAME_MAX]


def is_bot_label(name: str) -> bool:
    """Labels the bot manages (and may therefore remove); every other label belongs to people."""
    return name.lower() in LABELS or name.lower().startswith(SPRINT_PREFIX)


def label_spec(name: str) -> LabelSpec:
    if name in LABELS:
        return LABELS[name]
    return LabelSpec(SPRINT_LABEL_COLOR, f"Project of the sprint {name.removeprefix(SPRINT_PREFIX)}"[:100])


def labels_for(verdict: Verdict) -> frozenset[str]:
    """The bot's labels this verdict calls for (any other bot label on the PR is stale)."""
    change = verdict.change or Change()  # a check of files, not of a pull request, changes nothing
    outcome = verdict.outcome
    wanted = {"needs-changes"} if outcome == "needs-changes" else {"not-open"} if outcome == "not-open" else set()
    if outcome in ("ready", "maintainer-review", "nothing"):
        wanted.add("ready")
    if change.projects:
        wanted.add("submission")
    # Slugs come from file names; one that is not a slug is reported as a problem, not labelled.
    wanted.update(sprint_label(s) for s in change.sprints if SLUG_RE.match(s))
    if change.late:
        wanted.add("late")
    if change.protected:
        wanted.add("maintainer-review")
    return frozenset(wanted)


def status_for(verdict: Verdict) -> tuple[Literal["success", "failure", "pending"], str]:
    """State and one-line description (at most 140 characters) of the ``jam/verified`` commit status.

    Late and not-yet-open pull requests are ``pending``: nothing is wrong that the team could fix.
    """
    files = _files(verdict.checked)
    if verdict.outcome == "late":
        return "pending", _("Late: waiting for the organisers to decide whether to accept it")
    if verdict.outcome == "not-open":
        return "pending", _("Not yet open: the sprint has not started; push again once it opens")
    warnings = len(verdict.problems) - len(verdict.errors)
    if verdict.passed:
        text = _("Ready: %(files)s checked, no problems") % {"files": files}
        if warnings:
            text = _("Ready: %(files)s checked, %(warnings)s") % {"files": files, "warnings": _warnings(warnings)}
        if verdict.change and verdict.change.protected:
            text += _("; maintainer review needed")
        return "success", text[:STATUS_DESCRIPTION_MAX]
    in_files = _files(len({p.path for p in verdict.errors}))
    text = _("%(errors)s in %(files)s: see the bot's comment on the pull request") % {
        "errors": _errors(len(verdict.errors)),
        "files": in_files,
    }
    return "failure", text[:STATUS_DESCRIPTION_MAX]


def _files(n: int) -> str:
    return ngettext("%(num)s file", "%(num)s files", n) % {"num": n}


def _errors(n: int) -> str:
    return ngettext("%(num)s error", "%(num)s errors", n) % {"num": n}


def _warnings(n: int) -> str:
    return ngettext("%(num)s warning", "%(num)s warnings", n) % {"num": n}


# --------------------------------------------------------------------------- escaping


def _code_span(text: str) -> str:
    """A known-safe identifier (slug, label) as inline code."""
    return "`" + text.replace("`", "") + "`"


# --------------------------------------------------------------------------- the comment


def normalize(body: str) -> str:
    """Comment text as compared and hashed: GitHub may store edits with CRLF and trim the ends."""
    return body.replace("\r\n", "\n").replace("\r", "\n").strip()


def _digest(content: str) -> str:
    return hashlib.sha256(normalize(content).encode("utf-8")).hexdigest()


def _state(labels: frozenset[str] | tuple[str, ...], key: str) -> str:
    names = sorted(
        {name.lower() for name in labels if is_bot_label(name) and re.fullmatch(r"[a-z0-9:-]+", name.lower())}
    )
    return f"labels={','.join(names)} key={key}"


def sign(content: str, labels: frozenset[str] | tuple[str, ...] = (), key: str = "0" * 16) -> str:
    """Prefix the comment with the hidden marker: the bot's state and a hash of state and content."""
    content = normalize(content)
    state = _state(labels, key)
    return f"<!-- jamkit-bot v2 {state} sha256={_digest(state + chr(10) + content)} -->\n{content}\n"


@dataclass(frozen=True)
class Marker:
    """What the marker of an intact comment of the bot says: the bot labels last set, the verdict's key."""

    labels: frozenset[str]
    key: str  # "" for a v1 comment, which recorded no state


def read_marker(body: str | None) -> Marker | None:
    """The state recorded in an intact marker; None when the comment was edited or has no marker."""
    text = normalize(body or "") + "\n"
    found = _MARKER_RE.match(text)
    if not found:
        return None
    state, digest = found.group(1), found.group(2)
    content = text[found.end() :]
    if _digest(content if state is None else state + "\n" + normalize(content)) != digest:
        return None
    if state is None:
        return Marker(frozenset(), "")
    labels, key = (part.split("=", 1)[1] for part in state.split(" "))
    return Marker(frozenset(name for name in labels.split(",") if name), key)


def marker_state(body: str | None) -> Literal["intact", "edited", "absent"]:
    """Whether a comment carries the bot's marker, and whether its text is still what the bot wrote."""
    if read_marker(body) is not None:
        return "intact"
    return "edited" if normalize(body or "").startswith(BOT_MARKER) else "absent"


@dataclass(frozen=True)
class Context:
    """Where the comment's links point; all of it comes from GitHub's event and environment, not from the PR."""

    repo: str
    head_sha: str
    server_url: str = "https://github.com"
    docs_url: str = ""  # the rules reference; each code links to an anchor in it
    run_url: str = ""
    language: str = i18n.ENGLISH  # `theme.language` of the repository's mkdocs.yml: the comment's language

    @property
    def rules_url(self) -> str:
        return self.docs_url or f"{self.server_url}/{self.repo}/blob/HEAD/docs/rules.md"


def _file_link(problem: Problem, ctx: Context) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    label = inert(where, 120)
    if not problem.path or not _SHA_RE.match(ctx.head_sha):
        return label
    url = f"{ctx.server_url}/{ctx.repo}/blob/{ctx.head_sha}/{quote(problem.path, safe='/')}"
    if problem.line:
        url += f"#L{problem.line}"
    return f"[{label}]({url})"


def rule_anchor(code: str) -> str:
    """The heading id of a code in docs/rules.md (``### JAM101 Required field missing``)."""
    return CODES[code].anchor if code in CODES else code.lower()


def _code_link(code: str, ctx: Context) -> str:
    if not _CODE_RE.match(code):
        return inert(code, 20)
    return f"[{code}]({ctx.rules_url}#{rule_anchor(code)})"


def _problem_table(verdict: Verdict, ctx: Context) -> list[str]:
    problems = verdict.problems
    rows = [_("| | File | Code | Problem | How to fix |"), "|---|---|---|---|---|"]
    for p in sorted(problems, key=lambda p: (p.severity != "error", p.path, p.line, p.col, p.code))[:MAX_ROWS]:
        icon = "⏳" if verdict.waits(p) else "❌" if p.severity == "error" else "⚠️"
        rows.append(
            f"| {icon} | {_file_link(p, ctx)} | {_code_link(p.code, ctx)} | {inert(p.message, MESSAGE_MAX)} "
            f"| {inert(p.fix, FIX_MAX) if p.fix else ''} |"
        )
    if len(problems) > MAX_ROWS:
        more = _("…and %(more)s more. Run `jam check` locally to see them all.") % {"more": len(problems) - MAX_ROWS}
        rows += ["", more]
    return rows


def _touches(change: Change) -> str:
    parts = []
    if change.projects:
        shown = ", ".join(inert(p, 140) for p in change.projects[:10])
        more = _(" and %(more)s more") % {"more": len(change.projects) - 10} if len(change.projects) > 10 else ""
        count = len(change.projects)
        parts.append(ngettext("project %(names)s", "projects %(names)s", count) % {"names": shown + more})
    sprints = [s for s in change.sprints if SLUG_RE.match(s)]
    if sprints:
        names = ", ".join(_code_span(s) for s in sprints[:10])
        parts.append(ngettext("sprint %(names)s", "sprints %(names)s", len(sprints)) % {"names": names})
    return _("**This pull request touches** %(what)s.") % {"what": " · ".join(parts)} if parts else ""


_HEADINGS: dict[Outcome, str] = {
    "ready": N_("✅ jam check: ready for review"),
    "nothing": N_("✅ jam check: ready for review"),
    "maintainer-review": N_("🔒 jam check: passes, waiting for a maintainer's review"),
    "needs-changes": N_("✋ jam check: some changes needed"),
    "late": N_("⏰ jam check: late, waiting for the organisers"),
    "not-open": N_("⏳ jam check: the sprint is not open yet"),
}


def _next_steps(outcome: Outcome, ctx: Context) -> list[str]:
    """What happens next, for the people who act next; a browser user can fix everything in the browser."""
    if outcome == "late":
        return [
            _("- The organisers look at late pull requests and either merge this one or close it with a note."),
            _("- You may still improve your project: each push is checked again and this comment is updated."),
        ]
    if outcome == "not-open":
        return [_("- Once the sprint starts, push again (or ask a maintainer to re-run the check).")]
    if outcome == "maintainer-review":
        return [
            _("- A maintainer reviews the protected files, then merges it; the site is rebuilt after every merge."),
        ]
    if outcome != "needs-changes":
        return [
            _("- A maintainer reviews and merges it; the site is rebuilt after every merge."),
            _("- You can keep pushing to this branch: each push is checked again and this comment is updated."),
        ]
    return [
        _("- Fix the problems above; each code links to its explanation in the rules reference."),
        _(
            "- **In the browser:** open the **Files changed** tab, choose *Edit file* from the file's `⋯` menu, "
            "fix it and *Commit changes* to the same branch; the check runs again by itself."
        ),
        _("- **On the command line:** %(install)s, then `jam check` before you push.") % {"install": _(CHECK_LOCALLY)},
        _("- Once the check passes, `needs-changes` becomes `ready` and a maintainer reviews your pull request."),
    ]


def render_comment(verdict: Verdict, ctx: Context, *, replaces_edited: bool = False) -> str:
    """The full comment (marker included): summary, problems, what happens next, in ``ctx.language``."""
    return sign(_content(verdict, ctx, replaces_edited=replaces_edited), labels_for(verdict), verdict_key(verdict, ctx))


def verdict_key(verdict: Verdict, ctx: Context) -> str:
    """What makes the comment change: its text without the commit and the run (16 hex digits).

    Two pushes with the same problems give the same key, so the second leaves the comment alone.
    """
    neutral = Context(
        repo=ctx.repo, head_sha="", server_url=ctx.server_url, docs_url=ctx.docs_url, language=ctx.language
    )
    return _digest(_content(verdict, neutral))[:16]


def _content(verdict: Verdict, ctx: Context, *, replaces_edited: bool = False) -> str:
    """The comment's text without the marker, in the language of the repository's site."""
    with i18n.speaking(ctx.language):
        return _worded(verdict, ctx, replaces_edited=replaces_edited)


def _worded(verdict: Verdict, ctx: Context, *, replaces_edited: bool) -> str:
    change = verdict.change or Change()
    outcome = verdict.outcome
    intro = _("Thanks for your submission!") if change.projects else _("Thanks for your pull request!")
    lines: list[str] = ["## " + _(_HEADINGS[outcome]), ""]
    if outcome == "late":
        lines.append(
            intro
            + " "
            + _(
                "It arrived after the sprint's submission deadline, so it is **waiting for the organisers**: "
                "they decide whether late work is accepted. There is nothing for you to fix or push."
            )
        )
    elif outcome == "not-open":
        lines.append(
            intro
            + " "
            + _(
                "The sprint has **not opened for submissions yet**, so there is nothing to fix: "
                "once it opens, push again (any commit) or ask a maintainer to re-run the check."
            )
        )
    elif verdict.passed:
        warnings = len(verdict.problems)
        checked = {"intro": intro, "files": _files(verdict.checked), "warnings": _warnings(warnings)}
        if warnings:
            lines.append(_("%(intro)s Everything checks out: %(files)s checked, %(warnings)s worth a look.") % checked)
        else:
            lines.append(_("%(intro)s Everything checks out: %(files)s checked, no problems found.") % checked)
    else:
        errors = len(verdict.to_fix)
        files = len({p.path for p in verdict.problems})
        others = len(verdict.problems) - len(verdict.errors)
        found = {"intro": intro, "errors": _errors(errors), "warnings": _warnings(others), "files": _files(files)}
        if others:
            text = _("%(intro)s `jam check` found **%(errors)s** to fix and %(warnings)s in %(files)s.") % found
        else:
            text = _("%(intro)s `jam check` found **%(errors)s** to fix in %(files)s.") % found
        lines.append(text + " " + _("Please fix them and push again: I check every push and update this comment."))
    touches = _touches(change)
    if touches:
        lines += ["", touches]
    if change.late and outcome != "late":
        lines += [
            "",
            _(
                "> ⏰ **Late:** this arrived after the sprint's submission deadline. "
                "Maintainers decide whether late work is accepted; the pull request keeps the `late` label."
            ),
        ]
    if change.protected:
        lines += [
            "",
            _(
                "> 🔒 **Maintainer review:** this pull request changes files outside `submissions/` "
                "(site code, workflows or configuration), so a maintainer must review it before it can be merged."
            ),
        ]
    if verdict.problems:
        lines += ["", *_problem_table(verdict, ctx)]
    lines += ["", _("### What happens next"), "", *_next_steps(outcome, ctx)]
    if replaces_edited:
        lines += ["", _("> ℹ️ My earlier comment was edited by someone, so I left it as it is and wrote this new one.")]
    # A later push with the same verdict leaves the comment as it is (one write
    # fewer per push), so the footer names the commit the verdict was first found at.
    where = {"commit": ctx.head_sha[:12], "status": STATUS_CONTEXT, "rules": ctx.rules_url, "run": ctx.run_url}
    if _SHA_RE.match(ctx.head_sha):
        footer = _(
            "Verdict of commit `%(commit)s` by `jam check --pr`, kept while later pushes give the same one "
            "(each commit's own result is its `%(status)s` status) · [rules reference](%(rules)s)"
        )
    else:
        footer = _(
            "Verdict by `jam check --pr`, kept while later pushes give the same one "
            "(each commit's own result is its `%(status)s` status) · [rules reference](%(rules)s)"
        )
    if ctx.run_url:
        footer += _(" · [workflow run](%(run)s)")
    footer = footer % where
    lines += ["", f"<sub>{footer}</sub>"]
    body = "\n".join(lines)
    if len(body) > COMMENT_MAX:  # cannot happen with MAX_ROWS and MESSAGE_MAX; a last guard
        body = body[:COMMENT_MAX] + "\n\n…(truncated)"
    return body


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True)
class Report:
    """Everything the bot will set on the pull request, decided before any API call."""

    labels: frozenset[str]
    state: Literal["success", "failure", "pending"]  # pending: late, or the sprint not yet open
    description: str
    body: str  # the sticky comment, its marker recording ``labels`` as set
    body_replacing_edited: str  # the same, as a fresh comment beside one a person edited
    key: str = ""  # the verdict's key (``verdict_key``): equal keys, equal comment apart from the commit
    content: str = ""  # ``body`` without the marker
    content_replacing_edited: str = ""

    def signed(self, labels: frozenset[str], *, replacing_edited: bool = False) -> str:
        """The comment with a marker recording ``labels`` (the bot labels really on the PR, if not all set)."""
        return sign(self.content_replacing_edited if replacing_edited else self.content, labels, self.key)


def build_report(verdict: Verdict, ctx: Context) -> Report:
    with i18n.speaking(ctx.language):  # the commit status in the comment's language
        state, description = status_for(verdict)
    labels = labels_for(verdict)
    key = verdict_key(verdict, ctx)
    content = _content(verdict, ctx)
    content_edited = _content(verdict, ctx, replaces_edited=True)
    return Report(
        labels=labels,
        state=state,
        description=description,
        body=sign(content, labels, key),
        body_replacing_edited=sign(content_edited, labels, key),
        key=key,
        content=content,
        content_replacing_edited=content_edited,
    )
