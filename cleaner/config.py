"""Options for a Cleaner, fixed when it is built and shared by every document it cleans."""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

INPUT_KINDS = ("auto", "html", "text", "markdown")
MiB = 1024 * 1024
SWITCHES = ("bundled_rules", "detect_language", "include_comments")
LINE_MODEL_AUTO = "auto"
BYTE_LIMITS = ("max_input_bytes", "max_decompressed_bytes")
LIMITS = (*BYTE_LIMITS, "max_seconds")
# `10 MiB`, `512k`, `2G`: binary units, as the limits' defaults are written.
UNITS = {
    "": 1,
    "b": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": MiB,
    "mb": MiB,
    "mib": MiB,
    "g": 1024 * MiB,
    "gb": 1024 * MiB,
    "gib": 1024 * MiB,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*")


@dataclass(frozen=True)
class Config:
    """Everything that changes how documents are cleaned; the CLI builds one from its flags.

    Every field is checked when it is made: a wrong type is a TypeError and a wrong value a
    ValueError, each naming the field. `rule_dirs` and `disabled_rules` take one name or a list
    of them and are kept as tuples."""

    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    bundled_rules: bool = True
    input_kind: str = "auto"
    detect_language: bool = True
    include_comments: bool = False
    # The learned line model (generic.line-model) on text dumps: "auto" runs it only on dumps that
    # look like a whole page (many short lines), True on every text dump, False never
    # (cleaner/models/MODEL_CARD.md: on extracted dumps it would drop some body).
    line_model: bool | str = LINE_MODEL_AUTO
    # Limits. None turns a limit off. Over a limit, a document becomes an error.
    # 10 MiB: real article pages are well under 5 MiB (Common Crawl truncates at 1 MiB);
    # anything bigger is a data dump that would only stall extraction.
    max_input_bytes: int | None = 10 * MiB
    # 256 MiB: what one gzip stream may expand to (a gzip bomb stops here, not in memory);
    # a single gzipped document is further held to max_input_bytes.
    max_decompressed_bytes: int | None = 256 * MiB
    # 10 s per document: typical pages take 10-200 ms, a 10 MiB page a few s. Enforced in-process
    # on the main thread, and by the runner, which kills a worker stuck past it.
    max_seconds: float | None = 10.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule_dirs", _names("rule_dirs", self.rule_dirs, paths=True))
        object.__setattr__(self, "disabled_rules", _names("disabled_rules", self.disabled_rules))
        for name in SWITCHES:
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, not {getattr(self, name)!r}")
        if not isinstance(self.line_model, bool) and self.line_model != LINE_MODEL_AUTO:
            raise TypeError(f"line_model must be True, False or {LINE_MODEL_AUTO!r}, not {self.line_model!r}")
        if not isinstance(self.input_kind, str) or self.input_kind not in INPUT_KINDS:
            raise ValueError(f"input_kind must be one of {', '.join(INPUT_KINDS)}, not {self.input_kind!r}")
        for name in LIMITS:
            _check_limit(name, getattr(self, name), whole=name in BYTE_LIMITS)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], source: str = "configuration") -> Config:
        """A Config from field names and values, as a TOML file or JSON gives them: a limit may be
        0 (no limit) and a byte limit a size such as "20 MiB". Any problem is one ConfigError
        naming `source` and the key."""
        if not isinstance(values, Mapping):
            raise ConfigError(f"{source}: expected a table of Config fields, not {type(values).__name__}")
        known = [field.name for field in fields(cls)]
        for key in values:
            if key not in known:
                raise ConfigError(
                    f"{source}: unknown key {key!r}{did_you_mean(str(key), known)}; keys are {', '.join(known)}"
                )
        try:
            return cls(**{key: _from_file_value(key, value) for key, value in values.items()})
        except (TypeError, ValueError) as err:
            raise ConfigError(f"{source}: {err}") from None

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Config:
        """A Config from a TOML file of field names; relative `rule_dirs` are read from the file's folder."""
        path = Path(path)
        try:
            with open(path, "rb") as stream:
                values = tomllib.load(stream)
        except OSError as err:
            raise ConfigError(f"{path}: cannot read the configuration file: {err.strerror or err}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise ConfigError(f"{path}: not valid TOML: {err}") from None
        if isinstance(values.get("rule_dirs"), str | list):
            dirs = [values["rule_dirs"]] if isinstance(values["rule_dirs"], str) else values["rule_dirs"]
            values["rule_dirs"] = [str(path.parent / d) if isinstance(d, str) else d for d in dirs]
        return cls.from_mapping(values, str(path))


def _names(name: str, value: Any, paths: bool = False) -> tuple[str, ...]:
    """One name (a str, or a Path for a directory) or an iterable of them, as a tuple of str."""
    single = (str, os.PathLike) if paths else (str,)
    if isinstance(value, single):
        value = (value,)
    if isinstance(value, bytes | Mapping) or not isinstance(value, Iterable):
        raise TypeError(f"{name} must be a {'path' if paths else 'str'} or a list of them, not {value!r}")
    items = tuple(value)
    for item in items:
        if not isinstance(item, single):
            raise TypeError(f"{name} must hold only {'paths' if paths else 'strings'}, not {item!r}")
        if not str(os.fspath(item)).strip():
            raise ValueError(f"{name} holds an empty name")
    return tuple(str(os.fspath(item)) for item in items)


def _check_limit(name: str, value: Any, whole: bool) -> None:
    """A limit is None (off) or a positive number: a whole number of bytes, finite seconds."""
    if value is None:
        return
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        wanted = "a whole number of bytes" if whole else "a number of seconds"
        raise TypeError(f"{name} must be {wanted} or None, not {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be positive or None, not {value!r}")


def _from_file_value(key: str, value: Any) -> Any:
    """What a file writes for a limit, as Config takes it: 0 is no limit, sizes may carry a unit."""
    if key in BYTE_LIMITS and isinstance(value, str):
        value = parse_size(value, key)
    return None if key in LIMITS and value == 0 and not isinstance(value, bool) else value


def parse_size(text: str, name: str = "size") -> int:
    """`20 MiB`, `512k`, `1048576` as bytes (units are powers of 1024); ValueError otherwise."""
    found = _SIZE.fullmatch(text)
    unit = found.group(2).lower() if found else ""
    if not found or unit not in UNITS:
        raise ValueError(f"{name} must be a number of bytes, optionally with a unit (KiB, MiB, GiB), not {text!r}")
    return int(float(found.group(1)) * UNITS[unit])


def did_you_mean(name: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """` (did you mean 'title'?)` when `name` looks like a misspelling of one of `choices`."""
    close = difflib.get_close_matches(name, sorted(choices), n=3, cutoff=cutoff)
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
