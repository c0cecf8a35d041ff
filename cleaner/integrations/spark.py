"""Apache Spark: clean a DataFrame's html/text column into document columns, one Cleaner per
partition; and a job over JSON Lines or WARC paths for `spark-submit`.

    spark-submit cleaner/integrations/spark.py crawl/*.warc.gz -o cleaned.parquet
    spark-submit cleaner/integrations/spark.py pages.jsonl -o cleaned.parquet --format jsonl

pyspark is not a dependency of cleaner (`pip install '.[spark]'` from a cleaner checkout); executors need cleaner
installed in the Python that PYSPARK_PYTHON names.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# Absolute imports: spark-submit runs this file as a script, not as part of the package.
from cleaner.config import Config
from cleaner.io.readers import InputRecord, ReadOptions, no_page, page_of, passthrough, read_stream
from cleaner.learn import LearnConfig, LearnResult, learn_rules
from cleaner.pipeline import Cleaner
from cleaner.runner import clean_record
from cleaner.schema import chosen_columns, spark_fields

# A `source` column names where a row came from (the job's WARC rows carry one): it becomes the
# output record's `source`, as a file path does for the command.
SOURCE_COLUMN = "source"
# What the job's WARC rows carry besides the page: read into the record, not passed through.
WARC_ROW_COLUMNS = ("http_status", "charset", "read_error")


@dataclass(frozen=True)
class Columns:
    """The DataFrame columns the cleaner reads; every other column passes through, as
    `input_<name>` when cleaner writes a column of that name (as JSON Lines input does)."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    include_removed: bool = True

    @property
    def consumed(self) -> tuple[str, ...]:
        """Columns read into the record rather than passed through (the last three: the job's WARC rows)."""
        return self.html, self.text, self.url, SOURCE_COLUMN, *WARC_ROW_COLUMNS


def passthrough_names(names: list[str], columns: Columns) -> dict[str, str]:
    """Each pass-through column's output name, by the rule JSON Lines input follows."""
    kept = [name for name in names if name not in columns.consumed]
    return dict(zip(kept, passthrough(dict.fromkeys(kept)), strict=True))


def document_schema(input_schema: Any, columns: Columns) -> Any:
    """Pass-through columns of the input (renamed as JSON Lines input renames them), then the
    record's columns (cleaner/schema.py)."""
    from pyspark.sql import types as T

    renamed = passthrough_names(input_schema.fieldNames(), columns)
    fields = [replace_name(f, renamed[f.name]) for f in input_schema.fields if f.name in renamed]
    return T.StructType(fields + spark_fields(T, chosen_columns(include_removed=columns.include_removed)))


def replace_name(field: Any, name: str) -> Any:
    """The same column under another name."""
    from pyspark.sql import types as T

    return T.StructField(name, field.dataType, field.nullable, field.metadata)


def clean_dataframe(
    df: Any, config: Config | None = None, columns: Columns | None = None, shipped_rules: str | None = None
) -> Any:
    """A DataFrame of the document fields (plus pass-through columns), one row per input row;
    rows that cannot be cleaned get status 'error' and the reason. `shipped_rules` names a rules
    directory sent to the executors with `SparkContext.addFile` (as `learn_and_clean` does)."""
    config, columns = config or Config(), columns or Columns()
    schema = document_schema(df.schema, columns)
    names = schema.fieldNames()

    def clean_partition(rows: Iterator[Any]) -> Iterator[tuple]:
        cleaner = Cleaner(with_shipped_rules(config, shipped_rules))  # rules compiled once per partition
        for row in rows:
            record = clean_row(cleaner, row.asDict(), columns)
            yield tuple(record.get(name) for name in names)

    return df.sparkSession.createDataFrame(df.rdd.mapPartitions(clean_partition), schema)


def with_shipped_rules(config: Config, name: str | None) -> Config:
    """The Config plus a rules directory shipped to this executor, when there is one."""
    if not name:
        return config
    from pyspark import SparkFiles

    return replace(config, rule_dirs=(*config.rule_dirs, SparkFiles.get(name)))


def learn_from_sample(
    df: Any,
    directory: str | Path,
    config: Config | None = None,
    columns: Columns | None = None,
    fraction: float = 0.1,
    max_rows: int = 10_000,
    learn: LearnConfig | None = None,
) -> LearnResult:
    """Learn each site's boilerplate on the driver from a sample of the rows (`fraction` of them,
    at most `max_rows`, fixed seed), and write the rule files to the local `directory`."""
    columns = columns or Columns()
    sample = df.sample(False, fraction, seed=0).limit(max_rows)
    pages = (page for page in (row_page(row.asDict(), columns) for row in sample.toLocalIterator()) if page[0])
    return learn_rules(pages, directory, config, learn)


def learn_and_clean(
    df: Any,
    directory: str | Path,
    config: Config | None = None,
    columns: Columns | None = None,
    fraction: float = 0.1,
    max_rows: int = 10_000,
) -> tuple[Any, LearnResult]:
    """Learn from a sample of the rows, ship the learned rule files to the executors, then clean
    every row with generic, bundled and learned rules."""
    result = learn_from_sample(df, directory, config, columns, fraction, max_rows)
    if not result.sites:
        return clean_dataframe(df, config, columns), result
    folder = Path(directory).resolve()
    df.sparkSession.sparkContext.addFile(str(folder), recursive=True)
    return clean_dataframe(df, config, columns, shipped_rules=folder.name), result


def row_page(row: dict[str, Any], columns: Columns) -> tuple[Any, str | None]:
    """A row's page (html, else text) and URL."""
    found = page_of(row, columns.html, columns.text)
    return (found[0] if found else None), row.get(columns.url)


def clean_row(cleaner: Cleaner, row: dict[str, Any], columns: Columns) -> dict[str, Any]:
    """One row's output record: the document fields, or status 'error' with the reason."""
    data, kind = page_of(row, columns.html, columns.text) or (None, None)
    extra = passthrough({k: v for k, v in row.items() if k not in columns.consumed})
    error = row.get("read_error") or (None if data else no_page(columns.html, columns.text))
    source = str(row.get(SOURCE_COLUMN) or "")
    item = InputRecord(
        source,
        data,
        url=row.get(columns.url),
        kind=kind,
        extra=extra,
        error=error,
        http_status=row.get("http_status"),
        charset=row.get("charset"),
    )
    record = clean_record(cleaner, item)
    record["removed"] = [(r["rule"], r["kind"], r["text"], r.get("score")) for r in record.get("removed") or ()]
    return record


def warc_rows(path_and_bytes: tuple[str, bytes]) -> Iterator[dict[str, Any]]:
    """HTML responses of one WARC file as rows with source, url, html, warc_date, HTTP status and charset."""
    path, data = path_and_bytes
    for item in read_stream(io.BytesIO(data), path, path.rsplit("/", 1)[-1], ReadOptions()):
        yield {
            "source": item.source,
            "url": item.url,
            "html": item.data or b"",
            "warc_date": item.fallback.get("date"),
            "read_error": item.error,
            "http_status": item.http_status,
            "charset": item.charset,
        }


def read_job_input(spark: Any, paths: list[str], fmt: str) -> Any:
    """A DataFrame of the job's inputs: JSON Lines as they are, WARC files as one row per page."""
    if fmt == "jsonl":
        return spark.read.json(paths)
    from pyspark.sql import Row

    files = spark.sparkContext.binaryFiles(",".join(paths))
    return spark.createDataFrame(
        files.flatMap(warc_rows).map(lambda row: Row(**row)),
        "source string, url string, html binary, warc_date string, read_error string, http_status int, charset string",
    )


def main(argv: list[str] | None = None) -> int:
    """spark-submit entry point: clean JSON Lines or WARC paths into Parquet or JSON Lines."""
    from pyspark.sql import SparkSession

    args = _parser().parse_args(argv)
    spark = SparkSession.builder.appName("cleaner").getOrCreate()
    try:
        counts = run_job(spark, args)
    finally:
        spark.stop()
    print(
        f"cleaner: {sum(counts.values())} inputs, {counts.get('ok', 0)} ok, {counts.get('error', 0)} errors",
        file=sys.stderr,
    )
    return 1 if counts.get("error") else 0


def run_job(spark: Any, args: argparse.Namespace) -> dict[str, int]:
    """Clean the job's inputs and write them; returns the count of records per status."""
    from pyspark.sql import functions as F

    df = read_job_input(spark, args.paths, args.format)
    columns = Columns(args.html_field, args.text_field, args.url_field, not args.no_removed)
    if getattr(args, "learn", False):
        cleaned, learned = learn_and_clean(df, args.learned_rules, Config(), columns, args.learn_fraction)
        print("\n".join(f"cleaner: {line}" for line in learned.summary()), file=sys.stderr)
    else:
        cleaned = clean_dataframe(df, Config(), columns)
    if args.format == "warc":
        cleaned = cleaned.withColumn("date", F.coalesce("date", "warc_date")).drop("warc_date", "charset")
    writer = cleaned.write.mode("overwrite")
    (writer.json if args.output_format == "jsonl" else writer.parquet)(args.output)
    written = spark.read.json(args.output) if args.output_format == "jsonl" else spark.read.parquet(args.output)
    return {row["status"]: row["count"] for row in written.groupBy("status").count().collect()}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cleaner-spark", description="clean pages on Spark")
    parser.add_argument("paths", nargs="+", help="JSON Lines or WARC files (globs and dirs allowed)")
    parser.add_argument("-o", "--output", required=True, help="output directory")
    parser.add_argument("--format", choices=("warc", "jsonl"), default="warc", help="input format")
    parser.add_argument("--output-format", choices=("parquet", "jsonl"), default="parquet")
    parser.add_argument("--html-field", default="html")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--url-field", default="url")
    parser.add_argument("--no-removed", action="store_true")
    parser.add_argument(
        "--learn",
        action="store_true",
        help="learn each site's boilerplate from a sample of the input first, then clean with it too",
    )
    parser.add_argument("--learn-fraction", type=float, default=0.1, help="share of the rows to learn from")
    parser.add_argument("--learned-rules", default="learned.rules", help="local directory for the learned rule files")
    return parser


if __name__ == "__main__":
    sys.exit(main())
