"""Rendering pieces: sanitized Markdown, dates as people say them, money, BibTeX."""

from __future__ import annotations

import pytest

from jamkit.core.model import Sprint, SprintFields, Submission, SubmissionFields
from jamkit.site.render import bibtex, markdown_html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](JaVaScRiPt:alert(1))", "alert"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ('[x](https://example.org){onclick="alert(1)"}', "onclick"),
        ('para\n{: onmouseover="alert(1)" }', "onmouseover"),
        ('<a href="https://example.org" style="position:fixed">x</a>', "style"),
        ('<iframe src="https://example.org"></iframe>', "iframe"),
        ('<form action="https://example.org"><input name="q"></form>', "<form"),
        ('<div class="md-header">spoof</div>', "md-header"),
        ("<svg><script>alert(1)</script></svg>", "script"),
    ],
)
def test_untrusted_markdown_loses_everything_active(source: str, forbidden: str) -> None:
    assert forbidden.lower() not in markdown_html(source).lower()


def test_markdown_keeps_ordinary_writing() -> None:
    html = markdown_html(
        "# Results\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = 1\n```\n\n"
        '!!! warning "Careful"\n    Text.\n\n[paper](https://example.org/p) ![fig](probing/fig.png)',
        owner="submissions/demo-sprint/probing.md",
    )
    assert "<h2>Results</h2>" in html and "<table>" in html and "<pre><code" in html
    assert '<div class="admonition warning">' in html and '<p class="admonition-title">Careful</p>' in html
    assert '<a href="https://example.org/p" rel="noopener noreferrer nofollow ugc">paper</a>' in html
    assert 'src="fig.png"' in html  # written relative to the .md file, served beside the page


def test_bibtex_escapes_latex_and_cites_the_page() -> None:
    sprint = Sprint(
        path="sprints/s.md",
        slug="demo-sprint",
        fields=SprintFields(title="Demo & Co Sprint", starts="2025-01-17T09:00:00+00:00", ends="2025-01-19"),
    )
    sub = Submission(
        path="submissions/demo-sprint/probe.md",
        sprint="demo-sprint",
        slug="probe",
        fields=SubmissionFields(
            title="100% {safe}_probes",
            members=[{"name": "Ada", "github": "ada"}, {"name": "Bo"}],
            abstract="x",
            report="report.pdf",
        ),
    )
    entry = bibtex(sub, sprint, "https://org.github.io/jams/")
    assert entry.splitlines() == [
        "@misc{demo-sprint-probe,",
        r"  title = {100\% \{safe\}\_probes},",
        "  author = {Ada and Bo},",
        "  year = {2025},",
        r"  howpublished = {Demo \& Co Sprint},",
        "  url = {https://org.github.io/jams/projects/demo-sprint/probe/},",
        "}",
    ]


def test_body_links_to_the_project_folder_lead_beside_the_page_in_every_spelling() -> None:
    html = markdown_html(
        "![a](probing/a.png) ![b](submissions/demo-sprint/probing/b.png) ![c](./docs/c d.png) "
        "[other](../other/) [top](#top) [site](/sprints/)",
        owner="submissions/demo-sprint/probing.md",
    )
    assert 'src="a.png"' in html and 'src="b.png"' in html and 'src="docs/c%20d.png"' in html
    assert 'href="../other/"' in html and 'href="#top"' in html and 'href="/sprints/"' in html


@pytest.mark.parametrize(
    "source",
    [
        "[t](probing/javascript:alert(1))",
        "[t](<probing/javascript:alert(1)>)",
        "[t](submissions/demo-sprint/probing/javascript:alert(1))",
        "[t](./javascript:/x/;alert(1))",
        "![i](probing/data:image/svg+xml,x.png)",
        '<a href="probing/javascript:alert(1)">t</a>',
        "[t]( java\tscript:alert(1))",
        "[t](&#x6a;avascript:alert(1))",
        "[t](vbscript:msgbox(1))",
        "[t](http://example.org)",
    ],
)
def test_urls_are_decided_on_their_final_value(source: str) -> None:
    """Finding 1: a link into the project's folder must not become a script URL once rewritten or decoded."""
    from urllib.parse import unquote, urljoin, urlsplit

    from tests.site.sitekit import parse

    html = markdown_html(source, owner="submissions/demo-sprint/probing.md")
    for node in parse(html).iter():
        for attribute in ("href", "src"):
            if attribute in node.attrs:
                value = node.attrs[attribute]
                page = "https://jam.example/projects/demo-sprint/probing/"
                assert urlsplit(urljoin(page, value)).scheme == "https", html
                assert "script:" not in unquote(value).lower().replace(" ", "").replace("\t", ""), html
