"""Every mistake on the command line or in a --config file: exit code 2, one line on stderr
starting `cleaner: error:`, no traceback, and nothing written (no output, no checkpoint)."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.cli import _parser, main
from cleaner.cli_options import config_from
from cleaner.config import MiB
from golden import GOLDEN

PAGE = GOLDEN / "seed-002" / "input.txt"
DUMP = PAGE.read_text(encoding="utf-8")

# (id, argv with {in}, {jsonl}, {out}, {toml} placeholders, a piece of the one error line)
BAD = [
    ("field-typo", "clean {in} -o {out} --fields text,titel", "unknown field 'titel' (did you mean 'title'?)"),
    ("field-unknown", "clean {in} -o {out} --fields text,foo", "these inputs pass no input fields through"),
    ("field-typo-jsonl", "clean {jsonl} -o {out} --fields sitenme", "did you mean 'sitename'?"),
    ("fields-and-no-removed", "clean {in} -o {out} --fields removed --no-removed", "cannot be used together"),
    ("jobs-zero", "clean {in} -o {out} -j 0", "argument -j/--jobs: must be a whole number of 1 or more"),
    ("jobs-word", "clean {in} -o {out} -j many", "argument -j/--jobs"),
    ("batch-size-zero", "clean {in} -o {out} --batch-size 0", "argument --batch-size"),
    ("commit-every-negative", "clean {in} -o {out} --commit-every -3", "argument --commit-every"),
    ("max-seconds-negative", "clean {in} -o {out} --max-seconds -1", "argument --max-seconds"),
    ("max-seconds-nan", "clean {in} -o {out} --max-seconds nan", "argument --max-seconds"),
    ("max-input-bytes-unit", "clean {in} -o {out} --max-input-bytes 10XB", "argument --max-input-bytes"),
    (
        "max-decompressed-negative",
        "clean {in} -o {out} --max-decompressed-bytes -1",
        "argument --max-decompressed-bytes",
    ),
    ("kind", "clean {in} -o {out} --kind pdf", "argument --kind: invalid choice: 'pdf'"),
    (
        "disable-unknown",
        "clean {in} -o {out} --disable generic.alsoread",
        "no rule has this id (did you mean 'generic.also-read' or 'generic.also-read-intl'?)",
    ),
    ("rules-missing", "clean {in} -o {out} --rules {tmp}/no-rules", "rules directory does not exist"),
    ("input-missing", "clean {tmp}/nothing.txt -o {out}", "no such file or directory"),
    ("stdin-twice", "clean - - -o {out}", "standard input"),
    ("same-fields", "clean {jsonl} -o {out} --html-field text", "must name different fields"),
    ("restart-stdout", "clean {in} --restart", "--restart and --overwrite need -o"),
    ("overwrite-stdout", "clean {in} --overwrite", "--restart and --overwrite need -o"),
    ("in-process-and-jobs", "clean {in} -o {out} --in-process -j 2", "cannot be used together"),
    ("learned-rules-without-learn", "clean {in} -o {out} --learned-rules {tmp}/learned", "needs --learn"),
    ("learn-stdin", "clean - -o {out} --learn", "cannot read standard input"),
    ("learn-share", "clean {in} -o {out} --learn --learn-min-share 2", "argument --learn-min-share"),
    ("parquet-stdout", "clean {in} --format parquet", "Parquet output needs -o"),
    ("dir-stdout", "clean {in} --format dir", "directory output needs -o"),
    ("output-is-input", "clean {in} -o {in}", "the output is the input"),
    ("bundled-both", "clean {in} -o {out} --bundled-rules --no-bundled-rules", "cannot be used together"),
    ("config-missing", "clean {in} -o {out} --config {tmp}/none.toml", "cannot read the configuration file"),
    ("config-unknown-key", "clean {in} -o {out} --config {toml}", "unknown key 'line_modle'"),
    ("explain-missing", "explain {tmp}/nothing.txt", "no such file"),
    ("explain-many-records", "explain {jsonl}", "holds more than one record; choose one with --line N or --id ID"),
    ("explain-line-zero", "explain {jsonl} --line 0", "argument --line"),
    ("explain-no-such-line", "explain {jsonl} --line 9", "no JSON Lines or WARC record on line 9"),
    ("explain-no-such-id", "explain {jsonl} --id zz", "no JSON Lines or WARC record with id 'zz'"),
    ("explain-line-and-id", "explain {jsonl} --line 1 --id a", "not allowed with argument --line"),
    ("learn-jobs-zero", "rules learn {in} -o {tmp}/learned -j 0", "argument -j/--jobs"),
]


def records(path: Path, count: int = 2) -> Path:
    lines = [{"id": f"r{n}", "text": DUMP, "url": f"https://example.com/{n}"} for n in range(1, count + 1)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def invoke(capsys, argv: list[str]) -> tuple[int, str, str]:
    """main() as the command runs it: argparse's own exit included."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


@pytest.mark.parametrize(("argv", "problem"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_a_usage_error_is_one_line_exit_two_and_writes_nothing(tmp_path, capsys, monkeypatch, argv, problem):
    (tmp_path / "in.txt").write_text(DUMP, encoding="utf-8")
    records(tmp_path / "in.jsonl")
    (tmp_path / "cleaner.toml").write_text("line_modle = true\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DUMP.encode())))
    before = tree(tmp_path)
    places = {
        "in": tmp_path / "in.txt",
        "jsonl": tmp_path / "in.jsonl",
        "out": tmp_path / "out.jsonl",
        "toml": tmp_path / "cleaner.toml",
        "tmp": tmp_path,
    }
    code, out, err = invoke(capsys, argv.format(**places).split())
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith("cleaner: error: ") and "Traceback" not in err
    assert problem in err
    assert tree(tmp_path) == before  # no output, no checkpoint, no learned rules


def test_a_bad_flag_from_the_installed_entry_point_is_one_line_without_a_traceback(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(PAGE), "-o", str(tmp_path / "out.jsonl"), "--max-seconds", "-1"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and done.stdout == "" and os.listdir(tmp_path) == []
    assert done.stderr.startswith("cleaner: error: argument --max-seconds: ") and len(done.stderr.splitlines()) == 1


def parsed(*argv: str) -> argparse.Namespace:
    return _parser().parse_args(["clean", str(PAGE), *argv])


def test_every_config_field_has_a_flag():
    config = config_from(
        parsed(
            "--kind",
            "text",
            "--rules",
            "extra",
            "--no-bundled-rules",
            "--disable",
            "a.b",
            "--line-model",
            "--include-comments",
            "--no-detect-language",
            "--max-input-bytes",
            "2MiB",
            "--max-decompressed-bytes",
            "0",
            "--max-seconds",
            "2.5",
        )
    )
    assert (config.input_kind, config.rule_dirs, config.bundled_rules, config.disabled_rules) == (
        "text",
        ("extra",),
        False,
        ("a.b",),
    )
    assert config.line_model is True and config.include_comments and not config.detect_language
    assert (config.max_input_bytes, config.max_decompressed_bytes, config.max_seconds) == (2 * MiB, None, 2.5)


def test_flags_not_given_leave_the_defaults():
    assert config_from(parsed()) == config_from(parsed("--detect-language", "--max-seconds", "10"))
    assert config_from(parsed()).line_model == "auto"


def test_flags_override_the_config_file_and_lists_add_to_it(tmp_path):
    path = tmp_path / "cleaner.toml"
    path.write_text(
        'rule_dirs = ["site-rules"]\ndisabled_rules = ["generic.share-label"]\nline_model = true\n'
        "detect_language = false\nmax_seconds = 0\n",
        encoding="utf-8",
    )
    config = config_from(
        parsed(
            "--config",
            str(path),
            "--no-line-model",
            "--disable",
            "generic.also-read",
            "--rules",
            "more",
            "--max-seconds",
            "3",
        )
    )
    assert config.rule_dirs == (str(tmp_path / "site-rules"), "more")
    assert config.disabled_rules == ("generic.share-label", "generic.also-read")
    assert config.line_model is False and not config.detect_language and config.max_seconds == 3.0


def test_bundled_rules_flag_overrides_a_file_that_turns_them_off(tmp_path):
    path = tmp_path / "cleaner.toml"
    path.write_text("bundled_rules = false\n", encoding="utf-8")
    assert not config_from(parsed("--config", str(path))).bundled_rules
    assert config_from(parsed("--config", str(path), "--bundled-rules")).bundled_rules


def test_clean_with_a_config_file_cleans_as_it_says(tmp_path, capsys):
    path = tmp_path / "cleaner.toml"
    path.write_text('disabled_rules = ["generic.share-label"]\ndetect_language = false\n', encoding="utf-8")
    code, out, _ = invoke(capsys, ["clean", str(PAGE), "--config", str(path), "--in-process", "--no-progress"])
    record = json.loads(out)
    assert code == 0 and record["language"] is None
    assert "generic.share-label" not in {removal["rule"] for removal in record["removed"]}
    code, out, _ = invoke(capsys, ["clean", str(PAGE), "--in-process", "--no-progress"])
    assert "generic.share-label" in {removal["rule"] for removal in json.loads(out)["removed"]}


def test_a_size_limit_flag_reaches_the_cleaning(tmp_path, capsys):
    code, out, _ = invoke(capsys, ["clean", str(PAGE), "--max-input-bytes", "1KiB", "--in-process", "--no-progress"])
    assert code == 1 and json.loads(out)["error_kind"] == "too-large"


def test_explain_reads_standard_input(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.read_bytes())))
    code, out, _ = invoke(capsys, ["explain", "-"])
    _, expected, _ = invoke(capsys, ["explain", str(PAGE)])
    assert code == 0 and out == expected and "generic.share-label" in out


@pytest.mark.parametrize("pick", [["--line", "2"], ["--id", "r2"]])
def test_explain_picks_one_json_lines_record_by_line_or_id(tmp_path, capsys, pick):
    source = records(tmp_path / "in.jsonl", 3)
    code, out, _ = invoke(capsys, ["explain", str(source), "--json", *pick])
    doc = json.loads(out)
    assert code == 0 and doc["id"] == "r2" and doc["source_kind"] == "text"


def test_explain_takes_the_html_field_as_the_reader_does(tmp_path, capsys):
    source = tmp_path / "pages.jsonl"
    page = (
        "<html><body><article>"
        + "<p>The council met on Tuesday to vote on the budget.</p>" * 5
        + "</article></body></html>"
    )
    source.write_text(json.dumps({"key": "p1", "body": page, "link": "https://news.example.com/a"}) + "\n")
    code, out, _ = invoke(
        capsys,
        [
            "explain",
            str(source),
            "--json",
            "--id",
            "p1",
            "--id-field",
            "key",
            "--html-field",
            "body",
            "--url-field",
            "link",
        ],
    )
    doc = json.loads(out)
    assert code == 0 and doc["source_kind"] == "html" and doc["url"] == "https://news.example.com/a"
    assert doc["text"].startswith("The council met on Tuesday")


def test_explain_of_a_one_record_json_lines_file_needs_no_pick(tmp_path, capsys):
    code, out, _ = invoke(capsys, ["explain", str(records(tmp_path / "one.jsonl", 1)), "--json"])
    assert code == 0 and json.loads(out)["id"] == "r1"


def test_explain_picks_the_nth_html_response_of_a_warc_file_with_its_date(tmp_path, capsys):
    from scale_fixtures import make_warc

    code, out, _ = invoke(capsys, ["explain", str(make_warc(tmp_path / "crawl.warc.gz", 3)), "--json", "--line", "2"])
    doc = json.loads(out)
    assert code == 0 and doc["title"] == "Story number 1" and doc["date"] == "2021-03-04"
    code, again, _ = invoke(
        capsys, ["explain", str(tmp_path / "crawl.warc.gz"), "--json", "--id", doc["warc_record_id"]]
    )
    assert code == 0 and json.loads(again) == doc
