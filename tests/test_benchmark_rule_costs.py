"""The rule-cost benchmark splits a removal into gold and boilerplate by the gold text's shingles."""

from benchmarks.rule_costs import GoldIndex, table

GOLD = "The harbour board approved the plan on Tuesday after two years of talks with the city."


def test_a_removal_taken_from_the_gold_counts_as_gold():
    assert GoldIndex(GOLD).share("approved the plan on Tuesday after two years") == 1.0


def test_a_removal_partly_from_the_gold_counts_by_its_shingles_found_there():
    share = GoldIndex(GOLD).share("approved the plan on Tuesday. Subscribe to our newsletter")
    assert share == 2 / 6  # six shingles; 'approved the plan on' and 'the plan on tuesday' are in the gold


def test_a_short_removal_counts_when_its_words_run_in_the_gold():
    gold = GoldIndex(GOLD)
    assert gold.share("Two years") == 1.0
    assert gold.share("Privacy Policy") == 0.0
    assert gold.share("—") == 0.0


def test_the_table_lists_the_rules_that_remove_most_gold_first():
    rows = [
        {"source": "aeb", "dump": "extracted", "rule": "generic.a", "gold": 10.0, "boilerplate": 90.0, "removals": 3},
        {"source": "aeb", "dump": "extracted", "rule": "generic.b", "gold": 50.0, "boilerplate": 5.0, "removals": 1},
    ]
    lines = table(rows, top=1).splitlines()
    assert len(lines) == 3
    assert "generic.b" in lines[2]


def test_a_training_page_is_dumped_and_costed_in_every_kind_the_dumps_benchmark_scores():
    from benchmarks.dumps import REAL_KINDS, page_dumps
    from benchmarks.rule_costs import rule_costs
    from benchmarks.sources import Page

    markup = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
        f"<p>{GOLD}</p><p>{GOLD.replace('harbour', 'river')}</p></article>"
        "<footer>Privacy Policy</footer></body></html>"
    )
    dumped = page_dumps("aeb", Page("aeb", "p1", markup, None, GOLD))
    assert set(REAL_KINDS) <= set(dumped) and all(dumped[kind] for kind in REAL_KINDS)
    result = rule_costs("aeb", [dumped])  # every kind read, none missing from the page's dumps
    assert result is not None


def test_a_cached_training_dump_without_every_kind_is_made_again(tmp_path, monkeypatch):
    import json

    import trafilatura

    from benchmarks import rule_costs
    from benchmarks.dumps import REAL_DUMP_FORMAT

    made_by = f"{REAL_DUMP_FORMAT}/trafilatura {trafilatura.__version__}"
    stale = {"id": "p1", "truth": GOLD, "extracted": GOLD, "whole-page": GOLD}  # no tag-lines
    (tmp_path / "train-aeb.json").write_text(json.dumps({"made_by": made_by, "pages": [stale]}))
    fresh = {**stale, "tag-lines": GOLD}
    monkeypatch.setattr(rule_costs, "_make_training", lambda source: iter([fresh]))
    assert rule_costs.training_dumps("aeb", tmp_path) == [fresh]
