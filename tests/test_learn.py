"""Learning a site's boilerplate: what recurs becomes tested rules, body text never does."""

from __future__ import annotations

import random

import pytest

from cleaner import Cleaner, Config
from cleaner.learn import LearnConfig, SiteLearner, SiteRef, keys_of, learn_rules, shape_of, write_rules
from cleaner.rulebook.check import check_rule
from cleaner.rulebook.load import load_file, load_ruleset

SUBJECTS = [
    "The harbour board",
    "Two fishing crews",
    "A ferry operator",
    "The county planner",
    "Local bakers",
    "Night shift nurses",
    "The rowing club",
    "A retired teacher",
    "Market traders",
    "The water utility",
    "Volunteer divers",
    "The town museum",
    "Three farmers",
    "A young architect",
    "Parish officials",
]
VERBS = [
    "questioned",
    "welcomed",
    "rebuilt",
    "measured",
    "postponed",
    "mapped",
    "funded",
    "inspected",
    "described",
    "photographed",
    "defended",
    "repaired",
]
OBJECTS = [
    "the eastern breakwater",
    "a flooded cellar",
    "the new timetable",
    "winter storage costs",
    "an old lighthouse lamp",
    "the school kitchen",
    "rising mooring fees",
    "a fallen oak",
    "the tidal gauge",
    "two empty warehouses",
    "a cracked sea wall",
    "the Sunday market",
]
TAILS = [
    "before the spring tides",
    "after a long council debate",
    "despite heavy rain on Tuesday",
    "with help from neighbours",
    "for the first time since 1987",
    "while tourists watched",
    "at a cost nobody expected",
    "during the night shift",
    "as the river kept rising",
]
NAMES = ["Mara Quint", "Tobias Renn", "Ada Lowell", "Yusuf Baird", "Ines Carro"]
DISCLAIMER = "Harbour Gazette pieces are checked by two editors before they go out to readers."
FOOTER = "Gazette Press Cooperative, Pier Road, all the tide tables you need"


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def body_paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 3)))


def site_pages(count: int, seed: int = 1, host: str = "harbourgazette.example") -> list[tuple[str, str, dict]]:
    """Dumps of one invented site: headline, a byline in the site's layout, body with a 'More from
    the quay >' insert, then a disclaimer and footer; with the truth of what is what."""
    rng = random.Random(seed)
    pages = []
    for n in range(count):
        byline = f"Filed by {rng.choice(NAMES)} · {rng.randint(2, 9)} minute read"
        insert = f"More from the quay > {rng.choice(OBJECTS).capitalize()} {rng.choice(TAILS)}"
        body = [body_paragraph(rng) for _ in range(rng.randint(5, 8))]
        lines = [
            f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
            byline,
            *body[:3],
            insert,
            *body[3:],
            DISCLAIMER,
            FOOTER,
        ]
        truth = {"body": body, "boilerplate": [byline, insert, DISCLAIMER, FOOTER]}
        pages.append(("\n\n".join(lines), f"https://www.{host}/news/{n}", truth))
    return pages


@pytest.fixture(scope="module")
def learned(tmp_path_factory):
    directory = tmp_path_factory.mktemp("learned")
    pages = site_pages(10)
    result = learn_rules([(text, url) for text, url, _ in pages], directory)
    return result, directory, pages


def test_recurring_lines_inserts_and_byline_layout_become_rules(learned):
    result, _, pages = learned
    (site,) = result.sites
    patterns = [rule["match"]["paragraph"] for rule in site.rules]
    for piece in pages[0][2]["boilerplate"]:
        assert any(load_pattern(p).search(piece) for p in patterns), piece


def test_learned_file_loads_and_passes_its_examples(learned):
    _, directory, _ = learned
    source = load_file(directory / "sites" / "harbourgazette.example.yaml")
    assert source.domains == ("harbourgazette.example",)
    assert source.rules and all(check_rule(rule).ok for rule in source.rules)
    assert all(rule.id.startswith("harbourgazette.example.learned-") for rule in source.rules)


def test_no_learned_rule_matches_a_body_paragraph(learned):
    result, _, pages = learned
    patterns = [load_pattern(rule["match"]["paragraph"]) for rule in result.sites[0].rules]
    body = [para for _, _, truth in pages for para in truth["body"]]
    assert not [para for para in body if any(p.search(para) for p in patterns)]


def test_description_says_how_often_and_where(learned):
    result, _, _ = learned
    disclaimer = next(r for r in result.sites[0].rules if "checked by two editors" in r["examples"]["match"][0])
    assert "seen on 10 of 10 pages" in disclaimer["description"]
    assert "at the end of the page" in disclaimer["description"]


def test_cleaning_with_learned_rules_removes_boilerplate_and_keeps_body(learned):
    _, directory, pages = learned
    cleaner = Cleaner(Config(rule_dirs=(str(directory),)))
    text, url, truth = site_pages(1, seed=99)[0]
    doc = cleaner.clean(text, url=url)
    assert all(piece not in doc.text for piece in truth["boilerplate"])
    assert all(para in doc.text for para in truth["body"])
    assert any(r.rule.startswith("harbourgazette.example.learned-") for r in doc.removed)


def test_a_site_with_too_few_pages_gets_no_rules_and_a_note():
    result = learn_rules([(text, url) for text, url, _ in site_pages(3)])
    assert not result.sites
    assert any("3 pages, fewer than 5" in note for note in result.notes)


def test_a_site_whose_pages_share_nothing_gets_no_rules_and_a_note():
    rng = random.Random(5)
    words = [f"{a}{b}" for a in ("tal", "mer", "ost", "vin", "ru", "pel") for b in ("ka", "dor", "is", "ent", "u")]

    def prose() -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(9, 20))).capitalize() + "."

    pages = [("\n\n".join(prose() for _ in range(6)), f"https://plain.example/{n}") for n in range(8)]
    result = learn_rules(pages)
    assert not result.sites
    assert any(note.startswith("plain.example: 8 pages share no recurring line") for note in result.notes)


def test_pages_of_mixed_sites_get_no_rules():
    pages = [(text, f"https://site{n}.example/a") for n, (text, _, _) in enumerate(site_pages(8))]
    result = learn_rules(pages)
    assert not result.sites and len(result.notes) == 8


def test_pages_without_url_or_signature_are_noted():
    result = learn_rules([text for text, _, _ in site_pages(6)])
    assert not result.sites
    assert any("6 pages had no URL" in note for note in result.notes)


def test_a_url_written_in_the_dump_names_the_site_and_a_signature_applies_its_rules(tmp_path):
    pages = [(f"Url:{url}\n\n{text}", truth) for text, url, truth in site_pages(8)]
    result = learn_rules([text for text, _ in pages], tmp_path)
    assert [site.ref.name for site in result.sites] == ["harbourgazette.example"]
    assert result.sites[0].signatures
    text, url, truth = site_pages(1, seed=7)[0]
    doc = Cleaner(Config(rule_dirs=(str(tmp_path),))).clean(f"Url:{url}\n\n{text}")
    assert DISCLAIMER not in doc.text and all(para in doc.text for para in truth["body"])


def test_a_repeated_article_does_not_make_its_body_boilerplate():
    pages = site_pages(6)
    repeated = [(pages[0][0], f"https://www.harbourgazette.example/copy/{n}") for n in range(5)]
    result = learn_rules([(text, url) for text, url, _ in pages] + repeated)
    patterns = [load_pattern(rule["match"]["paragraph"]) for rule in result.sites[0].rules]
    assert not any(p.search(para) for p in patterns for para in pages[0][2]["body"])
    assert any("5 pages repeated another page" in note for note in result.notes)


ABOUT_BOX = (
    "The Harbour Gazette is an independent cooperative newsroom owned by the people who read it, and it has "
    "reported on the harbour, the quays and the towns along the north coast since the winter of 1921, taking "
    "no money from the councils, port authorities or companies it writes about."
)
SITE_MENU = ["Home", "News", "Harbour", "Weather", "Tides", "Sport", "Letters", "Sign in", "Subscribe", "Search"]
SITE_FOOT = ["About us", "Contact", "Advertise", "Privacy", "Terms", "Cookie settings", "Careers", "Archive"]


def test_a_site_box_longer_than_every_body_paragraph_does_not_make_its_pages_repeats():
    pages = [(text.replace(DISCLAIMER, ABOUT_BOX), url) for text, url, _ in site_pages(6)]
    result = learn_rules(pages)
    assert not any("repeated another page" in note for note in result.notes)
    (rule,) = [rule for rule in result.sites[0].rules if rule["examples"]["match"] == [ABOUT_BOX]]
    assert rule["after"] == "line-model"  # a long line: it reads what the line model keeps


def test_a_site_the_line_model_reads_as_whole_pages_learns_only_its_long_lines():
    """Its menus recur on every page, but the model weighs them in context; a long box it may keep."""
    rng = random.Random(3)
    pages = []
    for n in range(6):
        story = [body_paragraph(rng) for _ in range(4)]
        lines = [*SITE_MENU, f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}", *story]
        pages.append(("\n".join([*lines, ABOUT_BOX, *SITE_FOOT]), f"https://www.harbourgazette.example/{n}"))
    assert Cleaner().cuts_as_page(pages[0][0].split("\n"), "text")
    result = learn_rules(pages)
    (site,) = result.sites
    assert [rule["examples"]["match"] for rule in site.rules] == [[ABOUT_BOX]]
    assert site.rules[0]["after"] == "line-model"
    assert result.notes == ["harbourgazette.example: read as whole pages: lines of 30 words or more only"]


def test_a_line_the_header_step_reads_is_left_to_it_and_the_date_is_kept(tmp_path):
    pages = []
    for n, (text, url, _) in enumerate(site_pages(8)):
        lines = text.split("\n\n")
        pages.append(("\n\n".join([lines[0], f"Published: {n + 3} March 2021", *lines[1:]]), url))
    result = learn_rules(pages, tmp_path)
    assert not any(rule["match"]["paragraph"].startswith("^Published") for rule in result.sites[0].rules)
    doc = Cleaner(Config(rule_dirs=(str(tmp_path),))).clean(pages[2][0], url=pages[2][1], kind="text")
    assert doc.date == "2021-03-05" and "Published: 5 March 2021" not in doc.text


@pytest.mark.parametrize(("read_as", "learned"), [("dump", False), ("html", True)])
def test_only_an_html_sites_dateline_is_learned_since_no_header_step_reads_its_paragraphs(read_as, learned):
    learner = SiteLearner()
    for n, (text, _, _) in enumerate(site_pages(8)):
        lines = text.split("\n\n")
        learner.add(
            SiteRef("harbourgazette.example"), [lines[0], f"Published: {n + 3} March 2021", *lines[1:]], read_as
        )
    rules = learner.result().sites[0].rules
    assert any(rule["match"]["paragraph"].startswith("^Published") for rule in rules) == learned


@pytest.mark.parametrize(
    ("line", "long"),
    [
        (ABOUT_BOX, True),
        (
            "本报讯 记者从市交通局获悉，城市北部轻轨延伸线工程将于明年春季开工，"
            "预计三年内建成通车，沿线居民出行时间将缩短一半以上。",
            True,
        ),
        ("Harbour Gazette · independent news for the north coast since 1921", False),
        ("港湾日报 · 北部海岸新闻", False),
    ],
)
def test_a_long_line_is_long_in_every_script(line, long):
    from cleaner.learn import KeyStats, _long_line

    assert _long_line(KeyStats("line", shape_of(line))) is long


def test_a_label_on_too_many_body_paragraphs_is_refused():
    rng = random.Random(3)
    pages = []
    for n in range(8):
        paras = [f"Note: {body_paragraph(rng)}" for _ in range(4)] + [body_paragraph(rng) for _ in range(3)]
        pages.append(("\n\n".join(["Headline " + str(n), *paras, FOOTER]), f"https://notes.example/{n}"))
    result = learn_rules(pages, learn=LearnConfig(max_body_share=0.15))
    patterns = [rule["match"]["paragraph"] for site in result.sites for rule in site.rules]
    assert patterns and not any(p.startswith("^Note") for p in patterns)


def test_pruning_keeps_memory_bounded_and_still_learns_what_recurs():
    learner = SiteLearner(LearnConfig(max_entries=300))
    for text, _, _ in site_pages(30):
        learner.add(SiteRef("harbourgazette.example", ("harbourgazette.example",)), text.split("\n\n"))
        assert learner.entries <= 300 + 60
    (site,) = learner.result().sites
    assert any(DISCLAIMER in rule["examples"]["match"] for rule in site.rules)


def test_shape_generalises_digits_and_keys_include_label_and_layout():
    shape = shape_of("ALSO  SEEN| Storm hits 12 towns")
    assert shape == "ALSO SEEN| Storm hits 0 towns"
    kinds = dict(keys_of(shape))
    assert kinds["label"] == "ALSO SEEN|"
    assert kinds["layout"].startswith("ALSO")


def test_write_replaces_only_files_it_learned(tmp_path, learned):
    result, _, _ = learned
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "hand.example.yaml").write_text("rules: []\n")
    (sites / "stale.example.yaml").write_text("# Learned by cleaner from 3 pages\nrules: []\n")
    write_rules(result, tmp_path)
    assert sorted(p.name for p in sites.iterdir()) == ["hand.example.yaml", "harbourgazette.example.yaml"]
    load_ruleset([tmp_path])


def load_pattern(regex: str):
    from cleaner.patterns import compile_pattern

    return compile_pattern(regex)


def write_crawl(path, pages) -> None:
    import json

    path.write_text("".join(json.dumps({"text": text, "url": url}) + "\n" for text, url, _ in pages))


def test_cli_rules_learn_writes_files_that_rules_test_passes(tmp_path, capsys):
    from cleaner.cli import main

    write_crawl(tmp_path / "crawl.jsonl", site_pages(8) + site_pages(2, host="tiny.example"))
    assert main(["rules", "learn", str(tmp_path / "crawl.jsonl"), "-o", str(tmp_path / "out"), "--in-process"]) == 0
    err = capsys.readouterr().err
    assert "for 1 sites from 10 pages" in err and "tiny.example: 2 pages, fewer than 5" in err
    assert (tmp_path / "out" / "sites" / "harbourgazette.example.yaml").is_file()
    assert main(["rules", "test", "--rules", str(tmp_path / "out")]) == 0


def test_cli_clean_learn_writes_rules_beside_the_output_and_uses_them(tmp_path, capsys):
    import json

    from cleaner.cli import main

    write_crawl(tmp_path / "crawl.jsonl", site_pages(8))
    out = tmp_path / "clean.jsonl"
    assert (
        main(["clean", "--learn", str(tmp_path / "crawl.jsonl"), "-o", str(out), "--in-process", "--no-progress"]) == 0
    )
    assert (tmp_path / "clean.jsonl.rules" / "sites" / "harbourgazette.example.yaml").is_file()
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 8 and all(DISCLAIMER not in r["text"] for r in records)
    assert "learned" in capsys.readouterr().err


def test_cli_clean_learn_refuses_stdin(capsys):
    from cleaner.cli import main

    assert main(["clean", "--learn", "-"]) == 2
    assert "cannot read standard input" in capsys.readouterr().err


def test_spark_learns_from_a_sample_then_cleans_every_row_with_it(tmp_path):
    import os
    import shutil
    import sys

    pytest.importorskip("pyspark", reason="pyspark is not installed")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from cleaner.integrations.spark import Columns, learn_and_clean

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("cleaner-learn-test")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        pages = site_pages(8)
        df = spark.createDataFrame(
            [(str(n), text, url) for n, (text, url, _) in enumerate(pages)], "id string, text string, url string"
        )
        cleaned, result = learn_and_clean(df, tmp_path / "learned", columns=Columns(), fraction=1.0)
        rows = cleaned.collect()
    finally:
        spark.stop()
    assert [site.ref.name for site in result.sites] == ["harbourgazette.example"]
    assert len(rows) == 8 and all(row["status"] == "ok" and DISCLAIMER not in row["text"] for row in rows)
    assert any(r["rule"].startswith("harbourgazette.example.learned-") for r in rows[0]["removed"])


def test_explain_shows_a_learned_rule_removal_like_any_other(learned, tmp_path, capsys):
    from cleaner.cli import main

    _, directory, _ = learned
    text, url, _ = site_pages(1, seed=42)[0]
    (tmp_path / "page.txt").write_text(text)
    assert main(["explain", str(tmp_path / "page.txt"), "--url", url, "--rules", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "harbourgazette.example.learned-" in out and DISCLAIMER in out.split("--- removed")[1]


def test_a_site_with_all_the_pages_it_needs_is_not_read_further():
    learner = SiteLearner(LearnConfig(max_pages_per_site=5))
    ref = SiteRef("harbourgazette.example", ("harbourgazette.example",))
    for text, _, _ in site_pages(8):
        learner.add(ref, text.split("\n\n"))
    assert learner.sites[ref.name].pages == 5 and learner.sites[ref.name].skipped == 3
    assert learner.is_full("harbourgazette.example") and not learner.is_full("other.example")


MISSING = "This page has drifted out with the tide: try the search box or the front page of the Gazette."


def write_status_warc(path, pages) -> None:
    """A WARC of real warcio response records: each dump as an HTML page, under its HTTP status."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for status, text, url in pages:
            html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in text.split("\n\n"))
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()), http_headers=headers)
            writer.write_record(record)


def missing_pages(count: int) -> list[tuple[str, str, str]]:
    """404 pages of the same site: the site's chrome around its own not-found message."""
    rng = random.Random(7)
    return [
        (
            "404 Not Found",
            f"{MISSING}\n\n{body_paragraph(rng)}\n\n{FOOTER}",
            f"https://www.harbourgazette.example/gone/{n}",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("command", ["rules-learn", "clean-learn"])
def test_learning_reads_only_200_responses_of_a_warc_unless_include_status_says(tmp_path, capsys, command):
    from cleaner.cli import main

    pages = [("200 OK", text, url) for text, url, _ in site_pages(6)] + missing_pages(6)
    write_status_warc(tmp_path / "crawl.warc.gz", pages)

    def learn(*flags: str) -> tuple[str, str]:
        out = tmp_path / f"out{len(flags)}"
        if command == "rules-learn":
            argv = ["rules", "learn", str(tmp_path / "crawl.warc.gz"), "-o", str(out), "--in-process", *flags]
        else:
            argv = ["clean", "--learn", str(tmp_path / "crawl.warc.gz"), "-o", f"{out}.jsonl", "--in-process"]
            argv += ["--learned-rules", str(out), "--no-progress", *flags]
        assert main(argv) == 0
        rules = out / "sites" / "harbourgazette.example.yaml"
        return capsys.readouterr().err, rules.read_text() if rules.exists() else ""

    err, rules = learn()
    assert "from 6 pages (6 responses skipped by HTTP status)" in err and "could not be read" not in err
    assert "drifted" not in rules and "Gazette\\s+Press" in rules  # the 200 pages' footer, never the 404 message
    err, rules = learn("--include-status", "200,404")
    assert "from 12 pages" in err and "skipped" not in err.split("\n")[0]
    assert "drifted" in rules


def test_learning_decodes_a_page_with_the_charset_its_http_header_declares():
    from scale_fixtures import LATIN1_PAGE

    from cleaner.learn import PARAGRAPHS_FIELD, LearnView

    doc = LearnView().clean(LATIN1_PAGE.encode("latin-1"), url="https://news.example.com/1", charset="ISO-8859-1")
    assert any("Le café de la gare a réouvert" in p for p in doc.extra[PARAGRAPHS_FIELD])
