"""Rule files load into compiled rules, and every malformed file is refused with file, id and key."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import lxml.html
import pytest
import yaml
from timing import cpu_timer

from cleaner import Cleaner, Config, RuleError
from cleaner.rulebook.load import MAX_RULE_FILE_BYTES, _RuleLoader, bundled_rules_dir, load_ruleset, parse_rule_yaml
from cleaner.rulebook.steps import StepRule

GOOD_RULE = """\
  - id: {id}
    description: test rule
    match: {{paragraph: '^Paid partner$'}}
    action: drop
    examples:
      match: ['Paid partner']
      keep: ['Paid partners are listed.']
"""


def write_rules(root, body, name="generic/test.yaml"):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body))
    return path


def refusal(tmp_path, body, name="generic/test.yaml") -> str:
    write_rules(tmp_path, body, name)
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path], bundled=False)
    return str(caught.value)


def test_bundled_rules_load_with_generic_and_site_sets():
    ruleset = load_ruleset()
    assert ruleset.generic and ruleset.sites
    assert (bundled_rules_dir() / "generic").is_dir()


def test_bad_regex_names_file_rule_and_key(tmp_path):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.bad").replace("^Paid partner$", "(unclosed"))
    assert "test.yaml" in message and "rule generic.bad" in message and "'match.paragraph'" in message
    assert "bad regex" in message and "\n" not in message


def test_unknown_key_is_refused(tmp_path):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.typo") + "    acton: drop\n")
    assert "rule generic.typo" in message and "'acton'" in message and "unknown key" in message


def test_duplicate_id_is_refused(tmp_path):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.twice") * 2)
    assert "rule generic.twice" in message and "duplicate id" in message


def test_duplicate_id_across_files_is_refused(tmp_path):
    write_rules(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.twice"), "generic/a.yaml")
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.twice"), "generic/b.yaml")
    assert "duplicate id" in message and "a.yaml" in message


def test_rule_without_examples_is_refused(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.bare").split("    examples:")[0]
    assert "'examples'" in refusal(tmp_path, body)


def test_empty_example_list_is_refused(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.half").replace("keep: ['Paid partners are listed.']", "keep: []")
    assert "'examples.keep'" in refusal(tmp_path, body)


def test_id_must_carry_its_set_prefix(tmp_path):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="example.com.promo"))
    assert "start with 'generic.'" in message


def test_action_must_fit_matcher(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.wrong").replace("action: drop", "action: strip")
    assert "does not go with a paragraph matcher" in refusal(tmp_path, body)


def test_capture_needs_known_named_groups(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.cap").replace("action: drop", "action: capture")
    body = body.replace("^Paid partner$", "^By (?P<writer>.+)$")
    assert "unknown capture group 'writer'" in refusal(tmp_path, body)


def test_bad_selector_is_refused(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.sel")
    body = body.replace("{paragraph: '^Paid partner$'}", "{selector: 'div[[['}")
    assert "bad CSS selector" in refusal(tmp_path, body)


def test_broken_yaml_is_refused(tmp_path):
    assert "cannot read rule file" in refusal(tmp_path, "rules: [\n")


def test_yaml_cannot_construct_objects(tmp_path):
    message = refusal(tmp_path, "rules: !!python/object/apply:os.system ['echo hi']\n")
    assert "cannot read rule file" in message


def test_site_file_applies_by_domain_and_subdomain(tmp_path):
    write_rules(
        tmp_path,
        "site: {domains: [example.com]}\nrules:\n" + GOOD_RULE.format(id="example.com.sponsored"),
        "sites/example.com.yaml",
    )
    ruleset = load_ruleset([tmp_path], bundled=False)
    assert [s.name for s in ruleset.sites_for("news.example.com")] == ["example.com"]
    assert ruleset.sites_for("example.org", ["Sponsored"]) == []


def test_site_file_applies_by_signature_without_url(tmp_path):
    write_rules(
        tmp_path,
        "site: {signature: ['^Example Daily$']}\nrules:\n" + GOOD_RULE.format(id="example.com.x"),
        "sites/example.com.yaml",
    )
    ruleset = load_ruleset([tmp_path], bundled=False)
    assert [s.name for s in ruleset.sites_for(None, ["Body text", "Example Daily"])] == ["example.com"]


def test_extra_rules_directory_and_disabled_ids_reach_the_cleaner(tmp_path):
    write_rules(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.paid-partner"))
    text = "A first paragraph that is body text.\n\nPaid partner\n\nA second paragraph of body text."
    assert "Paid partner" not in Cleaner(Config(rule_dirs=(str(tmp_path),))).clean(text).text
    # The line model is off too: it would take the short label line out on its own.
    disabled = Config(rule_dirs=(str(tmp_path),), disabled_rules=("generic.paid-partner", "generic.line-model"))
    assert "Paid partner" in Cleaner(disabled).clean(text).text


def test_disabling_an_unknown_rule_is_refused():
    with pytest.raises(RuleError, match="no rule has this id"):
        load_ruleset(disabled=["generic.no-such-rule"])


def billion_laughs(levels: int = 9) -> str:
    """A rule whose description is nine levels of nine aliases: 10^9 strings when expanded."""
    anchors = ['&a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    anchors += [f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    rule = GOOD_RULE.format(id="generic.bomb").replace("description: test rule", f"description: [{', '.join(anchors)}]")
    return "rules:\n" + rule


def test_yaml_alias_bomb_is_refused_quickly(tmp_path):
    with cpu_timer() as timer:
        message = refusal(tmp_path, billion_laughs())
    assert timer.seconds < 5
    assert "cannot read rule file" in message and "once aliases are expanded" in message and "\n" not in message


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    assert "an alias refers to a node that contains it" in refusal(tmp_path, "rules: &loop [*loop]\n")


def test_libyaml_reads_every_bundled_rule_file_as_the_bounded_loader_does():
    for path in sorted(bundled_rules_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert parse_rule_yaml(text) == yaml.load(text, Loader=_RuleLoader), path  # noqa: S506


def test_a_few_aliases_still_load(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.shared").replace(
        "keep: ['Paid partners are listed.']", "keep: &keep ['Paid partners are listed.']"
    )
    body += GOOD_RULE.format(id="generic.reuse").replace("keep: ['Paid partners are listed.']", "keep: *keep")
    write_rules(tmp_path, body)
    assert len(load_ruleset([tmp_path], bundled=False).all_rules(steps=False)) == 2


@pytest.mark.parametrize("body", ["rules: " + "[" * 5000 + "]" * 5000, "rules: " + "{a: " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_yaml_is_a_one_line_rule_file_error(tmp_path, body):
    message = refusal(tmp_path, body + "\n")
    assert "cannot read rule file" in message and "nested more than" in message and "\n" not in message


def test_oversized_rule_file_is_refused_before_it_is_parsed(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.big") + "# " + "x" * MAX_RULE_FILE_BYTES + "\n"
    assert "over 1048576 bytes" in refusal(tmp_path, body)


def selector_rule(css: str) -> str:
    rule = GOOD_RULE.format(id="generic.sel")
    return "rules:\n" + rule.replace("{paragraph: '^Paid partner$'}", f"{{selector: '{css}'}}")


@pytest.mark.parametrize(
    "css",
    [
        "p ~ p ~ p",
        "p ~ p",
        "h2 + ul",
        "div:has(~ p)",
        "li:nth-child(2)",
        "p:last-child",
        "p:not(:last-child)",
        "div.a, li:only-child",
    ],
)
def test_selectors_with_super_linear_cost_are_refused_at_load(tmp_path, css):
    message = refusal(tmp_path, selector_rule(css))
    assert "rule generic.sel" in message and "'match.selector'" in message and "is refused" in message


@pytest.mark.parametrize("css", ["div p", "div div div", "div > p", "div:has(p)", "p:not(.x)", "div.box p.note"])
def test_selectors_allowed_at_load_run_in_linear_time(tmp_path, css):
    page = '<div class="box"><p class="note">x</p></div>'
    body = selector_rule(css).replace("match: ['Paid partner']", f"match: ['{page}']")
    body = body.replace("keep: ['Paid partners are listed.']", "keep: ['<span>x</span>']")
    write_rules(tmp_path, body)
    selector = load_ruleset([tmp_path], bundled=False).all_rules(steps=False)[0].selector
    pages = (
        "<div>" + "<p>x</p>" * 5000 + "</div>",
        "<div><div>x</div></div>" * 2500,
        "<div>" * 200 + "x" + "</div>" * 200,
    )
    for page in pages:
        tree = lxml.html.fromstring(f"<html><body>{page}</body></html>")
        with cpu_timer() as timer:
            selector(tree)
        assert timer.seconds < 1.0


def test_yml_files_load_like_yaml_files(tmp_path):
    write_rules(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.from-yml"), "generic/extra.yml")
    write_rules(tmp_path, "rules:\n" + GOOD_RULE.format(id="example.com.from-yml"), "sites/example.com.yml")
    ruleset = load_ruleset([tmp_path], bundled=False)
    assert [rule.id for rule in ruleset.all_rules(steps=False)] == ["generic.from-yml", "example.com.from-yml"]
    assert [site.name for site in ruleset.sites_for("www.example.com")] == ["example.com"]


@pytest.mark.parametrize("name", ["test.yaml", "test.yml", "site/example.com.yaml", "generic/deeper/test.yaml"])
def test_rule_files_outside_generic_and_sites_are_refused(tmp_path, name):
    write_rules(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.lost"), name)
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.found"), "generic/ok.yaml")
    assert name.split("/")[0] in message and "DIR/generic/*.yaml" in message and "DIR/sites/<domain>.yaml" in message


@pytest.mark.parametrize("body", [None, "rules: []\n"])
def test_a_rules_folder_that_yields_no_rule_is_refused_saying_where_rules_go(tmp_path, body):
    if body is not None:
        write_rules(tmp_path, body, "generic/empty.yaml")
    with pytest.raises(RuleError) as caught:
        load_ruleset([tmp_path], bundled=False)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path}: no rules found") and "DIR/generic/*.yaml" in message
    assert "DIR/sites/<domain>.yaml" in message and "\n" not in message


SELECTOR_RULE = """\
  - id: generic.dom-box
    description: test rule
    match: {selector: 'div.box'}
    action: drop
    examples:
      match: ['<div class="box">Box</div>']
      keep: ['<div class="body">Body</div>']
"""


def test_group_and_max_chars_load_onto_the_rule(tmp_path):
    write_rules(tmp_path, "rules:\n" + SELECTOR_RULE + "    group: widgets\n    max_chars: 300\n")
    (rule,) = load_ruleset([tmp_path], bundled=False).all_rules(steps=False)
    assert (rule.group, rule.max_chars) == ("widgets", 300)


@pytest.mark.parametrize("value", ["Comments", "two words", "''", "3.5"])
def test_a_group_is_a_kebab_case_name(tmp_path, value):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.grouped") + f"    group: {value}\n")
    assert "rule generic.grouped" in message and "'group'" in message


@pytest.mark.parametrize("value", ["0", "-5", "lots", "true"])
def test_max_chars_is_a_positive_count(tmp_path, value):
    message = refusal(tmp_path, "rules:\n" + SELECTOR_RULE + f"    max_chars: {value}\n")
    assert "rule generic.dom-box" in message and "'max_chars'" in message and "positive" in message


def test_max_chars_goes_with_selector_rules_only(tmp_path):
    message = refusal(tmp_path, "rules:\n" + GOOD_RULE.format(id="generic.capped") + "    max_chars: 100\n")
    assert "'max_chars'" in message and "selector" in message


def test_without_groups_disables_the_group_and_nothing_else(tmp_path):
    write_rules(tmp_path, "rules:\n" + SELECTOR_RULE + "    group: widgets\n" + GOOD_RULE.format(id="generic.other"))
    ruleset = load_ruleset([tmp_path], bundled=False, disabled=["generic.other"])
    assert ruleset.without_groups(["widgets"]).disabled == {"generic.dom-box", "generic.other"}
    assert ruleset.without_groups(["none-such"]) is ruleset


def test_the_rule_loader_needs_no_trafilatura():
    probe = (
        "import sys; sys.modules['trafilatura'] = None\n"
        "from cleaner.rulebook.check import check_ruleset\n"
        "from cleaner.rulebook.load import load_ruleset\n"
        "checks = check_ruleset(load_ruleset())\n"
        "print(len(checks), sum(check.ok for check in checks), 'cleaner.extract' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    total, ok, extract_loaded = done.stdout.split()
    assert int(total) == len(load_ruleset().all_rules()) == int(ok) and extract_loaded == "False"


def test_every_built_in_step_id_is_a_rule_of_the_set():
    from cleaner.extract import CHOOSER_RULE, EDGE_TRIM_RULE, SOURCE_TEXT_RULE
    from cleaner.header import RULES as HEADER_RULES
    from cleaner.headline import DEK_RULE, HEADLINE_RULE, KICKER_RULE
    from cleaner.linemodel import LINE_MODEL_RULE

    ids = {HEADLINE_RULE, KICKER_RULE, DEK_RULE, EDGE_TRIM_RULE, CHOOSER_RULE, SOURCE_TEXT_RULE, LINE_MODEL_RULE}
    ids |= set(HEADER_RULES)
    steps = [rule for source in load_ruleset().steps for rule in source.rules]
    assert {rule.id for rule in steps} == ids and all(isinstance(rule, StepRule) for rule in steps)


def test_a_step_is_disabled_like_any_rule():
    dump = (
        "# Library stays open on weekends\n\nThe council voted on Tuesday night to keep the library open on "
        "weekends, after a long debate about its cost."
    )
    on = Cleaner(Config(detect_language=False, input_kind="text")).clean(dump)
    off = Cleaner(Config(detect_language=False, input_kind="text", disabled_rules=("generic.markdown-title",)))
    assert "generic.markdown-title" in {r.rule for r in on.removed} and on.text.startswith("The council")
    assert off.clean(dump).text.startswith("# Library stays open")


def test_a_step_matcher_is_refused_in_a_rule_file(tmp_path):
    body = "rules:\n" + GOOD_RULE.format(id="generic.own-step").replace(
        "{paragraph: '^Paid partner$'}", "{step: headline}"
    )
    assert "unknown matcher" in refusal(tmp_path, body)
