"""Registers the ``json`` and ``jsonl`` exporters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geotext

from ._exporters import JsonExporter, JsonLinesExporter


@geotext.hookimpl
def geotext_register_exporters(register: Callable[[Any], None]) -> None:
    register(JsonExporter)
    register(JsonLinesExporter)
