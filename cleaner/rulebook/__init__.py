"""Rules as code: each kind of rule a class with its own `apply` and `check` (`rule`, `text`,
`dom`, `steps`); loading and validating rule files (`load`); finding which text rules can match
(`prefilter`); checking every rule on its examples (`check`).

The rule files themselves are data in the top-level `rules/` folder, shipped as `cleaner.rulefiles`;
the built-in steps' entries are `steps.yaml` here. Nothing in this package imports trafilatura.
"""
