"""Output paths from input names and URLs stay inside the output root and never collide."""

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.errors import CleanerError, OutputPathError
from cleaner.io.paths import safe_output_path, write_atomic

ROOT = Path("/tmp/cleaner-out-root")


@pytest.mark.parametrize(
    "name",
    [
        "../escape.html",
        "a/../../escape.html",
        "..\\..\\windows\\system32",
        "/etc/passwd",
        "\\\\server\\share\\x",
        "C:\\Windows\\x.html",
        "c:relative.html",
        "page\0.html",
        "",
        "..",
        "https://example.com/a/../../../etc/passwd",
        "https://example.com/%2e%2e/%2e%2e/etc/passwd",
        "https://example.com/a%2f..%2f..%2fx",
        "file:///etc/passwd",
    ],
)
def test_traversal_attempts_are_refused(tmp_path, name):
    with pytest.raises(OutputPathError) as info:
        safe_output_path(tmp_path, name)
    assert isinstance(info.value, CleanerError) and info.value.kind == "path"


def test_a_plain_relative_name_keeps_its_folders(tmp_path):
    assert safe_output_path(tmp_path, "news/2024/story.html") == tmp_path / "news/2024/story.html"


def test_a_url_maps_to_host_and_path_plus_a_hash(tmp_path):
    target = safe_output_path(tmp_path, "https://example.com/news/story.html")
    assert target.parent == tmp_path / "example.com/news"
    assert target.name.startswith("story-") and target.suffix == ".html"


def test_a_site_root_url_becomes_index(tmp_path):
    target = safe_output_path(tmp_path, "https://Example.com/")
    assert target.parent == tmp_path / "example.com" and target.name.startswith("index-")


def test_http_and_https_do_not_collide(tmp_path):
    first, second = (safe_output_path(tmp_path, f"{scheme}://example.com/a") for scheme in ("http", "https"))
    assert first != second


def test_urls_differing_only_in_query_do_not_collide(tmp_path):
    first = safe_output_path(tmp_path, "https://example.com/story?id=1")
    second = safe_output_path(tmp_path, "https://example.com/story?id=2")
    assert first != second and first.parent == second.parent == tmp_path / "example.com"


def test_names_differing_only_in_case_do_not_collide(tmp_path):
    upper, lower = (safe_output_path(tmp_path, n) for n in ("Story.html", "story.html"))
    assert str(upper).lower() != str(lower).lower()


def test_a_hash_keeps_the_suffix_last(tmp_path):
    assert safe_output_path(tmp_path, "my page.html").suffix == ".html"


def test_device_names_are_renamed(tmp_path):
    assert safe_output_path(tmp_path, "con.html").name != "con.html"


def test_a_symlink_out_of_the_root_is_refused(tmp_path):
    root, outside = tmp_path / "out", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(OutputPathError):
        safe_output_path(root, "link/page.html")


NAMES = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["..", ".", "a", "B", "/", "\\", "%2e", "c:", "?q=1", "\0", "é"]), max_size=12).map(
        "".join
    ),
    st.text(max_size=40).map(lambda tail: "https://example.com/" + tail),
)


@given(NAMES)
def test_any_name_stays_inside_the_root_or_is_refused(name):
    try:
        target = safe_output_path(ROOT, name)
    except OutputPathError:
        return
    assert target.resolve().is_relative_to(ROOT.resolve())
    assert ".." not in target.relative_to(ROOT).parts


@given(st.lists(NAMES, min_size=2, max_size=20, unique=True))
def test_distinct_names_never_share_a_path(names):
    targets: dict[str, str] = {}
    for name in names:
        try:
            target = str(safe_output_path(ROOT, name)).lower()
        except OutputPathError:
            continue
        assert target not in targets, f"{name!r} and {targets.get(target)!r}"
        targets[target] = name


def test_write_atomic_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "deep" / "out.txt"
    write_atomic(target, "first")
    write_atomic(target, "second")
    assert target.read_text() == "second"
    assert os.listdir(target.parent) == ["out.txt"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    write_atomic(target, "old")
    with pytest.raises(TypeError):
        write_atomic(target, 42)
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
