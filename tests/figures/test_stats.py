"""The impact figures: a hand-counted repository, and every figure recounted from the raw YAML.

``recount`` below reads the files with PyYAML alone and counts each figure from
its sentence on /stats/ (``jamkit.figures.stats.DEFINITIONS``), without jamkit's code;
`jam stats --json` must agree with it on the hand-counted repository and on the
example repository that ships with jamkit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.helpers import EXAMPLE_NOW, example_root
from tests.helpers.counted import NOW, PAST, PROJECTS, write_counted


@pytest.fixture
def counted(repo):
    return write_counted(repo)


def stats_json(run_jam, repo) -> dict:
    code, out, err = run_jam("--root", str(repo.root), "stats", "--json", "--now", NOW)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def test_the_repository_is_clean(counted, jam_check) -> None:
    # The one finding: a winner later retracted (JAM232, a warning), whose place the figures must not count.
    assert [d["code"] for d in jam_check(counted).diagnostics] == ["JAM232"]


def test_figures_of_a_hand_counted_repository(counted, run_jam) -> None:
    data = stats_json(run_jam, counted)
    assert data["generated"] == NOW
    assert {k: v for k, v in data.items() if k not in ("generated", "by_sprint", "by_country", "outcomes")} == {
        "sprints": 2,  # past and judging have started; upcoming has not
        "by_status": {"upcoming": 1, "live": 0, "judging": 1, "finished": 1},
        "projects": 3,  # first, second, fifth: not the retracted nor the embargoed one
        "retracted": 1,  # counted apart, in no other figure
        "participants": 3,  # bea (any case), cy, and "No Handle" = "no  handlé" by name
        "returning": 1,  # "No Handle" was on past/second, then on judging/fifth
        "projects_per_sprint": 1.5,  # 2 + 1 projects over 2 sprints held
        "countries": 1,  # GB: Lagos had only the embargoed project; the US site is online
        "cities": 1,  # London
        "sites": 2,  # London, written inline in each of the two held sprints (no site file): once per sprint
        "signups": 120,
        "signups_reported": 1,
        "prize_money": {"EUR": 1000, "USD": 2000},  # the written "€1,000 (shared)" beats the ladder; once
        "prizes_uncounted": [],
        "publications": 1,
        "funnel": {"projects": 3, "awarded": 2, "fellowship": 1, "publication": 1},
    }


def test_rows_by_sprint_and_by_country(counted, run_jam) -> None:
    data = stats_json(run_jam, counted)
    assert [
        (r["slug"], r["status"], r["projects"], r["participants"], r["returning"], r["countries"], r["signups"])
        for r in data["by_sprint"]
    ] == [
        ("past", "finished", 2, 2, 0, 1, 120),
        ("judging", "judging", 1, 2, 1, 1, None),
        ("upcoming", "upcoming", 0, 0, 0, 0, None),
    ]
    assert data["by_country"] == [
        {"code": "GB", "name": "United Kingdom", "sprints": 2, "projects": 2, "cities": ["London"]},
    ]


def test_a_prize_that_cannot_be_read_is_named_not_guessed(counted, run_jam) -> None:
    counted.write(
        "sprints/past.md",
        PAST.replace(
            'prize: "€1,000 (shared)"}\n  - {place: 2, project: gone',
            'prize: "1000 or so"}\n  - {place: 2, project: gone',
        ),
    )
    data = stats_json(run_jam, counted)
    assert data["prize_money"] == {"USD": 2000}
    assert data["prizes_uncounted"] == [{"sprint": "past", "project": "second", "prize": "1000 or so"}]


def test_an_embargo_that_has_ended_counts_from_its_day(counted, run_jam) -> None:
    counted.write(
        "submissions/past/hidden.md",
        PROJECTS["past/hidden"].replace("embargoed\n", "embargoed\nembargo_until: 2025-03-01\n"),
    )
    assert stats_json(run_jam, counted)["projects"] == 4
    _, out, _ = run_jam("--root", str(counted.root), "stats", "--json", "--now", "2025-02-28T23:59:59+00:00")
    assert json.loads(out)["projects"] == 3


# --------------------------------------------------------------------------- an independent recount


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def moment(value: object, end_of_day: bool = False) -> dt.datetime:
    """A YAML date-time; a bare date is 23:59:59 Anywhere on Earth (UTC-12) as the contract says."""
    if isinstance(value, dt.datetime):
        return value
    assert isinstance(value, dt.date)
    aoe = dt.timezone(dt.timedelta(hours=-12))
    return dt.datetime.combine(value, dt.time(23, 59, 59) if end_of_day else dt.time(), aoe)


def written_money(text: str) -> tuple[str, float] | None:
    """The forms the recounted repositories use: "$2,000", "€1,000 (shared)", "500 CHF"."""
    found = re.search(r"([$€£])\s?([\d,]+)|([\d,]+) ([A-Z]{3})", text)
    if not found:
        return None
    currency = {"$": "USD", "€": "EUR", "£": "GBP"}.get(found[1] or "", found[4])
    return currency, float((found[2] or found[3]).replace(",", ""))


def recount(root: Path, now: dt.datetime) -> dict:
    """Every headline figure, counted from the raw files by the sentences on /stats/."""
    sprints = {p.stem: front_matter(p) for p in sorted((root / "sprints").glob("*.md"))}
    projects = {f"{p.parent.name}/{p.stem}": front_matter(p) for p in sorted((root / "submissions").glob("*/*.md"))}
    projects = {ref: f for ref, f in projects.items() if ref.split("/")[0] in sprints}
    publications = [front_matter(p) for p in sorted((root / "publications").glob("*.md"))]

    def public(f: dict) -> bool:
        until = f.get("embargo_until")
        embargoed = f.get("status") == "embargoed" and (until is None or now.date() < until)
        return f.get("status") != "retracted" and not embargoed

    shown = {ref: f for ref, f in projects.items() if public(f)}
    held = {slug for slug, s in sprints.items() if now >= moment(s["starts"])}

    def who(m: dict) -> str:
        if m.get("github"):
            return "@" + m["github"].lower()
        plain = unicodedata.normalize("NFKD", m["name"]).encode("ascii", "ignore").decode()
        return " ".join(plain.lower().split())

    sprints_of: dict[str, set[str]] = {}
    for ref, f in shown.items():
        for m in f["members"]:
            sprints_of.setdefault(who(m), set()).add(ref.split("/")[0])
    hubs = {p.stem: front_matter(p) for p in sorted((root / "sites").glob("*.md"))}  # local sites' own files
    places = set()
    sites: set[str] = set()
    for ref, f in shown.items():
        slug = ref.split("/")[0]
        hosting = [
            {"id": k, **h, "hub": True} for k, h in hubs.items() if any(e["sprint"] == slug for e in h.get("hosts", []))
        ]
        for site in sprints[slug].get("sites", []) + hosting:
            if slug in held and site["id"] == f.get("site") and site.get("country") and not site.get("online"):
                places.add((site["country"], site.get("city")))
                sites.add(f"sites/{site['id']}" if site.get("hub") else f"{slug}/{site['id']}")  # a hub counts once
    money: dict[str, float] = {}
    for slug, s in sprints.items():
        ladder = {p["place"]: (p.get("currency", "USD"), p["amount"]) for p in s.get("prizes", [])}
        paid = set()
        for award in s.get("awards", []):
            if f"{slug}/{award['project']}" not in shown:
                continue
            worth = written_money(award["prize"]) if award.get("prize") else ladder.get(award.get("place"))
            if worth and (award.get("place"), worth) not in paid:
                paid.add((award.get("place"), worth))
                money[worth[0]] = money.get(worth[0], 0) + worth[1]
    awarded = {f"{slug}/{a['project']}" for slug, s in sprints.items() for a in s.get("awards", [])}
    cited = {ref for pub in publications for ref in pub.get("projects", [])}
    return {
        "sprints": len(held),
        "projects": len(shown),
        "retracted": sum(1 for f in projects.values() if f.get("status") == "retracted"),
        "participants": len(sprints_of),
        "returning": sum(1 for s in sprints_of.values() if len(s) > 1),
        "projects_per_sprint": round(sum(1 for ref in shown if ref.split("/")[0] in held) / len(held), 1),
        "countries": len({country for country, _ in places}),
        "cities": len({place for place in places if place[1]}),
        "sites": len(sites),
        "signups": sum(sprints[slug].get("signups") or 0 for slug in held),
        "prize_money": dict(sorted(money.items())),
        "publications": len(publications),
        "funnel": {
            "projects": len(shown),
            "awarded": len(awarded & set(shown)),
            "fellowship": sum(1 for f in shown.values() if f.get("lab")),
            "publication": len(cited & set(shown)),
        },
    }


def test_jam_stats_agrees_with_a_recount_of_the_hand_counted_files(counted, run_jam) -> None:
    data = stats_json(run_jam, counted)
    recounted = recount(counted.root, dt.datetime.fromisoformat(NOW))
    assert {key: data[key] for key in recounted} == recounted


def test_jam_stats_agrees_with_a_recount_of_the_example_repository(run_jam) -> None:
    code, out, err = run_jam("--root", str(example_root()), "stats", "--json", "--now", EXAMPLE_NOW)
    assert (code, err) == (0, "")
    data = json.loads(out)
    recounted = recount(example_root(), dt.datetime.fromisoformat(EXAMPLE_NOW))
    assert {key: data[key] for key in recounted} == recounted
    assert data["projects"] > 0 and data["countries"] > 0 and data["prize_money"]  # the recount has something to count
    assert data["sites"] > 0
