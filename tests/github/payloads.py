"""Real webhook payloads from @octokit/webhooks-examples, as GitHub Actions hands them to a workflow."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

NODE = Path(__file__).resolve().parents[2] / "tests" / "node"
WEBHOOKS = NODE / "node_modules" / "@octokit" / "webhooks-examples" / "api.github.com" / "index.json"


def pull_request_event(action: str) -> dict[str, Any]:
    """A real ``pull_request`` webhook payload from @octokit/webhooks-examples."""
    events = json.loads(WEBHOOKS.read_text(encoding="utf-8"))
    for event in events:
        if event["name"] == "pull_request":
            for example in event["examples"]:
                if example.get("action") == action:
                    return copy.deepcopy(example)
    raise AssertionError(f"no pull_request {action} example in {WEBHOOKS}")
