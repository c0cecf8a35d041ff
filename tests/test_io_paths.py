"""Output names never leave the output directory and never collide."""

from pathlib import Path

import pytest

from cleaner.errors import CleanerError
from cleaner.io.paths import safe_output_path


@pytest.mark.parametrize(
    "name",
    ["../escape", "a/../../escape", "/etc/passwd", "C:/Windows/x", "..\\..\\escape", "", "a/\x00b"],
)
def test_names_that_leave_the_root_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(CleanerError):
        safe_output_path(tmp_path, name)


def test_plain_relative_names_are_kept(tmp_path: Path) -> None:
    assert safe_output_path(tmp_path, "news/2024/story-1") == tmp_path / "news" / "2024" / "story-1"


def test_unsafe_characters_are_replaced_and_hashed_apart(tmp_path: Path) -> None:
    first = safe_output_path(tmp_path, "a b?c")
    second = safe_output_path(tmp_path, "a_b_c?")
    assert first.parent == tmp_path and "?" not in first.name and first != second


def test_url_names_keep_host_and_path_and_hash_the_query(tmp_path: Path) -> None:
    page = safe_output_path(tmp_path, "https://example.com/a/b.html")
    assert page.parent == tmp_path / "example.com" / "a" and page.name.startswith("b-")
    first = safe_output_path(tmp_path, "https://example.com/a?x=1")
    assert first != safe_output_path(tmp_path, "https://example.com/a?x=2")
