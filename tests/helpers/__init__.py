"""What the tests share: the example content, a repository on disk, git, the reports of ``jam check``, a terminal.

Test files import from here (``from tests.helpers import Repo, SUBMISSION``), never from one
another or from a ``conftest.py``, which only declare fixtures.
"""

from tests.helpers.checked import Checked
from tests.helpers.content import COHORT, LOCAL_SITE, PDF, PUBLICATION, ROOT, SPRINT, SUBMISSION, SUBMISSION_IN_COHORT
from tests.helpers.git import git, git_as_tester
from tests.helpers.repo import Repo

__all__ = [
    "COHORT",
    "LOCAL_SITE",
    "PDF",
    "PUBLICATION",
    "ROOT",
    "SPRINT",
    "SUBMISSION",
    "SUBMISSION_IN_COHORT",
    "Checked",
    "Repo",
    "git",
    "git_as_tester",
]
