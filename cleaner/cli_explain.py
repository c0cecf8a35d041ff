"""What `cleaner explain` explains: a file, standard input (`-`), or one record of a JSON Lines or
WARC file (`--line N`, `--id ID`), read by the same readers as `cleaner clean`."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator

from .cli_options import positive_int, record_options
from .config import Config
from .errors import CleanerError
from .io.readers import InputRecord, read_inputs

FIELD_FLAGS = ("html", "text", "url", "id")


def add_explain_arguments(explain: argparse.ArgumentParser) -> None:
    add = explain.add_argument
    add("path", help="a page, a text dump, a JSON Lines or WARC file (with --line or --id), or - for stdin")
    add("--json", action="store_true", help="print the document as JSON instead")
    pick = explain.add_mutually_exclusive_group()
    pick.add_argument(
        "--line",
        type=positive_int,
        metavar="N",
        help="explain the record on line N of a JSON Lines file (the Nth HTML response of a WARC file)",
    )
    pick.add_argument(
        "--id",
        dest="record_id",
        metavar="ID",
        help="explain the record whose --id-field is ID (WARC: its WARC-Record-ID)",
    )
    for name in FIELD_FLAGS:
        add(f"--{name}-field", default=name, help=f"JSON Lines field for {name} (default: {name})")


def explain_input(args: argparse.Namespace, config: Config) -> InputRecord:
    """The one input record to explain; one line naming the problem when there is none, or more
    than one and no --line or --id to choose."""
    if args.path != "-" and not os.path.isfile(args.path):
        raise CleanerError(f"{args.path}: no such file")
    if len({args.html_field, args.text_field, args.url_field}) < 3:
        raise CleanerError("--html-field, --text-field and --url-field must name different fields")
    item = _chosen(args, read_inputs([args.path], record_options(args, config)))
    if item.error is not None:
        raise CleanerError(f"{item.source}: {item.error}")
    return item


def _chosen(args: argparse.Namespace, items: Iterator[InputRecord]) -> InputRecord:
    where = "standard input" if args.path == "-" else args.path
    if args.line is None and args.record_id is None:
        first, second = next(items, None), next(items, None)
        if first is None:
            raise CleanerError(f"{where}: holds no record to explain")
        if second is not None:
            raise CleanerError(f"{where}: holds more than one record; choose one with --line N or --id ID")
        return first
    for item in items:
        if _is_picked(item, args):
            return item
    wanted = f"on line {args.line}" if args.line is not None else f"with {args.id_field} {args.record_id!r}"
    raise CleanerError(f"{where}: no JSON Lines or WARC record {wanted}")


def _is_picked(item: InputRecord, args: argparse.Namespace) -> bool:
    """The record on the chosen line (JSON Lines `file:N`, WARC `file#N`), or with the chosen id."""
    if args.line is not None:
        return item.source.endswith((f":{args.line}", f"#{args.line}"))
    ids = (item.extra.get(args.id_field), item.extra.get("warc_record_id"))
    return any(isinstance(value, str | int) and str(value) == args.record_id for value in ids)
