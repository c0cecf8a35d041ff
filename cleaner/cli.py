"""The `cleaner` command: clean files and directories, explain one file, test the rules."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from . import __version__
from .cli_clean import add_arguments as add_clean_arguments
from .cli_clean import log_level, run_clean
from .cli_learn import add_learn_command, run_rules_learn
from .config import INPUT_KINDS, Config
from .errors import CleanerError
from .io.writers import json_bytes, writing
from .pipeline import Cleaner
from .ruleset import load_ruleset
from .ruletest import check_ruleset


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 some inputs failed, 2 usage, setup or output
    error, 128 + SIGPIPE when the reader of the output went away)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=min(logging.WARNING, log_level(args)), format="cleaner: %(levelname)s: %(message)s")
    logging.getLogger("cleaner").setLevel(log_level(args))  # -v/-vv: cleaner's own messages, not every library's
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
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
    parser = argparse.ArgumentParser(prog="cleaner", description=__doc__)
    parser.add_argument("--version", action="version", version=f"cleaner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean files, directories, JSON Lines, WARC or stdin "
                                "into JSON Lines, a directory of .txt + .json, or Parquet")
    add_clean_arguments(clean)
    _add_rule_options(clean)
    clean.set_defaults(run=_run_clean)

    explain = commands.add_parser("explain", help="show the cleaned text and every removed piece with its rule id")
    explain.add_argument("path", type=Path)
    explain.add_argument("--json", action="store_true", help="print the document as JSON instead")
    _add_rule_options(explain)
    explain.set_defaults(run=_run_explain)

    rules = commands.add_parser("rules", help="work with rule sets")
    rule_commands = rules.add_subparsers(dest="rules_command", required=True)
    test = rule_commands.add_parser("test", help="run every rule's examples")
    listing = rule_commands.add_parser("list", help="list every rule with its id and description")
    for sub, run in ((test, _run_rules_test), (listing, _run_rules_list)):
        _add_ruleset_options(sub)
        sub.set_defaults(run=run)
    learn = add_learn_command(rule_commands)
    _add_rule_options(learn)
    learn.set_defaults(run=lambda args: run_rules_learn(args, config_from(args)))
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="the page's URL (selects site rules; becomes url when the page gives none)")
    parser.add_argument("--kind", choices=INPUT_KINDS, default="auto", help="input kind (default: sniffed)")
    _add_ruleset_options(parser)
    parser.add_argument("--disable", action="append", default=[], metavar="RULE_ID", help="turn a rule off; repeatable")
    parser.add_argument("--line-model", action="store_true",
                        help="score text-dump paragraphs with the learned line model and drop boilerplate it finds")


def _add_ruleset_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rules", dest="rule_dirs", action="append", default=[], type=Path,
                        help="an extra rules directory (with generic/ and sites/); repeatable")
    parser.add_argument("--no-bundled-rules", action="store_true", help="load only the --rules directories")


def config_from(args: argparse.Namespace) -> Config:
    """The one place CLI flags become a Config."""
    return Config(
        rule_dirs=tuple(str(d) for d in args.rule_dirs),
        disabled_rules=tuple(getattr(args, "disable", ())),
        bundled_rules=not args.no_bundled_rules,
        input_kind=getattr(args, "kind", "auto"),
        line_model=getattr(args, "line_model", False),
        max_seconds=getattr(args, "max_seconds", Config.max_seconds) or None,
    )


def _run_clean(args: argparse.Namespace) -> int:
    return run_clean(args, config_from(args))


def _run_explain(args: argparse.Namespace) -> int:
    if not args.path.is_file():
        raise CleanerError(f"{args.path}: no such file")
    cleaner = Cleaner(config_from(args))
    doc = cleaner.clean(args.path.read_bytes(), url=args.url)
    if args.json:
        write_stdout(json_bytes(doc.to_dict(), indent=2) + b"\n")
    else:
        write_stdout(render_explanation(doc).encode("utf-8", "backslashreplace") + b"\n")
    return 0


def write_stdout(data: bytes) -> None:
    """Bytes to standard output; a failed write becomes one line (a broken pipe passes through)."""
    with writing("to standard output"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def render_explanation(doc) -> str:
    """Metadata, the clean text, then each removal as 'rule id (kind [score]): text'."""
    lines = [f"{name}: {value}" for name, value in
             (("title", doc.title), ("author", doc.author), ("date", doc.date),
              ("modified", doc.modified), ("url", doc.url),
              ("sitename", doc.sitename), ("language", doc.language)) if value]
    lines += ["", "--- text ---", doc.text, "", f"--- removed ({len(doc.removed)}) ---"]
    width = max((len(r.rule) for r in doc.removed), default=0)
    lines += [f"{r.rule:<{width}}  {_kind(r):<13}  {_one_line(r.text)}" for r in doc.removed]
    return "\n".join(lines)


def _kind(removal) -> str:
    """The rule's kind, and a learned step's score beside it (`drop 0.93`)."""
    return removal.kind if removal.score is None else f"{removal.kind} {removal.score:.2f}"


def _one_line(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _run_rules_test(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.rule_dirs, bundled=not args.no_bundled_rules)
    checks = check_ruleset(ruleset)
    for check in checks:
        print(f"{'ok  ' if check.ok else 'FAIL'}  {check.rule.id}")
        for failure in check.failures:
            print(f"      {failure}")
    failed = sum(not check.ok for check in checks)
    print(f"rules: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


def _run_rules_list(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.rule_dirs, bundled=not args.no_bundled_rules)
    for rule in ruleset.all_rules():
        print(f"{rule.id}\t{rule.matcher}/{rule.action}\t{_one_line(rule.description)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
