"""The index fed page by page during the build finds what Pagefind's CLI finds over the finished site.

Each built site (the example, and the fixture with its hostile, retracted and embargoed projects) is copied twice
under one folder: as the build wrote it (the streamed index) and re-indexed by the CLI (``index_site``). Pagefind's
own JavaScript, in Chromium, runs the same searches and filters on both; every result must match: score, URL, title,
excerpt, filters, in the same order (pages of equal score in either), with the same counts.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from jamkit.site.search import (
    FOLDER,
    IndexingFailed,
    StreamedIndex,
    held_open,
    held_open_by_lsof,
    held_open_by_proc,
    index_site,
    search_record,
    wait_closed,
)
from tests.site.browserkit import fetch, mkdocs_serve, served, wait_for
from tests.site.sitekit import NOW, Site

TIE = 1e-5  # relative: scores this close are equal
WORDS = ["attention heads", "evaluation", "sprint", "alert", "interpretability", "embargo", "prize", "2026", "probe"]

COMPARE = """async ([bundles, queries]) => {
    const run = async (bundle) => {
        const pf = await import(bundle + "pagefind.js");
        await pf.options({ bundlePath: bundle, excerptLength: 24 });
        const filters = await pf.filters();
        const searches = [...queries.map(q => [q, {}])];
        for (const [name, values] of Object.entries(filters)) {
            for (const value of Object.keys(values)) {
                searches.push([null, { filters: { [name]: value } }]);
                searches.push(["sprint", { filters: { [name]: value } }]);
            }
        }
        const found = [];
        for (const [term, options] of searches) {
            const search = await pf.search(term, options);
            const data = await Promise.all(search.results.map(async r => ({ score: r.score, ...(await r.data()) })));
            found.push({
                term, options, count: search.results.length, unfiltered: search.unfilteredResultCount,
                counts: search.filters,
                results: data.map(d => ({
                    score: d.score, url: d.url, title: d.meta.title, excerpt: d.excerpt, filters: d.filters,
                })),
            });
        }
        return { filters, found };
    };
    return [await run(bundles[0]), await run(bundles[1])];
}"""


def ranked(results: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[float]]:
    """Results in Pagefind's order, pages of equal score by URL, and their scores apart.

    Pagefind ranks a tie by the order pages reached it: for the CLI the order it walked the folders, for the
    build the order MkDocs wrote them. Scores are 32-bit sums, so the two indexes' equal scores may differ in
    the last digits.
    """
    ties: list[list[dict[str, Any]]] = []
    for result in results:
        if ties and result["score"] == pytest.approx(ties[-1][-1]["score"], rel=TIE):
            ties[-1].append(result)
        else:
            ties.append([result])
    ordered = [result for tie in ties for result in sorted(tie, key=lambda result: result["url"])]
    return [{k: v for k, v in result.items() if k != "score"} for result in ordered], [r["score"] for r in ordered]


def fragments(root: Path) -> dict[str, bytes]:
    """Every indexed page as Pagefind stores it (decompressed), by URL."""
    found = {}
    for path in (root / FOLDER / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        found[json.loads(data[len(b"pagefind_dcd") :])["url"]] = data
    return found


@pytest.mark.parametrize("built", ["example_site", "site"])
def test_the_streamed_index_gives_the_results_of_the_cli(
    built: str, request: pytest.FixtureRequest, browser: Browser, tmp_path: Path
) -> None:
    site: Site = request.getfixturevalue(built)
    streamed, cli = tmp_path / "sites" / "streamed", tmp_path / "sites" / "cli"
    shutil.copytree(site.root, streamed)
    shutil.copytree(site.root, cli)
    index_site(cli)
    pages = fragments(streamed)
    assert pages == fragments(cli)  # every page's text, title, filters and anchors, byte for byte
    titles = [json.loads(data[len(b"pagefind_dcd") :])["meta"]["title"] for data in pages.values()]
    queries = WORDS + sorted(titles)[::3]
    with served(streamed) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(url)
        left, right = page.evaluate(COMPARE, [[url + f"{FOLDER}/", url + f"../cli/{FOLDER}/"], queries])
        context.close()
    assert left["filters"] == right["filters"] and {"kind", "sprint", "topic", "year"} <= set(left["filters"])
    assert len(left["found"]) > len(queries) + 10
    assert sum(1 for search in left["found"] if search["results"]) > len(queries)  # the searches find things
    for mine, theirs in zip(left["found"], right["found"], strict=True):
        for result in mine["results"]:  # each site is served from its own folder; the URLs say which
            assert result["url"].startswith("/streamed/")
            result["url"] = result["url"].replace("/streamed/", "/cli/", 1)
        (mine["results"], my_scores), (theirs["results"], their_scores) = map(
            ranked, (mine["results"], theirs["results"])
        )
        assert mine == theirs, (mine["term"], mine["options"])
        assert my_scores == pytest.approx(their_scores, rel=TIE)


def test_only_the_body_language_and_title_reach_pagefind() -> None:
    page = (
        '<!doctype html><html lang="de" class="no-js"><head><title>Ein Titel - Site</title></head><body>'
        '<nav>Navigation</nav><article class="md-content__inner"><div data-pagefind-body><h1>Ein Titel</h1>'
        "<p>&lt;/article&gt; </article><div>nested</div></p></div>\n  </article><footer>Footer</footer></body></html>"
    )
    record = search_record(page)
    assert record is not None
    assert record.startswith('<!DOCTYPE html><html lang="de"><head><title>Ein Titel - Site</title></head><body>')
    assert "<h1>Ein Titel</h1>" in record and "nested</div></p></div></body>" in record  # the body, whole
    assert "Navigation" not in record and "Footer" not in record
    assert search_record(page.replace(" data-pagefind-body", "")) is None  # a page left out of search
    odd = page.replace("</article><footer>", "<p>after</p></article><footer>")
    assert search_record(odd) == odd  # not Material's shape: Pagefind gets the page whole and finds the body itself


def test_a_failed_pagefind_stops_the_build_with_one_plain_line(site_repo: Path, tmp_path: Path) -> None:
    env = {**os.environ, "JAM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", "PAGEFIND_BINARY_PATH": "/bin/false"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site_repo / "mkdocs.yml")]
    done = subprocess.run([*command, "-d", str(tmp_path / "out")], env=env, capture_output=True, text=True)
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in log
    errors = [line for line in log.splitlines() if "search index was not built" in line]
    assert len(errors) == 1 and "Pagefind stopped (exit 1)" in errors[0], log
    assert not (tmp_path / "out" / FOLDER / "pagefind.js").exists()


def test_serve_dirty_indexes_the_whole_site_after_a_change(site_repo: Path, site: Site, tmp_path: Path) -> None:
    """``mkdocs serve --dirty`` writes only the pages it redraws; the index must still hold every page."""
    repo = tmp_path / "repo"
    shutil.copytree(site_repo, repo)
    with mkdocs_serve(repo, NOW, "--dirty") as url:
        entry = f"{url}{FOLDER}/pagefind-entry.json"
        before = wait_for(lambda: fetch(entry))
        project = repo / "submissions/past-sprint/winner-proj.md"
        project.write_text(project.read_text(encoding="utf-8").replace("title:", "title: Renamed", 1), encoding="utf-8")
        after = json.loads(wait_for(lambda: found if (found := fetch(entry)) and found != before else None))
    pages = sum(language["page_count"] for language in after["languages"].values())
    assert pages == len(fragments(site.root)) > 20  # every page of the site, not only those redrawn


PAGE = (
    '<!doctype html><html lang="en"><head><title>Probing - Site</title></head><body><article class="md-content__inner">'
    "<div data-pagefind-body><h1>Probing</h1><p>Linear probes find the feature.</p></div></article></body></html>"
)


def test_the_rest_of_the_build_runs_while_pagefind_writes(tmp_path: Path) -> None:
    index = StreamedIndex()
    assert index.add("projects/probing/", PAGE)
    written = index.write(tmp_path, meanwhile=lambda: (tmp_path / "feed.xml").write_text("<feed/>"))
    assert (tmp_path / "feed.xml").is_file() and (tmp_path / FOLDER / "pagefind.js").is_file()
    assert written.pages == 1


def test_a_failure_while_pagefind_writes_leaves_no_pagefind_running(tmp_path: Path) -> None:
    index = StreamedIndex()
    assert index.add("projects/probing/", PAGE)
    service = index._service
    assert service is not None

    def fail() -> None:
        raise RuntimeError("the open data could not be written")

    with pytest.raises(RuntimeError, match="open data"):
        index.write(tmp_path, meanwhile=fail)
    assert service.process.wait(timeout=10) is not None


WRITER = """
import sys, time
from pathlib import Path
folder = Path(sys.argv[1])
outside = open(folder.parent / "outside.txt", "w")
with open(folder / "pagefind.js", "w") as file:
    file.write("half ")
    file.flush()
    print("writing", flush=True)
    time.sleep(float(sys.argv[2]))
    file.write("and the rest")
time.sleep(60)
"""


def _writer(folder: Path, seconds: float) -> subprocess.Popen[str]:
    """A real process that holds one file under ``folder`` open for ``seconds`` (and one beside it for good)."""
    folder.mkdir(parents=True)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline() == "writing\n"
    return process


def test_the_index_is_complete_when_the_build_goes_on_past_it(tmp_path: Path) -> None:
    """Pagefind answers before its files are written; a file it still holds open is waited for, others are not."""
    folder = tmp_path / FOLDER
    process = _writer(folder, 1.5)
    try:
        assert held_open(process.pid, folder) == [folder / "pagefind.js"]  # (not outside.txt: not the index's)
        assert shutil.which("lsof"), "install lsof (apt-get install -y lsof): macOS's way is checked with it"
        assert held_open_by_lsof(process.pid, folder) == held_open_by_proc(process.pid, folder)  # (macOS's way)
        wait_closed(process.pid, folder)
        assert (folder / "pagefind.js").read_text() == "half and the rest"
        assert held_open(process.pid, folder) == [] and process.poll() is None
    finally:
        process.kill()
        process.wait()
    assert held_open(process.pid, folder) == held_open_by_lsof(process.pid, folder) == []  # it has left


def test_a_pagefind_that_never_finishes_a_file_stops_the_build_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER
    process = _writer(folder, 60)
    try:
        with pytest.raises(IndexingFailed, match=r"still writing .*pagefind\.js after 0\.5 s"):
            wait_closed(process.pid, folder, timeout=0.5)
    finally:
        process.kill()
        process.wait()


@pytest.mark.parametrize(
    "settings", ["write_playground: true\nforce_language: fr\nexclude_selectors: [p]\n", "force_language: [\n"]
)
def test_a_repositorys_own_pagefind_settings_neither_bend_nor_stop_the_index(
    settings: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind reads a pagefind.yml where it runs, and PAGEFIND_* variables; a build runs in the repository."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "pagefind.yml").write_text(settings)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PAGEFIND_ROOT_SELECTOR", "h1")
    streamed, finished = tmp_path / "streamed", tmp_path / "finished"
    index = StreamedIndex()
    assert index.add("projects/probing/", PAGE)
    index.write(streamed)
    (finished / "projects/probing").mkdir(parents=True)
    (finished / "projects/probing/index.html").write_text(PAGE)
    index_site(finished)  # the CLI over a finished site, as ``serve --dirty`` runs it
    for site in (streamed, finished):
        entry = json.loads((site / FOLDER / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == ["en"] and not (site / FOLDER / "playground").exists()
        [page] = fragments(site).values()
        assert b"Linear probes find the feature." in page  # the paragraph, which the settings would leave out
