"""The GitHub stand-in: Prism serving GitHub's OpenAPI description, behind a small recording proxy.

Prism (``--errors``) answers every call with the description's example bodies and
rejects any request that breaks the contract (wrong path, method, body or media
type) with a 4xx/5xx, so the bot's calls are checked against GitHub's real API
description. Prism is stateless; the proxy in front of it forwards every request
to Prism unchanged and records it, and keeps just enough state (comments the bot
posted, labels; for ``jam github announce`` the tags, refs and releases made and
the pull requests a commit belongs to) to substitute the bodies of the answers
read back, built from Prism's own example objects. Where that state says a thing
does not exist, the proxy asks Prism for the description's own 404 answer
(``Prefer: code=404``), so the request is still checked. Nothing of GitHub is
mocked in Python.
"""

from __future__ import annotations

import copy
import http.client
import json
import re
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.github.payloads import WEBHOOKS as WEBHOOKS  # re-exported: the tests take payloads from here
from tests.github.payloads import pull_request_event as pull_request_event
from tests.github.shapes import shape

ROOT = Path(__file__).resolve().parents[2]
NODE = ROOT / "tests" / "node"
PRISM = NODE / "node_modules" / ".bin" / "prism"
SPEC = NODE / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
PRISM_START_TIMEOUT = 240.0  # about 50 s on a 2-core machine: it loads a 13 MB description
BOT_LOGIN = "github-actions[bot]"

# Timings the report and the lead engineer care about.
TIMINGS: dict[str, float] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
        conn.request("GET", "/zen")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


# --------------------------------------------------------------------------- the recording proxy


def _listed_commit(template: dict[str, Any], sha: str, author: str | None, committer: str | None) -> dict[str, Any]:
    """One commit of a pull request's list, from the description's example: GitHub's accounts, or null."""

    def account(login: str | None) -> dict[str, Any] | None:
        return None if login is None else {**(template.get("author") or {}), "login": login}

    return {**copy.deepcopy(template), "sha": sha, "author": account(author), "committer": account(committer)}


@dataclass
class Call:
    method: str
    path: str  # without the query
    query: str
    body: Any  # the JSON sent, or None
    status: int  # what the bot received
    injected: bool = False  # a fault the proxy answered itself (not forwarded)
    chosen: bool = False  # a 404 the proxy asked Prism for, because its state has no such thing


@dataclass
class Fault:
    """An answer the proxy gives instead of forwarding, e.g. a rate limit."""

    method: str
    path: re.Pattern[str]
    status: int
    headers: dict[str, str]
    body: dict[str, Any]
    times: int = 1


@dataclass
class StandInState:
    comments: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    issue_labels: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    repo_labels: dict[str, list[str]] = field(default_factory=dict)
    refs: dict[tuple[str, str], str] = field(default_factory=dict)  # (repo, refs/tags/x) -> sha
    tags: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (repo, sha) -> tag object
    releases: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (repo, tag) -> release
    commit_pulls: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # merged PRs of a commit
    auto_labels: dict[str, list[str]] = field(default_factory=dict)  # made by setting them on an issue (grey)
    permissions: dict[tuple[str, str], str] = field(default_factory=dict)  # (repo, login) -> admin/write/read...
    heads: dict[tuple[str, int], str] = field(default_factory=dict)  # (repo, pull request) -> its head commit
    # (repo, pull request) -> its commits, oldest first: (sha, author's account, committer's account)
    pull_commits: dict[tuple[str, int], list[tuple[str, str | None, str | None]]] = field(default_factory=dict)
    looks: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)  # label -> colour, description
    next_id: int = 9001


_ISSUE_COMMENTS = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/comments$")
_COMMENT = re.compile(r"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")
_ISSUE_LABELS = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/labels$")
_ISSUE_LABEL = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/labels/([^/]+)$")
_REPO_LABELS = re.compile(r"^/repos/([^/]+/[^/]+)/labels$")
_REPO_LABEL = re.compile(r"^/repos/([^/]+/[^/]+)/labels/([^/]+)$")
_PULL = re.compile(r"^/repos/([^/]+/[^/]+)/pulls/(\d+)$")
_PULL_COMMITS = re.compile(r"^/repos/([^/]+/[^/]+)/pulls/(\d+)/commits$")
_PERMISSION = re.compile(r"^/repos/([^/]+/[^/]+)/collaborators/([^/]+)/permission$")
_GIT_REF = re.compile(r"^/repos/([^/]+/[^/]+)/git/ref/([^/]+)$")  # the ref percent-encoded, one segment
_GIT_REFS = re.compile(r"^/repos/([^/]+/[^/]+)/git/refs$")
_GIT_TAGS = re.compile(r"^/repos/([^/]+/[^/]+)/git/tags$")
_GIT_TAG = re.compile(r"^/repos/([^/]+/[^/]+)/git/tags/([0-9a-f]{40})$")
_RELEASES = re.compile(r"^/repos/([^/]+/[^/]+)/releases$")
_RELEASE_BY_TAG = re.compile(r"^/repos/([^/]+/[^/]+)/releases/tags/([^/]+)$")
_COMMIT_PULLS = re.compile(r"^/repos/([^/]+/[^/]+)/commits/([0-9a-f]{40})/pulls$")


class StandIn:
    """Forwards to Prism, records every call, keeps comments and labels between calls."""

    def __init__(self, prism_url: str, bot_login: str = BOT_LOGIN) -> None:
        self.prism = urlsplit(prism_url)
        self.bot_login = bot_login
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.state = StandInState()
        # GitHub creates a label that does not exist when a request sets it on an issue
        # (grey, no description). With this set, the stand-in refuses instead (422, the
        # description's own answer), as GitHub does for a token that may not create labels.
        self.refuse_unknown_labels = False
        # The storm sends thousands of requests of a few shapes: with this set, Prism checks
        # each shape (method, path with numbers and commit ids as placeholders, the body's
        # keys and value types) once, and a repeat is answered with Prism's first answer.
        self.memo_shapes = False
        self._memo: dict[str, tuple[int, str, bytes]] = {}
        self.lock = threading.Lock()
        # Real example objects from the description, the shape of what the proxy adds to lists.
        self._template_comment = self._example("/repos/octocat/hello-world/issues/1/comments")
        self._template_label = self._example("/repos/octocat/hello-world/labels")
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _handle(self) -> None:
                stand_in.handle(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ helpers for tests

    def seed_comment(self, repo: str, number: int, body: str, login: str) -> int:
        """A comment already on the PR (e.g. a person's, or the bot's from an earlier run)."""
        with self.lock:
            comment = self._comment(repo, number, body, login, self._template_comment)
            self.state.comments.setdefault((repo, number), []).append(comment)
            return int(comment["id"])

    def edit_comment(self, comment_id: int, body: str) -> None:
        """What a maintainer's edit in the web UI does (GitHub then stores CRLF line ends)."""
        with self.lock:
            for comments in self.state.comments.values():
                for comment in comments:
                    if comment["id"] == comment_id:
                        comment["body"] = body.replace("\n", "\r\n")

    def comments(self, repo: str, number: int) -> list[dict[str, Any]]:
        return self.state.comments.get((repo, number), [])

    def issue_labels(self, repo: str, number: int) -> list[str]:
        return self.state.issue_labels.get((repo, number), [])

    def push(self, repo: str, number: int, sha: str) -> None:
        """A push to a pull request: ``GET .../pulls/{n}`` names ``sha`` as its head from now on."""
        with self.lock:
            self.state.heads[(repo, number)] = sha

    def commits(self, repo: str, number: int, *commits: tuple[str, str | None, str | None]) -> None:
        """A pull request's commits as GitHub lists them: (sha, author's account, committer's), None for none."""
        with self.lock:
            self.state.pull_commits[(repo, number)] = list(commits)

    def link_commit(self, repo: str, sha: str, *numbers: int) -> None:
        """What GitHub knows and git does not: the merged pull requests a commit belongs to (none: no PR)."""
        with self.lock:
            self.state.commit_pulls[(repo, sha)] = list(numbers)

    def tag_of(self, repo: str, name: str) -> dict[str, Any] | None:
        """The annotated tag object ``refs/tags/<name>`` points at, as made through the API."""
        sha = self.state.refs.get((repo, f"refs/tags/{name}"))
        return self.state.tags.get((repo, sha)) if sha else None

    def release(self, repo: str, tag: str) -> dict[str, Any] | None:
        return self.state.releases.get((repo, tag))

    def repo_labels(self, repo: str) -> list[str]:
        return self.state.repo_labels.get(repo, [])

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.method != "GET"]

    def find(self, method: str, pattern: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and re.search(pattern, c.path)]

    def rejected(self) -> list[Call]:
        """Calls Prism refused (a broken contract) -- the injected faults excluded."""
        return [c for c in self.calls if c.status >= 400 and not c.injected and not c.chosen]

    def inject(self, method: str, path: str, status: int, headers: dict[str, str], body: dict[str, Any]) -> None:
        self.faults.append(Fault(method, re.compile(path), status, headers, body))

    # ------------------------------------------------------------------ the proxy

    def _comment(self, repo: str, number: int, body: str, login: str, template: dict[str, Any]) -> dict[str, Any]:
        comment = copy.deepcopy(template)
        comment_id = self.state.next_id
        self.state.next_id += 1
        comment.update(
            id=comment_id,
            body=body,
            url=f"{self.url}/repos/{repo}/issues/comments/{comment_id}",
            html_url=f"https://github.com/{repo}/pull/{number}#issuecomment-{comment_id}",
            issue_url=f"{self.url}/repos/{repo}/issues/{number}",
        )
        kind = "Bot" if login.endswith("[bot]") else "User"
        comment["user"] = {**comment.get("user", {}), "login": login, "type": kind}
        return comment

    def _label(self, repo: str, name: str) -> dict[str, Any]:
        label = copy.deepcopy(self._template_label)
        label.update(name=name, url=f"{self.url}/repos/{repo}/labels/{name}")
        if look := self.state.looks.get((repo, name.lower())):
            label.update(color=look[0], description=look[1])
        return label

    def label_look(self, repo: str, name: str) -> tuple[str, str | None] | None:
        """A label's colour and description as the repository has them (None: as Prism's example has it)."""
        return self.state.looks.get((repo, name.lower()))

    def _example(self, path: str) -> dict[str, Any]:
        status, _, answer = self._forward("GET", path, b"", {"Accept": "application/json"})
        assert status == 200, f"Prism answered {status} for GET {path}"
        return json.loads(answer)[0]

    def _forward(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str, bytes]:
        if not self.memo_shapes:
            return self._ask_prism(method, path, body, headers)
        key = shape(method, path, body, headers.get("Prefer", ""))
        if key not in self._memo:
            self._memo[key] = self._ask_prism(method, path, body, headers)
        return self._memo[key]

    def _ask_prism(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str, bytes]:
        conn = http.client.HTTPConnection(self.prism.hostname or "127.0.0.1", self.prism.port, timeout=60)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.getheader("Content-Type", "application/json"), answer.read()
        finally:
            conn.close()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        parts = urlsplit(request.path)
        path, query = parts.path, parts.query
        try:
            sent = json.loads(raw) if raw else None
        except ValueError:
            sent = None
        with self.lock:
            fault = next((f for f in self.faults if f.method == request.command and f.path.search(path)), None)
            if fault is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                self.calls.append(Call(request.command, path, query, sent, fault.status, injected=True))
        if fault is not None:
            self._reply(request, fault.status, "application/json", json.dumps(fault.body).encode(), fault.headers)
            return
        kept = ("authorization", "content-type", "user-agent", "accept")
        headers = {k: v for k, v in request.headers.items() if k.lower() in kept}
        with self.lock:
            prefer = self._prefer(request.command, path, sent)
        if prefer:
            headers["Prefer"] = prefer
        status, ctype, answer = self._forward(request.command, request.path, raw, headers)
        with self.lock:
            if status < 400:
                answer = self._substitute(request.command, path, sent, status, answer)
            chosen = prefer.startswith("code=4") and status == int(prefer[5:])
            self.calls.append(Call(request.command, path, query, sent, status, chosen=chosen))
        self._reply(request, status, ctype, answer, {})

    def _reply(
        self, request: BaseHTTPRequestHandler, status: int, ctype: str, body: bytes, headers: dict[str, str]
    ) -> None:
        # Prism's generic `Link` example points at /resource?page=2; the lists served here are one page.
        request.send_response(status)
        request.send_header("Content-Type", ctype)
        request.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(body)

    def known_labels(self, repo: str) -> set[str]:
        """Labels the repository has: Prism's examples, those created, those GitHub made when set."""
        made = self.state.repo_labels.get(repo, []) + self.state.auto_labels.get(repo, [])
        return {"bug", "enhancement", *(name.lower() for name in made)}

    def _prefer(self, method: str, path: str, sent: Any = None) -> str:
        """Which of the description's answers to ask Prism for: a 404 for what the state does not hold.

        ``commits/{sha}/pulls`` and ``collaborators/{user}/permission`` ask for a generated
        answer: the description's own examples for them fail their own schema (Prism
        --errors refuses to serve them); the state then sets what matters.
        """
        if method in ("POST", "PUT") and (m := _ISSUE_LABELS.match(path)) and self.refuse_unknown_labels:
            names = [n if isinstance(n, str) else n.get("name") for n in (sent or {}).get("labels", [])]
            return "code=422" if any(str(n).lower() not in self.known_labels(m.group(1)) for n in names) else ""
        if method != "GET":
            return ""
        if m := _PULL.match(path):  # the description's example fails its own schema: a generated one
            return "dynamic=true" if (m.group(1), int(m.group(2))) in self.state.heads else "code=404"
        if m := _GIT_REF.match(path):
            return "" if (m.group(1), "refs/" + unquote(m.group(2))) in self.state.refs else "code=404"
        if m := _GIT_TAG.match(path):
            return "" if (m.group(1), m.group(2)) in self.state.tags else "code=404"
        if m := _RELEASE_BY_TAG.match(path):
            return "" if (m.group(1), unquote(m.group(2))) in self.state.releases else "code=404"
        if _COMMIT_PULLS.match(path) or _PERMISSION.match(path):
            return "dynamic=true"
        return ""

    def _new_sha(self) -> str:
        self.state.next_id += 1
        return f"{self.state.next_id:040x}"

    def _substitute_git(self, method: str, path: str, sent: Any, data: Any) -> Any:
        """Tags, refs, releases and a commit's pull requests, as ``jam github announce`` makes and reads them."""
        state = self.state
        if (m := _GIT_TAGS.match(path)) and method == "POST" and isinstance(data, dict):
            tag = {**data, "sha": self._new_sha(), "tag": sent["tag"], "message": sent["message"]}
            tag["object"] = {**data.get("object", {}), "sha": sent["object"], "type": sent["type"]}
            state.tags[(m.group(1), tag["sha"])] = tag
            return tag
        if (m := _GIT_TAG.match(path)) and isinstance(data, dict):
            return state.tags[(m.group(1), m.group(2))]
        if (m := _GIT_REFS.match(path)) and method == "POST" and isinstance(data, dict):
            kind = "tag" if (m.group(1), sent["sha"]) in state.tags else "commit"
            state.refs[(m.group(1), sent["ref"])] = sent["sha"]
            return {**data, "ref": sent["ref"], "object": {**data.get("object", {}), "sha": sent["sha"], "type": kind}}
        if (m := _GIT_REF.match(path)) and isinstance(data, dict):
            ref = "refs/" + unquote(m.group(2))
            sha = state.refs[(m.group(1), ref)]
            kind = "tag" if (m.group(1), sha) in state.tags else "commit"
            return {**data, "ref": ref, "object": {**data.get("object", {}), "sha": sha, "type": kind}}
        if (m := _RELEASES.match(path)) and method == "POST" and isinstance(data, dict):
            release = {**data, **{k: sent[k] for k in ("tag_name", "name", "body") if k in sent}}
            state.releases[(m.group(1), sent["tag_name"])] = release
            return release
        if (m := _RELEASE_BY_TAG.match(path)) and isinstance(data, dict):
            return state.releases[(m.group(1), unquote(m.group(2)))]
        if (m := _COMMIT_PULLS.match(path)) and isinstance(data, list):
            numbers = state.commit_pulls.get((m.group(1), m.group(2)), [])
            template = data[0] if data else {}
            return [{**template, "number": n, "state": "closed", "merged_at": "2025-01-20T10:00:00Z"} for n in numbers]
        return None

    def grant(self, repo: str, login: str, permission: str) -> None:
        """A person's permission on the repository as GitHub reports it (everyone else: read)."""
        self.state.permissions[(repo, login)] = permission

    def _substitute(self, method: str, path: str, sent: Any, status: int, answer: bytes) -> bytes:
        """Keep the state Prism cannot: the bot's comments, the labels, people's permissions."""
        try:
            data = json.loads(answer) if answer else None
        except ValueError:
            return answer
        state = self.state
        if (m := _PERMISSION.match(path)) and method == "GET" and isinstance(data, dict):
            permission = state.permissions.get((m.group(1), unquote(m.group(2))), "read")
            user = {**(data.get("user") or {}), "login": unquote(m.group(2))}
            return json.dumps({**data, "permission": permission, "role_name": permission, "user": user}).encode()
        if (m := _PULL_COMMITS.match(path)) and method == "GET" and isinstance(data, list) and data:
            listed = state.pull_commits.get((m.group(1), int(m.group(2))))
            if listed is not None:
                return json.dumps([_listed_commit(data[0], *commit) for commit in listed]).encode()
        if (m := _PULL.match(path)) and method == "GET" and isinstance(data, dict):
            number = int(m.group(2))
            head = {**(data.get("head") or {}), "sha": state.heads[(m.group(1), number)]}
            return json.dumps({**data, "number": number, "state": "open", "head": head}).encode()
        if (made := self._substitute_git(method, path, sent, data)) is not None:
            return json.dumps(made).encode()
        if m := _ISSUE_COMMENTS.match(path):
            key = (m.group(1), int(m.group(2)))
            if method == "GET" and isinstance(data, list):
                return json.dumps(data + state.comments.get(key, [])).encode()
            if method == "POST" and isinstance(data, dict):
                comment = self._comment(key[0], key[1], sent["body"], self.bot_login, data)
                state.comments.setdefault(key, []).append(comment)
                return json.dumps(comment).encode()
        if (m := _COMMENT.match(path)) and method == "PATCH":
            for comment in (c for cs in state.comments.values() for c in cs if c["id"] == int(m.group(2))):
                comment["body"] = sent["body"]
                return json.dumps(comment).encode()
        if m := _ISSUE_LABELS.match(path):
            key = (m.group(1), int(m.group(2)))
            if key not in state.issue_labels and isinstance(data, list):
                state.issue_labels[key] = [label["name"] for label in data]  # Prism's example: bug, enhancement
            if method in ("POST", "PUT") and isinstance(sent, dict):
                names = [n if isinstance(n, str) else n.get("name") for n in sent.get("labels", [])]
                current = [] if method == "PUT" else state.issue_labels.get(key, [])
                state.issue_labels[key] = current + [n for n in names if n not in current]
                known = self.known_labels(key[0])
                made = [n for n in names if n.lower() not in known]
                state.auto_labels.setdefault(key[0], []).extend(made)
                state.looks.update({(key[0], n.lower()): ("ededed", None) for n in made})  # grey, no description
            return json.dumps([self._label(key[0], n) for n in state.issue_labels.get(key, [])]).encode()
        if (m := _ISSUE_LABEL.match(path)) and method == "DELETE":
            key = (m.group(1), int(m.group(2)))
            name = unquote(m.group(3))
            state.issue_labels[key] = [n for n in state.issue_labels.get(key, []) if n != name]
            return json.dumps([self._label(key[0], n) for n in state.issue_labels[key]]).encode()
        if m := _REPO_LABELS.match(path):
            repo = m.group(1)
            if method == "GET" and isinstance(data, list):
                known = {label["name"] for label in data}
                made = dict.fromkeys(state.repo_labels.get(repo, []) + state.auto_labels.get(repo, []))
                return json.dumps(data + [self._label(repo, n) for n in made if n not in known]).encode()
            if method == "POST" and isinstance(sent, dict):
                state.repo_labels.setdefault(repo, []).append(sent["name"])
                state.looks[(repo, sent["name"].lower())] = (sent.get("color", ""), sent.get("description"))
                return json.dumps({**(data or {}), "name": sent["name"], "color": sent.get("color", "")}).encode()
        if (m := _REPO_LABEL.match(path)) and method == "PATCH" and isinstance(sent, dict):
            repo, name = m.group(1), unquote(m.group(2))
            before = state.looks.get((repo, name.lower()), ("", None))
            state.looks[(repo, name.lower())] = (sent.get("color", before[0]), sent.get("description", before[1]))
            return json.dumps(self._label(repo, name)).encode()
        return answer
