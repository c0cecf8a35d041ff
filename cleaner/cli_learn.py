"""`cleaner rules learn` and `cleaner clean --learn`: learn each site's boilerplate from the inputs
(one pass through the same workers as a clean, counts kept in this process) and write it as
reviewable site rule files."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .cli_options import add_status_option, positive_int, record_options, share
from .config import Config
from .errors import CleanerError
from .io.readers import FORMATS as INPUT_FORMATS
from .io.readers import InputRecord, ReadOptions, read_inputs
from .learn import (
    PARAGRAPHS_FIELD,
    READ_AS_FIELD,
    SITE_FIELD,
    LearnConfig,
    LearnResult,
    LearnView,
    SiteLearner,
    ref_from_record,
    write_rules,
)
from .meta import hostname_of
from .rulebook.load import load_ruleset
from .runner import RunOptions, Stats, run

LEARNED_SUFFIX = ".rules"


def add_learn_command(rule_commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """`cleaner rules learn INPUT... -o DIR`; the caller adds the rule options."""
    learn = rule_commands.add_parser(
        "learn",
        help="learn each site's recurring boilerplate from its pages and write DIR/sites/<domain>.yaml for review",
    )
    add = learn.add_argument
    add("paths", nargs="+", help="files or directories (recursive): pages, dumps, JSON Lines, WARC")
    add("-o", "--output", required=True, help="directory for the learned rule files")
    add("--input-format", choices=INPUT_FORMATS, default="auto", help="how to read inputs (default: sniffed)")
    add("--include", action="append", default=[], metavar="GLOB", help="in directories, read only matching files")
    add("--exclude", action="append", default=[], metavar="GLOB", help="in directories, skip matching files")
    for name in ("html", "text", "url", "id"):
        add(f"--{name}-field", default=name, help=f"JSON Lines field for {name} (default: {name})")
    add_status_option(learn)
    add("-j", "--jobs", type=positive_int, default=0, help="worker processes (default: all cores)")
    add("--in-process", action="store_true", help="read in this process, without workers (for debugging)")
    add_threshold_arguments(learn)
    return learn


def add_threshold_arguments(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    """How much recurrence makes a rule; `prefix` names them on `clean` (`--learn-min-pages`)."""
    defaults = LearnConfig()
    add = parser.add_argument
    add(
        f"--{prefix}min-pages",
        type=positive_int,
        default=defaults.min_pages,
        help=f"pages a site needs before anything is learned from it (default: {defaults.min_pages})",
    )
    add(
        f"--{prefix}min-share",
        type=share,
        default=defaults.min_share,
        help=f"share of a site's pages a line must be on (default: {defaults.min_share})",
    )
    add(
        f"--{prefix}max-body-share",
        type=share,
        default=defaults.max_body_share,
        help="largest share of a site's body paragraphs a generalised rule may match "
        f"(default: {defaults.max_body_share})",
    )
    add(
        f"--{prefix}max-pages",
        type=positive_int,
        default=defaults.max_pages_per_site,
        help=f"pages per site to learn from; later pages of a full site are not read (default: "
        f"{defaults.max_pages_per_site})",
    )


def add_clean_learn_arguments(clean: argparse.ArgumentParser) -> None:
    """The flags `cleaner clean` gets for learning first."""
    clean.add_argument(
        "--learn",
        action="store_true",
        help="learn each site's boilerplate from the inputs first, then clean with it too",
    )
    clean.add_argument(
        "--learned-rules",
        metavar="DIR",
        help=f"where --learn writes its rule files (default: OUTPUT{LEARNED_SUFFIX}, "
        f"or learned{LEARNED_SUFFIX} for stdout)",
    )
    add_threshold_arguments(clean, prefix="learn-")


def learn_config(args: argparse.Namespace, prefix: str = "") -> LearnConfig:
    key = prefix.replace("-", "_")
    return LearnConfig(
        min_pages=getattr(args, f"{key}min_pages"),
        min_share=getattr(args, f"{key}min_share"),
        max_body_share=getattr(args, f"{key}max_body_share"),
        max_pages_per_site=getattr(args, f"{key}max_pages"),
    )


def learn_from_inputs(
    items: Iterable[InputRecord], config: Config, options: RunOptions, learn: LearnConfig
) -> LearnResult:
    """One pass over the inputs through the workers; only counts stay in this process."""
    learner = SiteLearner(learn)
    # in input order, so the same inputs learn the same rules whatever the workers' timing
    view_options = replace(options, ordered=True, cleaner_factory=LearnView)
    for _, record in run(config, view_options, _unread_when_full(items, learner), Stats()):
        if record["status"] == "filtered":  # a WARC response whose HTTP status --include-status leaves out
            learner.skipped += 1
            continue
        if record["status"] != "ok":
            learner.errors += 1
            continue
        learner.add(ref_from_record(record[SITE_FIELD]), record[PARAGRAPHS_FIELD], record[READ_AS_FIELD])
    return learner.result()


def _unread_when_full(items: Iterable[InputRecord], learner: SiteLearner) -> Iterator[InputRecord]:
    """Skip pages whose URL names a site that has all the pages it needs."""
    for item in items:
        if not learner.is_full(hostname_of(item.url)):
            yield item


def run_rules_learn(args: argparse.Namespace, config: Config) -> int:
    """`cleaner rules learn`: learn, write, print what was learned and why some sites got nothing."""
    _check_paths(args.paths)
    load_ruleset(config.rule_dirs, config.disabled_rules, config.bundled_rules)
    options = RunOptions(args.jobs, 8, False, args.in_process)
    result = learn_from_inputs(read_inputs(args.paths, read_options(args, config)), config, options, learn_config(args))
    written = write_rules(result, args.output)
    print_learned(result, written, args.output)
    return 0


def learn_before_clean(args: argparse.Namespace, config: Config, read: ReadOptions, options: RunOptions) -> Config:
    """For `clean --learn`: learn from the inputs, write the rules beside the output, and return the
    Config that cleans with them too."""
    if "-" in args.paths:
        raise CleanerError("--learn reads the inputs twice, so it cannot read standard input")
    print("cleaner: learning each site's boilerplate from the inputs, then cleaning", file=sys.stderr)
    result = learn_from_inputs(read_inputs(args.paths, read), config, options, learn_config(args, "learn-"))
    directory = args.learned_rules or _beside(args.output)
    written = write_rules(result, directory)
    print_learned(result, written, directory)
    return replace(config, rule_dirs=(*config.rule_dirs, str(directory))) if written else config


def _beside(output: str | None) -> str:
    if not output or output == "-":
        return "learned" + LEARNED_SUFFIX
    return str(Path(output.rstrip("/\\")).with_name(Path(output.rstrip("/\\")).name + LEARNED_SUFFIX))


def read_options(args: argparse.Namespace, config: Config) -> ReadOptions:
    """The input options `clean` and `rules learn` share, from their common flags."""
    return replace(
        record_options(args, config),
        include=tuple(args.include),
        exclude=tuple(args.exclude),
        input_format=args.input_format,
        statuses=args.include_status,
    )


def print_learned(result: LearnResult, written: list[Path], directory: str | Path) -> None:
    """The learning summary on stderr: totals, where the files are, and a note per site without rules."""
    head, *notes = result.summary()
    print(f"cleaner: {head}" + (f"; rule files in {directory}/sites/" if written else ""), file=sys.stderr)
    for note in notes:
        print(f"  {note}", file=sys.stderr)


def _check_paths(paths: list[str]) -> None:
    for path in paths:
        if path == "-":
            raise CleanerError("rules learn reads files or directories, not standard input")
        if not os.path.exists(path):
            raise CleanerError(f"{path}: no such file or directory")
