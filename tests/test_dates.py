import datetime as dt

import pytest

from claims.dates import MONTH_NAMES, MONTHS, WEEKDAYS, match_date_at, parse_date, parse_reviewed_date


def test_month_and_weekday_names():
    assert MONTHS["january"] == 1 and MONTHS["jan"] == 1 and MONTHS["sept"] == 9
    assert MONTHS["may"] == 5 and len(MONTH_NAMES) == 12 and MONTH_NAMES[11] == "december"
    assert WEEKDAYS[dt.date(2018, 7, 12).weekday()] == "thursday"


@pytest.mark.parametrize("s, iso", [
    ("July 12, 2018", "2018-07-12"),
    ("Thursday, July 12, 2018", "2018-07-12"),
    ("12 Sept. 2018", "2018-09-12"),
    ("2018-07-12T10:00:00Z", "2018-07-12"),
    ("12/07/2018", None),
    ("soon", None),
    (None, None),
])
def test_parse_date_is_lenient(s, iso):
    assert parse_date(s) == iso


def test_match_date_at():
    text = "Posted: July 12, 2018 by staff"
    assert match_date_at(text, 8) == ("2018-07-12", 21)
    assert match_date_at(text, 0) is None


@pytest.mark.parametrize("value, iso", [
    (None, None),
    ("  ", None),
    (dt.date(2024, 3, 5), "2024-03-05"),
    (dt.datetime(2024, 3, 5, 10, 0), "2024-03-05"),
    ("2024-03-05", "2024-03-05"),
    ("2024/03/05 10:30", "2024-03-05"),
    ("25/03/2024", "2024-03-25"),
    ("03/25/2024", "2024-03-25"),
    ("05/05/2024", "2024-05-05"),
    ("5 March 2024", "2024-03-05"),
    ("Sept. 5, 2024", "2024-09-05"),
])
def test_parse_reviewed_date(value, iso):
    assert parse_reviewed_date(value) == iso


@pytest.mark.parametrize("value, message", [
    ("05/03/2024", "ambiguous day and month"),
    ("next Tuesday", "not a date"),
    (True, "not a date"),
])
def test_parse_reviewed_date_refuses(value, message):
    with pytest.raises(ValueError, match=message):
        parse_reviewed_date(value)
