"""Errors that reach users: each renders as one line that says what went wrong and where."""


class CleanerError(Exception):
    """Base for every error cleaner raises on purpose; `kind` groups them in run summaries."""

    kind = "error"


class InputError(CleanerError):
    """The input cannot be cleaned: empty, binary, undecodable, too large, or missing."""

    kind = "input"


class TooLargeError(InputError):
    """The input, or what it decompresses to, is over a configured size limit."""

    kind = "too-large"


class TooDeepError(InputError):
    """The markup nests too deeply to walk without exhausting the interpreter's stack."""

    kind = "too-deep"


class TimeLimitError(CleanerError):
    """Cleaning one document took longer than `Config.max_seconds`; the run goes on."""

    kind = "timeout"


class ConfigError(CleanerError, ValueError):
    """A configuration file or mapping cleaner cannot use; the message names the file and the key."""

    kind = "config"


class RuleError(CleanerError):
    """A rule file is invalid; the message names the file, the rule id and the key."""

    kind = "rules"

    def __init__(self, path: str, rule_id: str | None, key: str | None, problem: str):
        where = ", ".join(
            part for part in (path, f"rule {rule_id}" if rule_id else "", f"key {key!r}" if key else "") if part
        )
        super().__init__(f"{where}: {problem}")
        self.path, self.rule_id, self.key, self.problem = path, rule_id, key, problem

    def __reduce__(self):
        """Rebuilt from its parts, so that a worker process's error reaches the parent whole."""
        return type(self), (self.path, self.rule_id, self.key, self.problem)


class OutputPathError(CleanerError):
    """An input name or URL would write outside the output directory (or is not a name)."""

    kind = "path"
