"""The `cleaner` command: clean the seeds, explain removals, test rules, fail in one line."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import pytest
from scale_fixtures import LATIN1_PAGE
from test_pipeline import SEED_METADATA

from cleaner.cli import main
from golden import GOLDEN

SEED_INPUTS = sorted(GOLDEN.glob("seed-*/input.txt"))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_writes_one_record_per_seed_with_metadata(tmp_path, capsys):
    out = tmp_path / "seeds.jsonl"
    code, _, err = run(capsys, "clean", *SEED_INPUTS, "-o", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert code == 0 and len(records) == len(SEED_INPUTS)
    for record in records:
        case_id = record["source"].split("/")[-2]
        assert record["status"] == "ok"
        assert {k: record[k] for k in SEED_METADATA[case_id]} == SEED_METADATA[case_id]
    assert "5 inputs, 5 ok, 0 errors" in err


def test_clean_keeps_going_past_bad_inputs_and_exits_nonzero(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.html").write_bytes(b"\x00\x01\x02\x03" * 400)
    shutil.copy(SEED_INPUTS[0], tmp_path / "good.txt")
    code, out, _ = run(capsys, "clean", tmp_path)
    records = {json.loads(line)["source"].split("/")[-1]: json.loads(line) for line in out.splitlines()}
    assert code == 1 and set(records) == {"empty.txt", "blob.html", "good.txt"}
    assert records["good.txt"]["status"] == "ok"
    assert "empty input" in records["empty.txt"]["error"] and "binary data" in records["blob.html"]["error"]


def test_clean_into_a_directory_writes_text_and_json(tmp_path, capsys):
    code, _, _ = run(capsys, "clean", GOLDEN / "seed-003", "-o", tmp_path / "out", "--format", "dir")
    text = (tmp_path / "out" / "input.txt").read_text()
    meta = json.loads((tmp_path / "out" / "input.json").read_text())
    assert code == 0 and text.rstrip().endswith("he mentioned in the end.")
    assert meta["title"].startswith("Mark Zuckerberg Drops F-Bomb") and "text" not in meta


def test_explain_lists_each_removed_piece_with_its_rule(capsys):
    code, out, _ = run(capsys, "explain", GOLDEN / "seed-002" / "input.txt")
    removed = out.split("--- removed")[1]
    assert code == 0
    for rule, piece in [
        ("theoutpost.ai.footer", "Instagram logo"),
        ("theoutpost.ai.sources-count", "3 Sources"),
        ("generic.footnote-numeral", "1"),
        ("generic.orphan-punctuation", "."),
        ("generic.share-label", "Share"),
        ("theoutpost.ai.article-type", "News article"),
    ]:
        assert any(line.startswith(rule) and line.rstrip().endswith(piece) for line in removed.splitlines())


def test_rules_test_passes_on_shipped_rules(capsys):
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0 and out.rstrip().endswith("0 failed")


def test_missing_path_is_a_one_line_error(capsys):
    code, out, err = run(capsys, "clean", "/no/such/place")
    assert code == 2 and out == "" and err.strip() == "cleaner: error: /no/such/place: no such file or directory"


@pytest.mark.parametrize("command", ["explain", "clean"])
def test_bad_rules_directory_is_a_one_line_error(tmp_path, capsys, command):
    rules = tmp_path / "rules"
    (rules / "generic").mkdir(parents=True)
    (rules / "generic" / "bad.yaml").write_text(
        "rules:\n  - id: generic.broken\n    description: x\n    match: {paragraph: '(['}\n"
        "    action: drop\n    examples: {match: ['a'], keep: ['b']}\n"
    )
    output = tmp_path / "out.jsonl"
    extra = ["-o", output] if command == "clean" else []
    code, _, err = run(capsys, command, SEED_INPUTS[0], "--rules", rules, *extra)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "bad.yaml, rule generic.broken, key 'match.paragraph': bad regex" in err
    assert not output.exists()


@pytest.mark.skipif(shutil.which("cleaner") is None, reason="the cleaner command is not installed")
def test_installed_command_runs():
    done = subprocess.run(["cleaner", "explain", str(SEED_INPUTS[4])], capture_output=True, text=True)
    assert done.returncode == 0 and "generic.byline-with-time" in done.stdout


def test_module_entry_point_runs():
    done = subprocess.run([sys.executable, "-m", "cleaner", "rules", "list"], capture_output=True, text=True)
    assert done.returncode == 0 and "generic.also-read" in done.stdout


def test_explain_shows_a_dom_match_left_in_place_for_its_size(tmp_path, capsys):
    body = "".join(
        f"<p>Paragraph {i} of the story: the council voted on the harbour plan after a long debate "
        "about its cost and the jobs it brings to the town.</p>"
        for i in range(12)
    )
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><body><article><h1>Harbour vote</h1><span class="byline-author">By Jane Roe {body}'
        "</article></body></html>"
    )
    code, out, err = run(capsys, "explain", page)
    assert code == 0 and "Paragraph 11 of the story" in out.split("--- removed")[0]
    kept = out.split("--- kept (1) ---")[1]
    assert "generic.dom-byline left a <span> of" in kept and "over max_chars 600" in kept and err == ""


def test_explain_decodes_a_warc_response_by_its_http_charset_as_clean_does(tmp_path, capsys):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    # The page claims windows-1251 (its latin-1 bytes read as Cyrillic); the HTTP header outranks it.
    body = LATIN1_PAGE.replace("<head>", '<head><meta charset="windows-1251">').encode("latin-1")
    warc = tmp_path / "crawl.warc"
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://news.example.com/cafe", "response", payload=io.BytesIO(body), http_headers=http
            )
        )
    for command in ("explain", "clean"):
        code, out, _ = run(capsys, command, warc)
        assert code == 0 and "Le café de la gare a réouvert ses portes à l'été" in out


def test_rules_test_runs_one_id_or_a_glob(capsys):
    code, out, _ = run(capsys, "rules", "test", "--id", "generic.comment-*", "--id", "generic.also-read")
    ran = [line.split()[1] for line in out.splitlines() if line.startswith("ok")]
    assert code == 0 and ran == [
        "generic.comment-section",
        "generic.comment-thread",
        "generic.comment-thread-intl",
        "generic.comment-count",
        "generic.comment-count-intl",
        "generic.comment-count-more2",
        "generic.comment-count-more3",
        "generic.comment-form-notice",
        "generic.comment-form-notice-intl",
        "generic.comment-rules",
        "generic.comment-rules-intl",
        "generic.comment-rules-intl2",
        "generic.comment-prompt",
        "generic.comment-prompt-more",
        "generic.comment-prompt-more2",
        "generic.comment-prompt-more3",
        "generic.comment-loading",
        "generic.comment-prompt-more4",
        "generic.comment-prompt-intl",
        "generic.comment-prompt-intl2",
        "generic.comment-login",
        "generic.comment-entries",
        "generic.comment-entry",
        "generic.also-read",
    ]


def test_rules_test_runs_one_site_by_name_or_host(capsys):
    for site in ("theoutpost.ai", "www.theoutpost.ai"):
        code, out, _ = run(capsys, "rules", "test", "--site", site)
        ran = {line.split()[1] for line in out.splitlines() if line.startswith("ok")}
        assert code == 0 and ran and all(rule_id.startswith("theoutpost.ai.") for rule_id in ran)


def test_rules_list_filters_by_set_and_group(capsys):
    code, out, _ = run(capsys, "rules", "list", "--site", "generic", "--group", "comments")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and {row[0] for row in rows} >= {"generic.comment-section", "generic.dom-comment-section"}
    assert all(row[0].startswith("generic.") and row[2] == "comments" for row in rows)


def test_rules_list_says_which_rules_read_what_the_line_model_keeps(capsys, tmp_path):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "example.com.yaml").write_text(
        "site: {domains: [example.com]}\nrules:\n"
        "  - {id: example.com.about, description: About box., match: {paragraph: '^About the Ledger: '},\n"
        "     after: line-model, action: drop, examples: {match: ['About the Ledger: news'], keep: [About]}}\n"
        "  - {id: example.com.menu, description: Menu., match: {paragraph: '^Tides$'}, action: drop,\n"
        "     examples: {match: [Tides], keep: [Tide]}}\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "rules", "list", "--rules", str(tmp_path), "--site", "example.com")
    kinds = {row.split("\t")[0]: row.split("\t")[1] for row in out.splitlines()}
    assert code == 0 and kinds == {
        "example.com.about": "paragraph/drop after line-model",
        "example.com.menu": "paragraph/drop",
    }


def test_rule_filters_that_select_nothing_are_a_one_line_error(capsys):
    code, out, err = run(capsys, "rules", "test", "--id", "generic.no-such-*")
    assert code == 2 and out == "" and err.strip() == "cleaner: error: no rule matches --id generic.no-such-*"
