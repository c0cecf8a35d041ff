"""Dates in many languages and forms become ISO 8601; undecided numeric dates are not guessed."""

from __future__ import annotations

import pytest

from cleaner.dates import DMY, MDY, find_dates, order_for_host, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("March 5, 2021", "2021-03-05"),
        ("Mar. 5th, 2021 10:05 AM EST", "2021-03-05T10:05"),
        ("5 Mar 2021", "2021-03-05"),
        ("Tuesday 05 March 2021", "2021-03-05"),
        ("Dienstag, 5. März 2021, 14:30 Uhr", "2021-03-05T14:30"),
        ("jeudi 4 mars 2021 à 14h30", "2021-03-04T14:30"),
        ("5 de marzo de 2021", "2021-03-05"),
        ("5 de março de 2021", "2021-03-05"),
        ("5 marzo 2021, 09:00", "2021-03-05T09:00"),
        ("5 maart 2021", "2021-03-05"),
        ("5 марта 2021 г.", "2021-03-05"),
        ("5 marca 2021", "2021-03-05"),
        ("5 marca 2021 o 16:12", "2021-03-05T16:12"),
        ("5 mars 2021 kl. 16.12", "2021-03-05T16:12"),
        ("5 Mart 2021 saat 16:12", "2021-03-05T16:12"),
        ("5 Maret 2021 pukul 16.12", "2021-03-05T16:12"),
        ("17 Agustus 2021", "2021-08-17"),
        ("5. maaliskuuta 2021 klo 16.12", "2021-03-05T16:12"),
        ("5. března 2021 v 14:30", "2021-03-05T14:30"),
        ("Neděle 5. června 2022", "2022-06-05"),
        ("5 березня 2021 р. о 14:30", "2021-03-05T14:30"),
        ("ngày 5 tháng 3 năm 2021 lúc 14:30", "2021-03-05T14:30"),
        ("15 tháng 12, 2021", "2021-12-15"),
        ("5 مارس 2021 الساعة 14:30", "2021-03-05T14:30"),
        ("5 كانون الثاني 2021", "2021-01-05"),
        ("٥ مارس ٢٠٢١", "2021-03-05"),
        ("5 آوریل 2021 ساعت 14:30", "2021-04-05T14:30"),
        ("۵ فوریه ۲۰۲۱", "2021-02-05"),
        ("2021年3月5日 10:30", "2021-03-05T10:30"),
        ("2021-03-05T14:30:00+01:00", "2021-03-05T14:30"),
        ("2021/03/05", "2021-03-05"),
        ("05.03.2021", "2021-03-05"),
        ("13/03/2021", "2021-03-13"),
        ("03/13/2021", "2021-03-13"),
        ("7 May 2021 11:45 pm", "2021-05-07T23:45"),
    ],
)
def test_written_numeric_and_iso_dates_read_the_same_day(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "sometime in 2021",
        "March 5",
        "1.5 million in 2021",
        "Version 2.0.2021",
        "45/45/2021",
        "2021-02-30",
        "call 555-12-2021",
        "۱۴۰۲/۰۱/۱۵",  # a Solar Hijri date: not read as a Gregorian one
    ],
)
def test_text_that_is_not_a_whole_valid_date_gives_none(text):
    assert parse_date(text) is None


def test_an_undecided_numeric_date_is_left_out_without_a_hint():
    assert parse_date("05/03/2021") is None


@pytest.mark.parametrize("order, expected", [(DMY, "2021-03-05"), (MDY, "2021-05-03")])
def test_the_order_hint_decides_an_undecided_numeric_date(order, expected):
    assert parse_date("05/03/2021", order) == expected


def test_a_part_above_twelve_decides_and_tells_the_order():
    (found,) = find_dates("Updated 25/03/2021")
    assert found.iso == "2021-03-25" and found.order == DMY
    (found,) = find_dates("Posted 12/24/2012 10:29 AM")
    assert found.iso == "2012-12-24T10:29" and found.order == MDY


@pytest.mark.parametrize(
    "text, expected",
    [
        ("11.14.2019 09:00 AM", "2019-11-14T09:00"),  # a US site's dotted date: 14 is no month
        ("12.31.2020", "2020-12-31"),
        ("14.11.2019", "2019-11-14"),
        ("05.10.2018", "2018-10-05"),  # undecided by its parts: dots mean day first
    ],
)
def test_a_dotted_date_is_day_first_unless_its_day_cannot_be_a_month(text, expected):
    assert parse_date(text) == expected


def test_a_dotted_date_that_only_reads_month_first_tells_the_order():
    (found,) = find_dates("11.14.2019")
    assert found.order == MDY
    assert find_dates("13.13.2019") == [] and find_dates("05.10.2018")[0].order is None


@pytest.mark.parametrize(
    "text, dates",
    [
        # a dump that joined two elements without a space
        ("Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.", ["2019-11-20", "2019-11-20T01:35"]),
        ("21:17 18.11.2019Get short URL", ["2019-11-18"]),
        ("Posted 2021-03-05Share this", ["2021-03-05"]),
        ("May 5, 2021Next", ["2021-05-05"]),
        # or to its time
        ("Nov 15, 20195:45 AM", ["2019-11-15T05:45"]),
        ("15 March 202114:30", ["2021-03-15T14:30"]),
        ("2021-03-0509:15", ["2021-03-05T09:15"]),
    ],
)
def test_a_date_glued_to_the_next_capitalised_word_or_its_time_is_read_up_to_it(text, dates):
    assert [found.iso for found in find_dates(text)] == dates


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Tuesday 19 November 2019 11:42, UK", "11:42, UK"),  # a place or zone set off by a comma
        ("March 5, 2021 at 10:32 AM, EST", "AM, EST"),
        ("5 March 2021 10:32 CET", "10:32 CET"),
        ("5 March 2021 10:32, and the council met", "10:32"),  # a clause after the time is not read
        ("5 March 2021 10:32, Reuters reports", "10:32"),
        ("Fri 5 Mar 2021 10.32 GMTLast modified on", "10.32 GMT"),  # a zone glued to the next word
        ("Posted: Mar 5, 2021 / 10:32 AM EST", "AM EST"),  # a time set off by a slash
    ],
)
def test_a_times_zone_or_place_after_a_comma_is_read_with_it(text, end):
    (found,) = find_dates(text)
    assert text[: found.end].endswith(end)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2021年3月5日 10時32分", "2021-03-05T10:32"),  # a time in Chinese, Japanese or Korean words
        ("2021年3月5日 10时32分", "2021-03-05T10:32"),
        ("2021.03.05 10시 32분", "2021-03-05T10:32"),
        ("2021. 3. 5. 10:32", "2021-03-05T10:32"),  # a Korean date, a dot and a space after each part
        ("2021. 03. 05.", "2021-03-05"),
        ("2021. 03. 05. 오후 3:05", "2021-03-05T15:05"),  # morning or afternoon before the time
        ("2021年3月5日 午後3時05分", "2021-03-05T15:05"),
        ("2021年3月5日 10時5分", "2021-03-05T10:05"),  # minutes in one digit, as words write them
        ("2021年3月5日 9时5分", "2021-03-05T09:05"),
        ("2021.03.05 9시 5분", "2021-03-05T09:05"),
        ("2021年3月5日 10時5分30秒", "2021-03-05T10:05"),  # its seconds read past, as in 10時32分05秒
        ("2021-03-05 上午10:32", "2021-03-05T10:32"),
        ("5. 3. 2021 10:32", "2021-03-05T10:32"),  # Czech and Slovak: day first, a dot and a space after each
    ],
)
def test_east_asian_dates_and_times_are_read_whole(text, iso):
    (found,) = find_dates(text)
    assert (found.iso, found.end) == (iso, len(text))


@pytest.mark.parametrize(
    "text",
    [
        "March 5, 2021a",
        "2019Q3 results",
        "2021-03-05x",
        "05.10.2018abc",
        "May 5, 20215",
        "May 5, 20215.5",
        "May 5, 2021512:30",
    ],
)
def test_a_date_running_on_into_lower_case_letters_or_digits_is_none(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "host, order",
    [("news.example.de", DMY), ("example.co.uk", DMY), ("city.example.us", MDY), ("example.com", None), (None, None)],
)
def test_country_domains_imply_an_order_and_generic_ones_none(host, order):
    assert order_for_host(host) == order


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Jane Roe - 11/19/19 06:56 AM EST", "2019-11-19T06:56"),
        ("Updated: 11/19/19 6:56 PM", "2019-11-19T18:56"),
        ("18.11.19 14:30", "2019-11-18T14:30"),
        ("05.10.98 09:15", "1998-10-05T09:15"),
    ],
)
def test_a_two_digit_year_reads_with_a_time_after_it(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["11/19/19", "Version 10.5.18 released", "Scored 3-1-20 in the final"])
def test_a_two_digit_year_alone_is_no_date(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Updated Nov 19, 6:55 AM;Posted Nov 18, 8:19 PM", [(11, 19, "06:55"), (11, 18, "20:19")]),
        ("Posted Nov. 18", [(11, 18, None)]),
        ("November 19th", [(11, 19, None)]),
        ("19 Nov", [(11, 19, None)]),
        ("5 de marzo", [(3, 5, None)]),
        ("5. März, 14:30 Uhr", [(3, 5, "14:30")]),
        ("Nov 19, 2019", []),  # a date with its year is find_dates'
        ("19 November 2019", []),
        ("Apr. 28-29", []),  # a range
        ("The harbour board met on Tuesday.", []),
    ],
)
def test_find_yearless_reads_written_dates_without_a_year(text, found):
    from cleaner.dates import find_yearless

    assert [(date.month, date.day, date.clock) for date in find_yearless(text)] == found


def test_a_yearless_date_takes_the_year_it_is_given_when_the_day_exists():
    from cleaner.dates import find_yearless

    (nov,) = find_yearless("Posted Nov 18, 8:19 PM")
    assert nov.iso(2019) == "2019-11-18T20:19"
    (feb,) = find_yearless("Feb 29")
    assert feb.iso(2020) == "2020-02-29" and feb.iso(2019) is None
