"""Which rules (and which sites' signatures) can match a paragraph, found in one pass: two RE2
set searches per paragraph instead of one search per pattern. The rules' sets hold each pattern
widened (`patterns.widened`) and each of its branches cut to its core (`cores`): they may name a
rule whose own pattern then finds nothing, never leave out one that would."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import re2

from ..patterns import PATTERN_CACHE, SET_MAX_MEM, Pattern, re2_options, widened
from .cores import prefilter_branches, split_by_anchor

if TYPE_CHECKING:  # text rules are searched through a prefilter, so text cannot be imported here at run time
    from .text import TextRule as Rule

logger = logging.getLogger(__name__)
_NO_IDS: frozenset[str] = frozenset()


class RulePrefilter:
    """Built once for an ordered list of text rules; answers `may_match(rule, text)`.

    The rules' patterns go into two RE2 sets, each branch cut to its core (`cores`): the branches
    that start at the paragraph's start in one, the cores found anywhere in the other. A rule may
    match a paragraph where either set finds one of its branches.

    A site's prefilter takes the generic rules' prefilter as `base`: base answers for the rules it
    holds, so each site set compiles only its own few patterns, not every generic one again (a
    set of every generic pattern costs a few MB and a fraction of a second to compile).
    """

    def __init__(self, rules: Sequence[Rule], base: RulePrefilter | None = None):
        self._base = base
        inherited = base.screened if base is not None else frozenset()
        own = [rule for rule in rules if rule.id not in inherited]
        self._ids = [rule.id for rule in own]
        self._line_start, self._anywhere = _OwnedSet(), _OwnedSet()
        screened = set(self._ids)
        for index, rule in enumerate(own):
            assert rule.pattern is not None  # text rules always have one
            if not self._add(index, rule.pattern.pattern):
                screened.discard(rule.id)  # never ruled out
        self._sets: tuple[_OwnedSet, ...] = (self._line_start, self._anywhere)
        if not (self._line_start.compile() and self._anywhere.compile()):
            logger.warning("the text rules are too large for one RE2 set; each rule searches every paragraph")
            screened.clear()
            self._sets = ()
        # The ids of the rules it can rule out (`screens`): its own and its base's.
        self.screened: frozenset[str] = inherited | screened

    def _add(self, index: int, pattern: str) -> bool:
        """The pattern's branches, widened and cut to their cores, into the set of their kind; the
        pattern whole when RE2 refuses one of them (a widening of a repeat of a repeat). False
        when RE2 refuses that too."""
        line_start, anywhere = set_branches(pattern)
        added = all(self._line_start.add(index, branch) for branch in line_start) and all(
            self._anywhere.add(index, branch) for branch in anywhere
        )
        return added or self._anywhere.add(index, pattern)

    def may_match(self, rule: Rule, text: str, memo: dict[str, frozenset[str]]) -> bool:
        """False only when the rule's own pattern cannot be found in the text."""
        return rule.id in self.may_hold(text, memo) or rule.id not in self.screened

    def may_hold(self, text: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
        """The ids of the screened rules (see `screens`) whose pattern may be found in the text.

        `memo` belongs to one document: the same paragraph texts come back rule after rule.
        """
        found = memo.get(text)
        if found is None:
            found = memo[text] = self._found(text.encode())
        return found

    def _found(self, encoded: bytes) -> frozenset[str]:
        """The may_hold of a text (UTF-8), this prefilter's rules and its base's."""
        owners = [owner for found_set in self._sets for owner in found_set.owners(encoded)]
        found = frozenset([self._ids[owner] for owner in owners]) if owners else _NO_IDS
        if self._base is None:
            return found
        inherited = self._base._found(encoded)
        return found | inherited if found else inherited

    def screens(self, rule: Rule) -> bool:
        """True when `may_match` can rule the rule out (its pattern is in this prefilter's sets or the base's)."""
        return rule.id in self.screened

    def candidates(self, texts: Sequence[str], memo: dict[str, frozenset[str]]) -> set[str]:
        """The ids of the rules it screens whose pattern may be found in any of the texts."""
        try:  # asked again after every rule that ran: the texts are mostly in the memo by then
            return set().union(*map(memo.__getitem__, texts))
        except KeyError:
            return set().union(*(self.may_hold(text, memo) for text in texts))


@lru_cache(maxsize=PATTERN_CACHE)
def set_branches(pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the sets hold for an RE2 pattern: its branches widened and cut to their cores, those
    anchored at the line's start and the others. Kept by the pattern's text, as compiled patterns are."""
    line_start, anywhere = split_by_anchor(prefilter_branches(widened(pattern)))
    return tuple(line_start), tuple(anywhere)


class _OwnedSet:
    """An RE2 set of pattern branches, each naming the rule (by index) it came from."""

    def __init__(self) -> None:
        self._set = re2.Set.SearchSet(re2_options(SET_MAX_MEM))
        self._owner_of: list[int] = []

    def add(self, owner: int, branch: str) -> bool:
        """False when RE2 refuses the branch."""
        try:
            self._set.Add(branch)
        except re2.error:
            return False
        self._owner_of.append(owner)
        return True

    def compile(self) -> bool:
        """False when the branches are too large for one set."""
        try:
            self._set.Compile()
        except re2.error:
            return False
        return True

    def owners(self, encoded: bytes) -> list[int]:
        """The owners of the branches found in the text (UTF-8)."""
        return [self._owner_of[slot] for slot in self._set.Match(encoded) or ()]


class SignatureIndex:
    """Which sites' signature patterns appear in a document: one RE2 set search per paragraph."""

    def __init__(self, signatures: Sequence[Sequence[Pattern]]):
        self._set = re2.Set.SearchSet(re2_options(SET_MAX_MEM))
        self._owner: list[int] = []
        for site, patterns in enumerate(signatures):
            for pattern in patterns:
                self._set.Add(pattern.pattern)
                self._owner.append(site)
        self._set.Compile()

    def claimed(self, paragraphs: Sequence[str]) -> set[int]:
        """Indexes of the sites whose signature any paragraph carries."""
        return {self._owner[slot] for text in paragraphs for slot in (self._set.Match(text) or ())}
