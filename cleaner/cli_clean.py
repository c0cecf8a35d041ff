"""`cleaner clean`: stream inputs through parallel, resumable workers into JSON Lines, a directory
or Parquet, with progress on the terminal and a summary at the end."""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import logging
import os
import sys
import threading
from contextlib import closing
from dataclasses import asdict, replace
from pathlib import Path
from time import monotonic
from typing import Any

from .cli_learn import add_clean_learn_arguments, learn_before_clean, read_options
from .cli_options import add_status_option, positive_int
from .config import Config, did_you_mean
from .errors import CleanerError
from .filters import Filters, StatusFilter, parse_languages
from .io.checkpoint import Checkpoint
from .io.paths import write_atomic
from .io.readers import FORMATS as INPUT_FORMATS
from .io.readers import OUTPUT_FIELDS, ReadOptions, count_inputs, format_of, read_inputs
from .io.writers import (
    FORMATS,
    TEXT_FORMATS,
    DirSink,
    JsonlSink,
    TextSink,
    check_format,
    json_bytes,
    pick_format,
    select_fields,
    writes_directory,
    writing,
)
from .rulebook.load import load_ruleset
from .runner import RunOptions, Stats, run

COMMIT_EVERY = 200
COMMIT_SECONDS = 2.0
LOG_SECONDS = 10.0


def add_arguments(clean: argparse.ArgumentParser) -> None:
    """The flags of `cleaner clean` that are about inputs, outputs and workers."""
    _input_arguments(clean)
    _output_arguments(clean)
    _worker_arguments(clean)
    _dataset_arguments(clean)
    add_clean_learn_arguments(clean)


def _input_arguments(clean: argparse.ArgumentParser) -> None:
    add = clean.add_argument
    add("paths", nargs="+", help="files, directories (recursive) or - for stdin")
    add(
        "--input-format",
        choices=INPUT_FORMATS,
        default="auto",
        help="how to read inputs (default: by file name, else by content)",
    )
    add(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="in directories, read only files matching GLOB; repeatable",
    )
    add(
        "--exclude",
        action="append",
        default=[],
        metavar="GLOB",
        help="in directories, skip files matching GLOB; repeatable",
    )
    add(
        "--follow-links",
        action="store_true",
        help="in directories, follow symbolic links that lead out of the tree (default: an error record)",
    )
    for name in ("html", "text", "url", "id"):
        add(f"--{name}-field", default=name, help=f"JSON Lines field for {name} (default: {name})")


def _output_arguments(clean: argparse.ArgumentParser) -> None:
    add = clean.add_argument
    add("-o", "--output", help="file (.jsonl, .jsonl.gz, .parquet) or directory; default stdout")
    add(
        "--format",
        metavar="FORMAT",
        help=f"output format: {', '.join(FORMATS)} (default: from OUTPUT; "
        "txt, markdown and xml write one file per document into a directory OUTPUT, else one stream)",
    )
    add(
        "--fields",
        default="",
        help="comma-separated output fields (source, status and error are always kept); an unknown name is an error",
    )
    add("--no-removed", action="store_true", help="leave the removal provenance out")
    add(
        "--commit-every",
        type=positive_int,
        default=COMMIT_EVERY,
        metavar="N",
        help="records per checkpoint commit of a file output",
    )
    add("--restart", action="store_true", help="ignore a checkpoint and start over")
    add(
        "--overwrite",
        action="store_true",
        help="replace an existing output that no checkpoint of this command is resuming",
    )
    add("--no-progress", action="store_true", help="no progress bar or progress lines")


def _worker_arguments(clean: argparse.ArgumentParser) -> None:
    add = clean.add_argument
    add("-j", "--jobs", type=positive_int, default=0, help="worker processes (default: all cores)")
    add("--batch-size", type=positive_int, default=8, help="documents per batch sent to a worker")
    add("--unordered", action="store_true", help="write records as they finish")
    add(
        "--in-process",
        action="store_true",
        help="clean in this process, without workers (for debugging; the time limit cannot stop a long C call)",
    )


def _dataset_arguments(clean: argparse.ArgumentParser) -> None:
    """Filters for building a dataset, and how much the run reports."""
    group = clean.add_argument_group("dataset filters and reporting")
    add = group.add_argument
    add_status_option(group)
    add(
        "--min-length",
        type=_non_negative,
        default=0,
        metavar="N",
        help="filter documents whose clean text is shorter than N characters",
    )
    add(
        "--language",
        type=_languages,
        default=(),
        metavar="LANG[,LANG]",
        help="keep only documents detected as one of these languages (ISO 639-1, e.g. en or en,de)",
    )
    add(
        "--keep-filtered",
        action="store_true",
        help="write filtered documents and skipped responses as records with status 'filtered' "
        "(default: leave them out, counted in the summary)",
    )
    add("--stats-json", metavar="FILE", help="write the end-of-run summary to FILE as JSON")
    add("-q", "--quiet", action="store_true", help="no progress, no per-record error lines, no summary")
    add(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="every rule in the summary and library log messages (-v: info, -vv: debug)",
    )


def _languages(spec: str) -> tuple[str, ...]:
    try:
        return parse_languages(spec)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _non_negative(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 0 or more")
    return int(value)


def log_level(args: argparse.Namespace) -> int:
    """The level of cleaner's log messages the command's flags ask for: -q errors only, -v info, -vv debug."""
    if getattr(args, "quiet", False):
        return logging.ERROR
    verbose = getattr(args, "verbose", 0) or 0
    return logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING


def run_clean(args: argparse.Namespace, config: Config) -> int:
    """Clean every input into the output; 0 if all succeeded, 1 if any input failed."""
    check_format(args.format)
    check_usage(args)
    # a broken rule set stops the run here, before any output is written (the workers build their own)
    load_ruleset(config.rule_dirs, config.disabled_rules, config.bundled_rules)
    read = replace(read_options(args, config), follow_links=args.follow_links)
    if args.language and not config.detect_language:
        raise CleanerError("--language needs language detection, which is turned off")
    options = RunOptions(
        args.jobs,
        args.batch_size,
        not args.unordered,
        args.in_process,
        blocks=args.format in ("markdown", "xml") or "blocks" in output_fields(args),
    )
    if args.learn:
        config = learn_before_clean(args, config, read, options)
    options = replace(options, filters=Filters(args.min_length, args.language))  # learning reads every page
    fmt = pick_format(args.output, args.format)
    layout = "dir" if writes_directory(fmt, args.output) else fmt  # a directory of files, or one output
    key = fingerprint(args, fmt, read, config)
    if args.output and args.output != "-":
        check_replace(args, layout, key)
    checkpoint = open_checkpoint(args, layout, key)
    try:
        sink = make_sink(fmt, args.output, checkpoint, args)
    except BaseException:
        if checkpoint and not checkpoint.resumed:
            checkpoint.finish()  # a usage error leaves nothing behind
        raise
    items = read_inputs(args.paths, read)
    if checkpoint:
        items = checkpoint.skip_done(items)
    stats, started = Stats(), monotonic()
    with Progress(args, read, checkpoint) as progress, closing(run(config, options, items, stats)) as results:
        write_all(results, sink, args, progress, stats)
    if checkpoint:
        checkpoint.finish()
    report(args, stats, monotonic() - started, checkpoint)
    return 1 if stats.errors or (checkpoint and checkpoint.errors) else 0


def check_usage(args: argparse.Namespace) -> None:
    """Every mistake in the command itself, found before anything is read, learned or written:
    missing inputs, flags that contradict each other, unknown output fields, an output that would
    destroy an input or replace a finished one."""
    for path in args.paths:
        if path != "-" and not os.path.exists(path):
            raise CleanerError(f"{path}: no such file or directory")
    if args.paths.count("-") > 1:
        raise CleanerError("- (standard input) can be read only once")
    if len({args.html_field, args.text_field, args.url_field}) < 3:
        raise CleanerError("--html-field, --text-field and --url-field must name different fields")
    check_fields(args)
    to_stdout = not args.output or args.output == "-"
    conflicts = (
        (args.in_process and args.jobs, "--in-process and -j/--jobs cannot be used together"),
        (
            to_stdout and (args.restart or args.overwrite),
            "--restart and --overwrite need -o OUTPUT: standard output keeps no checkpoint and replaces nothing",
        ),
        (args.learned_rules and not args.learn, "--learned-rules is where --learn writes; it needs --learn"),
        (args.learn and "-" in args.paths, "--learn reads the inputs twice, so it cannot read standard input"),
    )
    for conflict, message in conflicts:
        if conflict:
            raise CleanerError(message)
    fmt = pick_format(args.output, args.format)
    if to_stdout and fmt in ("parquet", "dir"):
        raise CleanerError(
            f"{'Parquet' if fmt == 'parquet' else 'directory'} output needs -o "
            f"{'FILE.parquet' if fmt == 'parquet' else 'DIRECTORY'}"
        )
    if fmt == "parquet" and importlib.util.find_spec("pyarrow") is None:
        raise CleanerError("Parquet output needs pyarrow: pip install '.[parquet]' from a cleaner checkout")
    if not to_stdout:
        check_output(args, "dir" if writes_directory(fmt, args.output) else fmt)


def check_fields(args: argparse.Namespace) -> None:
    """--fields names document fields, or input fields passed through from JSON Lines or WARC
    input; a name one slip from a document field (`titel`) is a mistake even then."""
    fields = [field for field in args.fields.split(",") if field]
    if args.no_removed and "removed" in fields:
        raise CleanerError("--fields removed and --no-removed cannot be used together")
    passes_through = may_pass_fields_through(args)
    for field in fields:
        if field in OUTPUT_FIELDS:
            continue
        close = did_you_mean(field, OUTPUT_FIELDS, 0.75)
        if close or not passes_through:
            where = "" if passes_through else "; these inputs pass no input fields through"
            raise CleanerError(
                f"--fields: unknown field {field!r}{close}{where}; fields are {', '.join(sorted(OUTPUT_FIELDS))}"
            )


def may_pass_fields_through(args: argparse.Namespace) -> bool:
    """Whether any input may be JSON Lines or WARC, whose other fields ride along into the output."""
    if args.input_format != "auto":
        return args.input_format in ("jsonl", "warc")
    return any(path == "-" or os.path.isdir(path) or format_of(path) != "doc" for path in args.paths)


def write_all(results: Any, sink: Any, args: argparse.Namespace, progress: Progress, stats: Stats) -> None:
    """Write every record, committing every few hundred records or seconds; on Ctrl-C, commit what
    is written and stop, leaving a checkpoint to resume from."""
    fields = output_fields(args)
    pending: list[str] = []
    errors, last = 0, monotonic()
    try:
        for item, cleaned in results:
            record = cleaned
            if cleaned["status"] != "filtered" or args.keep_filtered:  # filtered: counted, not written
                record = sink.write(select_fields(cleaned, fields, not args.no_removed), item)
            if record["status"] != cleaned["status"]:  # the sink could not write it as it was
                stats.recount(cleaned, record)
            pending.append(item.source)
            errors += record["status"] == "error"
            progress.update(record)
            if len(pending) >= args.commit_every or monotonic() - last > COMMIT_SECONDS:
                sink.commit(pending, errors)
                pending, errors, last = [], 0, monotonic()
    except BaseException:
        sink.commit(pending, errors)
        sink.close(complete=False)
        raise
    sink.commit(pending, errors)
    sink.close(complete=True)


def output_fields(args: argparse.Namespace) -> tuple[str, ...]:
    """The fields --fields keeps; a text format keeps its body (text and blocks) whatever it names."""
    fields = tuple(field for field in args.fields.split(",") if field)
    return (*fields, "text", "blocks") if fields and args.format in TEXT_FORMATS else fields


def fingerprint(args: argparse.Namespace, fmt: str, read: ReadOptions, config: Config) -> str:
    """What makes two runs the same run: inputs, output, and every option that changes records."""
    run_key = {
        "paths": [p if p == "-" else str(Path(p).resolve()) for p in args.paths],
        "output": args.output,
        "format": fmt,
        "read": asdict(read),
        "config": asdict(config),
        "fields": args.fields,
        "removed": not args.no_removed,
        "ordered": not args.unordered,
        "filters": [args.min_length, args.language, args.keep_filtered],
    }
    return hashlib.sha256(json.dumps(run_key, sort_keys=True, default=str).encode()).hexdigest()[:16]


def check_output(args: argparse.Namespace, fmt: str) -> None:
    """Refuse an output that is an input or lies inside one (it would be destroyed, or read back
    as input for ever), a directory output that holds an input, and an existing output that has
    no checkpoint beside it, unless --overwrite."""
    output = Path(args.output).resolve()
    for path in args.paths:
        if path == "-":
            continue
        source = Path(path).resolve()
        if output == source or _same_file(output, source):
            raise CleanerError(f"{args.output}: the output is the input {path}; choose another output")
        if source.is_dir() and output.is_relative_to(source):
            raise CleanerError(
                f"{args.output}: the output is inside the input directory {path}; it would be read back as input"
            )
        if fmt == "dir" and source.is_relative_to(output):
            raise CleanerError(f"{args.output}: the output directory holds the input {path}; choose another output")
    if not args.overwrite and _holds_output(output, fmt) and not checkpoint_path(output, fmt).is_file():
        raise _exists(args.output)


def check_replace(args: argparse.Namespace, fmt: str, key: str) -> None:
    """Refuse an existing output that no checkpoint of this command is resuming, unless --overwrite."""
    output = Path(args.output).resolve()
    if not args.overwrite and _holds_output(output, fmt) and not _resumable(args, fmt, key):
        raise _exists(args.output)


def _exists(output: str) -> CleanerError:
    return CleanerError(
        f"{output}: already exists and no checkpoint of this command is resuming it; pass --overwrite to replace it"
    )


def _same_file(first: Path, second: Path) -> bool:
    """Two names of one file (a hard link, or a link the path resolution did not see)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _holds_output(output: Path, fmt: str) -> bool:
    """An existing regular file, a non-empty directory or leftover Parquet parts: something a run
    would replace (a device such as /dev/null is not)."""
    if fmt == "dir":
        return output.is_dir() and any(output.iterdir())
    parts = output.with_name(output.name + ".parts")
    return output.is_file() or (fmt == "parquet" and parts.is_dir())


def _resumable(args: argparse.Namespace, fmt: str, key: str) -> bool:
    """The output is cleaner's own: a checkpoint of this command will resume it, or --restart
    asks to start over a checkpointed (so unfinished) run."""
    path = checkpoint_path(Path(args.output), fmt)
    return path.is_file() if args.restart else Checkpoint.belongs_to(path, key)


def checkpoint_path(output: Path, fmt: str) -> Path:
    """Where the checkpoint of a file or directory output lives."""
    return output / ".cleaner-checkpoint" if fmt == "dir" else output.with_name(output.name + ".checkpoint")


def open_checkpoint(args: argparse.Namespace, fmt: str, key: str) -> Checkpoint | None:
    """The checkpoint beside a file or directory output; stdout output cannot be resumed."""
    if not args.output or args.output == "-":
        return None
    path = checkpoint_path(Path(args.output), fmt)
    path.parent.mkdir(parents=True, exist_ok=True)
    return Checkpoint(path, key, not args.unordered, args.restart)


def make_sink(fmt: str, output: str | None, checkpoint: Checkpoint | None, args: argparse.Namespace) -> Any:
    if fmt == "parquet":
        from .io.parquet import ParquetSink

        if not output or output == "-":
            raise CleanerError("Parquet output needs -o FILE.parquet")
        fields = tuple(field for field in args.fields.split(",") if field)
        return ParquetSink(output, checkpoint, fields, not args.no_removed)
    if writes_directory(fmt, output):
        if not output or output == "-":
            raise CleanerError("directory output needs -o DIRECTORY")
        return DirSink(output, checkpoint, fmt) if fmt in TEXT_FORMATS else DirSink(output, checkpoint)
    return TextSink(output, checkpoint, fmt) if fmt in TEXT_FORMATS else JsonlSink(output, checkpoint)


class Progress:
    """A tqdm bar (count, rate, ETA) on a terminal, a log line every few seconds otherwise;
    always on stderr, so stdout carries only data."""

    def __init__(self, args: argparse.Namespace, read: ReadOptions, checkpoint: Checkpoint | None):
        self.enabled = not (args.no_progress or args.quiet)
        self.quiet = args.quiet
        self.bar = None
        self.count = self.errors = 0
        self.started = self.logged = monotonic()
        if self.enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(file=sys.stderr, unit="doc", dynamic_ncols=True)
            skipped = checkpoint.skipped if checkpoint else 0
            threading.Thread(target=self._set_total, args=(args.paths, read, skipped), daemon=True).start()

    def _set_total(self, paths: list[str], read: ReadOptions, skipped: int) -> None:
        total = count_inputs(paths, read)
        if total is not None and self.bar is not None:
            self.bar.total = max(0, total - skipped)
            self.bar.refresh()

    def update(self, record: dict[str, Any]) -> None:
        self.count += 1
        if record["status"] == "error":
            self.errors += 1
            if not self.quiet:
                self.write(f"cleaner: {record['source']}: {record['error']}")
        if self.bar is not None:
            self.bar.update(1)
        elif self.enabled and monotonic() - self.logged > LOG_SECONDS:
            self.logged = monotonic()
            rate = self.count / max(1e-9, self.logged - self.started)
            self.write(f"cleaner: {self.count} done, {self.errors} errors, {rate:.1f} docs/s")

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def report(args: argparse.Namespace, stats: Stats, seconds: float, checkpoint: Checkpoint | None) -> None:
    """The end-of-run summary on stderr (unless --quiet) and, with --stats-json, as JSON."""
    if args.stats_json:
        summary = stats.as_dict(seconds)
        if checkpoint is not None and checkpoint.resumed:
            summary["resumed"] = {"already_done": checkpoint.skipped, "already_errors": checkpoint.errors}
        with writing(args.stats_json):
            write_atomic(Path(args.stats_json), json_bytes(summary, indent=2) + b"\n")
    if not args.quiet:
        default = args.include_status == StatusFilter()
        print_summary(stats, seconds, checkpoint, "non-200" if default else "excluded", 0 if args.verbose else 10)


def print_summary(
    stats: Stats, seconds: float, checkpoint: Checkpoint | None, skipped: str = "excluded", top: int = 10
) -> None:
    """Inputs, ok, errors by kind, filtered by reason, pages per second, skipped responses by
    status class, and the `top` rules that removed most (0: every rule)."""
    kinds = ", ".join(f"{kind} {count}" for kind, count in stats.errors.most_common())
    reasons = ", ".join(f"{reason} {count}" for reason, count in stats.filtered.most_common())
    errors, filtered = sum(stats.errors.values()), sum(stats.filtered.values())
    print(
        f"cleaner: {stats.inputs} inputs, {stats.ok} ok, {errors} errors"
        f"{f' ({kinds})' if kinds else ''}"
        f"{f', {filtered} filtered ({reasons})' if filtered else ''} in {seconds:.1f} s, "
        f"{stats.inputs / max(seconds, 1e-9):.1f} pages/s",
        file=sys.stderr,
    )
    if stats.skipped:
        classes = ", ".join(f"{name}: {count}" for name, count in sorted(stats.status_classes().items()))
        print(
            f"cleaner: skipped {sum(stats.skipped.values())} {skipped} responses ({classes}); "
            "--include-status keeps them",
            file=sys.stderr,
        )
    if checkpoint is not None and checkpoint.resumed:
        print(
            f"cleaner: resumed; {checkpoint.skipped} records were already done, {checkpoint.errors} of them errors",
            file=sys.stderr,
        )
    for rule, count in stats.rules.most_common(top or None):
        print(f"  {count:7d}  {rule}", file=sys.stderr)
