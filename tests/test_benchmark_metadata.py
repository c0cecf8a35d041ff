"""The metadata benchmark's comparison functions: normalisation, author sets, dates, fixture fields."""

import datetime as dt
import json

from benchmarks.metadata import (
    NOTES,
    Case,
    _given,
    checked,
    day,
    goose3_cases,
    load_notes,
    margins,
    normalize,
    noted_misses,
    report_tables,
    same_authors,
    same_date,
    same_title,
    score,
)


def test_normalize_folds_width_case_space_and_quotes():
    assert normalize("  “Ｈｅｌｌｏ\u00a0 World”  ") == "hello world"
    assert normalize("'We had some issues,' exec says") == "'we had some issues,' exec says"  # not surrounding
    assert normalize(None) == ""


def test_title_needs_the_same_words():
    assert same_title("Nadal keeps Spain alive", "NADAL  keeps Spain alive")
    assert not same_title("Nadal keeps Spain alive", "Nadal keeps Spain alive - Sportsnet.ca")
    assert not same_title("Nadal keeps Spain alive", None)


def test_authors_are_compared_as_sets():
    assert same_authors(["Kara Scannell", "Jeremy Herb"], ["jeremy herb", "Kara  Scannell"])
    assert not same_authors(["Tom Krisher"], ["Tom Krisher", "AP Auto Writer"])
    assert not same_authors(["Sarah E. Needleman"], ["Sarah E Needleman"])


def test_empty_expected_authors_match_only_no_answer():
    assert same_authors([], [])
    assert same_authors([], None)
    assert same_authors([], ["  "])
    assert not same_authors([], ["Reuters"])


def test_dates_compare_the_written_day():
    assert day("2019-11-19T23:30:00-05:00") == "2019-11-19"
    assert day(dt.datetime(2014, 6, 30, 16, 54)) == "2014-06-30"
    assert day("Sun Nov 23 16:00:00 EDT 2014") == "2014-11-23"
    assert day("not a date") is None
    assert same_date("2019-11-18", "2019-11-18T20:58:46")
    assert not same_date("2019-11-18", "2019-11-19")
    assert not same_date("2019-11-18", None)


def test_fixtures_score_only_the_fields_they_give():
    assert _given("", [], None) == {}
    assert _given("Title", [""], "2014-06-30") == {"title": "Title", "date": "2014-06-30"}


def test_goose3_layout_is_read(tmp_path):
    folder = tmp_path / "tests" / "data" / "title"
    folder.mkdir(parents=True)
    (folder / "test_x.html").write_text("<html><title>T</title></html>", encoding="utf-8")
    (folder / "test_x.json").write_text(json.dumps({"url": "http://a.example/", "expected": {"title": "T"}}))
    (folder / "test_y.json").write_text(json.dumps({"url": "http://a.example/", "expected": {"title": "T"}}))
    cases = list(goose3_cases(tmp_path))
    assert [(c.id, c.expected) for c in cases] == [("title/test_x", {"title": "T"})]


def test_score_counts_hits_misses_and_margin():
    cases = [Case("s", "1", "", "", {"title": "A", "authors": []}), Case("s", "2", "", "", {"title": "B"})]
    answers = {
        "cleaner": [{"title": "a", "authors": []}, {"title": "B"}],
        "other": [{"title": "A", "authors": ["Desk"]}, {"title": "C"}],
        "htmldate": [{"date": None}, {"date": None}],
    }
    result = score(cases, answers)
    assert result["cleaner"]["title"]["rate"] == 1.0
    assert result["other"]["title"]["misses"][0]["got"] == "C"
    assert result["other"]["authors"]["hits"] == 0
    assert "title" not in result["htmldate"]
    assert margins(result)["title"] == 50.0
    assert margins(result)["date"] is None


def test_noted_fixture_values_are_replaced_and_their_misses_counted_by_kind():
    notes = {"p1": {"authors": {"page": ["Leigh Ann Caldwell"], "kind": "not-a-person", "why": "wire credit"}}}
    cases = [Case("s", "p1", "", "", {"authors": ["CNN Wire"], "title": "T"}), Case("s", "p2", "", "", {"title": "U"})]
    fixed, replaced = checked(cases, notes)
    assert replaced == 1
    assert fixed[0].expected == {"authors": ["Leigh Ann Caldwell"], "title": "T"}
    assert fixed[1] is cases[1]
    answers = {"cleaner": [{"authors": ["Leigh Ann Caldwell"], "title": "T"}, {"title": "X"}]}
    assert noted_misses(score(cases, answers), notes)["cleaner"]["authors"] == {"not-a-person": 1}
    assert score(fixed, answers)["cleaner"]["authors"]["rate"] == 1.0


def test_every_fixture_note_gives_a_page_value_a_known_kind_and_a_reason():
    kinds = json.loads(NOTES.read_text(encoding="utf-8"))["kinds"]
    for pages in load_notes().values():
        for fields in pages.values():
            for name, note in fields.items():
                assert name in ("title", "authors", "date")
                assert note["kind"] in kinds and note["why"].strip()
                assert isinstance(note["page"], list if name == "authors" else str)


def test_dump_sources_are_tabled_apart_and_left_out_of_overall(capsys):
    page = Case("aeb", "a", "<html></html>", "", {"title": "Tram line approved"})
    dump = Case("aeb-whole-page", "a", "Home\nTram line approved", "", {"title": "Tram line approved"}, kind="text")
    answers = {"cleaner": [{"title": "Tram line approved"}, {"title": None}]}
    report = report_tables({"aeb": [page], "aeb-whole-page": [dump]}, answers, {})
    assert report["aeb-whole-page"]["cleaner"]["title"]["hits"] == 0
    assert report["overall"]["cleaner"]["title"] == {**report["aeb"]["cleaner"]["title"]}
    assert report["overall"]["cleaner"]["title"]["total"] == 1
