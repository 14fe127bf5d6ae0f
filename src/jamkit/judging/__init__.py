"""Judging, below the commands: who reads what, where judging stands, and the leniency-corrected ranking.

``assign`` plans assignments, ``status`` reports progress, ``spreadsheet``
reads score exports, ``adjusted`` fits the random-effects model and ``graph``
tells which judges can be compared. Conflicts of interest are a rule, in
``jamkit.checks.content.conflicts``.
"""
