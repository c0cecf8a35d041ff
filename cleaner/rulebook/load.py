"""Load, validate and compile rule sets (YAML data) once, for reuse on every document.

A rule file is a mapping with `rules:` (a list) and, for site files, `site:` (domains and
signature patterns). Errors name the file, the rule id and the key at fault. YAML is read
safely (no tags, so no code runs; size, aliases and nesting bounded); patterns are checked
and compiled on RE2 by `patterns`, selectors checked for super-linear cost by `dom`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from ..config import did_you_mean
from ..errors import RuleError
from ..patterns import Pattern
from .dom import SelectorRule
from .prefilter import SignatureIndex
from .rule import Example, Rule, compile_regex, one_line
from .steps import STEP_TYPES, StepRule
from .text import CAPTURE_FIELDS, TEXT_RULE_TYPES, TextRule

__all__ = ["CAPTURE_FIELDS", "Example", "Rule", "RuleSet", "RuleSource", "load_ruleset"]

AnyRule = TypeVar("AnyRule", bound=Rule)  # a kind of rule, kept through a filter of rules

# Each kind of rule is a class, found by the matcher and action a rule file names.
_RULE_CLASSES: tuple[type[Rule], ...] = (*TEXT_RULE_TYPES, SelectorRule)
RULE_TYPES: dict[tuple[str, str], type[Rule]] = {(cls.matcher, cls.action): cls for cls in _RULE_CLASSES}
STEPS: dict[str, type[StepRule]] = {cls.stage: cls for cls in STEP_TYPES}
ACTIONS: dict[str, frozenset[str]] = {
    matcher: frozenset(action for kind, action in RULE_TYPES if kind == matcher) for matcher, _ in RULE_TYPES
}
RULE_KEYS = {"id", "description", "match", "action", "examples", "group"}
# Keys only some kinds of rule take, with the (matcher, action) kinds that take them.
KIND_KEYS: dict[str, list[tuple[str, str]]] = {
    key: sorted(kind for kind, cls in RULE_TYPES.items() if key in cls.extra_keys)
    for cls in RULE_TYPES.values()
    for key in cls.extra_keys
}
EXAMPLE_KEYS = {"match", "keep"}
SITE_KEYS = {"domains", "signature", "name"}
# The built-in steps (headline, header, extraction edge, line model) as rules: always loaded.
STEPS_FILE = Path(__file__).with_name("steps.yaml")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*\.[a-z0-9][a-z0-9-]*$")
_GROUP = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# Groups that a Config option turns off as a whole: include_comments keeps comment sections.
COMMENTS_GROUP = "comments"
RULE_SUFFIXES = (".yaml", ".yml")
_WHERE_RULES_GO = (
    "rule files go in DIR/generic/*.yaml (rules for every document) and "
    "DIR/sites/<domain>.yaml (rules for one site); .yml works too"
)
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
        children = (
            node.value
            if isinstance(node, yaml.SequenceNode)
            else ([part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
        )
        size = self._sizes[id(node)] = 1 + sum(self._sizes[id(child)] for child in children)
        if size > MAX_YAML_NODES:
            raise yaml.YAMLError(f"more than {MAX_YAML_NODES} values once aliases are expanded")
        return node


def parse_rule_yaml(text: str) -> Any:
    """A rule file's data, bounded as `_RuleLoader` bounds it.

    libyaml's parser reads a file's events in a fortieth of the pure-Python loader's time (every
    worker reads every rule file as it starts); a file without aliases, no deeper than the bound,
    is then loaded by libyaml. Any other file, or one libyaml refuses, goes through `_RuleLoader`,
    which counts and refuses as before and words the error."""
    if _plain_yaml(text):
        return yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - libyaml's SafeLoader
    return yaml.load(text, Loader=_RuleLoader)  # noqa: S506 - a SafeLoader subclass


def _plain_yaml(text: str) -> bool:
    """Whether libyaml can load the text as it is: it parses, holds no alias, and nests and
    grows within the bounds (an alias-free file is as large as its events)."""
    if not yaml.__with_libyaml__:
        return False
    depth = events = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            events += 1
            if isinstance(event, yaml.AliasEvent) or events > MAX_YAML_NODES:
                return False
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return False
    return True


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
    def text_rules(self) -> tuple[TextRule, ...]:
        return tuple(rule for rule in self.rules if isinstance(rule, TextRule))

    @property
    def dom_rules(self) -> tuple[SelectorRule, ...]:
        return tuple(rule for rule in self.rules if isinstance(rule, SelectorRule))

    def claims_url(self, hostname: str | None) -> bool:
        """True when the host is one of the site's domains or a subdomain of one."""
        return hostname is not None and any(
            hostname == domain or hostname.endswith("." + domain) for domain in self.domains
        )


@dataclass(frozen=True)
class RuleSet:
    """Every loaded rule: generic sets run on all documents, site sets where they apply."""

    generic: tuple[RuleSource, ...] = ()
    sites: tuple[RuleSource, ...] = ()
    disabled: frozenset[str] = field(default_factory=frozenset)
    steps: tuple[RuleSource, ...] = ()  # the built-in steps (steps.yaml); the pipeline stages run them

    @cached_property
    def signatures(self) -> SignatureIndex:
        """Every site's signature patterns in one RE2 set, compiled once."""
        return SignatureIndex([site.signatures for site in self.sites])

    def all_rules(self, steps: bool = True) -> list[Rule]:
        """Generic rules, site rules, then (unless `steps` is False) the built-in steps."""
        return [rule for source in self.sources(steps) for rule in source.rules]

    def sources(self, steps: bool = True) -> tuple[RuleSource, ...]:
        return (*self.generic, *self.sites, *(self.steps if steps else ()))

    def sites_for(self, hostname: str | None, paragraphs: list[str] | None = None) -> list[RuleSource]:
        """Sites claimed by the URL's host; failing that, by signature text in the paragraphs."""
        by_url = [site for site in self.sites if site.claims_url(hostname)]
        if by_url or paragraphs is None:
            return by_url
        claimed = self.signatures.claimed(paragraphs)
        return [site for index, site in enumerate(self.sites) if index in claimed]

    def active(self, rules: Iterable[AnyRule]) -> list[AnyRule]:
        return [rule for rule in rules if rule.id not in self.disabled]

    def select(self, ids: Iterable[str] = (), sites: Iterable[str] = (), groups: Iterable[str] = ()) -> list[Rule]:
        """The rules that pass every filter given: an id, a set ('generic', a site's name or one of its
        domains, a host under one) or a group; each filter is a list of shell globs, any of which may match."""
        ids, sites, groups = list(ids), [s.lower() for s in sites], list(groups)
        sources = [source for source in self.sources() if not sites or _source_matches(source, sites)]
        return [
            rule
            for source in sources
            for rule in source.rules
            if (not ids or any(fnmatchcase(rule.id, pattern) for pattern in ids))
            and (not groups or any(fnmatchcase(rule.group or "", pattern) for pattern in groups))
        ]

    def without_groups(self, groups: Iterable[str]) -> RuleSet:
        """The same rules with every rule of these groups disabled, as if each were named in --disable."""
        wanted = set(groups)
        off = {rule.id for rule in self.all_rules() if rule.group in wanted}
        return replace(self, disabled=self.disabled | off) if off - self.disabled else self


def _source_matches(source: RuleSource, patterns: list[str]) -> bool:
    """True when a pattern names the set, one of its domains, or a host the set claims."""
    names = (source.name, *source.domains)
    return any(any(fnmatchcase(name, pattern) for name in names) or source.claims_url(pattern) for pattern in patterns)


def bundled_rules_dir() -> Path:
    """The rule files shipped inside the installed package.

    When the package is imported straight from a source checkout (worker processes started in
    the repository root see its `cleaner/` first, or a second checkout runs with the first one's
    editable install, whose mapping of `cleaner.rulefiles` points into the first), the rules are
    the `rules/` folder beside it.
    """
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "rules" / "generic").is_dir():
        return checkout / "rules"
    try:
        return Path(str(resources.files("cleaner.rulefiles")))
    except ModuleNotFoundError:
        return checkout / "rules"


def load_ruleset(extra_dirs: Iterable[str | Path] = (), disabled: Iterable[str] = (), bundled: bool = True) -> RuleSet:
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
    steps = load_file(STEPS_FILE, steps=True)
    _refuse_duplicate_ids([*generic, *sites, steps])
    known = {rule.id for source in (*generic, *sites, steps) for rule in source.rules}
    unknown = sorted(set(disabled) - known)
    if unknown:
        raise RuleError("--disable", unknown[0], None, f"no rule has this id{did_you_mean(unknown[0], known, 0.8)}")
    rules = RuleSet(tuple(generic), tuple(sites), frozenset(disabled), (steps,))
    rules.signatures  # noqa: B018 - compiled at load, not on the first document without a URL
    return rules


def rule_files(directory: Path) -> list[Path]:
    """The rule files of a rules directory, generic before sites, each in name order.

    A YAML file elsewhere in the directory (up to two folders down) would be ignored: it is refused.
    """
    if not directory.is_dir():
        raise RuleError(str(directory), None, None, "rules directory does not exist")
    found = {
        folder: sorted(path for suffix in RULE_SUFFIXES for path in directory.glob(f"{folder}/*{suffix}"))
        for folder in ("generic", "sites")
    }
    for suffix in RULE_SUFFIXES:
        for path in sorted(path for depth in ("", "*/", "*/*/") for path in directory.glob(f"{depth}*{suffix}")):
            if path.parent.name not in found or path.parent.parent != directory:
                raise RuleError(str(path), None, None, f"not loaded from here: {_WHERE_RULES_GO}")
    return found["generic"] + found["sites"]


def load_file(path: Path, steps: bool = False) -> RuleSource:
    """Parse and compile one rule file; a site file is named after its domain. `steps` reads the
    built-in steps' file, the one place a `step` matcher is allowed."""
    where = str(path)
    try:
        data = parse_rule_yaml(_read(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as err:
        raise RuleError(where, None, None, f"cannot read rule file: {one_line(err)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(where, None, "rules", "a rule file is a mapping with a 'rules:' list")
    _refuse_unknown(where, None, data, {"rules", "site"})
    is_site = path.parent.name == "sites"
    name = path.stem if is_site else "generic"
    rules = tuple(compile_rule(where, name, raw, steps) for raw in data["rules"])
    _refuse_duplicate_ids([RuleSource(name, rules, path=where)])
    if not is_site:
        return RuleSource(name, rules, path=where)
    site = data.get("site") or {}
    _refuse_unknown(where, None, site, SITE_KEYS, prefix="site.")
    domains = tuple(_as_list(site.get("domains", [name])))
    signatures = tuple(compile_regex(where, None, "site.signature", s) for s in _as_list(site.get("signature", [])))
    return RuleSource(name, rules, domains, signatures, where, site.get("name"))


def _read(path: Path) -> str:
    """The file's text, refused past MAX_RULE_FILE_BYTES before it is read whole."""
    with path.open("rb") as handle:
        data = handle.read(MAX_RULE_FILE_BYTES + 1)
    if len(data) > MAX_RULE_FILE_BYTES:
        raise OSError(f"file is over {MAX_RULE_FILE_BYTES} bytes")
    return data.decode("utf-8")


def compile_rule(where: str, set_name: str, raw: Any, steps: bool = False) -> Rule:
    """Validate one rule mapping and build the rule of its kind, matcher and examples compiled."""
    if not isinstance(raw, dict):
        raise RuleError(where, None, None, "each rule is a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleError(where, str(rule_id), "id", "an id is '<set>.<kebab-name>', lower case")
    if not rule_id.startswith(set_name + "."):
        raise RuleError(where, rule_id, "id", f"ids in this file start with '{set_name}.'")
    for key in ("description", "match", "action"):
        if key not in raw:
            raise RuleError(where, rule_id, key, "missing (every rule has id, description, match, action, examples)")
    cls, spec = _rule_type(where, rule_id, raw, steps)
    for key in raw.keys() - RULE_KEYS - cls.extra_keys:
        if key in KIND_KEYS:
            raise RuleError(where, rule_id, key, _kinds_taking(key, cls.matcher))
    _refuse_unknown(where, rule_id, raw, RULE_KEYS | cls.extra_keys)
    must_match, must_keep = _examples(where, rule_id, cls, raw.get("examples"))
    return cls(
        id=rule_id,
        description=str(raw["description"]).strip(),
        **cls.compile_spec(where, rule_id, spec, raw),
        must_match=must_match,
        must_keep=must_keep,
        path=where,
        group=_group(where, rule_id, raw.get("group")),
    )


def _kinds_taking(key: str, matcher: str) -> str:
    """Which rules take a key: the matchers, or the actions of this matcher when it is one of them."""
    kinds = KIND_KEYS[key]
    actions = sorted({action for taker, action in kinds if taker == matcher})
    if actions:
        return f"'{key}' goes with {matcher} rules whose action is {' or '.join(actions)}"
    return f"'{key}' goes with {', '.join(sorted({taker for taker, _ in kinds}))} matchers"


def _rule_type(where: str, rule_id: str, raw: dict[str, Any], steps: bool) -> tuple[type[Rule], Any]:
    """The class of rule the matcher and action name, and the matcher's value."""
    match, action = raw["match"], raw["action"]
    kinds = ", ".join([*ACTIONS, *(["step"] if steps else [])])
    if not isinstance(match, dict) or len(match) != 1:
        raise RuleError(where, rule_id, "match", f"give exactly one of: {kinds}")
    ((matcher, spec),) = match.items()
    if steps and matcher == "step":
        step = STEPS.get(spec) if isinstance(spec, str) else None
        if step is None:
            raise RuleError(where, rule_id, "match.step", f"unknown step (one of {', '.join(STEPS)})")
        if action != step.action:
            raise RuleError(where, rule_id, "action", f"the {spec} step records {step.action!r}")
        return step, spec
    if matcher not in ACTIONS:
        raise RuleError(where, rule_id, f"match.{matcher}", f"unknown matcher ({kinds})")
    cls = RULE_TYPES.get((matcher, action)) if isinstance(action, str) else None
    if cls is None:
        allowed = ", ".join(sorted(ACTIONS[matcher]))
        raise RuleError(where, rule_id, "action", f"{action!r} does not go with a {matcher} matcher ({allowed})")
    return cls, spec


def _group(where: str, rule_id: str, group: Any) -> str | None:
    if group is not None and not (isinstance(group, str) and _GROUP.match(group)):
        raise RuleError(where, rule_id, "group", "a group is a lower-case kebab-case name, e.g. 'comments'")
    return group


def _examples(where: str, rule_id: str, cls: type[Rule], raw: Any) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """Every rule has examples, except a built-in step, whose examples are optional; a step that
    needs more than lines to run (a page, a model) has none."""
    if issubclass(cls, StepRule) and (raw is None or cls.run is StepRule.run):
        if raw is not None:
            raise RuleError(where, rule_id, "examples", f"the {cls.stage} step cannot run on examples")
        return (), ()
    if raw is None:
        raise RuleError(where, rule_id, "examples", "missing (every rule has id, description, match, action, examples)")
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
            raise RuleError(where, rule_id, prefix + str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")


def _refuse_duplicate_ids(sources: list[RuleSource]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        for rule in source.rules:
            if rule.id in seen:
                raise RuleError(rule.path, rule.id, "id", f"duplicate id (also in {seen[rule.id]})")
            seen[rule.id] = rule.path


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
