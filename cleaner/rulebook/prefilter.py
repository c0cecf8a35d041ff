"""Which rules (and which sites' signatures) can match a paragraph, found in one pass: one RE2
set search per paragraph instead of one search per pattern. The rules' set holds each pattern
widened (`patterns.widened`): it may name a rule whose own pattern then finds nothing, never
leave out one that would."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import re2

from ..patterns import SET_MAX_MEM, Pattern, re2_options, widened

if TYPE_CHECKING:  # text rules are searched through a prefilter, so text cannot be imported here at run time
    from .text import TextRule as Rule

logger = logging.getLogger(__name__)


class RulePrefilter:
    """Built once for an ordered list of text rules; answers `may_match(rule, text)`.

    A site's prefilter takes the generic rules' prefilter as `base`: base answers for the rules it
    holds, so each site set compiles only its own few patterns, not every generic one again (a
    set of every generic pattern costs a few MB and a fraction of a second to compile).
    """

    def __init__(self, rules: Sequence[Rule], base: RulePrefilter | None = None):
        self._base = base
        self._set = re2.Set.SearchSet(re2_options(SET_MAX_MEM))
        self._slot: dict[str, int] = {}
        for rule in rules:
            if base is not None and rule.id in base._slot:
                continue
            assert rule.pattern is not None  # text rules always have one
            self._slot[rule.id] = self._add(rule.pattern.pattern)
        try:
            self._set.Compile()
        except re2.error:  # too many large patterns for one set: correct without it, only slower
            logger.warning("the text rules are too large for one RE2 set; each rule searches every paragraph")
            self._slot.clear()
        self._id_of = {slot: rule_id for rule_id, slot in self._slot.items()}

    def _add(self, pattern: str) -> int:
        """The pattern's slot; the set holds it widened (patterns.widened), which keeps the set's DFA small."""
        try:
            return self._set.Add(widened(pattern))
        except re2.error:  # a widening RE2 refuses (a repeat of a repeat): the pattern as it is
            return self._set.Add(pattern)

    def may_match(self, rule: Rule, text: str, memo: dict[tuple[int, str], frozenset[int]]) -> bool:
        """False only when the rule's own pattern cannot be found in the text.

        `memo` belongs to one document: the same paragraph texts come back pass after pass.
        """
        if self._base is not None and rule.id in self._base._slot:
            return self._base.may_match(rule, text, memo)
        slot = self._slot.get(rule.id)
        if slot is None:
            return True
        return slot in self._found(text, memo)

    def _found(self, text: str, memo: dict[tuple[int, str], frozenset[int]]) -> frozenset[int]:
        """The slots of this set's patterns found in the text, searched once per document."""
        key = (id(self), text)
        found = memo.get(key)
        if found is None:
            found = memo[key] = frozenset(self._set.Match(text) or ())
        return found

    def screens(self, rule: Rule) -> bool:
        """True when `may_match` can rule the rule out (its pattern is in this set or the base's)."""
        return rule.id in self._slot or (self._base is not None and self._base.screens(rule))

    def candidates(self, texts: Sequence[str], memo: dict[tuple[int, str], frozenset[int]]) -> set[str]:
        """The ids of the rules whose pattern may be found in any of the texts."""
        ids = self._base.candidates(texts, memo) if self._base is not None else set()
        slots = set().union(*(self._found(text, memo) for text in texts))
        ids.update(self._id_of[slot] for slot in slots)
        return ids


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
