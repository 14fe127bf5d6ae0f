"""Material's navigation, tabs and header drawn once per state (``jamkit.site.build.fragments``), and half of the
pages drawn by a second process (``jamkit.site.build.workers``), give the very bytes of
drawing everything here, for every page."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from jamkit.site.build import fragments
from tests.site.sitekit import EXAMPLE_NOW, ROOT, assert_same_site, build


def test_the_example_site_is_byte_identical_with_shared_fragments_and_two_processes_or_with_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two ways a clean build saves time (``site.fragments``, ``site.workers``) against a build with neither."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709380800")
    monkeypatch.setenv("JAM_CACHE", "off")  # every page drawn by Material both times
    monkeypatch.setenv("JAM_WORKERS", "2")
    fast = build(ROOT, tmp_path / "fast", EXAMPLE_NOW)
    assert re.search(r"a second process drew jamkit's HTML for \d+ of the pages", fast.log), fast.log
    monkeypatch.setenv("JAM_FRAGMENTS", "off")
    monkeypatch.setenv("JAM_WORKERS", "1")
    plain = build(ROOT, tmp_path / "plain", EXAMPLE_NOW)
    assert "second process" not in plain.log
    assert_same_site(fast.root, plain.root)
    project = next((fast.root / "projects").rglob("index.html")).read_text(encoding="utf-8")
    assert 'class="md-nav md-nav--primary' in project and "md-header__topic" in project


def _environment(names: tuple[str, ...]) -> tuple[jinja2.Environment, fragments.Fragments | None]:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "nav.html": '<a href="{{ "sprints/" | url }}">{{ title }}</a>{% if active %} active{% endif %}',
                "page.html": "{% include 'nav.html' %}|{{ body }}",
            }
        )
    )

    @jinja2.pass_context
    def url(context: jinja2.runtime.Context, value: str) -> str:
        return "../" * context["depth"] + value

    env.filters["url"] = url
    return env, fragments.install(env, names, lambda context: (context["active"],))


def test_a_fragment_is_drawn_once_per_state_and_its_links_are_filled_in_for_each_page() -> None:
    env, shared = _environment(("nav.html",))
    assert shared is not None
    page = env.get_template("page.html")
    first = page.render(title="Sprints", active=False, depth=2, body="one")
    second = page.render(title="Sprints", active=False, depth=0, body="two")
    third = page.render(title="Sprints", active=True, depth=1, body="three")
    assert first == '<a href="../../sprints/">Sprints</a>|one'
    assert second == '<a href="sprints/">Sprints</a>|two'
    assert third == '<a href="../sprints/">Sprints</a> active|three'
    assert shared.draws == 2  # one per state, not one per page


def test_page_text_cannot_forge_a_link_marker() -> None:
    """A marker carries a secret drawn for each build; text that looks like one is left as it is."""
    env, shared = _environment(("nav.html",))
    assert shared is not None
    forged = "\x02deadbeefdeadbeef:evil\x03"
    out = env.get_template("page.html").render(title=forged, active=False, depth=1, body="x")
    assert out == f'<a href="../sprints/">{forged}</a>|x'


def test_fragments_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAM_FRAGMENTS", "off")
    env, shared = _environment(("nav.html",))
    assert shared is None
    assert env.get_template("page.html").render(title="T", active=False, depth=1, body="x") == (
        '<a href="../sprints/">T</a>|x'
    )
