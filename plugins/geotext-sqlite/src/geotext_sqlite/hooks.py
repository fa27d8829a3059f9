"""Registers the ``sqlite`` exporter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geotext

from ._exporter import SqliteExporter


@geotext.hookimpl
def geotext_register_exporters(register: Callable[[Any], None]) -> None:
    register(SqliteExporter)
