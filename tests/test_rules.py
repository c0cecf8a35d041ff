"""Every shipped rule passes its own examples (`pytest -k also-read` runs one rule)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

import pytest

from cleaner.document import Paragraph
from cleaner.patterns import compile_pattern
from cleaner.rulebook.check import check_rule
from cleaner.rulebook.load import RULE_TYPES, Rule, load_ruleset
from cleaner.rulebook.text import (
    LIST_MAX_ITEMS,
    TRAILER_LINE_WORDS,
    TextRule,
    apply_text_rules,
    comment_thread_start,
    is_list_item,
    is_trailer,
    word_count,
)

RULES = load_ruleset().all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_examples(rule):
    check = check_rule(rule)
    assert check.ok, "\n".join(check.failures)


def test_a_rule_that_misses_its_example_fails(tmp_path):
    (tmp_path / "generic").mkdir()
    (tmp_path / "generic" / "x.yaml").write_text(
        "rules:\n"
        "  - id: generic.shout\n"
        "    description: drops shouting\n"
        "    match: {paragraph: '^[A-Z ]+$'}\n"
        "    action: drop\n"
        "    examples:\n"
        "      match: ['quiet words']\n"
        "      keep: ['LOUD']\n"
    )
    rule = load_ruleset([tmp_path], bundled=False).all_rules(steps=False)[0]
    assert check_rule(rule).failures == ("did not match 'quiet words'", "matched 'LOUD'")


def _rule(action: str, pattern: str) -> Rule:
    return RULE_TYPES[("paragraph", action)](id="generic.test", description="test", pattern=compile_pattern(pattern))


def _run(action: str, pattern: str, texts: list[str]) -> tuple[list[str], list[str]]:
    state = apply_text_rules([Paragraph(t) for t in texts], [_rule(action, pattern)])
    return [p.text for p in state.paragraphs], [r.text for r in state.removed]


def test_drop_with_list_takes_the_headlines_under_a_label_and_stops_at_prose():
    kept, removed = _run(
        "drop-with-list",
        "^Related$",
        [
            "The plant opens in 2026.",
            "Related",
            "Chipmakers race to build in Arizona",
            "Why the subsidy bill matters?",
            "The plant is the third in the state, officials said.",
        ],
    )
    assert kept == ["The plant opens in 2026.", "The plant is the third in the state, officials said."]
    assert removed == ["Related", "Chipmakers race to build in Arizona", "Why the subsidy bill matters?"]


def test_drop_with_list_stops_at_a_line_of_wrapped_prose():
    kept, _ = _run("drop-with-list", "^Related$", ["Related", "The Irish Open table", "tennis took place in Dublin"])
    assert kept == ["tennis took place in Dublin"]


def test_drop_with_list_takes_at_most_the_bounded_number_of_items():
    items = [f"Headline number {n}" for n in range(LIST_MAX_ITEMS + 3)]
    kept, removed = _run("drop-with-list", "^Related$", ["Related", *items])
    assert len(removed) == LIST_MAX_ITEMS + 1
    assert kept == items[LIST_MAX_ITEMS:]


def test_drop_with_list_counts_unspaced_scripts_by_characters():
    long_cjk = (
        "据当地官员介绍这是该公司在该州的第三座工厂也是迄今为止规模最大的一座工厂预计将雇用两千名员工并带动周边产业发展"
    )
    kept, removed = _run("drop-with-list", "^相关阅读$", ["相关阅读", "芯片企业加速在美建厂", long_cjk])
    assert removed == ["相关阅读", "芯片企业加速在美建厂"]
    assert kept == [long_cjk]


def test_drop_trailer_takes_a_footer_of_short_lines_to_the_end():
    kept, removed = _run(
        "drop-trailer",
        "^©",
        [
            "The council will vote in June.",
            "© 2024 Daily",
            "Privacy Policy",
            "Terms of Use",
            "The Daily is the independent voice of the valley since 1889.",
            "123 Main St, Springfield",
        ],
    )
    assert kept == ["The council will vote in June."]
    assert removed[0] == "© 2024 Daily" and removed[-1] == "123 Main St, Springfield"


def test_drop_trailer_drops_only_the_notice_when_prose_follows():
    prose = (
        "The council will vote again in June, after weeks of talks between the parties that ended "
        "without a deal on the budget or taxes."
    )
    kept, removed = _run("drop-trailer", "^©", ["© Jane Roe 2024", prose, "Privacy Policy"])
    assert kept == [prose, "Privacy Policy"]
    assert removed == ["© Jane Roe 2024"]


def test_a_trailer_is_short_lines_only():
    assert is_trailer([Paragraph("Privacy Policy"), Paragraph("Contact us")])
    assert not is_trailer([Paragraph("word " * (TRAILER_LINE_WORDS + 1))])
    assert not is_trailer([Paragraph("Terms")] * 31)


def test_word_count_counts_two_ideographs_as_a_word():
    assert word_count("Share prices fell") == 3
    assert word_count("相关阅读") == 2
    assert word_count("Apple 发布 新款 iPhone") == 4


def test_list_items_are_short_lines_that_do_not_end_a_sentence():
    assert is_list_item("Chipmakers race to build in Arizona")
    assert is_list_item("March 3, 2024")
    assert not is_list_item("He declined to comment.")
    assert not is_list_item("and the mayor said,")


BODY = (
    "The harbour board approved the plan on Tuesday after two years of talks with shipping lines, unions and the "
    "city, which had pressed for cleaner air near the docks for more than a decade."
)


def test_drop_tail_drops_a_comment_section_under_the_body_to_the_end():
    kept, removed = _run("drop-tail", "^Leave a comment$", [BODY, BODY, "Leave a comment", "Great news!", BODY])
    assert kept == [BODY, BODY]
    assert removed == ["Leave a comment", "Great news!", BODY]


def test_drop_tail_drops_a_prompt_above_the_body_alone():
    kept, removed = _run("drop-tail", "^Leave a comment$", ["By Jane Roe", "Leave a comment", BODY, BODY])
    assert kept == ["By Jane Roe", BODY, BODY]
    assert removed == ["Leave a comment"]


def test_drop_tail_needs_more_prose_above_than_half_of_what_follows():
    kept, removed = _run("drop-tail", "^Leave a comment$", [BODY, "Leave a comment", BODY, BODY, BODY])
    assert removed == ["Leave a comment"]
    assert kept == [BODY] * 4


def test_to_the_end_actions_stop_above_a_closing_field_block():
    fields = ["Title: Harbour plan approved", "Author: Jane Roe", "Tags", "Date: 2024-03-05"]
    for action in ("drop-trailer", "drop-tail", "drop-to-end"):
        kept, removed = _run(action, "^©", [BODY, BODY, "© 2024 Daily", "Privacy Policy", *fields])
        assert kept == [BODY, BODY, *fields], action
        assert removed == ["© 2024 Daily", "Privacy Policy"], action


def test_to_the_end_actions_leave_a_field_block_over_a_footer_and_take_the_footer():
    fields = ["Tags: library, council", "Published: 5 March 2021"]
    for action in ("drop-trailer", "drop-tail", "drop-to-end"):
        texts = [BODY, BODY, "Leave a comment", "Join the discussion", *fields, "© 2024 Daily", "Privacy Policy"]
        kept, removed = _run(action, "^Leave a comment$", texts)
        assert kept == [BODY, BODY, *fields], action
        assert removed == ["Leave a comment", "Join the discussion", "© 2024 Daily", "Privacy Policy"], action


def test_one_field_line_over_more_lines_is_no_closing_block():
    texts = [BODY, BODY, "Leave a comment", "Posted: 6 March 2021", "Great read!"]
    kept, removed = _run("drop-tail", "^Leave a comment$", texts)
    assert kept == [BODY, BODY]
    assert removed == texts[2:]


def test_a_field_block_over_a_footer_is_kept_in_text_dumps_only():
    texts = [BODY, BODY, "Leave a comment", "Tags: library", "Published: 5 March 2021", "© 2024 Daily"]
    state = apply_text_rules([Paragraph(t) for t in texts], [_rule("drop-tail", "^Leave a comment$")], text_dump=False)
    assert [p.text for p in state.paragraphs] == [BODY, BODY]


def test_a_closing_block_needs_a_field_the_header_reads():
    kept, removed = _run("drop-trailer", "^©", [BODY, "© 2024 Daily", "Privacy Policy", "Word count: 523"])
    assert kept == [BODY]
    assert removed[-1] == "Word count: 523"


def test_drop_below_body_takes_short_lines_under_the_last_prose_only():
    body = ["Section one", BODY, "Harbour Ledger", "Great read, thanks.", BODY]
    kept, removed = _run("drop-below-body", "^[^.]+$", [*body, "More from Politics", "Facebook · X", "Menu"])
    assert kept == body
    assert removed == ["More from Politics", "Facebook · X", "Menu"]


def test_drop_below_body_leaves_one_closing_line_unless_boilerplate_was_cut_there():
    kept, _ = _run("drop-below-body", "^[^.]+$", [BODY, "Jane Roe, columnist"])
    assert kept == [BODY, "Jane Roe, columnist"]
    rules = [_rule("drop", "^© 2024$"), _rule("drop-below-body", "^[^.]+$")]
    state = apply_text_rules([Paragraph(t) for t in (BODY, "Harbour Ledger", "© 2024")], rules)
    assert [p.text for p in state.paragraphs] == [BODY]


def test_drop_below_body_reads_hard_wrapped_prose_as_one_paragraph():
    wrapped = [
        "Critics say the berths will sit empty for most of the year,",
        "and that the money would have done more good in the old",
        "fishing quarter. The board disagrees and points to the ferry",
        "traffic, which has doubled since the bridge closed in spring.",
    ]
    kept, removed = _run("drop-below-body", "^[^.]+$", [BODY, *wrapped, "About us", "Contact", "Careers"])
    assert kept == [BODY, *wrapped]
    assert removed == ["About us", "Contact", "Careers"]


def test_drop_below_body_does_not_join_short_menu_lines_as_wrapped_prose():
    menu = ["Home", "news", "sport", "weather"]
    kept, removed = _run("drop-below-body", "^[^.]+$", [BODY, *menu])
    assert kept == [BODY]
    assert removed == menu


def test_drop_below_body_leaves_a_closing_list_whose_lines_run_longer_than_links():
    dates = ["Tour dates", "June 9 – Tampa, FL @ Harbour Amphitheatre", "June 14 – Atlanta, GA @ Lakeside Pavilion"]
    kept, removed = _run("drop-below-body", "^[^.]+$", [BODY, *dates])
    assert kept == [BODY, *dates]
    assert removed == []


def test_drop_below_body_keeps_the_items_between_bare_list_markers():
    items = ["-", "- Old pillars in the harbour, Husum.", "-", "- Flowers at the Sunday market.", "-"]
    rules = [_rule("drop", "^© 2024$"), _rule("drop-below-body", "^[^.]+$")]
    state = apply_text_rules([Paragraph(t) for t in (BODY, *items, "© 2024")], rules)
    assert [p.text for p in state.paragraphs] == [BODY, items[1], items[3]]


def test_drop_below_body_leaves_extracted_html_alone():
    paras = [Paragraph(BODY), Paragraph("Jane Roe, columnist")]
    state = apply_text_rules(paras, [_rule("drop-below-body", "^[^.]+$")], text_dump=False)
    assert [p.text for p in state.paragraphs] == [BODY, "Jane Roe, columnist"]


def test_drop_with_caption_takes_the_short_line_above_a_credit_under_body_prose():
    caption = "Workers at the new berth on Tuesday."
    kept, removed = _run("drop-with-caption", "^Photo:", [BODY, caption, "Photo: Jane Roe", BODY])
    assert kept == [BODY, BODY]
    assert removed == [caption, "Photo: Jane Roe"]


def test_drop_with_caption_leaves_a_headline_over_a_credit():
    headline = "Harbour plan approved by the board"
    kept, removed = _run("drop-with-caption", "^Photo:", [headline, "Photo: Jane Roe", BODY])
    assert kept == [headline, BODY]
    assert removed == ["Photo: Jane Roe"]


def test_drop_below_body_reads_a_short_chinese_paragraph_as_prose():
    body = "运营部门表示，开通初期列车间隔为六分钟，高峰时段将根据客流情况进一步加密。"
    assert len(body) < 60  # under the prose length in letters, but as long as an English sentence of 60
    rules = [_rule("drop", "^订阅$"), _rule("drop-below-body", "^[^。]+$")]
    state = apply_text_rules([Paragraph(t) for t in (body, body, "Stay informed", "订阅")], rules)
    assert [p.text for p in state.paragraphs] == [body, body]


@dataclass(frozen=True, kw_only=True)
class _Shout(TextRule):
    """A rule that says only what it does to a match; the shared loop keeps everything else."""

    action: ClassVar = "drop"

    def act(self, state: Any, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        kept.append(replace(para, text=para.text.upper()))


def test_a_text_rule_acts_on_matches_and_keeps_every_other_paragraph_as_it_was():
    paras = [Paragraph("Harbour plan", kind="heading", level=2), Paragraph("note: small"), Paragraph(BODY)]
    rule = _Shout(id="generic.test", description="test", pattern=compile_pattern("^note:"))
    state = apply_text_rules(paras, [rule])
    assert state.paragraphs[0] is paras[0] and state.paragraphs[2] is paras[2]
    assert state.paragraphs[1].text == "NOTE: SMALL"


@pytest.mark.parametrize(
    ("action", "pattern", "kept"),
    [
        ("drop", "^Photo:", ["Head", BODY, BODY]),
        ("drop-with-caption", "^Photo:", ["Head", BODY, BODY]),
        ("strip", "^Photo: ", ["Head", BODY, "Jane Roe", BODY]),
        ("capture", "^Photo: (?P<author>.+)$", ["Head", BODY, BODY]),
        ("join-previous", "^Photo:", ["Head", BODY + "Photo: Jane Roe", BODY]),
    ],
)
def test_per_match_actions_change_only_the_matched_paragraph(action, pattern, kept):
    texts = ["Head", BODY, "Photo: Jane Roe", BODY]
    matcher = "inline" if action == "strip" else "paragraph"
    rule = RULE_TYPES[(matcher, action)](id="generic.test", description="test", pattern=compile_pattern(pattern))
    paras = [Paragraph(t) for t in texts]
    state = apply_text_rules(paras, [rule])
    assert [p.text for p in state.paragraphs] == kept
    assert state.paragraphs[0] is paras[0] and state.paragraphs[-1] is paras[-1]


ENTRY = (
    "^[^\n]{1,120}?[0-2]?\\d[:.][0-5]\\d[^\n]{0,60}$|^\\s*(?P<says>[^\\s.!?:][^.!?:\n]{0,40}\\s(?:says|said))\\s*:\\s*$"
)


@pytest.mark.parametrize(
    "thread",
    [
        [
            "Jane Roe on March 5, 2021 at 4:12 pm said:",
            "Great news!",
            "John Doe March 6, 2021 - 9:00 am",
            "When does it open?",
            "About",
        ],
        [
            "Jane Roe says:",
            "March 5, 2021 at 4:12 pm",
            "Great news!",
            "John Doe says:",
            "March 6, 2021 at 9:00 am",
            "When does it open?",
        ],
    ],
    ids=["dated-entries", "writer-over-date-and-time"],
)
def test_drop_thread_drops_a_thread_under_the_body_to_the_end(thread):
    kept, removed = _run("drop-thread", ENTRY, [BODY, BODY, *thread])
    assert kept == [BODY, BODY]
    assert removed == thread


def test_drop_thread_leaves_one_entry_entries_above_the_body_and_lists_of_dated_lines():
    one = [BODY, BODY, "Jane Roe on March 5, 2021 at 4:12 pm said:", "Great news!"]
    assert _run("drop-thread", ENTRY, one)[1] == []
    forum = ["Jane Roe March 5, 2021 - 4:12 pm", BODY, "John Doe March 6, 2021 - 9:00 am", BODY, BODY]
    assert _run("drop-thread", ENTRY, forum)[1] == []
    dates = [
        BODY,
        BODY,
        "Paris, Olympia March 5, 2021 8:00 pm",
        "Lyon, Transbordeur March 7, 2021 8:00 pm",
        "Berlin, Columbiahalle March 9, 2021 8:00 pm",
    ]
    assert _run("drop-thread", ENTRY, dates)[1] == []
    undated = [BODY, BODY, "Jane Roe says:", "Great news!", "John Doe says:", "When does it open?"]
    assert _run("drop-thread", ENTRY, undated)[1] == []


def test_drop_thread_does_nothing_on_extracted_html():
    texts = [BODY, BODY, "Jane Roe March 5, 2021 - 4:12 pm", "Great news!", "John Doe March 6, 2021 - 9:00 am", "Yes."]
    state = apply_text_rules([Paragraph(t) for t in texts], [_rule("drop-thread", ENTRY)], text_dump=False)
    assert state.removed == []


def test_comment_thread_start_finds_where_either_kind_of_thread_rule_would_cut_and_removes_nothing():
    entries = [BODY, BODY, "Jane Roe March 5, 2021 - 4:12 pm", "Great news!", "John Doe March 6, 2021 - 9:00 am"]
    entries.append("When does it open?")
    headed = [BODY, BODY, "Leave a comment", "Great news!", BODY]
    paras = [Paragraph(t) for t in entries]
    finders = [_rule("drop-thread", ENTRY), _rule("drop-tail", "^Leave a comment$")]
    assert comment_thread_start(paras, finders) == 2
    assert [p.text for p in paras] == entries  # asked, not applied
    assert comment_thread_start([Paragraph(t) for t in headed], finders) == 2
    assert comment_thread_start([Paragraph(t) for t in [BODY, BODY, "Great news!"]], finders) is None
    assert comment_thread_start([], finders) is None


def test_drop_thread_opens_under_the_article_not_at_its_dated_byline():
    teaser = BODY.replace("The harbour board", "Elsewhere, the port authority")
    texts = [
        teaser,
        teaser,
        "Jane Roe March 5, 2021 - 4:12 pm",
        BODY,
        BODY,
        BODY,
        BODY,
        "Jim Doe March 6, 2021 - 9:00 am",
        "Great news!",
        "Ann Poe March 6, 2021 - 9:30 am",
        "When does it open?",
    ]
    kept, removed = _run("drop-thread", ENTRY, texts)
    assert kept == texts[:7]
    assert removed == texts[7:]
