"""Dump headers and trailers: field blocks in many languages, front matter, titles, bylines, datelines."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config
from cleaner.document import Paragraph
from cleaner.header import is_prose, read_header, words_beside_relative_time

BODY = (
    "The council met on Tuesday evening and voted to keep the library open on weekends through the end "
    "of the year, officials said.\n\nResidents had asked for longer hours for months, and the vote was close."
)
FIRST = "The council met on Tuesday evening"


# The tests here never read the language: conftest's `cleaner` skips langdetect.
DETECT_LANGUAGE = False


def clean(cleaner, text, url=None):
    return cleaner.clean(text, kind="text", url=url)


# Invented header layouts: (id, dump, expected metadata). Each is checked for its fields, for a body
# that starts at the story, for a capture removal per header line, and for idempotence.
LAYOUTS = [
    (
        "en-colon-block",
        "Title: Library stays open on weekends\nAuthor: Jane Roe\nPublished: March 5, 2021\n"
        "Updated: March 6, 2021 10:15\nURL: https://news.example.org/library\n\n" + BODY,
        {
            "title": "Library stays open on weekends",
            "author": "Jane Roe",
            "date": "2021-03-05",
            "modified": "2021-03-06T10:15",
            "url": "https://news.example.org/library",
        },
    ),
    (
        "en-equals-any-order",
        "url=https://example.net/a\ndate=2021-03-05 08:00\nheadline=Library stays open\nwriter=Ann Lee\n\n" + BODY,
        {
            "title": "Library stays open",
            "author": "Ann Lee",
            "date": "2021-03-05T08:00",
            "url": "https://example.net/a",
        },
    ),
    (
        "en-dash-separator",
        "Headline - Library stays open\nReporter - Sam Okafor\nDate - 5 Mar 2021\n\n" + BODY,
        {"title": "Library stays open", "author": "Sam Okafor", "date": "2021-03-05"},
    ),
    (
        "en-tab-separator",
        "title\tLibrary stays open\nby\tMaria Lopez\nposted\t2021-03-05\n\n" + BODY,
        {"title": "Library stays open", "author": "Maria Lopez", "date": "2021-03-05"},
    ),
    (
        "de-block",
        "Titel: Bibliothek bleibt am Wochenende offen\nAutor: Hans Müller\nDatum: 5. März 2021\n"
        "Quelle: https://zeitung.example.de/bib\n\n" + BODY,
        {
            "title": "Bibliothek bleibt am Wochenende offen",
            "author": "Hans Müller",
            "date": "2021-03-05",
            "url": "https://zeitung.example.de/bib",
        },
    ),
    (
        "fr-block-numeric-date-on-fr-site",
        "Titre : La bibliothèque reste ouverte\nAuteur : Jeanne Roe\nPublié le : 05/03/2021\n\n" + BODY,
        {"title": "La bibliothèque reste ouverte", "author": "Jeanne Roe", "date": "2021-03-05"},
    ),
    (
        "es-trailer",
        BODY + "\n\nAutor: Juana Pérez\nFecha: 5 de marzo de 2021\nEnlace: https://diario.example.es/x\n"
        "Etiquetas: cultura, bibliotecas",
        {"author": "Juana Pérez", "date": "2021-03-05", "url": "https://diario.example.es/x"},
    ),
    (
        "pt-block",
        "Título: Biblioteca fica aberta\nPor: João Silva\nPublicado em: 5 de março de 2021 14:30\n\n" + BODY,
        {"title": "Biblioteca fica aberta", "author": "João Silva", "date": "2021-03-05T14:30"},
    ),
    (
        "it-block",
        "Titolo: La biblioteca resta aperta\nAutore: Mario Rossi\nData: 5 marzo 2021\nAggiornato il: 6 marzo 2021\n\n"
        + BODY,
        {
            "title": "La biblioteca resta aperta",
            "author": "Mario Rossi",
            "date": "2021-03-05",
            "modified": "2021-03-06",
        },
    ),
    (
        "nl-block",
        "Titel: Bibliotheek blijft open\nDoor: Jan de Vries\nGepubliceerd op: 5 maart 2021\n\n" + BODY,
        {"title": "Bibliotheek blijft open", "author": "Jan de Vries", "date": "2021-03-05"},
    ),
    (
        "ru-block",
        "Заголовок: Библиотека останется открытой\nАвтор: Иван Петров\nДата: 5 марта 2021 г.\n\n" + BODY,
        {"title": "Библиотека останется открытой", "author": "Иван Петров", "date": "2021-03-05"},
    ),
    (
        "zh-block",
        "标题：图书馆周末开放\n作者：张三\n发布时间：2021年3月5日 10:30\n来源：https://news.example.cn/a\n\n" + BODY,
        {"title": "图书馆周末开放", "author": "张三", "date": "2021-03-05T10:30", "url": "https://news.example.cn/a"},
    ),
    (
        "ja-block",
        "タイトル：図書館は週末も開館\n著者：山田太郎\n公開日：2021年3月5日\n\n" + BODY,
        {"title": "図書館は週末も開館", "author": "山田太郎", "date": "2021-03-05"},
    ),
    (
        "yaml-front-matter",
        '---\ntitle: "Library stays open"\nauthor: Jane Roe\ndate: 2021-03-05\nlastmod: 2021-03-07\n'
        "tags: [library, council]\n---\n\n" + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05", "modified": "2021-03-07"},
    ),
    (
        "toml-front-matter",
        '+++\ntitle = "Library stays open"\nauthor = "Jane Roe"\ndate = 2021-03-05T10:00:00Z\n+++\n\n' + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05T10:00:00"},
    ),
    (
        "markdown-title-emphasised-byline",
        "# Library stays open on weekends\n\n*By Jane Roe*\n\n" + BODY,
        {"title": "Library stays open on weekends", "author": "Jane Roe"},
    ),
    (
        "markdown-underscore-byline-dateline",
        "# Library stays open\n\n_by Jane Roe_\n\n**Tuesday 05 March 2021**\n\n" + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "pipe-site-suffix-and-byline",
        "Library stays open on weekends | Example News\n\nBy Jane Roe | March 5, 2021, 10:05 AM\n\n" + BODY,
        {"title": "Library stays open on weekends", "author": "Jane Roe", "date": "2021-03-05T10:05"},
    ),
    (
        "posted-on-by",
        "Library stays open on weekends\n\nPosted on March 5, 2021 by Jane Roe\n\n" + BODY,
        {"title": "Library stays open on weekends", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "name-dash-date",
        "Library stays open on weekends\n\nJane Roe — 5 March 2021\n\n" + BODY,
        {"title": "Library stays open on weekends", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "german-byline",
        "Bibliothek bleibt offen\n\nVon Hans Müller, 5. März 2021, 14:30 Uhr\n\n" + BODY,
        {"title": "Bibliothek bleibt offen", "author": "Hans Müller", "date": "2021-03-05T14:30"},
    ),
    (
        "french-byline-published-and-updated",
        "La bibliothèque reste ouverte\n\nPar Jeanne Roe | Publié le 5 mars 2021 à 14h30, mis à jour le 6 mars 2021 "
        "à 09h00\n\n" + BODY,
        {
            "title": "La bibliothèque reste ouverte",
            "author": "Jeanne Roe",
            "date": "2021-03-05T14:30",
            "modified": "2021-03-06T09:00",
        },
    ),
    (
        "bracketed-date-title",
        "[2021-03-05] Library stays open on weekends\n\n" + BODY,
        {"title": "Library stays open on weekends", "date": "2021-03-05"},
    ),
    (
        "updated-only",
        "Library stays open\n\nLast updated: 7 Mar 2021\n\n" + BODY,
        {"title": "Library stays open", "date": "2021-03-07", "modified": "2021-03-07"},
    ),
    (
        "navigation-above-headline-and-byline",
        "Home > News > Local\nMenu\nLibrary stays open on weekends | The Daily Example\nBy Jane Roe\n"
        "March 5, 2021\n" + BODY,
        {"title": "Library stays open on weekends", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "label-and-value-on-two-lines",
        "Author:\nJane Roe\nDate:\n5 March 2021\n\n" + BODY,
        {"author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "title-with-date-suffix",
        "Library stays open after the vote - 5 March 2021\n\n" + BODY,
        {"title": "Library stays open after the vote", "date": "2021-03-05"},
    ),
    (
        "site-named-twice",
        "The Daily Example\n\nLibrary stays open after the vote - The Daily Example\n\nShare this article\n\n" + BODY,
        {"title": "Library stays open after the vote", "sitename": "The Daily Example"},
    ),
    (
        "decorated-title-field",
        "Title: # **Library stays open** | Example News\n\n" + BODY,
        {"title": "Library stays open"},
    ),
    (
        "toml-front-matter-lenient-and-nested",
        '+++\ntitle = "Library stays open"\ndate = 2021-03-05T10:00:00+0100\n[extra]\nauthor = "Jane Roe"\n+++\n\n'
        + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05T10:00:00"},
    ),
    (
        "markdown-emphasis-inside-byline",
        "# Library stays open\n\n**Jane Roe** | March 5, 2021\n\n" + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "zh-title-over-name-dash-date",
        "图书馆周末开放\n\n张三 — 2021年3月5日\n\n" + BODY,
        {"title": "图书馆周末开放", "author": "张三", "date": "2021-03-05"},
    ),
    (
        "zh-date-then-fields-side-by-side",
        "图书馆周末开放 | 新闻网\n\n2021-03-05 10:30 来源：新闻网 作者：张三\n\n" + BODY,
        {"title": "图书馆周末开放", "author": "张三", "date": "2021-03-05T10:30"},
    ),
    (
        "zh-source-then-date",
        "图书馆周末开放\n\n来源：新闻网 2021-03-05 10:30\n\n" + BODY,
        {"title": "图书馆周末开放", "date": "2021-03-05T10:30"},
    ),
    (
        "zh-source-bar-date",
        "图书馆周末开放\n\n来源：新闻网 | 2021年3月5日\n\n" + BODY,
        {"title": "图书馆周末开放", "date": "2021-03-05"},
    ),
    (
        "source-name-then-date",
        "Library stays open\n\nSource: Example News 05.03.2021\n\n" + BODY,
        {"title": "Library stays open", "date": "2021-03-05"},
    ),
    (
        "zh-slash-prefix-and-weekday",
        "图书馆周末开放\n\n文/张三\n\n2021年3月5日 星期五\n\n" + BODY,
        {"title": "图书馆周末开放", "author": "张三", "date": "2021-03-05"},
    ),
    (
        "zh-name-space-date",
        "图书馆周末开放\n\n张三 2021年3月5日 10:30\n\n" + BODY,
        {"title": "图书馆周末开放", "author": "张三", "date": "2021-03-05T10:30"},
    ),
    (
        "fields-under-a-footer",
        BODY + "\n\n© 2021 Example News. All rights reserved.\n\nPrivacy Policy\n\nTitle: Library stays open\n\n"
        "Author: Jane Roe\n\nTags\n\nDate: 2021-03-05",
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "fields-under-a-related-list",
        BODY + "\n\nMore from Example News\nBridge reopens after repairs\nSchool budget approved\n"
        "Title=Library stays open\nAuthor=Jane Roe\nDate=2021-03-05",
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "dash-fields-under-a-comment-prompt",
        "\n\n".join([BODY] * 3)
        + "\n\nAdd a comment\n\ndate - 05.03.2021\nauthor - Jane Roe\ntitle - Library stays open\n"
        "tags - library, council",
        {"title": "Library stays open", "author": "Jane Roe", "date": "2021-03-05"},
    ),
    (
        "month-first-date-with-a-day-above-twelve",
        "Library stays open\n\nJane Roe | 12/24/2012 10:29 AM\n\n" + BODY,
        {"title": "Library stays open", "author": "Jane Roe", "date": "2012-12-24T10:29"},
    ),
    (
        "crawl-date-loses-to-published",
        "Crawled: 2022-01-01\nTitle: Library stays open\nPublished: 2021-03-05\n\n" + BODY,
        {"title": "Library stays open", "date": "2021-03-05"},
    ),
]


@pytest.mark.parametrize("dump, expected", [case[1:] for case in LAYOUTS], ids=[case[0] for case in LAYOUTS])
def test_header_layouts_give_their_metadata(cleaner, dump, expected):
    url = "https://www.journal.example.fr/a" if "fr-site" in dump or "Publié le :" in dump else None
    doc = clean(cleaner, dump, url)
    assert {key: getattr(doc, key) for key in expected} == expected


@pytest.mark.parametrize("dump", [case[1] for case in LAYOUTS], ids=[case[0] for case in LAYOUTS])
def test_header_lines_leave_the_body_with_a_removal_record(cleaner, dump):
    doc = clean(cleaner, dump)
    assert doc.text.startswith(FIRST) and doc.text.endswith("the vote was close.")
    assert any(removal.kind in ("capture", "title") for removal in doc.removed)


@pytest.mark.parametrize("dump", [case[1] for case in LAYOUTS], ids=[case[0] for case in LAYOUTS])
def test_cleaning_a_cleaned_dump_again_changes_nothing(cleaner, dump):
    once = clean(cleaner, dump).text
    assert clean(cleaner, once).text == once


def test_a_dump_that_is_all_header_gives_empty_text_and_its_removals(cleaner):
    doc = clean(cleaner, "Title: Nothing here\nAuthor: Jane Roe\nDate: 2021-03-05")
    assert doc.text == "" and doc.title == "Nothing here" and len(doc.removed) == 3


def test_a_date_that_cannot_be_read_is_not_guessed(cleaner):
    doc = clean(cleaner, "Title: Library\nDate: 45/45/2021\n\n" + BODY)
    assert doc.date is None and doc.text.startswith(FIRST)


def test_an_undecided_numeric_date_stays_out_without_a_hint(cleaner):
    assert clean(cleaner, "Title: Library\nDate: 05/03/2021\n\n" + BODY).date is None


def test_another_date_of_the_dump_decides_the_order(cleaner):
    doc = clean(cleaner, "Title: Library\nDate: 05/03/2021\nUpdated: 25/03/2021\n\n" + BODY)
    assert (doc.date, doc.modified) == ("2021-03-05", "2021-03-25")


def test_a_us_site_reads_numeric_dates_month_first(cleaner):
    assert clean(cleaner, "Date: 05/03/2021\n\n" + BODY, "https://city.example.us/a").date == "2021-05-03"


def test_a_site_suffix_naming_the_host_becomes_the_sitename(cleaner):
    doc = clean(
        cleaner,
        "Library stays open on weekends - Springfield Herald\n\nJane Roe — 5 March 2021\n\n" + BODY,
        "https://www.springfieldherald.com/x",
    )
    assert (doc.title, doc.sitename) == ("Library stays open on weekends", "Springfield Herald")


def test_a_dash_inside_a_title_stays_when_nothing_names_a_site(cleaner):
    doc = clean(cleaner, "Title: Brexit - what happens next\n\n" + BODY)
    assert doc.title == "Brexit - what happens next"


def test_modified_is_in_the_json_only_when_given(cleaner):
    assert "modified" not in clean(cleaner, "Title: A\nDate: 2021-03-05\n\n" + BODY).to_dict()
    assert clean(cleaner, "Title: A\nUpdated: 2021-03-06\n\n" + BODY).to_dict()["modified"] == "2021-03-06"


@pytest.mark.parametrize(
    "line",
    [
        "Source: people familiar with the matter",
        "By then the market had closed.",
        "Section 230 of the act was not discussed.",
        "Jane Roe",
        "date 2024-05-29 Next Article",
    ],
)
def test_body_like_lines_in_the_header_are_not_taken(line):
    header = read_header([Paragraph(line), Paragraph(BODY.split("\n\n")[0])], None)
    assert header.removed == [] and header.captures == []


def test_the_header_steps_can_be_disabled_like_rules():
    doc = Cleaner(Config(detect_language=False, disabled_rules=("generic.header-field",))).clean(
        "Reporter = Sam Okafor\n\n" + BODY, kind="text"
    )
    assert doc.author is None and doc.text.startswith("Reporter = Sam Okafor")


@pytest.mark.parametrize(
    "dump",
    [
        "Chip Maker Posts Record Profit In Third Quarter\n\nWhy It Matters For Investors Now\n\n" + BODY,
        "Title: A story\n\nZürich’s café reopened — finally\n\n" + BODY,
        "Markets\n\nWhat Happened On The Trading Floor Today\n\n"
        + BODY
        + "\n\nWhat Comes Next For The Council\n\n"
        + BODY,
    ],
)
def test_a_body_opening_with_a_heading_keeps_it_on_every_pass(cleaner, dump):
    once = clean(cleaner, dump).text
    assert clean(cleaner, once).text == once


def test_the_page_language_decides_a_numeric_date_when_nothing_else_does():
    french = (
        "Titre : La bibliothèque reste ouverte\nPublié le : 05/03/2021\n\nLe conseil municipal a voté mardi "
        "soir pour garder la bibliothèque ouverte le week-end jusqu'à la fin de l'année."
    )
    assert Cleaner().clean(french, kind="text").date == "2021-03-05"


def test_english_alone_does_not_decide_a_numeric_date():
    assert Cleaner().clean("Title: Library\nPublished: 05/03/2021\n\n" + BODY, kind="text").date is None


def test_several_fields_on_one_line_are_all_read(cleaner):
    doc = clean(cleaner, "Date: November 5, 2012 | Category: Tips | Author: Lauren Riefflin\n\n" + BODY)
    assert (doc.date, doc.author) == ("2012-11-05", "Lauren Riefflin") and doc.text.startswith(FIRST)


@pytest.mark.parametrize("line", ["by Date", "by Thread", "By Tuesday", "By Tuesday November 5, 2019"])
def test_one_word_after_by_is_not_a_byline(line):
    header = read_header([Paragraph(line), Paragraph(BODY.split("\n\n")[0])], None)
    assert header.removed == []


def test_a_dump_that_loses_nothing_is_clean_text_and_keeps_its_first_line(cleaner):
    """Clean text has no header to read; taking its first line would change it on every pass."""
    doc = clean(cleaner, "Library stays open after the vote\n\n" + BODY)
    assert doc.title is None and doc.text.startswith("Library stays open after the vote")


def test_a_dump_with_boilerplate_anywhere_gives_its_headline(cleaner):
    doc = clean(cleaner, "Library stays open after the vote\n\n" + BODY + "\n\nShare this article")
    assert doc.title == "Library stays open after the vote" and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "dump, title, author",
    [
        ("제목: 다리 재개통\n기자: 김철수\n입력: 2023년 5월 14일 10:30", "다리 재개통", "김철수"),
        ("العنوان: إعادة فتح الجسر\nالكاتب: أحمد علي\nالتاريخ: 2023-05-14", "إعادة فتح الجسر", "أحمد علي"),
        ("Tytuł: Most otwarty\nAutor: Jan Kowalski\nData publikacji: 14 maja 2023", "Most otwarty", "Jan Kowalski"),
        ("Başlık: Köprü açıldı\nYazar: Ayşe Yılmaz\nTarih: 14 Mayıs 2023", "Köprü açıldı", "Ayşe Yılmaz"),
        ("Titulek: Most otevřen\nAutor: Jan Novák\nPublikováno: 14. května 2023 v 10:30", "Most otevřen", "Jan Novák"),
        ("Назва: Міст відкрито\nАвтор: Олена Коваль\nОпубліковано: 14 травня 2023 р.", "Міст відкрито", "Олена Коваль"),
        ("Tiêu đề: Cầu thông xe\nTác giả: Nguyễn Văn An\nNgày đăng: 14/05/2023 10:30", "Cầu thông xe", "Nguyễn Văn An"),
        ("عنوان: بازگشایی پل\nنویسنده: علی رضایی\nتاریخ انتشار: ۱۴ مه ۲۰۲۳", "بازگشایی پل", "علی رضایی"),
    ],
)
def test_more_languages_and_scripts_without_capitals(cleaner, dump, title, author):
    doc = clean(cleaner, dump + "\n\n" + BODY)
    assert (doc.title, doc.author, doc.date[:10]) == (title, author, "2023-05-14") and doc.text.startswith(FIRST)


def test_an_author_field_takes_a_lower_case_name_and_gives_it_in_a_names_case(cleaner):
    assert clean(cleaner, "Author: jane roe\n\n" + BODY).author == "Jane Roe"
    assert clean(cleaner, "Author: jroe\n\n" + BODY).author == "jroe"  # a login stays as it is


def test_other_key_value_lines_inside_a_field_block_go_with_it(cleaner):
    dump = "Headline: Library stays open\nWord count: 523\nReading time: 3 min\nAuthor | Jane Roe\n\n"
    doc = clean(cleaner, dump + BODY)
    assert (doc.title, doc.author) == ("Library stays open", "Jane Roe") and doc.text.startswith(FIRST)


def test_a_key_value_line_without_a_known_field_beside_it_stays(cleaner):
    doc = clean(cleaner, "Note: prices rose 5% in May.\n\n" + BODY)
    assert doc.text.startswith("Note: prices rose 5% in May.")


@pytest.mark.parametrize(
    "line",
    [
        "Published 3 hours ago",
        "Aktualisiert vor 2 Stunden",
        "Publié il y a 3 jours",
        "Publikováno před 3 hodinami",
        "Cập nhật 3 giờ trước",
        "Опубліковано 2 години тому",
    ],
)
def test_a_relative_dateline_leaves_the_body_without_a_guessed_date(cleaner, line):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.date is None and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    ("line", "beside"),
    [
        ("2 days ago at 07:47 am", 0),  # the clock and its filler words count for nothing
        ("about 1 hour, 22 minutes ago", 1),
        ("a week ago", 0),
        ("jroe \u00b7 3 years ago", 1),  # a writer beside it
        ("Hans vor 2 Tagen", 1),
        ("Marie il y a 2 jours", 1),
        ("Juan hace 3 d\u00edas", 1),
        ("By Jane Roe 2 days ago", 3),
        ("The vote came 2 days ago after a long debate in the council.", 8),
        ("Nick A", None),  # no relative time
        ("March 5, 2021 at 4:12 pm", None),
    ],
)
def test_the_words_beside_a_relative_time(line, beside):
    assert words_beside_relative_time(line) == beside


@pytest.mark.parametrize(
    "line, author, date",
    [
        ("By Jane Roe on March 5, 2021", "Jane Roe", "2021-03-05"),
        ("By Jane Roe, Staff Writer | March 5, 2021", "Jane Roe", "2021-03-05"),
        ("By Jane Roe and John Doe, Associated Press", "Jane Roe; John Doe", None),
        ("Written by Jane Roe on 5 March 2021 at 14:30", "Jane Roe", "2021-03-05T14:30"),
        ("By Jane Roe at 10:05 on March 5, 2021", "Jane Roe", "2021-03-05"),
        ("March 5, 2021 | Jane Roe | 4 min read", "Jane Roe", "2021-03-05"),
    ],
)
def test_bylines_with_roles_outlets_times_and_reading_time(cleaner, line, author, date):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert (doc.author, doc.date) == (author, date) and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "line", ["Library stays open | The Daily Example", "## Library stays open", "**Library stays open**"]
)
def test_a_known_title_leaves_the_body_in_its_decorated_forms(cleaner, line):
    doc = clean(cleaner, "Title: Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.title == "Library stays open" and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "dump",
    [
        "Home > News > Local\nAuthor: Jane Roe\nLibrary stays open after the vote\n\n" + BODY,
        "News | Sport | Weather\nLibrary stays open after the vote\nShare this\n\n" + BODY,
    ],
)
def test_a_menu_or_breadcrumb_is_never_the_headline_and_goes_above_it(cleaner, dump):
    doc = clean(cleaner, dump)
    assert doc.title == "Library stays open after the vote" and doc.text.startswith(FIRST)


def test_a_dash_after_a_label_needs_a_list_to_be_a_tags_line(cleaner):
    assert read_header([Paragraph(BODY), Paragraph("tags - library, council")], None).paragraphs == [Paragraph(BODY)]
    kept = read_header([Paragraph(BODY), Paragraph("Section - a story about sections")], None).paragraphs
    assert kept[-1].text == "Section - a story about sections"


def test_a_rule_between_two_body_lines_is_not_front_matter(cleaner):
    dump = "Notes\n---\nNote: the vote was close and the hall was full.\n---\n" + BODY
    doc = clean(cleaner, dump)
    assert "Note: the vote was close" in doc.text


def test_front_matter_under_a_menu_line_is_read_and_leaves_the_body(cleaner):
    dump = 'Guides / Gardening / Houseplants\n---\ntitle: "Library stays open"\nauthor: Jane Roe\n---\n' + BODY
    doc = clean(cleaner, dump)
    assert (doc.title, doc.author) == ("Library stays open", "Jane Roe")
    assert "---" not in doc.text and "title:" not in doc.text and doc.text.endswith("the vote was close.")


@pytest.mark.parametrize(
    "line, author",
    [
        ("Maria de la Cruz — 5 March 2021", "Maria de la Cruz"),
        ("Jean-Pierre van der Berg - 2021-03-05", "Jean-Pierre van der Berg"),
        ("Mohammed bin Rashid al-Maktoum - 2021-03-05", "Mohammed bin Rashid al-Maktoum"),
        ("Ahmed al-Sayed | 5 March 2021", "Ahmed al-Sayed"),
    ],
)
def test_a_bare_name_with_particles_before_a_date_is_a_byline(cleaner, line, author):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert (doc.author, doc.date) == (author, "2021-03-05") and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "line",
    [
        "Read More Top Stories — 5 March 2021",  # four capitalised words: a title-case headline as often as a name
        "Life in the City — 5 March 2021",
        "Paris de la Mode de Luxe — 5 March 2021",  # too many words for a name
        "de la Cruz and the Harbour — 5 March 2021",
        "Police Van Hits Cyclist — 5 March 2021",  # a capitalised particle is a word of a title-case headline
        "Tour De France Results — 5 March 2021",
    ],
)
def test_a_title_case_line_before_a_date_names_no_author(line):
    header = read_header([Paragraph(line), Paragraph(BODY.split("\n\n")[0])], None)
    assert not any("author" in found for found in header.captures)


def test_comment_prompts_over_a_field_block_and_a_footer_leave_the_fields_to_the_header(cleaner):
    fields = "Tags: library, council\n\nPublished: 5 March 2021"
    trailer = "Leave a comment\n\nJoin the discussion\n\n" + fields + "\n\n© 2021 The Daily\n\nPrivacy Policy"
    doc = clean(cleaner, "Library stays open\n\n" + BODY + "\n\n" + trailer)
    assert doc.date == "2021-03-05"
    assert doc.text == BODY


@pytest.mark.parametrize(
    "opener, name",
    [("By", "Sarah E. Needleman"), ("by", "Bryan DeArdo"), ("Von", "Moritz Bachmann"), ("Por", "Clarissa Borba")],
)
def test_a_byline_opener_alone_on_its_line_takes_the_name_under_it(cleaner, opener, name):
    # a page dumped a line per element breaks '<span>By</span> <a>Name</a>' in two
    doc = clean(cleaner, f"Library Stays Open on Weekends\n\n{opener}\n\n{name}\n\nMarch 5, 2021\n\n{BODY}")
    assert (doc.authors, doc.date) == ([name], "2021-03-05")
    assert opener not in doc.text.split("\n\n") and doc.text.startswith(FIRST)


def test_a_byline_opener_over_a_line_that_is_no_name_reads_nothing(cleaner):
    doc = clean(cleaner, f"By\n\nTuesday the council met again\n\n{BODY}")
    assert doc.authors == [] and doc.text.startswith("By")


def test_the_first_dateline_anywhere_dates_a_dump_that_has_none_in_its_header(cleaner):
    # a whole page: its dateline under more menu lines than the header reader passes
    menus = "\n\n".join([*(f"Section {number}" for number in range(1, 20)), "Library Stays Open on Weekends"])
    doc = clean(cleaner, f"{menus}\n\nNew Delhi, News Bureau | Updated: 5 March 2021, 09:01 AM\n\n{BODY}")
    assert doc.date == "2021-03-05T09:01" and doc.authors == []  # a place beside a date is no author
    assert "Updated" not in doc.text


def test_a_date_inside_prose_does_not_date_a_dump(cleaner):
    prose = "The library first opened on March 5, 1921, and has kept its weekend hours ever since, officials said."
    doc = clean(cleaner, f"Home\n\nNews\n\n{prose}\n\n{BODY}")
    assert doc.date is None and prose in doc.text


@pytest.mark.parametrize(
    ("line", "captured"),
    [
        # a label with the time between it and its date
        ("Updated at 5:36 PM CST on Nov 18, 2019", {"modified": "2019-11-18"}),
        (
            "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019",
            {"date": "2019-11-18T16:07", "modified": "2019-11-18"},
        ),
        (
            "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
            {"date": "2019-11-19", "modified": "2019-11-19"},
        ),
        # marks alone between the parts, brackets around the date
        ("| November 18, 2019 -- 19:14 GMT (19:14 GMT)", {"date": "2019-11-18"}),
        ("Published: [2021-03-05]", {"date": "2021-03-05"}),
        ("Updated 0339 GMT (1139 HKT) November 19, 2019", {"modified": "2019-11-19"}),  # four-digit times
        ("Updated: 1500 GMT, March 5, 2021", {"modified": "2021-03-05"}),
        ("기사입력 :[ 2018-08-25 15:24 ]", {"date": "2018-08-25T15:24"}),
        (
            "기사입력 2018.08.25 15:24 | 최종수정 2018.08.25 15:30",
            {"date": "2018-08-25T15:24", "modified": "2018-08-25T15:30"},
        ),
        ("11.15.2019 10:09 AM", {"date": "2019-11-15T10:09"}),  # month first, as its 15 shows
        # two elements of a page joined without a space
        ("Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.", {"date": "2019-11-20", "modified": "2019-11-20T01:35"}),
        ("Nov 15, 20195:45 AM", {"date": "2019-11-15T05:45"}),
    ],
)
def test_datelines_with_a_time_or_marks_between_their_parts(line, captured):
    from cleaner.header import read_dateline

    found = read_dateline([Paragraph(line)], None)
    assert found is not None and found.read.captures == [captured]


@pytest.mark.parametrize(
    "line",
    [
        "Updated at 5:36 PM the council met on Nov 18, 2019",  # words after the time: not a label's
        "Posted at 7:30 pm by the harbour office on March 5, 2021",
        "Room 1500 EST March 5, 2021",  # four digits and capitals after a word that is no label
    ],
)
def test_a_time_between_a_label_and_a_date_takes_nothing_else(line):
    from cleaner.header import read_dateline

    assert read_dateline([Paragraph(line)], None) is None


@pytest.mark.parametrize("line", ["By JERUSALEM POST STAFF", "By HNN Staff | March 5, 2021", "By The Associated Press"])
def test_a_byline_naming_a_desk_leaves_the_body_without_an_author(cleaner, line):
    doc = clean(cleaner, f"{line}\n\n{BODY}")
    assert doc.authors == [] and line not in doc.text


@pytest.mark.parametrize(
    ("line", "author"),
    [("Chris Pokorny@DawgsByNature", "Chris Pokorny"), ("Nishant Kumar @Nishantopines", "Nishant Kumar")],
)
def test_a_name_with_its_social_account_is_a_names_line(line, author):
    from cleaner.header import names_line

    assert names_line(line) == {"author": author}
    assert names_line("Jane Roe jane@example.com") is None  # an e-mail address is no account


@pytest.mark.parametrize(
    "line",
    [
        "Whatsapp Facebook Pint Baixar",
        "Facebook Twitter Email",
        "Share on Facebook",
        "Linkedin Telegram",
        "View Profile",
        "Categories England",  # a post's sections after their label, a dump dropping the colon
        "Topics Climate Change",
    ],
)
def test_a_share_bar_or_an_author_box_label_is_no_names_line(line):
    from cleaner.header import names_line

    assert names_line(line) is None
    assert read_header([Paragraph(line), *map(Paragraph, BODY.split("\n\n"))], None).captures == []


def test_a_social_account_between_a_bylines_parts_is_read_and_dropped():
    from cleaner.header import read_dateline

    found = read_dateline([Paragraph("By Jane Roe | @janeroe | March 5, 2021")], None)
    assert found is not None and found.read.captures == [{"author": "Jane Roe", "date": "2021-03-05"}]


def test_read_dateline_keeps_only_the_dates_of_the_first_dateline():
    from cleaner.header import read_dateline

    lines = [Paragraph("Weather"), Paragraph("Jane Roe | March 5, 2021"), Paragraph("Updated March 6, 2021")]
    line, read, _ = read_dateline(lines, None)
    assert line is lines[1] and read.captures == [{"date": "2021-03-05"}]
    assert read_dateline([Paragraph("Weather"), Paragraph(BODY)], None) is None


def test_a_mastheads_date_alone_gives_way_to_the_dateline_over_the_story():
    from cleaner.header import read_dateline

    masthead, story = Paragraph("Wednesday, November 20, 2019"), Paragraph(BODY)
    menus = [Paragraph(text) for text in ("News", "Sport", "Weather", "Library stays open")]
    dateline = Paragraph("November 18, 2019 12:01 PM")
    line, read, _ = read_dateline([masthead, *menus, dateline, story], None)
    assert line is dateline and read.captures == [{"date": "2019-11-18T12:01"}]
    # a date with a time, or one with the story under it, is the story's; past a standfirst, prose
    # between ends the search
    timed = Paragraph("November 20, 2019 9:15 AM")
    assert read_dateline([timed, *menus, dateline, story], None).line is timed
    assert read_dateline([masthead, story, dateline, story], None).line is masthead
    standfirst = Paragraph("The library board voted to keep the branch open on weekends after a year of petitions.")
    assert read_dateline([masthead, *menus, standfirst, dateline, story], None).line is dateline
    assert read_dateline([masthead, *menus, standfirst, story, dateline, story], None).line is masthead


def test_a_date_alone_at_the_top_gives_way_to_the_storys_dateline_under_it(cleaner):
    # the masthead's date (today's) over the menus; the header reads the story's dateline too
    dump = "\n\n".join(
        ["Wed, Nov 20, 2019", "News", "Sport", HEADLINE, "By", "Jane Roe", "On 11/13/19 at 4:00 PM EST", BODY]
    )
    doc = clean(cleaner, dump)
    assert (doc.date, doc.authors) == ("2019-11-13T16:00", ["Jane Roe"])
    # a later dated line is no story's over today's date: an update, a comment
    doc = clean(cleaner, "\n\n".join(["March 5, 2021", "Updated: March 6, 2021", BODY]))
    assert doc.date == "2021-03-05"


def test_a_date_alone_at_the_top_gives_way_to_the_storys_dateline_far_under_it(cleaner):
    # past the header's reach, under the menus: the dateline read mid-page outranks the masthead's
    menus = [f"Section {number}" for number in range(1, 20)]
    dump = "\n".join(["November 20, 2019", *menus, HEADLINE, "Jane Roe", "Nov. 18, 2019 7:04 pm ET", BODY])
    doc = clean(cleaner, dump)
    assert doc.date == "2019-11-18T19:04" and doc.authors == ["Jane Roe"]


@pytest.mark.parametrize(
    ("line", "beside"),
    [
        ("Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM", 0),  # dates without a year, times, labels
        ("November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM", 0),
        ("Mittwoch, 20. November 2019, 11:42 Uhr", 0),
        ("Today 12:01 AM", 1),
        ("Apple unveils its phones on October 13, 2026", 4),
        ("Apple to unveil its phones on October 13", None),  # no date with a year, no time
        ("The council voted on the harbour plan", None),
    ],
)
def test_words_beside_dates_count_what_is_not_a_date_a_time_or_their_labels(line, beside):
    from cleaner.header import words_beside_dates

    assert words_beside_dates(line) == beside


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Tim Childers - Live Science Contributor", "Tim Childers"),
        ("Yasemin Saplakoglu - Staff Writer", "Yasemin Saplakoglu"),
        ("Robert A. Senser, editor", "Robert A. Senser"),
        ("Jane Roe | Senior Correspondent", "Jane Roe"),
    ],
)
def test_a_name_and_the_job_title_closing_its_line_is_a_byline(cleaner, line, author):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.author == author and line not in doc.text and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    ("line", "author"),
    [
        # a dump that joined a byline's elements with spaces ran the job title on from the name
        ("Bruce Y. Lee Senior Contributor", "Bruce Y. Lee"),
        ("Jane Roe Staff Writer", "Jane Roe"),
        ("Written by Jane Roe Contributing Writer", "Jane Roe"),
        ("By Jane Roe Chief Political Correspondent", "Jane Roe"),
        ("Ana Souza Correspondente", None),  # one word of title without 'By': no byline (below)
    ],
)
def test_a_job_title_run_on_from_the_name_closes_a_byline(cleaner, line, author):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    if author is None:
        assert doc.authors == [] and line in doc.text
    else:
        assert doc.author == author and line not in doc.text and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "line",
    [
        "Contact Our Editor",  # a capitalised phrase over one word of title names nobody
        "Become A Contributor",
        "Ask The Correspondent",
        "Meet The Team Staff Writer",
        "Letters To The Editor",
    ],
)
def test_a_phrase_ending_in_a_job_title_is_no_byline(cleaner, line):
    assert clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY).authors == []


@pytest.mark.parametrize(
    ("line", "captured"),
    [
        # a label set off from its date by filler words
        ("Von Moritz Bachmann publiziert am 25. September 2018", {"author": "Moritz Bachmann", "date": "2018-09-25"}),
        ("Door Jan de Vries geplaatst op 5 maart 2021", {"author": "Jan de Vries", "date": "2021-03-05"}),
        # the section or the comments a dump ran on to a byline after its date
        ("By Mike Wall 2019-11-18T20:51Z Science & Astronomy", {"author": "Mike Wall", "date": "2019-11-18T20:51"}),
        ("By Jane Roe March 5, 2021 | Arts & Culture | Leave a comment", {"author": "Jane Roe", "date": "2021-03-05"}),
    ],
)
def test_a_bylines_label_and_tail_around_its_date(line, captured):
    from cleaner.header import _byline

    pending: list = []
    found = _byline(line, pending)
    assert found is not None and found.get("author") == captured["author"]
    assert [when.iso for _, _, when in pending] == [captured["date"]]


@pytest.mark.parametrize(
    "line",
    [
        "Jane Roe March 5, 2021 Science & Astronomy",  # no 'By': the tail is not read past a bare name
        "By Jane Roe March 5, 2021 | Stories we are reading now",  # more words than a label's
        "By Jane Roe March 5, 2021 | Arts & Culture | Books & Writers | Film & Stage",  # more labels than a tail's
        "By Jane Roe March 5, 2021 | 3 ways to save",
        "by Jane Roe on March 5, 2021 at 10:12 am. Reply #",  # a reader's comment over its reply button
        "by Jane Roe on Aug 8, 2012 9:37 AM MST up reply actions",
        "von Jane Roe am 5. März 2021 um 10:12 Uhr Antworten",
    ],
)
def test_a_bylines_tail_is_a_label_or_two_after_a_by(line):
    from cleaner.header import _byline

    assert _byline(line, []) is None


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        # 'posted by' in the web's large languages, the page's other fields run on after the name
        (
            "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: saúde, bem-estar",
            "Clarissa Borba",
            None,
        ),
        ("October 5, 2018 - Posted by: Jane Roe - Category: Health", "Jane Roe", "2018-10-05"),
        ("By Jane Roe | March 5, 2021 | Filed under: Politics, Economy", "Jane Roe", "2021-03-05"),
        ("By Tim Ferriss Topics: Entrepreneurship", "Tim Ferriss", None),
        ("Publié par Jeanne Roe le 5 mars 2021", "Jeanne Roe", "2021-03-05"),
        ("Postado por João Silva em 5 de março de 2021", "João Silva", "2021-03-05"),
        ("Veröffentlicht von Hans Müller am 5. März 2021", "Hans Müller", "2021-03-05"),
        ("Pubblicato da Mario Rossi il 5 marzo 2021", "Mario Rossi", "2021-03-05"),
        ("Gepubliceerd door Jan de Vries op 5 maart 2021", "Jan de Vries", "2021-03-05"),
        ("Opublikował Jan Kowalski, 5 marca 2021", "Jan Kowalski", "2021-03-05"),
        ("Diposting oleh Budi Santoso pada 5 Maret 2021", "Budi Santoso", "2021-03-05"),
    ],
)
def test_a_posted_by_byline_and_the_fields_after_it(line, author, date):
    from cleaner.header import _byline

    pending: list = []
    found = _byline(line, pending)
    assert found is not None and found.get("author") == author
    assert [when.iso for _, _, when in pending if when.iso] == ([date] if date else [])


@pytest.mark.parametrize(
    ("line", "author", "date"),
    [
        ("Author: Jane Roe | 5 March 2021", "Jane Roe", "2021-03-05"),  # the year is no comment count
        ("Автор: Иван Петров | 5 марта 2021", "Иван Петров", "2021-03-05"),
        ("Author: Jane Roe 12", "Jane Roe", None),  # a comment count after the name
        # the section a post was filed in, after its byline
        ("Posted on March 5, 2021 by Jane Roe in Politics", "Jane Roe", "2021-03-05"),
        ("Posted on March 5, 2021 by Jane Roe in Politics, Local News", "Jane Roe", "2021-03-05"),
        ("Postado por João Silva em Notícias em 5 de março de 2021", "João Silva", "2021-03-05"),
        ("By Maria de la Cruz in Culture", "Maria de la Cruz", None),
        ("山田太郎 2021年3月5日 10時32分 配信", "山田太郎", "2021-03-05"),  # 'published' after the date
        ("Publikováno: 5. 3. 2021 10:32", None, "2021-03-05"),
        ("Yayınlanma: 05.03.2021 10:32 | Güncelleme: 05.03.2021 11:00", None, "2021-03-05"),
        ("Source: Reuters | March 5, 2021", None, "2021-03-05"),  # a source named without a URL is no writer
        ("Tags: politics, transport | 5 March 2021", None, "2021-03-05"),  # a date alone among fields
        # a name in a script without case, its title after it
        ("김철수 기자 | 입력 2021.03.05 10:32", "김철수", "2021-03-05"),
        ("王小明 记者 2021-03-05", "王小明", "2021-03-05"),
        ("山田太郎 記者 2021年3月5日", "山田太郎", "2021-03-05"),
    ],
)
def test_header_lines_give_their_writer_and_date(cleaner, line, author, date):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.authors == ([author] if author else []) and doc.text.startswith(FIRST)
    assert (doc.date or "")[:10] == (date or "")


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("By Jane Roe in the garden", None),  # a phrase, not a section: no byline
        ("By Leonardo di Caprio", {"author": "Leonardo di Caprio"}),  # a particle, not 'in'
        ("Door Jan de Vries en Piet Jansen", {"author": "Jan de Vries and Piet Jansen"}),  # 'en' joins names
    ],
)
def test_what_follows_in_after_a_byline_must_be_a_section(line, read):
    from cleaner.header import _byline

    assert _byline(line, []) == read


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Jane Roe (@janeroe) | 5 March 2021", "Jane Roe"),  # the account in brackets
        ("Last updated: 5 hours ago | By Jane Roe", "Jane Roe"),  # a relative time dates nothing, the name stays
        ("Updated 5 hours ago | By Jane Roe", "Jane Roe"),
        ("vor 3 Stunden | Von Hans Müller", "Hans Müller"),
    ],
)
def test_a_byline_beside_an_account_or_a_relative_time_gives_its_writer(cleaner, line, author):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.authors == [author] and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    "line",
    ["— The Harbour Council (@HarbourCouncil) October 9, 2018", "Jane Roe (@janeroe) November 2, 2012"],
)
def test_a_quoted_posts_signature_is_no_byline(line):
    from cleaner.header import _byline

    assert _byline(line, []) is None  # an embedded post's name, account and date, quoted in the story


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Roe Note: this story was updated to correct the name of the mayor",  # a sentence after the label
        "Jane Roe Category: Health",  # no 'By' and no date: a name is not read before a label alone
    ],
)
def test_a_label_after_a_byline_must_open_fields_not_prose(line):
    from cleaner.header import _byline

    assert _byline(line, []) is None


@pytest.mark.parametrize(
    "line",
    [
        "Jim Daly | Editor, TED Books",  # a staff list: an outlet after the job title
        "Karen Eng | Youth editor, TUNZA",
        "Jane Roe, The Daily Example",  # a name and an outlet: no job title
        "Library Board Members",
    ],
)
def test_a_name_without_a_job_title_closing_its_line_is_no_byline(cleaner, line):
    doc = clean(cleaner, "Library stays open\n\n" + line + "\n\n" + BODY)
    assert doc.authors == [] and line in doc.text


def test_an_original_date_beside_an_updated_one_is_the_publication_date(cleaner):
    doc = clean(
        cleaner, "Library stays open\n\nUpdated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET\n\n" + BODY
    )
    assert (doc.date, doc.modified) == ("2019-11-19T08:02", "2019-11-19T08:21") and doc.text.startswith(FIRST)


@pytest.mark.parametrize(
    ("text", "alone", "named"),
    [
        ("By Jane Roe", False, True),
        ("Jane Roe | March 5, 2021", False, True),
        ("Jane Roe", True, True),
        ("Jane Roe", False, False),  # a name alone only where one may stand by itself
        ("REAL ESTATE", True, False),  # a section's label
        ("Telegraph Sport", True, False),  # a desk
        ("Extreme Halloween Decor Ideas", True, False),
    ],
)
def test_names_writer(text, alone, named):
    from cleaner.header import names_writer

    assert names_writer(text, alone=alone) is named


def test_read_dateline_keeps_the_name_a_by_opens():
    # a name beside a dateline's dates may be a place or a desk; after 'By' it is the byline's
    from cleaner.header import read_dateline

    lines = [Paragraph("Weather"), Paragraph("By Jane Roe - 11/19/19 06:56 AM EST"), Paragraph(BODY)]
    line, read, _ = read_dateline(lines, None)
    assert line is lines[1] and read.captures == [{"author": "Jane Roe", "date": "2019-11-19T06:56"}]


def test_a_comment_count_beside_a_byline_is_no_name():
    from cleaner.header import _byline

    assert _byline("by Jane Roe on 11/06/2012 • No Comments | Social Media", []) == {"author": "Jane Roe"}


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("March 5th, 2021 by Jane Roe 12 Comments", "2021-03-05"),  # run on to the name, no separator
        ("Posted on March 5, 2021 by Jane Roe 1 Comment", "2021-03-05"),
        ("Von Jane Roe | 5. März 2021 | Kommentare (4)", "2021-03-05"),
        ("Por Jane Roe - 5 de marzo de 2021 3 comentarios", "2021-03-05"),
        ("By Jane Roe 2021年3月5日 10:32 3件のコメント", "2021-03-05T10:32"),
        ("By Jane Roe No Comments", None),
    ],
)
def test_a_comment_count_run_on_to_a_byline_ends_it(line, date):
    header = read_header([Paragraph(line), Paragraph(BODY)], None)
    assert header.captures == [{"author": "Jane Roe", **({"date": date} if date else {})}]
    assert [removal.text for removal in header.removed] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "05/03/2021 às 14h32 - Atualizado há 2 horas",
        "March 5, 2021 | Updated 2 hours ago",
        "5. März 2021 - aktualisiert vor 3 Stunden",
    ],
)
def test_a_relative_update_beside_a_dateline_is_read_and_dates_nothing(line):
    header = read_header([Paragraph(line), Paragraph(BODY)], "example.com.br")
    assert header.captures == [{"date": "2021-03-05" + ("T14:32" if "14h32" in line else "")}]
    assert [paragraph.text for paragraph in header.paragraphs] == [BODY]


def test_a_relative_time_before_a_date_is_no_update_of_it():
    # html2text's definition of a timeago widget's <abbr>: the widget's time, not the story's
    from cleaner.header import _byline

    assert _byline("*[2 hrs ago]: 2012-11-07T15:12:00+0000", []) is None


@pytest.mark.parametrize(
    "line",
    [
        "Written by Jane Roe | Medically reviewed by John Doe, MD",
        "Medically reviewed by John Doe, Ph.D., MSN, R.N. — Written by Jane Roe",
        "By Jane Roe | Fact checked by John Doe",
        "Reporting by Jane Roe; Editing by John Doe",
        "Por Jane Roe | Verificado por John Doe",
        "Von Jane Roe, geprüft von John Doe",
    ],
)
def test_a_reviewer_or_editor_credited_in_a_byline_is_no_author(line):
    from cleaner.header import _byline

    assert _byline(line, []) == {"author": "Jane Roe"}


@pytest.mark.parametrize(
    "line",
    [
        "Posted on March 5, 2021 by admin",
        "By admin - 2021-03-05",
        "March 5, 2021 by webmaster",
        "Posted by Staff on March 5, 2021",
    ],
)
def test_the_sites_own_account_in_a_dateline_names_no_writer(line):
    header = read_header([Paragraph(line), Paragraph(BODY)], None)
    assert header.captures == [{"date": "2021-03-05"}] and header.paragraphs[0].text == BODY


def test_a_readers_comment_by_the_sites_account_is_no_dateline():
    from cleaner.header import _byline

    assert _byline("by admin on March 5, 2021 at 10:12 am. Reply", [], with_tail=False) is None


def test_a_credit_alone_is_a_byline_naming_no_author_and_one_naming_no_one_is_body():
    from cleaner.header import _byline

    assert _byline("Medically reviewed by John Doe, MD", []) == {}
    assert _byline("Reviewed by Jane Roe", []) is None  # a review's writer signs so: no one else's credit
    assert _byline("Edited by the council's own lawyers", []) is None


@pytest.mark.parametrize(
    ("line", "captured"),
    [
        # its long date and time make the byline as long as a sentence, and end it like one
        (
            "By Jane Roe on Monday, November 18th, 2019 at 11:04 a.m.",
            {"author": "Jane Roe", "date": "2019-11-18T11:04"},
        ),
        ("October 9, 2018 | by Jane Roe", {"author": "Jane Roe", "date": "2018-10-09"}),
        ("Jane Roe | October 9, 2018", {"date": "2018-10-09"}),  # no 'By': the name may be a place
        # one word after its own 'By' in a dated byline: a blogger's first name
        ("by Regan September 15, 2014", {"author": "Regan", "date": "2014-09-15"}),
        ("Por Lucía 5 de marzo de 2021", {"author": "Lucía", "date": "2021-03-05"}),
    ],
)
def test_read_dateline_reads_a_bylines_long_date_and_its_by_name(line, captured):
    from cleaner.header import read_dateline

    lines = [Paragraph("Weather"), Paragraph(line), Paragraph(BODY)]
    found, read, _ = read_dateline(lines, None)
    assert found is lines[1] and read.captures == [captured]


HEADLINE = "Harbour board approves the plans for the new docks"


@pytest.mark.parametrize(
    ("above", "author"),
    [
        (["By", "Jane Roe"], "Jane Roe"),  # a page broke 'By <a>Jane Roe</a>' at the link
        (["by Jane Roe"], "Jane Roe"),
        (["By Jane Roe | Special to the Harbour Ledger"], "Jane Roe"),
        (["Jane Roe"], "Jane Roe"),  # a name alone, right under the headline
        (["JANE ROE"], "JANE ROE"),  # in capitals, as pages set it (meta.py says it in name case)
    ],
)
def test_read_dateline_reads_the_byline_over_it(above, author):
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in ("Weather", HEADLINE, *above, "Published Nov 18, 2019 at 4:07 PM", BODY)]
    found = read_dateline(lines, None)
    assert found is not None and found.line is lines[-2] and found.above == len(above)
    assert found.read.paragraphs == [] and found.read.captures[0] == {"author": author}
    assert found.read.captures[-1]["date"] == "2019-11-18T16:07"


def test_a_dateline_under_a_lone_by_is_read_with_it():
    # 'By' / 'Jane Roe November 19, 2019, 07:47 PM EST': without the 'By', a name beside a date
    # is no byline ('Previous Post November 5, 2019' reads the same)
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in ("Weather", "By", "Jane Roe November 19, 2019, 07:47 PM EST", BODY)]
    found = read_dateline(lines, None)
    assert found is not None and found.line is lines[2] and found.above == 1
    assert found.read.captures == [{"author": "Jane Roe", "date": "2019-11-19T19:47"}]
    assert read_dateline([Paragraph("Weather"), lines[2], Paragraph(BODY)], None) is None


@pytest.mark.parametrize(
    "above",
    [
        ["FORUM", "Classificação NASCAR"],  # under a menu's last label, the name-shaped line is the headline
        ["Lisa Kaczke and Trevor J. Mitchell", "Sioux Falls Argus Leader"],  # the writers over their outlet
        # no case to tell a name from a headline's words
        ["송가인, ‘미스트롯’ 출신 꼬리표 점점 뜨거운 반응", "엘제이-류화영 진흙탕 싸움, 공적인 사안으로"],
        [HEADLINE, "Homemade Spiced Honey Pear Jam"],  # a dateline naming its writer needs no line above
    ],
)
def test_a_name_alone_over_a_dateline_is_no_byline_where_it_may_be_a_headline(above):
    from cleaner.header import read_dateline

    dateline = "by Regan December 6, 2017" if "Homemade" in above[-1] else "sexta-feira, 22 de outubro de 2010 às 20:13"
    found = read_dateline([Paragraph(text) for text in (*above, dateline, BODY)], None)
    assert found is not None and found.above == 0
    assert [capture.get("author") for capture in found.read.captures if "author" in capture] in ([], ["Regan"])


@pytest.mark.parametrize(
    ("over", "names", "outlet", "author"),
    [
        (HEADLINE, "Kevin Johnson and Kevin McCoy", "USA TODAY", "Kevin Johnson and Kevin McCoy"),
        (HEADLINE, "Tom Davies", "Associated Press", "Tom Davies"),
        (HEADLINE, "Jane Roe", "Harbour Ledger", "Jane Roe"),
        ("FORUM", "Jane Roe", "Harbour Ledger", None),  # under a menu's label: a headline and a label
    ],
)
def test_names_over_their_outlets_line_are_the_byline_over_a_dateline(over, names, outlet, author):
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in ("Weather", over, names, outlet, "Published 7:07 PM EST Nov 19, 2019", BODY)]
    found = read_dateline(lines, "www.usatoday.com")
    assert found is not None and found.line is lines[4]
    authors = [capture["author"] for capture in found.read.captures if "author" in capture]
    assert authors == ([author] if author else []) and found.above == (2 if author else 0)


def test_the_header_reads_the_name_over_a_dateline_at_the_top():
    lines = [HEADLINE, "Jane Roe", "November 19th, 2019 at 8:40 AM", "Share", BODY]
    header = read_header([Paragraph(text) for text in lines], None)
    assert header.captures == [{"author": "Jane Roe"}, {"date": "2019-11-19T08:40"}]
    assert [para.text for para in header.paragraphs] == [HEADLINE, "Share", BODY]
    assert header.byline_after is not None and header.byline_after.text == HEADLINE


def test_the_sites_own_name_over_a_dateline_is_no_writer():
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in ("Weather", HEADLINE, "Jane Roe, Business Insider", "19.11.2019, 08:57", BODY)]
    found = read_dateline(lines, "www.businessinsider.de")
    assert found is not None and found.above == 1 and found.read.captures[0] == {"author": "Jane Roe"}


def test_a_sentence_with_a_date_in_it_is_no_dateline():
    from cleaner.header import read_dateline

    sentence = "The council voted by a wide margin on Monday, November 18th, 2019, to extend the tram line."
    assert read_dateline([Paragraph("Weather"), Paragraph(sentence), Paragraph(BODY)], None) is None


def test_a_header_read_from_the_top_only_leaves_the_lines_at_the_bottom():
    from cleaner.header import read_header

    paras = [
        Paragraph("By Jane Roe"),
        Paragraph("The harbour board approved the plan on Tuesday after two years of talks with the city."),
        Paragraph("Tags: harbour, council"),
    ]
    both, top = read_header(paras, None), read_header(paras, None, bottom=False)
    assert [p.text for p in both.paragraphs] == [paras[1].text]
    assert [p.text for p in top.paragraphs] == [paras[1].text, paras[2].text]


@pytest.mark.parametrize(
    ("above", "author"),
    [
        (["By", "Jane Roe", "Staff Writer"], "Jane Roe"),  # a page broke the byline at each element
        (["By", "Jane Roe", "Opinion Columnist"], "Jane Roe"),
        (["By", "Jane Roe", "| Special to the Harbour Ledger"], "Jane Roe"),
        (["Jane Roe", "@janeroe"], "Jane Roe"),  # her account under her name
        (["Jane Roe", "News reporter", "@janeroe"], "Jane Roe"),
        (["Von", "Anna Schmidt", "Redakteurin"], "Anna Schmidt"),
        (["Por", "Ana Pérez", "Corresponsal"], "Ana Pérez"),
        (["By", "Jane Roe", "harbourledger.com"], "Jane Roe"),  # the outlet's domain
    ],
)
def test_a_bylines_job_title_and_account_under_the_names_are_read_with_them(above, author):
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in ("Weather", HEADLINE, *above, "Nov. 19, 2019 5:50 PM", BODY)]
    found = read_dateline(lines, None)
    assert found is not None and found.above == len(above) and found.read.paragraphs == []
    assert [capture["author"] for capture in found.read.captures if "author" in capture] == [author]


@pytest.mark.parametrize("label", ["PUBLISHED:", "Published", "| UPDATED:", "Veröffentlicht:", "Publicado"])
def test_a_date_label_alone_over_a_dateline_is_read_with_it_and_the_byline_above_it(label):
    from cleaner.header import read_dateline

    lines = [Paragraph(text) for text in (HEADLINE, "By", "Jane Roe", label, "10:48, Tue, Nov 19, 2019", BODY)]
    found = read_dateline(lines, None)
    assert found is not None and found.line is lines[4] and found.above == 3 and found.read.paragraphs == []
    assert found.read.captures[0] == {"author": "Jane Roe"}
    key = "modified" if "UPDATED" in label else "date"
    assert list(found.read.captures[-1]) == [key] and found.read.captures[-1][key][:10] == "2019-11-19"


def test_a_place_over_its_desk_is_no_byline_over_a_dateline():
    # 'New Delhi, News Nation Bureau | Updated: ...' broken at each element: a place and a desk
    from cleaner.header import read_dateline

    lines = ("Weather", HEADLINE, "New Delhi,", "News Nation Bureau", "| Updated :", "19 November 2019, 09:01 AM", BODY)
    found = read_dateline([Paragraph(text) for text in lines], None)
    assert found is not None and not any("author" in capture for capture in found.read.captures)


def test_a_dateline_ending_in_by_is_read_with_the_name_under_it():
    header = read_header([Paragraph(t) for t in ("Monday November 18, 2019 7:45 am PST by", "Jane Roe", BODY)], None)
    assert header.captures == [{"author": "Jane Roe", "date": "2019-11-18T07:45"}]
    assert header.paragraphs[0].text.startswith(FIRST)


@pytest.mark.parametrize(
    ("line", "trailer"),
    [
        ("Staff Writer", True),
        ("Business Columnist", True),
        ("| Special to the Pioneer Press", True),
        ("@janeroe", True),
        ("Redakteur", True),
        ("smithsonian.com", True),  # the outlet's domain
        ("www.example.co.uk", True),
        ("Example.com.", False),  # ending as a sentence does
        ("e.g.", False),
        ("Music News", False),  # a section's label alone
        ("Share this story", False),
        ("Facebook", False),
        ("The Editor Said No", False),  # a headline ending in no job title
        ("Our correspondent reports from the border.", False),  # a sentence
    ],
)
def test_a_byline_trailer_is_a_job_title_an_outlet_behind_a_separator_or_an_account(line, trailer):
    from cleaner.header import _byline_trailer

    assert _byline_trailer(line) is trailer


@pytest.mark.parametrize("desk", ["Associated Press", "The Associated Press", "Telegraph Sport", "Politics Desk"])
def test_the_writers_agency_or_desk_under_the_byline_at_the_top_leaves_with_it(desk):
    lines = ["By JANE ROE and JOHN DOE | March 5, 2021", desk, BODY]
    header = read_header([Paragraph(text) for text in lines], None)
    assert header.captures == [{"author": "JANE ROE and JOHN DOE", "date": "2021-03-05"}, {}]
    assert [removal.text for removal in header.removed] == lines[:2]


@pytest.mark.parametrize(("under", "gone"), [("Associated Press", True), ("Staff Writer", True), ("Music News", False)])
def test_the_agency_under_a_byline_a_rule_took_leaves_as_under_one_the_header_read(under, gone):
    # generic.byline (a rule) captures 'By JANE ROE' before the header reads the dump's top
    dump = "\n\n".join(["Library stays open", "By JANE ROE", under, BODY])
    doc = Cleaner().clean(dump)
    assert doc.authors == ["Jane Roe"]
    assert (under in doc.text) is not gone
    assert doc.text.startswith(FIRST) is gone


@pytest.mark.parametrize("line", ["associated press", "Music News", "Share this story"])
def test_a_line_under_the_byline_that_names_no_agency_or_desk_stays(line):
    header = read_header([Paragraph(text) for text in ["By Jane Roe | March 5, 2021", line, BODY]], None)
    assert [paragraph.text for paragraph in header.paragraphs][:1] == [line]


def test_a_job_title_under_the_byline_at_the_top_leaves_with_it():
    lines = ["By", "Jane Roe", "Staff Writer", "March 5, 2021", BODY]
    header = read_header([Paragraph(text) for text in lines], None)
    assert header.captures[0] == {"author": "Jane Roe"} and header.captures[-1] == {"date": "2021-03-05"}
    assert header.paragraphs[0].text.startswith(FIRST)
    assert [removal.text for removal in header.removed] == lines[:4]


@pytest.mark.parametrize(
    ("above", "author"),
    [
        (["By Jane Roe", "Opinion Columnist"], "Jane Roe"),
        (["By", "Jane Roe"], "Jane Roe"),
        (["Jane Roe"], None),  # a name alone over a story may be a picture's credit
        (["Menu", "Sign In"], None),
    ],
)
def test_the_byline_over_a_storys_first_line(above, author):
    from cleaner.header import byline_over_story

    lines = [Paragraph(text) for text in ("Weather", HEADLINE, *above, BODY)]
    found = byline_over_story(lines, len(lines) - 1, None)
    assert [capture["author"] for capture in found] == ([author] if author else [])


def test_a_whole_pages_byline_the_model_cut_with_the_menus_still_names_the_writer(cleaner):
    menu = ["Home", "World", "Politics", "Business", "Opinion", "Tech", "Science", "Health", "Sports", "Sign In"]
    story = [
        "The harbour board voted on Tuesday evening to approve the plans for the new docks, after a meeting that "
        "ran past midnight and drew more residents than the hall could seat.",
        "Residents had asked for months for a say in how the cranes and the lorries would be routed, and several "
        "told the board that the noise would change the character of the old town.",
        "The chairman said the board had listened and would publish a traffic plan before any work begins, with "
        "a survey of the seabed to follow in the spring.",
        "Opponents said they would ask the council to review the decision, and a petition with more than two "
        "thousand names was handed in at the end of the meeting.",
    ]
    footer = ["About Us", "Contact", "Privacy Policy", "Terms of Service", "© 2019 The Harbour Ledger"]
    byline = ["By", "Jane Roe", "Opinion Columnist"]
    standfirst = "The vote ends a year of argument over the old town's waterfront."
    page = [*menu, HEADLINE, standfirst, *byline, *story, *footer]
    doc = clean(cleaner, "\n\n".join(page))
    assert doc.text.startswith(story[0]) and doc.authors == ["Jane Roe"]
    assert {removal.text: removal.rule for removal in doc.removed if removal.text in byline} == dict.fromkeys(
        byline, "generic.line-model"
    )


def test_a_byline_the_model_cut_between_the_standfirst_it_keeps_and_the_story_names_the_writer(cleaner):
    # the story's first kept line is its standfirst: the byline stands over a later one
    menu = ["Sign In", "Close", "You are signed in as", "Edit Profile", "Search", "News", "Sport", "Business"]
    menu += ["Weather", "Opinion", "Entertainment"]
    head = ["Harbour board doubles down on its plan for the old docks", "Updated Nov 19, 2019; Posted Nov 18, 2019"]
    standfirst = (
        "The board says the new terminal will bring two hundred jobs to the harbour; residents say it will bring "
        "lorries and noise to the quay, and they want the traffic study published."
    )
    byline = ["By", "Tom Gillespie | Harbour Ledger Media"]
    story = [
        "Remember the board's long quest to find a use for the old docks?",
        "The board met on Tuesday evening and heard from residents who worry about the noise of the new terminal "
        "and the lorries it would bring through the narrow streets of the old town.",
        "Its chair said the plan would bring two hundred jobs to the harbour within five years, and that the "
        "terminal would be built to the strictest standards the port authority has set.",
        "Residents who spoke against the plan asked the board to consider a smaller terminal, or one further from "
        "the houses along the quay, and to publish the traffic study it commissioned last spring.",
        "The board will vote on the plan at its next meeting in December, after a further round of consultation "
        "with the residents' association and the town council.",
    ]
    footer = ["About us", "Contact", "Privacy policy", "Terms of use", "Advertise", "Careers", "Site map"]
    footer += ["© 2019 Harbour Ledger Media. All rights reserved."]
    doc = clean(cleaner, "\n\n".join([*menu, *head, standfirst, *byline, *story, *footer]))
    assert doc.text.startswith(standfirst) and story[0] in doc.text
    assert {removal.text: removal.rule for removal in doc.removed if removal.text in byline} == dict.fromkeys(
        byline, "generic.line-model"
    )
    assert doc.authors == ["Tom Gillespie"]


def test_a_name_the_writers_account_signs_is_a_byline_over_a_dateline_under_a_short_line():
    # under a menu's last label a bare name may be the headline ('Classificação NASCAR'); with the
    # writer's account under it, it is a byline
    from cleaner.header import read_dateline

    for signed in (["Jane Roe", "@janeroe"], ["Jane Roe@janeroe"]):
        lines = [Paragraph(text) for text in ("Weather", "FORUM", *signed, "Published Nov 18, 2019 at 4:07 PM", BODY)]
        found = read_dateline(lines, None)
        assert found is not None and found.above == len(signed)
        assert found.read.captures[0] == {"author": "Jane Roe"}
    found = read_dateline([Paragraph(t) for t in ("Weather", "FORUM", "Jane Roe", "Nov 18, 2019 4:07 PM", BODY)], None)
    assert found is not None and found.above == 0


def test_the_byline_over_a_storys_first_line_may_be_signed_by_the_writers_account():
    from cleaner.header import byline_over_story

    lines = [Paragraph(text) for text in ("Weather", "Sports", "Jane Roe", "@janeroe", BODY)]
    assert byline_over_story(lines, 4, None) == [{"author": "Jane Roe"}]


@pytest.mark.parametrize(
    ("lines", "captured"),
    [
        (
            ["Menu", "Updated Nov 19, 6:55 AM;Posted Nov 18, 8:19 PM"],
            {"modified": "2019-11-19T06:55", "date": "2019-11-18T20:19"},
        ),
        (
            ["Menu", "Posted Nov 18, 8:19 PM;Updated Nov 19, 9:41 AM"],  # a label run into the date before it
            {"date": "2019-11-18T20:19", "modified": "2019-11-19T09:41"},
        ),
        (["Posted Nov. 18"], {"date": "2019-11-18"}),
        (["Aktualisiert am 18. November, 14:30 Uhr"], {"modified": "2019-11-18T14:30"}),
        (["Updated Dec 1, 6:55 AM; Posted Nov 30, 8:19 PM"], {"date": "2019-11-30T20:19"}),  # the URL's month only
        (["Posted Oct 30"], None),  # another month than the URL's
        (["The Nov 19 meeting was cancelled."], None),  # prose
        (["Nov 31"], None),  # no such day
        (["Nov 19, 2019"], None),  # a year: the header's own dateline reading
    ],
)
def test_a_yearless_dateline_takes_the_year_and_month_the_url_spells(lines, captured):
    from cleaner.header import read_yearless_dateline

    found = read_yearless_dateline([Paragraph(text) for text in (*lines, BODY)], 2019, 11)
    assert (found[1] if found else None) == captured
    assert found is None or found[0].text == lines[-1]


@pytest.mark.parametrize(
    "dateline",
    [
        "By Jane Roe | Published March 5, 2021;Updated March 6, 2021",
        "By Jane Roe | Published March 5, 2021 |Updated March 6, 2021",
        "By Jane Roe · Veröffentlicht 5. März 2021,Aktualisiert 6. März 2021",
    ],
)
def test_a_date_label_run_into_the_date_before_it_still_labels_its_date(cleaner, dateline):
    doc = clean(cleaner, "\n\n".join([HEADLINE, dateline, BODY]))
    assert (doc.date, doc.modified) == ("2021-03-05", "2021-03-06")
    assert doc.authors == ["Jane Roe"]


def test_an_undated_dump_takes_the_day_of_its_yearless_dateline_from_its_urls_month(cleaner):
    dump = "\n\n".join([HEADLINE, "By Jane Roe", "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", BODY])
    doc = clean(cleaner, dump, url="https://www.example.com/news/2019/11/harbour-board-docks.html")
    assert doc.date == "2019-11-18T20:19" and doc.modified == "2019-11-19T09:41"
    assert "Posted Nov 18" not in doc.text
    assert clean(cleaner, dump).date is None  # no year to give it
    assert clean(cleaner, dump, url="https://www.example.com/news/2019/12/harbour-board-docks.html").date is None


@pytest.mark.parametrize(
    "byline",
    [
        "Analysis by Jane Roe, Example News Editor-at-large",
        "Commentary by Jane Roe",
        "Opinion by Jane Roe | Contributing Columnist",
        "Reported by Jane Roe",
    ],
)
def test_a_credit_naming_the_kind_of_piece_opens_a_byline(cleaner, byline):
    doc = clean(cleaner, "\n\n".join([HEADLINE, byline, "Updated 1909 GMT November 18, 2019", BODY]))
    assert doc.authors == ["Jane Roe"]
    assert doc.date is not None and doc.date.startswith("2019-11-18")
    assert byline not in doc.text


@pytest.mark.parametrize(
    "text",
    [
        "هل ستنجح خطة المجلس البلدي في تخفيف الازدحام على الطريق الدائري قبل نهاية العام المقبل؟",
        "آیا طرح شورای شهر می‌تواند ترافیک کمربندی را تا پایان سال آینده کاهش دهد یا نه؟",
        "नगर परिषद ने मंगलवार को नई बस लाइन को मंजूरी दी और काम अगले वसंत में शुरू होगा।",
    ],
)
def test_a_sentence_ends_at_the_marks_of_arabic_script_and_devanagari(text):
    assert is_prose(text)
