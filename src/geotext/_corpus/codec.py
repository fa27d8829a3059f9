"""JSON for output lines and worker results: orjson when installed, else the json module."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps", "loads"]

try:  # orjson is much faster; json gives the same values
    import orjson

    def loads(data: bytes | str) -> Any:
        return orjson.loads(data)

    def dumps(value: Any) -> bytes:
        return orjson.dumps(value)

except ImportError:  # pragma: no cover - orjson is optional

    def loads(data: bytes | str) -> Any:
        return json.loads(data)

    def dumps(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
