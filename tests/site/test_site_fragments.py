"""Material's navigation, tabs and header drawn once per state (``jamkit.site.fragments``) give the very bytes that
drawing them for every page gives."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from sitekit import EXAMPLE_NOW, ROOT, assert_same_site, build

from jamkit.site import fragments


def test_the_example_site_is_byte_identical_with_fragments_drawn_once_or_for_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709380800")
    monkeypatch.setenv("JAM_CACHE", "off")  # every page drawn by Material both times
    shared = build(ROOT, tmp_path / "shared", EXAMPLE_NOW)
    monkeypatch.setenv("JAM_FRAGMENTS", "off")
    every = build(ROOT, tmp_path / "every", EXAMPLE_NOW)
    assert_same_site(shared.root, every.root)
    project = (shared.root / "projects").rglob("index.html")
    assert 'class="md-nav md-nav--primary' in next(project).read_text(encoding="utf-8")


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
