"""Load, validate and compile rule sets (YAML data) once, for reuse on every document.

A rule file is a mapping with `rules:` (a list) and, for site files, `site:` (domains and
signature patterns). Errors name the file, the rule id and the key at fault. YAML is read
with `safe_load` (no tags, so no code runs); patterns are linted and compiled by `patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from cssselect import SelectorError
from lxml.cssselect import CSSSelector

from .errors import RuleError
from .extract import EDGE_TRIM_RULE
from .headline import DEK_RULE, HEADLINE_RULE, KICKER_RULE
from .linemodel import LINE_MODEL_RULE
from .patterns import Pattern, PatternError, compile_pattern
from .prefilter import SignatureIndex

ACTIONS = {
    "paragraph": {"drop", "drop-to-end", "capture", "join-previous"},
    "inline": {"strip"},
    "block": {"drop"},
    "selector": {"drop"},
}
CAPTURE_FIELDS = {"title", "author", "date", "time", "url", "sitename"}
RULE_KEYS = {"id", "description", "match", "action", "examples"}
EXAMPLE_KEYS = {"match", "keep"}
SITE_KEYS = {"domains", "signature", "name"}
# Steps, not regex rules, whose removals carry these ids: headline.py, extract.py, linemodel.py.
BUILTIN_RULE_IDS = frozenset({HEADLINE_RULE, KICKER_RULE, DEK_RULE, EDGE_TRIM_RULE, LINE_MODEL_RULE})
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Example:
    """A text a rule must (or must not) act on; `result` and `fields` pin what it does."""

    text: str
    result: str | None = None
    fields: dict[str, str] | None = None


@dataclass(frozen=True)
class Rule:
    """One compiled rule. `matcher` is paragraph, inline, block or selector."""

    id: str
    description: str
    matcher: str
    action: str
    pattern: Pattern | None = None
    end: Pattern | None = None
    selector: CSSSelector | None = None
    must_match: tuple[Example, ...] = ()
    must_keep: tuple[Example, ...] = ()
    path: str = ""

    @property
    def kind(self) -> str:
        """The kind recorded with each removal: the selector, or the action taken."""
        return "selector" if self.matcher == "selector" else self.action


@dataclass(frozen=True)
class RuleSource:
    """The rules of one set: `generic`, or a site with its domains and signatures."""

    name: str
    rules: tuple[Rule, ...]
    domains: tuple[str, ...] = ()
    signatures: tuple[Pattern, ...] = ()
    path: str = ""
    sitename: str | None = None

    @property
    def text_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.matcher != "selector")

    @property
    def dom_rules(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.matcher == "selector")

    def claims_url(self, hostname: str | None) -> bool:
        """True when the host is one of the site's domains or a subdomain of one."""
        return bool(hostname) and any(
            hostname == domain or hostname.endswith("." + domain) for domain in self.domains
        )


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule: generic sets run on all documents, site sets where they apply."""

    generic: tuple[RuleSource, ...] = ()
    sites: tuple[RuleSource, ...] = ()
    disabled: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def signatures(self) -> SignatureIndex:
        """Every site's signature patterns in one RE2 set, compiled once."""
        return SignatureIndex([site.signatures for site in self.sites])

    def all_rules(self) -> list[Rule]:
        return [rule for source in (*self.generic, *self.sites) for rule in source.rules]

    def sites_for(self, hostname: str | None, paragraphs: list[str] | None = None) -> list[RuleSource]:
        """Sites claimed by the URL's host; failing that, by signature text in the paragraphs."""
        by_url = [site for site in self.sites if site.claims_url(hostname)]
        if by_url or paragraphs is None:
            return by_url
        claimed = self.signatures.claimed(paragraphs)
        return [site for index, site in enumerate(self.sites) if index in claimed]

    def active(self, rules: Iterable[Rule]) -> list[Rule]:
        return [rule for rule in rules if rule.id not in self.disabled]


def bundled_rules_dir() -> Path:
    """The rule files shipped inside the installed package.

    When the package is imported straight from a source checkout (worker processes started in
    the repository root see its `cleaner/` first), the rules are the `rules/` folder beside it.
    """
    try:
        return Path(str(resources.files("cleaner.rulefiles")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "rules"


def load_ruleset(extra_dirs: Iterable[str | Path] = (), disabled: Iterable[str] = (),
                 bundled: bool = True) -> RuleSet:
    """Load the bundled rules plus any extra directories; ids must be unique across all."""
    dirs = ([bundled_rules_dir()] if bundled else []) + [Path(d) for d in extra_dirs]
    generic: list[RuleSource] = []
    sites: list[RuleSource] = []
    for directory in dirs:
        if not directory.is_dir():
            raise RuleError(str(directory), None, None, "rules directory does not exist")
        for path in sorted(directory.glob("generic/*.yaml")):
            generic.append(load_file(path))
        for path in sorted(directory.glob("sites/*.yaml")):
            sites.append(load_file(path))
    _refuse_duplicate_ids([*generic, *sites])
    known = {rule.id for source in (*generic, *sites) for rule in source.rules} | BUILTIN_RULE_IDS
    unknown = sorted(set(disabled) - known)
    if unknown:
        raise RuleError("--disable", unknown[0], None, "no rule has this id")
    rules = RuleSet(tuple(generic), tuple(sites), frozenset(disabled))
    rules.signatures  # noqa: B018 - compiled at load, not on the first document without a URL
    return rules


def load_file(path: Path) -> RuleSource:
    """Parse and compile one rule file; a site file is named after its domain."""
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise RuleError(where, None, None, f"cannot read rule file: {_one_line(err)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(where, None, "rules", "a rule file is a mapping with a 'rules:' list")
    _refuse_unknown(where, None, data, {"rules", "site"})
    is_site = path.parent.name == "sites"
    name = path.stem if is_site else "generic"
    rules = tuple(compile_rule(where, name, raw) for raw in data["rules"])
    _refuse_duplicate_ids([RuleSource(name, rules, path=where)])
    if not is_site:
        return RuleSource(name, rules, path=where)
    site = data.get("site") or {}
    _refuse_unknown(where, None, site, SITE_KEYS, prefix="site.")
    domains = tuple(_as_list(site.get("domains", [name])))
    signatures = tuple(_regex(where, None, "site.signature", s) for s in _as_list(site.get("signature", [])))
    return RuleSource(name, rules, domains, signatures, where, site.get("name"))


def compile_rule(where: str, set_name: str, raw: Any) -> Rule:
    """Validate one rule mapping and compile its matcher and examples."""
    if not isinstance(raw, dict):
        raise RuleError(where, None, None, "each rule is a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(where, str(rule_id), "id", "an id is '<set>.<kebab-name>', lower case")
    if not rule_id.startswith(set_name + "."):
        raise RuleError(where, rule_id, "id", f"ids in this file start with '{set_name}.'")
    _refuse_unknown(where, rule_id, raw, RULE_KEYS)
    for key in ("description", "match", "action", "examples"):
        if key not in raw:
            raise RuleError(where, rule_id, key, "missing (every rule has id, description, match, action, examples)")
    matcher, spec = _matcher(where, rule_id, raw["match"])
    action = raw["action"]
    if action not in ACTIONS[matcher]:
        allowed = ", ".join(sorted(ACTIONS[matcher]))
        raise RuleError(where, rule_id, "action", f"{action!r} does not go with a {matcher} matcher ({allowed})")
    compiled = _compile_matcher(where, rule_id, matcher, spec)
    if action == "capture":
        _check_capture_groups(where, rule_id, compiled["pattern"])
    must_match, must_keep = _examples(where, rule_id, raw["examples"])
    return Rule(rule_id, str(raw["description"]).strip(), matcher, action, **compiled,
                must_match=must_match, must_keep=must_keep, path=where)


def _matcher(where: str, rule_id: str, match: Any) -> tuple[str, Any]:
    if not isinstance(match, dict) or len(match) != 1:
        raise RuleError(where, rule_id, "match", "give exactly one of: paragraph, inline, block, selector")
    (matcher, spec), = match.items()
    if matcher not in ACTIONS:
        raise RuleError(where, rule_id, f"match.{matcher}", "unknown matcher (paragraph, inline, block, selector)")
    return matcher, spec


def _compile_matcher(where: str, rule_id: str, matcher: str, spec: Any) -> dict[str, Any]:
    key = f"match.{matcher}"
    if matcher == "selector":
        try:
            return {"selector": CSSSelector(str(spec))}
        except (SelectorError, SyntaxError, ValueError) as err:
            raise RuleError(where, rule_id, key, f"bad CSS selector: {_one_line(err)}") from None
    if matcher == "block":
        if not isinstance(spec, dict) or set(spec) != {"start", "end"}:
            raise RuleError(where, rule_id, key, "a block has 'start' and 'end' patterns")
        return {"pattern": _regex(where, rule_id, key + ".start", spec["start"]),
                "end": _regex(where, rule_id, key + ".end", spec["end"])}
    return {"pattern": _regex(where, rule_id, key, spec)}


def _regex(where: str, rule_id: str | None, key: str, pattern: Any) -> Pattern:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(where, rule_id, key, "a pattern is a non-empty string")
    try:
        return compile_pattern(pattern)
    except PatternError as err:
        raise RuleError(where, rule_id, key, str(err)) from None


def _check_capture_groups(where: str, rule_id: str, pattern: Pattern) -> None:
    groups = set(pattern.groupindex)
    if not groups:
        raise RuleError(where, rule_id, "match.paragraph", "a capture needs named groups, e.g. (?P<author>...)")
    unknown = groups - CAPTURE_FIELDS
    if unknown:
        raise RuleError(where, rule_id, "match.paragraph",
                        f"unknown capture group {sorted(unknown)[0]!r} (one of {', '.join(sorted(CAPTURE_FIELDS))})")


def _examples(where: str, rule_id: str, raw: Any) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    if not isinstance(raw, dict):
        raise RuleError(where, rule_id, "examples", "examples is a mapping with 'match' and 'keep' lists")
    _refuse_unknown(where, rule_id, raw, EXAMPLE_KEYS, prefix="examples.")
    parsed = {}
    for key in ("match", "keep"):
        items = raw.get(key)
        if not isinstance(items, list) or not items:
            raise RuleError(where, rule_id, f"examples.{key}", "give at least one example")
        parsed[key] = tuple(_example(where, rule_id, f"examples.{key}", item) for item in items)
    return parsed["match"], parsed["keep"]


def _example(where: str, rule_id: str, key: str, item: Any) -> Example:
    if isinstance(item, str):
        return Example(item)
    if isinstance(item, dict) and isinstance(item.get("text"), str):
        _refuse_unknown(where, rule_id, item, {"text", "result", "fields"}, prefix=key + ".")
        return Example(item["text"], item.get("result"), item.get("fields"))
    raise RuleError(where, rule_id, key, "an example is a string or a mapping with 'text'")


def _refuse_unknown(where: str, rule_id: str | None, data: dict, allowed: set[str], prefix: str = "") -> None:
    if not isinstance(data, dict):
        raise RuleError(where, rule_id, prefix.rstrip(".") or None, "expected a mapping")
    for key in data:
        if key not in allowed:
            raise RuleError(where, rule_id, prefix + str(key),
                            f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _refuse_duplicate_ids(sources: list[RuleSource]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        for rule in source.rules:
            if rule.id in seen:
                raise RuleError(rule.path, rule.id, "id", f"duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = rule.path


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _one_line(err: Exception) -> str:
    return " ".join(str(err).split())
