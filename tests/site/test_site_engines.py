"""The site's engine can change: ProperDocs, MkDocs' drop-in successor, builds the same site (docs/engines.md)."""

from __future__ import annotations

import re

from pytest import TempPathFactory

from tests.helpers import example_root
from tests.site.sitekit import EXAMPLE_NOW, Site, assert_same_site, build

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')  # names the engine: the one line allowed to differ


def _same(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator">', data)


def test_properdocs_builds_the_same_pages_as_mkdocs(example_site: Site, tmp_path_factory: TempPathFactory) -> None:
    proper = build(example_root(), tmp_path_factory.mktemp("properdocs") / "site", EXAMPLE_NOW, engine="properdocs")
    assert b"ProperDocs" in proper.file("").read_bytes()  # it was really ProperDocs that drew the pages
    assert b"ProperDocs" not in example_site.file("").read_bytes()
    for url in ("", "sprints/", "projects/evals-sprint-2026/eval-awareness-canaries/", "stats/", "submit/"):
        assert proper.content(url).text == example_site.content(url).text, url
    assert_same_site(proper.root, example_site.root, _same)
