"""Cell values (chanjiao_utils.roster.cells): dates."""

from __future__ import annotations

import datetime as dt

import pytest

from chanjiao_utils import roster

@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2021, 9, 1), (dt.date(2021, 9, 1), "day")),
    (dt.date(2021, 9, 1), (dt.date(2021, 9, 1), "day")),
    (44440.0, (dt.date(2021, 9, 1), "day")),
    (44440, (dt.date(2021, 9, 1), "day")),
    ("44440", (dt.date(2021, 9, 1), "day")),
    ("2021/9/1", (dt.date(2021, 9, 1), "day")),
    ("2021-09-01", (dt.date(2021, 9, 1), "day")),
    ("2021-09-01 00:00:00", (dt.date(2021, 9, 1), "day")),
    ("2021.9.1", (dt.date(2021, 9, 1), "day")),
    ("2021年9月1日", (dt.date(2021, 9, 1), "day")),
    ("２０２１年９月１日", (dt.date(2021, 9, 1), "day")),
    ("20210901", (dt.date(2021, 9, 1), "day")),
    ("2021年9月", (dt.date(2021, 9, 1), "month")),
    ("2021.9", (dt.date(2021, 9, 1), "month")),
    ("2021.10", (dt.date(2021, 10, 1), "month")),
    ("2021-09", (dt.date(2021, 9, 1), "month")),
    (2021.9, (dt.date(2021, 9, 1), "month")),
    (2021.12, (dt.date(2021, 12, 1), "month")),
])
def test_dates(value, expected):
    assert roster.parse_date(value) == expected


@pytest.mark.parametrize("value", ["2021", 2021, 2021.1, "2021/2/30", "2021.13", "去年", "9月1日", 123.0])
def test_not_dates(value):
    assert isinstance(roster.parse_date(value), str)
