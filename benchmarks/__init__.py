"""Quality and speed benchmarks for cleaner against open extractors (scripts, not tests)."""
