"""The jamkit plugin's settings in ``mkdocs.yml`` read into a ``Programme``, with a message per mistake.

``plugins: - jamkit: {name, tagline, introduction, organisation: {name, url},
contact, code_of_conduct, privacy, content_licence}``. Every value is checked
here, before anything is built, and a mistake names ``mkdocs.yml``, the line
and the fix, never a traceback. A page (``policies.md#code-of-conduct``) must
exist in ``docs/`` and becomes the URL MkDocs gives it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from jamkit.site.programme import DEFAULT_LICENCE, Organisation, Programme

SPDX_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")  # CC-BY-4.0, CC0-1.0, MIT, LicenseRef-Own-1.0


class OptionsInvalid(ValueError):
    """One or more settings cannot be used; the message says where and how to fix each."""


def read_programme(options: Mapping[str, Any], config: MkDocsConfig) -> Programme:
    """The programme's words from the plugin's settings, or ``OptionsInvalid`` naming each mistake."""
    where = _Where(config.config_file_path)
    problems: list[str] = []
    organisation = options.get("organisation") or {}

    def url(key: str, value: str, line_key: str | None = None) -> str:
        if value and not _https(value):
            problems.append(where.say(line_key or key, f"`{key}` must be an https URL (https://...), not {value!r}"))
        return value

    def page_or_url(key: str, value: str) -> str:
        if not value or _https(value):
            return value
        found = _page_url(value, Path(config.docs_dir), bool(config.use_directory_urls))
        if found is None:
            problems.append(
                where.say(key, f"`{key}` is {value!r}: neither an https URL nor a page of docs/ (e.g. policies.md)")
            )
            return ""
        return found

    licence = (options.get("content_licence") or DEFAULT_LICENCE).strip()
    programme = Programme(
        name=(options.get("name") or "").strip() or config.site_name,
        tagline=(options.get("tagline") or "").strip(),
        introduction=options.get("introduction") or "",
        organisation=Organisation(
            name=(organisation.get("name") or "").strip(),
            url=url("organisation.url", (organisation.get("url") or "").strip(), "url"),
        ),
        contact=url("contact", (options.get("contact") or "").strip()),
        code_of_conduct=page_or_url("code_of_conduct", (options.get("code_of_conduct") or "").strip()),
        privacy=page_or_url("privacy", (options.get("privacy") or "").strip()),
        content_licence=licence,
    )
    if not SPDX_ID.match(licence):
        problems.append(
            where.say("content_licence", f"`content_licence` is {licence!r}: write an SPDX id such as CC-BY-4.0")
        )
    if problems:
        raise OptionsInvalid("\n".join(problems))
    return programme


def _https(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.netloc)


def _page_url(value: str, docs: Path, directory_urls: bool) -> str | None:
    """``policies.md#privacy`` -> ``policies/#privacy`` (as MkDocs names it), if docs/ has the page."""
    path, _, anchor = value.partition("#")
    path = path.lstrip("/")
    if not path.endswith(".md") or ".." in Path(path).parts or not (docs / path).is_file():
        return None
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        url = stem.removesuffix("index")
    else:
        url = f"{stem}/" if directory_urls else f"{stem}.html"
    return url + (f"#{anchor}" if anchor else "")


class _Where:
    """The line of a setting in ``mkdocs.yml``: the first ``key:`` after the line naming jamkit."""

    def __init__(self, config_file: str | None) -> None:
        self.file = config_file or "mkdocs.yml"
        try:
            self.lines = Path(self.file).read_text(encoding="utf-8").splitlines()
        except OSError:
            self.lines = []
        self.start = next((i for i, line in enumerate(self.lines) if re.match(r"^\s*-?\s*jamkit\s*:", line)), 0)

    def say(self, key: str, message: str) -> str:
        name = key.rpartition(".")[2]
        pattern = re.compile(rf"^\s*{re.escape(name)}\s*:")
        found = next((i for i in range(self.start, len(self.lines)) if pattern.match(self.lines[i])), self.start)
        return f"{Path(self.file).name}:{found + 1}: jamkit: {message}"
