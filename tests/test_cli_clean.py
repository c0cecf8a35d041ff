"""`cleaner clean` end to end: each input and output kind, errors, stdin, kill and resume."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_fixtures import make_jsonl, make_status_warc, make_tree, make_warc, page, read_jsonl

from cleaner.cli import main

CLEANER = [sys.executable, "-m", "cleaner.cli", "clean"]


def test_directory_to_jsonl_gives_one_record_per_input_and_fails_on_a_broken_page(
    tmp_path: Path,
) -> None:
    root = make_tree(tmp_path / "tree")
    code = main(["clean", str(root), "-o", str(tmp_path / "out.jsonl"), "-j", "2", "--no-progress"])
    records = read_jsonl(tmp_path / "out.jsonl")
    assert code == 1
    assert [Path(r["source"]).name for r in records] == [
        "broken.html",
        "notes.txt",
        "one.html",
        "two.html.gz",
    ]
    assert [r["status"] for r in records] == ["error", "ok", "ok", "ok"]
    assert records[0]["error_kind"] == "input" and "Story number 2" in records[3]["text"]


def test_all_good_inputs_exit_zero_and_leave_no_checkpoint(tmp_path: Path) -> None:
    code = main(
        [
            "clean",
            str(make_jsonl(tmp_path / "in.jsonl")),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--in-process",
            "--no-progress",
        ]
    )
    assert code == 0 and len(read_jsonl(tmp_path / "o.jsonl")) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.jsonl"]


def test_jsonl_to_mirrored_directory_keeps_pass_through_fields(tmp_path: Path) -> None:
    make_jsonl(tmp_path / "in" / "batch.jsonl.gz" if (tmp_path / "in").mkdir() is None else None)
    main(
        [
            "clean",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "--in-process",
            "--no-progress",
        ]
    )
    meta = json.loads((tmp_path / "out" / "batch" / "doc-1.json").read_text())
    assert meta["crawl"] == {"batch": 7} and meta["id"] == "doc-1" and meta["status"] == "ok"
    assert "Story number 1" in (tmp_path / "out" / "batch" / "doc-1.txt").read_text()


def test_warc_to_parquet_takes_url_and_warc_date(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    warc = make_warc(tmp_path / "crawl.warc.gz")
    code = main(["clean", str(warc), "-o", str(tmp_path / "o.parquet"), "-j", "1", "--no-progress"])
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert code == 0 and [r["source"][-2:] for r in rows] == ["#1", "#2"]
    assert [r["url"] for r in rows] == [f"https://news.example.com/story-{n}" for n in (0, 1)]
    assert {r["date"] for r in rows} == {"2021-03-04"}


def test_stdin_to_stdout_with_chosen_fields_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    data = make_jsonl(tmp_path / "in.jsonl").read_bytes()
    done = subprocess.run(
        [*CLEANER, "-", "--fields", "title,id", "--in-process"],
        input=data,
        capture_output=True,
        check=True,
    )
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [sorted(r) for r in records] == [["id", "source", "status", "title"]] * 3
    assert b"3 inputs, 3 ok" in done.stderr


def test_killed_run_restarted_gives_the_same_output_as_an_uninterrupted_one(tmp_path: Path) -> None:
    # Enough records that the run is still committing well after the 30th (at 150 the last
    # hundred took about 0.1 s, one poll or two, and a loaded machine could let the run finish
    # between the poll that saw 30 and the kill).
    records = 600
    source = make_jsonl(tmp_path / "in.jsonl", count=records, broken=True)
    command = [
        *CLEANER,
        str(source),
        "-j",
        "2",
        "--batch-size",
        "2",
        "--commit-every",
        "5",
        "--no-progress",
    ]
    subprocess.run([*command, "-o", str(tmp_path / "whole.jsonl")], check=False, capture_output=True)
    out, checkpoint = tmp_path / "part.jsonl", tmp_path / "part.jsonl.checkpoint"
    process = subprocess.Popen(
        [*command, "-o", str(out)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and committed(checkpoint) < 30:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < committed(checkpoint) < records + 1, "the run was not killed midway"
    resumed = subprocess.run([*command, "-o", str(out)], capture_output=True, check=False)
    assert b"resumed" in resumed.stderr and resumed.returncode == 1
    assert out.read_bytes() == (tmp_path / "whole.jsonl").read_bytes()
    assert not checkpoint.exists()


def committed(checkpoint: Path) -> int:
    """Records a checkpoint says are done."""
    try:
        lines = checkpoint.read_text().splitlines()[1:]
    except OSError:
        return 0
    return sum(json.loads(line).get("count", 0) for line in lines if line.endswith("}"))


def clean_command(*args: str) -> int:
    return main(["clean", *args, "--in-process", "--no-progress"])


@pytest.mark.parametrize("name", ["d.jsonl", "p.html"])
def test_an_output_that_is_its_input_is_refused_and_the_input_kept(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_text(json.dumps({"html": page(1)}) + "\n" if name.endswith("jsonl") else page(1))
    before = source.read_bytes()
    assert clean_command(str(source), "-o", str(source)) == 2
    assert source.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_directory_output_that_is_its_input_tree_is_refused(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert clean_command(str(root), "-o", str(root)) == 2
    assert clean_command(str(root / "sub"), "-o", str(root)) == 2
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_directory_output_without_a_directory_is_a_usage_error(tmp_path: Path, capsys) -> None:
    root = make_tree(tmp_path / "tree")
    assert clean_command(str(root), "--format", "dir") == 2
    assert capsys.readouterr().err.strip().splitlines() == ["cleaner: error: directory output needs -o DIRECTORY"]


def test_an_output_file_inside_the_input_tree_is_refused(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    assert clean_command(str(root), "-o", str(root / "out.jsonl")) == 2
    assert not (root / "out.jsonl").exists() and not (root / "out.jsonl.checkpoint").exists()


def test_an_existing_output_is_kept_unless_overwrite_is_given(tmp_path: Path) -> None:
    source, out = make_jsonl(tmp_path / "in.jsonl"), tmp_path / "o.jsonl"
    out.write_text("precious\n")
    assert clean_command(str(source), "-o", str(out)) == 2
    assert out.read_text() == "precious\n" and not (tmp_path / "o.jsonl.checkpoint").exists()
    assert clean_command(str(source), "-o", str(out), "--overwrite") == 0
    assert len(read_jsonl(out)) == 3


def test_an_existing_output_directory_is_kept_unless_overwrite_is_given(tmp_path: Path) -> None:
    source, out = make_jsonl(tmp_path / "in.jsonl"), tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("precious\n")
    assert clean_command(str(source), "-o", str(out)) == 2
    assert sorted(p.name for p in out.iterdir()) == ["mine.txt"]


def crawl_dump(path: Path) -> Path:
    """A crawl dump whose records carry their own status, error and source fields."""
    rows = [
        {"id": "a", "html": page(1), "status": 200, "source": "crawler-7"},
        {
            "id": "b",
            "html": page(2),
            "status": "error",
            "error": "retried",
            "error_kind": "http",
            "input_status": "kept",
        },
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def assert_passthrough_kept_apart(records: list[dict]) -> None:
    assert [r["status"] for r in records] == ["ok", "ok"]
    assert [r["source"].rsplit(":", 1)[1] for r in records] == ["1", "2"]
    assert records[0]["input_status"] == 200 and records[0]["input_source"] == "crawler-7"
    assert records[1]["input_input_status"] == "error" and records[1]["input_status"] == "kept"
    assert records[1]["input_error"] == "retried" and records[1]["input_error_kind"] == "http"
    assert records[1].get("error") is None and records[1]["title"] == "Story number 2"


def test_passthrough_fields_named_like_cleaner_fields_are_prefixed_in_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    assert clean_command(str(crawl_dump(tmp_path / "in.jsonl")), "-o", str(out)) == 0
    assert_passthrough_kept_apart(read_jsonl(out))


def test_passthrough_fields_named_like_cleaner_fields_are_prefixed_in_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert clean_command(str(crawl_dump(tmp_path / "in.jsonl")), "-o", str(out)) == 0
    assert_passthrough_kept_apart([json.loads((out / "in" / f"{n}.json").read_text()) for n in "ab"])


def test_passthrough_fields_named_like_cleaner_fields_are_prefixed_in_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "o.parquet"
    assert clean_command(str(crawl_dump(tmp_path / "in.jsonl")), "-o", str(out)) == 0
    rows = pq.read_table(out).to_pylist()
    assert_passthrough_kept_apart([{**r, **json.loads(r.pop("extra"))} for r in rows])


def test_an_input_status_field_does_not_stall_parallel_workers(tmp_path: Path) -> None:
    done = subprocess.run(
        [*CLEANER, str(crawl_dump(tmp_path / "in.jsonl")), "-j", "2", "--no-progress"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert_passthrough_kept_apart([json.loads(line) for line in done.stdout.splitlines()])


def test_a_parquet_run_killed_while_removing_its_parts_resumes_to_every_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import shutil

    from cleaner.io import parquet

    remove = shutil.rmtree

    def killed_midway(path: Path, **_: object) -> None:
        """Remove half the parts, then die as a kill would, before the run can finish."""
        parts = sorted(Path(path).glob("part-*.parquet"))
        for part in parts[: len(parts) // 2]:
            part.unlink()
        raise SystemExit(137)

    source, out = make_jsonl(tmp_path / "in.jsonl", count=12), tmp_path / "o.parquet"
    command = [str(source), "-o", str(out), "--commit-every", "2"]
    monkeypatch.setattr(parquet.shutil, "rmtree", killed_midway)
    with pytest.raises(SystemExit):
        clean_command(*command)
    monkeypatch.setattr(parquet.shutil, "rmtree", remove)
    assert clean_command(*command) == 0
    assert [json.loads(row["extra"])["id"] for row in pq.read_table(out).to_pylist()] == [f"doc-{n}" for n in range(12)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "o.parquet"]


def test_output_is_strict_json_when_the_input_holds_nan(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "o.jsonl"
    source.write_text('{"html": ' + json.dumps(page(1)) + ', "score": NaN, "rank": Infinity}\n')
    assert clean_command(str(source), "-o", str(out)) == 0

    def refuse(constant: str) -> None:
        raise ValueError(f"not strict JSON: {constant}")

    (record,) = [json.loads(line, parse_constant=refuse) for line in out.read_text().splitlines()]
    assert record["score"] is None and record["rank"] is None


def test_ids_that_cannot_be_paths_fail_only_their_own_records_in_directory_output(tmp_path: Path) -> None:
    source, out = tmp_path / "ids.jsonl", tmp_path / "out"
    ids = ["first", "../../etc/evil", "a\0b", "/".join(["seg"] * 3000), "last"]
    source.write_text("".join(json.dumps({"id": ident, "html": page(n)}) + "\n" for n, ident in enumerate(ids)))
    assert clean_command(str(source), "-o", str(out)) == 1
    refused = [json.loads(p.read_text()) for p in (out / "_refused").glob("*.json")]
    assert sorted(r["source"].rsplit(":", 1)[1] for r in refused) == ["2", "3", "4"]
    assert {r["status"] for r in refused} == {"error"} and {r["error_kind"] for r in refused} == {"path"}
    assert (out / "ids" / "first.txt").exists() and (out / "ids" / "last.txt").exists()
    assert not (tmp_path / "etc").exists()


def test_a_warc_crawl_skips_non_200_responses_counts_them_and_decodes_by_the_http_charset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warc = make_status_warc(tmp_path / "crawl.warc.gz")
    code = clean_command(str(warc), "-o", str(tmp_path / "o.jsonl"), "--stats-json", str(tmp_path / "stats.json"))
    records = read_jsonl(tmp_path / "o.jsonl")
    assert code == 0  # a redirect or a 404 is not an error
    kept = [(r["source"][-2:], r["status"], r["http_status"]) for r in records]
    assert kept == [("#1", "ok", 200), ("#4", "ok", 200)]
    assert "Le café de la gare a réouvert ses portes à l'été" in records[0]["text"]
    assert "skipped 2 non-200 responses (3xx: 1, 4xx: 1)" in capsys.readouterr().err
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["documents"] == {"inputs": 4, "ok": 2, "errors": 0, "filtered": 0, "skipped": 2}
    assert stats["skipped_by_status"] == {"301": 1, "404": 1} and stats["skipped_by_class"] == {"3xx": 1, "4xx": 1}
    assert stats["timings"]["clean_seconds_max"] > 0


def test_include_status_cleans_the_statuses_it_names(tmp_path: Path) -> None:
    warc = make_status_warc(tmp_path / "crawl.warc.gz")
    assert clean_command(str(warc), "-o", str(tmp_path / "o.jsonl"), "--include-status", "200,4xx") == 0
    assert [r["http_status"] for r in read_jsonl(tmp_path / "o.jsonl")] == [200, 404, 200]
    assert clean_command(str(warc), "-o", str(tmp_path / "all.jsonl"), "--include-status", "all") == 0
    assert [r["http_status"] for r in read_jsonl(tmp_path / "all.jsonl")] == [200, 301, 404, 200]


def test_keep_filtered_writes_one_record_per_input_with_the_reason(tmp_path: Path) -> None:
    warc = make_status_warc(tmp_path / "crawl.warc.gz")
    assert clean_command(str(warc), "-o", str(tmp_path / "o.jsonl"), "--keep-filtered", "--language", "en") == 0
    records = read_jsonl(tmp_path / "o.jsonl")
    assert [(r["status"], r.get("filter_reason")) for r in records] == [
        ("filtered", "language"),
        ("filtered", "http-status"),
        ("filtered", "http-status"),
        ("ok", None),
    ]
    assert records[0]["language"] == "fr" and records[0]["text"]  # the document is kept for a look


def test_min_length_and_language_filter_documents_and_count_them_by_reason(tmp_path: Path) -> None:
    lines = [
        {"id": "short", "text": "Too short to keep."},
        {"id": "de", "text": "Die Bibliothek der Stadt bleibt am Wochenende geöffnet, sagte die Leiterin."},
        {"id": "en", "text": "The town library stays open on weekends, its director said on Tuesday evening."},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    stats = tmp_path / "stats.json"
    args = ("--min-length", "40", "--language", "en", "--stats-json", str(stats))
    assert clean_command(str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl"), *args) == 0
    assert [r["id"] for r in read_jsonl(tmp_path / "o.jsonl")] == ["en"]
    summary = json.loads(stats.read_text())
    assert summary["filtered"] == {"too-short": 1, "language": 1} and summary["documents"]["ok"] == 1


def test_quiet_prints_nothing_and_a_bad_filter_value_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert clean_command(str(make_jsonl(tmp_path / "in.jsonl")), "-o", str(tmp_path / "o.jsonl"), "-q") == 0
    assert capsys.readouterr().err == ""
    with pytest.raises(SystemExit) as exit_:
        main(["clean", str(tmp_path / "in.jsonl"), "--include-status", "20x"])
    assert exit_.value.code == 2 and "not an HTTP status" in capsys.readouterr().err


def test_several_roots_go_under_their_own_names_in_a_directory_output(tmp_path: Path) -> None:
    for root in ("a", "b"):
        (tmp_path / root).mkdir()
        (tmp_path / root / "x.html").write_text(page(1 if root == "a" else 2))
    out = tmp_path / "out"
    assert clean_command(str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out)) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.txt")) == ["a/x.txt", "b/x.txt"]
    assert "Story number 2" in (out / "b" / "x.txt").read_text()


def test_parquet_output_has_only_the_chosen_fields(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "o.parquet"
    assert (
        clean_command(str(make_jsonl(tmp_path / "in.jsonl")), "-o", str(out), "--fields", "text,url", "--no-removed")
        == 0
    )
    table = pq.read_table(out)
    assert table.column_names == ["source", "status", "error_kind", "error", "filter_reason", "text", "url"]
    assert all("Story number" in text for text in table.column("text").to_pylist())


def test_verbose_shows_cleaners_log_messages_and_quiet_hides_the_summary(tmp_path: Path) -> None:
    data = str(make_jsonl(tmp_path / "in.jsonl"))
    loud = subprocess.run(
        [*CLEANER, data, "-j", "1", "-v", "--no-progress"], capture_output=True, timeout=120, check=True
    )
    assert b"INFO: worker processes started: 1" in loud.stderr and b"3 inputs, 3 ok" in loud.stderr
    quiet = subprocess.run([*CLEANER, data, "--in-process", "-q"], capture_output=True, timeout=120, check=True)
    assert quiet.stderr == b"" and len(quiet.stdout.splitlines()) == 3
