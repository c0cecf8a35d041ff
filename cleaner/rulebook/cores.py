"""What a prefilter set holds for a rule's pattern: its branches, each cut down to a core that
matches wherever the branch does and keeps an RE2 set's DFA small on text it has not read.

An RE2 set reads a paragraph with one DFA built lazily from every pattern it holds: each new
combination of the patterns' positions is a state built as text first reaches it. A branch
anchored at the paragraph's start dies after a few characters. A branch that scans the line
(`^[^\\n]*sign up[^\\n]*newsletter`, `^[^.!?]+\\(photo`) stays alive to its end, and so do the
keywords it looks for and the phase it is in; in one set the live branches multiply, and nearly
every new paragraph builds states of its own (over 290,000 distinct benchmark lines, 20-35 us a
line read for the first time against 2 us once read, and the DFA's memory filled and reset
every ~100,000 lines). A scan-free run of a branch's items is matched by a substring of every
paragraph the branch matches, so searching for it alone, anywhere, is a necessary condition:
the branch's core. Cores are keywords and the marks around them, one phase each, and the set
holds line-start branches and cores apart (`split_by_anchor`), since the two kinds multiply
too when they share a DFA.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d+(?:,\d*)?\})\??")
# One character that opens no escape, class or group, with its quantifier: most of a pattern;
# and a run of them, split into its items in one call.
_PLAIN_ITEM = re.compile(rf"([^\\\[(])({_QUANTIFIER.pattern})?")
_PLAIN_RUN = re.compile(rf"(?:{_PLAIN_ITEM.pattern})+")
# Where reading a pattern's branches, or a group to its end, must stop: the characters that split
# branches, open an escape, class or group, or close a group. Those between are passed over together.
_BRANCH_MARK = re.compile(r"[|\\\[(]")
_GROUP_MARK = re.compile(r"[()\\\[]")
# A class whole: '[', '^' and a leading ']' (a member), then members up to the first ']': an
# escape read as `_escape_end` reads it, `[:name:]` up to the first ':]', any other character.
# Atomic, so a class that does not close where it should is refused, not read some other way.
_CLASS = re.compile(
    r"(?>\[\^?\]?)(?:[^\]\\\[]|\[(?!:)|(?>\[(?=:)[\s\S]*?:\])"
    r"|\\[xpP]\{[^}]*\}|\\x(?!\{)[\s\S]{2}|\\[pP](?!\{)[\s\S]|\\[^xpP])*+\]"
)
# A branch of plain characters only (a word of an alternation): every item a literal that must match.
_LITERAL = re.compile(r"[^\\\[()|*+?{}.^$]*")
_STANDALONE_FLAGS = re.compile(r"\(\?[a-zA-Z]+\)")
_GROUP_HEAD = re.compile(r"\(\?(?:P<[^>]+>|[a-zA-Z-]*:)")  # a named group's or a flag group's opening
_ASSERTIONS = ("^", "$", r"\A", r"\z", r"\b", r"\B")
_BROAD_ESCAPES = (r"\S", r"\W", r"\D", r"\C", r"\P")
Item = tuple[str, str]  # an atom (a character, escape, class or group) and its quantifier ('' for none)


def prefilter_branches(pattern: str) -> list[str]:
    """The pattern's top-level branches, each that scans the line replaced by its core (the
    heaviest scan-free run of its items, unanchored); a branch without a usable core as it is.

    A pattern that sets flags for the rest of itself (`(?i)`) stays whole: a run cut from it
    would lose them. So does one this reading of RE2's syntax cannot follow: a core is only ever
    a saving, never needed for a rule to work."""
    if _STANDALONE_FLAGS.search(pattern):
        return [pattern]
    try:
        return [_core(branch) for branch in _branches(pattern)]
    except (IndexError, ValueError):  # an unclosed class or group, or a brace without its end
        return [pattern]


def split_by_anchor(pattern_branches: list[str]) -> tuple[list[str], list[str]]:
    """The branches that start at the paragraph's start, and the others (cores found anywhere)."""
    return (
        [branch for branch in pattern_branches if branch.startswith("^")],
        [branch for branch in pattern_branches if not branch.startswith("^")],
    )


def branches(pattern: str) -> list[str]:
    """The pattern's alternatives at its top level (outside groups and classes)."""
    return list(_branches(pattern))


def items(sequence: str) -> list[Item]:
    """A branch's items in order: each atom with the quantifier after it."""
    return list(_items(sequence))


# Cached: finding the cores reads the same group bodies again at each level of nesting (once per
# pattern at load time, but 20,000 readings of the shipped rules' 104 patterns uncached).
@lru_cache(maxsize=4096)
def _branches(pattern: str) -> tuple[str, ...]:
    found, start, at = [], 0, 0
    while mark := _BRANCH_MARK.search(pattern, at):
        at = mark.start()
        if mark.group() == "|":
            found.append(pattern[start:at])
            start = at + 1
        at = _atom_end(pattern, at)
    found.append(pattern[start:])
    return tuple(found)


@lru_cache(maxsize=4096)
def _items(sequence: str) -> tuple[Item, ...]:
    found, at = [], 0
    while at < len(sequence):
        plain = _PLAIN_RUN.match(sequence, at)
        if plain:
            found.extend(_PLAIN_ITEM.findall(plain.group()))
            at = plain.end()
            continue
        end = _atom_end(sequence, at)
        quantifier = _QUANTIFIER.match(sequence, end)
        suffix = quantifier.group() if quantifier else ""
        found.append((sequence[at:end], suffix))
        at = end + len(suffix)
    return tuple(found)


def _core(branch: str) -> str:
    sequence = _items(branch)
    if not any(_scans(atom, quantifier) for atom, quantifier in sequence):
        return branch
    best = max(_runs(sequence), key=_weight, default=[])
    if _weight(best) == 0:
        return branch
    return "".join(atom + quantifier for atom, quantifier in best)


def _runs(sequence: Sequence[Item]) -> list[list[Item]]:
    """The scan-free runs of a sequence. A run may end in a group that scans, cut to what comes
    before the scan in each of its branches (`_cut_group`: a prefix of what the group matched);
    the runs of a group that must match, has one branch and sets no flags count too (a run
    inside it is a run of the text)."""
    found: list[list[Item]] = []
    current: list[Item] = []
    for atom, quantifier in sequence:
        if not _scans(atom, quantifier):
            current.append((atom, quantifier))
            continue
        cut = _cut_group(atom) if not _optional(quantifier) else None
        if cut is not None:
            current.append((cut, ""))
        if current:
            found.append(current)
        current = []
        body = _plain_group_body(atom)
        if body is not None and not _optional(quantifier) and len(_branches(body)) == 1:
            found.extend(_runs(_items(body)))
    if current:
        found.append(current)
    return found


def _cut_group(atom: str) -> str | None:
    """A group that scans, each of its branches cut before its first scan (a group scanning
    there cut the same way, and kept): it matches a prefix of whatever the group matches. None
    for anything else."""
    body = _group_body(atom) if atom.startswith("(") else None
    if body is None:
        return None
    cut_branches = []
    for branch in _branches(body):
        kept: list[str] = []
        for inner, quantifier in _items(branch):
            if not _scans(inner, quantifier):
                kept.append(inner + quantifier)
                continue
            inner_cut = _cut_group(inner) if not _optional(quantifier) else None
            if inner_cut is not None:
                kept.append(inner_cut)
            break
        cut_branches.append("".join(kept))
    return atom[: len(atom) - len(body) - 1] + "|".join(cut_branches) + ")"


@lru_cache(maxsize=4096)
def _scans(atom: str, quantifier: str) -> bool:
    """Whether the item can run on over the line: an open repeat of a broad atom (a negated class,
    any character), or a group holding one."""
    if atom.startswith("("):
        body = _group_body(atom)
        if body is None:
            return False
        inner = [item for branch in _branches(body) if not _LITERAL.fullmatch(branch) for item in _items(branch)]
        if _open(quantifier) and any(_broad(inner_atom) for inner_atom, _ in inner):
            return True
        return any(_scans(inner_atom, inner_quantifier) for inner_atom, inner_quantifier in inner)
    return _open(quantifier) and _broad(atom)


def _weight(run: Sequence[Item]) -> int:
    """How much a run narrows the search: the weight of each item that must match."""
    return sum(_atom_weight(atom) for atom, quantifier in run if not _optional(quantifier))


@lru_cache(maxsize=4096)
def _atom_weight(atom: str) -> int:
    """Literal characters count most, a group as its lightest branch, narrow classes some;
    assertions and broad classes nothing. Cached: every run holding a group weighs it again."""
    if atom in _ASSERTIONS or _broad(atom):
        return 0
    if atom.startswith("("):
        body = _group_body(atom)
        return 0 if body is None else min(map(_branch_weight, _branches(body)))
    return 1 if atom.startswith(("[", "\\")) or atom == "." else 3


def _branch_weight(branch: str) -> int:
    return 3 * len(branch) if _LITERAL.fullmatch(branch) else _weight(_items(branch))


def _broad(atom: str) -> bool:
    return atom.startswith("[^") or atom == "." or atom.startswith(_BROAD_ESCAPES)


def _open(quantifier: str) -> bool:
    bare = _greedy(quantifier)
    return bare in ("*", "+") or (bare.startswith("{") and bare.endswith(",}"))


def _optional(quantifier: str) -> bool:
    bare = _greedy(quantifier)
    return bare in ("?", "*") or bare.startswith("{0")


def _greedy(quantifier: str) -> str:
    """The quantifier without its lazy mark (`*?` -> `*`); a lone `?` is a quantifier itself."""
    return quantifier[:-1] if len(quantifier) > 1 and quantifier.endswith("?") else quantifier


def _group_body(atom: str) -> str | None:
    """The inside of a group atom; None for a flags-only group such as `(?i)`."""
    if not atom.startswith("(?"):
        return atom[1:-1]
    head = _GROUP_HEAD.match(atom)
    return atom[head.end() : -1] if head else None


def _plain_group_body(atom: str) -> str | None:
    """The inside of a group that sets no flags (`(?:...)` or a capture), else None."""
    if atom.startswith("(?:"):
        return atom[3:-1]
    if atom.startswith("(") and not atom.startswith("(?"):
        return atom[1:-1]
    return None


def _atom_end(pattern: str, at: int) -> int:
    """The index just after the atom starting at `at`."""
    char = pattern[at]
    if char == "\\":
        return _escape_end(pattern, at)
    if char == "[":
        return _class_end(pattern, at)
    if char == "(":
        return _group_end(pattern, at)
    return at + 1


def _escape_end(pattern: str, at: int) -> int:
    letter = pattern[at + 1 : at + 2]
    if letter in ("x", "p", "P") and pattern[at + 2 : at + 3] == "{":
        return pattern.index("}", at) + 1
    if letter == "x":
        return at + 4
    if letter in ("p", "P"):
        return at + 3
    return at + 2


def _class_end(pattern: str, at: int) -> int:
    whole = _CLASS.match(pattern, at)
    if whole is None:
        raise ValueError("a class without its end")
    return whole.end()


def _group_end(pattern: str, at: int) -> int:
    depth, end = 0, at
    while True:
        end = _next_mark(_GROUP_MARK, pattern, end)
        char = pattern[end]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return end + 1
        end = _atom_end(pattern, end) if char in "\\[" else end + 1


def _next_mark(marks: re.Pattern[str], pattern: str, at: int) -> int:
    """Where the next of these characters stands from `at` on; IndexError when none is left,
    like reading one character at a time past the end."""
    mark = marks.search(pattern, at)
    if mark is None:
        raise IndexError("pattern ends inside a class or group")
    return mark.start()
