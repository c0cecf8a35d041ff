"""The line model's first-read cost: measured in fresh processes, over the documents' whole time."""

from benchmarks.line_model_eval import WARM_UP, first_read
from cleaner import Cleaner

MENU_PAGE = "\n\n".join(
    [*(f"Section {n}" for n in range(14)), "An article paragraph that reads as prose and ends as sentences do."]
)
PROSE = "\n\n".join(f"Part {n} of a story, long enough to read as prose, ending as sentences do." for n in range(5))


def test_the_warm_up_is_a_dump_the_model_cuts():
    assert any(removal.rule == "generic.line-model" for removal in Cleaner().clean(WARM_UP, kind="text").removed)


def test_first_read_shares_are_parts_of_the_documents_time():
    page = first_read([MENU_PAGE] * 3, rounds=1)
    assert 0 < page["inference_share"] <= page["share"] < 1
    assert first_read([PROSE], rounds=1)["inference_share"] == 0.0  # not page-like: looked at, never scored
