"""`jam new site`: a local site's file from flags or answers, valid as written, hosting the sprints named."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jamkit.cli.commands import new as new_command
from jamkit.files.load import load_catalog
from tests.helpers import Repo

Jam = Callable[..., tuple[int, str, str]]
FLAGS = ("--name", "Leeds hub", "--city", "Leeds", "--country", "gb", "--timezone", "Europe/London")


def test_new_site_from_flags_hosts_a_sprint_and_a_team_names_it(demo_repo: Repo, run_jam: Jam) -> None:
    args = ("--organizer", "Cara Coder:@cara", "--contact", "https://example.org/leeds", "--host", "demo-sprint")
    code, out, err = run_jam("--root", str(demo_repo.root), "new", "site", "leeds-hub", *FLAGS, *args)
    assert (code, err) == (0, ""), out
    assert "Wrote sites/leeds-hub.md" in out and "site: leeds-hub" in out
    md = demo_repo.root / "submissions/demo-sprint/probing.md"
    md.write_text(md.read_text().replace("site: london", "site: leeds-hub"))
    catalog, problems = load_catalog(demo_repo.root)
    site = catalog.sites["leeds-hub"]
    assert problems == [] and site.fields.country == "GB" and site.fields.organizers[0].github == "cara"
    assert [h.sprint for h in site.fields.hosts] == ["demo-sprint"]
    code, out, _ = run_jam("--root", str(demo_repo.root), "check")
    assert code == 0, out
    code, _, err = run_jam("--root", str(demo_repo.root), "new", "site", "leeds-hub", *FLAGS, *args)
    assert code == 2 and "already exists" in err


def test_new_site_refuses_an_email_contact_and_an_unknown_zone(demo_repo: Repo, run_jam: Jam) -> None:
    bad = (*FLAGS[:-1], "Europe/Leeds", "--organizer", "Cara:cara", "--contact", "mailto:cara@example.org")
    code, _, err = run_jam("--root", str(demo_repo.root), "new", "site", "leeds-hub", *bad)
    assert code == 2 and "not written" in err and "Traceback" not in err
    assert "'Europe/Leeds' is not a known time zone" in err and "is an e-mail address" in err
    assert not (demo_repo.root / "sites/leeds-hub.md").exists()


def test_new_site_asks_for_what_is_missing_and_asks_again_when_wrong(demo_repo: Repo) -> None:
    answers: Iterator[str] = iter(
        ["Leeds hub", "Leeds", "XX", "GB", "BST", "Europe/London", "Cara Coder", "@cara", "cara@example.org",
         "https://example.org/leeds"]
    )  # fmt: skip
    printed: list[str] = []
    code = new_command.run(
        str(demo_repo.root), "site", "leeds-hub", {}, ask=lambda _: next(answers), out=printed.append
    )
    assert code == 0, printed
    said = "\n".join(printed)
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in said and "'BST' is not a known time zone" in said
    assert "is an e-mail address" in said
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == [] and catalog.sites["leeds-hub"].fields.contact == "https://example.org/leeds"
