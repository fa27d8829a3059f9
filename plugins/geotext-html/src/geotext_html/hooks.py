"""Registers the ``html`` parser with geotext."""

from __future__ import annotations

from collections.abc import Callable

import geotext

from ._parser import HtmlParser


@geotext.hookimpl
def geotext_register_parsers(register: Callable[[geotext.Parser], None]) -> None:
    register(HtmlParser())
