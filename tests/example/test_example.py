"""The repository's own example programme (its sprints/, submissions/, publications/, people/, lab/).

Every other test reads the frozen corpus in tests/data/example/ (``example_root()``), which is
test data of its own: the example content may change, or be deleted, without a library test
noticing. These few read the root's folders, and an empty programme checks and builds clean too.
"""

from __future__ import annotations

import pytest

from tests.helpers import EXAMPLE_NOW, ROOT
from tests.helpers.example import CORPUS, FOLDERS, example_files
from tests.site.sitekit import Site, build


def test_the_example_programme_checks_clean(run_jam) -> None:
    code, out, err = run_jam("--root", str(ROOT), "check")
    assert (code, err) == (0, ""), out


def test_the_corpus_holds_all_the_example_folders() -> None:
    assert [f for f in FOLDERS if not (CORPUS / f).is_dir()] == []
    assert len(example_files(CORPUS)) > 40 and (CORPUS / "README.md").is_file()


def test_the_example_programme_builds_strictly(request: pytest.FixtureRequest, tmp_path_factory) -> None:
    """The real mkdocs.yml, docs/ and example content, as deployed. When the root's content is the corpus, the
    session's ``example_site`` is that very build (the same files); otherwise the root is built once here."""
    if example_files(ROOT) == example_files(CORPUS):
        site: Site = request.getfixturevalue("example_site")
    else:
        site = build(ROOT, tmp_path_factory.mktemp("programme") / "site", EXAMPLE_NOW)
    assert site.content("").find("h1").text == "AI Safety Research Sprints"
    assert site.exists("sprints/") and site.exists("stats/")
