"""The `cleaner` command: clean files and directories, explain one file, test the rules."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_clean import add_arguments as add_clean_arguments
from .cli_clean import log_level, run_clean
from .cli_explain import add_explain_arguments, explain_input
from .cli_learn import add_learn_command, run_rules_learn
from .cli_options import CONFIG_GROUP, Parser, add_config_options, config_from
from .errors import CleanerError
from .io.writers import json_bytes, writing
from .pipeline import Cleaner
from .rulebook.check import check_rule
from .rulebook.load import Rule, load_ruleset
from .rulebook.text import AFTER_MODEL, runs_after_model


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 some inputs failed, 2 usage, setup or output
    error, 128 + SIGPIPE when the reader of the output went away)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=min(logging.WARNING, log_level(args)), format="cleaner: %(levelname)s: %(message)s")
    logging.getLogger("cleaner").setLevel(log_level(args))  # -v/-vv: cleaner's own messages, not every library's
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
    # readability-lxml logs a traceback for a page it cannot read; extraction falls back without it
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    try:
        code = args.run(args)
        with writing("to standard output"):
            sys.stdout.flush()  # a full disk shows here, not as a traceback at exit
        return code
    except BrokenPipeError:
        return _reader_gone()
    except (CleanerError, OSError) as err:  # OSError: an output or checkpoint that cannot be made
        print(f"cleaner: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130


def _reader_gone() -> int:
    """`cleaner ... | head`: stop quietly, as Unix tools do when SIGPIPE ends them. Standard output
    is pointed at /dev/null so the interpreter's final flush has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="cleaner", description=__doc__)
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser(
        "clean",
        help="clean files, directories, JSON Lines, WARC or stdin "
        "into JSON Lines, a directory of .txt + .json, or Parquet",
    )
    add_clean_arguments(clean)
    _add_rule_options(clean)
    clean.set_defaults(run=_run_clean)

    explain = commands.add_parser("explain", help="show the cleaned text and every removed piece with its rule id")
    add_explain_arguments(explain)
    _add_rule_options(explain)
    explain.set_defaults(run=_run_explain)

    rules = commands.add_parser("rules", help="work with rule sets")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    test = rule_commands.add_parser("test", help="run every rule's examples")
    listing = rule_commands.add_parser("list", help="list every rule with its id and description")
    for sub, run in ((test, _run_rules_test), (listing, _run_rules_list)):
        _add_ruleset_options(sub)
        _add_rule_filters(sub)
        sub.set_defaults(run=run)
    learn = add_learn_command(rule_commands)
    _add_rule_options(learn)
    learn.set_defaults(run=lambda args: run_rules_learn(args, config_from(args)))
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(CONFIG_GROUP)
    _add_ruleset_options(group)
    add_config_options(group)


def _add_ruleset_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    parser.add_argument(
        "--rules",
        dest="rule_dirs",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="an extra rules directory (with generic/ and sites/); repeatable",
    )
    parser.add_argument("--no-bundled-rules", action="store_true", help="load only the --rules directories")


def _add_rule_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--id",
        dest="rule_ids",
        action="append",
        default=[],
        metavar="RULE_ID",
        help="only this rule id (a shell glob, e.g. 'generic.comment-*'); repeatable",
    )
    parser.add_argument(
        "--site",
        dest="sites",
        action="append",
        default=[],
        metavar="SITE",
        help="only this set: 'generic', a site's name or domain, or a host under one; repeatable",
    )
    parser.add_argument(
        "--group",
        dest="groups",
        action="append",
        default=[],
        metavar="GROUP",
        help="only rules of this group (e.g. comments); repeatable",
    )


def _selected_rules(args: argparse.Namespace) -> list[Rule]:
    """The rules `rules test` and `rules list` work on; filters that select nothing are an error."""
    ruleset = load_ruleset(args.rule_dirs, bundled=not args.no_bundled_rules)
    rules = ruleset.select(args.rule_ids, args.sites, args.groups)
    if not rules:
        given = [
            f"--{name} {value}"
            for name, values in (("id", args.rule_ids), ("site", args.sites), ("group", args.groups))
            for value in values
        ]
        raise CleanerError(f"no rule matches {' '.join(given)}")
    return rules


def _run_clean(args: argparse.Namespace) -> int:
    return run_clean(args, config_from(args))


def _run_explain(args: argparse.Namespace) -> int:
    config = config_from(args)
    item = explain_input(args, config)
    assert item.data is not None  # explain_input returns a record with its page, or raises
    with _Notes() as notes:  # the WARC charset too, so the explanation is of what `clean` outputs
        doc = Cleaner(config).clean(
            item.data, url=item.url, kind=item.kind, extra=dict(item.extra), charset=item.charset
        )
    for key, value in item.fallback.items():  # a WARC record's date, as in `clean`
        if getattr(doc, key, None) is None:
            setattr(doc, key, value)
    if args.json:
        write_stdout(json_bytes(doc.to_dict(), indent=2) + b"\n")
    else:
        text = render_explanation(doc, notes.lines)
        write_stdout(text.encode("utf-8", "backslashreplace") + b"\n")
    return 0


class _Notes(logging.Handler):
    """Collects what the cleaner logs at debug level while one document is explained: the
    decisions not to remove (a DOM match over its rule's max_chars) that no removal records."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self._logger = logging.getLogger("cleaner")

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.INFO:
            self.lines.append(record.getMessage())
        else:  # warnings still reach standard error as usual
            logging.getLogger().handle(record)

    def __enter__(self) -> _Notes:
        self._saved = self._logger.level, self._logger.propagate
        self._logger.addHandler(self)
        self._logger.setLevel(logging.DEBUG)
        self._logger.propagate = False
        return self

    def __exit__(self, *exc: object) -> None:
        self._logger.removeHandler(self)
        self._logger.setLevel(self._saved[0])
        self._logger.propagate = self._saved[1]


def write_stdout(data: bytes) -> None:
    """Bytes to standard output; a failed write becomes one line (a broken pipe passes through)."""
    with writing("to standard output"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def render_explanation(doc, notes: Sequence[str] = ()) -> str:
    """Metadata, the clean text, each removal as 'rule id (kind [score]): text', then any notes."""
    lines = [
        f"{name}: {value}"
        for name, value in (
            ("title", doc.title),
            ("author", doc.author),
            ("date", doc.date),
            ("modified", doc.modified),
            ("url", doc.url),
            ("sitename", doc.sitename),
            ("language", doc.language),
        )
        if value
    ]
    lines += ["", "--- text ---", doc.text, "", f"--- removed ({len(doc.removed)}) ---"]
    width = max((len(r.rule) for r in doc.removed), default=0)
    lines += [f"{r.rule:<{width}}  {_kind(r):<13}  {_one_line(r.text)}" for r in doc.removed]
    if notes:
        lines += ["", f"--- kept ({len(notes)}) ---", *(_one_line(note, 160) for note in notes)]
    return "\n".join(lines)


def _kind(removal) -> str:
    """The rule's kind, and a learned step's score beside it (`drop 0.93`)."""
    return removal.kind if removal.score is None else f"{removal.kind} {removal.score:.2f}"


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _run_rules_test(args: argparse.Namespace) -> int:
    checks = [check_rule(rule) for rule in _selected_rules(args)]
    for check in checks:
        print(f"{'ok  ' if check.ok else 'FAIL'}  {check.rule.id}")
        for failure in check.failures:
            print(f"      {failure}")
    failed = sum(not check.ok for check in checks)
    print(f"rules: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _run_rules_list(args: argparse.Namespace) -> int:
    """One line per rule: id, matcher/action (and `after line-model`), group (or '-'), description."""
    for rule in _selected_rules(args):
        kind = f"{rule.matcher}/{rule.action}" + (f" after {AFTER_MODEL}" if runs_after_model(rule) else "")
        print(f"{rule.id}\t{kind}\t{rule.group or '-'}\t{_one_line(rule.description)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
