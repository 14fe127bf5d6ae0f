"""Finding 8: a project cannot rename someone's person page; names come from trusted files first."""

from __future__ import annotations

import datetime as dt

from jamkit.core.identity import display_names
from jamkit.files.load import load_catalog
from jamkit.site.index import Index
from tests.helpers import PDF, SUBMISSION, Repo

NOW = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
HIJACK = SUBMISSION.replace(
    "  - name: Bea Builder\n    github: bea\n",
    "  - name: Bea Builder\n    github: bea\n  - name: Send prize claims to paypal.example/x\n    github: Ada-Judge\n"
    "  - name: Someone Else Entirely\n    github: cara\n",
)


def test_a_project_naming_a_judge_does_not_rename_the_judges_page(demo_repo: Repo) -> None:
    demo_repo.write("submissions/demo-sprint/hijack.md", HIJACK)
    demo_repo.write("submissions/demo-sprint/hijack/report.pdf", PDF)
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == []
    people = Index(catalog, NOW).people
    assert people["ada-judge"].name == "Ada Judge"  # from the sprint file that names her as a judge
    assert people["bea"].name == "Bea Builder"  # every project agrees
    assert people["cara"].name == "Someone Else Entirely"  # named once, by nobody else


def test_disagreeing_projects_show_the_handle() -> None:
    mentioned = [("bea", "Bea Builder"), ("BEA", "bea builder"), ("cara", "Cara"), ("@cara", "Send claims to x")]
    names = display_names([("ada", "Ada Judge"), ("ada", "Older Name")], [*mentioned, ("ada", "Evil")])
    assert names == {"ada": "Ada Judge", "bea": "Bea Builder", "cara": "@cara"}
