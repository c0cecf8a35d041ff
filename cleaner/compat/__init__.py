"""Where cleaner leans on other libraries' private or unstable parts, one module per library.

Each module imports the private names cleaner uses, says which version they were checked
against, and is the only place the rest of the package reaches them from; tests/test_compat.py
checks the installed versions and exercises every name, so a bump that moves one fails there,
naming what to re-check, instead of somewhere deep in extraction or language detection.
"""
