"""Images a body embeds from another server are shown as links, unless the maintainers trust the host."""

from __future__ import annotations

from jamkit.site.render import markdown_html
from tests.site.sitekit import parse


def test_an_image_from_another_server_becomes_a_link_to_it() -> None:
    html = markdown_html('![chart "one"](https://pixel.example/track.png?who=1&x=2)')
    page = parse(html)
    assert not page.has("img")
    link = page.find("a", cls="jam-outside-image")
    assert link.attrs["href"] == "https://pixel.example/track.png?who=1&x=2"
    assert link.text == 'Image from pixel.example: chart "one"'
    assert "nofollow" in link.attrs["rel"]


def test_raw_html_and_protocol_relative_images_are_caught_too() -> None:
    html = markdown_html(
        '<img src="//pixel.example/a.png" alt="x" width="1">\n\n<img src="HTTPS://Pixel.Example/b.png">'
    )
    page = parse(html)
    assert not page.has("img")
    assert [a.text for a in page.find_all("a", cls="jam-outside-image")] == [
        "Image from pixel.example: x",
        "Image from pixel.example",
    ]


def test_images_of_the_repository_and_of_trusted_hosts_stay_images() -> None:
    html = markdown_html(
        "![own](figure.png) ![trusted](https://img.trusted.example/a.png)", None, ["img.trusted.example"]
    )
    assert [img.attrs["src"] for img in parse(html).find_all("img")] == [
        "figure.png",
        "https://img.trusted.example/a.png",
    ]


def test_an_outside_image_inside_a_link_becomes_the_links_text() -> None:
    """A link may not hold another link: the image's words stay inside the author's link."""
    page = parse(markdown_html("[![badge](https://badges.example/b.svg)](https://example.org/project)"))
    (link,) = page.find_all("a")
    assert link.attrs["href"] == "https://example.org/project" and link.text == "Image from badges.example: badge"
    assert not page.has("img")


def test_a_hostile_alt_text_stays_text() -> None:
    html = markdown_html('<img src="https://x.example/a.png" alt=\'"><script>alert(1)</script>\'>')
    assert "<script" not in html
    assert parse(html).find("a", cls="jam-outside-image").text == 'Image from x.example: "><script>alert(1)</script>'
