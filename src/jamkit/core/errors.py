"""The one exception every command raises when it was used wrongly (``jam`` exits with 2), and where bugs go.

An exception of any other kind escaping a command is a bug in jamkit: ``jam``
says so in one line that names ``ISSUES`` and exits with 70.
"""

from __future__ import annotations

ISSUES = "https://github.com/jamkit/jamkit/issues"  # where to report a bug in jamkit


class UsageError(Exception):
    """The command was used wrongly; the message says how to use it instead."""
