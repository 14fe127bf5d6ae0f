"""Finding 5: bodies are rendered under limits of size, nesting and time, in `jam check` and in the build.

Measured on main (this machine): 600 nested `<div markdown="1">` and 300 list levels end in RecursionError,
20 KB of '[' renders in 75 s. After: each is refused in well under the 2 s limit, or stopped at it.
"""

from __future__ import annotations

import pytest

from jamkit.checks.content.bodies import Unrenderable, convert
from tests.helpers import SUBMISSION

P = "submissions/demo-sprint/probing.md"

ATTACKS = {
    "600 nested divs": '<div markdown="1">\n' * 600 + "x\n" + "</div>\n" * 600,
    "300 list levels": "".join("    " * i + "- a\n" for i in range(300)),
    "500 nested quotes": ">" * 500 + " deep\n",
    "20 KB of brackets": "[" * 20_000,
    "a 300 KB body": "word " * 60_000,
    "a NUL byte": "before\0after",
}


@pytest.mark.parametrize("body", ATTACKS.values(), ids=ATTACKS.keys())
def test_a_body_that_cannot_be_rendered_is_a_diagnostic(demo_repo, jam_check, body: str) -> None:
    demo_repo.write(P, SUBMISSION + body)
    checked = jam_check(demo_repo)
    bad = checked.one("JAM040")  # a limit stopped the rendering: a count before it, or its own clock (TOO_SLOW)
    assert bad["path"] == P and bad["fix"]


def test_a_body_under_every_count_but_over_the_time_is_stopped_by_the_clock(demo_repo, jam_check, monkeypatch) -> None:
    """3,999 brackets pass the count; the clock stops them. The limit is made small here, so the verdict does not
    depend on this machine's speed (on a fast one the whole body may render within the real 2 s)."""
    from jamkit.checks.content import bodies as module

    monkeypatch.setattr(module, "MAX_SECONDS", 0.01)
    demo_repo.write(P, SUBMISSION + "[" * 3_999)
    bad = jam_check(demo_repo).one("JAM040")
    assert bad["path"] == P and "takes more than" in bad["message"] and bad["fix"]


def test_ordinary_writing_renders(demo_repo, jam_check) -> None:
    nested = "".join("    " * i + f"- level {i}\n" for i in range(8))
    body = "# Results\n\n" + nested + "\n> a quote\n\n[link](https://example.org) [^1]\n\n[^1]: A note.\n"
    demo_repo.write(P, SUBMISSION + body * 50)
    assert jam_check(demo_repo).diagnostics == []
    assert not isinstance(convert(body), Unrenderable)


def test_bodies_rendered_ahead_in_another_process_are_what_rendering_here_gives(monkeypatch) -> None:
    from jamkit.checks.content import bodies as module

    texts = [f"## Part {k}\n\nText with *emphasis* {k} and [a link](https://example.org/{k}).\n" for k in range(60)]
    texts += ["[" * (module.MAX_BRACKETS + 1), "- " * 40 + "deep\n"]
    here = [module.convert.__wrapped__(text) for text in texts]  # rendered in this process, no cache
    monkeypatch.setattr(module, "PARALLEL_FROM", 10)
    monkeypatch.setattr(module, "_RENDERED", {})
    assert module.render_ahead(texts, 2) == len(texts) - len(texts[::2])  # every other body went to the copy
    assert [module._RENDERED[t] for t in texts] == here
    assert isinstance(module._RENDERED[texts[-2]], Unrenderable)
    assert module.render_ahead(texts[:5], 2) == 0  # too few to be worth a process
