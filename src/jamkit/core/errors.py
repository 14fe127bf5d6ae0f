"""The one exception every command raises when it was used wrongly (``jam`` exits with 2)."""

from __future__ import annotations


class UsageError(Exception):
    """The command was used wrongly; the message says how to use it instead."""
