"""Rules as code: load and validate rule files (`load`), apply text rules (`text`) and DOM rules
(`dom`), find which rules can match a text (`prefilter`), check rules on their examples (`check`).

The rule files themselves are data in the top-level `rules/` folder, shipped as `cleaner.rulefiles`.
"""
