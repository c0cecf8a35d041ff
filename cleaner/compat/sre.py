"""CPython's regex parser (`re._parser`, `re._constants`): private, and reshaped between minor versions.

patterns.py reads a pattern's parse tree to refuse what RE2 cannot run and to count what
counted repeats add. What it relies on: `parser.parse(pattern)` giving a SubPattern with
`.data` (a list of (opcode, argument) pairs) and `.state` (`.flags`, `.groups`, `.groupdict`),
and the opcodes below with the argument shapes patterns.py unpacks. Checked on CPython 3.11;
the typeshed stubs of the deprecated `sre_parse`/`sre_constants` describe the same modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sre_constants as opcodes
    import sre_parse as parser
else:
    from re import _constants as opcodes
    from re import _parser as parser

# The Python versions whose parser shapes were checked (tests/test_compat.py).
CHECKED_PYTHONS = ((3, 11),)

__all__ = ["CHECKED_PYTHONS", "opcodes", "parser"]
