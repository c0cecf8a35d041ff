"""Rules that cannot hang: every pattern runs on RE2; what RE2 cannot run is refused at load."""

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import re2
from hypothesis import given
from hypothesis import strategies as st
from timing import cpu_timer

from cleaner import Cleaner, Config
from cleaner.errors import RuleError
from cleaner.patterns import PatternError, compile_pattern, to_re2
from cleaner.rulebook.check import check_ruleset
from cleaner.rulebook.load import bundled_rules_dir, load_ruleset, parse_rule_yaml, rule_files

RULE = """rules:
  - id: generic.{name}
    description: test rule
    match: {{paragraph: '{pattern}'}}
    action: drop
    examples:
      match: ["{match}"]
      keep: ["nothing here"]
"""
HOSTILE_PARAGRAPHS = {
    "50k a": "a" * 50_000,
    "byline then 50k a": "By " + "a" * 50_000,
    "byline then 50k em spaces": "By Jane Roe" + "\u2003" * 50_000 + "x",
    "byline then nbsp runs": "By Jane Roe" + "\u00a0" * 25_000 + "|" + "\u00a0" * 25_000 + "x",
    "50k no-break spaces": "\u00a0" * 50_000 + "x",
    "names and commas": "By " + "Jane Roe, " * 5_000 + "!",
    "50k dots": "." * 50_000,
    "citations": "[1]" * 16_000,
    "logos": "instagram" + "\u2003" * 50_000 + "!",
    "copyright": "© 2020" + " x" * 25_000,
}
PER_PATTERN_SECONDS = 0.5


def write_rules(tmp_path: Path, text: str) -> Path:
    (tmp_path / "generic").mkdir(exist_ok=True)
    (tmp_path / "generic" / "test.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_lookahead_is_refused_at_load_naming_file_rule_key_and_feature(tmp_path):
    rules = write_rules(tmp_path, RULE.format(name="trap", pattern="^(?:(?=a)\\w)+!", match="aaa!"))
    with pytest.raises(RuleError) as info:
        load_ruleset([rules], bundled=False)
    message = str(info.value)
    assert "test.yaml" in message and "generic.trap" in message and "match.paragraph" in message
    assert "RE2 lacks lookahead" in message and "\n" not in message


def test_a_rule_error_crosses_a_process_boundary_whole(tmp_path):
    # a worker process's error is pickled to its parent: the same message, file, rule and key
    import pickle

    rules = write_rules(tmp_path, RULE.format(name="trap", pattern="^(?:(?=a)\\w)+!", match="aaa!"))
    with pytest.raises(RuleError) as info:
        load_ruleset([rules], bundled=False)
    again = pickle.loads(pickle.dumps(info.value))
    assert (str(again), again.path, again.rule_id, again.key) == (
        str(info.value),
        info.value.path,
        info.value.rule_id,
        info.value.key,
    )


# Forms that backtrack catastrophically on Python's `re`, each with a text that triggers it.
CATASTROPHIC = [
    (r"^(?:ab|a|b)+$", "ab" * 50_000 + "!"),  # overlapping alternation under a repeat
    (r"(?:ab|a|b)+c", "ab" * 50_000),
    (r"^(?:a|aa){1,400}$", "a" * 100_000 + "!"),
    (r"(?:a|aa){1,400}b", "a" * 100_000),
    (r"^.*.*.*.*.*.*.*.*x$", "a" * 100_000),  # many .* before an anchor that fails
    (r".*.*.*.*.*.*.*.*x", "a" * 100_000),
    (r"(a?){30}a{30}", "a" * 100_000),
    (r"^(a?){30}a{30}$", "a" * 29),
    (r"(?:(?:a{1,30}){1,30})b", "a" * 100_000),  # bounded repeats of repeats
    (r"(?:[\u4e01-\u4e03]+)+!", "\u4e02" * 100_000),  # classes no sample of characters covers
    (r"(?:[\U0001F600-\U0001F64F]|\U0001F602)+x", "\U0001f602" * 100_000),
    (r"(a+)+$", "a" * 100_000 + "!"),
    (r"(\w+\s?)+$", "word " * 20_000 + "!"),
    (r"(.|\s)*x", " " * 100_000),
    (r"^(\d+)*$", "1" * 100_000 + "x"),
    (r"(\s*x\s*)+$", " x " * 30_000 + "!"),
]


@pytest.mark.parametrize(("pattern", "text"), CATASTROPHIC, ids=[c[0] for c in CATASTROPHIC])
def test_catastrophic_forms_run_in_linear_time_on_re2(pattern, text):
    compiled = compile_pattern(pattern)
    assert isinstance(compiled, re2._Regexp)
    with cpu_timer() as timer:
        compiled.search(text)
        for _ in compiled.finditer(text):
            pass
    assert timer.seconds < 2.0


@pytest.mark.parametrize(
    ("pattern", "feature"),
    [
        (r"^(?:(?=a)\w)+!", "lookahead"),
        (r"^By\s+(?!The)\w+", "lookahead"),
        (r"(?<=x)y", "lookbehind"),
        (r"(?<!x)y", "lookbehind"),
        (r"(\w)\1", "backreferences"),
        (r"(?P<a>x)(?P=a)", "backreferences"),
        (r"(a)?(?(1)b|c)", "conditional groups"),
        (r"(?>ab)c", "atomic groups"),
        (r"a++b", "possessive"),
        (r"\bword\b", "word boundaries"),
        (r"x\By", "word boundaries"),
        (r"(?x) a b", "verbose"),
        (r"(?a:\w+)", "ASCII mode"),
        (r"(?:a|aa){1,2000}", "counted repeats over 1000"),
        (r"x{2000}", "counted repeats over 1000"),
        (r"\0", "octal"),
        (r"(?:(?:a{1,100}){1,100})", "add 9999 positions"),
        (r"(?:(?:a{1,2}){1,600})", "repetition size"),
        (r"(?:a|aa){1,1000}b", "add 1998 positions"),
        (r"(?:[\w-]{1,20}\s?){1,40}!", "too large"),
        (r"\w{0,100}x", "RE2 instructions"),
        (r"[\Wx]", r"\W inside [...]"),
        # Each of these hung the `re` fallback for seconds to hours on a few dozen characters.
        (r"^\b(?:ab|a|b)+$", "word boundaries"),
        (r"^(?:a|aa){1,2000}$", "counted repeats over 1000"),
        (r"^\b(a?){30}a{30}", "word boundaries"),
        (r"^\b(?:(?:a{1,10}){1,10}){1,10}$", "word boundaries"),
    ],
)
def test_what_re2_cannot_run_is_refused_naming_the_feature(pattern, feature):
    with pytest.raises(PatternError) as info:
        compile_pattern(pattern)
    assert feature in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        (r"a{,3}b", "aaab", "aaab"),
        (r"x{,}y", "xxy", "xxy"),
        ("\\N{EM DASH}+", "a\u2014\u2014b", "\u2014\u2014"),
        (r"end\Z", "the end", "end"),
        (r"\u00e9+", "caf\u00e9\u00e9", "\u00e9\u00e9"),
    ],
)
def test_python_syntax_keeps_its_meaning_on_re2(pattern, text, found):
    assert compile_pattern(pattern).search(text).group(0) == found == re.search(pattern, text).group(0)


def test_unambiguous_and_ambiguous_repeats_alike_are_accepted():
    for pattern in (r"(?:\s+[A-Z]\w+){0,4}", r"(a+b)+", r"(?:a|b)*c", r"(\s*,\s*\w+)+", r"^\s*,?\s*$"):
        assert isinstance(compile_pattern(pattern), re2._Regexp)


def test_scoped_flags_and_named_groups_work_on_re2():
    pattern = compile_pattern(r"^(?i:written by)\s+(?P<author>\w+(?:\s+\w+)?)$")
    assert pattern.search("WRITTEN BY José Núñez").group("author") == "José Núñez"
    assert set(pattern.groupindex) == {"author"}


UNLESS_RULE = """rules:
  - id: generic.by
    description: test rule
    match: {paragraph: '^By (?P<author>[A-Z]\\w+)$'}
    unless: '^By (?:Monday|The)$'
    action: capture
    examples:
      match: ["By Jane"]
      keep: ["By Monday"]
"""


def test_unless_pattern_keeps_a_rule_off_paragraphs_where_it_is_found(tmp_path):
    ruleset = load_ruleset([write_rules(tmp_path, UNLESS_RULE)], bundled=False)
    rule = ruleset.all_rules()[0]
    assert check_ruleset(ruleset)[0].ok
    assert rule.pattern.search("By Jane").group("author") == "Jane"
    assert rule.pattern.search("By Monday") is None and list(rule.pattern.finditer("By The")) == []
    assert rule.pattern.sub("", "By The") == "By The"


def test_unless_is_refused_on_a_selector_and_checked_like_a_pattern(tmp_path):
    selector = UNLESS_RULE.replace("{paragraph: '^By (?P<author>[A-Z]\\w+)$'}", "{selector: 'div.by'}")
    selector = selector.replace("action: capture", "action: drop")
    with pytest.raises(RuleError, match="'unless' goes with"):
        load_ruleset([write_rules(tmp_path, selector)], bundled=False)
    lookahead = UNLESS_RULE.replace("'^By (?:Monday|The)$'", "'^By (?=Monday)'")
    with pytest.raises(RuleError, match="key 'unless': RE2 lacks lookahead"):
        load_ruleset([write_rules(tmp_path, lookahead)], bundled=False)


AFTER_MODEL_RULE = """rules:
  - id: generic.about-box
    description: test rule
    match: {paragraph: '^About the Harbour Ledger: '}
    after: line-model
    action: drop
    examples:
      match: ["About the Harbour Ledger: news for the north coast"]
      keep: ["nothing here"]
"""


def test_a_drop_rule_may_read_what_the_line_model_keeps_and_nothing_else_may(tmp_path):
    ruleset = load_ruleset([write_rules(tmp_path, AFTER_MODEL_RULE)], bundled=False)
    assert ruleset.all_rules()[0].after_model and check_ruleset(ruleset)[0].ok
    with pytest.raises(RuleError, match="key 'after': the one step a rule may run after is 'line-model'"):
        load_ruleset([write_rules(tmp_path, AFTER_MODEL_RULE.replace("line-model", "header"))], bundled=False)
    to_end = AFTER_MODEL_RULE.replace("action: drop", "action: drop-to-end")
    with pytest.raises(RuleError, match="'after' goes with paragraph rules whose action is drop$"):
        load_ruleset([write_rules(tmp_path, to_end)], bundled=False)


def test_overlong_pattern_is_refused():
    with pytest.raises(PatternError, match="over"):
        compile_pattern("a" * 5000)


def test_bad_regex_says_so():
    with pytest.raises(PatternError, match="bad regex"):
        compile_pattern("(unclosed")


@pytest.fixture(scope="module")
def assigned_code_points():
    chars = map(chr, range(0x110000))
    return "".join(c for c in chars if unicodedata.category(c) not in ("Cn", "Cs"))


@pytest.mark.parametrize("shorthand", [r"\s", r"\w", r"\d", r"\S", r"\W", r"\D"])
def test_shorthand_classes_mean_on_re2_what_they_mean_on_re(shorthand, assigned_code_points):
    # RE2's own \w \s \d are ASCII-only; its Unicode tables are newer than Python's, so
    # code points Python calls unassigned are left out.
    text = assigned_code_points
    assert re2.compile(to_re2(shorthand)).sub("", text) == re.sub(shorthand, "", text)


ASSIGNED = st.characters(exclude_categories=("Cn", "Cs"))


@given(st.text(alphabet=ASSIGNED, max_size=200))
def test_translated_patterns_find_what_re_finds(text):
    for source in (r"\w+", r"\s+", r"\d+", r"[\w.'’-]+", r"(?i:read) more", r"[^\s\d]+\Z"):
        compiled = compile_pattern(source)
        assert isinstance(compiled, re2._Regexp)
        assert [m.group(0) for m in compiled.finditer(text)] == re.findall(source, text)


def test_yaml_tags_cannot_run_code(tmp_path):
    marker = tmp_path / "ran"
    rules = write_rules(tmp_path, f"!!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(RuleError, match="cannot read rule file"):
        load_ruleset([rules], bundled=False)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (RULE.format(name="x", pattern="(", match="a"), "match.paragraph"),
        (RULE.replace("action: drop", "action: explode").format(name="x", pattern="a", match="a"), "action"),
        (RULE.replace("    action: drop\n", "").format(name="x", pattern="a", match="a"), "action"),
        (RULE.replace("action: drop", "action: drop\n    shell: rm").format(name="x", pattern="a", match="a"), "shell"),
    ],
)
def test_malformed_rules_name_file_rule_and_key(tmp_path, text, key):
    rules = write_rules(tmp_path, text)
    with pytest.raises(RuleError) as info:
        load_ruleset([rules], bundled=False)
    assert info.value.path.endswith("test.yaml")
    assert info.value.rule_id == "generic.x"
    assert info.value.key == key


def test_every_shipped_rule_passes_the_lint_and_its_examples():
    failures = [check for check in check_ruleset(load_ruleset()) if not check.ok]
    assert failures == []


def shipped_patterns():
    ruleset = load_ruleset()
    for rule in ruleset.all_rules():
        for pattern in (getattr(rule, "pattern", None), getattr(rule, "end", None)):
            if pattern is not None:
                yield pytest.param(pattern, id=rule.id)
    for site in ruleset.sites:
        for pattern in site.signatures:
            yield pytest.param(pattern, id=f"{site.name}.signature")


@pytest.mark.parametrize("pattern", list(shipped_patterns()))
def test_no_shipped_pattern_is_slow_on_hostile_paragraphs(pattern):
    for name, text in HOSTILE_PARAGRAPHS.items():
        with cpu_timer() as timer:
            pattern.search(text)
            for _ in pattern.finditer(text):
                pass
        assert timer.seconds < PER_PATTERN_SECONDS, f"{name}: {timer.seconds:.2f} s"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_page_of_50000_a_cleans_well_within_the_time_limit(kind):
    cleaner = Cleaner(Config(detect_language=False))
    page = "a" * 50_000 if kind == "text" else f"<html><body><p>{'a' * 50_000}</p></body></html>"
    with cpu_timer() as timer:
        cleaner.clean(page, kind=kind)
    assert timer.seconds < Config().max_seconds / 10


def test_a_pattern_is_compiled_once_and_shared_by_its_text():
    pattern = r"^\s*(?i:also read)\s*:"
    assert compile_pattern(pattern) is compile_pattern(pattern)


def test_a_refused_pattern_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(PatternError, match="lookahead"):
            compile_pattern(r"^a(?=b)")


def test_patterns_compiled_from_many_threads_agree_with_one_compile():
    patterns = sorted(_shipped_patterns())
    compile_pattern.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        compiled = list(pool.map(compile_pattern, patterns * 4))
    fresh = [compile_pattern.__wrapped__(pattern) for pattern in patterns * 4]
    assert [(p.pattern, p.groupindex, p.programsize) for p in compiled] == [
        (p.pattern, p.groupindex, p.programsize) for p in fresh
    ]


def _shipped_patterns() -> set[str]:
    """The text rules' patterns as the shipped rule files write them."""
    found = set()
    for path in rule_files(bundled_rules_dir()):
        for raw in parse_rule_yaml(path.read_text(encoding="utf-8"))["rules"]:
            spec = raw["match"].get("paragraph", raw["match"].get("inline"))
            found.update(value for value in (spec, raw.get("unless")) if isinstance(value, str))
    return found
