"""The pages and the feed word the same facts the same way (one home for wording)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from jamkit.core.wording import place
from tests.site.sitekit import Site

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_place_reads_the_same_on_the_project_page_the_sprint_page_and_in_the_feed(site: Site) -> None:
    feed = ET.parse(site.file("feed.xml")).getroot()
    titles = [e.findtext(f"{ATOM}title") or "" for e in feed.iter(f"{ATOM}entry")]
    for number, project in ((1, "winner-proj"), (2, "second-proj")):
        badge = site.content(f"projects/past-sprint/{project}/").find(cls="jam-award").text
        assert badge.split(" · ")[0] == place(number)
        assert any(t.startswith(f"{place(number)} at ") for t in titles), titles
