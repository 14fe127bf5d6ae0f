"""Nothing of a restricted publication, an embargoed or retracted project, or a judge's conflicts reaches any file a
build writes: pages, JSON-LD, Open Graph, open data, feed, calendars, the search index or the sitemap."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.site.leakkit import MARK, SHOWN
from tests.site.sitekit import Site


def readable(path: Path) -> bytes:
    """A file's bytes as a reader's tool would read them: gzip (Pagefind's index, ``sitemap.xml.gz``) unpacked."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def everything(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.root).as_posix(): readable(p) for p in sorted(site.root.rglob("*")) if p.is_file()}


def test_no_file_of_the_build_holds_what_readers_may_not_see(leak_site: Site) -> None:
    found = everything(leak_site)
    kinds = {name.rsplit(".", 1)[-1] for name in found}
    assert {"html", "json", "xml", "ics", "pf_fragment", "pf_index"} <= kinds  # every kind of output was scanned
    leaked = sorted(name for name, data in found.items() if MARK.encode() in data.lower() or MARK in name.lower())
    assert not leaked, f"the marker reached: {leaked}"


def test_what_a_hidden_record_may_show_is_still_shown(leak_site: Site) -> None:
    """The scan above is not passed by an empty site: a notice, a restricted title and the public project remain."""
    text = b"\n".join(everything(leak_site).values()).decode("utf-8", "replace")
    for shown in SHOWN:
        assert shown in text, shown
    assert leak_site.exists("projects/leak-sprint/retracted-proj/")
    assert not leak_site.exists("projects/leak-sprint/leakmark-embargoed/")
    assert "A public plan." in leak_site.content("lab/leak-cohort/").text


def test_restricted_work_has_no_author_or_link_in_the_publications_json_ld(leak_site: Site) -> None:
    page = leak_site.page("publications/")
    (script,) = [s for s in page.find_all("script") if s.attrs.get("type") == "application/ld+json"]
    record = json.loads("".join(c for c in script.children if isinstance(c, str)))
    assert record["headline"] == "Restricted Title Is Shown"
    assert record["author"] == [] and "url" not in record and "sameAs" not in record


def test_open_data_lists_judges_without_their_conflicts(leak_site: Site) -> None:
    sprints = json.loads((leak_site.root / "api/sprints.json").read_text(encoding="utf-8"))["sprints"]
    (judge,) = sprints[0]["judges"]
    assert judge["name"] == "Jo Judge" and "conflicts" not in judge
