"""The `cleaner` command: clean files and directories, explain one file, test the rules."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import __version__
from .cli_clean import add_arguments as add_clean_arguments
from .cli_clean import run_clean
from .config import INPUT_KINDS, Config
from .errors import CleanerError
from .pipeline import Cleaner
from .ruleset import load_ruleset
from .ruletest import check_ruleset


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 some inputs failed, 2 usage or setup error)."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="cleaner: %(levelname)s: %(message)s")
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
    try:
        return args.run(args)
    except CleanerError as err:
        print(f"cleaner: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted", file=sys.stderr)
        return 130


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
    return parser


def _add_rule_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--url", help="the page's URL (selects site rules; becomes url when the page gives none)")
    parser.add_argument("--kind", choices=INPUT_KINDS, default="auto", help="input kind (default: sniffed)")
    _add_ruleset_options(parser)
    parser.add_argument("--disable", action="append", default=[], metavar="RULE_ID", help="turn a rule off; repeatable")


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
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(render_explanation(doc))
    return 0


def render_explanation(doc) -> str:
    """Metadata, the clean text, then each removal as 'rule id (kind [score]): text'."""
    lines = [f"{name}: {value}" for name, value in
             (("title", doc.title), ("author", doc.author), ("date", doc.date), ("url", doc.url),
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
