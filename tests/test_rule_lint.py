"""Rules that cannot hang: the lint refuses backtracking traps, RE2 runs what it can."""

import re
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, Config
from cleaner.errors import RuleError
from cleaner.patterns import PatternError, compile_pattern, engine_of, to_re2
from cleaner.ruleset import load_ruleset
from cleaner.ruletest import check_ruleset

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


def test_nested_quantifier_is_refused_at_load_naming_the_rule(tmp_path):
    rules = write_rules(tmp_path, RULE.format(name="trap", pattern="(a+)+$", match="aaa"))
    with pytest.raises(RuleError) as info:
        load_ruleset([rules], bundled=False)
    message = str(info.value)
    assert "test.yaml" in message and "generic.trap" in message and "match.paragraph" in message
    assert "backtrack catastrophically" in message


@pytest.mark.parametrize("pattern", [
    r"(a+)+$", r"(a*)*b", r"(\w+\s?)+$", r"(.*a){12}", r"(\s*x\s*)+$", r"(.|\s)*x",
    r"^(\d+)*$", r"^(?:[a-z]+\d*)+!",
])
def test_exponential_patterns_are_refused_on_any_engine(pattern):
    with pytest.raises(PatternError, match="backtrack catastrophically"):
        compile_pattern(pattern)


@pytest.mark.parametrize("pattern", [r"(?=x)\s*,?\s*y", r"\bx\s*\s+y", r"(?!no)\s*a"])
def test_polynomial_traps_are_refused_where_re_must_run_them(pattern):
    with pytest.raises(PatternError, match="backtrack catastrophically"):
        compile_pattern(pattern)


def test_polynomial_shapes_are_fine_on_re2():
    assert engine_of(compile_pattern(r"^\s*,?\s*$")) == "re2"


@pytest.mark.parametrize("pattern", [
    r"(?:\s+[A-Z]\w+){0,4}", r"(a+b)+", r"^By\s+(?!The\b)\w+", r"(?:a|b)*c",
    r"(\s*,\s*\w+)+", r"^(?i:share(?: this)?)\s*:?$",
])
def test_unambiguous_repeats_are_accepted(pattern):
    compile_pattern(pattern)


@pytest.mark.parametrize(("pattern", "engine"), [
    (r"^read more$", "re2"), (r"(?i:also read)\s*[|:]", "re2"), (r"^By\s+(?!The)\w+", "re"),
    (r"(\w)\1", "re"), (r"\bword\b", "re"), (r"(?x) a b", "re"), (r"x{2000}", "re"),
])
def test_re2_runs_every_pattern_it_can(pattern, engine):
    assert engine_of(compile_pattern(pattern)) == engine


def test_scoped_flags_and_named_groups_work_on_re2():
    pattern = compile_pattern(r"^(?i:written by)\s+(?P<author>\w+(?:\s+\w+)?)$")
    assert engine_of(pattern) == "re2"
    assert pattern.search("WRITTEN BY José Núñez").group("author") == "José Núñez"
    assert set(pattern.groupindex) == {"author"}


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
    import re2

    text = assigned_code_points
    assert re2.compile(to_re2(shorthand)).sub("", text) == re.sub(shorthand, "", text)


ASSIGNED = st.characters(exclude_categories=("Cn", "Cs"))


@given(st.text(alphabet=ASSIGNED, max_size=200))
def test_translated_patterns_find_what_re_finds(text):
    for source in (r"\w+", r"\s+", r"\d+", r"[\w.'’-]+", r"(?i:read) more", r"[^\s\d]+\Z"):
        compiled = compile_pattern(source)
        assert engine_of(compiled) == "re2"
        assert [m.group(0) for m in compiled.finditer(text)] == re.findall(source, text)


def test_yaml_tags_cannot_run_code(tmp_path):
    marker = tmp_path / "ran"
    rules = write_rules(tmp_path, f"!!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(RuleError, match="cannot read rule file"):
        load_ruleset([rules], bundled=False)
    assert not marker.exists()


@pytest.mark.parametrize(("text", "key"), [
    (RULE.format(name="x", pattern="(", match="a"), "match.paragraph"),
    (RULE.replace("action: drop", "action: explode").format(name="x", pattern="a", match="a"),
     "action"),
    (RULE.replace("    action: drop\n", "").format(name="x", pattern="a", match="a"), "action"),
    (RULE.replace("action: drop", "action: drop\n    shell: rm").format(name="x", pattern="a",
                                                                         match="a"), "shell"),
])
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
        for pattern in (rule.pattern, rule.end):
            if pattern is not None:
                yield pytest.param(pattern, id=rule.id)
    for site in ruleset.sites:
        for pattern in site.signatures:
            yield pytest.param(pattern, id=f"{site.name}.signature")


@pytest.mark.parametrize("pattern", list(shipped_patterns()))
def test_no_shipped_pattern_is_slow_on_hostile_paragraphs(pattern):
    for name, text in HOSTILE_PARAGRAPHS.items():
        start = time.perf_counter()
        pattern.search(text)
        for _ in pattern.finditer(text):
            pass
        elapsed = time.perf_counter() - start
        assert elapsed < PER_PATTERN_SECONDS, f"{name}: {elapsed:.2f} s on {engine_of(pattern)}"


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_page_of_50000_a_cleans_well_within_the_time_limit(kind):
    cleaner = Cleaner(Config(detect_language=False))
    page = "a" * 50_000 if kind == "text" else f"<html><body><p>{'a' * 50_000}</p></body></html>"
    start = time.perf_counter()
    cleaner.clean(page, kind=kind)
    assert time.perf_counter() - start < Config().max_seconds / 10
