"""`cleaner clean --format txt|markdown|xml`: one stream or file of documents, or one file each in a
directory; every input is one document, errors included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree
from scale_fixtures import make_jsonl, make_tree, read_jsonl
from test_formats import PAGE

from cleaner.cli import main
from cleaner.io.checkpoint import Checkpoint
from cleaner.io.readers import InputRecord
from cleaner.io.writers import TextSink, writes_directory

CLEANER = [sys.executable, "-m", "cleaner.cli", "clean"]


def clean_command(*args: str) -> int:
    return main(["clean", *args, "--in-process", "--no-progress"])


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """make_tree's inputs (two pages, a text dump, a broken file) and a page with structure."""
    root = make_tree(tmp_path / "tree")
    (root / "bridge.html").write_text(PAGE, encoding="utf-8")
    return root


def test_markdown_to_stdout_opens_each_document_with_its_front_matter(tree: Path) -> None:
    done = subprocess.run(
        [*CLEANER, str(tree), "--format", "markdown", "--in-process", "--no-progress"], capture_output=True, check=False
    )
    out = done.stdout.decode()
    fronts = [yaml.safe_load(part) for part in out.split("---\n")[1::2]]
    assert done.returncode == 1 and [Path(f["source"]).name for f in fronts] == [
        "bridge.html",
        "broken.html",
        "notes.txt",
        "one.html",
        "two.html.gz",
    ]
    assert [f["status"] for f in fronts] == ["ok", "error", "ok", "ok", "ok"]
    assert "\n## What was repaired\n\n" in out and "\n- New bearings on both piers\n" in out


def test_xml_file_holds_one_doc_per_input_and_parses_back(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    code = main(["clean", str(tree), "--format", "xml", "-o", str(out), "-j", "1", "--no-progress"])  # a worker
    root = etree.parse(str(out)).getroot()
    assert code == 1 and root.tag == "docs" and len(root) == 5
    statuses = {Path(doc.get("source")).name: doc.get("status") for doc in root}
    assert statuses["broken.html"] == "error" and list(statuses.values()).count("ok") == 4
    bridge = next(doc for doc in root if doc.get("source").endswith("bridge.html"))
    assert [head.get("rend") for head in bridge.iter("head")] == ["h2", "h3"]
    assert bridge.get("title") == "Bridge reopens after repairs" and bridge.get("author") == "Ana Ruiz"
    assert len(bridge.find("main/table")) == 4 and not (tmp_path / "out.xml.checkpoint").exists()


def test_txt_file_holds_each_text_between_form_feed_lines(tmp_path: Path) -> None:
    source = make_jsonl(tmp_path / "in.jsonl", count=3, broken=True)
    clean_command(str(source), "-o", str(tmp_path / "out.jsonl"))
    clean_command(str(source), "--format", "txt", "-o", str(tmp_path / "out.txt"))
    texts = [record.get("text") for record in read_jsonl(tmp_path / "out.jsonl")]
    documents = (tmp_path / "out.txt").read_text(encoding="utf-8").split("\f\n")
    assert texts[1] is None and documents == [text + "\n" if text else "" for text in texts]


def test_directory_output_writes_one_file_each_and_an_error_as_its_json(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert clean_command(str(tree), "--format", "markdown", "-o", f"{out}/") == 1
    bodies = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.md"))
    records = {path.relative_to(out).as_posix(): json.loads(path.read_text()) for path in out.rglob("*.json")}
    assert len(bodies) == 4 and len(records) == 5
    assert sorted(name.removesuffix(".md") for name in bodies) == sorted(
        name.removesuffix(".json") for name, record in records.items() if record["status"] == "ok"
    )
    broken = [record for record in records.values() if record["status"] == "error"]
    assert len(broken) == 1 and broken[0]["error_kind"] == "input"
    bridge = (out / next(name for name in bodies if "bridge" in name)).read_text(encoding="utf-8")
    assert bridge.startswith("---\nsource: ") and "\n### Costs\n" in bridge
    assert all("text" not in record and "blocks" not in record for record in records.values())


def test_xml_directory_output_gives_each_file_its_declaration_and_one_doc(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    clean_command(str(tree), "--format", "xml", "-o", str(out))
    files = sorted(out.rglob("*.xml"))
    assert len(files) == 4
    for path in files:
        assert path.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<doc ')
        assert etree.parse(str(path)).getroot().tag == "doc"


def test_jsonl_stays_the_default_and_carries_blocks_only_when_named(tmp_path: Path) -> None:
    page = tmp_path / "bridge.html"
    page.write_text(PAGE, encoding="utf-8")
    clean_command(str(page), "-o", str(tmp_path / "plain.jsonl"))
    clean_command(str(page), "--fields", "text,blocks", "-o", str(tmp_path / "blocks.jsonl"))
    (plain,) = read_jsonl(tmp_path / "plain.jsonl")
    (with_blocks,) = read_jsonl(tmp_path / "blocks.jsonl")
    assert "blocks" not in plain and sorted(with_blocks) == ["blocks", "source", "status", "text"]
    assert [block["kind"] for block in with_blocks["blocks"]][:3] == ["paragraph", "heading", "paragraph"]


def test_a_text_format_keeps_its_body_whatever_fields_are_chosen(tmp_path: Path) -> None:
    page = tmp_path / "bridge.html"
    page.write_text(PAGE, encoding="utf-8")
    clean_command(str(page), "--format", "markdown", "--fields", "title", "-o", str(tmp_path / "out.md"))
    markdown = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "title: Bridge reopens after repairs\n" in markdown and "\n## What was repaired\n" in markdown
    assert "author:" not in markdown


def test_an_unknown_format_is_a_one_line_usage_error() -> None:
    done = subprocess.run([*CLEANER, "-", "--format", "docx"], input=b"", capture_output=True, check=False)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().splitlines() == [
        "cleaner: error: --format: unknown format 'docx'; choose from jsonl, dir, parquet, txt, markdown, xml"
    ]


def test_an_xml_file_resumed_after_an_interruption_is_one_well_formed_root(tmp_path: Path) -> None:
    out = tmp_path / "o.xml"
    record = {"source": "a.html", "status": "ok", "text": "Body & soul.", "title": "T"}
    first = TextSink(str(out), Checkpoint(tmp_path / "o.ck", "key", ordered=True), "xml")
    first.write(record, InputRecord("a.html", b""))
    first.commit(["a.html"])
    first.write({**record, "source": "lost.html"}, InputRecord("lost.html", b""))  # written, never committed
    first.close(complete=False)  # interrupted: the file still closes its root
    assert [doc.get("source") for doc in etree.parse(str(out)).getroot()] == ["a.html"]
    resumed = TextSink(str(out), Checkpoint(tmp_path / "o.ck", "key", ordered=True), "xml")
    resumed.write({**record, "source": "b.html"}, InputRecord("b.html", b""))
    resumed.commit(["b.html"])
    resumed.close()
    root = etree.parse(str(out)).getroot()
    assert root.tag == "docs" and [doc.get("source") for doc in root] == ["a.html", "b.html"]
    assert out.read_bytes().count(b"<?xml") == 1


@pytest.mark.parametrize(
    ("output", "directory"),
    [
        (None, False),
        ("-", False),
        ("out.md", False),
        ("out.xml.gz", False),
        ("out/", True),
        ("out", True),
        ("out.v2/", True),
    ],
)
def test_a_text_format_writes_a_directory_for_a_directory_name(output: str | None, directory: bool) -> None:
    assert writes_directory("markdown", output) is directory
