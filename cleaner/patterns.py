"""Rule regexes that cannot hang: a lint refuses backtracking traps, RE2 runs what it can.

RE2 matches in time linear in the text. It lacks lookarounds, backreferences, atomic
groups and Unicode word boundaries, so a pattern that needs one of those runs on Python's
`re` instead, held to a stricter lint (no polynomial backtracking either) and interrupted
by the per-document time limit. Shorthand classes are translated so that `\\w`, `\\d` and
`\\s` mean on RE2 what they mean on `re` (Unicode, not ASCII).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any, Protocol

import re2

MAX_PATTERN_CHARS = 4000
WIDE_REPEAT = 32  # a repeat allowed more than this many times backtracks like `*`
_SAMPLE = "".join(map(chr, range(0x250))) + (
    "\u0391\u03b1\u0410\u0430\u05d0\u0627\u0663\u0966\u1680\u2003\u200b\u2013\u2014\u2019"
    "\u201d\u2022\u2026\u2028\u202f\u3000\u4e00\u3042\uff1a\U0001f600\u0301"
)
_ALL = frozenset(_SAMPLE)
_CATEGORIES = {name: frozenset(c for c in _SAMPLE if re.match(rx, c)) for name, rx in (
    (sre.CATEGORY_DIGIT, r"\d"), (sre.CATEGORY_NOT_DIGIT, r"\D"), (sre.CATEGORY_SPACE, r"\s"),
    (sre.CATEGORY_NOT_SPACE, r"\S"), (sre.CATEGORY_WORD, r"\w"), (sre.CATEGORY_NOT_WORD, r"\W"))}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_NEEDS_RE = {sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS, sre.ATOMIC_GROUP,
             sre.POSSESSIVE_REPEAT}
_RE_ONLY_FLAGS = re.VERBOSE | re.ASCII | re.LOCALE
# Python's Unicode shorthand classes, spelled for RE2 (whose own are ASCII-only).
_RE2_CLASS = {
    "d": r"\p{Nd}",
    "w": r"\p{L}\p{N}_",
    "s": r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}"
         r"\x{202f}\x{205f}\x{3000}",
}


class Pattern(Protocol):
    """What the rules need from a compiled pattern; `re.Pattern` and RE2's both provide it."""

    pattern: str
    groupindex: Mapping[str, int]

    def search(self, text: str) -> Any: ...
    def finditer(self, text: str) -> Iterator[Any]: ...
    def sub(self, repl: str, text: str) -> str: ...


class PatternError(ValueError):
    """A pattern that does not compile or that the lint refuses; the message says why."""


def re2_options() -> re2.Options:
    """RE2 options for every pattern and set here: a pattern RE2 refuses is ours to report."""
    options = re2.Options()
    options.log_errors = False
    return options


def compile_pattern(pattern: str) -> Pattern:
    """Lint the pattern, then compile it on RE2 when it can, else on `re`."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise PatternError(f"pattern is {len(pattern)} characters, over {MAX_PATTERN_CHARS}")
    try:
        parsed = sre_parse.parse(pattern)
    except re.error as err:
        raise PatternError(f"bad regex: {err}") from None
    needs_re = _needs_re(parsed)
    problem = lint(parsed, strict=needs_re)
    if problem:
        raise PatternError(f"regex can backtrack catastrophically: {problem}")
    translated = None if needs_re else to_re2(pattern)
    if translated is not None:
        try:
            return re2.compile(translated, re2_options())
        except re2.error:
            pass  # RE2 refuses some valid patterns (e.g. repeats over 1000): fall back to re
    return re.compile(pattern)


def engine_of(pattern: Pattern) -> str:
    """'re2' or 're': which engine a compiled rule pattern runs on."""
    return "re" if isinstance(pattern, re.Pattern) else "re2"


def lint(parsed: sre_parse.SubPattern, strict: bool) -> str | None:
    """Why a parsed pattern can backtrack catastrophically, or None.

    Always refused: a repeated group whose iterations can split the same text in many ways
    (nested repeats like `(a+)+`, or `(\\s*x\\s*)+`), which is exponential. With `strict`
    (patterns bound for `re`), polynomial traps too: two repeats over overlapping characters
    with only optional items between them (`\\s*,?\\s*`), or an unanchored pattern that
    starts with one (every start position rescans the run).
    """
    checker = _Lint(strict)
    icase = bool(parsed.state.flags & re.IGNORECASE)
    checker.sequence(parsed.data, icase, repeated=False)
    unanchored_start = not _anchored(parsed.data) and _leading(parsed.data, icase)
    if not checker.problem and strict and unanchored_start:
        checker.problem = "an unanchored pattern starts with an open-ended repeat"
    return checker.problem


def to_re2(pattern: str) -> str | None:
    """The pattern in RE2 syntax with Python's meaning, or None if it cannot be said in RE2."""
    out, index, class_start = [], 0, None
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            piece, index = _escape(pattern, index, class_start is not None)
            if piece is None:
                return None
            out.append(piece)
            continue
        if class_start is None and char == "[":
            class_start = index + 1 + (pattern[index + 1:index + 2] == "^")
        elif class_start is not None and char == "]" and index > class_start:
            class_start = None
        elif class_start is None and pattern.startswith("{,", index):
            return None  # Python reads {,n} as a repeat, RE2 as text
        out.append(char)
        index += 1
    return "".join(out)


def _escape(pattern: str, index: int, in_class: bool) -> tuple[str | None, int]:
    """One backslash escape translated for RE2, and the index after it."""
    letter = pattern[index + 1:index + 2]
    if letter.lower() in _RE2_CLASS:
        body = _RE2_CLASS[letter.lower()]
        if letter.islower():
            return (body if in_class else f"[{body}]"), index + 2
        return (None if in_class else f"[^{body}]"), index + 2
    if letter in ("u", "U"):
        width = 4 if letter == "u" else 8
        digits = pattern[index + 2:index + 2 + width]
        return f"\\x{{{digits}}}", index + 2 + width
    if letter == "Z":
        return r"\z", index + 2
    if letter in "bBN" or letter.isdigit():
        return None, index + 2  # word boundaries (ASCII in RE2), names, backrefs, octal
    return pattern[index:index + 2], index + 2


def _needs_re(parsed: sre_parse.SubPattern) -> bool:
    """True when the pattern uses something RE2 lacks or reads differently."""
    if parsed.state.flags & _RE_ONLY_FLAGS:
        return True
    for op, av in _walk(parsed.data):
        if op in _NEEDS_RE or (op is sre.AT and av in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY)):
            return True
        if op is sre.SUBPATTERN and (av[1] | av[2]) & _RE_ONLY_FLAGS:
            return True
    return False


def _walk(items: list) -> Iterator[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        for child in _children(op, av):
            yield from _walk(child)


def _children(op: Any, av: Any) -> list[list]:
    """The sub-sequences of one parsed item."""
    if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
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


class _Lint:
    """Walks a parsed pattern and keeps the first backtracking trap it finds."""

    def __init__(self, strict: bool):
        self.strict, self.problem = strict, None

    def sequence(self, items: list, icase: bool, repeated: bool) -> None:
        for index, (op, av) in enumerate(items):
            self.item(op, av, icase, repeated)
            if self.problem is None and (repeated or self.strict):
                self.adjacent(items, index, icase, repeated)

    def item(self, op: Any, av: Any, icase: bool, repeated: bool) -> None:
        if op is sre.SUBPATTERN:
            icase = (icase or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
        if op in _REPEATS and av[1] > 1:
            self.repeat(av[2].data, icase)
            repeated = True
        for child in _children(op, av):
            self.sequence(child, icase, repeated and op not in (sre.ASSERT, sre.ASSERT_NOT))

    def repeat(self, body: list, icase: bool) -> None:
        """A repeated body must not let its iterations share out the same text."""
        for chars in _inner_wide(body, icase):
            if not _guarded(body, chars, icase):
                self.problem = self.problem or (
                    f"a repeat over {_show(chars)} sits inside another repeat with nothing "
                    "required between iterations to tell them apart (like (a+)+)")
        for op, av in _walk(body):
            singles = [_chars_of(alt.data, icase) for alt in av[1] if alt.getwidth() == (1, 1)] \
                if op is sre.BRANCH else []
            if any(not a.isdisjoint(b) for i, a in enumerate(singles) for b in singles[i + 1:]):
                self.problem = self.problem or (
                    "a repeated alternation has two one-character branches that match the "
                    "same character (like (a|a)* or (.|\\s)*)")
        for tail in _trailing(body, icase):
            if any(not tail.isdisjoint(head) for head in _leading(body, icase)):
                self.problem = self.problem or (
                    f"a repeated group both ends and starts with a repeat over {_show(tail)}, "
                    "so iterations can split the same text many ways (like (\\s*x\\s*)+)")

    def adjacent(self, items: list, index: int, icase: bool, repeated: bool) -> None:
        """Two open-ended repeats over shared characters with only optional items between."""
        tails = _trailing(items[index:index + 1], icase)
        for op, av in items[index + 1:] if tails else ():
            for head in _leading([(op, av)], icase):
                shared = [tail for tail in tails if not tail.isdisjoint(head)]
                if shared:
                    where = "inside a repeat, " if repeated else ""
                    self.problem = (f"{where}two repeats over {_show(shared[0] & head)} follow "
                                    "each other with only optional items between (like \\s*,?\\s*)")
                    return
            if not _nullable(op, av):
                return


def _anchored(items: list) -> bool:
    return bool(items) and items[0][0] is sre.AT and items[0][1] in (
        sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)


def _wide(av: Any) -> bool:
    return av[1] == sre.MAXREPEAT or av[1] > WIDE_REPEAT


def _leading(items: list, icase: bool, reverse: bool = False) -> list[frozenset[str]]:
    """Character sets of open-ended repeats that can match first, before anything required."""
    found: list[frozenset[str]] = []
    for op, av in reversed(items) if reverse else items:
        if op in _REPEATS and _wide(av):
            found.append(_chars_of(av[2].data, icase))
        elif op in _REPEATS or op in (sre.SUBPATTERN, sre.BRANCH, sre.GROUPREF_EXISTS):
            for child in _children(op, av):
                found += _leading(child, icase, reverse)
        if not _nullable(op, av):
            break
    return found


def _trailing(items: list, icase: bool) -> list[frozenset[str]]:
    """Character sets of open-ended repeats that can match last, after anything required."""
    return _leading(items, icase, reverse=True)


def _inner_wide(items: list, icase: bool) -> Iterator[frozenset[str]]:
    """Every open-ended repeat anywhere inside a sequence (lookarounds excluded)."""
    for op, av in items:
        if op in _REPEATS and _wide(av):
            yield _chars_of(av[2].data, icase)
        if op not in (sre.ASSERT, sre.ASSERT_NOT):
            for child in _children(op, av):
                yield from _inner_wide(child, icase)


def _guarded(items: list, chars: frozenset[str], icase: bool) -> bool:
    """True when every match of the sequence must consume a character outside `chars`."""
    for op, av in items:
        if _nullable(op, av):
            continue
        if op is sre.BRANCH:
            found = all(_guarded(alt.data, chars, icase) for alt in av[1])
        elif op in _REPEATS or op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
            found = _guarded(_children(op, av)[0], chars, icase)
        else:
            found = _chars(op, av, icase).isdisjoint(chars)
        if found:
            return True
    return False


def _nullable(op: Any, av: Any) -> bool:
    """True when the item can match the empty string."""
    if op in _ZERO_WIDTH or op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
        return True
    if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
        return av[0] == 0 or all(_nullable(*item) for item in av[2].data)
    if op is sre.BRANCH:
        return any(all(_nullable(*item) for item in alt.data) for alt in av[1])
    if op in (sre.SUBPATTERN, sre.ATOMIC_GROUP):
        return all(_nullable(*item) for item in _children(op, av)[0])
    return False


def _chars_of(items: list, icase: bool) -> frozenset[str]:
    found: set[str] = set()
    for op, av in items:
        found |= _chars(op, av, icase)
    return frozenset(found)


def _chars(op: Any, av: Any, icase: bool) -> frozenset[str]:
    """The sample characters an item can consume (an over-estimate is safe)."""
    if op is sre.LITERAL:
        return _cased(frozenset(chr(av)), icase)
    if op is sre.NOT_LITERAL:
        return _ALL - _cased(frozenset(chr(av)), icase)
    if op is sre.ANY:
        return _ALL
    if op is sre.IN:
        return _in_chars(av, icase)
    if op in _ZERO_WIDTH:
        return frozenset()
    if op is sre.GROUPREF:
        return _ALL
    return frozenset(c for child in _children(op, av) for c in _chars_of(child, icase))


def _in_chars(items: list, icase: bool) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            chars.update(c for c in _SAMPLE if av[0] <= ord(c) <= av[1])
        elif op is sre.CATEGORY:
            chars |= _CATEGORIES.get(av, _ALL)
    found = _cased(frozenset(chars), icase)
    return _ALL - found if negate else found


def _cased(chars: frozenset[str], icase: bool) -> frozenset[str]:
    if not icase:
        return chars
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars if len(c.upper()) == 1}


def _show(chars: frozenset[str]) -> str:
    """A short, readable sample of a character set for error messages."""
    sample = sorted(chars)[:6]
    return "[" + "".join(repr(c)[1:-1] for c in sample) + ("…" if len(chars) > 6 else "") + "]"
