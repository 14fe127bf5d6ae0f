"""What Prism checks of a request: its shape, the particulars taken out.

The method, the path with numbers and commit ids as placeholders, and the body's
keys and value types.

The storm sends thousands of requests of a few shapes; the stand-in (``memo_shapes``)
asks Prism about each shape once.
"""

from __future__ import annotations

import json
import re
from typing import Any


def _type_of(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _type_of(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_type_of(v) for v in value[:1]]
    return type(value).__name__


def shape(method: str, path: str, body: bytes, prefer: str) -> str:
    """A request with its particulars (numbers, commit ids, values) taken out: what Prism checks."""
    general = re.sub(r"/([0-9a-f]{40}|\d+)(?=/|$|\?)", "/N", path)
    try:
        sent = _type_of(json.loads(body)) if body else None
    except ValueError:
        sent = body.decode("utf-8", "replace")
    return json.dumps([method, general, sent, prefer])
