"""Config: every field checked when it is made, and built from a mapping or a TOML file."""

from pathlib import Path

import pytest

from cleaner import Cleaner, Config, ConfigError

MiB = 1024 * 1024


@pytest.mark.parametrize("value", ["my-rules", Path("my-rules")])
def test_one_rules_directory_is_one_directory_not_its_letters(value):
    assert Config(rule_dirs=value).rule_dirs == ("my-rules",)


def test_lists_of_rule_dirs_and_disabled_rules_become_tuples():
    config = Config(rule_dirs=["a", Path("b")], disabled_rules=["generic.share-label"])
    assert config.rule_dirs == ("a", "b") and config.disabled_rules == ("generic.share-label",)


def test_one_disabled_rule_may_be_given_as_a_string():
    assert Config(disabled_rules="generic.share-label").disabled_rules == ("generic.share-label",)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("detect_language", 1),
        ("include_comments", "yes"),
        ("line_model", None),
        ("line_model", "on"),
        ("line_model", 1),
        ("bundled_rules", 0),
        ("max_input_bytes", 1.5),
        ("max_input_bytes", "10"),
        ("max_input_bytes", True),
        ("max_decompressed_bytes", 2.0),
        ("max_seconds", "10"),
        ("max_seconds", False),
        ("rule_dirs", b"rules"),
        ("rule_dirs", 3),
        ("disabled_rules", [1]),
        ("disabled_rules", {"a": 1}),
    ],
)
def test_a_value_of_the_wrong_type_is_a_type_error_naming_the_field(field, value):
    with pytest.raises(TypeError, match=field):
        Config(**{field: value})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_seconds", -1),
        ("max_seconds", float("nan")),
        ("max_seconds", float("inf")),
        ("max_input_bytes", -5),
        ("input_kind", "pdf"),
        ("rule_dirs", [""]),
        ("disabled_rules", ["  "]),
    ],
)
def test_a_value_out_of_range_is_a_value_error_naming_the_field(field, value):
    with pytest.raises(ValueError, match=field):
        Config(**{field: value})


def test_clean_refuses_a_kind_it_does_not_know_and_names_the_kinds():
    with pytest.raises(ValueError, match="auto, html, text"):
        Cleaner(Config(detect_language=False)).clean("Some text.", kind="pdf")


def test_a_cleaner_is_built_from_a_config_only():
    with pytest.raises(TypeError, match="cleaner.Config"):
        Cleaner({"line_model": True})


def test_from_mapping_reads_limits_as_a_file_writes_them():
    config = Config.from_mapping({"max_seconds": 0, "max_input_bytes": "20 MiB", "max_decompressed_bytes": "1G"})
    assert config.max_seconds is None
    assert config.max_input_bytes == 20 * MiB and config.max_decompressed_bytes == 1024 * MiB


def test_from_mapping_refuses_an_unknown_key_naming_it_and_the_source():
    with pytest.raises(ConfigError, match=r"^settings.toml: unknown key 'line_modle' \(did you mean 'line_model'\?\)"):
        Config.from_mapping({"line_modle": True}, "settings.toml")


def test_from_mapping_turns_a_bad_value_into_one_config_error():
    with pytest.raises(ConfigError, match="^x.toml: detect_language must be True or False"):
        Config.from_mapping({"detect_language": "no"}, "x.toml")


def test_from_file_reads_toml_with_rule_dirs_relative_to_the_file(tmp_path):
    (tmp_path / "cleaner.toml").write_text(
        'rule_dirs = ["site-rules", "/abs/rules"]\ndisabled_rules = ["generic.share-label"]\n'
        'line_model = true\nmax_input_bytes = "2 MiB"\n',
        encoding="utf-8",
    )
    config = Config.from_file(tmp_path / "cleaner.toml")
    assert config.rule_dirs == (str(tmp_path / "site-rules"), "/abs/rules")
    assert config.disabled_rules == ("generic.share-label",) and config.line_model
    assert config.max_input_bytes == 2 * MiB and config.max_seconds == Config().max_seconds


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("max_seconds = [", "not valid TOML"),
        ("[tool]\nline_model = true\n", "unknown key 'tool'"),
        ('max_input_bytes = "ten"\n', "max_input_bytes must be a number of bytes"),
    ],
)
def test_from_file_problems_are_one_line_naming_the_file(tmp_path, text, problem):
    path = tmp_path / "cleaner.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Config.from_file(path)
    assert str(info.value).startswith(f"{path}: ") and problem in str(info.value) and "\n" not in str(info.value)


def test_from_file_on_a_missing_file_names_it(tmp_path):
    with pytest.raises(ConfigError, match="nothing.toml: cannot read"):
        Config.from_file(tmp_path / "nothing.toml")
