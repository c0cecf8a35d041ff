"""The text-dump benchmark: its generator is deterministic and as broad as it claims; its scorer counts right."""

import re
from collections import Counter

import pytest

from benchmarks.dumps import (
    DATE_STYLES,
    KINDS,
    LAYOUTS,
    Dump,
    Line,
    Prediction,
    as_html,
    generate,
    line_kept_shares,
    load_templates,
    score_dump,
    summarise_generated,
)
from benchmarks.wholepage import html2text_markdown, markdownify_markdown, whole_page_text


@pytest.fixture(scope="module")
def dumps() -> list[Dump]:
    return generate()


@pytest.fixture(scope="module")
def templates():
    return load_templates()


def test_generation_is_deterministic(dumps):
    again = generate()
    assert [(d.id, d.text, d.lines, d.title, d.author, d.date) for d in again] == [
        (d.id, d.text, d.lines, d.title, d.author, d.date) for d in dumps
    ]
    other = generate(seed=1)
    assert any(a.text != b.text for a, b in zip(other, dumps, strict=True))


def test_counts_meet_the_benchmark_floor(dumps, templates):
    assert len(dumps) >= 150
    assert len({d.site for d in dumps}) >= 20 and len(templates.sites) >= 20
    assert len({d.layout for d in dumps}) >= 8
    assert set(LAYOUTS) == {d.layout for d in dumps}
    assert {style for site in templates.sites for style in site["dates"]} == set(DATE_STYLES)
    for kind in KINDS:
        assert sum(len(items) for items in templates.boilerplate[kind].values()) >= 15, kind
    assert len({d.lang for d in dumps}) >= 7


def test_every_phrasing_of_every_kind_is_used(dumps, templates):
    for kind in KINDS:
        seen = [line.text for d in dumps for line in d.lines if line.label == f"boilerplate:{kind}"]
        for items in templates.boilerplate[kind].values():
            for lines in items:
                pattern = re.compile(re.sub(r"\\\{\w+\\\}", ".+?", re.escape(lines[0])) + r"\Z")
                assert any(pattern.match(text) for text in seen), (kind, lines[0])


def test_newline_variants_and_controls_are_present(dumps):
    styles = Counter(d.newline for d in dumps)
    assert set(styles) == {"blank", "single", "crlf-blank", "crlf-single"}
    assert any("\r\n" in d.text for d in dumps)
    single = [d for d in dumps if d.newline == "single"]
    assert single and all("\n\n" not in d.text and "\r" not in d.text for d in single)
    controls = [line.text for d in dumps for line in d.lines if line.label == "control"]
    assert len(set(controls)) >= 15
    assert any(text.startswith("1. ") for text in controls) and any(len(text.split()) <= 3 for text in controls)


def test_text_is_exactly_the_labelled_lines(dumps):
    labels = re.compile(r"\A(body|control|header:\w+|boilerplate:(" + "|".join(KINDS) + r"))\Z")
    for d in dumps:
        assert [line for line in re.split(r"\r?\n", d.text) if line.strip()] == [line.text for line in d.lines]
        assert all(labels.match(line.label) for line in d.lines)
        assert any(line.label == "body" for line in d.lines)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.date) and d.title and d.author
        header = " ".join(line.text for line in d.lines if line.label.startswith("header:"))
        assert d.title in header and d.date[:4] in header, d.id


def test_numeric_dates_cannot_swap_day_and_month():
    import random
    from datetime import datetime

    rng = random.Random(0)
    when = datetime(2021, 3, 25, 14, 5)
    assert DATE_STYLES["numeric_mdy"](when, rng) == "03/25/2021"
    assert DATE_STYLES["written_uk_weekday"](when, rng).startswith("Thursday 25 March 2021")
    assert DATE_STYLES["de_numeric_time"](when, rng) == "25.03.2021, 14:05 Uhr"


def test_kept_share_counts_whole_partial_token_free_and_repeated_lines():
    lines = [
        "Title: Storm ahead",
        "The storm hit the coast at dawn.",
        "Share on Facebook",
        "*",
        "Advertisement",
        "Roads were closed.",
        "Advertisement",
    ]
    output = "The storm hit the coast at dawn.\nShare on\n*\nAdvertisement\nRoads were closed."
    assert line_kept_shares(lines, output) == pytest.approx([0, 1, 2 / 3, 1, 1, 1, 0])
    assert line_kept_shares(["*"], "a * b") == [0.0]
    assert line_kept_shares(["One two."], "") == [0.0]


def test_score_and_summary_of_a_hand_made_dump():
    dump = Dump(
        "t",
        "example.org",
        "en",
        "fields_top",
        "single",
        "",
        (
            Line("Title: Storm ahead", "header:title"),
            Line("The storm hit the coast at dawn.", "body"),
            Line("It didn't work.", "control"),
            Line("Advertisement", "boilerplate:advert"),
            Line("© 2021 Example", "boilerplate:footer"),
        ),
        "Storm ahead",
        "Ann Lee",
        "2021-03-05",
    )
    prediction = Prediction(
        "The storm hit the coast at dawn.\n© 2021 Example",
        title="Storm ahead",
        author="ANN LEE",
        date="2021-03-05T10:00",
    )
    score = score_dump(dump, prediction)
    assert (score["title"], score["author"], score["date"]) == (True, True, True)
    assert score["accuracy"] == pytest.approx(3 / 5)
    assert score["missed"] == ["boilerplate:footer", "control"]
    summary = summarise_generated([score])
    assert summary["removed advert"] == 1 and summary["removed footer"] == 0
    assert summary["removed header lines"] == 1 and summary["kept body"] == 1 and summary["kept controls"] == 0
    assert summary["removed share"] is None and summary["clean dumps"] == 0
    no_metadata = summarise_generated([score_dump(dump, Prediction(""))])
    assert no_metadata["title exact"] is None and no_metadata["kept body"] == 0


def test_baselines_see_each_line_as_one_escaped_paragraph():
    assert as_html("A & B\r\n\r\n<c>\n") == "<html><body>\n<p>A &amp; B</p>\n<p>&lt;c&gt;</p>\n</body></html>"


def test_baselines_see_a_markdown_dump_rendered_as_html():
    html = as_html("# Title\n\nSee [the report](https://ex.com/r).", markdown=True)
    assert "<h1>Title</h1>" in html and '<a href="https://ex.com/r">the report</a>' in html


def test_markdown_converters_write_the_whole_page_with_its_links_and_no_scripts():
    html = (
        "<html><head><title>T</title><script>x=1</script></head><body><nav><a href='/'>Home</a></nav>"
        "<h1>Story</h1><p>First <a href='https://ex.com/a'>link</a>.</p><script>y=2</script></body></html>"
    )
    for convert in (html2text_markdown, markdownify_markdown):
        markdown = convert(html)
        assert "[Home](/)" in markdown and "# Story" in markdown and "[link](https://ex.com/a)" in markdown
        assert "x=1" not in markdown and "y=2" not in markdown


def test_whole_page_text_keeps_menus_and_drops_scripts():
    html = (
        "<html><head><title>T</title></head><body><nav><a>Home</a> <a>News</a></nav><script>x=1</script>"
        "<div><p>First  paragraph <b>bold</b>.</p><p>Second.</p></div><footer>© 2020</footer></body></html>"
    )
    assert whole_page_text(html) == "Home News\nFirst paragraph bold.\nSecond.\n© 2020"


def test_the_interval_table_gives_each_tool_its_f1_and_range():
    from benchmarks.dumps import interval_table

    real = {
        "table": {
            "aeb / whole-page": {
                "as-is": {"f1": 0.658, "f1_interval": (0.61, 0.70), "pages": 42},
                "cleaner": {"f1": 0.895, "f1_interval": (0.871, 0.918), "pages": 42},
            }
        }
    }
    lines = interval_table(real).splitlines()
    assert lines[0] == "| source / dump | pages | as-is F1 (95%) | cleaner F1 (95%) |"
    assert lines[2] == "| aeb / whole-page | 42 | 0.658 (0.610-0.700) | 0.895 (0.871-0.918) |"


ABOUT = (
    "The Quay Courier is a cooperative newsroom owned by the people who read it, and it has reported on "
    "the harbour, the quays and the towns of the north coast since 1921, taking no money from anyone it covers."
)
MENUS = ["Home", "News", "Harbour", "Weather", "Tides", "Sport", "Letters", "Sign in", "Subscribe", "Search"]
FEET = ["About us", "Contact", "Advertise", "Privacy", "Terms", "Cookie settings", "Careers", "Archive"]
STORIES = [
    "The {0} council voted on Tuesday to rebuild the {1} after a winter of storms, ending a debate that "
    "ran for more than a year.",
    "Fishing crews in {0} said the new {1} would let them land their catch at any tide, which the old one never did.",
    "Work on the {1} in {0} starts in the spring and should take two years, the harbour master said at a "
    "meeting in the town hall.",
    "Residents of {0} who opposed the plan for the {1} said the money would be better spent on the roads "
    "and the school.",
]


def test_site_learning_learns_a_sites_long_box_from_its_crawl_and_reports_beside_the_same_row(tmp_path):
    from benchmarks.dumps import LEARNED, cleaner_tool, learned_table, learned_tools

    towns, works = ["Wick", "Thurso", "Brora", "Golspie", "Dornoch", "Tain"], ["pier", "breakwater", "slipway"]
    crawl = [
        (
            "\n".join(
                [
                    *MENUS,
                    f"{town} votes on its {works[n % 3]}",
                    *(s.format(town, works[n % 3]) for s in STORIES),
                    ABOUT,
                    *FEET,
                ]
            ),
            f"https://www.quaycourier.example/{n}",
        )
        for n, town in enumerate(towns)
    ]
    tools, summary = learned_tools(crawl, tmp_path)
    assert summary.startswith("learned 1 rules for 1 sites from 6 pages")
    learned = tools[LEARNED](crawl[0][0], "en", crawl[0][1])
    assert ABOUT not in learned.text and STORIES[0].format("Wick", "pier") in learned.text
    assert ABOUT in cleaner_tool()(crawl[0][0], "en", crawl[0][1]).text  # the model keeps it
    row = {"f1": 0.9, "f1_interval": (0.8, 0.95), "pages": 6}
    real = {"table": {"x / whole-page": {"as-is": row, "justext": row, "cleaner": row}}}
    header = learned_table(real, {"table": {"x / whole-page": {LEARNED: row}}}).splitlines()[0]
    assert header == "| source / dump | pages | cleaner F1 (95%) | cleaner --learn F1 (95%) | justext F1 (95%) |"
