"""geotext.dates: the one date parser of the core and the parser plugins."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geotext.dates import iso_datetime, parse_datetime

UTC = dt.timezone.utc
PLUS_1 = dt.timezone(dt.timedelta(hours=1))
MINUS_5 = dt.timezone(dt.timedelta(hours=-5))

# (value, timestamps, expected): what sources write, and what it reads as.
CASES = [
    # ISO 8601
    ("2024-03-01", False, dt.datetime(2024, 3, 1)),
    ("2024-03-01T12:30:00", False, dt.datetime(2024, 3, 1, 12, 30)),
    ("2024-03-01T12:30:00Z", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),
    ("2024-03-01T12:30:00+01:00", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=PLUS_1)),
    ("2024-03-01T12:30:00.250-05:00", False, dt.datetime(2024, 3, 1, 12, 30, 0, 250000, tzinfo=MINUS_5)),
    ("  2024-03-01T12:30:00Z \n", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),
    # feeds and HTTP headers (RFC 2822)
    ("Fri, 01 Mar 2024 12:30:00 +0100", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=PLUS_1)),
    ("Fri, 01 Mar 2024 12:30:00 GMT", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),
    ("01 Mar 2024 12:30:00 -0500", False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=MINUS_5)),
    # Unix times, only where asked for (JSON records)
    (1709296200, True, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),
    (1709296200.5, True, dt.datetime(2024, 3, 1, 12, 30, 0, 500000, tzinfo=UTC)),
    (1709296200000, True, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),  # milliseconds
    (1709296200, False, None),
    (float("nan"), True, None),
    (float("inf"), True, None),
    (10**30, True, None),
    (True, True, None),
    # values already dates
    (dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC), False, dt.datetime(2024, 3, 1, 12, 30, tzinfo=UTC)),
    (dt.date(2024, 3, 1), False, dt.datetime(2024, 3, 1)),
    # no date
    (None, False, None),
    ("", False, None),
    ("   ", False, None),
    ("last Tuesday", False, None),
    ("2024-13-45", False, None),
    ("Fri, 99 Foo 2024", False, None),
    (["2024-03-01"], False, None),
    ({"date": "2024-03-01"}, True, None),
]


@pytest.mark.parametrize(("value", "timestamps", "expected"), CASES)
def test_parse_datetime_reads_what_sources_write(value, timestamps, expected):
    parsed = parse_datetime(value, timestamps=timestamps)
    assert parsed == expected
    if expected is not None:
        assert parsed.utcoffset() == expected.utcoffset()  # the same instant is not enough


def test_iso_datetime_raises_on_what_is_no_iso_date():
    assert iso_datetime("2024-03-01T00:00:00Z").tzinfo == UTC
    with pytest.raises(ValueError):
        iso_datetime("Fri, 01 Mar 2024 12:30:00 +0100")


offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
instants = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 1, 1))


@given(instants, st.one_of(st.none(), offsets))
def test_iso_round_trip(moment, zone):
    moment = moment.replace(tzinfo=zone)
    for text in (moment.isoformat(), moment.isoformat(sep=" "), moment.isoformat(timespec="microseconds")):
        parsed = parse_datetime(text)
        assert parsed == moment and parsed.utcoffset() == moment.utcoffset()
    if zone == UTC:
        assert parse_datetime(moment.isoformat().replace("+00:00", "Z")) == moment


@given(instants, offsets)
def test_feed_date_round_trip(moment, zone):
    moment = moment.replace(tzinfo=zone, microsecond=0)
    text = email.utils.format_datetime(moment)
    parsed = parse_datetime(text)
    assert parsed == moment and parsed.utcoffset() == moment.utcoffset()


@given(st.datetimes(min_value=dt.datetime(1975, 1, 1), max_value=dt.datetime(3000, 1, 1)))
def test_timestamp_round_trip(moment):
    moment = moment.replace(tzinfo=UTC, microsecond=0)
    seconds = int(moment.timestamp())
    assert parse_datetime(seconds, timestamps=True) == moment
    assert parse_datetime(seconds * 1000, timestamps=True) == moment
