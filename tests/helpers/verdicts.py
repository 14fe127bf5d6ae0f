"""Verdict documents of the shape ``jam check --pr --format json`` writes, for the bot's offline tests."""

from __future__ import annotations

import json
from typing import Any

SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"


def verdict_doc(diagnostics: list[dict[str, Any]] | None = None, **change: Any) -> str:
    """A verdict of two checked files; ``change`` overrides the pull request's change (``late=True``...)."""
    diagnostics = diagnostics or []
    return json.dumps(
        {
            "checked": 2,
            "ok": not diagnostics,
            "diagnostics": diagnostics,
            "change": {
                "base": "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
                "head": SHA,
                "paths": ["submissions/demo-sprint/probing.md"],
                "projects": ["demo-sprint/probing"],
                "sprints": ["demo-sprint"],
                "late": False,
                "protected": False,
                **change,
            },
        }
    )


def problem(message: str = "'title' is missing", **fields: Any) -> dict[str, Any]:
    """One diagnostic of the verdict (an error in the project file unless ``fields`` say otherwise)."""
    return {
        "path": "submissions/demo-sprint/probing.md",
        "line": 2,
        "col": 1,
        "code": "JAM101",
        "severity": "error",
        "message": message,
        "fix": "add `title: ...`",
        **fields,
    }
