"""Dataset filters: HTTP statuses kept, minimum length, target language."""

import pytest

from cleaner.filters import Filters, StatusFilter, parse_languages


@pytest.mark.parametrize(
    ("spec", "kept", "dropped"),
    [
        ("200", [200], [301, 404, 204]),
        ("200,404", [200, 404], [301, 500]),
        ("2xx,304", [200, 204, 304], [301, 404]),
    ],
)
def test_include_status_keeps_the_codes_and_classes_it_names(spec: str, kept: list, dropped: list) -> None:
    statuses = StatusFilter.parse(spec)
    assert all(statuses.keeps(code) for code in kept) and not any(statuses.keeps(code) for code in dropped)


def test_all_keeps_every_status_and_a_missing_status_is_always_kept() -> None:
    assert StatusFilter.parse("all") is None
    assert StatusFilter().keeps(None)


@pytest.mark.parametrize("spec", ["", "ok", "20", "700", "6xx", "2x"])
def test_a_status_that_is_not_one_is_refused_saying_what_is_wrong(spec: str) -> None:
    with pytest.raises(ValueError, match="HTTP status"):
        StatusFilter.parse(spec)


def test_a_short_document_is_filtered_as_too_short() -> None:
    record = {"status": "ok", "text": "Short.", "language": "en"}
    assert Filters(min_length=7).apply(record)["filter_reason"] == "too-short"
    assert Filters(min_length=6).apply(record) is record


def test_another_or_an_undetected_language_is_filtered() -> None:
    filters = Filters(languages=parse_languages("en-GB,de"))
    assert filters.apply({"status": "ok", "text": "x", "language": "de"})["status"] == "ok"
    assert filters.apply({"status": "ok", "text": "x", "language": "fr"})["filter_reason"] == "language"
    assert filters.apply({"status": "ok", "text": "", "language": None})["filter_reason"] == "language"


def test_error_records_are_never_filtered() -> None:
    record = {"status": "error", "error_kind": "input", "error": "empty"}
    assert Filters(min_length=100, languages=("en",)).apply(record) is record


def test_a_filtered_record_keeps_the_schema_field_order() -> None:
    record = {"id": 1, "source": "s", "status": "ok", "text": "", "language": "en"}
    assert list(Filters(min_length=1).apply(record)) == ["source", "status", "filter_reason", "text", "language", "id"]
