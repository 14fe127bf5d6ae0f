"""The GitHub side of jamkit: the bot that reports ``jam check --pr`` on a pull request, and announced results.

``report`` turns a verdict (``jamkit.core.verdict``, the JSON of ``jam check --pr
--format json``) into labels, a commit status and the text of one sticky
comment; it is pure, so it is tested without any network. ``client`` is the only module of jamkit that imports
PyGithub; ``bot`` applies a report to a pull request through it, and ``labels``
creates the labels the bot sets (``jam github setup``). ``python -m jamkit.github`` is
the entry point the trusted workflow runs. ``jam github announce`` tags, releases
and labels a finished sprint's results: ``history`` reads the facts from git,
``announce`` plans the calls (pure), ``announcer`` reads GitHub and makes them
through the bot's client.
"""

from __future__ import annotations

from jamkit.github.report import BOT_MARKER, Report, build_report

__all__ = ["BOT_MARKER", "Report", "build_report"]
