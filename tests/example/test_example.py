"""The repository's own example programme (its sprints/, submissions/, publications/, people/, lab/).

Every other test reads the frozen corpus in tests/data/example/ (``example_root()``); these few
read the root's folders. A programme that deletes the examples keeps them green: with no
example content there is nothing to compare, and an empty programme checks and builds clean.
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


def test_the_corpus_is_the_example_content_byte_for_byte() -> None:
    """Only the folders the root has: with the examples deleted, nothing is compared."""
    present = {f for f in FOLDERS if (ROOT / f).is_dir()}
    ours = example_files(ROOT)
    corpus = {path: data for path, data in example_files(CORPUS).items() if path.split("/")[0] in present}
    differ = sorted(path for path in ours.keys() | corpus.keys() if ours.get(path) != corpus.get(path))
    assert not differ, (
        f"tests/data/example/ is not a copy of the example content: {', '.join(differ[:5])}"
        f"{f' and {len(differ) - 5} more' if len(differ) > 5 else ''} differ; run scripts/refresh-corpus"
    )


def test_the_example_programme_builds_strictly(request: pytest.FixtureRequest, tmp_path_factory) -> None:
    """The real mkdocs.yml, docs/ and example content, as deployed. When the root's content is the corpus, the
    session's ``example_site`` is that very build (the same files); otherwise the root is built once here."""
    if example_files(ROOT) == example_files(CORPUS):
        site: Site = request.getfixturevalue("example_site")
    else:
        site = build(ROOT, tmp_path_factory.mktemp("programme") / "site", EXAMPLE_NOW)
    assert site.content("").find("h1").text == "AI Safety Research Sprints"
    assert site.exists("sprints/") and site.exists("stats/")
