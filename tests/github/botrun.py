"""Run the real bot entry point (``python -m jamkit.github``) against the stand-in, as the workflow does."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class BotRun:
    code: int
    out: str
    err: str

    @property
    def outcome(self) -> dict[str, Any]:
        return json.loads(self.out.strip().splitlines()[-1])


def run_bot(
    api_url: str, folder: Path, event: dict[str, Any], verdict: str | None, *extra: str, age: float = 5.0
) -> BotRun:
    """Write the event payload and verdict like Actions would, then run the bot in a fresh process.

    The event is ``age`` seconds old (``pull_request.updated_at``): a run starts soon after its push,
    a re-run of an old run long after.
    """
    folder.mkdir(parents=True, exist_ok=True)
    event = copy.deepcopy(event)
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=age)
    event["pull_request"]["updated_at"] = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    event_path = folder / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    verdict_path = folder / "verdict.json"
    if verdict is None:
        verdict_path.unlink(missing_ok=True)
    else:
        verdict_path.write_text(verdict, encoding="utf-8")
    env = {
        **os.environ,
        "GITHUB_TOKEN": "ghs_test-token-for-the-stand-in",
        "GITHUB_API_URL": api_url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": event["repository"]["full_name"],
        "GITHUB_RUN_ID": "4242",
    }
    env.pop("JAM_DEBUG", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jamkit.github",
            "--verdict",
            str(verdict_path),
            "--event",
            str(event_path),
            "--write-interval",
            "0",
            *extra,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return BotRun(done.returncode, done.stdout, done.stderr)
