"""Load, validate and compile rule sets (YAML data) once, for reuse on every document.

A rule file is a mapping with `rules:` (a list) and, for site files, `site:` (domains and
signature patterns). Errors name the file, the rule id and the key at fault. YAML is read
safely (no tags, so no code runs; size, aliases and nesting bounded); patterns are checked
and compiled on RE2 by `patterns`, selectors checked for super-linear cost by `prune`.
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
from .header import RULES as HEADER_RULES
from .headline import DEK_RULE, HEADLINE_RULE, KICKER_RULE
from .linemodel import LINE_MODEL_RULE
from .patterns import Pattern, PatternError, compile_pattern, guard
from .prefilter import SignatureIndex
from .prune import selector_problem

ACTIONS = {
    "paragraph": {"drop", "drop-to-end", "drop-with-list", "drop-trailer", "drop-tail", "drop-below-body", "capture",
                  "join-previous", "drop-with-caption"},
    "inline": {"strip"},
    "block": {"drop"},
    "selector": {"drop"},
}
CAPTURE_FIELDS = {"title", "author", "date", "time", "url", "sitename"}
RULE_KEYS = {"id", "description", "match", "unless", "action", "examples"}
EXAMPLE_KEYS = {"match", "keep"}
SITE_KEYS = {"domains", "signature", "name"}
# Steps, not regex rules, whose removals carry these ids: headline.py, extract.py, header.py, linemodel.py.
BUILTIN_RULE_IDS = frozenset({HEADLINE_RULE, KICKER_RULE, DEK_RULE, EDGE_TRIM_RULE, LINE_MODEL_RULE, *HEADER_RULES})
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9][a-z0-9-]*$")
RULE_SUFFIXES = (".yaml", ".yml")
_WHERE_RULES_GO = ("rule files go in DIR/generic/*.yaml (rules for every document) and "
                   "DIR/sites/<domain>.yaml (rules for one site); .yml works too")
# A rule file is a few kilobytes of hand-written YAML; these bound what a hostile one can cost.
MAX_RULE_FILE_BYTES = 1 << 20
MAX_YAML_NODES = 100_000  # counted with every alias expanded, so an alias bomb stops here
MAX_YAML_DEPTH = 50


class _RuleLoader(yaml.SafeLoader):
    """`safe_load` that counts nodes as if every alias were copied out, and bounds nesting.

    Aliases share one object, but validating or printing the result walks every copy: nine
    levels of nine aliases ("billion laughs") would be 10^9 nodes. Deep nesting would exhaust
    the stack.
    """

    def __init__(self, stream: str):
        super().__init__(stream)
        self._sizes: dict[int, int] = {}
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        alias = self.check_event(yaml.AliasEvent)
        self._depth += 1
        if self._depth > MAX_YAML_DEPTH:
            raise yaml.YAMLError(f"nested more than {MAX_YAML_DEPTH} levels deep")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if alias:
            if id(node) not in self._sizes:
                raise yaml.YAMLError("an alias refers to a node that contains it")
            return node
        children = node.value if isinstance(node, yaml.SequenceNode) else (
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
        size = self._sizes[id(node)] = 1 + sum(self._sizes[id(child)] for child in children)
        if size > MAX_YAML_NODES:
            raise yaml.YAMLError(f"more than {MAX_YAML_NODES} values once aliases are expanded")
        return node


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
        loaded = [load_file(path) for path in rule_files(directory)]
        if not any(source.rules for source in loaded):
            raise RuleError(str(directory), None, None, f"no rules found: {_WHERE_RULES_GO}")
        generic += [source for source in loaded if source.name == "generic"]
        sites += [source for source in loaded if source.name != "generic"]
    _refuse_duplicate_ids([*generic, *sites])
    known = {rule.id for source in (*generic, *sites) for rule in source.rules} | BUILTIN_RULE_IDS
    unknown = sorted(set(disabled) - known)
    if unknown:
        raise RuleError("--disable", unknown[0], None, "no rule has this id")
    rules = RuleSet(tuple(generic), tuple(sites), frozenset(disabled))
    rules.signatures  # noqa: B018 - compiled at load, not on the first document without a URL
    return rules


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a rules directory, generic before sites, each in name order.

    A YAML file elsewhere in the directory (up to two folders down) would be ignored: it is refused.
    """
    if not directory.is_dir():
        raise RuleError(str(directory), None, None, "rules directory does not exist")
    found = {folder: sorted(path for suffix in RULE_SUFFIXES for path in directory.glob(f"{folder}/*{suffix}"))
             for folder in ("generic", "sites")}
    for suffix in RULE_SUFFIXES:
        for path in sorted(path for depth in ("", "*/", "*/*/") for path in directory.glob(f"{depth}*{suffix}")):
            if path.parent.name not in found or path.parent.parent != directory:
                raise RuleError(str(path), None, None, f"not loaded from here: {_WHERE_RULES_GO}")
    return found["generic"] + found["sites"]


def load_file(path: Path) -> RuleSource:
    """Parse and compile one rule file; a site file is named after its domain."""
    where = str(path)
    try:
        data = yaml.load(_read(path), Loader=_RuleLoader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as err:
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


def _read(path: Path) -> str:
    """The file's text, refused past MAX_RULE_FILE_BYTES before it is read whole."""
    with path.open("rb") as handle:
        data = handle.read(MAX_RULE_FILE_BYTES + 1)
    if len(data) > MAX_RULE_FILE_BYTES:
        raise OSError(f"file is over {MAX_RULE_FILE_BYTES} bytes")
    return data.decode("utf-8")


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
    if "unless" in raw:
        if matcher == "selector":
            raise RuleError(where, rule_id, "unless", "'unless' goes with paragraph, inline and block matchers")
        compiled["pattern"] = guard(compiled["pattern"], _regex(where, rule_id, "unless", raw["unless"]))
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
            selector = CSSSelector(str(spec))
        except (SelectorError, SyntaxError, ValueError) as err:
            raise RuleError(where, rule_id, key, f"bad CSS selector: {_one_line(err)}") from None
        problem = selector_problem(str(spec))
        if problem:
            raise RuleError(where, rule_id, key, problem)
        return {"selector": selector}
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
