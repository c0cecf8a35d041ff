"""Rule regexes that cannot hang: every pattern runs on RE2, which matches in linear time.

RE2 never backtracks, so no pattern and no text can make a match take time exponential or
polynomial in the text's length. It lacks lookarounds, backreferences, conditional and atomic
groups, possessive repeats and a Unicode word boundary (its `\\b` is ASCII-only); a pattern
using one is refused with a message naming the feature, not run on a backtracking engine.
Python's syntax is translated so that patterns mean on RE2 what they mean on `re`: `\\w`,
`\\d` and `\\s` are Unicode classes, `\\Z` is the end of the text, `{,n}` is a repeat. A rule
that needs an exclusion a lookahead would express states it with a second pattern (`unless`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any, Protocol

import re2

from .compat.sre import opcodes as sre
from .compat.sre import parser as sre_parse

MAX_PATTERN_CHARS = 4000
# Patterns a process keeps compiled (and analysed for the prefilter) by their text: every Cleaner
# it builds (a test's, each Spark partition's in a reused worker, the CLI's after it has checked the
# rules in the same process) reads the same rules, and RE2's own cache holds only the last 128. The
# shipped rules hold about 230; room for a few rule directories more.
PATTERN_CACHE = 1024
# RE2 runs in time linear in the text times the compiled program's size; capping the program
# bounds the cost per character (the largest shipped pattern compiles to about 83,000).
MAX_PROGRAM_SIZE = 100_000
MAX_REPEAT = 1000  # RE2's own limit on a counted repeat such as {1,2000}
# Positions that counted repeats add when written out, one per character or class: the threads
# RE2 may have to follow at once. (?:a|aa){1,1000} adds about 3,000 and takes seconds per 100,000
# characters. A long alternation of literal labels adds nothing: the program-size cap bounds it.
MAX_EXPANDED = 1500
# The memory of one RE2 set: its program, and the cache of the DFA states it builds as it reads
# paragraphs. With the patterns as written, the states followed each paragraph's own path (see
# `widened`): RE2 built about 0.3 ms of them for every new paragraph whatever the cache's size,
# and only text read before (a benchmark's second pass) got faster with 512 MB. Widened, the
# patterns in one set still built 20-35 us of states for each new paragraph and filled 128 MB
# every ~100,000 paragraphs; the prefilter now holds each branch's core (rulebook/cores.py), in
# two sets, and over 250,000 distinct benchmark lines reads one in 5 us on average (2 us once read).
# The cap is headroom for more varied text; RE2 only takes what the states need.
SET_MAX_MEM = 128 << 20
_FLAGS = {re.VERBOSE: "verbose mode (?x)", re.ASCII: "ASCII mode (?a)", re.LOCALE: "locale mode (?L)"}
_LACKS = {
    sre.GROUPREF: "backreferences (\\1, (?P=name))",
    sre.GROUPREF_EXISTS: "conditional groups (?(1)...)",
    sre.ATOMIC_GROUP: "atomic groups (?>...)",
    sre.POSSESSIVE_REPEAT: "possessive repeats (*+, ++, ?+)",
}
_WORD_BOUNDARY = (
    "word boundaries \\b and \\B (RE2's are ASCII-only and would miss words in other "
    "scripts; write the edge out, e.g. (?:[^\\w]|$) after a word)"
)
# Python's Unicode shorthand classes, spelled for RE2 (whose own are ASCII-only).
_RE2_CLASS = {
    "d": r"\p{Nd}",
    "w": r"\p{L}\p{N}_",
    "s": r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
    r"\x{202f}\x{205f}\x{3000}",
}
# Parsed items that hold no others: most of a pattern (each literal character is one).
_LEAVES = frozenset({sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.AT, sre.CATEGORY})
_REPEAT_COUNT = re.compile(r"\{,(\d*)\}")
# Counted repeats a prefilter set opens up (`widened`): x{m,n} with n at least this, and x{m,}.
WIDEN_REPEATS = 10
_COUNTED_REPEAT = re.compile(r"\{(?P<least>\d+)(?P<comma>,?)(?P<most>\d*)\}")
_BRACED_ESCAPES = ("x{", "p{", "P{")
# A run of characters that opens no escape, class or repeat: `widened` and `to_re2` copy it as it is.
_PLAIN_RUN = re.compile(r"[^\\{\[\]]+")


class Pattern(Protocol):
    """What the rules need from a compiled pattern: RE2's compiled patterns provide it."""

    pattern: str
    groupindex: Mapping[str, int]

    def search(self, text: str) -> Any: ...
    def finditer(self, text: str) -> Iterator[Any]: ...
    def sub(self, repl: str, text: str) -> str: ...


class PatternError(ValueError):
    """A pattern that does not compile or that RE2 cannot run; the message says why."""


class Guarded:
    """A pattern that finds nothing in a text where its `unless` pattern is found.

    It stands in for a negative lookahead, which RE2 lacks: the rule leaves such a paragraph alone.
    """

    def __init__(self, main: Pattern, unless: Pattern):
        self.main, self.unless = main, unless
        self.pattern, self.groupindex = main.pattern, main.groupindex

    def search(self, text: str) -> Any:
        return None if self.unless.search(text) else self.main.search(text)

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(()) if self.unless.search(text) else self.main.finditer(text)

    def sub(self, repl: str, text: str) -> str:
        return text if self.unless.search(text) else self.main.sub(repl, text)


def widened(pattern: str) -> str:
    """The RE2 pattern with every counted repeat of WIDEN_REPEATS or more made open (`x{0,90}` -> `x*`,
    `x{2,400}` -> `x+`): it matches wherever the pattern does, and more.

    A prefilter set only has to say where a rule cannot match. Its DFA's states are sets of
    positions in the patterns, and counted repeats at the start of anchored patterns make each
    state also say how far into the text it is, so nearly every paragraph builds states of its
    own: RE2 spent about 0.3 ms a paragraph building them, and a larger cache only helps text it
    has read before. Open repeats keep the states few and shared.
    """
    out: list[str] = []
    at, in_class = 0, False
    while at < len(pattern):
        plain = _PLAIN_RUN.match(pattern, at)
        if plain:
            out.append(plain.group())
            at = plain.end()
            continue
        char = pattern[at]
        if char == "\\":  # an escape, whole: \x{2028}, \p{L}, \n
            end = pattern.index("}", at) + 1 if pattern[at + 1 : at + 3] in _BRACED_ESCAPES else at + 2
            out.append(pattern[at:end])
            at = end
            continue
        count = _COUNTED_REPEAT.match(pattern, at) if char == "{" and not in_class else None
        if count and (not count["comma"] or (count["most"] and int(count["most"]) < WIDEN_REPEATS)):
            count = None  # an exact count ({4}) or a short range stays
        if count:
            out.append("*" if int(count["least"]) == 0 else "+")
            at = count.end()
            continue
        if char == "[" and not in_class:
            in_class = True
            end = at + 1 + (pattern[at + 1 : at + 2] == "^")
            end += pattern[end : end + 1] == "]"  # a leading ']' is a member, not the end
            out.append(pattern[at:end])
            at = end
            continue
        in_class = in_class and char != "]"
        out.append(char)
        at += 1
    return "".join(out)


def re2_options(max_mem: int = 8 << 20) -> re2.Options:
    """RE2 options for every pattern and set here: a pattern RE2 refuses is ours to report.

    A set holds every rule's pattern in one program, so it is given more than RE2's default 8 MB.
    """
    options = re2.Options()
    options.log_errors = False
    options.max_mem = max_mem
    return options


@lru_cache(maxsize=PATTERN_CACHE)
def compile_pattern(pattern: str) -> Pattern:
    """Check the pattern uses only what RE2 has, then compile it on RE2 with Python's meaning.

    Kept by its text (`PATTERN_CACHE`): the result depends on nothing else, and a compiled pattern
    is never changed, so rules loaded twice share it. A refused pattern raises every time."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"pattern is {len(pattern)} characters, over {MAX_PATTERN_CHARS}")
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as err:
        raise PatternError(f"bad regex: {err}") from None
    lacking = missing_feature(parsed)
    if lacking:
        raise PatternError(f"RE2 lacks {lacking}; rule patterns run on RE2 so that they cannot backtrack")
    written_out, own = expanded_sizes(parsed.data)
    expanded = written_out - own
    if expanded > MAX_EXPANDED:
        raise PatternError(
            f"its counted repeats written out add {expanded} positions to the pattern, "
            f"over {MAX_EXPANDED}: use fewer or smaller counted repeats"
        )
    try:
        compiled = re2.compile(to_re2(pattern), re2_options())
    except re2.error as err:
        raise PatternError(f"RE2 cannot compile it: {_re2_message(err)}") from None
    if compiled.programsize > MAX_PROGRAM_SIZE:
        raise PatternError(
            f"pattern compiles to {compiled.programsize} RE2 instructions, over "
            f"{MAX_PROGRAM_SIZE}: use fewer or smaller counted repeats"
        )
    if compiled.groups != parsed.state.groups - 1 or dict(compiled.groupindex) != parsed.state.groupdict:
        raise PatternError("RE2 reads the groups of this pattern differently from Python")
    return compiled


def guard(main: Pattern, unless: Pattern | None) -> Pattern:
    """The pattern, finding nothing where `unless` is found (when there is an `unless`)."""
    return main if unless is None else Guarded(main, unless)


def missing_feature(parsed: sre_parse.SubPattern) -> str | None:
    """The first feature the parsed pattern uses that RE2 lacks, named for a message; or None."""
    for flag, name in _FLAGS.items():
        if parsed.state.flags & flag:
            return name
    for op, av in _walk(parsed.data):
        if op in _LACKS:
            return _LACKS[op]
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            return ("lookbehind (?<=...), (?<!...)" if av[0] < 0 else "lookahead (?=...), (?!...)") + (
                " (state an exclusion as the rule's 'unless' pattern)"
            )
        if op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            return _WORD_BOUNDARY
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] != sre.MAXREPEAT and av[1] > MAX_REPEAT:
            return f"counted repeats over {MAX_REPEAT} ({{{av[0]},{av[1]}}})"
        if op is sre.SUBPATTERN:
            for flag, name in _FLAGS.items():
                if (av[1] | av[2]) & flag:
                    return name
    return None


def expanded_sizes(items: list) -> tuple[int, int]:
    """Positions in the pattern with counted repeats written out (an open repeat counts once),
    and with every repeat counted once (the pattern's own positions): both in one walk."""
    written_out = own = 0
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            times = max(av[0] if av[1] == sre.MAXREPEAT else av[1], 1)
            inner_written_out, inner_own = expanded_sizes(av[2].data)
            written_out, own = written_out + times * inner_written_out, own + inner_own
        elif op is sre.BRANCH or op is sre.SUBPATTERN:
            for inner in av[1] if op is sre.BRANCH else (av[3],):
                inner_written_out, inner_own = expanded_sizes(inner.data)
                written_out, own = written_out + inner_written_out, own + inner_own
        elif op is not sre.AT:
            written_out, own = written_out + 1, own + 1
    return written_out, own


def to_re2(pattern: str) -> str:
    """The pattern in RE2 syntax with Python's meaning; PatternError if it cannot be said in RE2."""
    out, index, class_start = [], 0, None
    while index < len(pattern):
        plain = _PLAIN_RUN.match(pattern, index)
        if plain:
            out.append(plain.group())
            index = plain.end()
            continue
        char = pattern[index]
        if char == "\\":
            piece, index = _escape(pattern, index, class_start is not None)
            out.append(piece)
            continue
        if class_start is None and char == "[":
            class_start = index + 1 + (pattern[index + 1 : index + 2] == "^")
        elif class_start is not None and char == "]" and index > class_start:
            class_start = None
        elif class_start is not None and char == "[":
            char = r"\["  # Python reads '[' in a class as itself, RE2 as a POSIX class like [:alpha:]
        elif class_start is None and char == "{":
            repeat = _REPEAT_COUNT.match(pattern, index)
            if repeat:  # Python reads {,n} as a repeat, RE2 as text
                out.append(f"{{0,{repeat.group(1)}}}")
                index = repeat.end()
                continue
        out.append(char)
        index += 1
    return "".join(out)


def _escape(pattern: str, index: int, in_class: bool) -> tuple[str, int]:
    """One backslash escape translated for RE2, and the index after it."""
    letter = pattern[index + 1 : index + 2]
    if letter.lower() in _RE2_CLASS:
        body = _RE2_CLASS[letter.lower()]
        if letter.islower():
            return (body if in_class else f"[{body}]"), index + 2
        if in_class:
            raise PatternError(f"RE2 cannot say \\{letter} inside [...] with Python's meaning; write the class out")
        return f"[^{body}]", index + 2
    if letter in ("u", "U"):
        width = 4 if letter == "u" else 8
        digits = pattern[index + 2 : index + 2 + width]
        return f"\\x{{{digits}}}", index + 2 + width
    if letter == "N":
        end = pattern.index("}", index)
        return f"\\x{{{ord(unicodedata.lookup(pattern[index + 3 : end])):x}}}", end + 1
    if letter == "Z":
        return r"\z", index + 2
    if letter.isdigit():
        raise PatternError("RE2 lacks octal escapes and backreferences; write a character as \\x{..}")
    return pattern[index : index + 2], index + 2


def _re2_message(err: Exception) -> str:
    """RE2's error text, decoded, with its limits said in words."""
    text = err.args[0].decode() if err.args and isinstance(err.args[0], bytes) else str(err)
    if "repetition size" in text:
        text += f" (a counted repeat goes up to {MAX_REPEAT}, and repeats nested in one multiply)"
    elif "too large" in text:
        text += " (use fewer or smaller counted repeats)"
    return text


def _walk(items: list, found: list[tuple[Any, Any]] | None = None) -> list[tuple[Any, Any]]:
    """Every parsed item, each before the items inside it: a list, not nested generators, which
    pass every item up through one frame per level of nesting."""
    found = [] if found is None else found
    for op, av in items:
        found.append((op, av))
        if op not in _LEAVES:
            for child in _children(op, av):
                _walk(child, found)
    return found


def _children(op: Any, av: Any) -> list[list]:
    """The sub-sequences of one parsed item."""
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [av[2].data]
    if op is sre.SUBPATTERN:
        return [av[3].data]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1].data]
    if op is sre.ATOMIC_GROUP:
        return [av.data]
    if op is sre.BRANCH:
        return [alt.data for alt in av[1]]
    if op is sre.GROUPREF_EXISTS:
        return [branch.data for branch in av[1:] if branch is not None]
    return []
