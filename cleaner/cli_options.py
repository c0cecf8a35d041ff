"""The options the cleaning commands share: every Config field as a flag, and `--config FILE`.
Each value is checked as it is parsed, so a bad one is one line and exit code 2 before anything
is read or written."""

from __future__ import annotations

import argparse
import math
from dataclasses import replace
from typing import NoReturn

from .config import INPUT_KINDS, Config, parse_size
from .errors import ConfigError
from .filters import StatusFilter
from .io.readers import ReadOptions

# Config field <- the attribute its flag sets; a flag that was not given sets nothing (SUPPRESS),
# so a value from --config stands unless the command line names the field.
FLAG_FIELDS = (
    ("input_kind", "kind"),
    ("bundled_rules", "bundled_rules"),
    ("line_model", "line_model"),
    ("include_comments", "include_comments"),
    ("detect_language", "detect_language"),
    ("max_input_bytes", "max_input_bytes"),
    ("max_decompressed_bytes", "max_decompressed_bytes"),
    ("max_seconds", "max_seconds"),
)
DEFAULTS = Config()
CONFIG_GROUP = "cleaning options (each overrides the same Config field in --config)"


class Parser(argparse.ArgumentParser):
    """argparse with cleaner's error convention: one line starting `cleaner: error:`, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"cleaner: error: {message} (see {self.prog} --help)\n")


def positive_int(text: str) -> int:
    """A count that must be at least 1 (workers, batch sizes, pages)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def share(text: str) -> float:
    """A share of pages or paragraphs, from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text!r}")
    return value


def seconds_limit(text: str) -> float | None:
    """A time limit in seconds; 0 turns it off."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 for no limit, not {text!r}")
    return value or None


def bytes_limit(text: str) -> int | None:
    """A size limit: bytes, or with a binary unit (`20MiB`, `512k`); 0 turns it off."""
    try:
        return parse_size(text) or None
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a size such as 1048576, 512KiB or 20MiB, 0 for no limit, not {text!r}"
        ) from None


def record_options(args: argparse.Namespace, config: Config) -> ReadOptions:
    """How every command that reads input records finds a record's fields (`--html-field`, ...),
    its URL (`--url`) and its size limit."""
    return ReadOptions(
        html_field=args.html_field,
        text_field=args.text_field,
        url_field=args.url_field,
        id_field=args.id_field,
        url=args.url,
        max_document_bytes=config.max_input_bytes,
    )


def status_filter(spec: str) -> StatusFilter | None:
    """`--include-status`: codes and classes such as 200,404 or 2xx,304, or all (None)."""
    try:
        return StatusFilter.parse(spec)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_status_option(container: argparse._ActionsContainer) -> None:
    """`--include-status`, which WARC responses `clean` and `rules learn` read (cleaner/filters.py)."""
    container.add_argument(
        "--include-status",
        default=StatusFilter(),
        type=status_filter,
        metavar="CODES",
        help="WARC responses read, by HTTP status: codes and classes such as 200,404 or 2xx,304, "
        "or all (default: 200); the others are skipped and counted",
    )


def add_config_options(group: argparse._ArgumentGroup) -> None:
    """The flags that make the Config (beside --rules and --no-bundled-rules); each overrides the
    same field in --config."""
    add = group.add_argument
    add(
        "--config",
        metavar="FILE",
        help="read Config fields from a TOML file (README: Cleaning options and the configuration file)",
    )
    add("--url", help="the page's URL (selects site rules; becomes url when the page gives none)")
    add("--kind", choices=INPUT_KINDS, default=argparse.SUPPRESS, help="input kind (default: sniffed)")
    add(
        "--bundled-rules",
        action="store_const",
        const=True,
        default=argparse.SUPPRESS,
        help="load the bundled rules too (the default; overrides bundled_rules = false in --config)",
    )
    add("--disable", action="append", default=[], metavar="RULE_ID", help="turn a rule off; repeatable")
    add(
        "--line-model",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="drop the boilerplate the learned line model finds in every text dump; --no-line-model: in none "
        "(default: only in dumps that look like a whole page)",
    )
    add(
        "--include-comments",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="keep a page's reader comments in the text (default: off)",
    )
    add(
        "--detect-language",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help="find each document's language (default: on)",
    )
    add(
        "--max-input-bytes",
        type=bytes_limit,
        metavar="SIZE",
        default=argparse.SUPPRESS,
        help="largest document, e.g. 20MiB; larger ones become too-large errors (default: 10MiB; 0: none)",
    )
    add(
        "--max-decompressed-bytes",
        type=bytes_limit,
        metavar="SIZE",
        default=argparse.SUPPRESS,
        help="most one gzip input may expand to (default: 256MiB; 0: none)",
    )
    add(
        "--max-seconds",
        type=seconds_limit,
        metavar="SECONDS",
        default=argparse.SUPPRESS,
        help="per-document time limit; a worker stuck past it is killed (default: 10; 0: none)",
    )


def config_from(args: argparse.Namespace) -> Config:
    """The one place CLI flags become a Config: the --config file's fields, then the flags given,
    with --rules and --disable adding to the file's lists."""
    base = Config.from_file(args.config) if getattr(args, "config", None) else DEFAULTS
    given = {field: getattr(args, dest) for field, dest in FLAG_FIELDS if hasattr(args, dest)}
    if args.no_bundled_rules:
        if given.get("bundled_rules"):
            raise ConfigError("--bundled-rules and --no-bundled-rules cannot be used together")
        given["bundled_rules"] = False
    given["rule_dirs"] = (*base.rule_dirs, *(str(d) for d in args.rule_dirs))
    given["disabled_rules"] = (*base.disabled_rules, *getattr(args, "disable", ()))
    try:
        return replace(base, **given)
    except (TypeError, ValueError) as err:
        raise ConfigError(str(err)) from None
