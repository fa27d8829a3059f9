"""Registers the ``html`` exporter (the report)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import geotext

from ._exporter import HtmlReportExporter


@geotext.hookimpl
def geotext_register_exporters(register: Callable[[Any], None]) -> None:
    register(HtmlReportExporter)
