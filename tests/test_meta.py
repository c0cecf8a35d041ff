"""Metadata normalisation: ISO dates, author lists, hostnames, and capture precedence."""

from __future__ import annotations

import pytest

from cleaner.meta import hostname_of, merge, normalise_date, split_authors, url_date
from cleaner.pagemeta import PageMeta


@pytest.mark.parametrize(
    "value,clock,expected",
    [
        ("2024-07-24", "15:50", "2024-07-24T15:50"),
        ("May 29, 2024", "03:14 pm", "2024-05-29T15:14"),
        ("12 March 2024", None, "2024-03-12"),
        ("29th May 2024", None, "2024-05-29"),
        ("2019-11-19T08:30:00+00:00", None, "2019-11-19T08:30:00"),
        ("2024-13-45", None, None),
        ("not a date", None, None),
    ],
)
def test_dates_become_iso_8601(value, clock, expected):
    assert normalise_date(value, clock) == expected


def test_authors_lose_by_prefix_and_split_on_conjunctions():
    assert split_authors("By Jane Roe and John Doe") == ["Jane Roe", "John Doe"]
    assert split_authors("By JANE ROE and JOHN DOE") == ["Jane Roe", "John Doe"]  # wire copy's capitals
    assert split_authors("Jane Roe; John Doe, Ann Lee") == ["Jane Roe", "John Doe", "Ann Lee"]


@pytest.mark.parametrize(
    "byline, names",
    [
        ("By Jane Roe, Associated Press", ["Jane Roe"]),
        ("The Associated Press", []),
        ("Reuters Staff", []),
        ("A.P.", []),
        ("AFP and John Doe", ["John Doe"]),
        ("Ann Lee | Editorial Board", ["Ann Lee"]),
    ],
)
def test_news_agencies_and_desks_are_not_authors(byline, names):
    assert split_authors(byline) == names


def test_a_name_printed_twice_in_a_row_is_one_author():
    assert split_authors("By Sean Martin Sean Martin") == ["Sean Martin"]
    assert split_authors("Maria de la Cruz Maria de la Cruz") == ["Maria de la Cruz"]
    assert split_authors("Martin Martin") == ["Martin Martin"]  # one word twice may be a name
    assert split_authors("Jane Roe Jane Doe") == ["Jane Roe Jane Doe"]


def test_author_parts_with_digits_are_not_names():
    assert split_authors("Jane Roe, 12 May 2024") == ["Jane Roe"]


def test_hostname_drops_www_and_case():
    assert hostname_of("https://WWW.Example.com/a?b") == "example.com"
    assert hostname_of("/relative/path") is None


def test_rule_captures_win_over_page_markup():
    meta = merge([{"title": "From rule"}], PageMeta(title="From page", authors=("Page Author",)), None)
    assert (meta.title, meta.author) == ("From rule", "Page Author")


def test_first_capture_wins_and_a_same_day_time_refines_it():
    captures = [{"date": "2024-05-29"}, {"date": "May 29, 2024", "time": "03:14 pm"}]
    assert merge(captures, None, None).date == "2024-05-29T15:14"


def test_a_different_later_date_does_not_replace_the_first():
    assert merge([{"date": "2024-05-29"}, {"date": "2023-01-01", "time": "10:00"}], None, None).date == "2024-05-29"


def test_given_url_is_the_fallback():
    meta = merge([], None, "https://www.example.com/story")
    assert (meta.url, meta.hostname) == ("https://www.example.com/story", "example.com")


@pytest.mark.parametrize(
    "url,day",
    [
        ("https://www.example.com/2019/11/19/us/politics/vote.html", "2019-11-19"),
        ("https://example.org/2019-11-19-council-votes", "2019-11-19"),
        ("https://example.com/2019/11/council-votes", None),  # a month is not a day
        ("https://example.com/news/12345", None),
        (None, None),
    ],
)
def test_a_url_dates_a_story_only_when_it_spells_the_whole_day(url, day):
    assert url_date(url) == day


def test_a_dump_without_a_date_takes_its_urls_and_a_stated_date_wins():
    url = "https://www.example.com/2019/11/19/council-votes.html"
    assert merge([], None, url).date == "2019-11-19"
    assert merge([{"date": "2019-11-18"}], None, url).date == "2019-11-18"
    assert merge([{"modified": "2019-12-01"}], None, url).date == "2019-11-19"  # published over updated
    assert merge([], None, "https://www.example.com/council-votes").date is None


@pytest.mark.parametrize(
    ("url", "year_month"),
    [
        ("https://www.nj.com/entertainment/2019/11/florida-man-exists.html", (2019, 11)),
        ("https://example.com/2019/3/slug/", (2019, 3)),
        ("https://example.com/2019/11/19/slug/", (2019, 11)),
        ("https://example.com/news/2019-11-slug", None),  # folders only
        ("https://example.com/2019/13/slug", None),
        ("https://example.com/page?d=/2019/11/", None),  # the path, not the query
        (None, None),
    ],
)
def test_url_month_is_the_year_and_month_a_urls_folders_spell(url, year_month):
    from cleaner.meta import url_month

    assert url_month(url) == year_month
