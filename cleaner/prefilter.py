"""Which rules can match a paragraph, found in one pass: one RE2 set search per paragraph
instead of one search per rule. Rules only run on paragraphs their pattern can match."""

from __future__ import annotations

from collections.abc import Sequence

import re2

from .patterns import engine_of
from .ruleset import Rule


class RulePrefilter:
    """Built once for an ordered list of text rules; answers `may_match(rule, text)`."""

    def __init__(self, rules: Sequence[Rule]):
        options = re2.Options()
        options.log_errors = False
        self._set = re2.Set.SearchSet(options)
        self._slot: dict[str, int] = {}
        for rule in rules:
            if engine_of(rule.pattern) == "re2":
                self._slot[rule.id] = self._set.Add(rule.pattern.pattern)
        self._set.Compile()

    def may_match(self, rule: Rule, text: str, memo: dict[str, frozenset[int]]) -> bool:
        """False only when the rule's own pattern cannot be found in the text.

        `memo` belongs to one document: the same paragraph texts come back pass after pass.
        """
        slot = self._slot.get(rule.id)
        if slot is None:
            return True
        found = memo.get(text)
        if found is None:
            found = memo[text] = frozenset(self._set.Match(text) or ())
        return slot in found
