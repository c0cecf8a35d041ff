"""Size and time limits: over a limit, one document becomes an error and the run goes on."""

import gzip
import io
import signal

import pytest
from timing import SWALLOWED_FIRST_ERROR, cpu_timer

from cleaner import Cleaner, Config
from cleaner.errors import InputError, TimeLimitError, TooLargeError
from cleaner.limits import check_markup, iter_gzip_bounded, read_gzip_bounded, time_limit

MiB = 1024 * 1024
PAGE = (
    "<html><body><article>"
    + "<p>The council met on Tuesday to vote on the budget.</p>" * 20
    + "</article></body></html>"
)
# 190,000 elements, just under the tag limit: tens of CPU seconds to extract with no limit, so at
# least that long on any clock, far past the limit its test sets however fast or busy the machine.
ENDLESS_PAGE = (
    "<html><body>" + "<div><p>Words in a long paragraph of a huge page.</p></div>" * 95_000 + "</body></html>"
)


# The tests here never read the language: conftest's `cleaner` skips langdetect.
DETECT_LANGUAGE = False


def test_defaults_are_documented_sizes():
    config = Config()
    assert config.max_input_bytes == 10 * MiB
    assert config.max_decompressed_bytes == 256 * MiB
    assert config.max_seconds == 10.0


@pytest.mark.parametrize("field", ["max_input_bytes", "max_decompressed_bytes", "max_seconds"])
def test_a_limit_must_be_positive(field):
    with pytest.raises(ValueError, match=field):
        Config(**{field: 0})


def test_input_over_the_size_limit_is_refused_unread():
    small = Cleaner(Config(max_input_bytes=1000, detect_language=False))
    with pytest.raises(TooLargeError) as info:
        small.clean(b"word " * 1000)
    assert info.value.kind == "too-large"


def test_str_input_is_held_to_the_size_limit_too():
    with pytest.raises(TooLargeError):
        Cleaner(Config(max_input_bytes=1000)).clean("word " * 1000)


def test_a_limit_of_none_is_off():
    unlimited = Cleaner(Config(max_input_bytes=None, detect_language=False))
    doc = unlimited.clean("The council met on Tuesday and approved the budget for the coming year.\n\n" * 3)
    assert "The council met on Tuesday" in doc.text


def test_a_50_mb_page_is_refused_fast(cleaner):
    page = b"<html><body>" + b"<p>" + b"a" * (50 * 1000 * 1000) + b"</p></body></html>"
    with cpu_timer() as timer, pytest.raises(TooLargeError):
        cleaner.clean(page)
    assert timer.seconds < 1.0


def test_gzip_input_is_decompressed_and_cleaned(cleaner):
    doc = cleaner.clean(gzip.compress(PAGE.encode()))
    assert "The council met on Tuesday" in doc.text


def test_gzip_bomb_stops_at_the_input_limit():
    bomb = gzip.compress(b" " * (64 * MiB))
    small = Cleaner(Config(max_input_bytes=MiB, detect_language=False))
    with cpu_timer() as timer, pytest.raises(TooLargeError, match="expands past"):
        small.clean(bomb)
    assert timer.seconds < 1.0


def test_truncated_gzip_is_an_input_error(cleaner):
    data = gzip.compress(PAGE.encode())
    with pytest.raises(InputError, match="truncated gzip"):
        cleaner.clean(data[: len(data) // 2])


def test_damaged_gzip_is_an_input_error():
    data = bytearray(gzip.compress(b"hello world " * 100))
    data[12:20] = b"\xff" * 8
    with pytest.raises(InputError, match="gzip"):
        read_gzip_bounded(bytes(data), None)


def test_multi_member_gzip_reads_every_member():
    data = gzip.compress(b"first ") + gzip.compress(b"second") + b"\0\0\0"
    assert read_gzip_bounded(data, None) == b"first second"


def test_gzip_stream_yields_chunks_within_the_limit():
    data = gzip.compress(b"x" * (3 * MiB))
    assert sum(len(piece) for piece in iter_gzip_bounded(io.BytesIO(data), 4 * MiB)) == 3 * MiB
    with pytest.raises(TooLargeError):
        sum(len(piece) for piece in iter_gzip_bounded(io.BytesIO(data), 2 * MiB))


def test_time_limit_interrupts_a_busy_loop():
    with pytest.raises(TimeLimitError) as info, time_limit(0.05):
        while True:
            pass
    assert info.value.kind == "timeout"


def test_time_limit_survives_a_library_that_swallows_the_error():
    def swallowing():
        try:
            while True:
                pass
        except Exception:  # what a careless library does
            return "recovered"

    with pytest.raises(TimeLimitError), time_limit(0.05):
        swallowing()


def test_time_limit_restores_the_previous_handler():
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        pass
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


@SWALLOWED_FIRST_ERROR
def test_a_slow_document_times_out_and_the_next_one_cleans():
    # A budget an ordinary page never comes near on a busy machine, and a page that cannot finish in it.
    limited = Cleaner(Config(max_seconds=2, detect_language=False))
    with cpu_timer() as timer, pytest.raises(TimeLimitError):
        limited.clean(ENDLESS_PAGE)
    assert timer.seconds < 6  # stopped, not run to the end
    assert "The council met" in limited.clean(PAGE).text


def test_a_page_of_a_million_br_tags_is_refused_before_parsing(cleaner):
    page = "<html><body>" + "x<br>" * (1024 * 1024) + "</body></html>"  # 5 MB: took 46 s and 2 GB
    with cpu_timer() as timer, pytest.raises(TooLargeError, match="tags, over the limit of 200,000"):
        cleaner.clean(page)
    assert timer.seconds < 1.0


def test_a_page_just_under_the_tag_limit_is_cleaned():
    page = "<html><body><article>" + "<p>The council met on Tuesday to vote on the budget.</p>" * 1000
    assert check_markup(page) is None
    assert "The council met" in Cleaner(Config(detect_language=False)).clean(page).text


def test_tags_in_scripts_and_comments_are_counted_loosely_not_exactly():
    # closing tags and comments do not count; the estimate errs towards letting pages in
    page = "<html><body>" + "<p>a</p><!-- c -->" * 150_000
    assert check_markup(page) is None
