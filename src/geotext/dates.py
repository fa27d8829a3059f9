"""Dates as sources write them: ISO 8601, feed (RFC 2822) dates, Unix timestamps.

One parser for the core and every parser plugin, so that a date reads the same
whichever format carried it:

>>> parse_datetime("2024-03-01T12:00:00Z")
datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
>>> parse_datetime("Fri, 01 Mar 2024 12:00:00 +0100").isoformat()
'2024-03-01T12:00:00+01:00'
>>> parse_datetime("2024-03-01")
datetime.datetime(2024, 3, 1, 0, 0)
>>> parse_datetime("last Tuesday") is None
True

.. versionadded:: 0.2
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

__all__ = ["iso_datetime", "parse_datetime"]

#: A number above this is taken for epoch milliseconds, not seconds (the year 5138 in seconds).
_MILLISECONDS_ABOVE = 1e11


def iso_datetime(text: str) -> _dt.datetime:
    """Read an ISO 8601 date or date and time; a final ``Z`` means UTC (on every Python).

    A date alone gives midnight, without time zone.

    Raises:
        ValueError: *text* is no ISO 8601 date.
    """
    return _dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)


def parse_datetime(value: Any, *, timestamps: bool = False) -> _dt.datetime | None:
    """Read a publication date the way sources write it; ``None`` when it is no date.

    In order: a :class:`~datetime.datetime` is returned as it is, a
    :class:`~datetime.date` becomes midnight; text (stripped) is read as ISO 8601,
    then as an RFC 2822 date (RSS, e-mail, HTTP headers). With *timestamps*, a number
    is a Unix time in seconds, or in milliseconds when it is above 10^11, given in UTC.

    Args:
        value: the date as found in the source.
        timestamps: read numbers as Unix times (JSON records); otherwise a number is
            no date.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, _dt.datetime):
        return value
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        if not timestamps:
            return None
        seconds = value / 1000 if value > _MILLISECONDS_ABOVE else value
        try:
            return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return iso_datetime(text)
    except ValueError:
        pass
    import email.utils  # not at import: only feed dates need it

    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
