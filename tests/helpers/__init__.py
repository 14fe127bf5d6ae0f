"""What the tests share: example content and programme, a repository on disk, git, `jam check` reports, a terminal.

Test files import from here (``from tests.helpers import Repo, SUBMISSION``), never from one
another or from a ``conftest.py``, which only declare fixtures.
"""

from tests.helpers.checked import Checked
from tests.helpers.content import (
    COHORT,
    LOCAL_SITE,
    PDF,
    PUBLICATION,
    ROOT,
    SPRINT,
    SUBMISSION,
    SUBMISSION_IN_COHORT,
)
from tests.helpers.example import EXAMPLE_NOW, example_root
from tests.helpers.git import git, git_as_tester
from tests.helpers.repo import Repo

__all__ = [
    "COHORT",
    "EXAMPLE_NOW",
    "LOCAL_SITE",
    "PDF",
    "PUBLICATION",
    "ROOT",
    "SPRINT",
    "SUBMISSION",
    "SUBMISSION_IN_COHORT",
    "Checked",
    "Repo",
    "example_root",
    "git",
    "git_as_tester",
]
