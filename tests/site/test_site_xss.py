"""The XSS corpus: about 200 payloads in every front-matter field and the body, built and opened in Chromium.

One real build holds every payload: each project of the hostile sprint carries a
group of them in its title, team, members, affiliation, abstract, tags, link titles,
URLs and report, and its body holds each of them raw and as a Markdown link, image,
reference link and autolink. Each page is opened with dialog, console and page-error
listeners, every link in its article is clicked, and nothing may run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route

from tests.site import browserkit
from tests.site.sitekit import NOW, Site, build, parse, site_skeleton, write_content

SPRINT = "past-sprint"
GROUP = 12  # payloads per project: about 17 projects
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster", "background"}

HTML = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://example.org/x.js></script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    '<svg><a xlink:href="javascript:alert(1)"><text y="20">svg link</text></a></svg>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'>"
    "<image href='1' onerror='alert(1)'/></svg>#x\"/></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<details open ontoggle=alert(1)>x</details>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">raw</a>',
    "<a href=# onclick=alert(1)>raw click</a>",
    '<a href="https://example.org" onmouseover="alert(1)">hover</a>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<form><button formaction=javascript:alert(1)>go</button></form>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<scr<script>ipt>alert(1)</script>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<a href="jav&#x09;ascript:alert(1)">tab entity</a>',
    '<img src="https://example.org/x.png" onload="alert(1)">',
    "{{7*7}}<script>alert(1)</script>",
    '<div class="md-header" onclick="alert(1)">spoof</div>',
    "<xss onpointerover=alert(1)>pointer</xss>",
    "<plaintext><script>alert(1)</script>",
]

URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "javascript&colon;alert(1)",
    "%6Aavascript:alert(1)",
    "javascript:%61lert(1)",
    "&#1;javascript:alert(1)",  # a raw control character is refused before the site (JAM008)
    "java\u200bscript:alert(1)",
    "javascript://%0aalert(1)",
    "javascript:/x/;alert(1);x.pdf",
    "javascript\\:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    "{project}/javascript:alert(1)",
    "./javascript:alert(1)",
    "submissions/past-sprint/{project}/javascript:alert(1)",
    "/javascript:alert(1)",
    "//javascript:alert(1)",
    "{project}/data:text/html,<script>alert(1)</script>",
    "<{project}/javascript:alert(1)>",
]

ATTR_LIST = [
    '[attr](https://example.org){: onclick="alert(1)"}',
    'A paragraph.\n{: onmouseover="alert(1)" }',
    "### Heading {: onclick=alert(1) }",
    '![attr image](https://example.org/x.png){: onerror="alert(1)" }',
    '[attr href](https://example.org){: href="javascript:alert(1)" }',
    '[attr style](https://example.org){: style="position:fixed;inset:0" onclick="alert(1)" }',
    '<div markdown="1" onclick="alert(1)">in a div</div>',
    '!!! note "<img src=x onerror=alert(1)>"\n    admonition',
]


def url_forms(url: str) -> list[str]:
    """Each URL as a Markdown link, an image, a raw anchor, a reference link and an autolink."""
    return [
        f"[link]({url})",
        f"![image]({url})",
        f'<a href="{url}">anchor</a>',
        f"[reference][r{abs(hash(url)) % 10**6}]\n\n[r{abs(hash(url)) % 10**6}]: {url}",
        f"<{url}>",
    ]


PAYLOADS = HTML + [form for url in URLS for form in url_forms(url)] + ATTR_LIST
URL_FIELD = [  # https URLs that pass validation but try to break out of the attribute
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'><script>alert(1)</script>",
    "https://example.org/#<img/src=x/onerror=alert(1)>",
]


def test_the_corpus_is_large() -> None:
    assert len(set(PAYLOADS)) >= 150


def _project(index: int, group: list[str]) -> tuple[str, str]:
    slug = f"xss-{index:02d}"

    def at(n: int) -> str:
        return group[n % len(group)].replace("{project}", slug)

    front = {
        "title": f"XSS {index} {at(0)}",
        "team": at(1),
        "members": [
            {"name": at(2), "github": f"xss-person-{index}", "affiliation": at(3)},
            {"name": at(4)},
        ],
        "abstract": at(5),
        "report": URLS[index % len(URLS)].replace("{project}", slug),
        "code": URL_FIELD[index % len(URL_FIELD)],
        "video": URL_FIELD[(index + 1) % len(URL_FIELD)],
        "links": [{"title": at(6), "url": URL_FIELD[(index + 2) % len(URL_FIELD)]}],
        "tags": [at(7), f"xss-tag-{index}"],
    }
    lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in front.items()), "---", ""]
    body = "\n\n".join(p.replace("{project}", slug) for p in group)
    return slug, "\n".join(lines) + body + "\n"


@pytest.fixture(scope="module")
def xss_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    repo = tmp_path_factory.mktemp("xss") / "repo"
    site_skeleton(repo)
    write_content(repo)
    groups = [PAYLOADS[i : i + GROUP] for i in range(0, len(PAYLOADS), GROUP)]
    for index, group in enumerate(groups):
        slug, text = _project(index, group)
        (repo / f"submissions/{SPRINT}/{slug}.md").write_text(text, encoding="utf-8")
    return build(repo, tmp_path_factory.mktemp("xss-built") / "site", NOW)


@pytest.fixture(scope="module")
def xss_url(xss_site: Site) -> Iterator[str]:
    with browserkit.served(xss_site.root) as url:
        yield url


def test_every_hostile_project_is_published(xss_site: Site) -> None:
    count = -(-len(PAYLOADS) // GROUP)
    for index in range(count):
        assert xss_site.exists(f"projects/{SPRINT}/xss-{index:02d}/"), index


def _pages(count: int) -> list[str]:
    return [
        *(f"projects/{SPRINT}/xss-{i:02d}/" for i in range(count)),
        f"sprints/{SPRINT}/",
        "people/",
        "people/xss-person-0/",
        "",
        "publications/",
    ]


def test_no_payload_runs_in_a_browser_even_when_every_link_is_clicked(browser: Browser, xss_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    origin = urlsplit(xss_url).netloc
    current = {"url": ""}

    def stay(route: Route) -> None:
        """Nothing leaves the machine, and once loaded, a clicked link never leaves the page ("204 No Content")."""
        request = route.request
        leaving = request.resource_type in ("document", "xhr", "fetch") and request.url != current["url"]
        if urlsplit(request.url).netloc != origin or (leaving and "search" not in request.url):
            route.fulfill(status=204, body="")
        else:
            route.continue_()

    context.route("**/*", stay)
    watched = browserkit.Watched(context.new_page())
    context.on("page", lambda tab: tab.on("dialog", watched._dialog))  # a link that opens a tab is watched there
    page = watched.page
    problems: list[str] = []
    clicked = 0
    for url in _pages(-(-len(PAYLOADS) // GROUP)):
        current["url"] = xss_url + url
        page.goto(current["url"], wait_until="load")
        target, current["url"] = current["url"], ""  # from here on, no page is fetched
        # Every element is pointed at and focused, then every link is clicked (hidden ones too).
        page.evaluate(
            """() => document.querySelectorAll('article *').forEach(e => {
                   for (const kind of ['mouseover', 'pointerover', 'mouseenter', 'focus'])
                       e.dispatchEvent(new Event(kind, {bubbles: true}));
               })"""
        )
        clicked += page.evaluate(
            """() => { const links = [...document.querySelectorAll('article a')];
                       links.forEach(a => a.click()); return links.length; }"""
        )
        page.wait_for_timeout(100)
        assert page.url.split("#")[0] == target, "a click left the page"
        # Failed requests and 404s are expected (payload images, links answered "204"), and so is Material's
        # instant navigation refusing a link it cannot parse; a payload that ran would raise a dialog.
        problems += [
            f"{url}: {p}"
            for p in watched.problems
            if p.startswith("page error") and "Failed to construct 'URL'" not in p
        ]
        watched.problems.clear()
    context.close()
    assert clicked > 300
    assert watched.dialogs == [], watched.dialogs
    assert problems == []


def test_every_href_and_src_in_the_built_site_is_https_or_relative(xss_site: Site) -> None:
    """The static half of the same promise: no attribute that loads or navigates carries another scheme."""
    for path in xss_site.html_pages():
        for node in parse(path.read_text(encoding="utf-8")).iter():
            assert not any(name.startswith("on") for name in node.attrs), f"{path}: <{node.tag} {node.attrs}>"
            for name in URL_ATTRIBUTES & node.attrs.keys():
                value = node.attrs[name]
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in ("", "https") or value.startswith("http://www.w3.org/"), f"{path}: {value}"
