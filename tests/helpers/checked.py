"""What ``jam check --format json`` reported, read the way the tests ask about it."""

from __future__ import annotations


class Checked:
    """What `jam check --format json` reported: the exit code and each diagnostic."""

    def __init__(self, exit_code: int, report: dict) -> None:
        self.exit_code = exit_code
        self.report = report
        self.diagnostics: list[dict] = report["diagnostics"]

    @property
    def codes(self) -> list[str]:
        return [d["code"] for d in self.diagnostics]

    def where(self, code: str) -> list[tuple[str, int, int]]:
        """(path, line, col) of each diagnostic with ``code``."""
        return [(d["path"], d["line"], d["col"]) for d in self.diagnostics if d["code"] == code]

    def one(self, code: str) -> dict:
        found = [d for d in self.diagnostics if d["code"] == code]
        assert len(found) == 1, f"expected one {code}, got {self.diagnostics}"
        return found[0]
