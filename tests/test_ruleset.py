"""Rule files load into compiled rules, and every malformed file is refused with file, id and key."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, Config, RuleError
from cleaner.ruleset import bundled_rules_dir, load_ruleset

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
    write_rules(tmp_path, "site: {domains: [example.com]}\nrules:\n" + GOOD_RULE.format(id="example.com.sponsored"),
                "sites/example.com.yaml")
    ruleset = load_ruleset([tmp_path], bundled=False)
    assert [s.name for s in ruleset.sites_for("news.example.com")] == ["example.com"]
    assert ruleset.sites_for("example.org", ["Sponsored"]) == []


def test_site_file_applies_by_signature_without_url(tmp_path):
    write_rules(tmp_path, "site: {signature: ['^Example Daily$']}\nrules:\n" + GOOD_RULE.format(id="example.com.x"),
                "sites/example.com.yaml")
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
