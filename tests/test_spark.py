"""Spark local mode: a DataFrame into document columns; the spark-submit job over WARC."""

import argparse
import os
import shutil
import sys
from pathlib import Path

import pytest
from scale_fixtures import make_status_warc, make_warc, page

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install '.[spark]' from a cleaner checkout)")
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java, and no java is on PATH nor JAVA_HOME set", allow_module_level=True)

from cleaner.integrations.spark import Columns, clean_dataframe, run_job  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors must see the installed cleaner
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleaner-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_a_dataframe_becomes_document_columns_with_pass_through_columns(spark) -> None:
    rows = [
        ("a", page(1), None, "https://news.example.com/1"),
        ("b", None, "A text dump.\n\nTwo paragraphs.", None),
        ("c", None, None, None),
    ]
    df = spark.createDataFrame(rows, "id string, html string, text string, url string")
    out = {row["id"]: row for row in clean_dataframe(df, columns=Columns()).collect()}
    assert out["a"]["status"] == "ok" and out["a"]["title"] == "Story number 1"
    assert out["a"]["removed"][0]["rule"].startswith("generic.")
    assert out["b"]["text"] == "A text dump.\n\nTwo paragraphs." and out["b"]["source_kind"] == "text"
    assert out["c"]["status"] == "error" and "no 'html'" in out["c"]["error"]


def warc_job(warc: Path, out: Path) -> argparse.Namespace:
    """The job's arguments for cleaning one WARC file into Parquet, without the removals."""
    return argparse.Namespace(
        paths=[str(warc)],
        output=str(out),
        format="warc",
        output_format="parquet",
        html_field="html",
        text_field="text",
        url_field="url",
        no_removed=True,
    )


def test_the_job_cleans_warc_files_into_parquet(spark, tmp_path: Path) -> None:
    warc = make_warc(tmp_path / "crawl.warc.gz", count=3)
    args = warc_job(warc, tmp_path / "out")
    assert run_job(spark, args) == {"ok": 3}
    rows = spark.read.parquet(str(tmp_path / "out")).orderBy("source").collect()
    assert [row["date"] for row in rows] == ["2021-03-04"] * 3
    assert rows[0]["source"].endswith("crawl.warc.gz#1") and "removed" not in rows[0].asDict()


def test_the_job_keeps_every_http_status_as_a_column_and_decodes_by_the_header_charset(spark, tmp_path: Path) -> None:
    warc = make_status_warc(tmp_path / "crawl.warc.gz")
    args = warc_job(warc, tmp_path / "out")
    run_job(spark, args)
    rows = spark.read.parquet(str(tmp_path / "out")).orderBy("source").collect()
    assert [row["http_status"] for row in rows] == [200, 301, 404, 200]
    assert "Le café de la gare a réouvert" in rows[0]["text"] and "charset" not in rows[0].asDict()


def test_pass_through_columns_named_like_cleaner_columns_are_prefixed(spark) -> None:
    rows = [("a", page(1), "https://news.example.com/1", "Crawler's title", 200, "stale", "kept")]
    schema = "id string, html string, url string, title string, status int, input_status string, language string"
    out = clean_dataframe(spark.createDataFrame(rows, schema)).collect()[0].asDict()
    assert out["title"] == "Story number 1" and out["input_title"] == "Crawler's title"
    # The input's own `input_status` keeps its name, so `status` steps one prefix further (as in JSON Lines).
    assert out["status"] == "ok" and out["input_input_status"] == 200 and out["input_status"] == "stale"
    assert out["input_language"] == "kept" and out["language"] == "en" and out["id"] == "a"
