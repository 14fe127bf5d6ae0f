"""Forgetting a person (``jam forget GITHUB``, ``--name TEXT``): gone from every field that holds them, in every file.

``jamkit.core.model.people`` lists those fields; ``everywhere`` plans and
checks every edit before any is written, ``fields`` takes the person out of
one file's front matter, ``references`` carries a judge's new id into the
sprint's reviews and assignments, ``who`` says which entries and lines are them.
"""

from __future__ import annotations

from jamkit.upkeep.forget.everywhere import JUDGE_IDS, Change, Forgotten, forget
from jamkit.upkeep.forget.who import Who

__all__ = ["JUDGE_IDS", "Change", "Forgotten", "Who", "forget"]
